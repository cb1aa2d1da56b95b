/*
 * bb_signage: the two full-screen states that replace the slides -- the
 * emergency override message and quiet hours (black, or a dim clock).
 *
 * Both are drawn over the whole logical canvas (safe area respected for the
 * text), from textures made when the text, the minute or the canvas size
 * changes, never per frame.  bb_signage_update says which state is on
 * (override first: an emergency message wakes a quiet screen) and whether it
 * must be redrawn; this module only draws on the canvas, and the loop
 * presents the frame through its one present path.
 */
#ifndef BB_SIGNAGE_H
#define BB_SIGNAGE_H

#include <SDL.h>
#include <stdbool.h>

#include "bb_config.h"
#include "bb_fonts.h"
#include "bb_scene.h"

/* The dim clock's grey: as dim as the 7:1 contrast floor allows on black
 * (#969696 on #000000 is 7.0:1). */
#define BB_QUIET_CLOCK_RGB 0x969696u

/* The override (emergency) panel in every theme: a signal red, not the
 * theme's soft alert tint (dark's salmon read as decoration), under white
 * text at 7.3:1. */
#define BB_EMERGENCY_PANEL_RGB 0xB00020u
#define BB_EMERGENCY_TEXT_RGB 0xFFFFFFu

typedef struct bb_signage bb_signage;

/* renderer, fonts and cfg are borrowed and must outlive it (or be swapped
 * with bb_signage_set_config).  Makes no texture yet.  NULL when out of
 * memory. */
bb_signage *bb_signage_create(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg);

/* Frees every texture; NULL is a no-op. */
void bb_signage_destroy(bb_signage *sg);

/* A new config or fonts (a reload): cached textures are dropped. */
void bb_signage_set_config(bb_signage *sg, const bb_config *cfg, bb_fonts *fonts);

/* The renderer lost its textures, or the canvas changed: drop them. */
void bb_signage_drop_textures(bb_signage *sg);

/*
 * Draw the override message `text` (UTF-8) over the whole lw x lh canvas:
 * the palette's alert colour as the panel, the text in the background colour
 * (the pair the config already holds to 7:1), as large as fits, centred.
 * Returns 0, or -1 when the renderer or fonts fail (SDL_GetError()); the
 * panel is drawn even then, so the screen still reads as urgent.
 */
int bb_signage_draw_override(bb_signage *sg, const char *text, int lw, int lh);

/*
 * Draw quiet hours: black, and with BB_QUIET_CLOCK the time (HH:MM in the
 * screen's zone) small and grey, moved a little every minute so no pixel
 * stays lit all night.  Returns 0, or -1 when the renderer fails.
 */
int bb_signage_draw_quiet(bb_signage *sg, const bb_frame_clock *clock, int lw, int lh);

/* Which state the last update chose. */
typedef enum bb_signage_mode {
    BB_SIGNAGE_SLIDES,     /* nothing: the slides show */
    BB_SIGNAGE_OVERRIDE,
    BB_SIGNAGE_QUIET,
    BB_SIGNAGE_OFF         /* `power off`: black */
} bb_signage_mode;

/*
 * `power off` / `power on` (the control socket, briefboard --power).  Off,
 * the next steps draw black (the override message still wins, as over quiet
 * hours) until power is on again.  Logs one line per change.  The panel's
 * own power (DPMS, HDMI-CEC) is bb_show's: the black picture is what shows
 * where the panel cannot be switched.
 */
void bb_signage_set_power(bb_signage *sg, bool on);

/* Is power on (the default)? */
bool bb_signage_power(const bb_signage *sg);

/*
 * One step of the display loop for the full-screen states: the override
 * message (override_text not NULL) wins over quiet hours, which win over the
 * slides.  Draws nothing: when a state is on, *redraw says whether it must
 * be drawn (bb_signage_draw) and presented now -- the state, the text or
 * the dim clock's minute changed, or `force` (the canvas was lost) -- and
 * the return value is the ms to sleep.  Returns -1 when the slides show;
 * *ended is set true on the step a state ends (the caller redraws its
 * slide).  Logs one line when quiet hours begin and one when they end.
 */
int64_t bb_signage_update(bb_signage *sg, const char *override_text, const bb_frame_clock *clock,
                          bool force, bool *redraw, bool *ended);

/*
 * Draw the state the last bb_signage_update chose over the whole lw x lh
 * canvas (the caller begins the frame and presents it).  override_text as
 * given to that update.  A drawing failure is logged once; the panel is
 * still drawn.
 */
void bb_signage_draw(bb_signage *sg, const char *override_text, const bb_frame_clock *clock,
                     int lw, int lh);

/* The state shown by the last step (the control socket's status). */
bb_signage_mode bb_signage_mode_get(const bb_signage *sg);

/* Is instant `clock` inside the config's quiet hours?  False while the
 * clock is not synchronized (a 1970 clock must not blank the board). */
bool bb_signage_quiet_at(const bb_config *cfg, const bb_frame_clock *clock);

/*
 * Milliseconds until the quiet state or its clock next changes, from
 * clock->wall and ms_to_next_second (the real ms to the next wall second;
 * bb_signage_update passes clock->ms_to_next_second, tests their own):
 * the quiet boundary, or with the dim clock the next minute, whichever is
 * first.  Never more than a day.  The boundary is cached until it passes (or
 * the config changes): the loop asks at every step, and finding it walks
 * every window over a week.
 */
int64_t bb_signage_quiet_ms_until_change(bb_signage *sg, const bb_frame_clock *clock,
                                         int ms_to_next_second);

#endif
