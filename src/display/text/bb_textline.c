/*
 * bb_textline: decoding, bidi levels, pieces by level, face and script,
 * their measures and reach, visual order.
 */
#include "bb_textline.h"

#include <stdlib.h>
#include <string.h>

#include "bb_layout.h"
#include "bb_log.h"
#include "bb_textmemo.h"

/* Widest sample of a piece rendered to find its ink (piece_extent), px:
 * the surface is this wide and a line box tall, 16 MB at the largest
 * figure of a 3840x2160 screen, where 256 bytes of CJK made one of 200 MB
 * at every size the layout tried. */
#define INK_SAMPLE_PX 4096

static int piece_extent(bb_piece *p, TTF_Font *font, int px, int w, int h, char *text);
static size_t sample_cut(const char *text, size_t len, size_t max);
static void line_split(bb_textline *l, bb_fonts *fonts, bb_weight weight);
static int line_face_at(const bb_textline *l, bb_fonts *fonts, bb_weight weight, int i);
static void line_reorder(bb_textline *l);
static int line_decode(bb_textline *l, const char *utf8, size_t len);
static const char *script_of(uint32_t cp);
static void ink_rows(const SDL_Surface *glyphs, int *top, int *bottom);

/* Decode, resolve bidi levels, cut into pieces, measure them, order them. */
int bb_textline_analyse(bb_textline *l, bb_fonts *fonts, bb_weight weight, int px, bb_dir dir,
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
    bb_textmemo *memo = bb_fonts_textmemo(fonts);
    for (int p = 0; p < l->n_pieces; p++) {
        bb_piece *pc = &l->pieces[p];
        /* Shaping is the costly part of layout, and layout measures the
         * same pieces many times: each is shaped once (bb_textmemo). */
        size_t a = l->off[pc->start], b = l->off[pc->end];
        if (l->reach_only)
            b = a + sample_cut(l->utf8 + a, b - a, BB_TEXTLINE_SAMPLE_BYTES);
        bb_textmemo_key key = { (int)weight, pc->face, px, (pc->level & 1) != 0, pc->script,
                                l->utf8 + a, b - a };
        bb_textmemo_value v;
        if (bb_textmemo_find(memo, &key, &v)) {
            pc->w = v.w;
            pc->ascent = v.ascent;
            pc->descent = v.descent;
            l->width += v.w;
            continue;
        }
        TTF_Font *font = bb_textline_piece_font(l, fonts, weight, px, p);
        int w = 0, h = 0;
        if (font)
            l->scratch[b - a] = '\0';   /* reach_only: the sample */
        if (!font || TTF_SizeUTF8(font, l->scratch, &w, &h) < 0)
            return -1;
        if (w <= 0) {
            /* Only format characters (U+061C, U+200B, ZWJ...): the piece
             * draws nothing and takes no room; SDL_ttf would refuse to
             * render it ("Text has zero width"), failing the whole slide. */
            pc->ascent = pc->descent = 0;
        } else if (l->width_only) {
            /* Its reach was not measured: remembered, it would give a
             * later analysis that needs the reach a wrong one. */
            pc->w = w;
            l->width += w;
            continue;
        } else if (piece_extent(pc, font, px, w, h, l->scratch) < 0)
            return -1;
        pc->w = w;
        l->width += w;
        bb_textmemo_store(memo, &key, &(bb_textmemo_value){ w, h, pc->ascent, pc->descent });
    }
    line_reorder(l);
    return 0;
}

void bb_textline_free(bb_textline *l)
{
    free(l->cps);
    free(l->off);
    free(l->types);
    free(l->levels);
    free(l->scratch);
}

/* The line box of an analysed line: the primary face's, grown to every
 * piece's reach (see bb_text_line_box). */
