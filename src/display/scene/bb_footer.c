/*
 * bb_footer: logo, next-talk ticker, clock and date.
 */
#include "bb_footer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_digits.h"
#include "bb_i18n.h"
#include "bb_log.h"
#include "bb_picture.h"
#include "bb_scene_build.h"
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
    int px;                   /* the size it was laid out at (0: nothing drawn) */
} footer_text;

struct bb_footer {
    SDL_Renderer *renderer;
    bb_fonts *fonts;
    const bb_config *cfg;
    SDL_Rect area;
    int pad;
    SDL_Texture *logo;
    SDL_Rect logo_dst;
    bool logo_awaiting;       /* the logo was being decoded (bb_picture: pending) ... */
    unsigned logo_gen;        /* ... at this bb_picture_generation */
    bb_digits *clock_digits;
    char clock_text[48];
    bool replay_shown;        /* the date slot carries the replay marker */
    footer_text date;
    footer_text ticker;
    footer_text clock_words;  /* a clock the digit cache cannot draw ("上午9:15") */
    bool clock_as_words;      /* clock_text is drawn from clock_words, not the digits */
    int text_px;
    int floor_px;             /* the legibility floor of secondary text, px: the
                                 footer's shrink-to-fit stops there */
    int showing_talk;         /* the talk the slide on screen is about, or -1 */
    bool mirror;              /* right-to-left language: logo right, clock left */
    int ticker_x, ticker_w;   /* the ticker's box: between logo and clock */
    bool narrow;              /* short date, ticker without the venue */
};

static bool text_set(bb_footer *f, footer_text *t, const char *text, int max_w, int px,
                     int max_lines);
static SDL_Rect place(const bb_footer *f, SDL_Rect r);
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
                            SDL_Rect area, const bb_floor *floor, const bb_frame_clock *clock)
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
    f->showing_talk = -1;
    f->mirror = bb_i18n_rtl(bb_config_lang(cfg, NULL));
    f->floor_px = bb_floor_px(floor, BB_ROLE_SECONDARY);
    if (f->text_px < f->floor_px)
        f->text_px = f->floor_px;

    if (cfg->footer.logo) {
        /* Decoded like every picture (bb_picture: budget, sandbox, cache),
         * at most as wide as the footer's first third. */
        int lh = (int)(area.h * LOGO_SHARE);
        bb_picture pic;
        bb_picture_get(cfg->footer.logo, area.w / 3 > lh ? area.w / 3 : lh, lh > 0 ? lh : 1, false,
                       &pic);
        f->logo_awaiting = pic.pending;
        f->logo_gen = bb_picture_generation();
        if (pic.refused)
            bb_log_once(BB_LOG_ERROR, "logo %s was refused: %s%s", cfg->footer.logo, pic.why,
                        pic.surf ? "; its last good version stays on screen" : "");
        f->logo = pic.surf ? SDL_CreateTextureFromSurface(renderer, pic.surf) : NULL;
        if (f->logo) {
            int iw, ih;
            SDL_QueryTexture(f->logo, NULL, NULL, &iw, &ih);
            int lw = ih > 0 ? iw * lh / ih : lh;
            SDL_SetTextureScaleMode(f->logo, SDL_ScaleModeLinear);
            f->logo_dst = (SDL_Rect){ area.x, area.y + (area.h - lh) / 2, lw, lh };
        } else if (pic.surf) {
            bb_log_once(BB_LOG_ERROR, "cannot show logo %s: %s", cfg->footer.logo, SDL_GetError());
        }
    }
    if (cfg->footer.clock) {
        f->clock_digits = bb_digits_create(renderer, fonts, BB_WEIGHT_BOLD,
                                           (int)(area.h * CLOCK_SHARE),
                                           "0123456789:.- \u00a0AMPamp");
        if (!f->clock_digits)
            goto fail;
    }
    int left = f->logo ? f->logo_dst.x + f->logo_dst.w + f->pad : area.x;
    /* Room on the right for the clock and the widest date of the
     * language ("Wed, 30 Sep 2026", "Mi., 30. Sept. 2026"), and the replay
     * marker when there is one. */
    const char *lang = bb_config_lang(cfg, NULL);
    char hm[48], widest_date[160], day[96];
    bb_fmt_time(lang, cfg->display.clock_format, 23, 59, hm, sizeof hm);
    int clock_w = f->clock_digits ? bb_digits_width(f->clock_digits, hm) : -1;
    if (f->clock_digits && clock_w < 0)
        bb_text_size(fonts, BB_WEIGHT_BOLD, (int)(area.h * CLOCK_SHARE), hm, strlen(hm),
                     &clock_w, NULL);
    int right_w = f->clock_digits ? clock_w + f->pad : 0;
    int date_w = 0;
    bb_fmt_date(lang, &(bb_civil){ 2026, 9, 30, 0, 0, 0 }, f->narrow ? BB_DATE_SHORT : BB_DATE_LONG,
                day, sizeof day);
    if (clock->replay) {
        const char *arg = day;
        bb_trf(widest_date, sizeof widest_date, lang, "replay \u00b7 %s", &arg, 1);
    } else {
        snprintf(widest_date, sizeof widest_date, "%s", day);
    }
    if ((cfg->footer.clock || clock->replay) &&
        bb_text_size(fonts, BB_WEIGHT_REGULAR, f->text_px, widest_date, strlen(widest_date),
                     &date_w, NULL) == 0)
        right_w += date_w + f->pad;
    f->ticker_x = left;
    f->ticker_w = area.x + area.w - right_w - left - f->pad;
    bb_footer_update(f, clock);
    return f;
