/*
 * briefboard: parse the command line, find the config, run one mode.
 * Everything else lives in the core library and the display.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>

#include "bb_app.h"
#include "bb_cli.h"
#include "bb_config.h"
#include "bb_powerctl.h"
#include "bb_schedule.h"

/* Pictures of text and the slides' images are large, short-lived blocks.
 * glibc raises its mmap threshold after the first such block is freed, and
 * from then on keeps them in the heap, which does not shrink: over months a
 * kiosk's memory would only grow.  A fixed threshold gives every block of
 * this size back to the system when its slide goes. */
#define LARGE_BLOCK_BYTES (128 * 1024)

int main(int argc, char **argv)
{
    bb_options opts;
#ifdef M_MMAP_THRESHOLD
    mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES);
#endif
    if (bb_cli_parse(argc, argv, &opts, stderr) < 0)
        return BB_EXIT_USAGE;
    if (opts.mode == BB_MODE_HELP) {
        bb_cli_usage(stdout);
        return BB_EXIT_OK;
    }
    if (opts.mode == BB_MODE_VERSION) {
        printf("briefboard %s\n", BB_VERSION);
        return BB_EXIT_OK;
    }

    /* Talks to the running display: no config of its own. */
    if (opts.mode == BB_MODE_POWER)
        return bb_powerctl_request(opts.power_on, stdout, stderr);
    if (opts.mode == BB_MODE_CHECK_SCHEDULE)
        return bb_schedule_check_file(opts.schedule, stdout, stderr);
    if (opts.mode == BB_MODE_CHECK_FEED)
        return bb_schedule_check_feed(opts.schedule, stdout, stderr);
    /* Before any config is read: `url` schedules are found there. */
    char state_buf[BB_STATE_DIR_BUF];
    bb_config_set_state_dir(bb_cli_state_dir(&opts, state_buf, sizeof state_buf));

    char *path = bb_config_find(opts.config);
    if (!path) {
        fprintf(stderr, "briefboard: out of memory\n");
        return BB_EXIT_ENVIRONMENT;
    }
    int rc;
    switch (opts.mode) {
    case BB_MODE_CHECK:
        bb_app_check_options(&opts);
        rc = bb_cli_check(path, bb_app_check_layout, stdout);
        break;
    case BB_MODE_PRINT_SCHEDULE:
        rc = bb_schedule_run(path, &opts, stdout, stderr);
        break;
    case BB_MODE_LIST_URLS:
        rc = bb_schedule_list_urls(path, stdout, stderr);
        break;
    case BB_MODE_SCREENSHOT:
    case BB_MODE_RENDER_ALL:
        rc = bb_app_render(path, &opts);
        break;
    default:
        rc = bb_app_run(path, &opts);
        break;
    }
    free(path);
    return rc;
}
