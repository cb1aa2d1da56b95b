/*
 * bb_text: bidi runs (FriBidi), per-run face and script, shaping and
 * rendering through SDL_ttf (HarfBuzz), composition on one baseline.
 *
 * SDL_ttf shapes one string in one direction with one font: it does no bidi
 * and no font fallback.  So a line is cut into pieces that each have one
 * embedding level, one face of the chain and one script; each piece is
 * handed to SDL_ttf in logical order with its direction set (HarfBuzz lays
 * an RTL piece out right to left), and the pieces are placed in visual order
 * (UAX #9 rule L2 applied to whole pieces).
 */
#include "bb_text.h"

#include <fribidi.h>
#include <stdlib.h>
#include <string.h>

#include "bb_log.h"

/* Pieces of one line, logical order. */
typedef struct piece {
    int start, end;        /* codepoint indices */
    FriBidiLevel level;
    int face;
    const char *script;    /* ISO 15924 tag; NULL until a letter decides */
    int w;
    int ascent, descent;   /* how far its ink may reach above and below the baseline */
} piece;

/* A line analysed: codepoints, byte offsets, levels, pieces. */
typedef struct line {
    const char *utf8;
    int n;                 /* codepoints */
    uint32_t *cps;
    size_t *off;           /* byte offset of each codepoint; off[n] = length */
    FriBidiCharType *types;
    FriBidiLevel *levels;
    bool rtl;              /* resolved paragraph direction */
    piece pieces[BB_TEXT_MAX_RUNS];
    int n_pieces;
    int order[BB_TEXT_MAX_RUNS];  /* visual order: indices into pieces */
    int width;
    char *scratch;         /* one piece's UTF-8, NUL-terminated */
} line;

static int line_analyse(line *l, bb_fonts *fonts, bb_weight weight, int px, bb_dir dir,
                        const char *utf8, size_t len);
static void line_free(line *l);
static int line_decode(line *l, const char *utf8, size_t len);
static void line_split(line *l, bb_fonts *fonts, bb_weight weight);
static int line_box_of(const line *l, bb_fonts *fonts, bb_weight weight, int px, int *ascent,
                       int *height);
static int piece_extent(piece *p, TTF_Font *font, int px, int h, const char *text);
static int overflow_above(const SDL_Surface *glyphs, TTF_Font *font);
static void ink_rows(const SDL_Surface *glyphs, int *top, int *bottom);
static int line_face_at(const line *l, bb_fonts *fonts, bb_weight weight, int i);
static void line_reorder(line *l);
static TTF_Font *piece_font(line *l, bb_fonts *fonts, bb_weight weight, int px, int p);
static const char *script_of(uint32_t cp);
static int line_render_into(SDL_Surface *dst, line *l, bb_fonts *fonts, bb_weight weight, int px,
                            int x0, int baseline);
static void blend_alpha(SDL_Surface *dst, const SDL_Surface *src, int x0, int y0);
static void finish_colour(SDL_Surface *s, SDL_Color color);
static int measurer_width(const bb_measurer *m, const char *text, size_t len, int px);
static int measurer_height(const bb_measurer *m, const char *text, size_t len, int px);
static bool layout_rtl(const bb_layout *layout, bb_dir dir);
static FriBidiParType par_type(const char *utf8, size_t len);
static SDL_Texture *texture_from(SDL_Renderer *renderer, SDL_Surface *s, int *w, int *h);

bool bb_text_is_rtl(const char *utf8, size_t len)
{
    return par_type(utf8, len) == FRIBIDI_PAR_RTL;
}

int bb_text_size(bb_fonts *fonts, bb_weight weight, int px, const char *utf8, size_t len,
                 int *w, int *h)
{
    line l = {0};
    int r = line_analyse(&l, fonts, weight, px, BB_DIR_AUTO, utf8, len);
    if (r == 0 && h)
        r = line_box_of(&l, fonts, weight, px, NULL, h);
    if (r == 0 && w)
        *w = l.width;
    line_free(&l);
    return r;
}

int bb_text_line_box(bb_fonts *fonts, bb_weight weight, int px, const char *utf8, size_t len,
                     int *ascent, int *height)
{
    line l = {0};
    int r = line_analyse(&l, fonts, weight, px, BB_DIR_AUTO, utf8, len);
    if (r == 0)
        r = line_box_of(&l, fonts, weight, px, ascent, height);
    line_free(&l);
    return r;
}

