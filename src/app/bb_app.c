/*
 * bb_app: the running program around the show -- the display opened, the
 * loop's one sleep (bb_wakeups on KMS/DRM and offscreen, SDL's own wait on
 * x11 and Wayland), SDL's events, signals, the config watcher, systemd
 * notification, the stats file, `briefboard --power` requests, and hot-plug
 * recovery (the screen closed and opened again, the show kept).
 */
#include "bb_app.h"

#include <SDL.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_clock.h"
#include "bb_config.h"
#include "bb_control.h"
#include "bb_deadline.h"
#include "bb_diag.h"
#include "bb_hotplug.h"
#include "bb_inputs.h"
#include "bb_log.h"
#include "bb_panel.h"
#include "bb_feedcache.h"
#include "bb_picture.h"
#include "bb_powerctl.h"
#include "bb_sandbox.h"
#include "bb_screen.h"
#include "bb_sdnotify.h"
#include "bb_show.h"
#include "bb_start.h"
#include "bb_statsfile.h"
#include "bb_wakeups.h"
#include "bb_watch.h"

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
/* Where SDL alone waits (x11, wayland), the control socket and the
 * pictures' decoder pipes are looked at this often; elsewhere their
 * descriptors wake the loop at once. */
#define CONTROL_SLICE_MS 100

static volatile sig_atomic_t app_quit_signal;
static volatile sig_atomic_t app_reload_signal;
static volatile sig_atomic_t app_override_signal;
static volatile sig_atomic_t app_power_signal;
/* The signal pipe: the handlers write a byte, the loop's poll wakes. */
static int app_signal_pipe[2] = { -1, -1 };

static void app_on_signal(int sig);
static void app_install_signals(void);
/* How the loop sleeps, by video driver. */
typedef enum {
    WAIT_DEVICE,   /* SDL blocks on the display's connection (x11, wayland) */
    WAIT_KMS,      /* bb_wakeups: our own copies of the input devices, DRM
                      hot-plug events, watcher, signals (kmsdrm) */
    WAIT_SLEEP     /* bb_wakeups without input (offscreen, dummy) */
} wait_mode;

/* What the watchdog is fed from while a decoder child is waited for. */
typedef struct app_feeder {
    bb_sdnotify *notify;
    bb_clock *clock;
} app_feeder;

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
static bool app_wait_event(SDL_Event *ev, int timeout_ms, int nfds);
static void app_check_display(app_loop *loop, uint64_t now);
static int app_remake_screen(app_loop *loop, const char *why, uint64_t now);
static void app_drop_screen(app_loop *loop);
static void app_signal_pipe_open(void);
static bool app_handle_event(bb_show *show, const SDL_Event *ev);
static void app_watch_files(bb_watch *watch, const bb_config *cfg);
static void app_feed_watchdog(void *arg);
static int64_t app_ms_until(uint64_t due, uint64_t now);

/* ---- the program ---- */

