/*
 * bb_show: the running display's state and one step of its loop.  The
 * clock and the screen are handed in, so the display, the previews and the
 * tests drive the same show.
 */
#include "bb_show.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_changes.h"
#include "bb_clock.h"
#include "bb_compose.h"
#include "bb_fetch.h"
#include "bb_override.h"
#include "bb_panel.h"
#include "bb_feedcache.h"
#include "bb_picture.h"
#include "bb_signage.h"
#include "bb_config.h"
#include "bb_cycle.h"
#include "bb_deadline.h"
#include "bb_diag.h"
#include "bb_fonts.h"
#include "bb_i18n.h"
#include "bb_log.h"
#include "bb_screen.h"
#include "bb_slide.h"
#include "bb_state.h"

/* A wake-up for a wall-clock second comes this much after the boundary, so
 * a timer that fires a little early does not find the old second still
 * showing and wake again a millisecond later. */
#define SECOND_SLACK_MS 2
/* The marker texts. */
#define MARK_CONFIG_ERROR "config error"
#define MARK_PAUSED "paused"
/* After the picture moved on (a cut, a transition's end), the next step
 * comes at most this much later, ms: it builds the slide after it ahead. */
#define BUILD_AHEAD_MS 250
/* How often the age of fetched schedules is looked at (their stamps are
 * touched by another process, which sends no event), ms. */
#define STALE_CHECK_MS 30000

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
    bool replay;               /* the clock replays another time: say so */

    bb_cycle_view last_view;
    bool dirty;                /* redraw on the next step */
    bool backward;             /* the operator went back: slide moves right */
    bool config_error;         /* the last reload was refused */
    bb_changes *changes;       /* borrowed: the programme's baseline, or NULL */
    const char *state_dir;     /* borrowed: where it is saved, or NULL */
    char stale[BB_FETCH_STALE_BUF]; /* "programme as of 14:05", or "" */
    uint64_t stale_due_ms;     /* when to look at the fetched copies again */
    char config_error_line[BB_SHOW_ERROR_LINE];  /* why, as logged */
    bb_show_stats stats;
};

static bool show_fonts_differ(const bb_config *a, const bb_config *b);
static void show_update_marker(bb_show *s);
static void show_check_stale(bb_show *s, uint64_t now, bb_instant wall);
static int show_next_hint(const bb_show *s, const bb_cycle_view *view, bb_instant wall, bool synced);
static void show_draw(bb_show *s, const bb_cycle_view *view, bool moving,
                      const bb_damage *damage);