fail:
    bb_footer_destroy(f);
    return NULL;
}

bool bb_footer_stale(const bb_footer *f)
{
    return f && f->logo_awaiting && bb_picture_generation() != f->logo_gen;
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
    if (f->clock_words.tex)
        SDL_DestroyTexture(f->clock_words.tex);
    bb_digits_destroy(f->clock_digits);
    free(f);
}

bool bb_footer_update(bb_footer *f, const bb_frame_clock *clock)
{
    bool changed = false;
    const char *lang = bb_config_lang(f->cfg, NULL);
    if (f->cfg->footer.clock || clock->replay) {
        bb_civil c;
        bb_tz_to_civil(f->cfg->display.tz, clock->wall, &c);
        char hm[48], day[96], date[192];
        bb_fmt_time(lang, f->cfg->display.clock_format, c.hour, c.minute, hm, sizeof hm);
        bb_fmt_date(lang, &c, f->narrow ? BB_DATE_SHORT : BB_DATE_LONG, day, sizeof day);
        if (!clock->synced) {
            /* A wrong clock is worse than none: say why it is missing. */
            snprintf(hm, sizeof hm, "--:--");
            snprintf(day, sizeof day, "%s", bb_tr(lang, "waiting for time sync"));
        }
        if (clock->replay) {
            /* A replayed clock is never silent: a real screen left on the
             * sample's clock.start would otherwise show 2022 unexplained. */
            const char *arg = day;
            bb_trf(date, sizeof date, lang, "replay \u00b7 %s", &arg, 1);
        } else {
            snprintf(date, sizeof date, "%s", day);
        }
        if (!f->cfg->footer.clock)
            hm[0] = '\0';
        if (strcmp(hm, f->clock_text) != 0) {
            snprintf(f->clock_text, sizeof f->clock_text, "%s", hm);
            changed = true;
            /* A clock with letters the cache lacks is drawn as text. */
            f->clock_as_words = f->clock_digits && !bb_digits_has(f->clock_digits, hm);
            if (f->clock_as_words)
                text_set(f, &f->clock_words, hm, f->area.w / 4, (int)(f->area.h * CLOCK_SHARE), 1);
        }
        f->replay_shown = clock->replay;
        changed |= text_set(f, &f->date, date, f->area.w / 3, f->text_px, 1);
    }
    if (f->cfg->footer.ticker && f->ticker_w > 0) {
        char t[FOOTER_TEXT_BUF];
        ticker_text(f, clock, t, sizeof t);
        changed |= text_set(f, &f->ticker, t, f->ticker_w, f->text_px, f->narrow ? 2 : 1);
    }
    return changed;
}

