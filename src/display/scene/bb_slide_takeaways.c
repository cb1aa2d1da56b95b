/*
 * bb_slide_takeaways: a heading, 1-8 bullets at one shared size, and a
 * source line ("Institute for the Study of War · 22 February 2025").
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <string.h>

#include "bb_fonts.h"
#include "bb_i18n.h"

/* The bullet is a square of this share of the text size, hung in the margin. */
#define BULLET_SHARE 0.32
#define BULLET_INDENT_SHARE 1.1   /* text starts this many ems right of the margin */
#define BLOCK_GAP_SHARE 0.55      /* space between bullets, of the text size */
#define RULE_SHARE 0.006          /* the accent rule under the heading, of u */
/* On a portrait screen the block would leave the lower half empty: it sits
 * this share of the leftover height down (a little above centre). */
#define PORTRAIT_DROP_SHARE 0.45


static int takeaways_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_takeaways_class = { .build = takeaways_build };

static int takeaways_build(bb_scene *s, const bb_frame_clock *clock)
{
    (void)clock;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = bb_scene_content_box(s);

    /* Source line first, from the bottom, so the bullets get what is left. */
    char source[512] = "", date[64] = "";
    if (sl->has_date)   /* "22 February 2025", "22. Februar 2025", "2025年2月22日" */
        bb_fmt_date(bb_scene_lang(s), &sl->date, BB_DATE_FULL, date, sizeof date);
    if (sl->source && sl->has_date)
        snprintf(source, sizeof source, "%s · %s", sl->source, date);
    else if (sl->source)
        snprintf(source, sizeof source, "%s", sl->source);
    else if (sl->has_date)
        snprintf(source, sizeof source, "%s", date);
    int bottom = box.y + box.h;
    if (*source) {
        int line_h = (int)(m->small_px * 1.3);
        /* Its right end is kept for the page indicator, should it page. */
        SDL_Rect sbox = { box.x, bottom - line_h, box.w - bb_scene_page_indicator_width(s),
                          line_h };
        if (bb_scene_text(s, source, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted), BB_ALIGN_START,
                          sbox, m->small_px, m->min_px, 1, false, NULL) < 0)
            return -1;
        bottom -= line_h + m->gap;
    }

    int y = box.y;
    scene_mark start = bb_scene_mark(s);
    if (sl->heading) {
        SDL_Rect hbox = { box.x, y, box.w, (box.h) / 4 };
        int hh = bb_scene_text(s, sl->heading, BB_WEIGHT_BOLD, bb_scene_color(pal->heading),
                               BB_ALIGN_START, hbox, m->title_px, m->min_px, 2, true, NULL);
        if (hh < 0)
            return -1;
        y += hh + m->gap / 2;
        int rule = m->u * RULE_SHARE < 3 ? 3 : (int)(m->u * RULE_SHARE);
        /* The rule starts where the heading does: on the right for Arabic. */
        bool rtl = !s->mirror && bb_text_is_rtl(sl->heading, strlen(sl->heading));
        int rule_w = m->u / 8;
        bb_scene_fill(s, (SDL_Rect){ rtl ? box.x + box.w - rule_w : box.x, y, rule_w, rule },
                      bb_scene_color(pal->accent));
        y += rule + m->gap;
    }

    int n = sl->items.n;
    if (n == 0)
        return 0;
    int indent = (int)(m->body_px * BULLET_INDENT_SHARE);
    bb_measurer meas = bb_text_measurer(s->fonts, BB_WEIGHT_REGULAR);
    bb_fit_params p = { .box_w = box.w - indent, .box_h = bottom - y, .max_px = m->body_px,
                        .min_px = m->min_px, .block_gap = BLOCK_GAP_SHARE };
    bb_layout *blocks[BB_MAX_TAKEAWAY_ITEMS] = { 0 };
    if (n > BB_MAX_TAKEAWAY_ITEMS)
        n = BB_MAX_TAKEAWAY_ITEMS;
    const char *const *items = (const char *const *)sl->items.v;
    int px = bb_layout_fit_blocks(items, n, &meas, &p, blocks);
    if (px < 0)
        return -1;
    bool all_fit = true;
    for (int i = 0; i < n; i++)
        all_fit = all_fit && bb_layout_fits(blocks[i]);
    if (!all_fit && n > 1) {
        /* More than one page's worth: page at one size for every page
         * (half-way between the body and the minimum size), never smaller. */
        for (int i = 0; i < n; i++) {
            bb_layout_destroy(blocks[i]);
            blocks[i] = NULL;
        }
        int page_px = (m->body_px + m->min_px) / 2;
        int heights[BB_MAX_TAKEAWAY_ITEMS];
        for (int i = 0; i < n; i++) {
            bb_layout *l = bb_layout_at(items[i], &meas, &p, page_px);
            if (!l)
                return -1;
            heights[i] = bb_layout_height(l);
            bb_layout_destroy(l);
        }
        int first = 0, count = 0;
        int line_h = (int)(m->small_px * 1.3);
        if (!*source)
            bottom -= line_h + m->gap;   /* room for the indicator */
        bb_scene_paginate(s, heights, NULL, n, 0, (int)(page_px * BLOCK_GAP_SHARE + 0.5),
                          bottom - y, 0, &first, &count);
        bb_fit_params fixed = p;
        fixed.min_px = fixed.max_px = page_px;
        items += first;
        n = count;
        px = bb_layout_fit_blocks(items, n, &meas, &fixed, blocks);
        if (px < 0)
            return -1;
        /* The indicator on the source line, at its right end. */
        if (bb_scene_page_indicator(s, (SDL_Rect){ box.x, box.y + box.h - line_h, box.w,
                                                   line_h }) < 0)
            return -1;
    }
    /* Indent from the bullet scales with the size actually chosen. */
    int rc = 0;
    int x_height = bb_fonts_x_height(s->fonts, BB_WEIGHT_REGULAR, px);
    for (int i = 0; i < n; i++) {
        if (!bb_layout_fits(blocks[i]))
            bb_scene_note_overflow(s, items[i]);
        /* Right-to-left text on a left-to-right screen; a mirrored (RTL language)
         * scene is built left to right and flipped whole (bb_scene_create). */
        bool rtl = !s->mirror && bb_text_layout_is_rtl(blocks[i], BB_DIR_AUTO);
        int dot = (int)(px * BULLET_SHARE);
        /* Centre the bullet on the first line's x-height, where the eye
         * reads the line, not on its box (which has room for accents). */
        int base = bb_text_layout_baseline(s->fonts, blocks[i], BB_WEIGHT_REGULAR);
        int mid = base > 0 && x_height > 0 ? base - x_height / 2
                                           : (int)(bb_layout_line_box(blocks[i]) * 0.56);
        int dot_x = rtl ? box.x + box.w - dot : box.x;
        int text_x = rtl ? box.x : box.x + indent;
        bb_scene_fill(s, (SDL_Rect){ dot_x, y + mid - dot / 2, dot, dot },
                      bb_scene_color(pal->accent));
        int h = bb_scene_layout_item(s, blocks[i], BB_WEIGHT_REGULAR, bb_scene_color(pal->text),
                                     BB_ALIGN_START, text_x, y, box.w - indent);
        if (h < 0) {
            rc = -1;
            break;
        }
        y += h + (int)(px * BLOCK_GAP_SHARE + 0.5);
    }
    for (int i = 0; i < n; i++)
        bb_layout_destroy(blocks[i]);
    y -= (int)(px * BLOCK_GAP_SHARE + 0.5);
    if (rc == 0 && s->h > s->w && bottom > y)
        bb_scene_shift_since(s, start, (int)((bottom - y) * PORTRAIT_DROP_SHARE));
    return rc;
}
