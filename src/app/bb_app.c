/*
 * bb_app: the running display.  The show (the loop's state and one step of
 * it) comes first; bb_app_run wraps it in SDL events, signals, the config
 * watcher and systemd notification.
 */
#include "bb_app.h"

#include <SDL.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_clock.h"
#include "bb_compose.h"
#include "bb_override.h"
#include "bb_panel.h"
#include "bb_signage.h"
#include "bb_config.h"
#include "bb_cycle.h"
#include "bb_slide.h"
#include "bb_diag.h"
#include "bb_fonts.h"
#include "bb_hotplug.h"
#include "bb_inputs.h"
#include "bb_log.h"
#include "bb_screen.h"
#include "bb_sdnotify.h"
#include "bb_powerctl.h"
#include "bb_statsfile.h"
#include "bb_wakeups.h"
#include "bb_watch.h"

/* A wake-up for a wall-clock second comes this much after the boundary, so
 * a timer that fires a little early does not find the old second still
 * showing and wake again a millisecond later. */
#define SECOND_SLACK_MS 2
/* Longest single sleep: bounds how late a file change is seen when nothing
 * else wakes the loop (a signal cuts the sleep short).  One second keeps an
 * idle screen at about one wake-up a second, which a ticking countdown
 * needs anyway (bench/run.sh measures it). */
#define WAIT_SLICE_MS 1000
/* Where the loop sleeps on its own descriptors (kmsdrm, offscreen), the
 * watcher and signals wake it themselves: the longest sleep only bounds how
 * late a step of the wall clock (NTP) is noticed with the panel off. */
#define IDLE_SLICE_MS 60000
/* After a failed attempt to remake the screen (hot-plug), try again. */
#define REMAKE_RETRY_MS 2000
/* Give up (exit, systemd restarts the service) after this many failures. */
#define REMAKE_MAX_TRIES 15
/* The marker texts. */
#define MARK_CONFIG_ERROR "config error"
#define MARK_PAUSED "paused"

struct bb_show {
    struct bb_screen *screen;  /* borrowed */
    bb_clock *clock;           /* borrowed */
    char *config_path;         /* owned; NULL: no reload from file */
    bb_config *cfg;            /* owned */
    bb_fonts *fonts;           /* owned */
    bb_compose *compose;       /* owned */
    bb_cycle *cycle;           /* owned */
    bb_override *override;     /* owned: the emergency message file */
    bb_signage *signage;       /* owned: override and quiet screens */
    bb_panel *panel;           /* owned: the panel's power (DPMS, CEC) */
    int power_request;         /* -1: none; 0/1: off/on asked for (--power), held
                                  until the schedule's own wish changes */
    bool power_scheduled;      /* what the schedule wants: false in quiet
                                  hours with quiet_style "off" */
    bool panel_on;             /* the state last set */
    bool sync_hold;            /* --slide/--render-all chose the slide: no cycle.sync */
    int forced_rotation;       /* -1: the config's */

    bb_cycle_view last_view;
    bool dirty;                /* redraw on the next step */
    bool backward;             /* the operator went back: slide moves right */
    bool config_error;         /* the last reload was refused */
    bb_show_stats stats;
};

static volatile sig_atomic_t app_quit_signal;
static volatile sig_atomic_t app_reload_signal;
static volatile sig_atomic_t app_override_signal;
static volatile sig_atomic_t app_power_signal;
/* The signal pipe: the handlers write a byte, the loop's poll wakes. */
static int app_signal_pipe[2] = { -1, -1 };

static bool show_fonts_differ(const bb_config *a, const bb_config *b);
static void show_update_marker(bb_show *s);
static int show_next_hint(const bb_show *s, const bb_cycle_view *view, bb_instant wall, bool synced);
static void show_draw(bb_show *s, const bb_cycle_view *view, bool moving,
                      const bb_damage *damage);
static bool views_equal(const bb_cycle_view *a, const bb_cycle_view *b);
static bb_panel *show_make_panel(struct bb_screen *screen, const bb_config *cfg);
static bool show_same_string(const char *a, const char *b);
static bool show_apply_power(bb_show *s, const bb_frame_clock *fc, bool signage_held);
static int64_t show_wall_ms(bb_instant wall, int ms_to_next_second);
static void app_on_signal(int sig);
static void app_install_signals(void);
/* How the loop sleeps, by video driver. */
typedef enum {
    WAIT_DEVICE,   /* SDL blocks on the display's connection (x11, wayland) */
    WAIT_KMS,      /* bb_wakeups: our own copies of the input devices, DRM
                      hot-plug events, watcher, signals (kmsdrm) */
    WAIT_SLEEP     /* bb_wakeups without input (offscreen, dummy) */
} wait_mode;

/* The loop's state around the show: what the program owns. */
typedef struct app_loop {
    bb_show *show;
    bb_screen *screen;          /* NULL while a remake failed */
    bb_screen_params sp;
    bb_hotplug hotplug;
    uint64_t hotplug_due;       /* 0: no hot-plug check pending; else mono ms */
    uint64_t remake_due;        /* 0: none pending */
    int remake_tries;
    bool powered;               /* the state last written to the runtime dir */
    const char *rundir;         /* NULL: no --power */
} app_loop;

static wait_mode app_wait_mode(const char *driver);
static bool app_wait_event(SDL_Event *ev, int timeout_ms, wait_mode mode);
static void app_check_display(app_loop *loop, uint64_t now);
static int app_remake_screen(app_loop *loop, const char *why, uint64_t now);
static void app_signal_pipe_open(void);
static bool app_handle_event(bb_show *show, const SDL_Event *ev);
static bb_clock *app_make_clock(const bb_config *cfg, const bb_options *opts);
static void app_watch_files(bb_watch *watch, const bb_config *cfg);

