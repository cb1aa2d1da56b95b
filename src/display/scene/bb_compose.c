/*
 * bb_compose: scenes, transitions, footer and marker, composed on the canvas.
 */
#include "bb_compose.h"

#include <stdlib.h>
#include <string.h>

#include "bb_damage.h"
#include "bb_deadline.h"
#include "bb_feedcache.h"
#include "bb_footer.h"
#include "bb_log.h"
#include "bb_picture.h"
#include "bb_screen.h"
#include "bb_text.h"
#include "bb_veil.h"

/* The marker: text size and spacing as fractions of the canvas's short
 * side, so it is equally discreet at 720p and 4K. */
#define MARKER_TEXT_SHARE 0.022
#define MARKER_MIN_PX 12
#define MARKER_DOT_SHARE 0.36      /* dot radius, fraction of the text size */
#define MARKER_PAD_SHARE 0.5       /* padding inside the marker, of the text size */
#define MARKER_AMBER 0xffb000      /* amber: "attention", not "broken" (red) */
#define MARKER_PANEL_ALPHA 220     /* the panel lets a hint of the slide through */
/* The slides' side margin as a share of the slide area's width (the
 * scenes' SCALE_PAD): the footer lines up with it. */
#define FOOTER_SIDE_SHARE 0.075
/* Parts of a fading scene veiled one by one, at most (beyond: their box). */
#define VEIL_MAX_PARTS 160

typedef struct scene_slot {
    int index;         /* slide index, -1 when the slot is free */
    int page;          /* which page of it (list slides page) */
    bb_scene *scene;   /* NULL when creation failed (logged) */
} scene_slot;

struct bb_compose {
    SDL_Renderer *renderer;
    bb_fonts *fonts;
    const bb_config *cfg;
    int lw, lh;
    SDL_Rect safe;
    SDL_Rect slide_area;
    scene_slot slots[BB_COMPOSE_MAX_SCENES];
    int cur_index, cur_page;  /* the page on screen: slot_find's choice for that slide */
    int prev_index;           /* the slide a transition leaves, or -1 */
    /* Every page of one appearance of a slide lists the rows chosen at its
     * first page's instant, so a row never shows twice or not at all. */
    int anchor_index;
    bb_frame_clock anchor;
    SDL_Rect footer_area;     /* empty when the footer is off */
    bb_footer *footer;        /* made by prepare; stays put during transitions */
    bool footer_failed;       /* creation failed (logged); retried after a rebuild */

    char *marker_text;       /* NULL: no marker */
    SDL_Texture *marker_tex; /* rendered marker text, made by prepare */
    int marker_w, marker_h;

    bb_damage damage;        /* changed since the last bb_compose_take_damage */
    bb_compose_stats stats;
};

static void compose_layout(bb_compose *c);
static SDL_Rect footer_band(const bb_compose *c);
/* The footer's whole band, edge to edge of the safe area: what a change of
 * its clock, date or ticker may touch. */
static SDL_Rect footer_band(const bb_compose *c)
{
    return (SDL_Rect){ c->safe.x, c->slide_area.y + c->slide_area.h, c->safe.w,
                       c->safe.y + c->safe.h - (c->slide_area.y + c->slide_area.h) };
}

static void compose_drop_all(bb_compose *c);
static int slot_pos(const bb_compose *c, int index);
static int slot_pos_page(const bb_compose *c, int index, int page);
static scene_slot *slot_find(bb_compose *c, int index);
static const scene_slot *slot_find_const(const bb_compose *c, int index);
static bool slot_make(bb_compose *c, int index, int page, const bb_frame_clock *clock);
static void slot_drop(bb_compose *c, scene_slot *slot);
static bool marker_make(bb_compose *c);
static void marker_drop(bb_compose *c);
static void marker_draw(bb_compose *c);
static void fill_circle(SDL_Renderer *r, int cx, int cy, int radius);
static void draw_scene(bb_compose *c, int index, int dx, Uint8 alpha);
static void fade_scene(bb_compose *c, int index, Uint8 alpha);
static SDL_Color rgb_color(bb_rgb rgb, Uint8 alpha);
static float compose_ease(float p);

