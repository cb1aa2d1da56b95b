/*
 * bb_digits: one white atlas of pre-rendered glyphs, copied cell by cell.
 *
 * The atlas is built once per (size, weight); a countdown frame is then a
 * handful of SDL_RenderCopy calls from one texture, with the colour applied
 * through the texture's colour mod.  Digits are centred in cells as wide as
 * the widest digit, so the string's width depends only on its pattern.
 */
#include "bb_digits.h"

#include <stdlib.h>
#include <string.h>

#include "bb_layout.h"

/* Transparent pixels between atlas cells, so linear filtering at a scaled
 * draw never picks up a neighbour's edge. */
#define ATLAS_GAP_PX 2

typedef struct glyph {
    uint32_t cp;
    SDL_Rect src;       /* in the atlas; w == 0: nothing to draw (a space) */
    int advance;        /* pen advance, px (the digit cell for digits) */
    int dx;             /* where the glyph's surface starts relative to the pen */
    int dy;             /* and its top relative to the line's top */
} glyph;

struct bb_digits {
    SDL_Texture *atlas;
    glyph glyphs[BB_DIGITS_MAX_CHARS];
    int n;
    int px, ascent, height;
};

static int decode_next(const char **s, uint32_t *cp);
static const glyph *find_glyph(const bb_digits *d, uint32_t cp);
static int collect_chars(const char *chars, uint32_t *out);
static TTF_Font *glyph_font(bb_fonts *fonts, bb_weight weight, int px, uint32_t cp, int *minx,
                            int *advance);
static int digit_cell(bb_fonts *fonts, bb_weight weight, int px);
static int pattern_size(bb_fonts *fonts, bb_weight weight, int px, const char *s, int *w, int *h);

bb_digits *bb_digits_create(SDL_Renderer *renderer, bb_fonts *fonts, bb_weight weight, int px,
                            const char *chars)
{
    static const SDL_Color white = {255, 255, 255, 255};
    uint32_t cps[BB_DIGITS_MAX_CHARS];
    SDL_Surface *rendered[BB_DIGITS_MAX_CHARS] = {0};
    SDL_Surface *sheet = NULL;
    bb_digits *result = NULL, *d = calloc(1, sizeof *d);
    if (!d) {
        SDL_OutOfMemory();
        return NULL;
    }
    d->px = px;
    int n = collect_chars(chars ? chars : BB_DIGITS_DEFAULT_CHARS, cps);
    if (bb_fonts_metrics(fonts, weight, px, &d->ascent, NULL, &d->height) < 0)
        goto fail;

    /* Render every glyph; the widest of all ten digits sets the cell. */
    int sheet_w = ATLAS_GAP_PX, cell = digit_cell(fonts, weight, px);
    if (cell < 0)
        goto fail;
    for (int i = 0; i < n; i++) {
        int minx, advance;
        TTF_Font *font = glyph_font(fonts, weight, px, cps[i], &minx, &advance);
        if (!font)
            goto fail;
        /* bb_text may have left the font set for an RTL script. */
        TTF_SetFontDirection(font, TTF_DIRECTION_LTR);
        TTF_SetFontScriptName(font, "Zyyy");
        rendered[i] = TTF_RenderGlyph32_Blended(font, cps[i], white);
        glyph *g = &d->glyphs[i];
        g->cp = cps[i];
        g->advance = advance;
        /* SDL_ttf starts the surface at the leftmost ink when a glyph
         * overhangs to the left, else at the pen. */
        g->dx = minx < 0 ? minx : 0;
        g->dy = d->ascent - TTF_FontAscent(font);
        if (rendered[i]) {
            g->src = (SDL_Rect){sheet_w, 0, rendered[i]->w, rendered[i]->h};
            sheet_w += rendered[i]->w + ATLAS_GAP_PX;
        }
    }
    d->n = n;
    for (int i = 0; i < n; i++) {
        glyph *g = &d->glyphs[i];
        if (g->cp >= '0' && g->cp <= '9') {
            g->dx += (cell - g->advance) / 2;
            g->advance = cell;
        }
    }

    int sheet_h = d->height;
    for (int i = 0; i < n; i++)
        if (rendered[i] && d->glyphs[i].dy + rendered[i]->h > sheet_h)
            sheet_h = d->glyphs[i].dy + rendered[i]->h;
    sheet = SDL_CreateRGBSurfaceWithFormat(0, sheet_w, sheet_h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!sheet)
        goto fail;
    /* Transparent white, not black: a scaled draw filters glyph edges with
     * their neighbours, which must not darken them. */
    SDL_FillRect(sheet, NULL, 0x00FFFFFF);
    for (int i = 0; i < n; i++) {
        if (!rendered[i])
            continue;
        /* A straight copy: the sheet is transparent white, glyphs are white
         * with coverage in alpha. */
        SDL_SetSurfaceBlendMode(rendered[i], SDL_BLENDMODE_NONE);
        SDL_Rect dst = d->glyphs[i].src;
        if (SDL_BlitSurface(rendered[i], NULL, sheet, &dst) < 0)
            goto fail;
    }
    d->atlas = SDL_CreateTextureFromSurface(renderer, sheet);
    if (!d->atlas)
        goto fail;
    SDL_SetTextureBlendMode(d->atlas, SDL_BLENDMODE_BLEND);
    result = d;
    d = NULL;
fail:
    SDL_FreeSurface(sheet);
    for (int i = 0; i < n; i++)
        SDL_FreeSurface(rendered[i]);
    bb_digits_destroy(d);
    return result;
}

