/*
 * bb_footer: logo, next-talk ticker, clock and date.
 */
#include "bb_footer.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_digits.h"
#include "bb_log.h"
#include "bb_talk.h"
#include "bb_text.h"

#define FOOTER_SHARE 0.085      /* footer height, of the canvas's shorter side */
#define FOOTER_MIN_PX 40
#define CLOCK_SHARE 0.58        /* clock digits, of the footer height */
#define TEXT_SHARE 0.40         /* ticker and date, of the footer height */
#define LOGO_SHARE 0.56         /* logo height, of the footer height */
#define FOOTER_TEXT_BUF 512
/* A footer narrower than this many times its height (a portrait screen)
 * has no room for everything at a legible size: the date loses its year and
 * the ticker the venue and leads with the time, rather than shrinking to a
 * smudge. */
#define NARROW_RATIO 16

typedef struct footer_text {
    char text[FOOTER_TEXT_BUF];
    SDL_Texture *tex;
    int w, h;
} footer_text;

struct bb_footer {
    SDL_Renderer *renderer;
    bb_fonts *fonts;
    const bb_config *cfg;
    SDL_Rect area;
    int pad;
    SDL_Texture *logo;
    SDL_Rect logo_dst;
    bb_digits *clock_digits;
    char clock_text[16];
    footer_text date;
    footer_text ticker;
    int text_px;
    int ticker_x, ticker_w;   /* the ticker's box: between logo and clock */
    bool narrow;              /* short date, ticker without the venue */
};

static bool text_set(bb_footer *f, footer_text *t, const char *text, int max_w);
static void ticker_text(const bb_footer *f, const bb_frame_clock *clock, char *buf, size_t len);

int bb_footer_height(const bb_config *cfg, int lw, int lh)
{
    if (!cfg->footer.enabled)
        return 0;
    int u = lw < lh ? lw : lh;
    int h = (int)(u * FOOTER_SHARE + 0.5);
    return h < FOOTER_MIN_PX ? FOOTER_MIN_PX : h;
}

bb_footer *bb_footer_create(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                            SDL_Rect area, const bb_frame_clock *clock)
{
    bb_footer *f = calloc(1, sizeof *f);
    if (!f) {
        SDL_OutOfMemory();
        return NULL;
    }
    f->renderer = renderer;
    f->fonts = fonts;
    f->cfg = cfg;
    f->area = area;
    f->pad = area.h / 3;
    f->text_px = (int)(area.h * TEXT_SHARE);
    f->narrow = area.w < area.h * NARROW_RATIO;

    if (cfg->footer.logo) {
        f->logo = IMG_LoadTexture(renderer, cfg->footer.logo);
        if (f->logo) {
            int iw, ih;
            SDL_QueryTexture(f->logo, NULL, NULL, &iw, &ih);
            int lh = (int)(area.h * LOGO_SHARE);
            int lw = ih > 0 ? iw * lh / ih : lh;
            SDL_SetTextureScaleMode(f->logo, SDL_ScaleModeLinear);
            f->logo_dst = (SDL_Rect){ area.x, area.y + (area.h - lh) / 2, lw, lh };
        } else {
            bb_log_once(BB_LOG_ERROR, "cannot show logo %s: %s", cfg->footer.logo, IMG_GetError());
        }
    }
    if (cfg->footer.clock) {
        f->clock_digits = bb_digits_create(renderer, fonts, BB_WEIGHT_BOLD,
                                           (int)(area.h * CLOCK_SHARE), "0123456789:");
        if (!f->clock_digits)
            goto fail;
    }
    int left = f->logo ? f->logo_dst.x + f->logo_dst.w + f->pad : area.x;
    /* Room on the right for "23:59" and a date like "Wed 30 Sep 2026". */
    int right_w = f->clock_digits ? bb_digits_width(f->clock_digits, "00:00") + f->pad : 0;
    int date_w = 0;
    const char *widest_date = f->narrow ? "Wed 30 Sep" : "Wed 30 Sep 2026";
    if (cfg->footer.clock && bb_text_size(fonts, BB_WEIGHT_REGULAR, f->text_px, widest_date,
                                          strlen(widest_date), &date_w, NULL) == 0)
        right_w += date_w + f->pad;
    f->ticker_x = left;
    f->ticker_w = area.x + area.w - right_w - left - f->pad;
    bb_footer_update(f, clock);
    return f;
fail:
    bb_footer_destroy(f);
    return NULL;
}

void bb_footer_destroy(bb_footer *f)
{
    if (!f)
        return;
    if (f->logo)
        SDL_DestroyTexture(f->logo);
    if (f->date.tex)
        SDL_DestroyTexture(f->date.tex);
    if (f->ticker.tex)
        SDL_DestroyTexture(f->ticker.tex);
    bb_digits_destroy(f->clock_digits);
    free(f);
}

