/*
 * bb_slide_board: now and next in every room -- the lobby screen of a
 * conference with dozens of parallel rooms.
 *
 * One row per room: its name; the talk on now (title, and a live "LIVE ·
 * started 12 min ago"); the next one (title, its local start time and a
 * live "in 12 min").  Rooms come in the order of `rooms`, else in the
 * schedule's own order (a frab file lists them as the organisers do);
 * `tracks` and `room_prefix` narrow them.  A room with nothing more that
 * day drops out.  Rows that do not fit at the legibility floor page
 * (bb_scene_list.c); which talks are now and next is decided when the
 * scene is built, and the scene goes stale (is made again) when any
 * room's answer changes.
 *
 * Landscape: room | now | next in three columns, each talk on two lines.
 * Portrait: the room on a line of its own, now and next below it.
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_room.h"

#define ROOM_COL_MAX_SHARE 0.26   /* landscape: the room column at most, of the row's width */
#define TITLE_MAX_LINES 2         /* a talk's title wraps once, then ellipsises */
#define ROW_PAD_SHARE 0.15        /* space above and below a row's text, of the gap */
#define HEADER_LINE 1.3           /* column header line, of its size */
#define MAX_ROOMS 256             /* rooms a board lists, at most */

/* One room's row. */
typedef struct board_row {
    const char *room;             /* borrowed from a talk */
    int now, next;                /* talk indices, -1 for none */
    int now_lines, next_lines;    /* their titles' lines at the row size: 1 or 2 */
} board_row;

typedef struct board_geom {
    bool stacked;                 /* portrait */
    int title_px, text_px;        /* a row's two sizes */
    int title_h, text_h;          /* their line heights */
    int room_w, col_w;            /* landscape columns */
    int pad;                      /* above and below a row */
    bb_instant now;               /* the build's instant: change badges */
} board_geom;

static int collect_rows(const bb_scene *s, const bb_frame_clock *clock, board_row *rows,
                        int max, bb_instant *stale_at);
static bool room_listed(const bb_slide *sl, const char *room);
static bool talk_passes(const bb_slide *sl, const bb_talk *t);
static bool same_local_day(const bb_tz *tz, bb_instant a, bb_instant b);
static int draw_row(bb_scene *s, const board_geom *g, const board_row *row, SDL_Rect box, int y,
                    int row_h, bool shaded);
static int title_lines(bb_scene *s, const board_geom *g, int talk, bool is_now);
static int draw_talk(bb_scene *s, const board_geom *g, int talk, bool is_now, int lines, int x,
                     int y, int w);

static int board_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_board_class = { .build = board_build,
                                               .stale = bb_scene_list_stale };

