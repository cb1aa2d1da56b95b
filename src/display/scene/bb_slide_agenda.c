/*
 * bb_slide_agenda: upcoming talks, one row each -- when, what and where,
 * and a live "in 2 d 3 h" / "LIVE" -- the next one highlighted.
 *
 * At a real conference's scale (hundreds of talks) the rows page instead of
 * shrinking (bb_scene_list.c): every row is set at the legibility floor's
 * sizes or above.  Rows are grouped by day under a header said once
 * ("Today", "Tomorrow", "Sat 1 Feb") with the zone's abbreviation; ended
 * talks leave after timing.ended_grace, and at once when the next talk in
 * their room has started, so rows are not spent on talks that are over.
 * The agenda is a window onto what is coming: it shows at most max_pages
 * pages of max_rows rows, the soonest first.
 */
#include "bb_scene_build.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_i18n.h"

#define WHEN_COL_SHARE 0.14     /* landscape column widths, of the row width */
#define REL_COL_SHARE 0.20
#define HIGHLIGHT_BAR_SHARE 0.010
#define ROW_PAD_SHARE 0.30      /* space above and below a row's text, of the gap */
#define TITLE_MAX_LINES 2       /* a title wraps once, then ends in "…" at the floor */

/* The texts of one agenda row. */
typedef struct agenda_row {
    int talk;
    int day;          /* days since the epoch in the screen's zone; group key */
    char time[64];    /* "09:00", "by Sat 8 Mar", "TBA" */
    int title_lines;
    int h;            /* its height, px */
} agenda_row;

typedef struct agenda_geom {
    bool stacked;     /* portrait: when and how long above the title */
    int title_px, text_px, title_h, text_h, pad;
    int when_w, what_w, rel_w;
} agenda_geom;

static bool talk_matches(const bb_slide *sl, const bb_talk *t, const bb_tz *tz, bb_instant now);
static bool ended_and_gone(const bb_config *cfg, int i, bb_instant now);
static int local_day(const bb_tz *tz, bb_instant t);
static void day_label(const bb_scene *s, const bb_talk *t, int day, bb_instant now, char *buf,
                      size_t len);
static const char *zone_abbr(const bb_config *cfg, const bb_talk *t);
static void row_time(const bb_scene *s, const bb_talk *t, char *buf, size_t len);
static int draw_row(bb_scene *s, const agenda_geom *g, const agenda_row *row, SDL_Rect box, int y,
                    bool is_next, bb_instant wall);

static int agenda_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_agenda_class = { .build = agenda_build,
                                                .stale = bb_scene_list_stale };