int bb_app_run(const char *config_path, const bb_options *opts)
{
    bb_started st;
    int rc = bb_start_open(BB_START_DISPLAY, config_path, opts, app_install_signals, &st);
    bb_clock *clock = st.clock;
    bb_watch *watch = NULL;
    bb_sdnotify *notify = NULL;
    bb_statsfile *stats = NULL;
    bb_control *control = NULL;
    char *control_path = NULL;
    bb_control_info control_info = { 0 };
    struct pollfd control_fds[BB_CONTROL_MAX_FDS];
    struct pollfd decoder_fds[BB_PICTURE_DECODERS + BB_FEEDCACHE_SLOTS];
    bb_wakeups *wakeups = NULL;
    app_loop loop = { 0 };
    char rundir[PATH_MAX];
    int watched_reloads = 0;   /* the reload the watcher's files are from */
    bb_show_stats ss;
    wait_mode mode;
    bool quit = false, ready = false, stats_panel_on = true;

    if (rc != BB_EXIT_OK)
        return rc;
    rc = BB_EXIT_ENVIRONMENT;
    loop.show = st.show;
    loop.screen = st.screen;
    loop.sp = st.sp;
    mode = app_wait_mode(SDL_GetCurrentVideoDriver());
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
            bb_log(BB_LOG_ERROR, "cannot start the display: out of memory");
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
    /* A reload decodes its schedules in children, one after another: the
     * watchdog is fed while each is waited for. */
    app_feeder feeder = {notify, clock};
    bb_sandbox_set_waiting(app_feed_watchdog, &feeder);
    /* Pictures and feeds are decoded while the loop goes on: their pipes
     * join the one sleep below. */
    bb_picture_set_background(true);
    bb_feedcache_set_background(true);
    stats = bb_statsfile_create_from_env();
    control_info.started_ms = bb_clock_mono_ms(clock);
    control_path = bb_control_default_path(opts->control);
    if (control_path)
        control = bb_control_create(control_path, control_info.started_ms);

    while (!quit) {
        int64_t wait = loop.screen ? bb_show_step(loop.show) : REMAKE_RETRY_MS;
        bb_frame_clock fc;
        bb_clock_frame(clock, &fc);
        uint64_t now = fc.mono_ms;
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
        /* A change of the panel's power is written at once: the loop may
         * sleep for hours after it. */
        if (bb_statsfile_due(stats, now) || loop.powered != stats_panel_on) {
            bb_show_snapshot snap;
            bb_show_snapshot_get(loop.show, &snap);
            bb_statsfile_update(stats, &snap, &fc);
            stats_panel_on = loop.powered;
        }
        if (watch)
            wait = bb_deadline_min(wait, bb_watch_ms_until_due(watch, now));
        wait = bb_deadline_min(wait, bb_sdnotify_ms_until_ping(notify, now));
        wait = bb_deadline_min(wait, app_ms_until(loop.hotplug_due, now));
        wait = bb_deadline_min(wait, app_ms_until(loop.remake_due, now));
        /* A decoder past its deadline is stopped even if it says nothing. */
        wait = bb_deadline_min(wait, bb_picture_ms_until_due());
        wait = bb_deadline_min(wait, bb_feedcache_ms_until_due());

        int nfds = bb_control_pollfds(control, control_fds);
        int ndecoders = bb_picture_pollfds(decoder_fds, BB_PICTURE_DECODERS);
        ndecoders += bb_feedcache_pollfds(decoder_fds + ndecoders, BB_FEEDCACHE_SLOTS);
        if (mode == WAIT_DEVICE) {
            if (app_wait_event(&ev, (int)wait, nfds + ndecoders)) {
                do
                    quit |= app_handle_event(loop.show, &ev);
                while (SDL_PollEvent(&ev));
            }
        } else {
            bb_wake_reason why;
            if (wait > IDLE_SLICE_MS)
                wait = IDLE_SLICE_MS;
            /* A connected client is timed out when idle: look at it now and
             * then even while nothing else happens. */
            if (nfds > 1 && wait > WAIT_SLICE_MS)
                wait = WAIT_SLICE_MS;
            /* The control socket's descriptors join the one sleep, so a
             * command wakes it at once. */
            bb_wakeups_set_control(wakeups, control_fds, nfds);
            bb_wakeups_set_decoders(wakeups, decoder_fds, ndecoders);
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
        control_info.wakeups++;
        bb_control_service(control, loop.show, &control_info, bb_clock_mono_ms(clock));
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
                bb_powerctl_answer(loop.rundir, loop.powered);
            }
        }
        /* Whatever reloaded it (signal, watcher, the R key), a new config
         * may name other includes and images. */
        bb_show_stats_get(loop.show, &ss);
        if (watch && ss.reloads != watched_reloads) {
            watched_reloads = ss.reloads;
            app_watch_files(watch, bb_show_config(loop.show));
        }
    }
    bb_sdnotify_stopping(notify);
    rc = BB_EXIT_OK;

    bb_control_destroy(control);
    free(control_path);
fail:
    bb_sandbox_set_waiting(NULL, NULL);   /* feeder lives on this stack */
    bb_picture_set_background(false);
    bb_feedcache_set_background(false);
    if (loop.rundir)
        bb_powerctl_unpublish(loop.rundir);
    bb_statsfile_destroy(stats);
    bb_sdnotify_destroy(notify);
    bb_wakeups_destroy(wakeups);
    bb_watch_destroy(watch);
    /* The screen may have been remade (or be gone) since the start. */
    st.screen = loop.screen;
    bb_start_close(&st);
    return rc;
}

/* ---- static: the program ---- */

static void app_feed_watchdog(void *arg)
{
    app_feeder *f = arg;
    bb_sdnotify_tick(f->notify, bb_clock_mono_ms(f->clock));
}

/* A pending step of the loop (hot-plug check, remake) as a deadline: due is
 * a monotonic ms, 0 for none; one already past is due now. */
static int64_t app_ms_until(uint64_t due, uint64_t now)
{
    if (!due)
        return BB_DEADLINE_NONE;
    return due > now ? (int64_t)(due - now) : 0;
}

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

/* Wait up to timeout_ms for one event (WAIT_DEVICE); true when *ev holds
 * one.  nfds: how many descriptors of our own there are (control socket,
 * decoder pipes), which SDL cannot wait on. */
static bool app_wait_event(SDL_Event *ev, int timeout_ms, int nfds)
{
    if (timeout_ms <= 0)
        return SDL_PollEvent(ev) == 1;
    if (timeout_ms > WAIT_SLICE_MS)
        timeout_ms = WAIT_SLICE_MS;
    /* SDL waits on the display's connection alone: with a control socket
     * or a picture being decoded, look at them every CONTROL_SLICE_MS
     * (desktops only). */
    if (nfds > 0 && timeout_ms > CONTROL_SLICE_MS)
        timeout_ms = CONTROL_SLICE_MS;
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
    app_drop_screen(loop);
    loop->screen = bb_screen_create(&loop->sp);
    if (!loop->screen || bb_show_attach_screen(loop->show, loop->screen) < 0) {
        loop->remake_tries++;
        bb_log(BB_LOG_ERROR, "%s: cannot open the display again (%s); trying again in %d s",
               why, SDL_GetError(), REMAKE_RETRY_MS / 1000);
        app_drop_screen(loop);
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

/* The show let go of the screen, and the screen closed (none: nothing). */
static void app_drop_screen(app_loop *loop)
{
    if (!loop->screen)
        return;
    bb_show_detach_screen(loop->show);
    bb_screen_destroy(loop->screen);
    loop->screen = NULL;
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

static void app_watch_files(bb_watch *watch, const bb_config *cfg)
{
    if (bb_watch_set_config(watch, cfg) < 0)
        bb_log(BB_LOG_WARNING, "cannot watch the config files (out of memory)");
}
