/*
 * bb_scene_badge: the badge that marks a programme change on a slide --
 * "cancelled", "new", "now 14:30", "moved to Saal 2" -- drawn the same way
 * on agenda rows, countdowns, room slides and the board.
 */
#include "bb_scene_build.h"

#include <stdio.h>

#include "bb_changes.h"

#define BADGE_PAD_SHARE 0.35    /* inner padding left and right, of px */
#define BADGE_FRAME_SHARE 0.08  /* frame thickness, of px */
#define BADGE_MIN_FRAME_PX 2

int bb_scene_change_badge(bb_scene *s, const bb_talk *t, bb_instant now, SDL_Rect box, int px,
                          bb_align align)
{
    char text[BB_CHANGE_TEXT_BUF];
    unsigned mark = bb_talk_change_at(t, now);
    if (!mark || box.w <= 0 || box.h <= 0)
        return 0;
    bb_change_badge_text(t, mark, bb_scene_lang(s), s->cfg->display.clock_format, text,
                         sizeof text);
    if (!text[0])
        return 0;
    if (px < s->m.min_px)
        px = s->m.min_px;
    int pad = (int)(px * BADGE_PAD_SHARE);
    int frame = (int)(px * BADGE_FRAME_SHARE);
    if (frame < BADGE_MIN_FRAME_PX)
        frame = BADGE_MIN_FRAME_PX;
    bb_measurer m = bb_text_measurer(s->fonts, BB_WEIGHT_BOLD);
    bb_fit_params p = { .box_w = box.w - 2 * pad, .box_h = box.h, .max_px = px,
                        .min_px = s->m.min_px < px ? s->m.min_px : px, .max_lines = 1 };
    if (p.box_w <= 0)
        return 0;
    bb_layout *l = bb_layout_fit(text, &m, &p);
    if (!l)
        return -1;
    int tw = bb_layout_width(l), th = bb_layout_height(l);
    int bw = tw + 2 * pad;
    /* The frame holds the whole line box, centred on the row's line: a
     * script whose line box is taller than the row's Latin one (Arabic's
     * marks above and below) stands out a little rather than spilling out
     * of its frame. */
    int bh = th;
    int bx = align == BB_ALIGN_END ? box.x + box.w - bw : box.x;
    int by = box.y + (box.h - bh) / 2;
    const bb_palette *pal = &s->cfg->display.palette;
    SDL_Color panel = bb_scene_color(pal->panel), alert = bb_scene_color(pal->alert);
    /* The frame as an alert rectangle with the panel inside it (fills
     * draw in order): alert on panel keeps the 7:1 every text colour has
     * (bb_config checks it). */
    bb_scene_fill(s, (SDL_Rect){ bx, by, bw, bh }, alert);
    bb_scene_fill(s, (SDL_Rect){ bx + frame, by + frame, bw - 2 * frame, bh - 2 * frame }, panel);
    int rc = bb_scene_layout_item(s, l, BB_WEIGHT_BOLD, alert, BB_ALIGN_START, bx + pad, by, tw);
    bb_layout_destroy(l);
    if (rc < 0)
        return -1;
    if (s->n_badges < SCENE_MAX_BADGES)
        snprintf(s->badges[s->n_badges++], SCENE_BADGE_TEXT, "%s", text);
    return bw;
}