int bb_text_runs(bb_fonts *fonts, bb_weight weight, int px, bb_dir dir, const char *utf8,
                 size_t len, bb_text_run *out, int max)
{
    line l = {0};
    if (line_analyse(&l, fonts, weight, px, dir, utf8, len) < 0) {
        line_free(&l);
        return -1;
    }
    int x = 0;
    for (int v = 0; v < l.n_pieces; v++) {
        const piece *p = &l.pieces[l.order[v]];
        if (v < max)
            out[v] = (bb_text_run){l.off[p->start], l.off[p->end] - l.off[p->start],
                                   p->level & 1, p->face, x, p->w};
        x += p->w;
    }
    int n = l.n_pieces;
    line_free(&l);
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
    line l = {0};
    SDL_Surface *s = NULL, *result = NULL;
    if (line_analyse(&l, fonts, style->weight, style->px, style->dir, utf8, strlen(utf8)) < 0
        || line_box_of(&l, fonts, style->weight, style->px, &ascent, &height) < 0)
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
    line_free(&l);
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
    bool rtl = layout_rtl(layout, style->dir);
    SDL_Surface *s = NULL, *result = NULL;
    line *lines = calloc((size_t)n, sizeof *lines);
    if (!lines) {
        SDL_OutOfMemory();
        return NULL;
    }
    /* Every line in the paragraph's direction; the block's baseline is the
     * highest ascent among them (the layout sized its line box from the
     * same faces). */
    for (int i = 0; i < n; i++) {
        const char *text = bb_layout_line(layout, i);
        int a;
        if (line_analyse(&lines[i], fonts, style->weight, px, rtl ? BB_DIR_RTL : BB_DIR_LTR, text,
                         strlen(text)) < 0
            || line_box_of(&lines[i], fonts, style->weight, px, &a, NULL) < 0)
            goto fail;
        if (a > ascent)
            ascent = a;
    }
    s = SDL_CreateRGBSurfaceWithFormat(0, box_w, bb_layout_height(layout), 32,
                                       SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        goto fail;
    for (int i = 0; i < n; i++) {
        int x = bb_text_align_x(style->align, rtl, box_w, lines[i].width);
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
        line_free(&lines[i]);
    free(lines);
    return result;
}

SDL_Texture *bb_text_render_layout(SDL_Renderer *renderer, bb_fonts *fonts,
                                   const bb_layout *layout, const bb_text_style *style,
                                   int box_w, int *w, int *h)
{
    return texture_from(renderer, bb_text_render_layout_surface(fonts, layout, style, box_w), w, h);
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

/* ---- analysis ---- */

/* Decode, resolve bidi levels, cut into pieces, measure them, order them. */
static int line_analyse(line *l, bb_fonts *fonts, bb_weight weight, int px, bb_dir dir,
                        const char *utf8, size_t len)
{
    if (line_decode(l, utf8, len) < 0)
        return -1;
    if (l->n == 0)
        return 0;
    FriBidiBracketType *brackets = malloc((size_t)l->n * sizeof *brackets);
    if (!brackets) {
        SDL_OutOfMemory();
        return -1;
    }
    fribidi_get_bidi_types(l->cps, l->n, l->types);
    fribidi_get_bracket_types(l->cps, l->n, l->types, brackets);
    FriBidiParType base = dir == BB_DIR_RTL ? FRIBIDI_PAR_RTL
                          : dir == BB_DIR_LTR ? FRIBIDI_PAR_LTR : FRIBIDI_PAR_ON;
    FriBidiLevel max = fribidi_get_par_embedding_levels_ex(l->types, brackets, l->n, &base,
                                                           l->levels);
    free(brackets);
    if (max == 0) {
        SDL_SetError("bidi analysis failed");
        return -1;
    }
    l->rtl = base == FRIBIDI_PAR_RTL;
    line_split(l, fonts, weight);
    l->width = 0;
    for (int p = 0; p < l->n_pieces; p++) {
        TTF_Font *font = piece_font(l, fonts, weight, px, p);
        int w = 0, h = 0;
        if (!font || TTF_SizeUTF8(font, l->scratch, &w, &h) < 0)
            return -1;
        if (piece_extent(&l->pieces[p], font, px, h, l->scratch) < 0)
            return -1;
        l->pieces[p].w = w;
        l->width += w;
    }
    line_reorder(l);
    return 0;
}

/*
 * How far piece p's ink may reach above and below the baseline (l->scratch
 * holds the piece's text, h is the height SDL_ttf gives its surface).
 * Usually the font's declared ascent and descent, with no rendering.  Two
 * cases need the ink itself, found by rendering once:
 *  - ink outside the declared box (stacked accents, a font whose Arabic
 *    descends below its Latin descent): SDL_ttf's surface is taller than
 *    the font's height;
 *  - a fallback face made for stacked marks declares far more room than its
 *    letters take (Noto Sans Arabic: 1.4 em up, 0.7 em down), which would
 *    push the lines of every block with a word of Arabic apart.
 */
static int piece_extent(piece *p, TTF_Font *font, int px, int h, const char *text)
{
    int a = TTF_FontAscent(font), d = -TTF_FontDescent(font);
    bool oversized = p->face != 0 && (a > px || d > px / 2);
    if (h <= TTF_FontHeight(font) && !oversized) {
        p->ascent = a;
        p->descent = d > 0 ? d : 0;
        return 0;
    }
    static const SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *glyphs = TTF_RenderUTF8_Blended(font, text, white);
    if (!glyphs)
        return -1;
    int baseline = a + overflow_above(glyphs, font), top = -1, bottom = -1;
    ink_rows(glyphs, &top, &bottom);
    SDL_FreeSurface(glyphs);
    int ink_a = top < 0 ? 0 : baseline - top, ink_d = bottom < 0 ? 0 : bottom + 1 - baseline;
    /* The declared box stays the least a piece of the face takes, so lines
     * keep one rhythm, except for the oversized declarations. */
    p->ascent = oversized || ink_a > a ? ink_a : a;
    p->descent = oversized || ink_d > d ? ink_d : d;
    if (p->descent < 0)
        p->descent = 0;
    return 0;
}

/* The line box of an analysed line: the primary face's, grown to every
 * piece's reach (see bb_text_line_box). */
static int line_box_of(const line *l, bb_fonts *fonts, bb_weight weight, int px, int *ascent,
                       int *height)
{
    int a, d;
    if (bb_fonts_metrics(fonts, weight, px, &a, &d, NULL) < 0)
        return -1;
    for (int p = 0; p < l->n_pieces; p++) {
        if (l->pieces[p].ascent > a)
            a = l->pieces[p].ascent;
        if (l->pieces[p].descent > d)
            d = l->pieces[p].descent;
    }
    if (ascent)
        *ascent = a;
    if (height)
        *height = a + d;
    return 0;
}

/* Cut at every change of level, of face (a character the current face lacks)
 * and of script (a letter of another script). */
static void line_split(line *l, bb_fonts *fonts, bb_weight weight)
{
    piece *cur = NULL;
    for (int i = 0; i < l->n; i++) {
        uint32_t cp = l->cps[i];
        const char *script = script_of(cp);
        bool split = !cur || l->levels[i] != cur->level;
        if (!split && !bb_fonts_face_has(fonts, weight, cur->face, cp)
            && l->types[i] != FRIBIDI_TYPE_NSM)
            split = true;  /* combining marks stay with their base whatever happens */
        if (!split && script && cur->script && strcmp(script, cur->script) != 0)
            split = true;
        if (split && l->n_pieces == BB_TEXT_MAX_RUNS)
            split = false;  /* out of pieces: the rest joins the last one */
        if (split) {
            cur = &l->pieces[l->n_pieces++];
            *cur = (piece){i, i, l->levels[i], line_face_at(l, fonts, weight, i), NULL, 0, 0, 0};
        }
        if (!cur->script)
            cur->script = script;
        cur->end = i + 1;
    }
}

/* The face for a piece starting at i: a letter's own; for punctuation,
 * digits and spaces, the face of the next letter at the same level when it
 * has the character, so "(" before Arabic is drawn with the Arabic face. */
static int line_face_at(const line *l, bb_fonts *fonts, bb_weight weight, int i)
{
    if (!FRIBIDI_IS_LETTER(l->types[i])) {
        for (int j = i + 1; j < l->n && l->levels[j] == l->levels[i]; j++) {
            if (!FRIBIDI_IS_LETTER(l->types[j]))
                continue;
            int f = bb_fonts_face_for(fonts, weight, l->cps[j]);
            if (bb_fonts_face_has(fonts, weight, f, l->cps[i]))
                return f;
            break;
        }
    }
    return bb_fonts_face_for(fonts, weight, l->cps[i]);
}

/* UAX #9 L2 on whole pieces: from the highest level down to the lowest odd
 * one, reverse every maximal sequence of pieces at that level or higher. */
static void line_reorder(line *l)
{
    FriBidiLevel max = 0, min_odd = 255;
    for (int p = 0; p < l->n_pieces; p++) {
        l->order[p] = p;
        FriBidiLevel lv = l->pieces[p].level;
        if (lv > max)
            max = lv;
        if ((lv & 1) && lv < min_odd)
            min_odd = lv;
    }
    for (int lv = max; lv >= min_odd && lv > 0; lv--) {
        for (int p = 0; p < l->n_pieces;) {
            if (l->pieces[l->order[p]].level < lv) {
                p++;
                continue;
            }
            int q = p;
            while (q < l->n_pieces && l->pieces[l->order[q]].level >= lv)
                q++;
            for (int a = p, b = q - 1; a < b; a++, b--) {
                int t = l->order[a];
                l->order[a] = l->order[b];
                l->order[b] = t;
            }
            p = q;
        }
    }
}

/* The font for piece p with its direction and script set, and the piece's
 * text in l->scratch. */
static TTF_Font *piece_font(line *l, bb_fonts *fonts, bb_weight weight, int px, int p)
{
    const piece *pc = &l->pieces[p];
    size_t a = l->off[pc->start], b = l->off[pc->end];
    memcpy(l->scratch, l->utf8 + a, b - a);
    l->scratch[b - a] = '\0';
    /* Tabs and other controls have no glyph (SDL_ttf would draw .notdef):
     * they are spaces here, as in line_decode.  Single bytes in UTF-8, so
     * replacing them keeps every offset. */
    for (size_t i = 0; i < b - a; i++)
        if ((unsigned char)l->scratch[i] < 0x20 || l->scratch[i] == 0x7F)
            l->scratch[i] = ' ';
    TTF_Font *font = bb_fonts_get(fonts, weight, pc->face, px);
    if (!font)
        return NULL;
    if (TTF_SetFontDirection(font, (pc->level & 1) ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR) < 0
        || TTF_SetFontScriptName(font, pc->script ? pc->script : "Zyyy") < 0)
        bb_log_once(BB_LOG_WARNING, "text shaping settings refused: %s", TTF_GetError());
    return font;
}

static int line_decode(line *l, const char *utf8, size_t len)
{
    l->utf8 = utf8;
    l->cps = malloc((len + 1) * sizeof *l->cps);
    l->off = malloc((len + 1) * sizeof *l->off);
    l->types = malloc((len + 1) * sizeof *l->types);
    l->levels = malloc((len + 1) * sizeof *l->levels);
    l->scratch = malloc(len + 1);
    if (!l->cps || !l->off || !l->types || !l->levels || !l->scratch) {
        SDL_OutOfMemory();
        return -1;
    }
    size_t i = 0;
    int n = 0;
    while (i < len) {
        size_t adv;
        l->off[n] = i;
        uint32_t cp = bb_utf8_decode(utf8 + i, len - i, &adv);
        l->cps[n++] = cp < 0x20 || cp == 0x7F ? ' ' : cp;
        i += adv;
    }
    l->off[n] = len;
    l->n = n;
    return 0;
}

static void line_free(line *l)
{
    free(l->cps);
    free(l->off);
    free(l->types);
    free(l->levels);
    free(l->scratch);
}

/* ISO 15924 tag for HarfBuzz; NULL for characters common to all scripts
 * (digits, punctuation, spaces), which join the piece they are in. */
static const char *script_of(uint32_t cp)
{
    if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7))
        return "Latn";
    if (cp < 0x370)
        return NULL;
    if (cp <= 0x3FF || (cp >= 0x1F00 && cp <= 0x1FFF))
        return "Grek";
    if (cp <= 0x52F)
        return "Cyrl";
    if (cp >= 0x591 && cp <= 0x5FF)
        return cp < 0x5D0 ? NULL : "Hebr";  /* points join the letters' piece */
    if (cp >= 0xFB1D && cp <= 0xFB4F)
        return "Hebr";
    if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0x8A0 && cp <= 0x8FF)
        || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
        bool common = (cp >= 0x660 && cp <= 0x669) || cp == 0x60C || cp == 0x61B || cp == 0x61F
                      || (cp >= 0x64B && cp <= 0x65F);
        return common ? NULL : "Arab";
    }
    if ((cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xAC00 && cp <= 0xD7AF))
        return "Hang";
    /* Kana and ideographs mix in every Japanese sentence and need no
     * shaping: one piece, not one per script change. */
    if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2FFFF))
        return "Hani";
    return NULL;
}