/* ---- the show ---- */

bb_show *bb_show_create(struct bb_screen *screen, bb_config *cfg, bb_clock *clock,
                        const char *config_path)
{
    bb_show *s = calloc(1, sizeof *s);
    int lw, lh;
    if (!s) {
        bb_config_destroy(cfg);
        SDL_OutOfMemory();
        return NULL;
    }
    s->screen = screen;
    s->clock = clock;
    s->cfg = cfg;
    s->forced_rotation = -1;
    if (config_path && !(s->config_path = strdup(config_path))) {
        SDL_OutOfMemory();
        goto fail;
    }
    s->fonts = bb_fonts_create((const char *const *)cfg->display.fonts.v, cfg->display.fonts.n);
    if (!s->fonts)
        goto fail;
    if (bb_screen_rotation(screen) != cfg->display.rotation &&
        bb_screen_set_rotation(screen, cfg->display.rotation) < 0)
        goto fail;
    bb_screen_logical_size(screen, &lw, &lh);
    s->compose = bb_compose_create(bb_screen_renderer(screen), s->fonts, cfg, lw, lh);
    if (!s->compose) {
        SDL_OutOfMemory();
        goto fail;
    }
    s->cycle = bb_cycle_create(cfg, bb_clock_mono_ms(clock), bb_clock_wall(clock),
                               bb_clock_synchronized(clock));
    s->signage = bb_signage_create(bb_screen_renderer(screen), s->fonts, cfg);
    s->override = bb_override_create(cfg->signage.override_file, bb_clock_mono_ms(clock));
    s->panel = show_make_panel(screen, cfg);
    s->power_request = -1;
    s->power_scheduled = true;
    s->panel_on = true;
    if (!s->cycle || !s->signage || !s->override || !s->panel) {
        SDL_OutOfMemory();
        goto fail;
    }
    s->last_view.current = -1;
    s->last_view.previous = -1;
    s->dirty = true;
    return s;

fail:
    bb_show_destroy(s);
    return NULL;
}

void bb_show_destroy(bb_show *s)
{
    if (!s)
        return;
    /* A panel left off would stay dark after the program ends. */
    if (s->panel && !s->panel_on)
        bb_panel_set_power(s->panel, true);
    bb_panel_destroy(s->panel);
    bb_cycle_destroy(s->cycle);
    bb_override_destroy(s->override);
    bb_signage_destroy(s->signage);   /* borrows fonts and cfg */
    bb_compose_destroy(s->compose);   /* scenes borrow fonts and cfg */
    bb_fonts_destroy(s->fonts);
    bb_config_destroy(s->cfg);
    free(s->config_path);
    free(s);
}

int bb_show_step(bb_show *s)
{
    /* Time is sampled once: every part of the frame agrees on "now". */
    uint64_t now = bb_clock_mono_ms(s->clock);
    bb_frame_clock fc = { bb_clock_wall(s->clock), bb_clock_synchronized(s->clock) };
    int to_second = bb_clock_ms_to_next_second(s->clock);
    bb_cycle_view view;
    bool changed = s->dirty;

    /* The override message, then quiet hours, take the whole screen; the
     * cycle waits (a long sleep makes it resume with the next slide). */
    bool ended;
    bb_override_poll(s->override, now);
    int64_t override_due = bb_override_ms_until_due(s->override, now);
    s->stats.wakeups++;
    if (!show_apply_power(s, &fc, bb_override_text(s->override) != NULL)) {
        /* Panel off: nothing to draw until the schedule changes its mind
         * (quiet hours end, an override message comes) or --power on. */
        int64_t wait = bb_signage_quiet_ms_until_change(s->signage, &fc, to_second);
        if (override_due >= 0 && override_due < wait)
            wait = override_due;
        s->dirty = true;   /* a full frame when it comes back on */
        return wait > INT32_MAX ? INT32_MAX : (int)wait;
    }
    int64_t held = bb_signage_step(s->signage, s->screen, bb_override_text(s->override), &fc,
                                   to_second, s->dirty, &ended);
    if (held >= 0) {
        s->dirty = false;
        if (override_due >= 0 && override_due < held)
            held = override_due;
        return held > INT32_MAX ? INT32_MAX : (int)held;
    }
    changed |= ended;

    /* The cycle moving on (a new slide, a transition's frame) changes the
     * slide area only: the footer and the marker stay as they are. */
    bool cycled = bb_cycle_update(s->cycle, now, fc.wall, fc.synced);
    if (!s->sync_hold)
        cycled |= bb_cycle_sync(s->cycle, now, show_wall_ms(fc.wall, to_second), fc.synced);
    bb_cycle_view_get(s->cycle, now, &view);
    bool moving = view.previous >= 0;
    if (!moving)
        s->backward = false;
    cycled |= moving || !views_equal(&view, &s->last_view);
    /* What the last frame showed of the slides (before prepare drops a
     * scene that goes) and what this one shows: where the picture changes.
     * The compositor's own changes (a scene made, a countdown's digits, the
     * footer clock) are only their part of the frame too. */
    SDL_Rect was = cycled && s->last_view.current >= 0
                       ? bb_compose_view_area(s->compose, &s->last_view)
                       : bb_compose_slide_area(s->compose);
    /* The next slide is built ahead, but not on a step whose picture just
     * moved on (a transition's last frame, a cut): that frame would wait for
     * it.  The following step, a second or a tick later, builds it. */
    bb_compose_prepare(s->compose, &view,
                       cycled ? -1 : show_next_hint(s, &view, fc.wall, fc.synced), &fc);
    bb_compose_update(s->compose, &view, &fc);
    bb_damage damage;
    bb_compose_take_damage(s->compose, &damage);
    if (cycled) {
        bb_damage_add(&damage, was);
        bb_damage_add(&damage, bb_compose_view_area(s->compose, &view));
    }
    if (changed)
        bb_damage_all(&damage);
    if (bb_damage_any(&damage))
        show_draw(s, &view, moving, &damage);
    s->last_view = view;
    s->dirty = false;

    /* Sleep until the earliest deadline. */
    uint64_t wait = bb_cycle_ms_until_change(s->cycle, now);
    int live = bb_compose_ms_until_change(s->compose, &view, to_second);
    if (live >= 0 && (uint64_t)live + SECOND_SLACK_MS < wait)
        wait = (uint64_t)live + SECOND_SLACK_MS;
    if (override_due >= 0 && (uint64_t)override_due < wait)
        wait = (uint64_t)override_due;
    /* Quiet hours may begin while a slide shows. */
    int64_t quiet = bb_signage_quiet_ms_until_change(s->signage, &fc, to_second);
    if (quiet >= 0 && (uint64_t)quiet < wait)
        wait = (uint64_t)quiet;
    if (moving) {
        /* The next transition frame.  With vsync the present above has
         * already waited for the display, so this is about 0 and frames
         * come at the refresh rate; without vsync it paces them. */
        uint64_t frame_ms = 1000u / (unsigned)bb_screen_refresh_hz(s->screen);
        uint64_t spent = bb_clock_mono_ms(s->clock) - now;
        uint64_t left = spent < frame_ms ? frame_ms - spent : 0;
        if (left < wait)
            wait = left;
    }
    return wait > INT32_MAX ? INT32_MAX : (int)wait;
}