static void show_draw_signage(bb_show *s, const char *override_text, const bb_frame_clock *fc);
static void show_begin(bb_show *s);
static void show_present(bb_show *s, const bb_damage *damage, bool moving);
static bool views_equal(const bb_cycle_view *a, const bb_cycle_view *b);
static bb_panel *show_make_panel(struct bb_screen *screen, const bb_config *cfg);
static bool show_same_string(const char *a, const char *b);
static bool show_apply_power(bb_show *s, const bb_frame_clock *fc, bool override_up);

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
    bb_frame_clock fc;
    bb_clock_frame(clock, &fc);
    s->cycle = bb_cycle_create(cfg, fc.mono_ms, fc.wall, fc.synced);
    s->signage = bb_signage_create(bb_screen_renderer(screen), s->fonts, cfg);
    s->override = bb_override_create(cfg->signage.override_file, fc.mono_ms);
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
    bb_frame_clock fc;
    bb_clock_frame(s->clock, &fc);
    uint64_t now = fc.mono_ms;
    fc.replay = s->replay;
    bb_cycle_view view;
    /* Pictures and feeds decoded in the background since the last step go
     * into their caches (and their pipes are read, whatever is shown: the
     * loop sleeps on them); a scene that waited for one is made again
     * below. */
    bb_picture_poll();
    bb_feedcache_poll();
    show_check_stale(s, now, fc.wall);
    bool changed = s->dirty;

    /* The override message, then quiet hours, take the whole screen; the
     * cycle waits (a long sleep makes it resume with the next slide). */
    bool ended, redraw;
    bb_override_poll(s->override, now);
    const char *override_text = bb_override_text(s->override);
    int64_t override_due = bb_override_ms_until_due(s->override, now);
    s->stats.wakeups++;
    /* A panel switched off from the control socket or --power shows black
     * first (drawn once below): a panel that cannot be switched, or one
     * slow to go dark, shows no stale slide. */
    if (!show_apply_power(s, &fc, override_text != NULL) &&
        (bb_signage_power(s->signage) || bb_signage_mode_get(s->signage) == BB_SIGNAGE_OFF)) {
        /* Panel off: nothing to draw until the schedule changes its mind
         * (quiet hours end, an override message comes) or --power on. */
        int64_t wait = bb_signage_quiet_ms_until_change(s->signage, &fc, fc.ms_to_next_second);
        s->dirty = true;   /* a full frame when it comes back on */
        return bb_deadline_to_int(bb_deadline_min(wait, override_due));
    }
    int64_t held = bb_signage_update(s->signage, override_text, &fc, s->dirty, &redraw,
                                     &ended);
    if (held >= 0) {
        if (redraw)
            show_draw_signage(s, override_text, &fc);
        s->dirty = false;
        return bb_deadline_to_int(bb_deadline_min(held, override_due));
    }
    changed |= ended;

    /* The cycle moving on (a new slide, a transition's frame) changes the
     * slide area only: the footer and the marker stay as they are. */
    /* A slide built ahead whose picture is still being decoded is passed
     * over when its turn comes (see bb_cycle_set_unready for why). */
    bb_cycle_set_unready(s->cycle, bb_compose_waiting_ahead(s->compose));
    bool cycled = bb_cycle_update(s->cycle, now, fc.wall, fc.synced);
    if (!s->sync_hold)
        cycled |= bb_cycle_sync(s->cycle, now, bb_frame_clock_wall_ms(&fc), fc.synced);
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
    int hint = cycled ? -1 : show_next_hint(s, &view, fc.wall, fc.synced);
    bb_compose_prepare(s->compose, &view, hint, &fc);
    /* A list slide's pages are known once it is laid out: the cycle times
     * them (and the slide built ahead is known before it starts). */
    int pages = bb_compose_pages(s->compose, view.current);
    if (pages > 0 && pages != view.pages) {
        bb_cycle_set_pages(s->cycle, view.current, pages);
        bb_cycle_view_get(s->cycle, now, &view);
    }
    if (hint >= 0 && hint != view.current && (pages = bb_compose_pages(s->compose, hint)) > 0)
        bb_cycle_set_pages(s->cycle, hint, pages);
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
    int64_t wait = (int64_t)bb_cycle_ms_until_change(s->cycle, now);
    int live = bb_compose_ms_until_change(s->compose, &view, &fc);
    if (live >= 0)
        wait = bb_deadline_min(wait, live + SECOND_SLACK_MS);
    wait = bb_deadline_min(wait, override_due);
    /* Quiet hours may begin while a slide shows. */
    wait = bb_deadline_min(wait, bb_signage_quiet_ms_until_change(s->signage, &fc,
                                                                  fc.ms_to_next_second));
    if (cycled && !moving) {
        /* The slide after this one is built ahead at the next step (see
         * above), and its picture starts decoding then: soon, not at this
         * one's end, however static it is. */
        wait = bb_deadline_min(wait, BUILD_AHEAD_MS);
    }
    if (moving) {
        /* The next transition frame.  With vsync the present above has
         * already waited for the display, so this is about 0 and frames
         * come at the refresh rate; without vsync it paces them. */
        uint64_t frame_ms = 1000u / (unsigned)bb_screen_refresh_hz(s->screen);
        uint64_t spent = bb_clock_mono_ms(s->clock) - now;
        uint64_t left = spent < frame_ms ? frame_ms - spent : 0;
        wait = bb_deadline_min(wait, (int64_t)left);
    }
    return bb_deadline_to_int(wait);
}

