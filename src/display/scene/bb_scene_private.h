/*
 * bb_scene_private.h: the inside of a scene and the slide-type class, shared
 * by bb_scene.c (the dispatcher), bb_scene_build.c (the builders' helpers)
 * and the one-file-per-slide-type builders (bb_slide_*.c), and read by
 * tests.  Types only: the functions are in bb_scene.h and bb_scene_build.h.
 *
 * A scene is a list of pre-rendered textures at fixed places, a few filled
 * rectangles, and "live" texts that change while the slide shows (a
 * countdown, an agenda row's "in 3 h").  Builders add these once, at
 * creation; per frame only the live texts are refreshed, and only when their
 * text actually changed.
 */
#ifndef BB_SCENE_PRIVATE_H
#define BB_SCENE_PRIVATE_H

#include "bb_digits.h"
#include "bb_feedcache.h"
#include "bb_floor.h"
#include "bb_picture.h"
#include "bb_scene.h"
#include "bb_talk.h"
#include "bb_text.h"

#define SCENE_MAX_ITEMS 96
#define SCENE_MAX_FILLS 96   /* rows' highlights, panels, change badges (2 each) */
#define SCENE_MAX_LIVE 24
#define SCENE_MAX_BOXES 96
#define SCENE_MAX_BADGES 24
#define SCENE_BADGE_TEXT 160   /* BB_CHANGE_TEXT_BUF */

/* What a live text shows. */
typedef enum scene_live_kind {
    LIVE_COUNTDOWN,     /* bb_talk_countdown text of `talk` */
    LIVE_RELATIVE,      /* bb_talk_relative text of `talk` */
    LIVE_STATE_LABEL    /* the small word above a countdown: "STARTS IN", "LIVE NOW" */
} scene_live_kind;

typedef struct scene_item {
    SDL_Texture *tex;
    SDL_Rect src;        /* the part of tex drawn; w == 0: all of it */
    SDL_Rect dst;        /* relative to the scene's top-left */
    int px;              /* the text's size (0: not text) */
    bb_text_role role;   /* what the floor asks of it */
} scene_item;

typedef struct scene_fill {
    SDL_Rect rect;
    SDL_Color color;
} scene_fill;

typedef struct scene_live {
    scene_live_kind kind;
    int talk;                    /* index into cfg->talks */
    SDL_Rect box;                /* where it may draw */
    bb_text_style style;
    SDL_Color normal, urgent;    /* urgent: imminent/live/cancelled */
    bb_digits *digits;           /* owned; when set, digit-only texts draw from it */
    char text[BB_COUNTDOWN_BUF]; /* what is drawn now */
    bb_talk_state state;
    SDL_Texture *tex;            /* rendered `text` when not drawn from digits */
    int tex_w, tex_h;
    int drawn_px;                /* the size its text is drawn at now, px (0: none) */
    int box_index;               /* its reserved box in boxes[], or -1 */
    bool labelled;               /* a state word sits above it: "2 d 03:14:05", no "in" */
} scene_live;

/* How much a scene held at some point of its building (bb_scene_mark). */
typedef struct scene_mark {
    int items, fills, live, boxes;
} scene_mark;

/* Type scale and spacing of a scene, derived from its area. */
typedef struct scene_metrics {
    int u;            /* the area's shorter side, px */
    int pad_x, pad_y; /* outer margins */
    int gap;          /* space between blocks */
    int min_px;       /* smallest text readable from five metres */
    int title_px;     /* headings */
    int body_px;      /* bullets, captions */
    int small_px;     /* sources, secondary lines */
    bb_floor floor;   /* the screen's legibility floor (bb_floor.h): no text below */
} scene_metrics;

/*
 * A slide type: what a scene of that type does beyond the parts every scene
 * has (items, fills, live texts), after lv_obj_class_t.  One static const
 * instance per type, in the type's bb_slide_*.c, listed in
 * bb_slide_table.c.  Only build is required.
 */
typedef struct bb_scene_class {
    /* Lay out and pre-render s->slide (NULL for the idle scene) into
     * s->w x s->h with the helpers of bb_scene_build.h, at clock.  Content
     * problems are drawn as placeholders; returns 0, or -1 when the
     * renderer fails or memory runs out (SDL_GetError() says why). */
    int (*build)(bb_scene *s, const bb_frame_clock *clock);
    /* Is the scene out of date at clock in a way its live texts cannot
     * show, so the caller must build it again?  NULL: never. */
    bool (*stale)(const bb_scene *s, const bb_frame_clock *clock);
    /* Extra drawing after the common parts, with the scene's top-left at
     * (x, y) and opacity alpha; only inside the parts the scene added (so
     * the compositor's damage covers it).  NULL: none. */
    void (*draw)(const bb_scene *s, SDL_Renderer *r, int x, int y, Uint8 alpha);
    /* Free s->priv and whatever else build made outside the common parts;
     * also called on a half-built scene.  NULL: nothing to free. */
    void (*destroy)(bb_scene *s);
} bb_scene_class;

struct bb_scene {
    SDL_Renderer *renderer;
    bb_fonts *fonts;
    const bb_config *cfg;
    const bb_slide *slide;   /* NULL for the BB_SCENE_IDLE scene */
    int index;
    int page, pages;         /* the page this scene shows, of how many (list slides page) */
    int w, h;
    scene_metrics m;
    bb_text_role role;       /* the role of the texts being added (builders set it) */

    scene_item items[SCENE_MAX_ITEMS];
    int n_items;
    scene_fill fills[SCENE_MAX_FILLS];
    int n_fills;
    scene_live live[SCENE_MAX_LIVE];
    int n_live;

    SDL_Rect boxes[SCENE_MAX_BOXES];  /* every text's laid-out box, for layout tests */
    int n_boxes;
    char *texts[SCENE_MAX_ITEMS];     /* every static text as given (owned): what the
                                         slide says, for tests of its words */
    int n_texts;
    bool overflow;        /* some text did not fit at the minimum size (ellipsised) */
    char overflow_what[64];
    bool ticks_seconds;   /* a live text changes every second */
    /* lists (agenda, board): the instant their rows change (a talk starts
     * or leaves); 0 never.  bb_scene_list_stale reads it. */
    bb_instant stale_at;
    /* the change badges drawn (bb_scene_change_badge), their words, for
     * tests and the log */
    char badges[SCENE_MAX_BADGES][SCENE_BADGE_TEXT];
    int n_badges;
    /* the scene's language is written right to left: builders lay out as
     * for a left-to-right one, then bb_scene_create mirrors every part */
    bool mirror;
    /* laid out only (bb_scene_spec.layout_only): texts have their sizes and
     * no textures; the scene is measured, never drawn */
    bool layout_only;
    /* built while a picture or feed of it was still being decoded in the
     * background (bb_picture, bb_feedcache: pending): out of date once
     * bb_scene_decode_generation moves past awaiting_gen */
    bool awaiting;
    unsigned awaiting_gen;

    const bb_scene_class *cls;  /* the slide type's: static, never NULL once built */
    void *priv;                 /* the type's own state, owned: its destroy frees it */
};

/* A number that changes whenever a background decode -- a picture's
 * (bb_picture_generation) or a feed's (bb_feedcache_generation) -- ends:
 * what a waiting scene's awaiting_gen is compared with.  Both only ever go
 * up, so their sum moves whenever either does.  Inline: the slide types
 * and bb_scene both use it, and neither may call the other's. */
static inline unsigned bb_scene_decode_generation(void)
{
    return bb_picture_generation() + bb_feedcache_generation();
}

#endif