void bb_show_command(bb_show *s, bb_command cmd)
{
    uint64_t now = bb_clock_mono_ms(s->clock);
    bb_instant wall = bb_clock_wall(s->clock);
    bool synced = bb_clock_synchronized(s->clock);

    switch (cmd) {
    case BB_CMD_NEXT:
        bb_cycle_next(s->cycle, now, wall, synced);
        s->backward = false;
        break;
    case BB_CMD_PREVIOUS:
        bb_cycle_previous(s->cycle, now, wall, synced);
        s->backward = true;
        break;
    case BB_CMD_PAUSE:
        bb_cycle_toggle_pause(s->cycle, now);
        show_update_marker(s);
        break;
    case BB_CMD_RELOAD:
        bb_show_reload(s);
        break;
    }
    s->dirty = true;
}

int bb_show_reload(bb_show *s)
{
    bb_diag_list *diags;
    bb_config *cfg;

    if (!s->config_path)
        return -1;
    diags = bb_diag_list_create();
    if (!diags)
        return -1;
    cfg = bb_config_load_file(s->config_path, diags);
    if (!cfg) {
        const bb_diag *first = NULL;
        for (int i = 0; i < bb_diag_count(diags) && !first; i++)
            if (bb_diag_get(diags, i)->severity == BB_ERROR)
                first = bb_diag_get(diags, i);
        /* One line, and only once while the file stays the same: the
         * watcher may fire on every save of a file still being edited. */
        if (first) {
            char where[64] = "";
            int n = bb_diag_error_count(diags);
            if (first->line > 0)
                snprintf(where, sizeof where, ":%d", first->line);
            bb_log_once(BB_LOG_ERROR, "config not reloaded: %s%s: %s (%d error%s; still showing the last good config)",
                        first->file && *first->file ? first->file : s->config_path, where,
                        first->message, n, n == 1 ? "" : "s");
        }
        else
            bb_log_once(BB_LOG_ERROR, "config not reloaded: %s cannot be read", s->config_path);
        bb_diag_list_destroy(diags);
        s->config_error = true;
        s->stats.reload_failures++;
        show_update_marker(s);
        s->dirty = true;
        return -1;
    }
    bb_log(BB_LOG_INFO, "config reloaded from %s: %d slides, %d talks, %d warning%s", s->config_path,
           cfg->n_slides, cfg->n_talks, bb_diag_count(diags), bb_diag_count(diags) == 1 ? "" : "s");
    bb_diag_list_destroy(diags);
    bb_show_swap_config(s, cfg);
    return 0;
}