void bb_footer_set_showing(bb_footer *f, int talk)
{
    f->showing_talk = talk;
}

void bb_footer_draw(const bb_footer *f, SDL_Renderer *r)
{
    const bb_palette *pal = &f->cfg->display.palette;
    SDL_Color text = bb_scene_color(pal->text);
    /* The replay marker is in the accent colour: discreet in size, but not
     * to be mistaken for the real date. */
    SDL_Color date = bb_scene_color(f->replay_shown ? pal->accent : pal->muted);
    SDL_Color rule_c = bb_scene_color(pal->panel);
    /* A hairline separates the footer from the slides. */
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, rule_c.r, rule_c.g, rule_c.b, rule_c.a);
    int line = f->area.h / 40 < 2 ? 2 : f->area.h / 40;
    SDL_Rect rule = { f->area.x, f->area.y, f->area.w, line };
    SDL_RenderFillRect(r, &rule);
    int mid = f->area.y + (f->area.h + line) / 2;

    if (f->logo) {
        SDL_Rect dst = place(f, f->logo_dst);
        SDL_RenderCopy(r, f->logo, NULL, &dst);
    }
    int x = f->area.x + f->area.w;
    if (f->clock_digits && f->clock_text[0]) {
        bool words = f->clock_as_words;
        int w = words ? f->clock_words.w : bb_digits_width(f->clock_digits, f->clock_text);
        if (w < 0)
            w = 0;
        x -= w;
        if (words && f->clock_words.tex) {
            SDL_Rect dst = place(f, (SDL_Rect){ x, mid - f->clock_words.h / 2, w,
                                                f->clock_words.h });
            SDL_SetTextureColorMod(f->clock_words.tex, text.r, text.g, text.b);
            SDL_RenderCopy(r, f->clock_words.tex, NULL, &dst);
        } else if (!words) {
            SDL_Rect at = place(f, (SDL_Rect){ x, 0, w, 0 });
            bb_digits_draw(f->clock_digits, (SDL_Renderer *)r, f->clock_text, at.x,
                           mid - bb_digits_height(f->clock_digits) / 2, text);
        }
        x -= f->pad;
    }
    if (f->date.tex) {
        x -= f->date.w;
        SDL_Rect dst = place(f, (SDL_Rect){ x, mid - f->date.h / 2, f->date.w, f->date.h });
        SDL_SetTextureColorMod(f->date.tex, date.r, date.g, date.b);
        SDL_RenderCopy(r, f->date.tex, NULL, &dst);
    }
    if (f->ticker.tex) {
        SDL_Rect dst = place(f, (SDL_Rect){ f->ticker_x, mid - f->ticker.h / 2, f->ticker.w,
                                            f->ticker.h });
        SDL_SetTextureColorMod(f->ticker.tex, text.r, text.g, text.b);
        SDL_RenderCopy(r, f->ticker.tex, NULL, &dst);
    }
}

const char *bb_footer_date_text(const bb_footer *f)
{
    return f->date.text;
}

const char *bb_footer_ticker_text(const bb_footer *f)
{
    return f->ticker.text;
}

int bb_footer_ticker_px(const bb_footer *f)
{
    return f->ticker.px;
}

int bb_footer_ms_until_change(const bb_footer *f, const bb_frame_clock *clock)
{
    (void)f;
    return clock->ms_to_next_second;
}

/* ---- static ---- */

/* A right-to-left footer is the left-to-right one mirrored: the logo on
 * the right, the clock on the left, the ticker reading from the right. */
static SDL_Rect place(const bb_footer *f, SDL_Rect r)
{
    if (f->mirror)
        r.x = 2 * f->area.x + f->area.w - r.x - r.w;
    return r;
}