void bb_digits_destroy(bb_digits *digits)
{
    if (!digits)
        return;
    if (digits->atlas)
        SDL_DestroyTexture(digits->atlas);
    free(digits);
}

bool bb_digits_has(const bb_digits *digits, const char *s)
{
    return bb_digits_width(digits, s) >= 0;
}

int bb_digits_width(const bb_digits *digits, const char *s)
{
    int w = 0;
    uint32_t cp;
    while (decode_next(&s, &cp)) {
        const glyph *g = find_glyph(digits, cp);
        if (!g)
            return -1;
        w += g->advance;
    }
    return w;
}

int bb_digits_height(const bb_digits *digits) { return digits->height; }

int bb_digits_draw(bb_digits *digits, SDL_Renderer *renderer, const char *s, int x, int y,
                   SDL_Color color)
{
    int w = bb_digits_width(digits, s);
    if (w < 0)
        return -1;
    SDL_SetTextureColorMod(digits->atlas, color.r, color.g, color.b);
    SDL_SetTextureAlphaMod(digits->atlas, color.a);
    int pen = x;
    uint32_t cp;
    while (decode_next(&s, &cp)) {
        const glyph *g = find_glyph(digits, cp);
        if (g->src.w > 0) {
            SDL_Rect dst = {pen + g->dx, y + g->dy, g->src.w, g->src.h};
            SDL_RenderCopy(renderer, digits->atlas, &g->src, &dst);
        }
        pen += g->advance;
    }
    return w;
}

int bb_digits_texture_count(const bb_digits *digits) { return digits->atlas ? 1 : 0; }

int bb_digits_fit_px(bb_fonts *fonts, bb_weight weight, const char *widest, int box_w, int box_h,
                     int min_px, int max_px)
{
    int lo = min_px < BB_FONTS_MIN_PX ? BB_FONTS_MIN_PX : min_px;
    int hi = max_px > BB_FONTS_MAX_PX ? BB_FONTS_MAX_PX : max_px, best = -1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2, w, h;
        if (pattern_size(fonts, weight, mid, widest, &w, &h) < 0)
            return -1;
        if (w <= box_w && h <= box_h) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return best > 0 ? best : min_px;
}

/* The font that draws cp at px, with its left overhang (minx) and advance;
 * left set for plain left-to-right text (bb_text may have set it for an
 * RTL script).  NULL with SDL_GetError() on failure. */
static TTF_Font *glyph_font(bb_fonts *fonts, bb_weight weight, int px, uint32_t cp, int *minx,
                            int *advance)
{
    int face = bb_fonts_face_for(fonts, weight, cp);
    TTF_Font *font = bb_fonts_get(fonts, weight, face, px);
    int maxx, miny, maxy;
    if (!font || TTF_GlyphMetrics32(font, cp, minx, &maxx, &miny, &maxy, advance) < 0)
        return NULL;
    TTF_SetFontDirection(font, TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font, "Zyyy");
    return font;
}

/* The tabular cell: the widest advance of the ten digits at px, or -1. */
static int digit_cell(bb_fonts *fonts, bb_weight weight, int px)
{
    int cell = 0;
    for (uint32_t cp = '0'; cp <= '9'; cp++) {
        int minx, advance;
        if (!glyph_font(fonts, weight, px, cp, &minx, &advance))
            return -1;
        if (advance > cell)
            cell = advance;
    }
    return cell;
}

/* Width and height s would have drawn from a cache made at px. */
static int pattern_size(bb_fonts *fonts, bb_weight weight, int px, const char *s, int *w, int *h)
{
    int cell = digit_cell(fonts, weight, px);
    if (cell < 0 || bb_fonts_metrics(fonts, weight, px, NULL, NULL, h) < 0)
        return -1;
    *w = 0;
    uint32_t cp;
    while (decode_next(&s, &cp)) {
        int minx, advance = cell;
        if ((cp < '0' || cp > '9') && !glyph_font(fonts, weight, px, cp, &minx, &advance))
            return -1;
        *w += advance;
    }
    return 0;
}

/* The distinct codepoints of chars, at most BB_DIGITS_MAX_CHARS. */
static int collect_chars(const char *chars, uint32_t *out)
{
    int n = 0;
    uint32_t cp;
    while (n < BB_DIGITS_MAX_CHARS && decode_next(&chars, &cp)) {
        bool seen = false;
        for (int i = 0; i < n && !seen; i++)
            seen = out[i] == cp;
        if (!seen)
            out[n++] = cp;
    }
    return n;
}

static const glyph *find_glyph(const bb_digits *d, uint32_t cp)
{
    for (int i = 0; i < d->n; i++)
        if (d->glyphs[i].cp == cp)
            return &d->glyphs[i];
    return NULL;
}

/* Decodes the next UTF-8 character of *s into *cp and advances; 0 at the
 * end.  A malformed byte decodes as U+FFFD (never cached, so it is refused). */
static int decode_next(const char **s, uint32_t *cp)
{
    if (!**s)
        return 0;
    size_t adv;
    *cp = bb_utf8_decode(*s, strlen(*s), &adv);
    *s += adv;
    return 1;
}
