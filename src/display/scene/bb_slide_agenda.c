/*
 * bb_slide_agenda: upcoming talks, one row each -- when, what and where,
 * and a live "in 2 d 3 h" / "LIVE" -- the next one highlighted.
 */
#include "bb_scene_build.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROW_MAX_SHARE 0.20      /* a row is at most this share of u tall */
#define WHEN_COL_SHARE 0.20     /* column widths, of the row width */
#define REL_COL_SHARE 0.27
#define REL_STACKED_SHARE 0.40  /* portrait: the relative time shares the first line */
#define HIGHLIGHT_BAR_SHARE 0.010

/* The texts of one agenda row. */
typedef struct agenda_row {
    char day[96];     /* "Mon 10 Jan", or "Mon 10 Jan · 09:00 CET" when stacked */
    char time[64];    /* "09:00 CET" */
    char title[256];
    char where[256];
} agenda_row;

static bool talk_matches(const bb_slide *sl, const bb_talk *t);
static void row_texts(const bb_talk *t, bool stacked, agenda_row *row);
static int column_px(bb_scene *s, const agenda_row *rows, int n, size_t field, bb_weight weight,
                     int w, int h, int max_px);

static int agenda_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_agenda_class = { .build = agenda_build };

static int agenda_build(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_config *cfg = s->cfg;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    int y = box.y;

    const char *title = sl->title ? sl->title : "Upcoming talks";
    if (bb_scene_heading(s, title, box, &y) < 0)
        return -1;

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
    /* Portrait screens stack each row (when and where above the title);
     * landscape ones set when | what | how long in three columns. */
    bool stacked = s->w < s->h;
    int row_h = avail / (n < 3 ? 3 : n);
    int row_cap = (int)((stacked ? s->h : m->u) * ROW_MAX_SHARE);
    if (row_h > row_cap)
        row_h = row_cap;
    int pad = row_h / 8;
    int inner_h = row_h - 2 * pad;
    int gap = m->gap;
    int rel_w = (int)(box.w * (stacked ? REL_STACKED_SHARE : REL_COL_SHARE));
    int when_w = stacked ? box.w - rel_w - gap : (int)(box.w * WHEN_COL_SHARE);
    int what_w = stacked ? box.w - 2 * pad : box.w - when_w - rel_w - 2 * gap;
    int lines = stacked ? 3 : 2;
    int big_px = inner_h * 9 / (10 * lines), small_px = inner_h * 7 / (10 * lines);
    if (big_px > m->body_px)
        big_px = m->body_px;
    if (small_px > m->small_px)
        small_px = m->small_px;
    int line_h = inner_h / lines;

    /* Texts of each row, then one size per column so the rows line up. */
    agenda_row *rows = calloc((size_t)n, sizeof *rows);
    if (!rows) {
        free(order);
        return -1;
    }
    for (int r = 0; r < n; r++)
        row_texts(&cfg->talks[order[r]], stacked, &rows[r]);
    int day_px = column_px(s, rows, n, offsetof(agenda_row, day), BB_WEIGHT_BOLD,
                           when_w - pad, line_h, stacked ? small_px : big_px);
    int time_px = column_px(s, rows, n, offsetof(agenda_row, time), BB_WEIGHT_REGULAR,
                            when_w - pad, line_h, small_px);
    int title_px = column_px(s, rows, n, offsetof(agenda_row, title), BB_WEIGHT_BOLD, what_w,
                             line_h, big_px);
    int where_px = column_px(s, rows, n, offsetof(agenda_row, where), BB_WEIGHT_REGULAR,
                             what_w, line_h, small_px);
    int rc = 0;

    for (int r = 0; r < n && rc == 0; r++) {
        const agenda_row *row = &rows[r];
        int ry = y + r * row_h;
        bool is_next = order[r] == next;
        if (is_next) {
            bb_scene_fill(s, (SDL_Rect){ box.x - pad, ry, box.w + 2 * pad, row_h - pad / 2 },
                          bb_scene_color(pal->panel));
            int bar = (int)(m->u * HIGHLIGHT_BAR_SHARE) < 3 ? 3 : (int)(m->u * HIGHLIGHT_BAR_SHARE);
            bb_scene_fill(s, (SDL_Rect){ box.x - pad, ry, bar, row_h - pad / 2 },
                          bb_scene_color(pal->accent));
        }
        SDL_Color strong = bb_scene_color(is_next ? pal->heading : pal->text);
        SDL_Color muted = bb_scene_color(pal->muted);
        int x = box.x + pad, ty = ry + pad;
        SDL_Rect day_box = { x, ty, when_w - pad, line_h };
        SDL_Rect time_box = { x, ty + line_h, when_w - pad, line_h };
        int wx = stacked ? x : box.x + when_w + gap;
        int wy = stacked ? ty + line_h : ty;
        SDL_Rect title_box = { wx, wy, what_w, line_h };
        SDL_Rect where_box = { wx, wy + line_h, what_w, line_h };
        /* A programme change leads the "where" line: "moved to Saal 2". */
        int badge_w = bb_scene_change_badge(s, &cfg->talks[order[r]], clock->wall, where_box,
                                            where_px, BB_ALIGN_START);
        if (badge_w < 0)
            rc = -1;
        else if (badge_w > 0) {
            where_box.x += badge_w + gap / 2;
            where_box.w -= badge_w + gap / 2;
        }
        if (rc < 0 ||
            bb_scene_text(s, row->day, BB_WEIGHT_BOLD, stacked ? muted : strong, BB_ALIGN_START,
                          day_box, day_px, day_px, 1, false, NULL) < 0 ||
            (!stacked && bb_scene_text(s, row->time, BB_WEIGHT_REGULAR, muted, BB_ALIGN_START,
                                       time_box, time_px, time_px, 1, false, NULL) < 0) ||
            bb_scene_text(s, row->title, BB_WEIGHT_BOLD, strong, BB_ALIGN_START, title_box,
                          title_px, title_px, 1, false, NULL) < 0 ||
            bb_scene_text(s, row->where, BB_WEIGHT_REGULAR, muted, BB_ALIGN_START, where_box,
                          where_px, where_px, 1, false, NULL) < 0)
            rc = -1;
        bb_text_style rel = { BB_WEIGHT_BOLD, stacked ? day_px : big_px,
                              bb_scene_color(pal->accent), BB_ALIGN_END, BB_DIR_AUTO };
        SDL_Rect rbox = { box.x + box.w - rel_w, ty, rel_w - pad, line_h };
        if (rc == 0 &&
            !bb_scene_live_add(s, LIVE_RELATIVE, order[r], rbox, &rel, bb_scene_color(pal->alert)))
            rc = -1;
    }
    free(rows);
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

static void row_texts(const bb_talk *t, bool stacked, agenda_row *row)
{
    if (t->has_start) {
        bb_civil c;
        const char *abbr = NULL;
        bb_tz_to_civil(t->tz, t->start, &c);
        bb_tz_offset_at(t->tz, t->start, &abbr);
        int wd = bb_weekday_from_days(bb_days_from_civil(c.year, c.month, c.day));
        snprintf(row->time, sizeof row->time, "%02d:%02d %s", c.hour, c.minute, abbr ? abbr : "");
        if (stacked)
            snprintf(row->day, sizeof row->day, "%s %d %s · %s", bb_weekday_abbr(wd), c.day,
                     bb_month_abbr(c.month), row->time);
        else
            snprintf(row->day, sizeof row->day, "%s %d %s", bb_weekday_abbr(wd), c.day,
                     bb_month_abbr(c.month));
    } else if (t->has_expected_by) {
        const bb_civil *e = &t->expected_by;
        int wd = bb_weekday_from_days(bb_days_from_civil(e->year, e->month, e->day));
        snprintf(row->day, sizeof row->day, stacked ? "by %s %d %s %d" : "by %s %d %s",
                 bb_weekday_abbr(wd), e->day, bb_month_abbr(e->month), e->year);
        snprintf(row->time, sizeof row->time, "%d", e->year);
    } else {
        snprintf(row->day, sizeof row->day, "TBA");
    }
    snprintf(row->title, sizeof row->title, "%s", t->title);
    const char *where = t->room ? t->room : t->venue;
    snprintf(row->where, sizeof row->where, "%s", where ? where : "");
}

/* The largest size at which every row's text in one column fits its box on
 * one line, down to the scene's minimum: a column reads as one column only
 * when its rows share a size. */
static int column_px(bb_scene *s, const agenda_row *rows, int n, size_t field, bb_weight weight,
                     int w, int h, int max_px)
{
    int px = max_px;
    int min_px = s->m.min_px < max_px ? s->m.min_px : max_px;
    bb_measurer m = bb_text_measurer(s->fonts, weight);
    for (int r = 0; r < n; r++) {
        const char *text = (const char *)&rows[r] + field;
        if (!*text)
            continue;
        bb_fit_params p = { .box_w = w, .box_h = h, .max_px = px, .min_px = min_px,
                            .max_lines = 1 };
        bb_layout *l = bb_layout_fit(text, &m, &p);
        if (l) {
            px = bb_layout_px(l);
            bb_layout_destroy(l);
        }
    }
    return px;
}
