/*
 * bb_signage: the override message and quiet hours, full screen (see
 * bb_signage.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_daypart.h"
#include "bb_layout.h"
#include "bb_log.h"
#include "bb_signage.h"
#include "bb_text.h"

#define OVERRIDE_MARGIN_SHARE 0.07   /* margin on each side, of the shorter side */
#define OVERRIDE_MAX_PX_SHARE 0.14   /* largest text, of the shorter side */
#define OVERRIDE_MIN_PX_SHARE 0.025  /* smallest, before the text is cut */
#define QUIET_CLOCK_PX_SHARE 0.06    /* the dim clock's size, of the shorter side */
#define QUIET_DRIFT_STEPS 7          /* positions the dim clock wanders through */
#define MS_PER_S 1000
/* Sleep cap while the override shows: its text is static. */
#define OVERRIDE_SLEEP_MS ((int64_t)BB_SECONDS_PER_DAY * MS_PER_S)

struct bb_signage {
    SDL_Renderer *renderer;
    bb_fonts *fonts;
    const bb_config *cfg;
    bb_signage_mode mode;     /* what the last step showed */
    bool power_off;           /* `power off` from the control socket */
    bb_instant shown_minute;  /* the dim clock's minute on screen */
    bool quiet_cached;        /* quiet_next holds for wall in [quiet_from, quiet_next) */
    bb_instant quiet_from, quiet_next;

    /* the override message as last rendered */
    char *ov_text;
    int ov_lw, ov_lh;
    SDL_Texture *ov_tex;
    int ov_w, ov_h;

    /* the dim clock as last rendered */
    char clock_text[16];
    int clock_px;
    SDL_Texture *clock_tex;
    int clock_w, clock_h;
};

static SDL_Rect safe_rect(const bb_config *cfg, int lw, int lh);
static int make_override(bb_signage *sg, const char *text, int lw, int lh);
static void set_color(SDL_Renderer *r, bb_rgb rgb);

bb_signage *bb_signage_create(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg)
{
    bb_signage *sg = calloc(1, sizeof *sg);
    if (!sg) {
        SDL_OutOfMemory();
        return NULL;
    }
    sg->renderer = renderer;
    sg->fonts = fonts;
    sg->cfg = cfg;
    return sg;
}

void bb_signage_destroy(bb_signage *sg)
{
    if (!sg)
        return;
    bb_signage_drop_textures(sg);
    free(sg);
}

void bb_signage_set_config(bb_signage *sg, const bb_config *cfg, bb_fonts *fonts)
{
    bb_signage_drop_textures(sg);
    sg->cfg = cfg;
    sg->fonts = fonts;
    sg->quiet_cached = false;
}

void bb_signage_drop_textures(bb_signage *sg)
{
    if (sg->ov_tex)
        SDL_DestroyTexture(sg->ov_tex);
    if (sg->clock_tex)
        SDL_DestroyTexture(sg->clock_tex);
    free(sg->ov_text);
    sg->ov_text = NULL;
    sg->ov_tex = NULL;
    sg->clock_tex = NULL;
    sg->clock_text[0] = '\0';
}

int bb_signage_draw_override(bb_signage *sg, const char *text, int lw, int lh)
{
    set_color(sg->renderer, BB_EMERGENCY_PANEL_RGB);
    SDL_RenderFillRect(sg->renderer, NULL);
    if (!sg->ov_text || strcmp(sg->ov_text, text) != 0 || sg->ov_lw != lw || sg->ov_lh != lh)
        if (make_override(sg, text, lw, lh) < 0)
            return -1;
    if (!sg->ov_tex)
        return 0;
    SDL_Rect area = safe_rect(sg->cfg, lw, lh);
    SDL_Rect dst = { area.x + (area.w - sg->ov_w) / 2, area.y + (area.h - sg->ov_h) / 2,
                     sg->ov_w, sg->ov_h };
    return SDL_RenderCopy(sg->renderer, sg->ov_tex, NULL, &dst);
}