bb_compose *bb_compose_create(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                              int lw, int lh)
{
    bb_compose *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->renderer = renderer;
    c->fonts = fonts;
    c->cfg = cfg;
    c->lw = lw;
    c->lh = lh;
    for (int i = 0; i < BB_COMPOSE_MAX_SCENES; i++)
        c->slots[i].index = -1;
    c->cur_index = c->anchor_index = c->prev_index = -1;
    compose_layout(c);
    bb_damage_all(&c->damage);
    return c;
}

void bb_compose_destroy(bb_compose *c)
{
    if (!c)
        return;
    compose_drop_all(c);
    /* Decoded pictures and read feeds outlive scenes, not the compositor. */
    bb_picture_cache_clear();
    bb_feedcache_clear();
    free(c->marker_text);
    free(c);
}

SDL_Rect bb_compose_slide_area(const bb_compose *c)
{
    return c->slide_area;
}

bool bb_compose_prepare(bb_compose *c, const bb_cycle_view *view, int next_hint,
                        const bb_frame_clock *clock)
{
    bool changed = false;
    bool in_transition = view->previous >= 0;
    /* What to build ahead: the current slide's next page while it has one,
     * else the next slide's first. */
    int hint_index = next_hint, hint_page = 0;
    if (view->current >= 0 && view->pages > 1 && view->page + 1 < view->pages) {
        hint_index = next_hint >= 0 ? view->current : -1;
        hint_page = view->page + 1;
    }
    c->cur_index = view->current;
    c->cur_page = view->page;
    c->prev_index = view->previous;

    for (int i = 0; i < BB_COMPOSE_MAX_SCENES; i++) {
        int idx = c->slots[i].index, pg = c->slots[i].page;
        bool keep = (idx == view->current && pg == view->page) || idx == view->previous ||
                    (idx == hint_index && pg == hint_page);
        if (idx >= 0 && !keep)
            slot_drop(c, &c->slots[i]);
    }
    /* A scene whose content moved on (a room's talk now/next, a board's
     * rows) is made again; not mid-transition, where the rebuild would
     * stutter. */
    scene_slot *cur = view->current >= 0 ? slot_find(c, view->current) : NULL;
    if (cur && !in_transition && bb_scene_stale(cur->scene, clock)) {
        slot_drop(c, cur);
        if (view->current == c->anchor_index)
            c->anchor_index = -1;
    }
    /* The slide built ahead too (off screen: any time but a transition),
     * so that it is up to date -- its picture decoded -- when it comes. */
    int ahead = hint_index >= 0 ? slot_pos_page(c, hint_index, hint_page) : -1;
    if (ahead >= 0 && !in_transition && bb_scene_stale(c->slots[ahead].scene, clock))
        slot_drop(c, &c->slots[ahead]);
    if (view->current >= 0 && !slot_find(c, view->current))
        changed |= slot_make(c, view->current, view->page, clock);
    if (in_transition && slot_pos_page(c, view->previous, -1) < 0)
        changed |= slot_make(c, view->previous, 0, clock);
    /* Build the next slide ahead, but never during a transition: the time
     * it takes would show as a stutter. */
    if (!in_transition && hint_index >= 0 && slot_pos_page(c, hint_index, hint_page) < 0)
        slot_make(c, hint_index, hint_page, clock);
    if (c->marker_text && !c->marker_tex)
        changed |= marker_make(c);
    if (bb_footer_stale(c->footer)) {
        /* Its logo was decoded in the background since it was made. */
        bb_footer_destroy(c->footer);
        c->footer = NULL;
        c->stats.footers_destroyed++;
    }
    if (!c->footer && !c->footer_failed && c->footer_area.h > 0) {
        /* A footer that cannot be made is not retried every frame (each
         * try would redraw); the next rebuild tries again. */
        bb_floor floor = bb_floor_for_canvas(c->lw, c->lh);
        c->footer = bb_footer_create(c->renderer, c->fonts, c->cfg, c->footer_area, &floor,
                                     clock);
        if (c->footer)
            c->stats.footers_created++;
        else
            bb_log_once(BB_LOG_ERROR, "cannot draw the footer: %s", SDL_GetError());
        c->footer_failed = !c->footer;
        changed = true;
    }
    if (changed)
        bb_damage_all(&c->damage);
    return changed;
}

