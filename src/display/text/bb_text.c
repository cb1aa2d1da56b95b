/*
 * bb_text: the public face of the text engine -- measuring, the measurer
 * for bb_layout, rendering lines and blocks, composition on one baseline.
 * The analysis of a line (bidi, faces, scripts, order) is bb_textline's.
 */
#include "bb_text.h"

#include <stdlib.h>
#include <string.h>

#include "bb_log.h"
#include "bb_textline.h"

static int line_render_into(SDL_Surface *dst, bb_textline *l, bb_fonts *fonts, bb_weight weight,
                            int px, int x0, int baseline);
static void blend_alpha(SDL_Surface *dst, const SDL_Surface *src, int x0, int y0);
static void finish_colour(SDL_Surface *s, SDL_Color color);
static int measurer_width(const bb_measurer *m, const char *text, size_t len, int px);
static int measurer_height(const bb_measurer *m, const char *text, size_t len, int px);
static SDL_Texture *texture_from(SDL_Renderer *renderer, SDL_Surface *s, int *w, int *h);
static bool paragraph_rtl(const bb_layout *layout, int first, bb_dir dir, bool block_rtl);

bool bb_text_is_rtl(const char *utf8, size_t len)
{
    return bb_textline_direction(utf8, len) == FRIBIDI_PAR_RTL;
}

int bb_text_size(bb_fonts *fonts, bb_weight weight, int px, const char *utf8, size_t len,
                 int *w, int *h)
{
    /* The layout measures every candidate line at every size it tries:
     * without a height wanted, no piece is rendered to find its ink (a
     * 4,000-byte CJK figure at 3840x2160 took 100 s and 1.2 GB so). */
    bb_textline l = {.width_only = h == NULL};
    int r = bb_textline_analyse(&l, fonts, weight, px, BB_DIR_AUTO, utf8, len);
    if (r == 0 && h)
        r = bb_textline_box(&l, fonts, weight, px, NULL, h);
    if (r == 0 && w)
        *w = l.width;
    bb_textline_free(&l);
    return r;
}

int bb_text_line_box(bb_fonts *fonts, bb_weight weight, int px, const char *utf8, size_t len,
                     int *ascent, int *height)
{
    /* Asked of whole blocks at every size the layout tries: the reach of
     * each piece is found from its start, so the cost is bounded whatever
     * the text's length. */
    bb_textline l = {.reach_only = true};
    int r = bb_textline_analyse(&l, fonts, weight, px, BB_DIR_AUTO, utf8, len);
    if (r == 0)
        r = bb_textline_box(&l, fonts, weight, px, ascent, height);
    bb_textline_free(&l);
    return r;
}

int bb_text_runs(bb_fonts *fonts, bb_weight weight, int px, bb_dir dir, const char *utf8,
                 size_t len, bb_text_run *out, int max)
{
    bb_textline l = {0};
    if (bb_textline_analyse(&l, fonts, weight, px, dir, utf8, len) < 0) {
        bb_textline_free(&l);
        return -1;
    }
    int x = 0;
    for (int v = 0; v < l.n_pieces; v++) {
        const bb_piece *p = &l.pieces[l.order[v]];
        if (v < max)
            out[v] = (bb_text_run){l.off[p->start], l.off[p->end] - l.off[p->start],
                                   p->level & 1, p->face, x, p->w};
        x += p->w;
    }
    int n = l.n_pieces;
    bb_textline_free(&l);
    return n;
}

bb_measurer bb_text_measurer(bb_fonts *fonts, bb_weight weight)
{
    bb_measurer m = {measurer_width, measurer_height, fonts, (int)weight};
    return m;
}

SDL_Surface *bb_text_render_surface(bb_fonts *fonts, const char *utf8, const bb_text_style *style)
{
    int ascent, height;
    bb_textline l = {0};
    SDL_Surface *s = NULL, *result = NULL;
    if (bb_textline_analyse(&l, fonts, style->weight, style->px, style->dir, utf8, strlen(utf8)) < 0
        || bb_textline_box(&l, fonts, style->weight, style->px, &ascent, &height) < 0)
        goto fail;
    s = SDL_CreateRGBSurfaceWithFormat(0, l.width > 0 ? l.width : 1, height, 32,
                                       SDL_PIXELFORMAT_ARGB8888);
    if (!s || line_render_into(s, &l, fonts, style->weight, style->px, 0, ascent) < 0)
        goto fail;
    finish_colour(s, style->color);
    result = s;
    s = NULL;
fail:
    SDL_FreeSurface(s);
    bb_textline_free(&l);
    return result;
}

SDL_Texture *bb_text_render(SDL_Renderer *renderer, bb_fonts *fonts, const char *utf8,
                            const bb_text_style *style, int *w, int *h)
{
    return texture_from(renderer, bb_text_render_surface(fonts, utf8, style), w, h);
}