int bb_textline_box(const bb_textline *l, bb_fonts *fonts, bb_weight weight, int px, int *ascent,
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

/* The font for piece p with its direction and script set, and the piece's
 * text in l->scratch. */
TTF_Font *bb_textline_piece_font(bb_textline *l, bb_fonts *fonts, bb_weight weight, int px,
                                 int p)
{
    const bb_piece *pc = &l->pieces[p];
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

/*
 * Of the rows an SDL_ttf surface has beyond the font's height, how many are
 * above the ascent.  SDL_ttf grows the surface for ink outside the font's
 * box and, for ink above, moves the baseline down, so that the first row
 * then has ink: all the overflow is counted above in that case (ink over
 * and under at once is placed as if all were over), none otherwise.
 */
int bb_textline_overflow_above(const SDL_Surface *glyphs, TTF_Font *font)
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

/* Direction of the first strong character: FRIBIDI_PAR_LTR or _RTL, or
 * FRIBIDI_PAR_ON when there is none. */
FriBidiParType bb_textline_direction(const char *utf8, size_t len)
{
    bb_textline l = {0};
    FriBidiParType t = FRIBIDI_PAR_ON;
    if (line_decode(&l, utf8, len) == 0 && l.n > 0) {
        for (int k = 0; k < l.n; k++)
            l.types[k] = fribidi_get_bidi_type(l.cps[k]);
        t = fribidi_get_par_direction(l.types, l.n);
    }
    bb_textline_free(&l);
    return t;
}

/*
 * How far piece p's ink may reach above and below the baseline (l->scratch
 * holds the piece's text, w and h are the size SDL_ttf gives its surface).
 * Usually the font's declared ascent and descent, with no rendering.  Two
 * cases need the ink itself, found by rendering once:
 *  - ink outside the declared box (stacked accents, a font whose Arabic
 *    descends below its Latin descent): SDL_ttf's surface is taller than
 *    the font's height;
 *  - a fallback face made for stacked marks declares far more room than its
 *    letters take (Noto Sans Arabic: 1.4 em up, 0.7 em down), which would
 *    push the lines of every block with a word of Arabic apart.
 */
static int piece_extent(bb_piece *p, TTF_Font *font, int px, int w, int h, char *text)
{
    int a = TTF_FontAscent(font), d = -TTF_FontDescent(font);
    bool oversized = p->face != 0 && (a > px || d > px / 2);
    if (h <= TTF_FontHeight(font) && !oversized) {
        p->ascent = a;
        p->descent = d > 0 ? d : 0;
        return 0;
    }
    static const SDL_Color white = {255, 255, 255, 255};
    /* The ink of the piece's start -- its first BB_TEXTLINE_SAMPLE_BYTES,
     * no wider than INK_SAMPLE_PX -- stands for the piece's: a 4,000-byte
     * line of CJK at 3840x2160 is a surface of ~700 MB, measured at every
     * size the layout tries (issue #16 row 11).  The piece's own text is
     * restored after. */
    char *cut = NULL, saved = 0;
    size_t len = strlen(text), keep = len;
    if (w > INK_SAMPLE_PX)
        keep = (size_t)((double)len * INK_SAMPLE_PX / w);
    keep = sample_cut(text, len, keep < BB_TEXTLINE_SAMPLE_BYTES ? keep : BB_TEXTLINE_SAMPLE_BYTES);
    if (keep < len) {
        cut = text + keep;
        saved = *cut;
        *cut = '\0';
    }
    SDL_Surface *glyphs = TTF_RenderUTF8_Blended(font, text, white);
    if (cut)
        *cut = saved;
    if (!glyphs)
        return -1;
    int baseline = a + bb_textline_overflow_above(glyphs, font), top = -1, bottom = -1;
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

/* The length of text[0..len)'s start of at most max bytes that ends at a
 * character boundary; at least its first character. */
static size_t sample_cut(const char *text, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t at = max;
    while (at > 0 && ((unsigned char)text[at] & 0xC0) == 0x80)
        at--;
    if (at == 0) {   /* not even one character: the first whole */
        at = 1;
        while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
            at++;
    }
    return at;
}

/* Cut at every change of level, of face (a character the current face lacks)
 * and of script (a letter of another script). */
static void line_split(bb_textline *l, bb_fonts *fonts, bb_weight weight)
{
    bb_piece *cur = NULL;
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
            *cur = (bb_piece){i, i, l->levels[i], line_face_at(l, fonts, weight, i), NULL, 0, 0, 0};
        }
        if (!cur->script)
            cur->script = script;
        cur->end = i + 1;
    }
}

/* The face for a piece starting at i: a letter's own; for punctuation,
 * digits and spaces, the face of the next letter at the same level when it
 * has the character, so "(" before Arabic is drawn with the Arabic face. */
static int line_face_at(const bb_textline *l, bb_fonts *fonts, bb_weight weight, int i)
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
static void line_reorder(bb_textline *l)
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

static int line_decode(bb_textline *l, const char *utf8, size_t len)
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
        return cp < 0x5D0 ? NULL : "Hebr";  /* points join the letters' bb_piece */
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