/* Re-render t only when its text changed.  White, tinted at draw time.
 * It shrinks to fit max_w, but never below the legibility floor (then it
 * is shortened with an ellipsis). */
static bool text_set(bb_footer *f, footer_text *t, const char *text, int max_w, int px,
                     int max_lines)
{
    if (strcmp(t->text, text) == 0)
        return false;
    snprintf(t->text, sizeof t->text, "%s", text);
    if (t->tex)
        SDL_DestroyTexture(t->tex);
    t->tex = NULL;
    t->w = t->h = t->px = 0;
    if (!*text || max_w <= 0)
        return true;
    bb_measurer m = bb_text_measurer(f->fonts, BB_WEIGHT_REGULAR);
    int min_px = px * 3 / 4 < f->floor_px ? f->floor_px : px * 3 / 4;
    /* Two lines go down to the floor: a narrow footer's ticker keeps its
     * talk's title on a second line rather than losing it to an ellipsis.
     * They may use the strip's whole height: two lines at the floor need
     * it (at 1080 px wide, 2 x 27 px in a 77 px strip). */
    int box_h = f->area.h * 9 / 10;
    if (max_lines > 1) {
        min_px = f->floor_px < px ? f->floor_px : px;
        box_h = f->area.h;
    }
    bb_fit_params p = { .box_w = max_w, .box_h = box_h, .max_px = px,
                        .min_px = min_px < px ? min_px : px, .max_lines = max_lines };
    bb_layout *layout = bb_layout_fit(text, &m, &p);
    if (layout) {
        bb_text_style st = { BB_WEIGHT_REGULAR, px, { 255, 255, 255, 255 },
                             BB_ALIGN_START, BB_DIR_AUTO };
        t->tex = bb_text_render_layout(f->renderer, f->fonts, layout, &st, 0, &t->w, &t->h);
        t->px = t->tex ? bb_layout_px(layout) : 0;
        bb_layout_destroy(layout);
    }
    if (!t->tex)
        bb_log_once(BB_LOG_ERROR, "footer: cannot draw \"%s\": %s", text, SDL_GetError());
    return true;
}

/* "Next: Strategic Stability Dialogue · Geneva, Switzerland · in 14 h 00 min";
 * "Now: Plenary · Geneva · LIVE" when nothing is left to start but a talk
 * is running -- a running talk is never called "next". */
static void ticker_text(const bb_footer *f, const bb_frame_clock *clock, char *buf, size_t len)
{
    const bb_config *cfg = f->cfg;
    buf[0] = '\0';
    int pick = bb_talk_upcoming(cfg->talks, cfg->n_talks, &cfg->timing, clock->wall);
    bool live = false;
    if (pick < 0) {
        /* Nothing to start: the earliest running talk, if any. */
        pick = bb_talk_next(cfg->talks, cfg->n_talks, &cfg->timing, clock->wall);
        live = pick >= 0;
    }
    /* The slide on screen already counts down to it: saying it again
     * beneath is noise. */
    if (pick < 0 || pick == f->showing_talk)
        return;
    const bb_talk *t = &cfg->talks[pick];
    const char *lang = bb_config_lang(cfg, NULL);
    char rel[BB_COUNTDOWN_BUF];
    bb_talk_relative_lang(t, &cfg->timing, clock->wall, clock->synced, lang, rel, sizeof rel);
    const char *where = t->room ? t->room : t->venue;
    if (f->narrow) {   /* when it must be shortened, the title gives way, not the time */
        const char *args[] = { rel, t->title };
        bb_trf(buf, len, lang, live ? "Now, %s: %s" : "Next, %s: %s", args, 2);
    } else if (where) {
        const char *args[] = { t->title, where, rel };
        bb_trf(buf, len, lang, live ? "Now: %s · %s · %s" : "Next: %s · %s · %s", args, 3);
    } else {
        const char *args[] = { t->title, rel };
        bb_trf(buf, len, lang, live ? "Now: %s · %s" : "Next: %s · %s", args, 2);
    }
}