static int agenda_build(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_config *cfg = s->cfg;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box;
    int y;
    if (bb_scene_heading(s, sl->title ? sl->title : bb_scene_tr(s, "Upcoming talks"), bb_scene_page_indicator_width(s), &box,
                         &y) < 0)
        return -1;
    SDL_Rect heading_line = { box.x, box.y, box.w, y - box.y - m->gap };

    int *order = malloc(sizeof *order * (size_t)(cfg->n_talks ? cfg->n_talks : 1));
    if (!order)
        return -1;
    int n_all = bb_talk_agenda_order(cfg->talks, cfg->n_talks, &cfg->timing, clock->wall, order);
    int n = 0;
    for (int i = 0; i < n_all; i++)
        if (talk_matches(sl, &cfg->talks[order[i]], cfg->display.tz, clock->wall) &&
            !(clock->synced && ended_and_gone(cfg, order[i], clock->wall)))
            order[n++] = order[i];
    int next = bb_talk_next(cfg->talks, cfg->n_talks, &cfg->timing, clock->wall);
    /* The rows change when the first of them ends and leaves (or a next
     * starts, which moves the highlight): made again then. */
    s->stale_at = 0;
    for (int i = 0; i < n; i++) {
        const bb_talk *t = &cfg->talks[order[i]];
        if (!t->has_start)
            continue;
        bb_instant at = t->start > clock->wall ? t->start : t->end + cfg->timing.agenda_grace_s;
        if (at > clock->wall && (s->stale_at == 0 || at < s->stale_at))
            s->stale_at = at;
    }

    if (n == 0) {
        SDL_Rect ebox = { box.x, y, box.w, box.y + box.h - y };
        int rc = bb_scene_text(s, bb_scene_tr(s, "No upcoming talks"), BB_WEIGHT_REGULAR,
                               bb_scene_color(pal->muted), BB_ALIGN_START, ebox, m->body_px,
                               m->min_px, 1, false, NULL);
        free(order);
        return rc < 0 ? -1 : 0;
    }

    agenda_geom g = { 0 };
    g.stacked = s->w < s->h;
    g.title_px = m->floor.title_px;
    g.text_px = m->floor.text_px;
    g.title_h = bb_scene_line_h(s, BB_WEIGHT_BOLD, g.title_px);
    g.text_h = bb_scene_line_h(s, BB_WEIGHT_REGULAR, g.text_px);
    g.pad = (int)(m->gap * ROW_PAD_SHARE + 0.5);
    g.rel_w = (int)(box.w * (g.stacked ? 0.5 : REL_COL_SHARE));
    g.when_w = g.stacked ? box.w - g.rel_w : (int)(box.w * WHEN_COL_SHARE);
    g.what_w = g.stacked ? box.w : box.w - g.when_w - g.rel_w - 2 * m->gap;

    /* No more rows than max_pages pages of max_rows could show. */
    int max_rows = sl->max_rows > 0 ? sl->max_rows : BB_DEFAULT_AGENDA_ROWS;
    int max_pages = sl->max_pages > 0 ? sl->max_pages : BB_DEFAULT_MAX_PAGES;
    if (n > max_rows * max_pages)
        n = max_rows * max_pages;
    agenda_row *rows = calloc((size_t)n, sizeof *rows);
    int *heights = malloc(sizeof *heights * (size_t)n);
    int *groups = malloc(sizeof *groups * (size_t)n);
    int rc = rows && heights && groups ? 0 : -1;
    for (int r = 0; r < n && rc == 0; r++) {
        const bb_talk *t = &cfg->talks[order[r]];
        agenda_row *row = &rows[r];
        row->talk = order[r];
        /* Undated talks group too: by their expected-by day, or as TBA. */
        row->day = t->has_start        ? local_day(cfg->display.tz, t->start)
                   : t->has_expected_by ? -2 - (int)bb_days_from_civil(t->expected_by.year,
                                                                       t->expected_by.month,
                                                                       t->expected_by.day)
                                        : -1;
        row_time(s, t, row->time, sizeof row->time);
        row->title_lines = bb_scene_count_lines(s, BB_WEIGHT_BOLD, t->title, g.title_px, g.what_w,
                                                 TITLE_MAX_LINES);
        row->h = 2 * g.pad + row->title_lines * g.title_h + g.text_h +
                 (g.stacked ? g.title_h : 0);
        heights[r] = row->h;
        groups[r] = row->day;
    }

    int first = 0, count = 0;
    int head_h = g.title_h + g.pad;
    int avail = box.y + box.h - y;
    if (rc == 0) {
        bb_scene_paginate(s, heights, groups, n, head_h, 0, avail, max_rows, &first, &count);
        if (s->pages > max_pages) {
            /* Only as many rows as max_pages pages hold: the soonest. */
            int want = s->page;
            s->page = max_pages - 1;
            bb_scene_paginate(s, heights, groups, n, head_h, 0, avail, max_rows, &first, &count);
            n = first + count;
            s->page = want;
            bb_scene_paginate(s, heights, groups, n, head_h, 0, avail, max_rows, &first, &count);
        }
    }
    SDL_Color accent = bb_scene_color(pal->accent);
    for (int r = first; r < first + count && rc == 0; r++) {
        const agenda_row *row = &rows[r];
        if (r == first || row->day != rows[r - 1].day) {
            /* The day once, at the top of its rows (and of every page). */
            char label[96];
            day_label(s, &cfg->talks[row->talk], row->day, clock->wall, label, sizeof label);
            s->role = BB_ROLE_TITLE;
            SDL_Rect db = { box.x, y + (r == first ? 0 : g.pad), box.w, g.title_h };
            rc = bb_scene_text(s, label, BB_WEIGHT_BOLD, accent, BB_ALIGN_START, db, g.title_px,
                               g.title_px, 1, false, NULL) < 0 ? -1 : 0;
            s->role = BB_ROLE_SECONDARY;
            y += head_h;
        }
        if (rc == 0)
            rc = draw_row(s, &g, row, box, y, row->talk == next, clock->wall);
        y += row->h;
    }
    if (rc == 0)
        rc = bb_scene_page_indicator(s, heading_line);
    free(order);
    free(rows);
    free(heights);
    free(groups);
    return rc;
}

