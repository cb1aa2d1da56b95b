/*
 * bb_scene_core: creating, updating and drawing scenes; the helpers the
 * per-type builders (bb_slide_*.c) share.
 */
#include "bb_scene_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_i18n.h"
#include "bb_log.h"

/* Type scale, as fractions of the area's shorter side.  Chosen so that the
 * smallest text is still readable from five metres on a 50" screen
 * (about 2 cm cap height at 1080 lines). */
#define SCALE_MIN 0.030
#define SCALE_TITLE 0.085
#define SCALE_BODY 0.056
#define SCALE_SMALL 0.036
#define SCALE_PAD 0.075
#define SCALE_GAP 0.035
/* A text never gets smaller than this, whatever the screen. */
#define ABSOLUTE_MIN_PX 12

static void scene_metrics_init(scene_metrics *m, int w, int h);
static bool live_refresh(bb_scene *s, scene_live *l, const bb_frame_clock *clock);
static void live_text_for(const bb_scene *s, const scene_live *l, const bb_frame_clock *clock,
                          char *buf, size_t len, bb_talk_state *state);
static bool state_is_urgent(bb_talk_state state);
static void scene_mirror(bb_scene *s);

bb_scene *bb_scene_create(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                          int index, int w, int h, const bb_frame_clock *clock)
{
    if (index < BB_SCENE_IDLE || index >= cfg->n_slides || w <= 0 || h <= 0) {
        SDL_SetError("no slide %d to lay out in %dx%d", index + 1, w, h);
        return NULL;
    }
    bb_scene *s = calloc(1, sizeof *s);
    if (!s) {
        SDL_OutOfMemory();
        return NULL;
    }
    s->renderer = renderer;
    s->fonts = fonts;
    s->cfg = cfg;
    s->slide = index == BB_SCENE_IDLE ? NULL : &cfg->slides[index];
    s->index = index;
    s->w = w;
    s->h = h;
    scene_metrics_init(&s->m, w, h);
    s->mirror = bb_i18n_rtl(bb_scene_lang(s));

    int rc = -1;
    switch (s->slide ? s->slide->type : BB_SLIDE_TYPE_COUNT) {
    case BB_SLIDE_TAKEAWAYS: rc = bb_slide_build_takeaways(s); break;
    case BB_SLIDE_STAT: rc = bb_slide_build_stat(s); break;
    case BB_SLIDE_QUOTE: rc = bb_slide_build_quote(s); break;
    case BB_SLIDE_COUNTDOWN: rc = bb_slide_build_countdown(s, clock); break;
    case BB_SLIDE_AGENDA: rc = bb_slide_build_agenda(s, clock); break;
    case BB_SLIDE_IMAGE: rc = bb_slide_build_image(s); break;
    case BB_SLIDE_ROOM: rc = bb_slide_build_room(s, clock); break;
    case BB_SLIDE_TYPE_COUNT: rc = bb_slide_build_idle(s, clock); break;
    }
    if (rc < 0)
        goto fail;
    if (s->mirror)
        scene_mirror(s);
    bb_scene_update(s, clock, NULL);
    if (s->overflow && s->slide)
        bb_log_once(BB_LOG_WARNING, "%s:%d: %s slide: %s does not fit at %dx%d; shortened with \"…\"",
                    s->slide->src.file ? s->slide->src.file : "", s->slide->src.line,
                    bb_slide_type_name(s->slide->type), s->overflow_what, w, h);
    return s;
fail:
    bb_scene_destroy(s);
    return NULL;
}

void bb_scene_destroy(bb_scene *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n_items; i++)
        if (s->items[i].tex)
            SDL_DestroyTexture(s->items[i].tex);
    for (int i = 0; i < s->n_live; i++) {
        if (s->live[i].tex)
            SDL_DestroyTexture(s->live[i].tex);
        bb_digits_destroy(s->live[i].digits);
    }
    for (int i = 0; i < s->n_texts; i++)
        free(s->texts[i]);
    free(s);
}