void bb_show_swap_config(bb_show *s, bb_config *cfg)
{
    bb_config *old_cfg = s->cfg;
    bb_fonts *old_fonts = NULL;
    int rotation = s->forced_rotation >= 0 ? s->forced_rotation : cfg->display.rotation;

    if (show_fonts_differ(old_cfg, cfg)) {
        bb_fonts *fonts = bb_fonts_create((const char *const *)cfg->display.fonts.v,
                                          cfg->display.fonts.n);
        if (fonts) {
            old_fonts = s->fonts;
            s->fonts = fonts;
        } else {
            bb_log(BB_LOG_WARNING, "the reloaded fonts are unusable (%s); keeping the old ones",
                   SDL_GetError());
        }
    }
    /* Scenes borrow the config and fonts: drop them before either dies.
     * The canvas keeps the last frame until the next one is drawn with the
     * new scenes, so the screen never flashes to black. */
    bb_compose_set_config(s->compose, cfg, s->fonts);
    bb_signage_set_config(s->signage, cfg, s->fonts);
    bb_override_set_path(s->override, cfg->signage.override_file, bb_clock_mono_ms(s->clock));
    if (rotation != bb_screen_rotation(s->screen)) {
        int lw, lh;
        if (bb_screen_set_rotation(s->screen, rotation) < 0)
            bb_log(BB_LOG_ERROR, "cannot turn the screen to %d degrees: %s", rotation, SDL_GetError());
        bb_screen_logical_size(s->screen, &lw, &lh);
        bb_compose_set_size(s->compose, lw, lh);
    }
    if (old_cfg->display.cec != cfg->display.cec ||
        !show_same_string(old_cfg->display.cec_device, cfg->display.cec_device)) {
        bb_panel *panel = show_make_panel(s->screen, cfg);
        if (panel) {
            bb_panel_destroy(s->panel);
            s->panel = panel;
            if (!s->panel_on)
                bb_panel_set_power(s->panel, false);
        }
    }
    if (old_cfg->display.fullscreen != cfg->display.fullscreen ||
        old_cfg->display.width != cfg->display.width || old_cfg->display.height != cfg->display.height)
        bb_log(BB_LOG_INFO, "display size and full-screen changes apply at the next start");
    bb_cycle_set_config(s->cycle, cfg, bb_clock_mono_ms(s->clock), bb_clock_wall(s->clock),
                        bb_clock_synchronized(s->clock));
    s->cfg = cfg;
    bb_config_destroy(old_cfg);
    bb_fonts_destroy(old_fonts);

    /* A problem that comes back after a good reload is news again. */
    bb_log_reset_once();
    s->config_error = false;
    s->stats.reloads++;
    show_update_marker(s);
    s->dirty = true;
}

int bb_show_goto(bb_show *s, int index)
{
    if (index < 0 || index >= s->cfg->n_slides)
        return -1;
    bb_cycle_show(s->cycle, index, bb_clock_mono_ms(s->clock));
    s->sync_hold = true;
    s->dirty = true;
    return 0;
}

void bb_show_force_rotation(bb_show *s, int rotation)
{
    int lw, lh;
    if (!bb_rotation_valid(rotation))
        return;
    s->forced_rotation = rotation;
    if (rotation == bb_screen_rotation(s->screen))
        return;
    if (bb_screen_set_rotation(s->screen, rotation) < 0)
        bb_log(BB_LOG_ERROR, "cannot turn the screen to %d degrees: %s", rotation, SDL_GetError());
    bb_screen_logical_size(s->screen, &lw, &lh);
    bb_compose_set_size(s->compose, lw, lh);
    s->dirty = true;
}

void bb_show_textures_lost(bb_show *s)
{
    if (bb_screen_reset(s->screen) < 0)
        bb_log_once(BB_LOG_ERROR, "cannot remake the canvas: %s", SDL_GetError());
    bb_compose_drop_textures(s->compose);
    bb_signage_drop_textures(s->signage);
    s->dirty = true;
}

void bb_show_set_power(bb_show *s, bool on)
{
    s->power_request = on ? 1 : 0;
    s->dirty = true;
}

bool bb_show_power(const bb_show *s)
{
    return s->panel ? bb_panel_power(s->panel) : s->panel_on;
}

bb_panel *bb_show_panel(bb_show *s)
{
    return s->panel;
}

void bb_show_detach_screen(bb_show *s)
{
    /* Everything that holds the old renderer's textures or SDL's DRM
     * descriptor goes; the cycle, the config and the fonts stay, so the
     * show goes on where it was. */
    bb_compose_destroy(s->compose);
    s->compose = NULL;
    bb_signage_destroy(s->signage);
    s->signage = NULL;
    bb_panel_destroy(s->panel);
    s->panel = NULL;
    s->screen = NULL;
}

int bb_show_attach_screen(bb_show *s, struct bb_screen *screen)
{
    int lw, lh;
    int rotation = s->forced_rotation >= 0 ? s->forced_rotation : s->cfg->display.rotation;
    s->screen = screen;
    if (bb_screen_rotation(screen) != rotation && bb_screen_set_rotation(screen, rotation) < 0)
        return -1;
    bb_screen_logical_size(screen, &lw, &lh);
    s->compose = bb_compose_create(bb_screen_renderer(screen), s->fonts, s->cfg, lw, lh);
    s->signage = bb_signage_create(bb_screen_renderer(screen), s->fonts, s->cfg);
    s->panel = show_make_panel(screen, s->cfg);
    if (!s->compose || !s->signage || !s->panel)
        return SDL_OutOfMemory();
    show_update_marker(s);
    /* A new connection starts lit: set the panel again if it was off. */
    if (!s->panel_on)
        bb_panel_set_power(s->panel, false);
    s->stats.display_resets++;
    s->dirty = true;
    return 0;
}

bool bb_show_override_refresh(bb_show *s)
{
    bool changed = bb_override_refresh(s->override);
    s->dirty |= changed;
    return changed;
}

void bb_show_invalidate(bb_show *s)
{
    s->dirty = true;
}

const bb_config *bb_show_config(const bb_show *s)
{
    return s->cfg;
}

int bb_show_current(const bb_show *s)
{
    return s->last_view.current;
}

bool bb_show_paused(const bb_show *s)
{
    return s->last_view.paused;
}

bool bb_show_config_error(const bb_show *s)
{
    return s->config_error;
}

void bb_show_stats_get(const bb_show *s, bb_show_stats *out)
{
    bb_compose_stats cs;
    int made, gone;
    *out = s->stats;
    out->panel_on = bb_show_power(s);
    if (!s->compose || !s->screen)
        return;   /* between two screens (hot-plug recovery) */
    bb_compose_stats_get(s->compose, &cs);
    bb_screen_texture_counts(s->screen, &made, &gone);
    out->scenes_created = cs.scenes_created;
    out->scenes_destroyed = cs.scenes_destroyed;
    out->scenes_live = cs.scenes_live;
    out->textures_created = made + cs.textures_created;
    out->textures_destroyed = gone + cs.textures_destroyed;
}

