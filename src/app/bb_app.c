/*
 * bb_app: the running display process.  bb_app_run wraps the show
 * (bb_show.c) in SDL events, signals, the config watcher, systemd
 * notification and the stats file.
 */
#include "bb_app.h"

#include <SDL.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_clock.h"
#include "bb_config.h"
#include "bb_log.h"
#include "bb_sdnotify.h"
#include "bb_show.h"
#include "bb_start.h"
#include "bb_statsfile.h"
#include "bb_watch.h"

/* Longest single sleep: bounds how late a file change is seen when nothing
 * else wakes the loop (a signal cuts the sleep short).  One second keeps an
 * idle screen at about one wake-up a second, which a ticking countdown
 * needs anyway (bench/run.sh measures it). */
#define WAIT_SLICE_MS 1000
/* Video drivers with no blocking event wait but with input (kmsdrm) make
 * SDL_WaitEventTimeout poll every millisecond; poll this often instead
 * (25 wake-ups a second; a key press waits at most this long). */
#define INPUT_POLL_MS 40

static volatile sig_atomic_t app_quit_signal;
static volatile sig_atomic_t app_reload_signal;
static volatile sig_atomic_t app_override_signal;

static void app_on_signal(int sig);
static void app_install_signals(void);
/* How the loop sleeps, by video driver. */
typedef enum {
    WAIT_DEVICE,   /* SDL blocks on the display's connection (x11, wayland) */
    WAIT_POLL,     /* no blocking wait: poll input every INPUT_POLL_MS (kmsdrm) */
    WAIT_SLEEP     /* no input at all (offscreen, dummy): just sleep */
} wait_mode;

static wait_mode app_wait_mode(const char *driver);
static bool app_wait_event(SDL_Event *ev, int timeout_ms, wait_mode mode);
static bool app_handle_event(bb_show *show, const SDL_Event *ev);
static void app_watch_files(bb_watch *watch, const bb_config *cfg);

int bb_app_run(const char *config_path, const bb_options *opts)
{
    bb_started st;
    int rc = bb_start_open(BB_START_DISPLAY, config_path, opts, app_install_signals, &st);
    bb_clock *clock = st.clock;
    bb_show *show = st.show;
    bb_watch *watch = NULL;
    bb_sdnotify *notify = NULL;
    bb_statsfile *stats = NULL;
    int watched_reloads = 0;   /* the reload the watcher's files are from */
    bb_show_stats ss;
    wait_mode mode;
    bool quit = false, ready = false;

    if (rc != BB_EXIT_OK)
        return rc;
    mode = app_wait_mode(SDL_GetCurrentVideoDriver());
    /* The config, its includes, schedules, images and logo. */
    watch = bb_watch_create_for_config(bb_show_config(show));
    if (!watch)
        bb_log(BB_LOG_WARNING, "no hot reload (inotify unavailable); SIGHUP and R still reload");
    notify = bb_sdnotify_create();
    stats = bb_statsfile_create_from_env();

    while (!quit) {
        int64_t wait = bb_show_step(show);
        uint64_t now = bb_clock_mono_ms(clock);
        int64_t due;
        SDL_Event ev;

        if (!ready) {
            bb_sdnotify_ready(notify, now);
            ready = true;
        }
        bb_sdnotify_tick(notify, now);
        if (bb_show_config_error(show))
            bb_sdnotify_status(notify, "config error: showing the last good config");
        else
            bb_sdnotify_status(notify, "showing slide %d of %d", bb_show_current(show) + 1,
                               bb_show_config(show)->n_slides);
        /* A refused config may name a file nobody watches yet (a new
         * @include): try it again now and then until it loads. */
        if (watch)
            bb_watch_set_retry(watch, bb_show_config_error(show) ? BB_WATCH_RETRY_MS : 0, now);
        if (bb_statsfile_due(stats, now)) {
            bb_show_snapshot snap;
            bb_show_snapshot_get(show, &snap);
            bb_statsfile_update(stats, &snap, now, bb_clock_wall(clock), bb_clock_synchronized(clock));
        }
        if (watch && (due = bb_watch_ms_until_due(watch, now)) >= 0 && due < wait)
            wait = due;
        if ((due = bb_sdnotify_ms_until_ping(notify, now)) >= 0 && due < wait)
            wait = due;

        if (app_wait_event(&ev, (int)wait, mode)) {
            do
                quit |= app_handle_event(show, &ev);
            while (SDL_PollEvent(&ev));
        }
        if (app_quit_signal) {
            bb_log(BB_LOG_INFO, "quitting on a signal");
            quit = true;
        }
        if (app_reload_signal || (watch && bb_watch_poll(watch, bb_clock_mono_ms(clock)))) {
            app_reload_signal = 0;
            bb_sdnotify_reloading(notify, bb_clock_mono_ms(clock));
            bb_show_command(show, BB_CMD_RELOAD);
            bb_sdnotify_ready(notify, bb_clock_mono_ms(clock));
        }
        if (app_override_signal) {
            app_override_signal = 0;
            bb_show_override_refresh(show);
        }
        /* Whatever reloaded it (signal, watcher, the R key), a new config
         * may name other includes and images. */
        bb_show_stats_get(show, &ss);
        if (watch && ss.reloads != watched_reloads) {
            watched_reloads = ss.reloads;
            app_watch_files(watch, bb_show_config(show));
        }
    }
    bb_sdnotify_stopping(notify);

    bb_statsfile_destroy(stats);
    bb_sdnotify_destroy(notify);
    bb_watch_destroy(watch);
    bb_start_close(&st);
    return BB_EXIT_OK;
}