/* ---- rendering ---- */

/* Render l's pieces left to right from x0 with their baselines on
 * `baseline`, blending coverage into dst's alpha. */
static int line_render_into(SDL_Surface *dst, line *l, bb_fonts *fonts, bb_weight weight, int px,
                            int x0, int baseline)
{
    static const SDL_Color white = {255, 255, 255, 255};
    int x = x0;
    for (int v = 0; v < l->n_pieces; v++) {
        int p = l->order[v];
        TTF_Font *font = piece_font(l, fonts, weight, px, p);
        if (!font)
            return -1;
        SDL_Surface *glyphs = TTF_RenderUTF8_Blended(font, l->scratch, white);
        if (glyphs) {
            blend_alpha(dst, glyphs, x,
                        baseline - TTF_FontAscent(font) - overflow_above(glyphs, font));
            SDL_FreeSurface(glyphs);
        }
        /* No surface: the piece draws nothing (only zero-width characters). */
        x += l->pieces[p].w;
    }
    return 0;
}

/*
 * Of the rows an SDL_ttf surface has beyond the font's height, how many are
 * above the ascent.  SDL_ttf grows the surface for ink outside the font's
 * box and, for ink above, moves the baseline down, so that the first row
 * then has ink: all the overflow is counted above in that case (ink over
 * and under at once is placed as if all were over), none otherwise.
 */
