/*
 * bb_scene: one slide, laid out for one screen area and pre-rendered.
 *
 * A scene is created when its slide's content or the screen size changes --
 * that is when all text is fitted and rendered into textures.  Per frame only
 * the live parts (a countdown ticking, agenda relative times) are redrawn,
 * from the digit cache.  Drawing only reads the scene.
 */
#ifndef BB_SCENE_H
#define BB_SCENE_H

#include <SDL.h>
#include <stdbool.h>

#include "bb_clock.h"
#include "bb_config.h"

typedef struct bb_scene bb_scene;
typedef struct bb_fonts bb_fonts;


/* The index of the scene shown when no slide is eligible: the next talk,
 * large, with a live "in 2 d 3 h", or a line saying nothing is scheduled. */
#define BB_SCENE_IDLE (-1)

/*
 * Lay out and pre-render slide `index` of cfg (or BB_SCENE_IDLE) into an
 * area of w x h pixels
 * (the slide area: the screen inside the safe area, minus the footer).
 * cfg and fonts are borrowed and must outlive the scene.  Content problems
 * (a missing image, text that cannot fit) never fail: they are logged once
 * and drawn as a visible placeholder.  Returns NULL only when out of memory
 * or the renderer fails (SDL_GetError() says why).
 */
bb_scene *bb_scene_create(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                          int index, int w, int h, const bb_frame_clock *clock);

/* Which scene to make, and for what screen. */
typedef struct bb_scene_spec {
    int index;               /* slide index, or BB_SCENE_IDLE */
    int page;                /* 0-based page of a list slide that pages; 0 otherwise */
    int w, h;                /* the slide area, px */
    int screen_w, screen_h;  /* the logical canvas (rotated): the legibility
                                floor's basis (bb_floor.h); 0 = the area's */
    bool layout_only;        /* lay out, make no pictures of text: every part
                                gets the size its picture would have (--check,
                                which only asks what fits); never drawn */
} bb_scene_spec;

/*
 * bb_scene_create for one page of a slide on a screen of the given size:
 * no text is laid out below that screen's legibility floor.  A page past
 * the last shows the last.  Ownership and failure as bb_scene_create
 * (which is this with page 0 and the area as the screen).
 */
bb_scene *bb_scene_make(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                        const bb_scene_spec *spec, const bb_frame_clock *clock);

/* How many pages the scene's slide has at this size and instant (>= 1);
 * NULL is 1. */
int bb_scene_pages(const bb_scene *scene);

/* The page it shows (0-based). */
int bb_scene_page(const bb_scene *scene);

void bb_scene_destroy(bb_scene *scene);

/*
 * Bring the live parts to `clock`.  Returns true when what the scene would
 * draw changed (so the caller redraws), false when nothing visible changed.
 * *dirty (may be NULL) then gets the part that changed, relative to the
 * scene's top-left: the boxes of the live texts that changed.  Makes no SDL
 * calls beyond texture updates of its own cached parts.
 */
bool bb_scene_update(bb_scene *scene, const bb_frame_clock *clock, SDL_Rect *dirty);

/* The part of the scene's area it draws on (its texts, fills and live
 * texts' boxes), relative to its top-left; empty for an empty scene. */
SDL_Rect bb_scene_bounds(const bb_scene *scene);

/* The rectangles the scene draws in (fills, texts, live texts where they
 * are now), relative to its top-left, into out[0..max); returns how many
 * there are (may exceed max: then out holds the first max). */
int bb_scene_parts(const bb_scene *scene, SDL_Rect *out, int max);

/* Draw the scene with its top-left at (x, y), at opacity alpha (0-255). */
void bb_scene_draw(const bb_scene *scene, SDL_Renderer *renderer, int x, int y, Uint8 alpha);

/*
 * Is the scene out of date at `clock` in a way its live texts cannot show
 * -- a room slide whose talk on now or next has changed, a picture it was
 * waiting for decoded -- so the caller must make it again?  Asks the slide
 * type (its class's stale) too; false for NULL.
 */
bool bb_scene_stale(const bb_scene *scene, const bb_frame_clock *clock);

/* Was the scene made while a picture of it was still being decoded in the
 * background (it shows the picture's last good version, or none)?  Once a
 * decode ends, bb_scene_stale says so and the scene is made again; until
 * then it counts as waiting -- also in the moment between a decode's end
 * and the scene made again.  False for NULL. */
bool bb_scene_waiting(const bb_scene *scene);

/* Milliseconds from clock until the scene's live parts next change (e.g.
 * to the next wall-clock second for a countdown), or -1 when it is static. */
int bb_scene_ms_until_change(const bb_scene *scene, const bb_frame_clock *clock);

#endif