bool bb_compose_update(bb_compose *c, const bb_cycle_view *view, const bb_frame_clock *clock)
{
    bool changed = false;
    SDL_Rect dirty;
    scene_slot *cur = slot_find(c, view->current);
    scene_slot *prev = view->previous >= 0 ? slot_find(c, view->previous) : NULL;
    /* Scenes are drawn at the slide area's corner when still (a moving one
     * makes the whole frame new anyway). */
    if (cur && cur->scene && bb_scene_update(cur->scene, clock, &dirty)) {
        dirty.x += c->slide_area.x;
        dirty.y += c->slide_area.y;
        bb_damage_add(&c->damage, dirty);
        changed = true;
    }
    if (prev && prev->scene && bb_scene_update(prev->scene, clock, &dirty)) {
        bb_damage_all(&c->damage);
        changed = true;
    }
    if (c->footer) {
        const bb_slide *sl = view->current >= 0 && view->current < c->cfg->n_slides
                                 ? &c->cfg->slides[view->current]
                                 : NULL;
        bb_footer_set_showing(c->footer, sl && sl->type == BB_SLIDE_COUNTDOWN ? sl->talk_index
                                                                              : -1);
    }
    if (c->footer && bb_footer_update(c->footer, clock)) {
        bb_damage_add(&c->damage, footer_band(c));
        changed = true;
    }
    return changed;
}

int bb_compose_waiting_ahead(const bb_compose *c)
{
    for (int i = 0; i < BB_COMPOSE_MAX_SCENES; i++)
        if (c->slots[i].index >= 0 && c->slots[i].index != c->cur_index &&
            c->slots[i].index != c->prev_index && bb_scene_waiting(c->slots[i].scene))
            return c->slots[i].index;
    return -1;
}

SDL_Rect bb_compose_view_area(const bb_compose *c, const bb_cycle_view *view)
{
    SDL_Rect area = { 0, 0, 0, 0 };
    int shown[2] = { view->current, view->previous };
    /* Slides that move cover the whole slide area on their way. */
    if (view->previous >= 0 && c->cfg->cycle.transition == BB_TRANSITION_SLIDE)
        return c->slide_area;
    for (int i = 0; i < 2; i++) {
        if (shown[i] < 0)
            continue;
        const scene_slot *s = slot_find_const(c, shown[i]);
        if (!s || !s->scene)
            return c->slide_area;   /* not known: all of it */
        SDL_Rect b = bb_scene_bounds(s->scene);
        b.x += c->slide_area.x;
        b.y += c->slide_area.y;
        SDL_UnionRect(&area, &b, &area);
    }
    return area;
}

int bb_compose_pages(const bb_compose *c, int index)
{
    int i = slot_pos_page(c, index, -1);
    return i < 0 || !c->slots[i].scene ? 0 : bb_scene_pages(c->slots[i].scene);
}

void bb_compose_take_damage(bb_compose *c, bb_damage *out)
{
    *out = c->damage;
    bb_damage_clear(&c->damage);
}

