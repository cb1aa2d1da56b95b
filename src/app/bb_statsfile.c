/*
 * bb_statsfile: write the show's counters to $BRIEFBOARD_STATS_FILE.
 */
#include "bb_statsfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_file.h"
#include "bb_log.h"

#define STATS_TEXT_MAX 1024       /* the whole file; about 400 bytes today */
#define STATS_FILE_MODE 0644

struct bb_statsfile {
    char *path;          /* replaced whole (bb_file_replace): readers never see a part */
    bool written;
    uint64_t last_ms;
    bool panel_on;       /* the panel power last written */
};

bb_statsfile *bb_statsfile_create_from_env(void)
{
    const char *path = getenv(BB_STATSFILE_ENV);
    if (!path || !*path)
        return NULL;
    bb_statsfile *sf = calloc(1, sizeof *sf);
    if (!sf)
        return NULL;
    sf->path = strdup(path);
    if (!sf->path) {
        bb_statsfile_destroy(sf);
        return NULL;
    }
    bb_log(BB_LOG_INFO, "writing run statistics to %s", sf->path);
    return sf;
}

void bb_statsfile_destroy(bb_statsfile *sf)
{
    if (!sf)
        return;
    free(sf->path);
    free(sf);
}

bool bb_statsfile_due(const bb_statsfile *sf, uint64_t now_ms)
{
    return sf && (!sf->written || now_ms - sf->last_ms >= BB_STATSFILE_INTERVAL_MS);
}

void bb_statsfile_update(bb_statsfile *sf, const bb_show_snapshot *snap,
                         const bb_frame_clock *clock)
{
    if (!sf)
        return;
    uint64_t now_ms = clock->mono_ms;
    const bb_show_stats *st = &snap->stats;
    /* A change of the panel's power is written at once: the loop may sleep
     * for hours after it. */
    if (!bb_statsfile_due(sf, now_ms) && st->panel_on == sf->panel_on)
        return;

    char text[STATS_TEXT_MAX];
    int len = snprintf(text, sizeof text,
            "pid %ld\nmono_ms %llu\nwall %lld\nsynced %d\n"
            "frames %llu\npartial_frames %llu\npresents %llu\nreloads %d\nreload_failures %d\nconfig_error %d\n"
            "slide %d\nslides %d\ntalks %d\npaused %d\n"
            "scenes_live %d\nscenes_created %d\ntextures_live %d\n"
            "wakeups %llu\npanel_power %s\ndisplay_resets %d\n",
            (long)getpid(), (unsigned long long)now_ms, (long long)clock->wall, clock->synced,
            (unsigned long long)st->frames, (unsigned long long)st->partial_frames,
            (unsigned long long)st->presents, st->reloads, st->reload_failures,
            snap->config_error, snap->current + 1, snap->n_slides, snap->n_talks, snap->paused,
            st->scenes_live, st->scenes_created, st->textures_created - st->textures_destroyed,
            (unsigned long long)st->wakeups, st->panel_on ? "on" : "off", st->display_resets);
    if (len < 0 || (size_t)len >= sizeof text) {
        errno = EOVERFLOW;
        goto fail;
    }
    if (bb_file_replace(sf->path, text, (size_t)len, STATS_FILE_MODE, 0) < 0)
        goto fail;
    sf->written = true;
    sf->last_ms = now_ms;
    sf->panel_on = st->panel_on;
    return;

fail:
    bb_log_once(BB_LOG_WARNING, "cannot write run statistics to %s: %s", sf->path, strerror(errno));
}
