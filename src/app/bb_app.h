/*
 * bb_app: the display program -- window, loop, drawing -- and the headless
 * previews (--screenshot, --render-all).  main() only parses options, finds
 * the config and calls one of these.
 *
 * bb_app_run wraps the show (bb_show.h) in SDL events, signals, the config
 * watcher, systemd notification and the stats file; bb_app_render drives it
 * for one frame per PNG.
 */
#ifndef BB_APP_H
#define BB_APP_H

#include "bb_cli.h"

struct bb_config;
struct bb_diag_list;

/*
 * Run the display with the config at config_path until quit or a signal.
 * Returns the process exit code: BB_EXIT_OK on quit, BB_EXIT_INVALID_CONFIG
 * when the config does not load at start, BB_EXIT_ENVIRONMENT when SDL, the
 * window, the renderer or every font fails.
 */
int bb_app_run(const char *config_path, const bb_options *opts);

/*
 * --screenshot / --render-all: render without any display and write PNGs.
 * Same exit codes; a bad --size, --rotate or --slide is BB_EXIT_USAGE.
 */
int bb_app_render(const char *config_path, const bb_options *opts);

/*
 * --check's display half: with the config already valid, lay out every slide
 * at the standard screen sizes and add a warning (with the slide's line) to
 * diags for each text that does not fit at the minimum readable size, and an
 * error for a missing or unreadable image.  Returns 0, or -1 when the
 * environment (fonts) is unusable -- the caller exits BB_EXIT_ENVIRONMENT.
 */
int bb_app_check_layout(const struct bb_config *cfg, struct bb_diag_list *diags);

#endif
