/*
 * bb_scene_list: paging for list slides (takeaways, agenda, board).
 *
 * A list never shrinks its text below the legibility floor to fit: rows
 * that do not fit go to further pages, each its own scene (the compositor
 * builds the next page ahead, and the cycle shows each for the slide's
 * page_seconds).  Every page of a slide splits the rows the same way, so
 * page k's scene needs only the heights of the rows, not the other pages'
 * textures.
 */
#include "bb_scene_build.h"
#include "bb_scene_private.h"

#include <stdio.h>
#include <string.h>

/* The widest indicator we reserve room for. */
#define INDICATOR_WIDEST "88/88"

static bool starts_group(const int *group, int i, bool first_on_page);
static int greedy(const int *heights, const int *group, int n, int head_h, int gap, int avail,
                  int max_per_page, int want, int *first, int *count);

void bb_scene_paginate(bb_scene *s, const int *heights, const int *group, int n, int head_h,
                       int gap, int avail, int max_per_page, int *first, int *count)
{
    int pages = greedy(heights, group, n, head_h, gap, avail, max_per_page, -1, first, count);
    s->pages = pages;
    if (s->page >= pages)
        s->page = pages - 1;   /* a page past the last (the rows changed): the last */
    /* Every page is full but the last two, which share what is left
     * evenly: no lone row after full pages, and no page holds fewer rows
     * than fit on it only to even the others out (a visitor waits for
     * every extra page).  The two share by the least height that still
     * needs no third page. */
    int tail = 0, c;
    if (pages >= 2)
        greedy(heights, group, n, head_h, gap, avail, max_per_page, pages - 2, &tail, &c);
    if (pages < 2 || s->page < pages - 2) {
        greedy(heights, group, n, head_h, gap, avail, max_per_page, s->page, first, count);
        return;
    }
    const int *tail_group = group ? group + tail : NULL;
    int lo = 1, hi = avail, f;
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (greedy(heights + tail, tail_group, n - tail, head_h, gap, mid, max_per_page, -1, &f,
                   &c) <= 2)
            hi = mid;
        else
            lo = mid;
    }
    greedy(heights + tail, tail_group, n - tail, head_h, gap, hi, max_per_page,
           s->page - (pages - 2), first, count);
    *first += tail;
}

bool bb_scene_list_stale(const bb_scene *s, const bb_frame_clock *clock)
{
    return s->stale_at > 0 && clock->synced && clock->wall >= s->stale_at;
}

int bb_scene_page_indicator_width(bb_scene *s)
{
    int w = 0;
    if (bb_text_size(s->fonts, BB_WEIGHT_REGULAR, s->m.min_px, INDICATOR_WIDEST,
                     sizeof INDICATOR_WIDEST - 1, &w, NULL) < 0)
        return s->m.min_px * 3;
    return w + s->m.gap;
}

int bb_scene_page_indicator(bb_scene *s, SDL_Rect box)
{
    if (s->pages <= 1)
        return 0;
    char text[32];
    snprintf(text, sizeof text, "%d/%d", s->page + 1, s->pages);
    bb_text_role was = s->role;
    s->role = BB_ROLE_SECONDARY;
    int w = 0, h = 0;
    bb_text_size(s->fonts, BB_WEIGHT_REGULAR, s->m.min_px, text, strlen(text), &w, &h);
    /* On the heading line, right-aligned: the heading's baseline is near
     * the box's bottom, so the indicator sits low in the box too. */
    SDL_Rect at = { box.x, box.y + (box.h > h ? box.h - h : 0) * 3 / 4, box.w, h > 0 ? h : box.h };
    int rc = bb_scene_text(s, text, BB_WEIGHT_REGULAR, bb_scene_color(s->cfg->display.palette.muted),
                           BB_ALIGN_END, at, s->m.min_px, s->m.min_px, 1, false, NULL);
    s->role = was;
    return rc < 0 ? -1 : 0;
}

/* ---- static ---- */

static bool starts_group(const int *group, int i, bool first_on_page)
{
    if (!group)
        return false;
    return first_on_page || i == 0 || group[i] != group[i - 1];
}

/* Fill pages of `avail` px in order; returns how many there are, and the
 * rows of page `want` in *first, *count. */
static int greedy(const int *heights, const int *group, int n, int head_h, int gap, int avail,
                  int max_per_page, int want, int *first, int *count)
{
    int page = 0, used = 0, on_page = 0;
    *first = 0;
    *count = 0;
    for (int i = 0; i < n; i++) {
        int need = heights[i] + (starts_group(group, i, on_page == 0) ? head_h + gap : 0);
        if (on_page > 0)
            need += gap;
        if (on_page > 0 && (used + need > avail || (max_per_page > 0 && on_page >= max_per_page))) {
            /* A new page: it starts with its group's header again. */
            page++;
            used = 0;
            on_page = 0;
            need = heights[i] + (group ? head_h + gap : 0);
        }
        if (page == want) {
            if (on_page == 0)
                *first = i;
            (*count)++;
        }
        used += need;
        on_page++;
    }
    return page + 1;
}
