/*
 * bb_slide_idle: what the screen shows when no slide is eligible (all
 * expired, disabled or outside their show_from/show_until): the next talk,
 * large and centred, with a live "in 2 d 3 h", or a calm line saying that
 * nothing is scheduled -- never a bare background that looks broken.
 */
#include "bb_scene_build.h"

#include <stdio.h>

/* A little above the optical centre, as the stat slide's figure. */
#define IDLE_DROP_SHARE 0.45
#define IDLE_NOTHING "No briefing to show right now"

static int idle_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_idle_class = { .build = idle_build };

static int idle_build(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_config *cfg = s->cfg;
    const bb_palette *pal = &cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    scene_mark start = bb_scene_mark(s);
    int y = 0;

    int next = bb_talk_next(cfg->talks, cfg->n_talks, &cfg->timing, clock->wall);
    if (next < 0 || !clock->synced) {
        SDL_Rect nbox = { box.x, y, box.w, box.h / 3 };
        int h = bb_scene_text(s, IDLE_NOTHING, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted),
                              BB_ALIGN_CENTER, nbox, m->body_px, m->min_px, 2, true, NULL);
        if (h < 0)
            return -1;
        y += h;
    } else {
        const bb_talk *t = &cfg->talks[next];
        /* The word above says what the talk is to the reader; the live
         * line under it says when (and turns to "LIVE" by itself). */
        bool live = bb_talk_state_at(t, &cfg->timing, clock->wall, clock->synced) ==
                    BB_STATE_LIVE;
        SDL_Rect lbox = { box.x, y, box.w, (int)(m->small_px * 1.4) };
        int lh = bb_scene_text(s, live ? "NOW" : "NEXT", BB_WEIGHT_BOLD,
                               bb_scene_color(pal->muted), BB_ALIGN_CENTER, lbox, m->small_px,
                               m->min_px, 1, false, NULL);
        if (lh < 0)
            return -1;
        y += lh + m->gap / 3;
        SDL_Rect tbox = { box.x, y, box.w, box.h / 3 };
        int th = bb_scene_text(s, t->title, BB_WEIGHT_BOLD, bb_scene_color(pal->heading),
                               BB_ALIGN_CENTER, tbox, m->title_px, m->min_px, 2, true, NULL);
        if (th < 0)
            return -1;
        y += th + m->gap / 2;
        char when[256] = "";
        if (t->has_start) {
            char local[64];
            bb_scene_format_local(t->start, t->tz, true, local, sizeof local);
            snprintf(when, sizeof when, "%s%s%s", local, t->venue ? " · " : "",
                     t->venue ? t->venue : "");
        } else if (t->venue) {
            snprintf(when, sizeof when, "%s", t->venue);
        }
        SDL_Rect wbox = { box.x, y, box.w, (int)(m->body_px * 1.4 * 2) };
        int wh = bb_scene_text(s, when, BB_WEIGHT_REGULAR, bb_scene_color(pal->text),
                               BB_ALIGN_CENTER, wbox, m->body_px, m->min_px, 2, true, NULL);
        if (wh < 0)
            return -1;
        y += wh + m->gap / 2;
        bb_text_style rel = { BB_WEIGHT_BOLD, m->body_px, bb_scene_color(pal->accent),
                              BB_ALIGN_CENTER, BB_DIR_AUTO };
        int rel_h = (int)(m->body_px * 1.4);
        if (!bb_scene_live_add(s, LIVE_RELATIVE, next, (SDL_Rect){ box.x, y, box.w, rel_h }, &rel,
                               bb_scene_color(pal->alert)))
            return -1;
        y += rel_h;
    }
    int dy = box.y + (int)((box.h - y) * IDLE_DROP_SHARE);
    bb_scene_shift_since(s, start, dy < box.y ? box.y : dy);
    return 0;
}