/* ---- static ---- */

static bool in_list(const bb_strv *v, const char *s)
{
    if (v->n == 0)
        return true;
    for (int i = 0; i < v->n; i++)
        if (s && strcmp(v->v[i], s) == 0)
            return true;
    return false;
}

static bool talk_matches(const bb_slide *sl, const bb_talk *t, const bb_tz *tz, bb_instant now)
{
    if (sl->room_filter && (!t->room || strcmp(sl->room_filter, t->room) != 0))
        return false;
    if (sl->track_filter && (!t->track || strcmp(sl->track_filter, t->track) != 0))
        return false;
    if (!in_list(&sl->rooms, t->room) || !in_list(&sl->tracks, t->track))
        return false;
    if (sl->room_prefix &&
        (!t->room || strncmp(t->room, sl->room_prefix, strlen(sl->room_prefix)) != 0))
        return false;
    if (sl->today_only && (!t->has_start || local_day(tz, t->start) != local_day(tz, now)))
        return false;
    return true;
}

/* An ended talk stays for timing.ended_grace, but not once the next talk
 * in its room has started: that room's row belongs to the new talk. */
static bool ended_and_gone(const bb_config *cfg, int i, bb_instant now)
{
    const bb_talk *t = &cfg->talks[i];
    if (!t->has_start || now < t->end)
        return false;
    if (now >= t->end + cfg->timing.agenda_grace_s)
        return true;
    if (!t->room)
        return false;
    for (int k = 0; k < cfg->n_talks; k++) {
        const bb_talk *o = &cfg->talks[k];
        if (k != i && o->has_start && o->room && o->start >= t->end && o->start <= now &&
            strcmp(o->room, t->room) == 0)
            return true;
    }
    return false;
}

static int local_day(const bb_tz *tz, bb_instant t)
{
    bb_civil c;
    bb_tz_to_civil(tz, t, &c);
    return (int)bb_days_from_civil(c.year, c.month, c.day);
}

/* "Today · CET", "Tomorrow · CET", "Mon, 10 Feb · CET" in the slide's
 * language; undated talks: "Date not set". */
static void day_label(const bb_scene *s, const bb_talk *t, int day, bb_instant now, char *buf,
                      size_t len)
{
    const bb_config *cfg = s->cfg;
    const char *lang = bb_scene_lang(s);
    if (day == -1 || (day < -1 && !t->has_expected_by)) {
        snprintf(buf, len, "%s", bb_tr(lang, "Date not set"));
        return;
    }
    if (day < -1) {
        char date[64];
        const char *arg = date;
        bb_fmt_date(lang, &t->expected_by, BB_DATE_LONG, date, sizeof date);
        bb_trf(buf, len, lang, "Expected by %s", &arg, 1);
        return;
    }
    int today = local_day(cfg->display.tz, now);
    const char *abbr = zone_abbr(cfg, t);
    char name[64];
    if (day == today) {
        snprintf(name, sizeof name, "%s", bb_tr(lang, "Today"));
    } else if (day == today + 1) {
        snprintf(name, sizeof name, "%s", bb_tr(lang, "Tomorrow"));
    } else {
        bb_civil c;
        bb_civil_from_days(day, &c);
        bb_fmt_date(lang, &c, BB_DATE_SHORT, name, sizeof name);
    }
    if (abbr && *abbr)
        snprintf(buf, len, "%s \xC2\xB7 %s", name, abbr);
    else
        snprintf(buf, len, "%s", name);
}

/*
 * The abbreviation of the zone the agenda's times are in (the screen's):
 * its own ("CET") when the tz database has one; a talk's zone that is only
 * an offset ("UTC+01:00", a frab file without time_zone_name) never shows
 * when the screen's zone has the same offset then.
 */
static const char *zone_abbr(const bb_config *cfg, const bb_talk *t)
{
    const char *abbr = NULL;
    bb_tz_offset_at(cfg->display.tz, t->start, &abbr);
    if (abbr && (abbr[0] == '+' || abbr[0] == '-'))
        return NULL;   /* "+03": a zone with no letters; the time says enough */
    return abbr;
}

