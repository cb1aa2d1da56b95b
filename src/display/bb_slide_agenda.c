/*
 * bb_slide_agenda: upcoming talks, one row each -- when, what and where,
 * and a live "in 2 d 3 h" / "LIVE" -- the next one highlighted.
 */
#include "bb_scene_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_MAX_SHARE 0.20      /* a row is at most this share of u tall */
#define WHEN_COL_SHARE 0.20     /* column widths, of the row width */
#define REL_COL_SHARE 0.27
#define HIGHLIGHT_BAR_SHARE 0.010

static bool talk_matches(const bb_slide *sl, const bb_talk *t);

int bb_slide_build_agenda(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_config *cfg = s->cfg;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    int y = box.y;

    const char *title = sl->title ? sl->title : "Upcoming talks";
    SDL_Rect hbox = { box.x, y, box.w, box.h / 5 };
    int hh = bb_scene_text(s, title, BB_WEIGHT_BOLD, bb_scene_color(pal->heading), BB_ALIGN_START,
                           hbox, m->title_px, m->min_px, 1, false, NULL);
    if (hh < 0)
        return -1;
    y += hh + m->gap;

    int *order = malloc(sizeof *order * (size_t)(cfg->n_talks ? cfg->n_talks : 1));
    if (!order)
        return -1;
    int n_all = bb_talk_agenda_order(cfg->talks, cfg->n_talks, &cfg->timing, clock->wall, order);
    int n = 0;
    for (int i = 0; i < n_all; i++)
        if (talk_matches(sl, &cfg->talks[order[i]]))
            order[n++] = order[i];
    int max_rows = sl->max_rows > 0 ? sl->max_rows : 6;
    if (n > max_rows)
        n = max_rows;
    int next = bb_talk_next(cfg->talks, cfg->n_talks, &cfg->timing, clock->wall);

    if (n == 0) {
        SDL_Rect ebox = { box.x, y, box.w, m->body_px * 2 };
        int rc = bb_scene_text(s, "No upcoming talks", BB_WEIGHT_REGULAR,
                               bb_scene_color(pal->muted), BB_ALIGN_START, ebox, m->body_px,
                               m->min_px, 1, false, NULL);
        free(order);
        return rc < 0 ? -1 : 0;
    }

    int avail = box.y + box.h - y;
    int row_h = avail / (n < 3 ? 3 : n);
    if (row_h > (int)(m->u * ROW_MAX_SHARE))
        row_h = (int)(m->u * ROW_MAX_SHARE);
    int pad = row_h / 8;
    int inner_h = row_h - 2 * pad;
    int when_w = (int)(box.w * WHEN_COL_SHARE);
    int rel_w = (int)(box.w * REL_COL_SHARE);
    int gap = m->gap;
    int what_w = box.w - when_w - rel_w - 2 * gap;
    int big_px = inner_h * 9 / 20, small_px = inner_h * 7 / 20;
    if (big_px > m->body_px)
        big_px = m->body_px;
    if (small_px > m->small_px)
        small_px = m->small_px;
    int line_a = inner_h / 2 + inner_h / 12;   /* room for the first of two lines */
    int rc = 0;

    for (int r = 0; r < n && rc == 0; r++) {
        const bb_talk *t = &cfg->talks[order[r]];
        int ry = y + r * row_h;
        bool is_next = order[r] == next;
        if (is_next) {
            bb_scene_fill(s, (SDL_Rect){ box.x - pad, ry, box.w + 2 * pad, row_h - pad / 2 },
                          bb_scene_color(pal->panel));
            int bar = (int)(m->u * HIGHLIGHT_BAR_SHARE) < 3 ? 3 : (int)(m->u * HIGHLIGHT_BAR_SHARE);
            bb_scene_fill(s, (SDL_Rect){ box.x - pad, ry, bar, row_h - pad / 2 },
                          bb_scene_color(pal->accent));
        }
        char day[64] = "", time_text[64] = "";
        if (t->has_start) {
            bb_civil c;
            const char *abbr = NULL;
            bb_tz_to_civil(t->tz, t->start, &c);
            bb_tz_offset_at(t->tz, t->start, &abbr);
            int wd = bb_weekday_from_days(bb_days_from_civil(c.year, c.month, c.day));
            snprintf(day, sizeof day, "%s %d %s", bb_weekday_abbr(wd), c.day, bb_month_abbr(c.month));
            snprintf(time_text, sizeof time_text, "%02d:%02d %s", c.hour, c.minute, abbr ? abbr : "");
        } else if (t->has_expected_by) {
            int wd = bb_weekday_from_days(
                bb_days_from_civil(t->expected_by.year, t->expected_by.month, t->expected_by.day));
            snprintf(day, sizeof day, "by %s %d %s", bb_weekday_abbr(wd), t->expected_by.day,
                     bb_month_abbr(t->expected_by.month));
            snprintf(time_text, sizeof time_text, "%d", t->expected_by.year);
        } else {
            snprintf(day, sizeof day, "TBA");
        }
        int x = box.x + pad;
        SDL_Color strong = bb_scene_color(is_next ? pal->heading : pal->text);
        SDL_Color muted = bb_scene_color(pal->muted);
        if (bb_scene_text(s, day, BB_WEIGHT_BOLD, strong, BB_ALIGN_START,
                          (SDL_Rect){ x, ry + pad, when_w - pad, line_a }, big_px, m->min_px, 1,
                          false, NULL) < 0 ||
            bb_scene_text(s, time_text, BB_WEIGHT_REGULAR, muted, BB_ALIGN_START,
                          (SDL_Rect){ x, ry + pad + line_a, when_w - pad, inner_h - line_a },
                          small_px, m->min_px, 1, false, NULL) < 0)
            rc = -1;
        x = box.x + when_w + gap;
        const char *where = t->room ? t->room : t->venue;
        if (rc == 0 &&
            (bb_scene_text(s, t->title, BB_WEIGHT_BOLD, strong, BB_ALIGN_START,
                           (SDL_Rect){ x, ry + pad, what_w, line_a }, big_px, m->min_px, 1, false,
                           NULL) < 0 ||
             bb_scene_text(s, where, BB_WEIGHT_REGULAR, muted, BB_ALIGN_START,
                           (SDL_Rect){ x, ry + pad + line_a, what_w, inner_h - line_a }, small_px,
                           m->min_px, 1, false, NULL) < 0))
            rc = -1;
        bb_text_style rel = { BB_WEIGHT_BOLD, big_px, bb_scene_color(pal->accent), BB_ALIGN_END,
                              BB_DIR_AUTO };
        SDL_Rect rbox = { box.x + box.w - rel_w, ry + pad, rel_w - pad, line_a };
        if (rc == 0 &&
            !bb_scene_live_add(s, LIVE_RELATIVE, order[r], rbox, &rel, bb_scene_color(pal->alert)))
            rc = -1;
    }
    free(order);
    return rc;
}

static bool talk_matches(const bb_slide *sl, const bb_talk *t)
{
    if (sl->room_filter && (!t->room || strcmp(sl->room_filter, t->room) != 0))
        return false;
    if (sl->track_filter && (!t->track || strcmp(sl->track_filter, t->track) != 0))
        return false;
    return true;
}