static int board_build(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    const bb_slide *sl = s->slide;
    SDL_Rect box;
    int y;
    const char *title = sl->title ? sl->title : bb_scene_tr(s, "Now and next");
    if (bb_scene_heading(s, title, bb_scene_page_indicator_width(s), &box, &y) < 0)
        return -1;
    SDL_Rect heading_line = { box.x, box.y, box.w, y - box.y - m->gap };

    if (!clock->synced) {
        SDL_Rect b = { box.x, y, box.w, box.y + box.h - y };
        return bb_scene_text(s, bb_scene_tr(s, "waiting for time sync"), BB_WEIGHT_REGULAR,
                             bb_scene_color(pal->muted), BB_ALIGN_START, b, m->body_px,
                             m->min_px, 2, false, NULL) < 0 ? -1 : 0;
    }
    board_row *rows = calloc(MAX_ROOMS, sizeof *rows);
    if (!rows)
        return -1;
    int n = collect_rows(s, clock, rows, MAX_ROOMS, &s->stale_at);
    if (n == 0) {
        SDL_Rect b = { box.x, y, box.w, box.y + box.h - y };
        int rc = bb_scene_text(s, bb_scene_tr(s, "Nothing more today"), BB_WEIGHT_REGULAR,
                               bb_scene_color(pal->muted), BB_ALIGN_START, b, m->body_px,
                               m->min_px, 2, false, NULL);
        free(rows);
        return rc < 0 ? -1 : 0;
    }

    board_geom g = { 0 };
    g.stacked = s->w < s->h;
    g.now = clock->wall;
    /* Rows at the floor's sizes: the most rooms a page can hold legibly. */
    g.title_px = m->floor.title_px;
    g.text_px = m->floor.text_px;
    g.title_h = bb_scene_line_h(s, BB_WEIGHT_BOLD, g.title_px);
    g.text_h = bb_scene_line_h(s, BB_WEIGHT_REGULAR, g.text_px);
    g.pad = (int)(m->gap * ROW_PAD_SHARE + 0.5);
    /* The rows' text sits g.pad inside the margins, so that the shading
     * of every other row stays inside them too. */
    SDL_Rect rows_box = { box.x + g.pad, box.y, box.w - 2 * g.pad, box.h };
    g.room_w = rows_box.w;
    if (!g.stacked) {
        /* As wide as the widest room name, within a share of the row. */
        int widest = 0;
        for (int i = 0; i < n; i++) {
            int w = 0;
            bb_text_size(s->fonts, BB_WEIGHT_BOLD, g.title_px, rows[i].room, strlen(rows[i].room),
                         &w, NULL);
            widest = w > widest ? w : widest;
        }
        int cap = (int)(rows_box.w * ROOM_COL_MAX_SHARE);
        g.room_w = widest + m->gap < cap ? widest + m->gap : cap;
    }
    g.col_w = g.stacked ? rows_box.w : (rows_box.w - g.room_w - 2 * m->gap) / 2;

    /* Column headers (landscape): "Now" over the now column, "Next" over the next. */
    int rc = 0;
    if (!g.stacked) {
        int hh = (int)(g.text_h * HEADER_LINE);
        SDL_Color accent = bb_scene_color(pal->accent);
        SDL_Rect nb = { rows_box.x + g.room_w + m->gap, y, g.col_w, hh };
        SDL_Rect xb = { nb.x + g.col_w + m->gap, y, g.col_w, hh };
        if (bb_scene_text(s, bb_scene_tr(s, "Now"), BB_WEIGHT_BOLD, accent, BB_ALIGN_START, nb,
                          g.text_px, g.text_px, 1, false, NULL) < 0 ||
            bb_scene_text(s, bb_scene_tr(s, "Next"), BB_WEIGHT_BOLD, accent, BB_ALIGN_START, xb,
                          g.text_px, g.text_px, 1, false, NULL) < 0)
            rc = -1;
        y += hh;
    }

    int *heights = malloc(sizeof *heights * (size_t)n);
    if (!heights) {
        free(rows);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        /* A title takes one line or two; the row, its tallest talk. */
        int now_l = rows[i].now_lines = title_lines(s, &g, rows[i].now, true);
        int next_l = rows[i].next_lines = title_lines(s, &g, rows[i].next, false);
        heights[i] = 2 * g.pad + (g.stacked ? g.title_h + (now_l + next_l + 2) * g.title_h
                                            : ((now_l > next_l ? now_l : next_l) + 1) * g.title_h);
    }
    /* The rows reach down to one gap above the footer, not to the slide's
     * own margin: the footer keeps its own, and at 1080 lines the margin
     * is what a fourth row of three lines at the floor needs. */
    int bottom = s->h - m->gap;
    if (bottom < box.y + box.h)
        bottom = box.y + box.h;
    int first = 0, count = 0;
    bb_scene_paginate(s, heights, NULL, n, 0, 0, bottom - y, 0, &first, &count);
    for (int i = 0; i < count && rc == 0; i++) {
        rc = draw_row(s, &g, &rows[first + i], rows_box, y, heights[first + i], i % 2 == 0);
        y += heights[first + i];
    }
    if (rc == 0)
        rc = bb_scene_page_indicator(s, heading_line);
    free(heights);
    free(rows);
    return rc;
}

/* ---- static ---- */

/*
 * The rooms to show, in order, with their now and next; *stale_at gets the
 * first instant at which any of them changes (0: never).
 */