/* ---- static ---- */

/* Only flags: everything else happens in the loop. */
static void app_on_signal(int sig)
{
    if (sig == SIGHUP)
        app_reload_signal = 1;
    else if (sig == SIGUSR1)
        app_override_signal = 1;
    else
        app_quit_signal = 1;
}

static void app_install_signals(void)
{
    struct sigaction sa;
    /* SDL's own handlers would turn SIGINT/SIGTERM into SDL_QUIT, which a
     * locked kiosk ignores; systemd's stop must always work. */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = app_on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* SIGUSR1: read the override message file now. */
    sigaction(SIGUSR1, &sa, NULL);
}

static wait_mode app_wait_mode(const char *driver)
{
    if (strcmp(driver, "x11") == 0 || strcmp(driver, "wayland") == 0)
        return WAIT_DEVICE;
    if (strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0)
        return WAIT_SLEEP;
    return WAIT_POLL;
}

/* Wait up to timeout_ms for one event; true when *ev holds one. */
static bool app_wait_event(SDL_Event *ev, int timeout_ms, wait_mode mode)
{
    uint64_t end;
    if (timeout_ms <= 0)
        return SDL_PollEvent(ev) == 1;
    if (timeout_ms > WAIT_SLICE_MS)
        timeout_ms = WAIT_SLICE_MS;
    if (mode == WAIT_DEVICE)
        return SDL_WaitEventTimeout(ev, timeout_ms) == 1;
    if (mode == WAIT_SLEEP) {
        /* Nothing to poll: one sleep, which a signal interrupts (SDL_Delay
         * would resume it).  Events SDL queues itself are still seen. */
        if (SDL_PollEvent(ev))
            return true;
        poll(NULL, 0, timeout_ms);
        return SDL_PollEvent(ev) == 1;
    }
    end = SDL_GetTicks64() + (uint64_t)timeout_ms;
    for (;;) {
        uint64_t now;
        if (SDL_PollEvent(ev))
            return true;
        now = SDL_GetTicks64();
        if (now >= end || app_quit_signal || app_reload_signal || app_override_signal)
            return false;
        SDL_Delay((Uint32)(end - now < INPUT_POLL_MS ? end - now : INPUT_POLL_MS));
    }
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