/* ---- the program ---- */

int bb_app_run(const char *config_path, const bb_options *opts)
{
    int rc = BB_EXIT_ENVIRONMENT;
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = NULL;
    bb_clock *clock = NULL;
    bb_watch *watch = NULL;
    bb_sdnotify *notify = NULL;
    bb_statsfile *stats = NULL;
    bb_wakeups *wakeups = NULL;
    app_loop loop = { 0 };
    char rundir[PATH_MAX];
    int watched_reloads = 0;   /* the reload the watcher's files are from */
    bb_show_stats st;
    wait_mode mode;
    bool quit = false, ready = false;

    if (!diags)
        goto fail;
    cfg = bb_config_load_file(config_path, diags);
    bb_diag_print(diags, stderr);
    if (!cfg) {
        rc = BB_EXIT_INVALID_CONFIG;
        goto fail;
    }
    clock = app_make_clock(cfg, opts);
    if (!clock)
        goto fail;
    app_install_signals();

    loop.sp.kind = opts->windowed || !cfg->display.fullscreen ? BB_SCREEN_WINDOW : BB_SCREEN_FULLSCREEN;
    loop.sp.width = cfg->display.width;
    loop.sp.height = cfg->display.height;
    loop.sp.rotation = opts->has_rotate ? opts->rotate : cfg->display.rotation;
    loop.sp.title = "briefboard";
    loop.screen = bb_screen_create(&loop.sp);
    if (!loop.screen) {
        bb_log(BB_LOG_ERROR, "cannot open the display: %s", SDL_GetError());
        goto fail;
    }
    mode = app_wait_mode(SDL_GetCurrentVideoDriver());
    loop.show = bb_show_create(loop.screen, cfg, clock, config_path);
    cfg = NULL;   /* the show owns it now, also when it failed */
    if (!loop.show) {
        bb_log(BB_LOG_ERROR, "cannot start the display: %s", SDL_GetError());
        goto fail;
    }
    if (opts->has_rotate)
        bb_show_force_rotation(loop.show, opts->rotate);
    if (opts->slide > 0 && bb_show_goto(loop.show, opts->slide - 1) < 0)
        bb_log(BB_LOG_WARNING, "there is no slide %d; starting at the first", opts->slide);
    bb_hotplug_init(&loop.hotplug);
    /* The config, its includes, schedules, images and logo. */
    watch = bb_watch_create_for_config(bb_show_config(loop.show));
    if (!watch)
        bb_log(BB_LOG_WARNING, "no hot reload (inotify unavailable); SIGHUP and R still reload");
    if (mode != WAIT_DEVICE) {
        bb_wakeups_params wp = { mode == WAIT_KMS ? BB_INPUTS_DIR : NULL, mode == WAIT_KMS,
                                 watch ? bb_watch_fd(watch) : -1, app_signal_pipe[0] };
        wakeups = bb_wakeups_create(&wp);
        if (!wakeups) {
            SDL_OutOfMemory();
            goto fail;
        }
        if (mode == WAIT_KMS)
            bb_log(BB_LOG_INFO, "waiting on %d input device%s%s",
                   bb_wakeups_input_devices(wakeups),
                   bb_wakeups_input_devices(wakeups) == 1 ? "" : "s",
                   bb_wakeups_has_display_events(wakeups) ? " and display hot-plug events" : "");
    }
    if (bb_powerctl_dir(rundir, sizeof rundir) && bb_powerctl_publish(rundir) == 0)
        loop.rundir = rundir;
    else
        bb_log(BB_LOG_DEBUG, "no runtime directory: briefboard --power cannot reach this display");
    loop.powered = true;
    if (loop.rundir)
        bb_powerctl_write_state(loop.rundir, true);
    notify = bb_sdnotify_create();
    stats = bb_statsfile_create_from_env();

    while (!quit) {
        int64_t wait = loop.screen ? bb_show_step(loop.show) : REMAKE_RETRY_MS;
        uint64_t now = bb_clock_mono_ms(clock);
        int64_t due;
        SDL_Event ev;

        if (!ready) {
            bb_sdnotify_ready(notify, now);
            ready = true;
        }
        bb_sdnotify_tick(notify, now);
        if (!loop.screen)
            bb_sdnotify_status(notify, "no display: trying to open it again");
        else if (bb_show_config_error(loop.show))
            bb_sdnotify_status(notify, "config error: showing the last good config");
        else
            bb_sdnotify_status(notify, "showing slide %d of %d", bb_show_current(loop.show) + 1,
                               bb_show_config(loop.show)->n_slides);
        /* A refused config may name a file nobody watches yet (a new
         * @include): try it again now and then until it loads. */
        if (watch)
            bb_watch_set_retry(watch, bb_show_config_error(loop.show) ? BB_WATCH_RETRY_MS : 0, now);
        if (bb_show_power(loop.show) != loop.powered) {
            loop.powered = !loop.powered;
            if (loop.rundir)
                bb_powerctl_write_state(loop.rundir, loop.powered);
        }
        bb_statsfile_update(stats, loop.show, now, bb_clock_wall(clock), bb_clock_synchronized(clock));
        if (watch && (due = bb_watch_ms_until_due(watch, now)) >= 0 && due < wait)
            wait = due;
        if ((due = bb_sdnotify_ms_until_ping(notify, now)) >= 0 && due < wait)
            wait = due;
        if (loop.hotplug_due && (due = (int64_t)(loop.hotplug_due - now)) < wait)
            wait = due < 0 ? 0 : due;
        if (loop.remake_due && (due = (int64_t)(loop.remake_due - now)) < wait)
            wait = due < 0 ? 0 : due;

        if (mode == WAIT_DEVICE) {
            if (app_wait_event(&ev, (int)wait, mode)) {
                do
                    quit |= app_handle_event(loop.show, &ev);
                while (SDL_PollEvent(&ev));
            }
        } else {
            bb_wake_reason why;
            if (wait > IDLE_SLICE_MS)
                wait = IDLE_SLICE_MS;
            /* Events SDL queued itself (a renderer reset) need no wake-up. */
            if (!SDL_HasEvents(SDL_FIRSTEVENT, SDL_LASTEVENT))
                bb_wakeups_wait(wakeups, (int)wait, &why);
            else
                memset(&why, 0, sizeof why);
            /* SDL reads its own copies of the input devices (and notices a
             * keyboard plugged in) only here: once per wake-up, not per ms. */
            while (SDL_PollEvent(&ev))
                quit |= loop.screen ? app_handle_event(loop.show, &ev) : false;
            if (why.display && !loop.hotplug_due)
                loop.hotplug_due = bb_clock_mono_ms(clock) + BB_HOTPLUG_SETTLE_MS;
        }
        now = bb_clock_mono_ms(clock);
        if (loop.hotplug_due && now >= loop.hotplug_due) {
            loop.hotplug_due = 0;
            app_check_display(&loop, now);
        }
        if (loop.remake_due && now >= loop.remake_due) {
            loop.remake_due = 0;
            if (app_remake_screen(&loop, "trying again", now) < 0 &&
                loop.remake_tries >= REMAKE_MAX_TRIES) {
                bb_log(BB_LOG_ERROR, "the display could not be opened again %d times; exiting",
                       loop.remake_tries);
                goto fail;
            }
        }
        if (app_quit_signal) {
            bb_log(BB_LOG_INFO, "quitting on a signal");
            quit = true;
        }
        /* Not between two screens: a reload rebuilds the drawing caches.
         * The request waits (the flag, the watcher's pending change). */
        if (loop.screen &&
            (app_reload_signal || (watch && bb_watch_poll(watch, bb_clock_mono_ms(clock))))) {
            app_reload_signal = 0;
            bb_sdnotify_reloading(notify, bb_clock_mono_ms(clock));
            bb_show_command(loop.show, BB_CMD_RELOAD);
            bb_sdnotify_ready(notify, bb_clock_mono_ms(clock));
        }
        if (app_override_signal) {
            app_override_signal = 0;
            bb_show_override_refresh(loop.show);
        }
        if (app_power_signal) {
            bool on;
            app_power_signal = 0;
            if (loop.rundir && bb_powerctl_take(loop.rundir, &on) > 0) {
                bb_log(BB_LOG_INFO, "power %s requested", on ? "on" : "off");
                bb_show_set_power(loop.show, on);
                /* Apply it now, so the state file answers the command. */
                if (loop.screen)
                    bb_show_step(loop.show);
                loop.powered = bb_show_power(loop.show);
                bb_powerctl_write_state(loop.rundir, loop.powered);
            }
        }
        /* Whatever reloaded it (signal, watcher, the R key), a new config
         * may name other includes and images. */
        bb_show_stats_get(loop.show, &st);
        if (watch && st.reloads != watched_reloads) {
            watched_reloads = st.reloads;
            app_watch_files(watch, bb_show_config(loop.show));
        }
    }
    bb_sdnotify_stopping(notify);
    rc = BB_EXIT_OK;

fail:
    if (loop.rundir)
        bb_powerctl_unpublish(loop.rundir);
    bb_statsfile_destroy(stats);
    bb_sdnotify_destroy(notify);
    bb_wakeups_destroy(wakeups);
    bb_watch_destroy(watch);
    bb_show_destroy(loop.show);
    bb_screen_destroy(loop.screen);
    bb_clock_destroy(clock);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    SDL_Quit();
    return rc;
}