bool bb_footer_update(bb_footer *f, const bb_frame_clock *clock)
{
    bool changed = false;
    if (f->cfg->footer.clock) {
        bb_civil c;
        bb_tz_to_civil(f->cfg->display.tz, clock->wall, &c);
        char hm[16], date[64];
        snprintf(hm, sizeof hm, "%02d:%02d", c.hour, c.minute);
        int wd = bb_weekday_from_days(bb_days_from_civil(c.year, c.month, c.day));
        if (f->narrow)
            snprintf(date, sizeof date, "%s %d %s", bb_weekday_abbr(wd), c.day,
                     bb_month_abbr(c.month));
        else
            snprintf(date, sizeof date, "%s %d %s %d", bb_weekday_abbr(wd), c.day,
                     bb_month_abbr(c.month), c.year);
        if (!clock->synced) {
            /* A wrong clock is worse than none: say why it is missing. */
            snprintf(hm, sizeof hm, "--:--");
            snprintf(date, sizeof date, "waiting for time sync");
        }
        if (strcmp(hm, f->clock_text) != 0) {
            snprintf(f->clock_text, sizeof f->clock_text, "%s", hm);
            changed = true;
        }
        changed |= text_set(f, &f->date, date, f->area.w / 3);
    }
    if (f->cfg->footer.ticker && f->ticker_w > 0) {
        char t[FOOTER_TEXT_BUF];
        ticker_text(f, clock, t, sizeof t);
        changed |= text_set(f, &f->ticker, t, f->ticker_w);
    }
    return changed;
}

void bb_footer_draw(const bb_footer *f, SDL_Renderer *r)
{
    const bb_palette *pal = &f->cfg->display.palette;
    SDL_Color text = { (Uint8)(pal->text >> 16), (Uint8)(pal->text >> 8), (Uint8)pal->text, 255 };
    SDL_Color muted = { (Uint8)(pal->muted >> 16), (Uint8)(pal->muted >> 8), (Uint8)pal->muted, 255 };
    /* A hairline separates the footer from the slides. */
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, (Uint8)(pal->panel >> 16), (Uint8)(pal->panel >> 8),
                           (Uint8)pal->panel, 255);
    int line = f->area.h / 40 < 2 ? 2 : f->area.h / 40;
    SDL_Rect rule = { f->area.x, f->area.y, f->area.w, line };
    SDL_RenderFillRect(r, &rule);
    int mid = f->area.y + (f->area.h + line) / 2;

    if (f->logo)
        SDL_RenderCopy(r, f->logo, NULL, &f->logo_dst);
    int x = f->area.x + f->area.w;
    if (f->clock_digits && f->clock_text[0]) {
        int w = bb_digits_width(f->clock_digits, f->clock_text);
        if (w < 0)
            w = 0;
        x -= w;
        bb_digits_draw(f->clock_digits, (SDL_Renderer *)r, f->clock_text, x,
                       mid - bb_digits_height(f->clock_digits) / 2, text);
        x -= f->pad;
    }
    if (f->date.tex) {
        x -= f->date.w;
        SDL_Rect dst = { x, mid - f->date.h / 2, f->date.w, f->date.h };
        SDL_SetTextureColorMod(f->date.tex, muted.r, muted.g, muted.b);
        SDL_RenderCopy(r, f->date.tex, NULL, &dst);
    }
    if (f->ticker.tex) {
        SDL_Rect dst = { f->ticker_x, mid - f->ticker.h / 2, f->ticker.w, f->ticker.h };
        SDL_SetTextureColorMod(f->ticker.tex, text.r, text.g, text.b);
        SDL_RenderCopy(r, f->ticker.tex, NULL, &dst);
    }
}

int bb_footer_ms_until_change(const bb_footer *f, const bb_frame_clock *clock)
{
    (void)f;
    return clock->ms_to_next_second;
}

/* ---- static ---- */

/* Re-render t only when its text changed.  White, tinted at draw time. */
static bool text_set(bb_footer *f, footer_text *t, const char *text, int max_w)
{
    if (strcmp(t->text, text) == 0)
        return false;
    snprintf(t->text, sizeof t->text, "%s", text);
    if (t->tex)
        SDL_DestroyTexture(t->tex);
    t->tex = NULL;
    t->w = t->h = 0;
    if (!*text || max_w <= 0)
        return true;
    bb_measurer m = bb_text_measurer(f->fonts, BB_WEIGHT_REGULAR);
    bb_fit_params p = { .box_w = max_w, .box_h = f->area.h, .max_px = f->text_px,
                        .min_px = f->text_px * 3 / 4, .max_lines = 1 };
    bb_layout *layout = bb_layout_fit(text, &m, &p);
    if (layout) {
        bb_text_style st = { BB_WEIGHT_REGULAR, f->text_px, { 255, 255, 255, 255 },
                             BB_ALIGN_START, BB_DIR_AUTO };
        t->tex = bb_text_render_layout(f->renderer, f->fonts, layout, &st, 0, &t->w, &t->h);
        bb_layout_destroy(layout);
    }
    if (!t->tex)
        bb_log_once(BB_LOG_ERROR, "footer: cannot draw \"%s\": %s", text, SDL_GetError());
    return true;
}

/* "Next: Strategic Stability Dialogue · Geneva, Switzerland · in 14 h 00 min" */
static void ticker_text(const bb_footer *f, const bb_frame_clock *clock, char *buf, size_t len)
{
    const bb_config *cfg = f->cfg;
    buf[0] = '\0';
    int next = bb_talk_next(cfg->talks, cfg->n_talks, &cfg->timing, clock->wall);
    if (next < 0)
        return;
    const bb_talk *t = &cfg->talks[next];
    char rel[BB_COUNTDOWN_BUF];
    bb_talk_relative(t, &cfg->timing, clock->wall, clock->synced, rel, sizeof rel);
    const char *where = t->room ? t->room : t->venue;
    if (f->narrow)   /* when it must be shortened, the title gives way, not the time */
        snprintf(buf, len, "Next, %s: %s", rel, t->title);
    else if (where)
        snprintf(buf, len, "Next: %s · %s · %s", t->title, where, rel);
    else
        snprintf(buf, len, "Next: %s · %s", t->title, rel);
}