bool bb_scene_update(bb_scene *s, const bb_frame_clock *clock, SDL_Rect *dirty)
{
    SDL_Rect area = { 0, 0, 0, 0 };
    bool changed = false;
    for (int i = 0; i < s->n_live; i++) {
        /* Where the old text was and where the new one is: a small part of
         * its reserved box (which spans the slide for a big countdown). */
        SDL_Rect before = bb_scene_live_rect(&s->live[i]), after, both;
        if (!live_refresh(s, &s->live[i], clock))
            continue;
        after = bb_scene_live_rect(&s->live[i]);
        if (before.w > 0 && after.w > 0)
            SDL_UnionRect(&before, &after, &both);
        else
            both = before.w > 0 ? before : after;
        if (both.w <= 0)
            continue;
        if (changed)
            SDL_UnionRect(&area, &both, &area);
        else
            area = both;
        changed = true;
    }
    if (changed && dirty)
        *dirty = area;
    return changed;
}

SDL_Rect bb_scene_bounds(const bb_scene *s)
{
    SDL_Rect all = { 0, 0, 0, 0 };
    for (int i = 0; i < s->n_fills; i++)
        SDL_UnionRect(&all, &s->fills[i].rect, &all);
    for (int i = 0; i < s->n_items; i++)
        SDL_UnionRect(&all, &s->items[i].dst, &all);
    for (int i = 0; i < s->n_live; i++) {
        SDL_Rect at = bb_scene_live_rect(&s->live[i]);
        SDL_UnionRect(&all, &s->live[i].box, &all);
        SDL_UnionRect(&all, &at, &all);
    }
    return all;
}

int bb_scene_parts(const bb_scene *s, SDL_Rect *out, int max)
{
    int n = 0;
    for (int i = 0; i < s->n_fills; i++, n++)
        if (n < max)
            out[n] = s->fills[i].rect;
    for (int i = 0; i < s->n_items; i++, n++)
        if (n < max)
            out[n] = s->items[i].dst;
    for (int i = 0; i < s->n_live; i++, n++)
        if (n < max)
            out[n] = bb_scene_live_rect(&s->live[i]);
    return n;
}

void bb_scene_draw(const bb_scene *s, SDL_Renderer *r, int x, int y, Uint8 alpha)
{
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    for (int i = 0; i < s->n_fills; i++) {
        const scene_fill *f = &s->fills[i];
        SDL_Rect rect = { f->rect.x + x, f->rect.y + y, f->rect.w, f->rect.h };
        SDL_SetRenderDrawColor(r, f->color.r, f->color.g, f->color.b,
                               (Uint8)(f->color.a * alpha / 255));
        SDL_RenderFillRect(r, &rect);
    }
    for (int i = 0; i < s->n_items; i++) {
        const scene_item *it = &s->items[i];
        SDL_Rect dst = { it->dst.x + x, it->dst.y + y, it->dst.w, it->dst.h };
        SDL_SetTextureAlphaMod(it->tex, alpha);
        SDL_RenderCopy(r, it->tex, it->src.w > 0 ? &it->src : NULL, &dst);
    }
    for (int i = 0; i < s->n_live; i++) {
        const scene_live *l = &s->live[i];
        SDL_Color c = state_is_urgent(l->state) ? l->urgent : l->normal;
        c.a = (Uint8)(c.a * alpha / 255);
        SDL_Rect at = bb_scene_live_rect(l);
        if (at.w <= 0)
            continue;
        if (l->digits && bb_digits_has(l->digits, l->text)) {
            bb_digits_draw(l->digits, r, l->text, at.x + x, at.y + y, c);
        } else {
            SDL_Rect dst = { at.x + x, at.y + y, at.w, at.h };
            SDL_SetTextureColorMod(l->tex, c.r, c.g, c.b);
            SDL_SetTextureAlphaMod(l->tex, c.a);
            SDL_RenderCopy(r, l->tex, NULL, &dst);
        }
    }
}

int bb_scene_ms_until_change(const bb_scene *s, int ms_to_next_second)
{
    if (s->n_live == 0)
        return -1;
    /* Relative texts ("in 3 h 12 min") change on minute boundaries, but a
     * talk going live or ending can happen at any second: checking once a
     * second is cheap (no redraw unless a text changed). */
    return ms_to_next_second;
}