void bb_show_command(bb_show *s, bb_command cmd)
{
    bb_frame_clock fc;
    bb_clock_frame(s->clock, &fc);
    uint64_t now = fc.mono_ms;
    bb_instant wall = fc.wall;
    bool synced = fc.synced;

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
    /* Anchored on the display's clock (a replay's instant, not the
     * system's); a clock that lags behind the build date before its time
     * is synchronised gets the loader's own choice, which never does. */
    bb_instant now = bb_clock_wall(s->clock);
    bool trusted = bb_clock_synchronized(s->clock) || now >= (bb_instant)BB_BUILD_EPOCH;
    cfg = bb_config_load_file_at(s->config_path, trusted ? &now : NULL, diags);
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
            snprintf(s->config_error_line, sizeof s->config_error_line, "%s%s: error: %s",
                     first->file && *first->file ? first->file : s->config_path, where,
                     first->message);
            bb_log_once(BB_LOG_ERROR, "config not reloaded: %s%s: %s (%d error%s; still showing the last good config)",
                        first->file && *first->file ? first->file : s->config_path, where,
                        first->message, n, n == 1 ? "" : "s");
        }
        else {
            snprintf(s->config_error_line, sizeof s->config_error_line, "%s: cannot be read",
                     s->config_path);
            bb_log_once(BB_LOG_ERROR, "config not reloaded: %s cannot be read", s->config_path);
        }
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
    /* What changed in the programme, stamped with the display's clock. */
    if (s->changes)
        bb_state_apply(s->changes, s->state_dir, cfg, bb_clock_wall(s->clock));
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
    bb_frame_clock fc;
    bb_clock_frame(s->clock, &fc);
    bb_cycle_set_config(s->cycle, cfg, fc.mono_ms, fc.wall, fc.synced);
    s->cfg = cfg;
    bb_config_destroy(old_cfg);
    bb_fonts_destroy(old_fonts);

    /* A problem that comes back after a good reload is news again. */
    bb_log_reset_once();
    s->config_error = false;
    s->stale_due_ms = 0;   /* other schedules, other ages */
    s->config_error_line[0] = '\0';
    s->stats.reloads++;
    show_update_marker(s);
    s->dirty = true;
}