SDL_Surface *bb_text_render_layout_surface(bb_fonts *fonts, const bb_layout *layout,
                                           const bb_text_style *style, int box_w)
{
    int n = bb_layout_line_count(layout), px = bb_layout_px(layout), ascent = 0;
    if (n == 0) {
        SDL_SetError("no text to render");
        return NULL;
    }
    if (box_w <= 0)
        box_w = bb_layout_width(layout) > 0 ? bb_layout_width(layout) : 1;
    bool block_rtl = bb_text_layout_is_rtl(layout, style->dir), rtl = block_rtl;
    SDL_Surface *s = NULL, *result = NULL;
    bb_textline *lines = calloc((size_t)n, sizeof *lines);
    if (!lines) {
        SDL_OutOfMemory();
        return NULL;
    }
    /* Every line in its paragraph's direction ("Welcome\nأهلا وسهلا": one
     * left, one right). */
    ascent = bb_text_layout_baseline(fonts, layout, style->weight);
    if (ascent < 0)
        goto fail;
    for (int i = 0; i < n; i++) {
        const char *text = bb_layout_line(layout, i);
        if (bb_layout_line_starts_paragraph(layout, i))
            rtl = paragraph_rtl(layout, i, style->dir, block_rtl);
        if (bb_textline_analyse(&lines[i], fonts, style->weight, px, rtl ? BB_DIR_RTL : BB_DIR_LTR,
                                text, strlen(text)) < 0)
            goto fail;
    }
    s = SDL_CreateRGBSurfaceWithFormat(0, box_w, bb_layout_height(layout), 32,
                                       SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        goto fail;
    for (int i = 0; i < n; i++) {
        int x = bb_text_align_x(style->align, lines[i].rtl, box_w, lines[i].width);
        if (line_render_into(s, &lines[i], fonts, style->weight, px, x,
                             i * bb_layout_advance(layout) + ascent) < 0)
            goto fail;
    }
    finish_colour(s, style->color);
    result = s;
    s = NULL;
fail:
    SDL_FreeSurface(s);
    for (int i = 0; i < n; i++)
        bb_textline_free(&lines[i]);
    free(lines);
    return result;
}

SDL_Texture *bb_text_render_layout(SDL_Renderer *renderer, bb_fonts *fonts,
                                   const bb_layout *layout, const bb_text_style *style,
                                   int box_w, int *w, int *h)
{
    return texture_from(renderer, bb_text_render_layout_surface(fonts, layout, style, box_w), w, h);
}

int bb_text_layout_baseline(bb_fonts *fonts, const bb_layout *layout, bb_weight weight)
{
    /* The highest ascent among the lines: the layout sized its line box
     * from the same faces. */
    int ascent = 0;
    for (int i = 0; i < bb_layout_line_count(layout); i++) {
        const char *text = bb_layout_line(layout, i);
        int a;
        if (bb_text_line_box(fonts, weight, bb_layout_px(layout), text, strlen(text), &a, NULL) < 0)
            return -1;
        if (a > ascent)
            ascent = a;
    }
    return ascent;
}

bool bb_text_layout_is_rtl(const bb_layout *layout, bb_dir dir)
{
    if (dir != BB_DIR_AUTO)
        return dir == BB_DIR_RTL;
    for (int i = 0; i < bb_layout_line_count(layout); i++) {
        const char *text = bb_layout_line(layout, i);
        FriBidiParType t = bb_textline_direction(text, strlen(text));
        if (t != FRIBIDI_PAR_ON)
            return t == FRIBIDI_PAR_RTL;
    }
    return false;
}

int bb_text_align_x(bb_align align, bool rtl, int box_w, int w)
{
    switch (align) {
    case BB_ALIGN_CENTER:
        return (box_w - w) / 2;
    case BB_ALIGN_END:
        return rtl ? 0 : box_w - w;
    case BB_ALIGN_START:
    default:
        return rtl ? box_w - w : 0;
    }
}











/* ---- rendering ---- */

/* The direction of the paragraph that begins at line `first`: dir, or its
 * first strong character's, or -- a paragraph of digits and punctuation
 * only -- the block's. */
static bool paragraph_rtl(const bb_layout *layout, int first, bb_dir dir, bool block_rtl)
{
    if (dir != BB_DIR_AUTO)
        return dir == BB_DIR_RTL;
    int n = bb_layout_line_count(layout);
    for (int i = first; i < n && (i == first || !bb_layout_line_starts_paragraph(layout, i)); i++) {
        const char *text = bb_layout_line(layout, i);
        FriBidiParType t = bb_textline_direction(text, strlen(text));
        if (t != FRIBIDI_PAR_ON)
            return t == FRIBIDI_PAR_RTL;
    }
    return block_rtl;
}

/* Render l's pieces left to right from x0 with their baselines on
 * `baseline`, blending coverage into dst's alpha. */
static int line_render_into(SDL_Surface *dst, bb_textline *l, bb_fonts *fonts, bb_weight weight,
                            int px, int x0, int baseline)
{
    static const SDL_Color white = {255, 255, 255, 255};
    int x = x0;
    for (int v = 0; v < l->n_pieces; v++) {
        int p = l->order[v];
        TTF_Font *font = bb_textline_piece_font(l, fonts, weight, px, p);
        if (!font)
            return -1;
        SDL_Surface *glyphs = TTF_RenderUTF8_Blended(font, l->scratch, white);
        if (glyphs) {
            blend_alpha(dst, glyphs, x,
                        baseline - TTF_FontAscent(font) - bb_textline_overflow_above(glyphs, font));
            SDL_FreeSurface(glyphs);
        }
        /* No surface: the piece draws nothing (only zero-width characters). */
        x += l->pieces[p].w;
    }
    return 0;
}



/* Porter-Duff "over" on alpha only: every piece has the same colour, which
 * finish_colour sets once, so blending colours onto a transparent surface
 * (which darkens antialiased edges) never happens. */
static void blend_alpha(SDL_Surface *dst, const SDL_Surface *src, int x0, int y0)
{
    if (src->format->format != SDL_PIXELFORMAT_ARGB8888)
        return;  /* SDL_ttf's blended output always is */
    for (int y = 0; y < src->h; y++) {
        int dy = y0 + y;
        if (dy < 0 || dy >= dst->h)
            continue;
        const Uint32 *s = (const Uint32 *)((const Uint8 *)src->pixels + (size_t)y * src->pitch);
        Uint32 *d = (Uint32 *)((Uint8 *)dst->pixels + (size_t)dy * dst->pitch);
        for (int x = 0; x < src->w; x++) {
            int dx = x0 + x;
            Uint32 sa = s[x] >> 24;
            if (dx < 0 || dx >= dst->w || sa == 0)
                continue;
            Uint32 da = d[dx] >> 24;
            Uint32 a = sa + (da * (255 - sa) + 127) / 255;
            d[dx] = a << 24;
        }
    }
}

/* Give every pixel the text colour, scale coverage by the colour's alpha. */
static void finish_colour(SDL_Surface *s, SDL_Color color)
{
    Uint32 rgb = (Uint32)color.r << 16 | (Uint32)color.g << 8 | color.b;
    for (int y = 0; y < s->h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            Uint32 a = (row[x] >> 24) * color.a / 255;
            row[x] = a << 24 | rgb;
        }
    }
}