int bb_signage_draw_quiet(bb_signage *sg, const bb_frame_clock *clock, int lw, int lh)
{
    SDL_SetRenderDrawColor(sg->renderer, 0, 0, 0, SDL_ALPHA_OPAQUE);
    SDL_RenderFillRect(sg->renderer, NULL);
    if (sg->cfg->signage.quiet_style != BB_QUIET_CLOCK)
        return 0;
    bb_civil c;
    bb_tz_to_civil(sg->cfg->display.tz, clock->wall, &c);
    char text[16];
    snprintf(text, sizeof text, "%02d:%02d", c.hour, c.minute);
    int u = lw < lh ? lw : lh;
    int px = (int)(u * QUIET_CLOCK_PX_SHARE);
    if (px < 1)
        px = 1;
    if (!sg->clock_tex || strcmp(text, sg->clock_text) != 0 || px != sg->clock_px) {
        if (sg->clock_tex)
            SDL_DestroyTexture(sg->clock_tex);
        bb_text_style style = { BB_WEIGHT_REGULAR, px,
                                { (BB_QUIET_CLOCK_RGB >> 16) & 0xFF, (BB_QUIET_CLOCK_RGB >> 8) & 0xFF,
                                  BB_QUIET_CLOCK_RGB & 0xFF, SDL_ALPHA_OPAQUE },
                                BB_ALIGN_CENTER, BB_DIR_LTR };
        sg->clock_tex = bb_text_render(sg->renderer, sg->fonts, text, &style, &sg->clock_w,
                                       &sg->clock_h);
        if (!sg->clock_tex)
            return -1;
        snprintf(sg->clock_text, sizeof sg->clock_text, "%s", text);
        sg->clock_px = px;
    }
    /* Wander over the minutes of the hour so the same pixels are not lit
     * for eight hours (OLED and plasma panels keep ghosts). */
    SDL_Rect area = safe_rect(sg->cfg, lw, lh);
    int step = c.minute % QUIET_DRIFT_STEPS;
    int room_x = area.w - sg->clock_w, room_y = area.h - sg->clock_h;
    SDL_Rect dst = { area.x + (room_x > 0 ? room_x * step / (QUIET_DRIFT_STEPS - 1) : 0),
                     area.y + (room_y > 0 ? room_y * ((step * 3) % QUIET_DRIFT_STEPS) /
                                                (QUIET_DRIFT_STEPS - 1) : 0),
                     sg->clock_w, sg->clock_h };
    return SDL_RenderCopy(sg->renderer, sg->clock_tex, NULL, &dst);
}

int64_t bb_signage_update(bb_signage *sg, const char *override_text, const bb_frame_clock *clock,
                          bool force, bool *redraw, bool *ended)
{
    bb_signage_mode mode = override_text ? BB_SIGNAGE_OVERRIDE
                           : sg->power_off ? BB_SIGNAGE_OFF
                           : bb_signage_quiet_at(sg->cfg, clock) ? BB_SIGNAGE_QUIET
                                                                 : BB_SIGNAGE_SLIDES;
    bb_signage_mode was = sg->mode;
    *ended = false;
    *redraw = false;
    sg->mode = mode;
    if (mode == BB_SIGNAGE_OFF) {
        /* Black until `power on` (or an override, which wakes the screen
         * as it wakes quiet hours). */
        *redraw = force || was != BB_SIGNAGE_OFF;
        return OVERRIDE_SLEEP_MS;
    }
    if (mode != was && (mode == BB_SIGNAGE_QUIET || was == BB_SIGNAGE_QUIET))
        bb_log(BB_LOG_INFO, "quiet hours %s", mode == BB_SIGNAGE_QUIET ? "begin" : "end");
    if (mode == BB_SIGNAGE_SLIDES) {
        *ended = was != BB_SIGNAGE_SLIDES;
        return -1;
    }
    bb_instant minute = clock->wall - clock->wall % BB_SECONDS_PER_MINUTE;
    *redraw = force || mode != was;
    if (mode == BB_SIGNAGE_OVERRIDE)
        *redraw |= !sg->ov_text || strcmp(sg->ov_text, override_text) != 0;
    else
        *redraw |= sg->cfg->signage.quiet_style == BB_QUIET_CLOCK && minute != sg->shown_minute;
    if (*redraw)
        sg->shown_minute = minute;
    if (mode == BB_SIGNAGE_OVERRIDE)
        return OVERRIDE_SLEEP_MS;
    return bb_signage_quiet_ms_until_change(sg, clock, clock->ms_to_next_second);
}

void bb_signage_set_power(bb_signage *sg, bool on)
{
    if (sg->power_off == !on)
        return;
    sg->power_off = !on;
    bb_log(BB_LOG_INFO, "picture %s", on ? "on" : "black (power off)");
}

bool bb_signage_power(const bb_signage *sg)
{
    return !sg->power_off;
}

void bb_signage_draw(bb_signage *sg, const char *override_text, const bb_frame_clock *clock,
                     int lw, int lh)
{
    bool override = sg->mode == BB_SIGNAGE_OVERRIDE;
    if (sg->mode == BB_SIGNAGE_SLIDES)
        return;
    if (sg->mode == BB_SIGNAGE_OFF) {
        SDL_SetRenderDrawColor(sg->renderer, 0, 0, 0, 255);
        SDL_RenderClear(sg->renderer);
        return;
    }
    int rc = override ? bb_signage_draw_override(sg, override_text, lw, lh)
                      : bb_signage_draw_quiet(sg, clock, lw, lh);
    if (rc < 0)
        bb_log_once(BB_LOG_WARNING, "cannot draw the %s screen: %s",
                    override ? "override" : "quiet", SDL_GetError());
}