void bb_compose_draw(bb_compose *c, const bb_cycle_view *view, bool backward)
{
    SDL_Renderer *r = c->renderer;
    SDL_Color bg = rgb_color(c->cfg->display.palette.background, 255);
    float p = view->progress < 0.0f ? 0.0f : view->progress > 1.0f ? 1.0f : view->progress;

    /* A filled rectangle, not SDL_RenderClear: a clear ignores the clip
     * rectangle that limits a partial redraw to what changed. */
    SDL_Rect all = { 0, 0, c->lw, c->lh };
    SDL_Rect clip;
    SDL_RenderGetClipRect(r, &clip);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, bg.r, bg.g, bg.b, 255);
    SDL_RenderFillRect(r, &all);

    if (view->current >= 0) {
        if (view->previous < 0 || !slot_find(c, view->previous)) {
            draw_scene(c, view->current, 0, 255);
        } else if (c->cfg->cycle.transition == BB_TRANSITION_SLIDE) {
            int w = c->slide_area.w;
            int dx = (int)(compose_ease(p) * (float)w + 0.5f);
            /* Both slides move together, clipped to the slide area so they
             * never pass over the footer or into the overscan margin. */
            SDL_Rect moving = c->slide_area;
            if (clip.w > 0 && !SDL_IntersectRect(&moving, &clip, &moving))
                moving = (SDL_Rect){ 0, 0, 0, 0 };
            SDL_RenderSetClipRect(r, &moving);
            if (backward) {
                draw_scene(c, view->previous, dx, 255);
                draw_scene(c, view->current, dx - w, 255);
            } else {
                draw_scene(c, view->previous, -dx, 255);
                draw_scene(c, view->current, w - dx, 255);
            }
            SDL_RenderSetClipRect(r, clip.w > 0 ? &clip : NULL);
        } else {
            /* Fade (and a cut that is still reported as running): out to
             * the background, then in; see the header for why. */
            if (p < 0.5f)
                fade_scene(c, view->previous, (Uint8)(255.0f * (1.0f - compose_ease(p * 2.0f)) + 0.5f));
            else
                fade_scene(c, view->current, (Uint8)(255.0f * compose_ease(p * 2.0f - 1.0f) + 0.5f));
        }
    }
    if (c->footer)
        bb_footer_draw(c->footer, r);
    marker_draw(c);
}

int bb_compose_ms_until_change(const bb_compose *c, const bb_cycle_view *view,
                               const bb_frame_clock *clock)
{
    int64_t best = BB_DEADLINE_NONE;
    int shown[2] = { view->current, view->previous };
    for (int i = 0; i < 2; i++) {
        const scene_slot *s = shown[i] >= 0 ? slot_find_const(c, shown[i]) : NULL;
        if (s && s->scene)
            best = bb_deadline_min(best, bb_scene_ms_until_change(s->scene, clock));
    }
    if (c->footer)
        best = bb_deadline_min(best, bb_footer_ms_until_change(c->footer, clock));
    return (int)best;
}

void bb_compose_set_config(bb_compose *c, const bb_config *cfg, bb_fonts *fonts)
{
    compose_drop_all(c);
    c->cfg = cfg;
    c->fonts = fonts;
    compose_layout(c);
}

void bb_compose_set_size(bb_compose *c, int lw, int lh)
{
    compose_drop_all(c);
    c->lw = lw;
    c->lh = lh;
    compose_layout(c);
}

void bb_compose_drop_textures(bb_compose *c)
{
    compose_drop_all(c);
}

void bb_compose_set_marker(bb_compose *c, const char *text)
{
    if (text && c->marker_text && strcmp(text, c->marker_text) == 0)
        return;
    marker_drop(c);
    free(c->marker_text);
    c->marker_text = text ? strdup(text) : NULL;
    bb_damage_all(&c->damage);
}

void bb_compose_stats_get(const bb_compose *c, bb_compose_stats *out)
{
    *out = c->stats;
    out->scenes_live = 0;
    for (int i = 0; i < BB_COMPOSE_MAX_SCENES; i++)
        out->scenes_live += c->slots[i].scene != NULL;
}

/* ---- static ---- */

static void compose_layout(bb_compose *c)
{
    c->safe = bb_safe_area_rect(c->lw, c->lh, c->cfg->display.safe_area_percent);
    c->slide_area = c->safe;
    /* The footer takes the bottom of the safe area; slides get the rest. */
    int fh = bb_footer_height(c->cfg, c->lw, c->lh);
    c->slide_area.h -= fh;
    /* The footer's ends line up with the slides' side margins (bb_scene
     * pads each side by FOOTER_SIDE_SHARE of the area's width, landscape or
     * portrait: on a portrait screen the width is the short side). */
    int margin = (int)(c->slide_area.w * FOOTER_SIDE_SHARE + 0.5);
    c->footer_area = (SDL_Rect){ c->safe.x + margin, c->safe.y + c->slide_area.h,
                                 c->safe.w - 2 * margin, fh - fh / 6 };
    if (fh == 0)
        c->footer_area.h = 0;
}

