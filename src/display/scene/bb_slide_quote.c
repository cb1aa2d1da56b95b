/*
 * bb_slide_quote: a quote in large type, its original wording (`original`)
 * smaller beneath, and the attribution.  The quotation marks are the
 * slide's language's; a right-to-left quote hangs its mark on the right.
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_fonts.h"
#include "bb_i18n.h"

#define MARK_BUF 8
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
    SDL_Rect box = bb_scene_content_box(s);
    const char *lang = bb_config_lang(s->cfg, sl);
    char open[MARK_BUF], close[MARK_BUF];
    bb_quotes(lang, open, sizeof open, close, sizeof close);
    /* The emblem is a high mark: German's low opening mark („) would sit
     * on the baseline, so its high closing one (“) stands in. */
    const char *emblem = strcmp(open, "\u201e") == 0 || strcmp(open, "\u201a") == 0 ? close : open;
    /* A right-to-left quote on a left-to-right screen starts on the right
     * (its lines do so by themselves): its mark goes there too.  On a
     * right-to-left screen the whole slide is mirrored (bb_scene_create). */
    bool rtl = !bb_i18n_rtl(lang) && bb_text_is_rtl(sl->quote, strlen(sl->quote));
    bb_align start = BB_ALIGN_START;

    /* The big opening mark hangs in the start margin as the slide's emblem. */
    int mark_px = (int)(m->title_px * 2.2);
    SDL_Rect mbox = { rtl ? box.x + box.w - mark_px * 2 : box.x, box.y - mark_px / 5,
                      mark_px * 2, mark_px * 3 / 2 };
    if (bb_scene_text(s, emblem, BB_WEIGHT_BOLD, bb_scene_color(pal->accent),
                      rtl ? BB_ALIGN_END : BB_ALIGN_START, mbox,
                      mark_px, mark_px, 1, false, NULL) < 0)
        return -1;
    /* Its line box is mostly empty (the mark sits at cap height): keep
     * only the rows around the ink, so its box says where it really is. */
    int asc = 0, cap = bb_fonts_cap_height(s->fonts, BB_WEIGHT_BOLD, mark_px);
    if (cap > 0 && bb_text_line_box(s->fonts, BB_WEIGHT_BOLD, mark_px, emblem, strlen(emblem),
                                    &asc, NULL) == 0)
        bb_scene_crop_last(s, asc - (int)(cap * MARK_INK_TOP), asc - (int)(cap * MARK_INK_BOTTOM));
    int y = box.y + mark_px * 3 / 4;

    int bottom = box.y + box.h;
    scene_mark lower = bb_scene_mark(s);   /* attribution and original */
    if (sl->attribution) {
        int line_h = (int)(m->body_px * 1.35 * 2);
        char attr[600];
        snprintf(attr, sizeof attr, "\xE2\x80\x94 %s", sl->attribution);
        SDL_Rect abox = { box.x, bottom - line_h, box.w, line_h };
        int ah = bb_scene_text(s, attr, BB_WEIGHT_BOLD, bb_scene_color(pal->accent),
                               start, abox, (int)(m->body_px * 0.9), m->min_px, 2, false,
                               NULL);
        if (ah < 0)
            return -1;
        /* The attribution sits on the bottom margin, whatever its height. */
        s->items[s->n_items - 1].dst.y = bottom - ah;
        s->boxes[s->n_boxes - 1].y = bottom - ah;
        bottom -= ah + m->gap;
    }
    if (sl->original) {
        /* Not balanced: the original is a secondary line, and balancing
         * it on three allowed lines drew it at half the width. */
        int th_max = (bottom - y) / 3;
        SDL_Rect tbox = { box.x, bottom - th_max, box.w, th_max };
        int th = bb_scene_text(s, sl->original, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted),
                               start, tbox, m->body_px, m->min_px, 3, false, NULL);
        if (th < 0)
            return -1;
        s->items[s->n_items - 1].dst.y = bottom - th;
        s->boxes[s->n_boxes - 1].y = bottom - th;
        bottom -= th + m->gap;
    }
    scene_mark upper = bb_scene_mark(s);   /* the quote itself */
    /* The closing mark after the text (the opening one is the emblem);
     * none around the original. */
    size_t n = strlen(sl->quote) + MARK_BUF;
    char *q = malloc(n);
    if (!q)
        return -1;
    snprintf(q, n, "%s%s", sl->quote, close);
    SDL_Rect qbox = { box.x, y, box.w, bottom - y };
    int qh = bb_scene_text(s, q, BB_WEIGHT_BOLD, bb_scene_color(pal->heading), start, qbox,
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
