/*
 * bb_slide_text: an announcement -- a heading, free paragraphs and an
 * optional QR code with its caption ("Wi-Fi: Lobby-Guest", "Lunch in the
 * atrium at 12:30", a link to the programme).
 *
 * The heading sits where every other slide's does, with the accent rule;
 * the paragraphs share one size, wrapping, and shrink no further than the
 * scene's minimum (then the last lines are shortened with an ellipsis and
 * --check says so).  The code goes to the right in landscape, under the
 * text in portrait.
 */
#include "bb_scene_build.h"

#include <string.h>

#define PARA_GAP_SHARE 0.6       /* space between paragraphs, of the text size */
#define RULE_SHARE 0.006         /* the accent rule under the heading, of u */
#define QR_COLUMN_SHARE 0.36     /* the code's column, of the box's width (landscape) */
#define QR_ROW_SHARE 0.42        /* the code's row, of the box's height (portrait) */

static int text_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_text_class = { .build = text_build };


int bb_scene_rule_heading(bb_scene *s, const char *title, SDL_Rect box, int *y)
{
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect hbox = { box.x, *y, box.w, box.h / 4 };
    int hh = bb_scene_text(s, title, BB_WEIGHT_BOLD, bb_scene_color(pal->heading),
                           BB_ALIGN_START, hbox, m->title_px, m->min_px, 2, true, NULL);
    if (hh < 0)
        return -1;
    *y += hh + m->gap / 2;
    int rule = m->u * RULE_SHARE < 3 ? 3 : (int)(m->u * RULE_SHARE);
    /* Right-to-left text on a left-to-right screen; a mirrored (RTL language)
     * scene is built left to right and flipped whole (bb_scene_create). */
    bool rtl = !s->mirror && bb_text_is_rtl(title, strlen(title));
    int rule_w = m->u / 8;
    bb_scene_fill(s, (SDL_Rect){ rtl ? box.x + box.w - rule_w : box.x, *y, rule_w, rule },
                  bb_scene_color(pal->accent));
    *y += rule + m->gap;
    return 0;
}

/* --- static functions --- */

static int text_build(bb_scene *s, const bb_frame_clock *clock)
{
    (void)clock;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    bool portrait = s->h > s->w;

    int y = box.y;
    if (sl->heading && bb_scene_rule_heading(s, sl->heading, box, &y) < 0)
        return -1;

    /* The code's place first: the paragraphs get what is left. */
    SDL_Rect text = { box.x, y, box.w, box.y + box.h - y };
    if (sl->qr_url) {
        SDL_Rect area, used;
        if (portrait) {
            int row = (int)(box.h * QR_ROW_SHARE);
            area = (SDL_Rect){ box.x, box.y + box.h - row, box.w, row };
            text.h -= row + m->gap;
        } else {
            int col = (int)(box.w * QR_COLUMN_SHARE);
            area = (SDL_Rect){ box.x + box.w - col, y, col, box.y + box.h - y };
            text.w -= col + m->gap;
        }
        scene_mark before = bb_scene_mark(s);
        if (bb_scene_qr(s, sl->qr_url, sl->qr_caption, area,
                        portrait ? BB_ALIGN_START : BB_ALIGN_CENTER, &used) < 0)
            return -1;
        /* Portrait: the code sits on the bottom margin, under the text. */
        if (portrait && used.h > 0)
            bb_scene_shift_since(s, before, area.y + area.h - used.y - used.h);
    }

    int n = sl->paragraphs.n;
    if (n == 0 || text.h <= 0 || text.w <= 0)
        return 0;
    if (n > BB_MAX_PARAGRAPHS)
        n = BB_MAX_PARAGRAPHS;
    bb_measurer meas = bb_text_measurer(s->fonts, BB_WEIGHT_REGULAR);
    bb_fit_params p = { .box_w = text.w, .box_h = text.h, .max_px = m->body_px,
                        .min_px = m->min_px, .block_gap = PARA_GAP_SHARE };
    bb_layout *blocks[BB_MAX_PARAGRAPHS] = { 0 };
    int px = bb_layout_fit_blocks((const char *const *)sl->paragraphs.v, n, &meas, &p, blocks);
    if (px < 0)
        return -1;
    int rc = 0;
    int ty = text.y;
    for (int i = 0; i < n; i++) {
        if (!bb_layout_fits(blocks[i]))
            bb_scene_note_overflow(s, sl->paragraphs.v[i]);
        int h = bb_scene_layout_item(s, blocks[i], BB_WEIGHT_REGULAR, bb_scene_color(pal->text),
                                     BB_ALIGN_START, text.x, ty, text.w);
        if (h < 0) {
            rc = -1;
            break;
        }
        ty += h + (int)(px * PARA_GAP_SHARE + 0.5);
    }
    for (int i = 0; i < n; i++)
        bb_layout_destroy(blocks[i]);
    return rc;
}
