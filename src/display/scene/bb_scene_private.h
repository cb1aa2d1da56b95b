/*
 * bb_scene_private.h: the inside of a scene, shared by bb_scene_core.c and
 * the one-file-per-slide-type builders (bb_slide_*.c), and read by tests.
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
#include "bb_scene.h"
#include "bb_talk.h"
#include "bb_text.h"

#define SCENE_MAX_ITEMS 96
#define SCENE_MAX_FILLS 32
#define SCENE_MAX_LIVE 24
#define SCENE_MAX_BOXES 96

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
} scene_metrics;

struct bb_scene {
    SDL_Renderer *renderer;
    bb_fonts *fonts;
    const bb_config *cfg;
    const bb_slide *slide;   /* NULL for the BB_SCENE_IDLE scene */
    int index;
    int w, h;
    scene_metrics m;

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
    /* room slides: the talks shown as now and next (bb_room_view), to tell
     * when the scene is out of date (bb_scene_stale) */
    int room_now, room_next;
    bool room_unsynced;
    /* the scene's language is written right to left: builders lay out as
     * for a left-to-right one, then bb_scene_create mirrors every part */
    bool mirror;
};

/* Builders: one per slide type.  Return 0, or -1 when the renderer fails. */
int bb_slide_build_takeaways(bb_scene *s);
int bb_slide_build_stat(bb_scene *s);
int bb_slide_build_quote(bb_scene *s);
int bb_slide_build_countdown(bb_scene *s, const bb_frame_clock *clock);
int bb_slide_build_agenda(bb_scene *s, const bb_frame_clock *clock);
int bb_slide_build_image(bb_scene *s);
/* The no-eligible-slide screen (BB_SCENE_IDLE); s->slide is NULL. */
int bb_slide_build_idle(bb_scene *s, const bb_frame_clock *clock);
int bb_slide_build_room(bb_scene *s, const bb_frame_clock *clock);

/* ---- helpers for builders (bb_scene_core.c) ---- */

SDL_Color bb_scene_color(bb_rgb rgb);

/*
 * Fit `text` into box (largest size in [min_px, max_px], wrapping, then an
 * ellipsis), render it, add it as an item aligned in the box, top-aligned.
 * max_lines 0 = any.  balance evens out the lines of headings and quotes.
 * Returns the height used in px (0 for empty text), or -1 on renderer/font
 * failure.  *px_out (may be NULL) gets the size chosen.
 */
int bb_scene_text(bb_scene *s, const char *text, bb_weight weight, SDL_Color color,
                  bb_align align, SDL_Rect box, int max_px, int min_px, int max_lines,
                  bool balance, int *px_out);

/* A list slide's one-line heading at the top of `box` (at most a fifth of
 * its height); *y moves below it and the gap.  Returns 0, or -1 on
 * renderer/font failure. */
int bb_scene_heading(bb_scene *s, const char *title, SDL_Rect box, int *y);

/* Add an already laid-out block at (x, y) inside a box box_w wide. */
int bb_scene_layout_item(bb_scene *s, const bb_layout *layout, bb_weight weight,
                         SDL_Color color, bb_align align, int x, int y, int box_w);

void bb_scene_fill(bb_scene *s, SDL_Rect rect, SDL_Color color);

/* Everything added so far; what is added after it can be moved as a group. */
scene_mark bb_scene_mark(const bb_scene *s);

/* Move everything added since `from` down by dy pixels (measure, then
 * place: a block is laid out from y = 0 or the top, then centred). */
void bb_scene_shift_since(bb_scene *s, scene_mark from, int dy);

/* Move what was added between two marks down by dy pixels. */
void bb_scene_shift_range(bb_scene *s, scene_mark from, scene_mark to, int dy);

/*
 * Draw only rows [top, bottom) of the last item added (and shrink its box
 * to them): for a display glyph whose line box is far taller than its ink,
 * so the text beside it can come close without the boxes overlapping.
 */
void bb_scene_crop_last(bb_scene *s, int top, int bottom);

/* Add a live text; its first text is set by bb_scene_update at creation. */
scene_live *bb_scene_live_add(bb_scene *s, scene_live_kind kind, int talk, SDL_Rect box,
                              const bb_text_style *style, SDL_Color urgent);

/* Where a live text draws now, relative to the scene's top-left: inside
 * its reserved box, as wide as its current text (empty when it draws
 * nothing).  bb_scene_draw uses it; layout tests check it. */
SDL_Rect bb_scene_live_rect(const scene_live *l);

/* Note a text that did not fit (for --check and the log). */
void bb_scene_note_overflow(bb_scene *s, const char *what);

/* "Mon 10 Jan 09:00" of an instant in a zone, in the scene's language and
 * clock format; returns the offset used. */
int bb_scene_format_local(const bb_scene *s, bb_instant t, const bb_tz *tz, bool with_date,
                          char *buf, size_t len);

/* The language of the scene's own words (its slide's `lang`, else
 * display.language, else "en"); never NULL. */
const char *bb_scene_lang(const bb_scene *s);

/* A translated message of the scene's language (bb_tr). */
const char *bb_scene_tr(const bb_scene *s, const char *msgid);

#endif