/*
 * The texture for a rendered surface (which it frees).  A surface larger
 * than the renderer allows (2048 px on a Pi 3's GPU, 4096 on some others:
 * a wide line on a 4K screen) is scaled down to fit; *w and *h still give
 * the full size, so the caller draws it where it belongs, a little softer.
 */
static SDL_Texture *texture_from(SDL_Renderer *renderer, SDL_Surface *s, int *w, int *h)
{
    if (!s)
        return NULL;
    SDL_RendererInfo info;
    SDL_Surface *upload = s;
    if (SDL_GetRendererInfo(renderer, &info) == 0
        && ((info.max_texture_width > 0 && s->w > info.max_texture_width)
            || (info.max_texture_height > 0 && s->h > info.max_texture_height))) {
        int fw = info.max_texture_width > 0 && s->w > info.max_texture_width ? info.max_texture_width : s->w;
        int fh = info.max_texture_height > 0 && s->h > info.max_texture_height ? info.max_texture_height : s->h;
        upload = SDL_CreateRGBSurfaceWithFormat(0, fw, fh, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!upload || SDL_SoftStretchLinear(s, NULL, upload, NULL) < 0) {
            SDL_FreeSurface(upload);
            SDL_FreeSurface(s);
            return NULL;
        }
        bb_log_once(BB_LOG_WARNING, "text of %dx%d px exceeds the GPU's %dx%d textures; drawn scaled",
                    s->w, s->h, info.max_texture_width, info.max_texture_height);
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(renderer, upload);
    if (upload != s)
        SDL_FreeSurface(upload);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        if (w)
            *w = s->w;
        if (h)
            *h = s->h;
    }
    SDL_FreeSurface(s);
    return t;
}



/* ---- the measurer for bb_layout ---- */

static int measurer_width(const bb_measurer *m, const char *text, size_t len, int px)
{
    int w = 0;
    if (bb_text_size(m->ctx, (bb_weight)m->style, px, text, len, &w, NULL) < 0)
        return -1;
    return w;
}

static int measurer_height(const bb_measurer *m, const char *text, size_t len, int px)
{
    int h = 0;
    return bb_text_line_box(m->ctx, (bb_weight)m->style, px, text, len, NULL, &h) < 0 ? -1 : h;
}
