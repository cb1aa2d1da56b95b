/*
 * bb_schedule: --print-schedule, the talks as tab-separated lines; and the
 * fetch service's helpers, --list-urls, --check-schedule and --check-feed.
 */
#include "bb_schedule.h"

#include <time.h>

#include "bb_changes.h"
#include "bb_diag.h"
#include "bb_feed.h"
#include "bb_import.h"
#include "bb_state.h"
#include "bb_talk.h"

#define NO_TIME "-"

int bb_schedule_format_line(const bb_talk *talk, const bb_timing_settings *timing,
                            bb_instant now, bool clock_synced, char *buf, size_t len)
{
    char utc[BB_ISO_BUF] = NO_TIME, local[BB_ISO_BUF] = NO_TIME;
    bb_countdown cd;
    if (!talk || !timing || !buf || !len)
        return -1;
    if (talk->has_start) {
        /* The venue's offset at the start itself: a talk the week after a
         * DST change shows the new offset, whatever the offset is today. */
        int offset = talk->tz ? bb_tz_offset_at(talk->tz, talk->start, NULL) : 0;
        bb_format_utc(talk->start, utc, sizeof utc);
        bb_format_offset(talk->start, offset, local, sizeof local);
    }
    bb_talk_countdown(talk, timing, now, clock_synced, &cd);
    return snprintf(buf, len, "%s\t%s\t%s\t%s\t%s\t%s", talk->id ? talk->id : "", utc, local,
                    bb_talk_state_name(cd.state), cd.text,
                    bb_change_name(bb_talk_change_at(talk, now)));
}

void bb_schedule_print(const bb_config *cfg, bb_instant now, bool clock_synced, FILE *out)
{
    char line[BB_SCHEDULE_LINE_BUF];
    for (int i = 0; i < cfg->n_talks; i++) {
        if (bb_schedule_format_line(&cfg->talks[i], &cfg->timing, now, clock_synced, line,
                                    sizeof line) >= 0)
            fprintf(out, "%s\n", line);
    }
}

bb_instant bb_schedule_instant(const bb_options *opts, const bb_config *cfg, bb_clock *system,
                               bool *synced)
{
    bb_instant now;
    bb_clock *own = NULL;
    *synced = true;
    if (opts && opts->has_now)
        return opts->now;
    if (cfg && cfg->replay.enabled)
        return cfg->replay.start;
    if (!system)
        system = own = bb_clock_create_system(BB_BUILD_EPOCH);
    if (!system) {
        /* Out of memory: the kernel's clock, unjudged, beats no answer. */
        *synced = false;
        return (bb_instant)time(NULL);
    }
    now = bb_clock_wall(system);
    *synced = bb_clock_synchronized(system);
    bb_clock_destroy(own);
    return now;
}

int bb_schedule_run(const char *path, const bb_options *opts, FILE *out, FILE *err)
{
    int rc = BB_EXIT_INVALID_CONFIG;
    bb_config *cfg = NULL;
    bb_changes *changes = NULL;
    bb_diag_list *diags = bb_diag_list_create();
    if (!diags) {
        fprintf(err, "briefboard: out of memory\n");
        return BB_EXIT_ENVIRONMENT;
    }
    cfg = bb_config_load_file(path, diags);
    /* Problems go to err so that out stays a clean table for scripts. */
    bb_diag_sort(diags);
    bb_diag_print(diags, err);
    if (!cfg)
        goto fail;
    bool synced;
    bb_instant now = bb_schedule_instant(opts, cfg, NULL, &synced);
    /* The marks the display shows at that instant: its baseline compared
     * with the file as it is now.  Read only: a preview never moves the
     * display's baseline. */
    char buf[BB_STATE_DIR_BUF];
    changes = bb_state_load(bb_cli_state_dir(opts, buf, sizeof buf));
    if (changes)
        bb_changes_apply(changes, cfg, now);
    bb_schedule_print(cfg, now, synced, out);
    rc = BB_EXIT_OK;
fail:
    bb_changes_destroy(changes);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    return rc;
}

int bb_schedule_list_urls(const char *path, FILE *out, FILE *err)
{
    bb_diag_list *diags = bb_diag_list_create();
    if (!diags) {
        fprintf(err, "briefboard: out of memory\n");
        return BB_EXIT_ENVIRONMENT;
    }
    bb_config *cfg = bb_config_load_urls(path, diags);
    bb_diag_sort(diags);
    bb_diag_print(diags, err);
    for (int i = 0; cfg && i < cfg->n_urls; i++)
        fprintf(out, "%s\t%d\t%s\t%s\n", cfg->urls[i].url, cfg->urls[i].refresh_s,
                cfg->urls[i].path ? cfg->urls[i].path : "-",
                cfg->urls[i].kind == BB_URL_FEED ? "feed" : "schedule");
    int rc = cfg ? BB_EXIT_OK : BB_EXIT_INVALID_CONFIG;
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    return rc;
}

int bb_schedule_check_file(const char *file, FILE *out, FILE *err)
{
    int rc = BB_EXIT_ENVIRONMENT;
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = bb_config_create_default();
    if (!diags || !cfg) {
        fprintf(err, "briefboard: out of memory\n");
        goto fail;
    }
    int n = bb_import_file(cfg, file, file, bb_import_anchor(cfg), diags);
    bb_diag_sort(diags);
    bb_diag_print(diags, out);
    if (n < 0 || bb_diag_error_count(diags) > 0) {
        rc = BB_EXIT_INVALID_CONFIG;
        goto fail;
    }
    fprintf(out, "%s: %d talk%s\n", file, n, n == 1 ? "" : "s");
    rc = BB_EXIT_OK;
fail:
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    return rc;
}

int bb_schedule_check_feed(const char *file, FILE *out, FILE *err)
{
    bb_diag_list *diags = bb_diag_list_create();
    if (!diags) {
        fprintf(err, "briefboard: out of memory\n");
        return BB_EXIT_ENVIRONMENT;
    }
    bb_feed *feed = bb_feed_load(file, file, diags);
    /* An empty feed is a valid document but no news: a server's error
     * page dressed as a feed must not replace the last good copy. */
    if (feed && feed->n_items == 0)
        bb_diag_add(diags, BB_ERROR, file, 0, "the feed has no items");
    bb_diag_sort(diags);
    bb_diag_print(diags, out);
    int rc = BB_EXIT_INVALID_CONFIG;
    if (feed && bb_diag_error_count(diags) == 0) {
        fprintf(out, "%s: %d item%s\n", file, feed->n_items, feed->n_items == 1 ? "" : "s");
        rc = BB_EXIT_OK;
    }
    bb_feed_destroy(feed);
    bb_diag_list_destroy(diags);
    return rc;
}