/* The row's time in the screen's zone, in the slide's language and clock
 * format: "09:00", "9:00 AM"; undated talks have none (their day header
 * says it). */
static void row_time(const bb_scene *s, const bb_talk *t, char *buf, size_t len)
{
    if (t->has_start) {
        bb_civil c;
        bb_tz_to_civil(s->cfg->display.tz, t->start, &c);
        bb_fmt_time(bb_scene_lang(s), s->cfg->display.clock_format, c.hour, c.minute, buf, len);
    } else {
        snprintf(buf, len, "%s", "");
    }
}

/* One row: time | title over room | live relative time (landscape), or
 * time and relative time over the title and room (portrait). */
static int draw_row(bb_scene *s, const agenda_geom *g, const agenda_row *row, SDL_Rect box, int y,
                    bool is_next, bb_instant wall)
{
    const bb_config *cfg = s->cfg;
    const bb_palette *pal = &cfg->display.palette;
    const bb_talk *t = &cfg->talks[row->talk];
    const scene_metrics *m = &s->m;
    if (is_next) {
        /* The highlight stays inside the margins (the bar in the padding). */
        int bar = (int)(m->u * HIGHLIGHT_BAR_SHARE) < 3 ? 3 : (int)(m->u * HIGHLIGHT_BAR_SHARE);
        bb_scene_fill(s, (SDL_Rect){ box.x, y, box.w, row->h }, bb_scene_color(pal->panel));
        bb_scene_fill(s, (SDL_Rect){ box.x, y, bar, row->h }, bb_scene_color(pal->accent));
    }
    int inset = is_next ? g->pad * 2 : 0;
    SDL_Color strong = bb_scene_color(is_next ? pal->heading : pal->text);
    SDL_Color muted = bb_scene_color(pal->muted);
    int ty = y + g->pad;
    int x = box.x + (is_next ? g->pad * 2 : 0);
    int wx = g->stacked ? x : box.x + g->when_w + m->gap;
    int wy = g->stacked ? ty + g->title_h : ty;
    int what_w = g->what_w - (g->stacked ? inset : 0);
    int rc = 0;
    s->role = BB_ROLE_TITLE;
    SDL_Rect tb = { x, ty, g->when_w - inset, g->title_h };
    if (bb_scene_text(s, row->time, BB_WEIGHT_BOLD, strong, BB_ALIGN_START, tb, g->title_px,
                      g->title_px, 1, false, NULL) < 0)
        rc = -1;
    bool quiet = s->overflow;   /* a title past two lines ends in "…" by design */
    SDL_Rect ib = { wx, wy, what_w, row->title_lines * g->title_h };
    if (rc == 0 && bb_scene_text(s, t->title, BB_WEIGHT_BOLD, strong, BB_ALIGN_START, ib,
                                 g->title_px, g->title_px, TITLE_MAX_LINES, false, NULL) < 0)
        rc = -1;
    s->overflow = quiet;
    s->role = BB_ROLE_SECONDARY;
    const char *where = t->room ? t->room : t->venue;
    SDL_Rect rb = { wx, wy + row->title_lines * g->title_h, what_w, g->text_h };
    /* A programme change leads the "where" line: "moved to Saal 2". */
    int badge_w = rc == 0 ? bb_scene_change_badge(s, t, wall, rb, g->text_px, BB_ALIGN_START) : 0;
    if (badge_w < 0)
        rc = -1;
    else if (badge_w > 0) {
        rb.x += badge_w + m->gap / 2;
        rb.w -= badge_w + m->gap / 2;
    }
    if (rc == 0 && where &&
        bb_scene_text(s, where, BB_WEIGHT_REGULAR, muted, BB_ALIGN_START, rb, g->text_px,
                      g->text_px, 1, false, NULL) < 0)
        rc = -1;
    s->overflow = quiet;
    bb_text_style rel = { BB_WEIGHT_BOLD, g->title_px, bb_scene_color(pal->accent), BB_ALIGN_END,
                          BB_DIR_AUTO };
    SDL_Rect lb = { box.x + box.w - g->rel_w, ty, g->rel_w - inset, g->title_h };
    if (rc == 0 && !bb_scene_live_add(s, LIVE_RELATIVE, row->talk, lb, &rel,
                                      bb_scene_color(pal->alert)))
        rc = -1;
    return rc;
}