static int collect_rows(const bb_scene *s, const bb_frame_clock *clock, board_row *rows,
                        int max, bb_instant *stale_at)
{
    const bb_config *cfg = s->cfg;
    const bb_slide *sl = s->slide;
    int n = 0;
    int64_t soonest = -1;
    /* Candidate rooms: the `rooms` list in its order, else every room in
     * the order the talks first name it. */
    int n_cand = sl->rooms.n > 0 ? sl->rooms.n : cfg->n_talks;
    for (int k = 0; k < n_cand && n < max; k++) {
        const char *room = NULL;
        if (sl->rooms.n > 0) {
            room = sl->rooms.v[k];
        } else {
            const bb_talk *t = &cfg->talks[k];
            if (!t->room || !talk_passes(sl, t))
                continue;
            bool seen = false;
            for (int j = 0; j < n && !seen; j++)
                seen = strcmp(rows[j].room, t->room) == 0;
            if (seen)
                continue;
            room = t->room;
        }
        if (!room_listed(sl, room))
            continue;
        bb_room_view v;
        bb_room_at(cfg->talks, cfg->n_talks, room, &cfg->timing, clock->wall, true, &v);
        /* A track filter applies to the talks shown too. */
        if (v.now >= 0 && !talk_passes(sl, &cfg->talks[v.now]))
            v.now = -1;
        if (v.next >= 0 && (!talk_passes(sl, &cfg->talks[v.next]) ||
                            !same_local_day(cfg->display.tz, cfg->talks[v.next].start,
                                            clock->wall)))
            v.next = -1;
        int64_t change = bb_room_seconds_to_change(cfg->talks, cfg->n_talks, room, &cfg->timing,
                                                   clock->wall);
        if (change >= 0 && (soonest < 0 || change < soonest))
            soonest = change;
        if (v.now < 0 && v.next < 0)
            continue;   /* nothing more today */
        rows[n].room = room;
        rows[n].now = v.now;
        rows[n].next = v.next;
        n++;
    }
    *stale_at = soonest >= 0 ? clock->wall + (soonest > 0 ? soonest : 1) : 0;
    return n;
}

static bool room_listed(const bb_slide *sl, const char *room)
{
    if (sl->room_prefix && strncmp(room, sl->room_prefix, strlen(sl->room_prefix)) != 0)
        return false;
    return true;
}

static bool talk_passes(const bb_slide *sl, const bb_talk *t)
{
    if (sl->tracks.n == 0)
        return true;
    for (int i = 0; i < sl->tracks.n; i++)
        if (t->track && strcmp(t->track, sl->tracks.v[i]) == 0)
            return true;
    return false;
}

static bool same_local_day(const bb_tz *tz, bb_instant a, bb_instant b)
{
    bb_civil ca, cb;
    bb_tz_to_civil(tz, a, &ca);
    bb_tz_to_civil(tz, b, &cb);
    return ca.year == cb.year && ca.month == cb.month && ca.day == cb.day;
}

static int draw_row(bb_scene *s, const board_geom *g, const board_row *row, SDL_Rect box, int y,
                    int row_h, bool shaded)
{
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    /* Every other row on the panel colour: the eye follows a row across
     * three columns without a rule. */
    if (shaded)   /* box is g->pad inside the margins: the shade reaches them */
        bb_scene_fill(s, (SDL_Rect){ box.x - g->pad, y, box.w + 2 * g->pad, row_h },
                      bb_scene_color(pal->panel));
    int ty = y + g->pad;
    s->role = BB_ROLE_TITLE;
    SDL_Rect rbox = { box.x, ty, g->room_w - (g->stacked ? 0 : m->gap / 2), g->title_h };
    int rc = bb_scene_text(s, row->room, BB_WEIGHT_BOLD, bb_scene_color(pal->heading),
                           BB_ALIGN_START, rbox, g->title_px, g->title_px, 1, false, NULL);
    s->role = BB_ROLE_SECONDARY;
    if (rc < 0)
        return -1;
    int now_x = g->stacked ? box.x : box.x + g->room_w + m->gap;
    int next_x = g->stacked ? box.x : now_x + g->col_w + m->gap;
    int now_y = g->stacked ? ty + g->title_h : ty;
    int next_y = g->stacked ? now_y + (row->now_lines + 1) * g->title_h
                            : ty;
    if (draw_talk(s, g, row->now, true, row->now_lines, now_x, now_y, g->col_w) < 0 ||
        draw_talk(s, g, row->next, false, row->next_lines, next_x, next_y, g->col_w) < 0)
        return -1;
    return 0;
}