/* ---- static: the show ---- */

static bool show_fonts_differ(const bb_config *a, const bb_config *b)
{
    if (a->display.fonts.n != b->display.fonts.n)
        return true;
    for (int i = 0; i < a->display.fonts.n; i++)
        if (strcmp(a->display.fonts.v[i], b->display.fonts.v[i]) != 0)
            return true;
    return false;
}

static void show_update_marker(bb_show *s)
{
    bb_cycle_view view = { 0 };
    const char *text = NULL;
    bool paused;
    if (s->cycle)
        bb_cycle_view_get(s->cycle, bb_clock_mono_ms(s->clock), &view);
    paused = view.paused;
    if (s->config_error && paused)
        text = MARK_CONFIG_ERROR " \xC2\xB7 " MARK_PAUSED;
    else if (s->config_error)
        text = MARK_CONFIG_ERROR;
    else if (paused)
        text = MARK_PAUSED;
    bb_compose_set_marker(s->compose, text);
}

/* The slide the cycle will most likely show next, to build its scene ahead. */
static int show_next_hint(const bb_show *s, const bb_cycle_view *view, bb_instant wall, bool synced)
{
    int n = s->cfg->n_slides;
    if (view->current < 0)
        return -1;
    for (int k = 1; k <= n; k++) {
        int i = (view->current + k) % n;
        if (bb_slide_eligible(s->cfg, i, wall, synced))
            return i;
    }
    return -1;
}