static void compose_drop_all(bb_compose *c)
{
    bb_damage_all(&c->damage);
    for (int i = 0; i < BB_COMPOSE_MAX_SCENES; i++)
        slot_drop(c, &c->slots[i]);
    if (c->footer)
        c->stats.footers_destroyed++;
    bb_footer_destroy(c->footer);
    c->footer = NULL;
    c->footer_failed = false;
    marker_drop(c);
}

/* Position of slide index's slot -- for the slide on screen, the slot of
 * the page on screen -- or -1. */
static int slot_pos(const bb_compose *c, int index)
{
    return slot_pos_page(c, index, index == c->cur_index ? c->cur_page : -1);
}

/* Position of the slot of page `page` (-1: any) of slide index, or -1. */
static int slot_pos_page(const bb_compose *c, int index, int page)
{
    if (index < 0)
        return -1;
    for (int i = 0; i < BB_COMPOSE_MAX_SCENES; i++)
        if (c->slots[i].index == index && (page < 0 || c->slots[i].page == page))
            return i;
    return -1;
}

static scene_slot *slot_find(bb_compose *c, int index)
{
    int i = slot_pos(c, index);
    return i < 0 ? NULL : &c->slots[i];
}

static const scene_slot *slot_find_const(const bb_compose *c, int index)
{
    int i = slot_pos(c, index);
    return i < 0 ? NULL : &c->slots[i];
}

/* Make the scene of slide `index` in a free slot.  A failure is logged once
 * and leaves an empty slot, so the frame shows the background instead of
 * retrying every frame.  Returns true (the frame changed either way). */
static bool slot_make(bb_compose *c, int index, int page, const bb_frame_clock *clock)
{
    scene_slot *slot = NULL;
    for (int i = 0; i < BB_COMPOSE_MAX_SCENES && !slot; i++)
        if (c->slots[i].index < 0)
            slot = &c->slots[i];
    if (!slot)
        return false;
    slot->index = index;
    slot->page = page;
    /* Later pages list the rows of the first page's instant (the live
     * texts on them are brought to the frame's clock at once). */
    if (page == 0 || c->anchor_index != index) {
        c->anchor_index = index;
        c->anchor = *clock;
    }
    bb_scene_spec spec = { index, page, c->slide_area.w, c->slide_area.h, c->lw, c->lh, false };
    slot->scene = bb_scene_make(c->renderer, c->fonts, c->cfg, &spec, &c->anchor);
    if (slot->scene && page > 0)
        bb_scene_update(slot->scene, clock, NULL);
    if (slot->scene)
        c->stats.scenes_created++;
    else
        bb_log_once(BB_LOG_ERROR, "cannot draw slide %d: %s", index + 1, SDL_GetError());
    return true;
}

static void slot_drop(bb_compose *c, scene_slot *slot)
{
    if (slot->scene) {
        bb_scene_destroy(slot->scene);
        c->stats.scenes_destroyed++;
    }
    slot->scene = NULL;
    slot->index = -1;
    slot->page = 0;
}

static bool marker_make(bb_compose *c)
{
    int short_side = c->lw < c->lh ? c->lw : c->lh;
    bb_text_style style = { 0 };
    style.weight = BB_WEIGHT_REGULAR;
    style.px = (int)(short_side * MARKER_TEXT_SHARE + 0.5);
    if (style.px < MARKER_MIN_PX)
        style.px = MARKER_MIN_PX;
    style.color = rgb_color(c->cfg->display.palette.text, 255);
    style.align = BB_ALIGN_START;
    style.dir = BB_DIR_LTR;
    c->marker_tex = bb_text_render(c->renderer, c->fonts, c->marker_text, &style, &c->marker_w,
                                   &c->marker_h);
    if (!c->marker_tex) {
        bb_log_once(BB_LOG_WARNING, "cannot draw the config-error marker: %s", SDL_GetError());
        return false;
    }
    c->stats.textures_created++;
    return true;
}

static void marker_drop(bb_compose *c)
{
    if (c->marker_tex) {
        SDL_DestroyTexture(c->marker_tex);
        c->stats.textures_destroyed++;
    }
    c->marker_tex = NULL;
}

