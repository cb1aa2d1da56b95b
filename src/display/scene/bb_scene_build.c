/*
 * bb_scene_build: the helpers the per-type builders (bb_slide_*.c) share --
 * fitting and placing text, fills, live texts, moving groups of parts.
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <string.h>

#include "bb_i18n.h"
#include "bb_log.h"

int bb_scene_heading(bb_scene *s, const char *title, int reserve_right, SDL_Rect *box, int *y)
{
    *box = bb_scene_content_box(s);
    *y = box->y;
    SDL_Rect hbox = { box->x, *y, box->w - reserve_right, box->h / 5 };
    bb_text_role was = s->role;
    s->role = BB_ROLE_TITLE;
    int hh = bb_scene_text(s, title, BB_WEIGHT_BOLD, bb_scene_color(s->cfg->display.palette.heading),
                           BB_ALIGN_START, hbox, s->m.title_px, s->m.min_px, 1, false, NULL);
    s->role = was;
    if (hh < 0)
        return -1;
    *y += hh + s->m.gap;
    return 0;
}

SDL_Rect bb_scene_content_box(const bb_scene *s)
{
    const scene_metrics *m = &s->m;
    return (SDL_Rect){ m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
}

SDL_Color bb_scene_color(bb_rgb rgb)
{
    SDL_Color c = { (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255 };
    return c;
}

int bb_scene_layout_item(bb_scene *s, const bb_layout *layout, bb_weight weight,
                         SDL_Color color, bb_align align, int x, int y, int box_w)
{
    if (bb_layout_line_count(layout) == 0)
        return 0;
    if (s->n_items >= SCENE_MAX_ITEMS) {
        bb_log_once(BB_LOG_WARNING, "slide %d: too many text blocks; some are not drawn",
                    s->index + 1);
        return 0;
    }
    bb_text_style style = { weight, bb_layout_px(layout), color, align, BB_DIR_AUTO };
    int tw = 0, th = 0;
    /* A block whose paragraphs go both ways aligns its lines inside the
     * whole box; otherwise a tight texture saves memory (bb_text.h). */
    SDL_Texture *tex = NULL;
    if (s->layout_only) {
        /* Exactly the size bb_text_render_layout's picture would have. */
        tw = bb_layout_width(layout) > 0 ? bb_layout_width(layout) : 1;
        th = bb_layout_height(layout);
    } else {
        tex = bb_text_render_layout(s->renderer, s->fonts, layout, &style, 0, &tw, &th);
        if (!tex)
            return -1;
    }
    /* A mirrored scene places every block as if left to right; the
     * mirroring then puts its start on the right, whatever its script. */
    bool rtl = !s->mirror && bb_text_layout_is_rtl(layout, BB_DIR_AUTO);
    int tx = x + bb_text_align_x(align, rtl, box_w, tw);
    scene_item *it = &s->items[s->n_items++];
    it->tex = tex;
    it->dst = (SDL_Rect){ tx, y, tw, th };
    it->src = (SDL_Rect){ 0, 0, 0, 0 };
    it->px = bb_layout_px(layout);
    it->role = s->role;
    if (s->n_boxes < SCENE_MAX_BOXES)
        s->boxes[s->n_boxes++] = it->dst;
    return th;
}

int bb_scene_text(bb_scene *s, const char *text, bb_weight weight, SDL_Color color,
                  bb_align align, SDL_Rect box, int max_px, int min_px, int max_lines,
                  bool balance, int *px_out)
{
    if (!text || !*text || box.w <= 0)
        return 0;
    /* The floor wins over the caller's range: a text that needs less
     * wraps, then ellipsises, at the floor (and --check says so). */
    min_px = bb_floor_clamp(&s->m.floor, s->role, min_px);
    max_px = bb_floor_clamp(&s->m.floor, s->role, max_px);
    if (min_px > max_px)
        min_px = max_px;
    bb_measurer m = bb_text_measurer(s->fonts, weight);
    bb_fit_params p = { .box_w = box.w, .box_h = box.h, .max_px = max_px, .min_px = min_px,
                        .max_lines = max_lines };
    bb_layout *layout = bb_layout_fit(text, &m, &p);
    if (!layout)
        return -1;
    if (balance)
        bb_layout_balance(layout, text, &m, &p);
    else   /* no lone word on the last line where a better break exists */
        bb_layout_unstrand(layout, text, &m, &p);
    if (!bb_layout_fits(layout))
        bb_scene_note_overflow(s, text);
    if (px_out)
        *px_out = bb_layout_px(layout);
    bb_scene_note_text(s, text);
    int h = bb_scene_layout_item(s, layout, weight, color, align, box.x, box.y, box.w);
    bb_layout_destroy(layout);
    return h;
}

scene_mark bb_scene_mark(const bb_scene *s)
{
    return (scene_mark){ s->n_items, s->n_fills, s->n_live, s->n_boxes };
}

void bb_scene_shift_since(bb_scene *s, scene_mark from, int dy)
{
    bb_scene_shift_range(s, from, bb_scene_mark(s), dy);
}

void bb_scene_shift_range(bb_scene *s, scene_mark from, scene_mark to, int dy)
{
    for (int i = from.items; i < to.items; i++)
        s->items[i].dst.y += dy;
    for (int i = from.fills; i < to.fills; i++)
        s->fills[i].rect.y += dy;
    for (int i = from.live; i < to.live; i++)
        s->live[i].box.y += dy;
    for (int i = from.boxes; i < to.boxes; i++)
        s->boxes[i].y += dy;
}