bool bb_signage_quiet_at(const bb_config *cfg, const bb_frame_clock *clock)
{
    return clock->synced && cfg->signage.n_quiet > 0 &&
           bb_daypart_inside(cfg->signage.quiet, cfg->signage.n_quiet, cfg->display.tz,
                             clock->wall);
}

int64_t bb_signage_quiet_ms_until_change(bb_signage *sg, const bb_frame_clock *clock,
                                         int ms_to_next_second)
{
    const bb_config *cfg = sg->cfg;
    const bb_signage_settings *q = &cfg->signage;
    if (q->n_quiet == 0 || !clock->synced)
        return (int64_t)BB_SECONDS_PER_DAY * MS_PER_S;
    if (!sg->quiet_cached || clock->wall < sg->quiet_from || clock->wall >= sg->quiet_next) {
        sg->quiet_from = clock->wall;
        sg->quiet_next = bb_daypart_next_change(q->quiet, q->n_quiet, cfg->display.tz,
                                                clock->wall);
        sg->quiet_cached = true;
    }
    bb_instant next = sg->quiet_next;
    if (q->quiet_style == BB_QUIET_CLOCK && bb_signage_quiet_at(cfg, clock)) {
        bb_instant minute = clock->wall - clock->wall % BB_SECONDS_PER_MINUTE +
                            BB_SECONDS_PER_MINUTE;
        if (minute < next)
            next = minute;
    }
    /* The wall second in progress ends in ms_to_next_second. */
    return (next - clock->wall - 1) * MS_PER_S + ms_to_next_second;
}

bb_signage_mode bb_signage_mode_get(const bb_signage *sg)
{
    return sg->mode;
}

/* --- static functions --- */

static SDL_Rect safe_rect(const bb_config *cfg, int lw, int lh)
{
    double share = cfg->display.safe_area_percent / 100.0;
    int mx = (int)(lw * share), my = (int)(lh * share);
    return (SDL_Rect){ mx, my, lw - 2 * mx, lh - 2 * my };
}

static int make_override(bb_signage *sg, const char *text, int lw, int lh)
{
    if (sg->ov_tex)
        SDL_DestroyTexture(sg->ov_tex);
    sg->ov_tex = NULL;
    free(sg->ov_text);
    sg->ov_text = strdup(text);
    sg->ov_lw = lw;
    sg->ov_lh = lh;
    if (!sg->ov_text)
        return SDL_OutOfMemory();
    SDL_Rect area = safe_rect(sg->cfg, lw, lh);
    int u = lw < lh ? lw : lh;
    int margin = (int)(u * OVERRIDE_MARGIN_SHARE);
    bb_fit_params p = { .box_w = area.w - 2 * margin, .box_h = area.h - 2 * margin,
                        .max_px = (int)(u * OVERRIDE_MAX_PX_SHARE),
                        .min_px = (int)(u * OVERRIDE_MIN_PX_SHARE) };
    if (p.min_px < 1)
        p.min_px = 1;
    if (p.max_px < p.min_px)
        p.max_px = p.min_px;
    if (p.box_w < 1 || p.box_h < 1)
        return 0;
    bb_measurer m = bb_text_measurer(sg->fonts, BB_WEIGHT_BOLD);
    bb_layout *layout = bb_layout_fit(text, &m, &p);
    if (!layout)
        return SDL_SetError("cannot lay out the override message");
    bb_text_style style = { BB_WEIGHT_BOLD, bb_layout_px(layout),
                            { (BB_EMERGENCY_TEXT_RGB >> 16) & 0xFF,
                              (BB_EMERGENCY_TEXT_RGB >> 8) & 0xFF, BB_EMERGENCY_TEXT_RGB & 0xFF,
                              SDL_ALPHA_OPAQUE },
                            BB_ALIGN_CENTER, BB_DIR_AUTO };
    if (bb_layout_line_count(layout) > 0)
        sg->ov_tex = bb_text_render_layout(sg->renderer, sg->fonts, layout, &style, p.box_w,
                                           &sg->ov_w, &sg->ov_h);
    int lines = bb_layout_line_count(layout);
    bb_layout_destroy(layout);
    return lines > 0 && !sg->ov_tex ? -1 : 0;
}

static void set_color(SDL_Renderer *r, bb_rgb rgb)
{
    SDL_SetRenderDrawColor(r, (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF,
                           SDL_ALPHA_OPAQUE);
}
