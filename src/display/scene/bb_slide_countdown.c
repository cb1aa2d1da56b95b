/*
 * bb_slide_countdown: one talk -- its forum, title, a very large live
 * countdown, and where, when and who.
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <string.h>

/* The widest text the big countdown shows from the digit cache: every digit
 * takes the same cell, so this sizes "in 2 d 03:14:05" and "03:14:05". */
#define COUNTDOWN_WIDEST "in 00 d 00:00:00"
#define COUNTDOWN_CHARS "0123456789: ind"
#define COUNTDOWN_HEIGHT_SHARE 0.26   /* of the area's height */
#define COUNTDOWN_MAX_SHARE 0.24      /* of u */
/* On a portrait screen the block would leave the lower half empty: it sits
 * this share of the leftover height down (a little above centre). */
#define PORTRAIT_DROP_SHARE 0.45

static void format_start(const bb_talk *t, const bb_tz *screen, char *buf, size_t len);
static void join(const bb_strv *v, const char *prefix, char *buf, size_t len);

static int countdown_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_countdown_class = { .build = countdown_build };

static int countdown_build(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_config *cfg = s->cfg;
    const bb_palette *pal = &cfg->display.palette;
    const scene_metrics *m = &s->m;
    int ti = s->slide->talk_index;
    if (ti < 0 || ti >= cfg->n_talks) {
        SDL_SetError("countdown slide names no known talk");
        return -1;
    }
    const bb_talk *t = &cfg->talks[ti];
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    int y = box.y;
    scene_mark start = bb_scene_mark(s);

    /* A programme change first, on a line of its own: "now 14:30". */
    SDL_Rect bbox = { box.x, y, box.w, (int)(m->small_px * 1.4) };
    int badge_w = bb_scene_change_badge(s, t, clock->wall, bbox, m->small_px, BB_ALIGN_START);
    if (badge_w < 0)
        return -1;
    if (badge_w > 0)
        y += bbox.h + m->gap / 3;

    if (t->forum && strcmp(t->forum, t->title) != 0) {
        SDL_Rect kbox = { box.x, y, box.w, (int)(m->small_px * 1.4) };
        int kh = bb_scene_text(s, t->forum, BB_WEIGHT_BOLD, bb_scene_color(pal->accent),
                               BB_ALIGN_START, kbox, m->small_px, m->min_px, 1, false, NULL);
        if (kh < 0)
            return -1;
        y += kh + m->gap / 3;
    }
    SDL_Rect tbox = { box.x, y, box.w, box.h / 4 };
    int th = bb_scene_text(s, t->title, BB_WEIGHT_BOLD, bb_scene_color(pal->heading),
                           BB_ALIGN_START, tbox, m->title_px, m->min_px, 2, true, NULL);
    if (th < 0)
        return -1;
    y += th + m->gap;

    /* The state word above the countdown: "STARTS IN", "NOW", ... */
    bb_text_style label = { BB_WEIGHT_BOLD, m->small_px, bb_scene_color(pal->muted),
                            BB_ALIGN_START, BB_DIR_AUTO };
    int label_h = (int)(m->small_px * 1.4);
    if (!bb_scene_live_add(s, LIVE_STATE_LABEL, ti, (SDL_Rect){ box.x, y, box.w, label_h },
                           &label, bb_scene_color(pal->alert)))
        return -1;
    y += label_h;

    /* The countdown: as large as the widest text allows. */
    int cd_h = (int)(s->h * COUNTDOWN_HEIGHT_SHARE);
    int cd_px = bb_digits_fit_px(s->fonts, BB_WEIGHT_BOLD, COUNTDOWN_WIDEST, box.w, cd_h,
                                 m->title_px, (int)(m->u * COUNTDOWN_MAX_SHARE));
    if (cd_px < 0)
        return -1;
    bb_text_style big = { BB_WEIGHT_BOLD, cd_px, bb_scene_color(pal->heading), BB_ALIGN_START,
                          BB_DIR_AUTO };
    scene_live *cd = bb_scene_live_add(s, LIVE_COUNTDOWN, ti, (SDL_Rect){ box.x, y, box.w, cd_h },
                                       &big, bb_scene_color(pal->alert));
    if (!cd)
        return -1;
    cd->digits = bb_digits_create(s->renderer, s->fonts, BB_WEIGHT_BOLD, cd_px, COUNTDOWN_CHARS);
    if (!cd->digits)
        return -1;
    cd->box.h = bb_digits_height(cd->digits);
    s->boxes[s->n_boxes - 1].h = cd->box.h;
    y += cd->box.h + m->gap;

    /* Where, when, who, what: from the bottom up, small and muted. */
    char line[1024];
    const char *details[3];
    char when[256], who[512], what[512];
    format_start(t, cfg->display.tz, when, sizeof when);
    if (t->venue && *when)
        snprintf(line, sizeof line, "%s · %s", t->venue, when);
    else
        snprintf(line, sizeof line, "%s", t->venue ? t->venue : when);
    join(&t->participants, "", who, sizeof who);
    join(&t->topics, "Topics: ", what, sizeof what);
    details[0] = line;
    details[1] = who;
    details[2] = what;
    int avail = box.y + box.h - y;
    int line_h = (int)(m->body_px * 1.3);
    for (int i = 0; i < 3 && avail > 0; i++) {
        if (!*details[i])
            continue;
        SDL_Color c = bb_scene_color(i == 0 ? pal->text : pal->muted);
        int max_px = i == 0 ? (int)(m->body_px * 0.9) : m->small_px;
        SDL_Rect dbox = { box.x, y, box.w, avail < 2 * line_h ? avail : 2 * line_h };
        int dh = bb_scene_text(s, details[i], i == 0 ? BB_WEIGHT_BOLD : BB_WEIGHT_REGULAR, c,
                               BB_ALIGN_START, dbox, max_px, m->min_px, 2, false, NULL);
        if (dh < 0)
            return -1;
        y += dh + m->gap / 3;
        avail = box.y + box.h - y;
    }
    if (s->h > s->w && avail > 0)
        bb_scene_shift_since(s, start, (int)(avail * PORTRAIT_DROP_SHARE));
    return 0;
}

/* "Mon 10 Jan 2022, 09:00 CET", plus the screen's time when its offset
 * differs at that instant: "(15:00 here)". */
static void format_start(const bb_talk *t, const bb_tz *screen, char *buf, size_t len)
{
    buf[0] = '\0';
    if (!t->has_start)
        return;
    bb_civil c;
    const char *abbr = NULL;
    int off = bb_tz_to_civil(t->tz, t->start, &c);
    bb_tz_offset_at(t->tz, t->start, &abbr);
    int wd = bb_weekday_from_days(bb_days_from_civil(c.year, c.month, c.day));
    int n = snprintf(buf, len, "%s %d %s %d, %02d:%02d %s", bb_weekday_abbr(wd), c.day,
                     bb_month_abbr(c.month), c.year, c.hour, c.minute, abbr ? abbr : "");
    if (screen && bb_tz_offset_at(screen, t->start, NULL) != off && n > 0 && (size_t)n < len) {
        char here[32];
        bb_scene_format_local(t->start, screen, false, here, sizeof here);
        snprintf(buf + n, len - (size_t)n, " (%s here)", here);
    }
}

static void join(const bb_strv *v, const char *prefix, char *buf, size_t len)
{
    buf[0] = '\0';
    if (v->n == 0)
        return;
    size_t used = (size_t)snprintf(buf, len, "%s", prefix);
    for (int i = 0; i < v->n && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, "%s%s", i ? " · " : "", v->v[i]);
}