void bb_scene_crop_last(bb_scene *s, int top, int bottom)
{
    if (s->n_items == 0)
        return;
    scene_item *it = &s->items[s->n_items - 1];
    int h = it->src.w > 0 ? it->src.h : it->dst.h;
    top = top < 0 ? 0 : top;
    bottom = bottom > h ? h : bottom;
    if (bottom <= top)
        return;
    it->src = (SDL_Rect){ 0, top, it->dst.w, bottom - top };
    it->dst.y += top;
    it->dst.h = bottom - top;
    /* The item's box is the last one added with it (bb_scene_layout_item). */
    if (s->n_boxes > 0 && s->boxes[s->n_boxes - 1].x == it->dst.x)
        s->boxes[s->n_boxes - 1] = it->dst;
}

int bb_scene_count_lines(bb_scene *s, bb_weight weight, const char *text, int px, int w,
                         int max_lines)
{
    bb_measurer m = bb_text_measurer(s->fonts, weight);
    bb_fit_params p = { .box_w = w, .max_px = px, .min_px = px, .max_lines = max_lines };
    bb_layout *l = bb_layout_fit(text, &m, &p);
    int n = l ? bb_layout_line_count(l) : 1;
    bb_layout_destroy(l);
    return n < 1 ? 1 : n > max_lines ? max_lines : n;
}

void bb_scene_fill(bb_scene *s, SDL_Rect rect, SDL_Color color)
{
    if (s->n_fills < SCENE_MAX_FILLS)
        s->fills[s->n_fills++] = (scene_fill){ rect, color };
}

scene_live *bb_scene_live_add(bb_scene *s, scene_live_kind kind, int talk, SDL_Rect box,
                              const bb_text_style *style, SDL_Color urgent)
{
    if (s->n_live >= SCENE_MAX_LIVE)
        return NULL;
    scene_live *l = &s->live[s->n_live++];
    memset(l, 0, sizeof *l);
    l->kind = kind;
    l->talk = talk;
    l->box = box;
    l->style = *style;
    l->normal = style->color;
    l->urgent = urgent;
    l->state = BB_STATE_TBA;
    l->box_index = -1;
    if (s->n_boxes < SCENE_MAX_BOXES) {
        l->box_index = s->n_boxes;
        s->boxes[s->n_boxes++] = box;
    }
    return l;
}

SDL_Rect bb_scene_live_rect(const scene_live *l)
{
    int w = 0, h = 0;
    if (l->digits && bb_digits_has(l->digits, l->text)) {
        w = bb_digits_width(l->digits, l->text);
        h = bb_digits_height(l->digits);
    } else if (l->tex || l->tex_w > 0) {   /* laid out only: no texture, its size */
        w = l->tex_w;
        h = l->tex_h;
    }
    if (w <= 0)
        return (SDL_Rect){ l->box.x, l->box.y, 0, 0 };
    return (SDL_Rect){ l->box.x + bb_text_align_x(l->style.align, false, l->box.w, w), l->box.y,
                       w, h };
}

void bb_scene_note_text(bb_scene *s, const char *text)
{
    if (s->n_texts < SCENE_MAX_ITEMS)
        s->texts[s->n_texts++] = strdup(text);   /* NULL when out of memory: tests only */
}

void bb_scene_note_overflow(bb_scene *s, const char *what)
{
    if (s->overflow)
        return;
    s->overflow = true;
    /* Quote the start of the text so the author finds it: up to 40 bytes,
     * cut at a character boundary (half a character in a log line is
     * invalid UTF-8). */
    int n = 40;
    if (strlen(what) > 40)
        while (n > 0 && ((unsigned char)what[n] & 0xC0) == 0x80)
            n--;
    snprintf(s->overflow_what, sizeof s->overflow_what, "\"%.*s%s\"", n, what,
             strlen(what) > 40 ? "…" : "");
}

int bb_scene_format_local(const bb_scene *s, bb_instant t, const bb_tz *tz, bool with_date,
                          char *buf, size_t len)
{
    bb_civil c;
    int off = bb_tz_to_civil(tz, t, &c);
    const char *lang = bb_scene_lang(s);
    char hm[48];
    bb_fmt_time(lang, s->cfg->display.clock_format, c.hour, c.minute, hm, sizeof hm);
    if (with_date) {
        char day[64];
        bb_fmt_date(lang, &c, BB_DATE_SHORT, day, sizeof day);
        snprintf(buf, len, "%s %s", day, hm);
    } else {
        snprintf(buf, len, "%s", hm);
    }
    return off;
}

const char *bb_scene_lang(const bb_scene *s)
{
    return bb_config_lang(s->cfg, s->slide);
}

const char *bb_scene_tr(const bb_scene *s, const char *msgid)
{
    return bb_tr(bb_scene_lang(s), msgid);
}

int bb_scene_line_h(bb_scene *s, bb_weight weight, int px)
{
    /* Rows are planned before their texts are known: the words every row
     * of this language may carry (a day heading, an afternoon and an
     * evening time with their day-period letters) stand for them. */
    const char *lang = bb_scene_lang(s);
    char noon[48], night[48], sample[256];
    bb_fmt_time(lang, s->cfg->display.clock_format, 12, 0, noon, sizeof noon);
    bb_fmt_time(lang, s->cfg->display.clock_format, 23, 0, night, sizeof night);
    snprintf(sample, sizeof sample, "Ag %s %s %s", bb_scene_tr(s, "Today"), noon, night);
    int h = 0;
    bb_text_line_box(s->fonts, weight, px, sample, strlen(sample), NULL, &h);
    int adv = (int)(px * BB_LINE_HEIGHT_DEFAULT + 0.5);
    return h > adv ? h : adv;
}