void bb_show_set_changes(bb_show *s, bb_changes *changes, const char *state_dir)
{
    s->changes = changes;
    s->state_dir = state_dir;
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

int bb_show_goto_page(bb_show *s, int index, int page)
{
    if (index < 0 || index >= s->cfg->n_slides)
        return -1;
    bb_cycle_show_page(s->cycle, index, page, bb_clock_mono_ms(s->clock));
    s->sync_hold = true;
    s->dirty = true;
    return 0;
}

int bb_show_pages(const bb_show *s)
{
    bb_cycle_view view;
    bb_cycle_view_get(s->cycle, bb_clock_mono_ms(s->clock), &view);
    return view.pages > 1 ? view.pages : 1;
}

void bb_show_set_replay(bb_show *s, bool replay)
{
    s->replay = replay;
    s->dirty = true;
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

const char *bb_show_config_error_line(const bb_show *s)
{
    return s->config_error ? s->config_error_line : NULL;
}

const char *bb_show_config_path(const bb_show *s)
{
    return s->config_path;
}

void bb_show_set_paused(bb_show *s, bool paused)
{
    bb_cycle_view view;
    bb_cycle_view_get(s->cycle, bb_clock_mono_ms(s->clock), &view);
    if (view.paused != paused)
        bb_show_command(s, BB_CMD_PAUSE);
}

int bb_show_override_set(bb_show *s, const char *text)
{
    int rc = bb_override_set_message(s->override, text);
    if (rc > 0)
        s->dirty = true;
    return rc;
}

const char *bb_show_override_text(const bb_show *s)
{
    return bb_override_text(s->override);
}

bool bb_show_override_from_control(const bb_show *s)
{
    return bb_override_from_control(s->override);
}

/* The request switches the panel itself (show_apply_power, at the next
 * step) and the picture: black while off, for panels that cannot be
 * switched and for the moment the request is back on. */
void bb_show_set_power(bb_show *s, bool on)
{
    s->power_request = on ? 1 : 0;
    if (bb_signage_power(s->signage) != on)
        bb_signage_set_power(s->signage, on);
    s->dirty = true;
}

bool bb_show_power(const bb_show *s)
{
    return s->panel ? bb_panel_power(s->panel) : s->panel_on;
}

const char *bb_show_screen_state(const bb_show *s)
{
    if (!s->panel_on)
        return "off";
    switch (bb_signage_mode_get(s->signage)) {
    case BB_SIGNAGE_OVERRIDE: return "override";
    case BB_SIGNAGE_QUIET: return "quiet";
    case BB_SIGNAGE_OFF: return "off";
    default: return "slides";
    }
}

struct bb_screen *bb_show_screen(const bb_show *s)
{
    return s->screen;
}

struct bb_clock *bb_show_clock(const bb_show *s)
{
    return s->clock;
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

void bb_show_snapshot_get(const bb_show *s, bb_show_snapshot *out)
{
    bb_show_stats_get(s, &out->stats);
    out->current = s->last_view.current;
    out->n_slides = s->cfg->n_slides;
    out->n_talks = s->cfg->n_talks;
    out->paused = s->last_view.paused;
    out->config_error = s->config_error;
}

/* ---- static ---- */

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
    /* "config error · paused · programme as of 14:05", in the screen's
     * language; an old programme is worth saying next to any other marker. */
    const char *lang = bb_config_lang(s->cfg, NULL);
    const char *parts[3];
    int n = 0;
    if (s->config_error)
        parts[n++] = bb_tr(lang, MARK_CONFIG_ERROR);
    if (paused)
        parts[n++] = bb_tr(lang, MARK_PAUSED);
    if (s->stale[0])
        parts[n++] = s->stale;
    char both[BB_FETCH_STALE_BUF + 256];
    size_t used = 0;
    both[0] = '\0';
    for (int i = 0; i < n && used < sizeof both; i++) {
        int w = snprintf(both + used, sizeof both - used, "%s%s", i ? " \xC2\xB7 " : "", parts[i]);
        used += w > 0 ? (size_t)w : 0;
    }
    text = n ? both : NULL;
    bb_compose_set_marker(s->compose, text);
}

/* The "programme as of 14:05" marker: looked at now and then, redrawn only
 * when its text changes. */
static void show_check_stale(bb_show *s, uint64_t now, bb_instant wall)
{
    char text[BB_FETCH_STALE_BUF];
    if ((s->cfg->n_urls == 0 && !s->stale[0]) || now < s->stale_due_ms)
        return;
    s->stale_due_ms = now + STALE_CHECK_MS;
    bb_fetch_stale_text(s->cfg, wall, text, sizeof text);
    if (strcmp(text, s->stale) == 0)
        return;
    if (text[0])
        bb_log(BB_LOG_WARNING, "fetched schedules are old: showing \"%s\"", text);
    snprintf(s->stale, sizeof s->stale, "%s", text);
    show_update_marker(s);
    s->dirty = true;
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

/* Compose the frame on the canvas and present it (show_present). */
static void show_draw(bb_show *s, const bb_cycle_view *view, bool moving,
                      const bb_damage *damage)
{
    SDL_Renderer *r = bb_screen_renderer(s->screen);
    show_begin(s);
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
    show_present(s, damage, moving);
}

/* The override message or quiet hours, whole screen; nothing moves after. */
static void show_draw_signage(bb_show *s, const char *override_text, const bb_frame_clock *fc)
{
    bb_damage all;
    int lw, lh;
    bb_damage_clear(&all);
    bb_damage_all(&all);
    bb_screen_logical_size(s->screen, &lw, &lh);
    show_begin(s);
    bb_signage_draw(s->signage, override_text, fc, lw, lh);
    show_present(s, &all, false);
}

static void show_begin(bb_show *s)
{
    if (bb_screen_begin(s->screen) < 0)
        bb_log_once(BB_LOG_WARNING, "cannot draw on the canvas: %s", SDL_GetError());
}

/*
 * The one present path: every frame the show draws reaches the screen (and
 * the stats) here.  On KMS/DRM the scan-out is double buffered and a single
 * present followed by a long sleep can leave the previous (or a black)
 * buffer on screen, so there a frame after which the loop goes idle is
 * presented twice: the second present re-copies the canvas -- no redraw --
 * and pushes the same picture into the other buffer.  Elsewhere the
 * compositor keeps the last buffer, and the second present would only cost
 * a full-screen copy a second.  Frames in the middle of a transition
 * (moving) are followed by the next frame at once and need no second
 * present.
 */
static void show_present(bb_show *s, const bb_damage *damage, bool moving)
{
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
        /* The request is over: so is its black picture. */
        if (!bb_signage_power(s->signage))
            bb_signage_set_power(s->signage, true);
    }
    want = s->power_request >= 0 ? s->power_request == 1 : scheduled;
    if (want != s->panel_on) {
        bb_panel_set_power(s->panel, want);
        s->panel_on = want;
        s->dirty = true;
    }
    return want;
}

static bool views_equal(const bb_cycle_view *a, const bb_cycle_view *b)
{
    return a->current == b->current && a->previous == b->previous &&
           a->progress == b->progress && a->paused == b->paused && a->page == b->page;
}
