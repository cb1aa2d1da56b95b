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

#include "bb_config.h"

typedef struct bb_scene bb_scene;
typedef struct bb_fonts bb_fonts;

/* What the live parts of a scene need to know at a frame. */
typedef struct bb_frame_clock {
    bb_instant wall;      /* the wall clock, seconds */
    bool synced;          /* can the wall clock be trusted? */
} bb_frame_clock;

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
 * -- a room slide whose talk on now or next has changed -- so the caller
 * must make it again?  Asks the slide type (its class's stale); false for
 * types that never go stale, and for NULL.
 */
bool bb_scene_stale(const bb_scene *scene, const bb_frame_clock *clock);

/* Milliseconds until the scene's live parts next change (e.g. to the next
 * wall-clock second for a countdown), or -1 when it is static. */
int bb_scene_ms_until_change(const bb_scene *scene, int ms_to_next_second);

#endif
