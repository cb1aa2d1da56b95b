/*
 * bb_slide_room: a door display for one room -- the room's name, the talk
 * on now with how long it has been running, and the next one with a live
 * countdown.
 *
 * Which talks are "now" and "next" is decided when the scene is built; the
 * live texts then tick.  When the answer changes (a talk starts, ends, or
 * its grace runs out) room_stale says so and the compositor makes the
 * scene again: a door display is often the only slide, never rebuilt
 * otherwise.
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_room.h"

#define LABEL_LINE 1.4          /* label line height, of small_px */
#define PANEL_PAD_SHARE 0.5     /* panel padding, of the scene's gap */

/* The talks the scene shows as now and next (bb_room_view), to tell when
 * it is out of date (room_stale); the scene's priv. */
typedef struct room_state {
    int now, next;
    bool unsynced;
} room_state;

static int add_block(bb_scene *s, const char *label, int talk, scene_live_kind kind,
                     bool panel, bb_instant now, int *y);

static int room_build(bb_scene *s, const bb_frame_clock *clock);
static bool room_stale(const bb_scene *s, const bb_frame_clock *clock);
static void room_destroy(bb_scene *s);

const bb_scene_class bb_slide_room_class = {
    .build = room_build,
    .stale = room_stale,
    .destroy = room_destroy,
};

static int room_build(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_config *cfg = s->cfg;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    int y = box.y;

    const char *title = sl->title ? sl->title : (sl->room_filter ? sl->room_filter : "Room");
    if (bb_scene_heading(s, title, box, &y) < 0)
        return -1;

    room_state *st = calloc(1, sizeof *st);
    if (!st)
        return SDL_OutOfMemory();
    s->priv = st;
    bb_room_view view;
    bb_room_at(cfg->talks, cfg->n_talks, sl->room_filter, &cfg->timing, clock->wall,
               clock->synced, &view);
    st->now = view.now;
    st->next = view.next;
    st->unsynced = view.unsynced;
    if (view.unsynced) {
        SDL_Rect b = { box.x, y, box.w, box.y + box.h - y };
        return bb_scene_text(s, "waiting for time sync", BB_WEIGHT_REGULAR,
                             bb_scene_color(pal->muted), BB_ALIGN_START, b, m->body_px,
                             m->min_px, 2, false, NULL) < 0 ? -1 : 0;
    }
    if (view.now < 0 && view.next < 0) {
        SDL_Rect b = { box.x, y, box.w, box.y + box.h - y };
        return bb_scene_text(s, "Nothing more scheduled in this room", BB_WEIGHT_REGULAR,
                             bb_scene_color(pal->muted), BB_ALIGN_START, b, m->body_px,
                             m->min_px, 2, false, NULL) < 0 ? -1 : 0;
    }
    if (view.now >= 0 && add_block(s, "NOW", view.now, LIVE_COUNTDOWN, true, clock->wall, &y) < 0)
        return -1;
    if (view.next >= 0 && add_block(s, "NEXT", view.next, LIVE_COUNTDOWN, false, clock->wall, &y) < 0)
        return -1;
    return 0;
}

/* --- static functions --- */

static bool room_stale(const bb_scene *s, const bb_frame_clock *clock)
{
    const bb_config *cfg = s->cfg;
    const room_state *st = s->priv;
    bb_room_view view;
    if (!st)
        return false;
    bb_room_at(cfg->talks, cfg->n_talks, s->slide->room_filter, &cfg->timing, clock->wall,
               clock->synced, &view);
    return view.now != st->now || view.next != st->next || view.unsynced != st->unsynced;
}

static void room_destroy(bb_scene *s)
{
    free(s->priv);
    s->priv = NULL;
}

/* A label, the talk's title and start, and a live text; on a panel when
 * `panel` (the talk on now stands out). */
static int add_block(bb_scene *s, const char *label, int talk, scene_live_kind kind,
                     bool panel, bb_instant now, int *y)
{
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    const bb_talk *t = &s->cfg->talks[talk];
    int pad = panel ? (int)(m->gap * PANEL_PAD_SHARE) : 0;
    int x = m->pad_x + pad, w = s->w - 2 * m->pad_x - 2 * pad;
    int top = *y, yy = *y + pad;
    int bottom = s->h - m->pad_y;
    int avail = (bottom - top) / (panel ? 2 : 1);
    int fill_index = s->n_fills;
    if (panel)
        bb_scene_fill(s, (SDL_Rect){ m->pad_x, top, s->w - 2 * m->pad_x, avail - m->gap / 2 },
                      bb_scene_color(pal->panel));

    SDL_Rect lbox = { x, yy, w, (int)(m->small_px * LABEL_LINE) };
    int lh = bb_scene_text(s, label, BB_WEIGHT_BOLD, bb_scene_color(pal->accent),
                           BB_ALIGN_START, lbox, m->small_px, m->min_px, 1, false, NULL);
    if (lh < 0)
        return -1;
    /* A programme change at the end of the label's line: "moved to Saal 2". */
    if (bb_scene_change_badge(s, t, now, lbox, m->small_px, BB_ALIGN_END) < 0)
        return -1;
    yy += lh;
    SDL_Rect tbox = { x, yy, w, avail / 3 };
    int th = bb_scene_text(s, t->title, BB_WEIGHT_BOLD, bb_scene_color(pal->heading),
                           BB_ALIGN_START, tbox, m->title_px, m->min_px, 2, true, NULL);
    if (th < 0)
        return -1;
    yy += th + m->gap / 3;

    char when[64], line[320];
    bb_scene_format_local(t->start, s->cfg->display.tz, false, when, sizeof when);
    if (t->participants.n > 0)
        snprintf(line, sizeof line, "%s · %s", when, t->participants.v[0]);
    else
        snprintf(line, sizeof line, "%s", when);
    SDL_Rect dbox = { x, yy, w, (int)(m->body_px * 1.3) };
    int dh = bb_scene_text(s, line, BB_WEIGHT_REGULAR, bb_scene_color(pal->text),
                           BB_ALIGN_START, dbox, m->body_px, m->min_px, 1, false, NULL);
    if (dh < 0)
        return -1;
    yy += dh + m->gap / 3;

    bb_text_style style = { BB_WEIGHT_BOLD, m->body_px, bb_scene_color(pal->text),
                            BB_ALIGN_START, BB_DIR_AUTO };
    int live_h = (int)(m->body_px * 1.4);
    if (!bb_scene_live_add(s, kind, talk, (SDL_Rect){ x, yy, w, live_h }, &style,
                           bb_scene_color(pal->alert)))
        return -1;
    yy += live_h + pad;
    if (panel && fill_index < s->n_fills)
        s->fills[fill_index].rect.h = yy - top;
    *y = yy + m->gap;
    return 0;
}
