/*
 * bb_start: the one start-up path of the display (bb_app_run) and the
 * previews (--screenshot, --render-all): load the config and print its
 * problems, make the clock, open the screen, create the show on it and hand
 * the config over, then apply --rotate and --slide.  Written once so the
 * two cannot drift apart: a preview is exactly what the display would show.
 */
#ifndef BB_START_H
#define BB_START_H

#include "bb_screen.h"
#include "bb_cli.h"

struct bb_clock;
struct bb_config;
struct bb_screen;
struct bb_show;

/* What starts: the display on a window or the panel, or a preview on a
 * headless screen with a clock stopped at the preview's instant. */
typedef enum bb_start_kind {
    BB_START_DISPLAY,
    BB_START_PREVIEW
} bb_start_kind;

/* What a start-up made; the caller owns all of it (bb_start_close). */
typedef struct bb_started {
    struct bb_clock *clock;
    struct bb_screen *screen;
    struct bb_show *show;    /* owns the config */
    struct bb_changes *changes; /* the programme's baseline (bb_state) */
    bb_screen_params sp;     /* what the screen was opened with (hot-plug
                                recovery opens it again the same way) */
} bb_started;

/*
 * Start kind with the config at config_path and the command line's opts.
 * The programme is compared with the baseline in the state directory
 * (bb_config_state_dir) and its talks marked; the display saves the new
 * baseline and marks every reload, a preview only reads it.
 * before_screen (may be NULL) runs just before SDL starts -- the display
 * installs its signal handlers there.  Returns BB_EXIT_OK and fills *out,
 * or the process exit code with everything already freed and the reason
 * logged: BB_EXIT_INVALID_CONFIG (the config does not load; its problems
 * are on stderr), BB_EXIT_USAGE (a preview's --slide beyond the last
 * slide), BB_EXIT_ENVIRONMENT (SDL, the screen or every font fails).
 */
int bb_start_open(bb_start_kind kind, const char *config_path, const bb_options *opts,
                  void (*before_screen)(void), bb_started *out);

/* Free what bb_start_open made, in reverse order, and quit SDL.  Safe on a
 * zeroed struct; the struct is zeroed after. */
void bb_start_close(bb_started *st);

/*
 * The clock kind runs on: for the display --now, else the config's replay,
 * else the system clock; for a preview a clock stopped at the instant
 * --print-schedule reports at (bb_schedule_instant), with the real clock's
 * synchronization.  Caller owns it; NULL when out of memory.
 */
struct bb_clock *bb_start_clock(bb_start_kind kind, const struct bb_config *cfg,
                                const bb_options *opts);

#endif