/* Lines of a talk's title in its column at the row size: 1 or 2. */
static int title_lines(bb_scene *s, const board_geom *g, int talk, bool is_now)
{
    if (talk < 0)
        return 1;
    const char *prefix = g->stacked ? bb_scene_tr(s, is_now ? "Now: " : "Next: ") : "";
    char title[600];
    snprintf(title, sizeof title, "%s%s", prefix, s->cfg->talks[talk].title);
    return bb_scene_count_lines(s, BB_WEIGHT_BOLD, title, g->title_px, g->col_w,
                                TITLE_MAX_LINES);
}

/* A talk's two lines: its title, then a live "LIVE · started 12 min ago"
 * (now) or its start and a live "in 12 min" (next).  No talk: a dash.
 * lines: the title's lines, as title_lines counted them for the row. */
static int draw_talk(bb_scene *s, const board_geom *g, int talk, bool is_now, int lines, int x,
                     int y, int w)
{
    const bb_palette *pal = &s->cfg->display.palette;
    SDL_Color muted = bb_scene_color(pal->muted);
    char label[256];
    /* Portrait rows have no column headers: each line says which it is. */
    const char *prefix = g->stacked ? bb_scene_tr(s, is_now ? "Now: " : "Next: ") : "";
    if (talk < 0) {
        snprintf(label, sizeof label, "%s%s", prefix,
                 is_now ? "\xe2\x80\x94" : bb_scene_tr(s, "nothing more today"));
        SDL_Rect b = { x, y, w, g->title_h };
        return bb_scene_text(s, label, BB_WEIGHT_REGULAR, muted, BB_ALIGN_START, b, g->text_px,
                             g->text_px, 1, false, NULL) < 0 ? -1 : 0;
    }
    const bb_talk *t = &s->cfg->talks[talk];
    char title[600];
    snprintf(title, sizeof title, "%s%s", prefix, t->title);
    s->role = BB_ROLE_TITLE;
    SDL_Rect tb = { x, y, w, lines * g->title_h };
    /* A title longer than two lines ends in "…" at the floor: by design
     * on a board, not a fault to report. */
    bool quiet = s->overflow;
    int rc = bb_scene_text(s, title, BB_WEIGHT_BOLD,
                           bb_scene_color(is_now ? pal->heading : pal->text), BB_ALIGN_START, tb,
                           g->title_px, g->title_px, TITLE_MAX_LINES, false, NULL);
    s->overflow = quiet;
    y += (lines - 1) * g->title_h;
    if (rc < 0) {
        s->role = BB_ROLE_SECONDARY;
        return -1;
    }
    int ly = y + g->title_h;
    int lx = x;
    /* A programme change ("moved to H.2215", "now 14:30", "cancelled")
     * leads the row's second line, as on the agenda. */
    SDL_Rect bbox = { x, ly, w / 2, g->title_h };
    int badge_w = bb_scene_change_badge(s, t, g->now, bbox, g->text_px, BB_ALIGN_START);
    if (badge_w < 0)
        return -1;
    if (badge_w > 0)
        lx = x + badge_w + s->m.gap / 2;
    if (!is_now) {
        /* The start in the screen's zone, then the live countdown. */
        char when[32];
        bb_scene_format_local(s, t->start, s->cfg->display.tz, false, when, sizeof when);
        SDL_Rect wb = { lx, ly, x + w - lx, g->title_h };
        if (bb_scene_text(s, when, BB_WEIGHT_BOLD, bb_scene_color(pal->text), BB_ALIGN_START, wb,
                          g->title_px, g->title_px, 1, false, NULL) < 0) {
            s->role = BB_ROLE_SECONDARY;
            return -1;
        }
        int ww = 0;
        bb_text_size(s->fonts, BB_WEIGHT_BOLD, g->title_px, when, strlen(when), &ww, NULL);
        lx += ww + s->m.gap / 2;
    }
    s->role = BB_ROLE_SECONDARY;
    bb_text_style st = { BB_WEIGHT_REGULAR, g->title_px, bb_scene_color(is_now ? pal->accent : pal->muted),
                         BB_ALIGN_START, BB_DIR_AUTO };
    SDL_Rect lb = { lx, ly, x + w - lx, g->title_h };
    if (!bb_scene_live_add(s, is_now ? LIVE_COUNTDOWN : LIVE_RELATIVE, talk, lb, &st,
                           bb_scene_color(pal->alert)))
        return -1;
    return 0;
}
