/*
 * bb_start: load, print diagnostics, open the screen, create the show.
 */
#include "bb_start.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "bb_changes.h"
#include "bb_clock.h"
#include "bb_config.h"
#include "bb_diag.h"
#include "bb_log.h"
#include "bb_schedule.h"
#include "bb_screen.h"
#include "bb_show.h"
#include "bb_state.h"

static void start_screen_params(bb_start_kind kind, const bb_config *cfg, const bb_options *opts,
                                bb_screen_params *sp);

int bb_start_open(bb_start_kind kind, const char *config_path, const bb_options *opts,
                  void (*before_screen)(void), bb_started *out)
{
    bool preview = kind == BB_START_PREVIEW;
    /* What the log says failed, as each kind has always said it. */
    const char *screen_fail = preview ? "cannot render" : "cannot open the display";
    const char *show_fail = preview ? "cannot render" : "cannot start the display";
    int rc = BB_EXIT_ENVIRONMENT;
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = NULL;
    bb_screen_params sp;

    memset(out, 0, sizeof *out);
    if (!diags)
        goto fail;
    /* --now anchors the load as it anchors the clock (below); without it
     * the loader takes the config's replay start or the system clock, as
     * bb_start_clock does. */
    cfg = bb_config_load_file_at(config_path, opts->has_now ? &opts->now : NULL, diags);
    bb_diag_print(diags, stderr);
    if (!cfg) {
        rc = BB_EXIT_INVALID_CONFIG;
        goto fail;
    }
    /* A preview of a slide that does not exist is a usage error; the
     * display starts at the first slide instead (below). */
    if (preview && opts->mode == BB_MODE_SCREENSHOT && opts->slide > cfg->n_slides) {
        bb_log(BB_LOG_ERROR, "--slide %d: the config has %d slide%s", opts->slide, cfg->n_slides,
               cfg->n_slides == 1 ? "" : "s");
        rc = BB_EXIT_USAGE;
        goto fail;
    }
    out->clock = bb_start_clock(kind, cfg, opts);
    if (!out->clock)
        goto fail;
    /* The programme's changes since the baseline, stamped with this clock:
     * the display keeps the result, a preview never moves the baseline. */
    const char *state_dir = bb_config_state_dir();
    out->changes = bb_state_load(state_dir);
    if (out->changes && preview)
        bb_changes_apply(out->changes, cfg, bb_clock_wall(out->clock));
    else if (out->changes)
        bb_state_apply(out->changes, state_dir, cfg, bb_clock_wall(out->clock));
    if (before_screen)
        before_screen();
    start_screen_params(kind, cfg, opts, &sp);
    out->sp = sp;
    out->screen = bb_screen_create(&sp);
    if (!out->screen) {
        bb_log(BB_LOG_ERROR, "%s: %s", screen_fail, SDL_GetError());
        goto fail;
    }
    /* Previews do not reload: they have no path to reload from. */
    out->show = bb_show_create(out->screen, cfg, out->clock, preview ? NULL : config_path);
    cfg = NULL;   /* the show owns it now, also when it failed */
    if (!out->show) {
        bb_log(BB_LOG_ERROR, "%s: %s", show_fail, SDL_GetError());
        goto fail;
    }
    if (!preview)
        bb_show_set_changes(out->show, out->changes, state_dir);
    if (opts->has_rotate)
        bb_show_force_rotation(out->show, opts->rotate);
    /* A replayed clock is marked in the footer.  A preview at --now shows
     * that instant as a real screen would; one at the config's replay
     * start shows the marker its screen would. */
    bb_show_set_replay(out->show, preview ? !opts->has_now && bb_show_config(out->show)->replay.enabled
                                          : opts->has_now || bb_show_config(out->show)->replay.enabled);
    /* --render-all goes through every slide itself. */
    if (opts->slide > 0 && opts->mode != BB_MODE_RENDER_ALL &&
        bb_show_goto(out->show, opts->slide - 1) < 0)
        bb_log(BB_LOG_WARNING, "there is no slide %d; starting at the first", opts->slide);
    bb_diag_list_destroy(diags);
    return BB_EXIT_OK;

fail:
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    bb_start_close(out);
    return rc;
}

void bb_start_close(bb_started *st)
{
    bb_show_destroy(st->show);
    bb_changes_destroy(st->changes);
    bb_screen_destroy(st->screen);
    bb_clock_destroy(st->clock);
    memset(st, 0, sizeof *st);
    SDL_Quit();
}

bb_clock *bb_start_clock(bb_start_kind kind, const bb_config *cfg, const bb_options *opts)
{
    if (kind == BB_START_PREVIEW) {
        /* The same instant --print-schedule reports at, so a preview and
         * the schedule agree. */
        /* A preview trusts the host's clock: on a development machine whose
         * kernel calls its clock unsynchronised every countdown read
         * "waiting for time sync".  That state is previewed in tests. */
        bool synced = true;
        bb_instant start = bb_schedule_instant(opts, cfg, NULL, &synced);
        bb_clock *clock = bb_clock_create_fake(start);
        if (clock)
            bb_clock_fake_set_synchronized(clock, true);
        return clock;
    }
    char when[BB_ISO_BUF];
    if (opts->has_now) {
        bb_format_utc(opts->now, when, sizeof when);
        bb_log(BB_LOG_WARNING, "replaying the clock from --now %s: the screen does not show "
                               "the real time", when);
        return bb_clock_create_replay(opts->now, 1.0);
    }
    if (cfg->replay.enabled) {
        bb_format_utc(cfg->replay.start, when, sizeof when);
        bb_log(BB_LOG_WARNING, "%s: replaying the clock from clock.start = %s (speed %g): the "
                               "screen does not show the real time; for a real screen delete "
                               "the 'clock' group or set clock.enabled = false",
               cfg->path, when, cfg->replay.speed);
        return bb_clock_create_replay(cfg->replay.start, cfg->replay.speed);
    }
    return bb_clock_create_system((bb_instant)BB_BUILD_EPOCH);
}

/* ---- static ---- */

/* The display opens a window or the whole panel; a preview renders
 * headless at the panel's size: --size, else the configured mode, else
 * 1080p. */
static void start_screen_params(bb_start_kind kind, const bb_config *cfg, const bb_options *opts,
                                bb_screen_params *sp)
{
    memset(sp, 0, sizeof *sp);
    sp->rotation = opts->has_rotate ? opts->rotate : cfg->display.rotation;
    if (kind == BB_START_PREVIEW) {
        sp->kind = BB_SCREEN_HEADLESS;
        sp->width = opts->width > 0 ? opts->width
                  : cfg->display.width > 0 ? cfg->display.width : BB_SCREEN_DEFAULT_SHOT_W;
        sp->height = opts->height > 0 ? opts->height
                   : cfg->display.height > 0 ? cfg->display.height : BB_SCREEN_DEFAULT_SHOT_H;
        return;
    }
    sp->kind = opts->windowed || !cfg->display.fullscreen ? BB_SCREEN_WINDOW : BB_SCREEN_FULLSCREEN;
    sp->width = cfg->display.width;
    sp->height = cfg->display.height;
    sp->title = "briefboard";
}
