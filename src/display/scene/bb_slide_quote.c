/*
 * bb_slide_quote: a quote in large type, its original wording (translation)
 * smaller beneath, and the attribution.
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_fonts.h"

#define QUOTE_MARK "\xE2\x80\x9C"   /* U+201C LEFT DOUBLE QUOTATION MARK */
/* The mark's ink, in cap heights above the baseline, with room for faces
 * that draw it a little higher or lower. */
#define MARK_INK_TOP 1.2
#define MARK_INK_BOTTOM 0.2
/* Of the space between a quote and its attribution, the share the quote
 * moves down; the attribution moves up by the rest. */
#define HOLE_DOWN_SHARE 0.45

static int quote_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_quote_class = { .build = quote_build };

static int quote_build(bb_scene *s, const bb_frame_clock *clock)
{
    (void)clock;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };

    /* The big opening mark hangs in the left margin as the slide's emblem. */
    int mark_px = (int)(m->title_px * 2.2);
    SDL_Rect mbox = { box.x, box.y - mark_px / 5, mark_px * 2, mark_px * 3 / 2 };
    if (bb_scene_text(s, QUOTE_MARK, BB_WEIGHT_BOLD, bb_scene_color(pal->accent),
                      BB_ALIGN_START, mbox, mark_px, mark_px, 1, false, NULL) < 0)
        return -1;
    /* Its line box is mostly empty (the mark sits at cap height): keep
     * only the rows around the ink, so its box says where it really is. */
    int asc = 0, cap = bb_fonts_cap_height(s->fonts, BB_WEIGHT_BOLD, mark_px);
    if (cap > 0 && bb_text_line_box(s->fonts, BB_WEIGHT_BOLD, mark_px, QUOTE_MARK,
                                    strlen(QUOTE_MARK), &asc, NULL) == 0)
        bb_scene_crop_last(s, asc - (int)(cap * MARK_INK_TOP), asc - (int)(cap * MARK_INK_BOTTOM));
    int y = box.y + mark_px * 3 / 4;

    int bottom = box.y + box.h;
    scene_mark lower = bb_scene_mark(s);   /* attribution and translation */
    if (sl->attribution) {
        int line_h = (int)(m->body_px * 1.35 * 2);
        char attr[600];
        snprintf(attr, sizeof attr, "\xE2\x80\x94 %s", sl->attribution);
        SDL_Rect abox = { box.x, bottom - line_h, box.w, line_h };
        int ah = bb_scene_text(s, attr, BB_WEIGHT_BOLD, bb_scene_color(pal->accent),
                               BB_ALIGN_START, abox, (int)(m->body_px * 0.9), m->min_px, 2, false,
                               NULL);
        if (ah < 0)
            return -1;
        /* The attribution sits on the bottom margin, whatever its height. */
        s->items[s->n_items - 1].dst.y = bottom - ah;
        s->boxes[s->n_boxes - 1].y = bottom - ah;
        bottom -= ah + m->gap;
    }
    if (sl->translation) {
        int th_max = (bottom - y) / 3;
        SDL_Rect tbox = { box.x, bottom - th_max, box.w, th_max };
        int th = bb_scene_text(s, sl->translation, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted),
                               BB_ALIGN_START, tbox, m->body_px, m->min_px, 3, true, NULL);
        if (th < 0)
            return -1;
        s->items[s->n_items - 1].dst.y = bottom - th;
        s->boxes[s->n_boxes - 1].y = bottom - th;
        bottom -= th + m->gap;
    }
    scene_mark upper = bb_scene_mark(s);   /* the quote itself */
    /* Typographic quotes around the text, not around a translation. */
    size_t n = strlen(sl->quote) + 8;
    char *q = malloc(n);
    if (!q)
        return -1;
    snprintf(q, n, "%s\xE2\x80\x9D", sl->quote);
    SDL_Rect qbox = { box.x, y, box.w, bottom - y };
    int qh = bb_scene_text(s, q, BB_WEIGHT_BOLD, bb_scene_color(pal->heading), BB_ALIGN_START, qbox,
                           (int)(m->title_px * 1.15), m->min_px, 0, true, NULL);
    free(q);
    if (qh < 0)
        return -1;
    /* A short quote on a tall screen would leave a hole between it and
     * its attribution: close it from both sides, so the slide reads as one
     * block a little above the centre. */
    int hole = bottom - (y + qh) - m->gap / 2;
    if (upper.items > lower.items && hole > m->gap) {
        int down = (int)(hole * HOLE_DOWN_SHARE);
        bb_scene_shift_range(s, (scene_mark){ 0, 0, 0, 0 }, lower, down);
        bb_scene_shift_since(s, upper, down);
        bb_scene_shift_range(s, lower, upper, -(hole - down));
    }
    return 0;
}