/* ---- helpers for builders ---- */

int bb_scene_heading(bb_scene *s, const char *title, SDL_Rect box, int *y)
{
    SDL_Rect hbox = { box.x, *y, box.w, box.h / 5 };
    int hh = bb_scene_text(s, title, BB_WEIGHT_BOLD, bb_scene_color(s->cfg->display.palette.heading),
                           BB_ALIGN_START, hbox, s->m.title_px, s->m.min_px, 1, false, NULL);
    if (hh < 0)
        return -1;
    *y += hh + s->m.gap;
    return 0;
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
    SDL_Texture *tex = bb_text_render_layout(s->renderer, s->fonts, layout, &style, 0, &tw, &th);
    if (!tex)
        return -1;
    /* A mirrored scene places every block as if left to right; the
     * mirroring then puts its start on the right, whatever its script. */
    bool rtl = !s->mirror && bb_text_layout_is_rtl(layout, BB_DIR_AUTO);
    int tx = x + bb_text_align_x(align, rtl, box_w, tw);
    scene_item *it = &s->items[s->n_items++];
    it->tex = tex;
    it->dst = (SDL_Rect){ tx, y, tw, th };
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
    if (s->n_texts < SCENE_MAX_ITEMS)
        s->texts[s->n_texts++] = strdup(text);   /* NULL when out of memory: tests only */
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
    } else if (l->tex) {
        w = l->tex_w;
        h = l->tex_h;
    }
    if (w <= 0)
        return (SDL_Rect){ l->box.x, l->box.y, 0, 0 };
    return (SDL_Rect){ l->box.x + bb_text_align_x(l->style.align, false, l->box.w, w), l->box.y,
                       w, h };
}

