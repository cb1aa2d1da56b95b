/*
 * bb_fonts: the font chain -- configured families found through fontconfig,
 * script fallbacks after them -- and a bounded cache of open TTF_Fonts.
 *
 * The chain for each weight is: every configured family that fontconfig
 * really has (a family it does not have is skipped with a warning), then the
 * script fallbacks (Noto Sans; Arabic: Noto Sans Arabic, Noto Naskh Arabic;
 * Hebrew: Noto Sans Hebrew; CJK: Noto Sans CJK; then DejaVu Sans, which
 * covers Arabic and Hebrew too; symbols), then fontconfig's own best
 * "sans-serif" families as a last resort.  Each character is drawn by the
 * first face that has it, except that Arabic, Hebrew and CJK go to a face
 * made for the script when the chain has one (see bb_fonts_face_for).  A
 * character no face provides makes bb_fonts_face_for() ask fontconfig for a
 * font that has it and append that face.  Every face is an absolute path
 * from fontconfig: nothing is looked up relative to the working directory.
 *
 * Faces are indexed 0..n-1 in chain order; face 0 is the primary face whose
 * metrics (ascent, line height) text uses.
 */
#ifndef BB_FONTS_H
#define BB_FONTS_H

#include <SDL_ttf.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct bb_fonts bb_fonts;
struct bb_textmemo;

typedef enum bb_weight {
    BB_WEIGHT_REGULAR,
    BB_WEIGHT_BOLD,
    BB_WEIGHT_COUNT
} bb_weight;

/* Most faces in one weight's chain (configured + fallbacks + found later). */
#define BB_FONTS_MAX_FACES 24
/* Most TTF_Fonts kept open at once (each face's file is mapped once and
 * shared by its sizes). */
#define BB_FONTS_CACHE_MAX 40
/* Pixel sizes accepted by bb_fonts_get(). */
#define BB_FONTS_MIN_PX 4
#define BB_FONTS_MAX_PX 1024

/*
 * Build the chains for families[0..n) (first choice first; borrowed, e.g.
 * (const char *const *)cfg->display.fonts.v).  n may be 0: only fallbacks.
 * Initialises SDL_ttf (TTF_Init, reference counted) and fontconfig.  A
 * configured family fontconfig does not have is logged as a warning and
 * skipped.  Returns a handle the caller owns (bb_fonts_destroy), or NULL with
 * SDL_SetError() saying why when no usable font exists at all (the caller
 * exits BB_EXIT_ENVIRONMENT) or when out of memory.
 */
bb_fonts *bb_fonts_create(const char *const *families, int n);

/* Closes every font and releases SDL_ttf; NULL is a no-op.  TTF_Fonts got
 * from bb_fonts_get() die here. */
void bb_fonts_destroy(bb_fonts *fonts);

/* True when fontconfig has the family itself (not a substitute): for
 * --check, which can name the config line of a family that is missing.
 * Needs no bb_fonts and no SDL_ttf. */
bool bb_fonts_family_available(const char *family);

/* Face i's file (absolute) and family name; borrowed, live with fonts.
 * NULL when i is out of range. */
const char *bb_fonts_face_file(const bb_fonts *fonts, bb_weight weight, int face);
const char *bb_fonts_face_family(const bb_fonts *fonts, bb_weight weight, int face);

/* How many configured families were missing and skipped (for tests and
 * --check). */
int bb_fonts_missing_count(const bb_fonts *fonts);

/*
 * Index of the face that draws codepoint cp: for Arabic, Hebrew and CJK the
 * first face in the chain made for that script (its family names it: "Noto
 * Sans Arabic"); else the first face that has the glyph
 * (TTF_GlyphIsProvided32); else a face fontconfig finds for it, appended to
 * the chain.
 * Returns 0 (the primary face, which draws its .notdef box) when no font on
 * the system has it.
 */
int bb_fonts_face_for(bb_fonts *fonts, bb_weight weight, uint32_t cp);

/* True when face `face` of the weight's chain has a glyph for cp. */
bool bb_fonts_face_has(bb_fonts *fonts, bb_weight weight, int face, uint32_t cp);

/*
 * The open font for (weight, face, px), from the cache (opened on a miss,
 * least recently used evicted).  Bold asked of a face that has no bold gets
 * SDL_ttf's synthetic bold.  Borrowed: valid until the next bb_fonts_get()
 * on the same handle (which may evict it) or bb_fonts_destroy().  Callers
 * may change its direction and script, never its size or style.  NULL (with
 * SDL_GetError()) when the face cannot be opened or px is outside
 * [BB_FONTS_MIN_PX, BB_FONTS_MAX_PX].
 */
TTF_Font *bb_fonts_get(bb_fonts *fonts, bb_weight weight, int face, int px);

/*
 * Vertical metrics of the primary face at px, in pixels: ascent (above the
 * baseline, > 0), descent (below it, >= 0, a positive number) and height of
 * a line box (ascent + descent).  Any pointer may be NULL.  Returns 0, or
 * -1 when the font cannot be opened.
 */
int bb_fonts_metrics(bb_fonts *fonts, bb_weight weight, int px, int *ascent, int *descent,
                     int *height);

/*
 * Height of capital letters and digits above the baseline at px (the
 * primary face's "H"), in pixels, for centring a big figure by its ink
 * rather than by its line box (which leaves room for descenders and
 * accents): baseline = box middle + cap height / 2.  -1 when the font
 * cannot be opened.
 */
int bb_fonts_cap_height(bb_fonts *fonts, bb_weight weight, int px);

/* Height of lower-case letters above the baseline at px (the primary
 * face's "x"), in pixels: a bullet centred on it sits where the eye
 * expects.  -1 when the font cannot be opened. */
int bb_fonts_x_height(bb_fonts *fonts, bb_weight weight, int px);

/* Cache statistics for tests: fonts open now. */
int bb_fonts_cache_count(const bb_fonts *fonts);

/* The measures of shaped text pieces made with these fonts (bb_textmemo):
 * they hold as long as the chains do, so they live and die with fonts.
 * Borrowed; NULL for NULL fonts. */
struct bb_textmemo *bb_fonts_textmemo(bb_fonts *fonts);

#endif