/*
 * Compose the frame on the canvas and present it.  On KMS/DRM the scan-out
 * is double buffered and a single present followed by a long sleep can leave
 * the previous (or a black) buffer on screen (PLATFORM.md), so there a frame
 * after which the loop goes idle is presented twice: the second present
 * re-copies the canvas -- no redraw -- and pushes the same picture into the
 * other buffer.  Elsewhere the compositor keeps the last buffer, and the
 * second present would only cost a full-screen copy a second.  Frames in
 * the middle of a transition are followed by the next frame at once and
 * need no second present.
 */
static void show_draw(bb_show *s, const bb_cycle_view *view, bool moving,
                      const bb_damage *damage)
{
    SDL_Renderer *r = bb_screen_renderer(s->screen);
    if (bb_screen_begin(s->screen) < 0)
        bb_log_once(BB_LOG_WARNING, "cannot draw on the canvas: %s", SDL_GetError());
    if (damage->full) {
        bb_compose_draw(s->compose, view, s->backward);
    } else {
        /* The same drawing, clipped to each changed part: pixels outside
         * are untouched and the canvas keeps the rest of the last frame. */
        for (int i = 0; i < damage->n; i++) {
            SDL_RenderSetClipRect(r, &damage->rects[i]);
            bb_compose_draw(s->compose, view, s->backward);
        }
        SDL_RenderSetClipRect(r, NULL);
        s->stats.partial_frames++;
    }
    s->stats.frames++;
    bb_screen_present_damage(s->screen, damage);
    s->stats.presents++;
    if (!moving && bb_screen_page_flipped(s->screen)) {
        bb_screen_present(s->screen);
        s->stats.presents++;
    }
}