static void marker_draw(bb_compose *c)
{
    SDL_Renderer *r = c->renderer;
    if (!c->marker_text)
        return;
    int h = c->marker_h > 0 ? c->marker_h : MARKER_MIN_PX;
    int pad = (int)(h * MARKER_PAD_SHARE + 0.5);
    int radius = (int)(h * MARKER_DOT_SHARE + 0.5);
    int box_w = pad + 2 * radius + pad + c->marker_w + pad;
    int box_h = h + pad;
    SDL_Rect box = { c->safe.x + c->safe.w - box_w - pad, c->safe.y + pad, box_w, box_h };
    SDL_Color panel = rgb_color(c->cfg->display.palette.panel, MARKER_PANEL_ALPHA);

    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, panel.r, panel.g, panel.b, panel.a);
    SDL_RenderFillRect(r, &box);
    SDL_SetRenderDrawColor(r, (MARKER_AMBER >> 16) & 0xff, (MARKER_AMBER >> 8) & 0xff,
                           MARKER_AMBER & 0xff, 255);
    fill_circle(r, box.x + pad + radius, box.y + box_h / 2, radius);
    if (c->marker_tex) {
        SDL_Rect dst = { box.x + pad + 2 * radius + pad, box.y + (box_h - c->marker_h) / 2,
                         c->marker_w, c->marker_h };
        SDL_RenderCopy(r, c->marker_tex, NULL, &dst);
    }
}

/* SDL 2 has no circle primitive: one horizontal line per row. */
static void fill_circle(SDL_Renderer *r, int cx, int cy, int radius)
{
    for (int dy = -radius; dy <= radius; dy++) {
        int dx = 0;
        while ((dx + 1) * (dx + 1) + dy * dy <= radius * radius)
            dx++;
        SDL_RenderDrawLine(r, cx - dx, cy + dy, cx + dx, cy + dy);
    }
}

static void draw_scene(bb_compose *c, int index, int dx, Uint8 alpha)
{
    scene_slot *s = slot_find(c, index);
    if (s && s->scene && alpha > 0)
        bb_scene_draw(s->scene, c->renderer, c->slide_area.x + dx, c->slide_area.y, alpha);
}

/*
 * The scene at opacity `alpha` over the background: drawn whole, then veiled
 * with the background colour at the complement.  The same picture as each
 * part drawn at `alpha` (and truer where parts overlap), at a fraction of
 * the cost in software: full-opacity copies skip transparent pixels, and
 * one blended rectangle over what the scene covers replaces a modulated
 * blend of every texture's every pixel.
 */
static void fade_scene(bb_compose *c, int index, Uint8 alpha)
{
    scene_slot *s = slot_find(c, index);
    if (!s || !s->scene || alpha == 0)
        return;
    draw_scene(c, index, 0, 255);
    if (alpha == 255)
        return;
    /* Veil each part when no two overlap (text lines seldom do): usually
     * half the pixels of their bounding box.  Else the box, veiled once. */
    SDL_Rect parts[VEIL_MAX_PARTS];
    int n = bb_scene_parts(s->scene, parts, VEIL_MAX_PARTS);
    bool disjoint = n <= VEIL_MAX_PARTS;
    for (int i = 0; i < n && disjoint; i++)
        for (int j = i + 1; j < n && disjoint; j++)
            disjoint = !SDL_HasIntersection(&parts[i], &parts[j]);
    if (!disjoint) {
        parts[0] = bb_scene_bounds(s->scene);
        n = 1;
    }
    for (int i = 0; i < n; i++) {
        parts[i].x += c->slide_area.x;
        parts[i].y += c->slide_area.y;
    }
    bb_veil_rects(c->renderer, parts, n,
                  rgb_color(c->cfg->display.palette.background, (Uint8)(255 - alpha)));
}

static SDL_Color rgb_color(bb_rgb rgb, Uint8 alpha)
{
    SDL_Color col = { (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, alpha };
    return col;
}

/* The eased position 0..1 of a transition at linear progress p (0..1):
 * cubic ease-in-out, so motion starts and ends gently. */
static float compose_ease(float p)
{
    if (p <= 0.0f)
        return 0.0f;
    if (p >= 1.0f)
        return 1.0f;
    if (p < 0.5f)
        return 4.0f * p * p * p;
    float q = -2.0f * p + 2.0f;
    return 1.0f - q * q * q / 2.0f;
}