void bb_scene_note_overflow(bb_scene *s, const char *what)
{
    if (s->overflow)
        return;
    s->overflow = true;
    /* Quote the start of the text so the author finds it. */
    snprintf(s->overflow_what, sizeof s->overflow_what, "\"%.40s%s\"", what,
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

/* ---- static ---- */

/* Right-to-left screens: every part moves to the other side of the area,
 * and live texts swap start and end (their position is worked out per
 * frame from their box and alignment). */
static void scene_mirror(bb_scene *s)
{
    for (int i = 0; i < s->n_items; i++)
        s->items[i].dst.x = s->w - s->items[i].dst.x - s->items[i].dst.w;
    for (int i = 0; i < s->n_fills; i++)
        s->fills[i].rect.x = s->w - s->fills[i].rect.x - s->fills[i].rect.w;
    for (int i = 0; i < s->n_boxes; i++)
        s->boxes[i].x = s->w - s->boxes[i].x - s->boxes[i].w;
    for (int i = 0; i < s->n_live; i++) {
        scene_live *l = &s->live[i];
        l->box.x = s->w - l->box.x - l->box.w;
        if (l->style.align != BB_ALIGN_CENTER)
            l->style.align = l->style.align == BB_ALIGN_START ? BB_ALIGN_END : BB_ALIGN_START;
    }
}

static int scaled(int u, double share, int floor_px)
{
    int px = (int)(u * share + 0.5);
    return px < floor_px ? floor_px : px;
}

static void scene_metrics_init(scene_metrics *m, int w, int h)
{
    m->u = w < h ? w : h;
    m->min_px = scaled(m->u, SCALE_MIN, ABSOLUTE_MIN_PX);
    m->title_px = scaled(m->u, SCALE_TITLE, m->min_px);
    m->body_px = scaled(m->u, SCALE_BODY, m->min_px);
    m->small_px = scaled(m->u, SCALE_SMALL, m->min_px);
    m->pad_y = scaled(m->u, SCALE_PAD, 4);
    /* Wide screens get proportionally wider side margins: lines of 60-70
     * characters read better than lines across a whole 16:9 screen. */
    m->pad_x = w > h ? scaled(w, SCALE_PAD, 4) : m->pad_y;
    m->gap = scaled(m->u, SCALE_GAP, 4);
}

static bool state_is_urgent(bb_talk_state state)
{
    return state == BB_STATE_IMMINENT || state == BB_STATE_LIVE || state == BB_STATE_CANCELLED;
}

static void live_text_for(const bb_scene *s, const scene_live *l, const bb_frame_clock *clock,
                          char *buf, size_t len, bb_talk_state *state)
{
    const bb_talk *talk = &s->cfg->talks[l->talk];
    const bb_timing_settings *timing = &s->cfg->timing;
    const char *lang = bb_scene_lang(s);
    *state = bb_talk_state_at(talk, timing, clock->wall, clock->synced);
    switch (l->kind) {
    case LIVE_COUNTDOWN: {
        bb_countdown cd;
        bb_talk_countdown_lang(talk, timing, clock->wall, clock->synced, lang, l->labelled, &cd);
        snprintf(buf, len, "%s", cd.text);
        break;
    }
    case LIVE_RELATIVE:
        /* An agenda row already shows "by Sat 8 Mar" in its date column. */
        if (*state == BB_STATE_EXPECTED)
            snprintf(buf, len, "%s", bb_tr(lang, "date not set"));
        else
            bb_talk_relative_lang(talk, timing, clock->wall, clock->synced, lang, buf, len);
        break;
    case LIVE_STATE_LABEL: {
        const char *word = "";
        switch (*state) {
        case BB_STATE_SCHEDULED: word = "STARTS IN"; break;
        case BB_STATE_IMMINENT: word = "STARTING SOON"; break;
        case BB_STATE_LIVE: word = "NOW"; break;
        case BB_STATE_ENDED: word = "ENDED"; break;
        case BB_STATE_EXPECTED: word = "DATE NOT SET"; break;
        case BB_STATE_TBA: word = "DATE NOT SET"; break;
        case BB_STATE_POSTPONED: word = "POSTPONED"; break;
        case BB_STATE_CANCELLED: word = "CANCELLED"; break;
        case BB_STATE_UNSYNCED: word = "CLOCK NOT SET"; break;
        }
        snprintf(buf, len, "%s", bb_tr(lang, word));
        break;
    }
    }
}

/* Bring one live text to `clock`; re-render only when its text changed. */
static bool live_refresh(bb_scene *s, scene_live *l, const bb_frame_clock *clock)
{
    char text[BB_COUNTDOWN_BUF];
    bb_talk_state state;
    live_text_for(s, l, clock, text, sizeof text, &state);
    if (strcmp(text, l->text) == 0 && state == l->state)
        return false;
    snprintf(l->text, sizeof l->text, "%s", text);
    l->state = state;
    if (l->digits && bb_digits_has(l->digits, text))
        return true;
    if (l->tex)
        SDL_DestroyTexture(l->tex);
    l->tex = NULL;
    if (!*text)
        return true;
    /* Rendered white and tinted at draw time, so a state change that only
     * changes the colour needs no new texture. */
    bb_text_style st = l->style;
    st.color = (SDL_Color){ 255, 255, 255, 255 };
    int tw = 0, th = 0;
    bb_measurer m = bb_text_measurer(s->fonts, st.weight);
    bb_fit_params p = { .box_w = l->box.w, .box_h = l->box.h, .max_px = st.px,
                        .min_px = s->m.min_px < st.px ? s->m.min_px : st.px, .max_lines = 1 };
    bb_layout *layout = bb_layout_fit(text, &m, &p);
    if (layout) {
        l->tex = bb_text_render_layout(s->renderer, s->fonts, layout, &st, 0, &tw, &th);
        bb_layout_destroy(layout);
    }
    if (!l->tex)
        bb_log_once(BB_LOG_ERROR, "slide %d: cannot draw \"%s\": %s", s->index + 1, text,
                    SDL_GetError());
    l->tex_w = tw;
    l->tex_h = th;
    if (state == BB_STATE_SCHEDULED || state == BB_STATE_IMMINENT)
        s->ticks_seconds = true;
    return true;
}