static bool show_same_string(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bb_panel *show_make_panel(struct bb_screen *screen, const bb_config *cfg)
{
    bb_panel_params pp = { cfg->display.cec, cfg->display.cec_device, NULL };
    return bb_panel_create(bb_screen_window(screen), &pp);
}

/*
 * Switch the panel to what is wanted now and return that state (true: on).
 * The schedule wants it off in quiet hours with quiet_style "off", unless an
 * override message is up (an emergency wakes the screen).  A --power
 * request wins until the schedule's own wish next changes: "off" in the
 * evening holds until quiet hours begin and end, "on" in the night until
 * they end.
 */
static bool show_apply_power(bb_show *s, const bb_frame_clock *fc, bool override_up)
{
    bool scheduled = override_up || s->cfg->signage.quiet_style != BB_QUIET_OFF ||
                     !bb_signage_quiet_at(s->cfg, fc);
    bool want;
    if (scheduled != s->power_scheduled) {
        s->power_scheduled = scheduled;
        s->power_request = -1;
    }
    want = s->power_request >= 0 ? s->power_request == 1 : scheduled;
    if (want != s->panel_on) {
        bb_panel_set_power(s->panel, want);
        s->panel_on = want;
        s->dirty = true;
    }
    return want;
}

/* The wall clock in ms since the epoch, for cycle.sync: the whole seconds
 * plus the part of the current one already gone. */
static int64_t show_wall_ms(bb_instant wall, int ms_to_next_second)
{
    int past = 1000 - (ms_to_next_second > 1000 ? 1000 : ms_to_next_second);
    return (int64_t)wall * 1000 + (past > 0 ? past : 0);
}

static bool views_equal(const bb_cycle_view *a, const bb_cycle_view *b)
{
    return a->current == b->current && a->previous == b->previous &&
           a->progress == b->progress && a->paused == b->paused;
}

/* ---- static: the program ---- */

/* Flags, and a byte into the signal pipe so that a sleeping poll wakes
 * (also when the signal comes just before it): everything else happens in
 * the loop. */
static void app_on_signal(int sig)
{
    int saved = errno;
    if (sig == SIGHUP)
        app_reload_signal = 1;
    else if (sig == SIGUSR1)
        app_override_signal = 1;
    else if (sig == SIGUSR2)
        app_power_signal = 1;
    else
        app_quit_signal = 1;
    if (app_signal_pipe[1] >= 0) {
        ssize_t ignored = write(app_signal_pipe[1], "s", 1);
        (void)ignored;   /* a full pipe already wakes the loop */
    }
    errno = saved;
}

static void app_signal_pipe_open(void)
{
    if (app_signal_pipe[0] >= 0)
        return;
    if (pipe(app_signal_pipe) < 0) {
        app_signal_pipe[0] = app_signal_pipe[1] = -1;
        bb_log(BB_LOG_WARNING, "no signal pipe (%s): a signal may wait for the next wake-up",
               strerror(errno));
        return;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(app_signal_pipe[i], F_SETFL, fcntl(app_signal_pipe[i], F_GETFL) | O_NONBLOCK);
        fcntl(app_signal_pipe[i], F_SETFD, FD_CLOEXEC);
    }
}

static void app_install_signals(void)
{
    struct sigaction sa;
    /* SDL's own handlers would turn SIGINT/SIGTERM into SDL_QUIT, which a
     * locked kiosk ignores; systemd's stop must always work. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    app_signal_pipe_open();
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = app_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* SIGUSR1: read the override message file now. */
    sigaction(SIGUSR1, &sa, NULL);
    /* SIGUSR2: a power request is waiting (briefboard --power). */
    sigaction(SIGUSR2, &sa, NULL);
}

/* x11 and wayland: SDL blocks on the display's connection.  kmsdrm: SDL
 * has nothing to block on, so we sleep on the input devices ourselves.
 * Anything else (offscreen, dummy, rarer drivers): we sleep on our own
 * descriptors, and SDL reads its input at every wake-up. */
static wait_mode app_wait_mode(const char *driver)
{
    if (strcmp(driver, "x11") == 0 || strcmp(driver, "wayland") == 0)
        return WAIT_DEVICE;
    if (SDL_strcasecmp(driver, "kmsdrm") == 0)
        return WAIT_KMS;
    return WAIT_SLEEP;
}

/* Wait up to timeout_ms for one event (WAIT_DEVICE); true when *ev holds one. */
static bool app_wait_event(SDL_Event *ev, int timeout_ms, wait_mode mode)
{
    (void)mode;
    if (timeout_ms <= 0)
        return SDL_PollEvent(ev) == 1;
    if (timeout_ms > WAIT_SLICE_MS)
        timeout_ms = WAIT_SLICE_MS;
    return SDL_WaitEventTimeout(ev, timeout_ms) == 1;
}

/* After a DRM hot-plug event has settled: look at the connector and redraw,
 * or remake the screen. */
static void app_check_display(app_loop *loop, uint64_t now)
{
    bb_panel_output out = { 0 };
    bb_panel *panel = bb_show_panel(loop->show);
    int pw = 0, ph = 0;
    if (!loop->screen || !panel) {
        loop->remake_due = now;
        return;
    }
    bb_panel_probe(panel, &out);
    bb_screen_physical_size(loop->screen, &pw, &ph);
    switch (bb_hotplug_decide(&loop->hotplug, out.known, out.connected, out.width, out.height,
                              pw, ph)) {
    case BB_HOTPLUG_NONE:
        if (out.known && !out.connected)
            bb_log(BB_LOG_INFO, "display %s disconnected; the picture comes back when it is "
                   "connected again", out.name);
        break;
    case BB_HOTPLUG_REDRAW:
        bb_log(BB_LOG_INFO, "display %s changed, still %dx%d: drawing the frame again", out.name,
               pw, ph);
        bb_show_invalidate(loop->show);
        break;
    case BB_HOTPLUG_REMAKE: {
        char why[96];
        snprintf(why, sizeof why, "display %s connected at %dx%d@%d (was %dx%d)", out.name,
                 out.width, out.height, out.refresh_hz, pw, ph);
        app_remake_screen(loop, why, now);
        break;
    }
    }
}

/* Close the screen and open it again (SDL's video subsystem, window,
 * renderer: the mode is set anew), keeping the show's place.  On failure
 * the show stays detached and another try is scheduled.  Returns 0 or -1. */
static int app_remake_screen(app_loop *loop, const char *why, uint64_t now)
{
    uint64_t t0 = SDL_GetTicks64();
    int pw = 0, ph = 0;
    if (loop->screen) {
        bb_show_detach_screen(loop->show);
        bb_screen_destroy(loop->screen);
        loop->screen = NULL;
    }
    loop->screen = bb_screen_create(&loop->sp);
    if (!loop->screen || bb_show_attach_screen(loop->show, loop->screen) < 0) {
        loop->remake_tries++;
        bb_log(BB_LOG_ERROR, "%s: cannot open the display again (%s); trying again in %d s",
               why, SDL_GetError(), REMAKE_RETRY_MS / 1000);
        if (loop->screen) {
            bb_show_detach_screen(loop->show);
            bb_screen_destroy(loop->screen);
            loop->screen = NULL;
        }
        loop->remake_due = now + REMAKE_RETRY_MS;
        return -1;
    }
    loop->remake_tries = 0;
    bb_hotplug_init(&loop->hotplug);
    bb_screen_physical_size(loop->screen, &pw, &ph);
    bb_log(BB_LOG_INFO, "%s: display reopened at %dx%d in %llu ms, showing slide %d again", why,
           pw, ph, (unsigned long long)(SDL_GetTicks64() - t0), bb_show_current(loop->show) + 1);
    return 0;
}

/* Returns true when the event asks to quit (and quitting is allowed). */
static bool app_handle_event(bb_show *show, const SDL_Event *ev)
{
    bool locked = bb_show_config(show)->kiosk_lock;
    switch (ev->type) {
    case SDL_QUIT:
        return !locked;
    case SDL_KEYDOWN:
        if (ev->key.repeat)
            return false;
        switch (ev->key.keysym.sym) {
        case SDLK_RIGHT: bb_show_command(show, BB_CMD_NEXT); break;
        case SDLK_LEFT: bb_show_command(show, BB_CMD_PREVIOUS); break;
        case SDLK_SPACE: bb_show_command(show, BB_CMD_PAUSE); break;
        case SDLK_r: bb_show_command(show, BB_CMD_RELOAD); break;
        case SDLK_q:
        case SDLK_ESCAPE:
            if (locked)
                bb_log_once(BB_LOG_INFO, "kiosk.lock is set: Q and Esc do not quit");
            return !locked;
        default: break;
        }
        return false;
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
            ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED)
            bb_show_invalidate(show);
        return false;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        bb_log(BB_LOG_INFO, "the renderer lost its textures; remaking them");
        bb_show_textures_lost(show);
        return false;
    default:
        return false;
    }
}

static bb_clock *app_make_clock(const bb_config *cfg, const bb_options *opts)
{
    if (opts->has_now)
        return bb_clock_create_replay(opts->now, 1.0);
    if (cfg->replay.enabled)
        return bb_clock_create_replay(cfg->replay.start, cfg->replay.speed);
    return bb_clock_create_system((bb_instant)BB_BUILD_EPOCH);
}

static void app_watch_files(bb_watch *watch, const bb_config *cfg)
{
    if (bb_watch_set_config(watch, cfg) < 0)
        bb_log(BB_LOG_WARNING, "cannot watch the config files (out of memory)");
}
