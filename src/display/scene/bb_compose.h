/*
 * bb_compose: one frame of the display, put together on the logical canvas.
 *
 * The compositor owns the scenes on screen -- the current slide, the one a
 * transition is leaving, and the one predicted to come next (built ahead so
 * a transition never starts with a stall) -- plus the footer and the small
 * "config error" marker.  A scene is made once per appearance of its slide
 * (and again after a reload or a lost renderer), never per frame.
 *
 * prepare() makes and drops scenes, update() brings the live parts to the
 * frame's clock, draw() only reads.  Transitions: cut; fade (the outgoing
 * slide fades out to the background, then the incoming one fades in -- two
 * slides of text overlapping at half strength read as a smudge); slide (both
 * move horizontally with ease-in-out, clipped to the slide area).
 */
#ifndef BB_COMPOSE_H
#define BB_COMPOSE_H

#include <SDL.h>
#include <stdbool.h>

#include "bb_config.h"
#include "bb_cycle.h"
#include "bb_damage.h"
#include "bb_scene.h"

typedef struct bb_compose bb_compose;

/* Scenes kept at most: current, previous (in a transition), next. */
#define BB_COMPOSE_MAX_SCENES 3

/* Counters for tests and debug logging: they must stay flat over hours. */
typedef struct bb_compose_stats {
    int scenes_created, scenes_destroyed;   /* since creation */
    int scenes_live;
    int textures_created, textures_destroyed; /* the compositor's own (marker) */
    int footers_created, footers_destroyed;
} bb_compose_stats;

/*
 * A compositor for a lw x lh logical canvas.  renderer, fonts and cfg are
 * borrowed and must outlive it (or be replaced with bb_compose_set_config).
 * Makes no texture yet.  Returns NULL when out of memory.
 */
bb_compose *bb_compose_create(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                              int lw, int lh);

/* Destroys every scene and texture; NULL is a no-op. */
void bb_compose_destroy(bb_compose *c);

/* The area slides are laid out in (inside the safe area, above the footer),
 * in logical pixels. */
SDL_Rect bb_compose_slide_area(const bb_compose *c);

/*
 * Make sure the scenes `view` shows exist (the page it shows), and the
 * scene of slide `next_hint` (-1: none) when the frame has time for it --
 * or, while the current slide has a page after this one, that page's; drop
 * every other scene.  Creating scenes makes textures: this is the only place, besides the
 * footer's, where the compositor does.  Returns true when a scene that is on
 * screen was (re)made, so the frame must be redrawn.
 */
bool bb_compose_prepare(bb_compose *c, const bb_cycle_view *view, int next_hint,
                        const bb_frame_clock *clock);

/* Bring the live parts of the visible scenes and the footer to `clock`.
 * Returns true when anything on screen changed. */
bool bb_compose_update(bb_compose *c, const bb_cycle_view *view, const bb_frame_clock *clock);

/* The slide built ahead (not on screen) when its scene is still waiting
 * for a picture decoded in the background (bb_scene_waiting), else -1: the
 * caller lets the cycle pass over it this round (bb_cycle_set_unready). */
int bb_compose_waiting_ahead(const bb_compose *c);

/* Where the slides of `view` draw on the canvas (the bounds of their
 * scenes; the whole slide area while slides move, or when a scene is not
 * made yet): what a change of view repaints. */
SDL_Rect bb_compose_view_area(const bb_compose *c, const bb_cycle_view *view);

/* How many pages slide index has, as its scene was laid out (0 when no
 * scene of it is made): the caller tells the cycle (bb_cycle_set_pages). */
int bb_compose_pages(const bb_compose *c, int index);

/* What changed on the canvas since the last call (scenes made, live texts,
 * the footer, the marker), in canvas pixels; the record starts empty again.
 * The caller adds "everything" when the view itself changed. */
void bb_compose_take_damage(bb_compose *c, bb_damage *out);

/* Draw the frame into the current render target (the canvas), within its
 * clip rectangle when one is set (a partial redraw).  backward:
 * a slide transition moves right (the operator went to the previous slide). */
void bb_compose_draw(bb_compose *c, const bb_cycle_view *view, bool backward);

/* Milliseconds from clock until a visible live part changes (a
 * countdown's or the footer clock's next second); -1 when the visible
 * frame is static. */
int bb_compose_ms_until_change(const bb_compose *c, const bb_cycle_view *view,
                               const bb_frame_clock *clock);

/* Swap the config (and fonts, which may be the same): drops every scene and
 * the footer, remade by the next prepare.  The old config may die after
 * this call. */
void bb_compose_set_config(bb_compose *c, const bb_config *cfg, bb_fonts *fonts);

/* A new canvas size (rotation changed): drops everything, as above. */
void bb_compose_set_size(bb_compose *c, int lw, int lh);

/* The renderer lost its textures (SDL_RENDER_TARGETS_RESET / DEVICE_RESET):
 * drop everything; prepare remakes it. */
void bb_compose_drop_textures(bb_compose *c);

/* Show the small amber marker with `text` in the top-right corner of the
 * safe area, or hide it (NULL).  The text is copied. */
void bb_compose_set_marker(bb_compose *c, const char *text);

void bb_compose_stats_get(const bb_compose *c, bb_compose_stats *out);

#endif