static int overflow_above(const SDL_Surface *glyphs, TTF_Font *font)
{
    int overflow = glyphs->h - TTF_FontHeight(font);
    if (overflow <= 0 || glyphs->format->format != SDL_PIXELFORMAT_ARGB8888)
        return 0;
    const Uint32 *row = glyphs->pixels;
    for (int x = 0; x < glyphs->w; x++)
        if (row[x] >> 24)
            return overflow;
    return 0;
}

/* First and last rows with any ink; -1 when none. */
static void ink_rows(const SDL_Surface *glyphs, int *top, int *bottom)
{
    *top = *bottom = -1;
    if (glyphs->format->format != SDL_PIXELFORMAT_ARGB8888)
        return;
    for (int y = 0; y < glyphs->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)glyphs->pixels + (size_t)y * glyphs->pitch);
        for (int x = 0; x < glyphs->w; x++)
            if (row[x] >> 24) {
                if (*top < 0)
                    *top = y;
                *bottom = y;
                break;
            }
    }
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

static SDL_Texture *texture_from(SDL_Renderer *renderer, SDL_Surface *s, int *w, int *h)
{
    if (!s)
        return NULL;
    SDL_Texture *t = SDL_CreateTextureFromSurface(renderer, s);
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

static bool layout_rtl(const bb_layout *layout, bb_dir dir)
{
    if (dir != BB_DIR_AUTO)
        return dir == BB_DIR_RTL;
    for (int i = 0; i < bb_layout_line_count(layout); i++) {
        const char *text = bb_layout_line(layout, i);
        FriBidiParType t = par_type(text, strlen(text));
        if (t != FRIBIDI_PAR_ON)
            return t == FRIBIDI_PAR_RTL;
    }
    return false;
}

/* Direction of the first strong character: FRIBIDI_PAR_LTR or _RTL, or
 * FRIBIDI_PAR_ON when there is none. */
static FriBidiParType par_type(const char *utf8, size_t len)
{
    line l = {0};
    FriBidiParType t = FRIBIDI_PAR_ON;
    if (line_decode(&l, utf8, len) == 0 && l.n > 0) {
        for (int k = 0; k < l.n; k++)
            l.types[k] = fribidi_get_bidi_type(l.cps[k]);
        t = fribidi_get_par_direction(l.types, l.n);
    }
    line_free(&l);
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
