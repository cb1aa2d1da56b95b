/*
 * bb_statsfile: write the show's counters to $BRIEFBOARD_STATS_FILE.
 */
#include "bb_statsfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_config.h"
#include "bb_log.h"

struct bb_statsfile {
    char *path;
    char *tmp_path;      /* path + ".tmp": renamed over path */
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
    size_t len = strlen(path);
    sf->path = malloc(len + 1);
    sf->tmp_path = malloc(len + sizeof ".tmp");
    if (!sf->path || !sf->tmp_path) {
        bb_statsfile_destroy(sf);
        return NULL;
    }
    memcpy(sf->path, path, len + 1);
    memcpy(sf->tmp_path, path, len);
    memcpy(sf->tmp_path + len, ".tmp", sizeof ".tmp");
    bb_log(BB_LOG_INFO, "writing run statistics to %s", sf->path);
    return sf;
}

void bb_statsfile_destroy(bb_statsfile *sf)
{
    if (!sf)
        return;
    free(sf->path);
    free(sf->tmp_path);
    free(sf);
}

void bb_statsfile_update(bb_statsfile *sf, const bb_show *show, uint64_t now_ms, bb_instant wall,
                         bool synced)
{
    if (!sf)
        return;
    bb_show_stats st;
    bb_show_stats_get(show, &st);
    /* A change of the panel's power is written at once: the loop may sleep
     * for hours after it. */
    if (sf->written && now_ms - sf->last_ms < BB_STATSFILE_INTERVAL_MS &&
        st.panel_on == sf->panel_on)
        return;
    const bb_config *cfg = bb_show_config(show);

    FILE *f = fopen(sf->tmp_path, "w");
    if (!f)
        goto fail;
    fprintf(f,
            "pid %ld\nmono_ms %llu\nwall %lld\nsynced %d\n"
            "frames %llu\npartial_frames %llu\npresents %llu\nreloads %d\nreload_failures %d\nconfig_error %d\n"
            "slide %d\nslides %d\ntalks %d\npaused %d\n"
            "scenes_live %d\nscenes_created %d\ntextures_live %d\n"
            "wakeups %llu\npanel_power %s\ndisplay_resets %d\n",
            (long)getpid(), (unsigned long long)now_ms, (long long)wall, synced,
            (unsigned long long)st.frames, (unsigned long long)st.partial_frames,
            (unsigned long long)st.presents, st.reloads,
            st.reload_failures, bb_show_config_error(show), bb_show_current(show) + 1,
            cfg->n_slides, cfg->n_talks, bb_show_paused(show), st.scenes_live,
            st.scenes_created, st.textures_created - st.textures_destroyed,
            (unsigned long long)st.wakeups, st.panel_on ? "on" : "off", st.display_resets);
    if (fclose(f) != 0 || rename(sf->tmp_path, sf->path) != 0)
        goto fail;
    sf->written = true;
    sf->last_ms = now_ms;
    sf->panel_on = st.panel_on;
    return;

fail:
    bb_log_once(BB_LOG_WARNING, "cannot write run statistics to %s: %s", sf->path, strerror(errno));
}
