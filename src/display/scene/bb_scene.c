/*
 * bb_scene: creating, updating and drawing scenes.  What differs by slide
 * type is in the type's class (bb_slide_table.c); this file never asks
 * which type a scene is.
 */
#include "bb_scene_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_i18n.h"
#include "bb_log.h"
#include "bb_picture.h"
#include "bb_scene_build.h"
#include "bb_slide_table.h"

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
    bb_scene_spec spec = { index, 0, w, h, w, h, false };
    return bb_scene_make(renderer, fonts, cfg, &spec, clock);
}

int bb_scene_pages(const bb_scene *s)
{
    return s && s->pages > 1 ? s->pages : 1;
}

int bb_scene_page(const bb_scene *s)
{
    return s ? s->page : 0;
}

bb_scene *bb_scene_make(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                        const bb_scene_spec *spec, const bb_frame_clock *clock)
{
    int index = spec->index, w = spec->w, h = spec->h;
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
    s->page = spec->page > 0 ? spec->page : 0;
    s->pages = 1;
    s->w = w;
    s->h = h;
    s->role = BB_ROLE_SECONDARY;
    s->layout_only = spec->layout_only;
    scene_metrics_init(&s->m, w, h);
    s->m.floor = spec->screen_w > 0 && spec->screen_h > 0
                     ? bb_floor_for_canvas(spec->screen_w, spec->screen_h)
                     : bb_floor_for_canvas(w, h);
    if (s->m.min_px < s->m.floor.text_px)
        s->m.min_px = s->m.floor.text_px;
    if (s->m.small_px < s->m.min_px)
        s->m.small_px = s->m.min_px;
    if (s->m.body_px < s->m.floor.title_px)
        s->m.body_px = s->m.floor.title_px;
    if (s->m.title_px < s->m.floor.title_px)
        s->m.title_px = s->m.floor.title_px;
    s->mirror = bb_i18n_rtl(bb_scene_lang(s));

    s->cls = bb_slide_class_of(s->slide);
    int rc = s->cls->build(s, clock);
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
    if (s->cls && s->cls->destroy)
        s->cls->destroy(s);
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
    if (s->cls->draw)
        s->cls->draw(s, r, x, y, alpha);
}

bool bb_scene_stale(const bb_scene *s, const bb_frame_clock *clock)
{
    if (s && s->awaiting && bb_scene_decode_generation() != s->awaiting_gen)
        return true;   /* a picture or feed it waits for may be decoded now */
    return s && s->cls->stale && s->cls->stale(s, clock);
}

bool bb_scene_waiting(const bb_scene *s)
{
    return s && s->awaiting;
}

int bb_scene_ms_until_change(const bb_scene *s, const bb_frame_clock *clock)
{
    if (s->n_live == 0)
        return -1;
    /* Relative texts ("in 3 h 12 min") change on minute boundaries, but a
     * talk going live or ending can happen at any second: checking once a
     * second is cheap (no redraw unless a text changed). */
    return clock->ms_to_next_second;
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
    if (l->digits && bb_digits_has(l->digits, text)) {
        l->drawn_px = l->style.px;
        return true;
    }
    if (l->tex)
        SDL_DestroyTexture(l->tex);
    l->tex = NULL;
    l->tex_w = l->tex_h = 0;
    if (!*text)
        return true;
    /* Rendered white and tinted at draw time, so a state change that only
     * changes the colour needs no new texture. */
    bb_text_style st = l->style;
    st.color = (SDL_Color){ 255, 255, 255, 255 };
    int tw = 0, th = 0;
    bb_measurer m = bb_text_measurer(s->fonts, st.weight);
    /* Countdowns and relative times are times: the title floor
     * (bb_floor.h); the word above a countdown is secondary. */
    bb_text_role role = l->kind == LIVE_STATE_LABEL ? BB_ROLE_SECONDARY : BB_ROLE_TITLE;
    st.px = bb_floor_clamp(&s->m.floor, role, st.px);
    int min_px = bb_floor_clamp(&s->m.floor, role, s->m.min_px);
    bb_fit_params p = { .box_w = l->box.w, .box_h = l->box.h, .max_px = st.px,
                        .min_px = min_px < st.px ? min_px : st.px, .max_lines = 1 };
    bb_layout *layout = bb_layout_fit(text, &m, &p);
    if (layout && s->layout_only) {
        /* The size its picture would have (bb_text_render_layout). */
        tw = bb_layout_width(layout) > 0 ? bb_layout_width(layout) : 1;
        th = bb_layout_height(layout);
        l->drawn_px = bb_layout_px(layout);
        bb_layout_destroy(layout);
    } else if (layout) {
        l->tex = bb_text_render_layout(s->renderer, s->fonts, layout, &st, 0, &tw, &th);
        l->drawn_px = bb_layout_px(layout);
        bb_layout_destroy(layout);
    }
    if (!l->tex && !(layout && s->layout_only))
        bb_log_once(BB_LOG_ERROR, "slide %d: cannot draw \"%s\": %s", s->index + 1, text,
                    SDL_GetError());
    l->tex_w = tw;
    l->tex_h = th;
    if (state == BB_STATE_SCHEDULED || state == BB_STATE_IMMINENT)
        s->ticks_seconds = true;
    return true;
}
