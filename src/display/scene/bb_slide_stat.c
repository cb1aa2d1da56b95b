/*
 * bb_slide_stat: one big figure, its caption and its source, centred.
 */
#include "bb_scene_build.h"

#include <string.h>

#include "bb_fonts.h"

/* The figure may take this share of the area's height and u. */
#define FIGURE_HEIGHT_SHARE 0.40
#define FIGURE_MAX_SHARE 0.30

static int stat_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_stat_class = { .build = stat_build };

static int stat_build(bb_scene *s, const bb_frame_clock *clock)
{
    (void)clock;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };

    int bottom = box.y + box.h;
    if (sl->source) {
        int line_h = (int)(m->small_px * 1.3);
        SDL_Rect sbox = { box.x, bottom - line_h, box.w, line_h };
        if (bb_scene_text(s, sl->source, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted),
                          BB_ALIGN_CENTER, sbox, m->small_px, m->min_px, 1, false, NULL) < 0)
            return -1;
        bottom -= line_h + m->gap;
    }

    /* Lay out figure and caption first at the top, then shift the pair to
     * the optical centre of what is left: measure, then place. */
    int figure_max = (int)(m->u * FIGURE_MAX_SHARE);
    scene_mark start = bb_scene_mark(s);
    int y = 0;
    SDL_Rect fbox = { box.x, y, box.w, (int)(box.h * FIGURE_HEIGHT_SHARE) };
    int fpx = 0;
    int fh = bb_scene_text(s, sl->figure, BB_WEIGHT_BOLD, bb_scene_color(pal->accent),
                           BB_ALIGN_CENTER, fbox, figure_max, m->title_px, 1, false, &fpx);
    if (fh < 0)
        return -1;
    /* The figure's line box has room above its digits for accents: the
     * eye sees the group start at the cap height, so centre from there. */
    int ink_top = 0, asc = 0, cap = fh > 0 ? bb_fonts_cap_height(s->fonts, BB_WEIGHT_BOLD, fpx) : 0;
    if (cap > 0 && bb_text_line_box(s->fonts, BB_WEIGHT_BOLD, fpx, sl->figure, strlen(sl->figure),
                                    &asc, NULL) == 0 && asc > cap)
        ink_top = asc - cap;
    y += fh + m->gap;
    int rule_w = m->u / 10, rule_h = m->u / 160 < 3 ? 3 : m->u / 160;
    bb_scene_fill(s, (SDL_Rect){ box.x + (box.w - rule_w) / 2, y, rule_w, rule_h },
                  bb_scene_color(pal->muted));
    y += rule_h + m->gap;
    /* Captions read better in a measure of ~40 em than across the screen. */
    int cap_w = box.w > m->body_px * 28 ? m->body_px * 28 : box.w;
    SDL_Rect cbox = { box.x + (box.w - cap_w) / 2, y, cap_w, bottom - box.y - y };
    int ch = bb_scene_text(s, sl->caption, BB_WEIGHT_REGULAR, bb_scene_color(pal->text),
                           BB_ALIGN_CENTER, cbox, (int)(m->body_px * 1.1), m->min_px, 4, true,
                           NULL);
    if (ch < 0)
        return -1;
    y += ch;

    int dy = box.y + (bottom - box.y - (y - ink_top)) * 9 / 20 - ink_top; /* above centre */
    if (dy < box.y - ink_top)
        dy = box.y - ink_top;
    if (dy < 0)
        dy = 0;
    bb_scene_shift_since(s, start, dy);
    return 0;
}
