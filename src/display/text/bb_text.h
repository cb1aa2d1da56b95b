/*
 * bb_text: measuring and rendering a UTF-8 line or a laid-out block, right
 * for every script the product shows.
 *
 * A line is split into bidirectional runs with GNU FriBidi (paragraph
 * direction from the first strong character unless given), the runs are
 * reordered into visual order, each run is split again wherever the glyphs
 * need another face of the font chain, and each piece is shaped by SDL_ttf's
 * HarfBuzz with its direction and script set (Arabic joins, Hebrew runs
 * right to left) and rendered with TTF_RenderUTF8_Blended.  The pieces are
 * composed left to right on one surface on a common baseline (see
 * bb_text_line_box).
 *
 * Everything here is heavy (shaping, rasterising): do it when a slide's
 * content or the screen size changes, never per frame.  Textures returned
 * belong to the caller; their blend mode is SDL_BLENDMODE_BLEND and their
 * alpha/colour mods are untouched, so fades can use SDL_SetTextureAlphaMod.
 */
#ifndef BB_TEXT_H
#define BB_TEXT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "bb_fonts.h"
#include "bb_layout.h"

typedef enum bb_align {
    BB_ALIGN_START,   /* left in a left-to-right paragraph, right in a right-to-left one */
    BB_ALIGN_CENTER,
    BB_ALIGN_END
} bb_align;

typedef enum bb_dir {
    BB_DIR_AUTO,      /* from the first strong character; left-to-right when there is none */
    BB_DIR_LTR,
    BB_DIR_RTL
} bb_dir;

/* How to draw text. */
typedef struct bb_text_style {
    bb_weight weight;
    int px;              /* font pixel size; bb_text_render_layout uses the layout's */
    SDL_Color color;     /* alpha is applied to the glyphs' coverage */
    bb_align align;
    bb_dir dir;
} bb_text_style;

/* One visual run of a line, for tests and diagnostics. */
typedef struct bb_text_run {
    size_t start, len;   /* bytes of the logical text */
    bool rtl;            /* shaped right to left */
    int face;            /* index into the weight's chain */
    int x, w;            /* position and advance width in pixels, visual order */
} bb_text_run;

/* Most runs one line is split into; past this the rest of the line joins the
 * last run (which then may draw a few .notdef boxes). */
#define BB_TEXT_MAX_RUNS 64

/* Paragraph direction of text: true when its first strong character is
 * right-to-left (Arabic, Hebrew). */
bool bb_text_is_rtl(const char *utf8, size_t len);

/*
 * Width and height in pixels of text[0..len) as one line (newlines are not
 * special).  Height is its line box (bb_text_line_box).  Either pointer may be
 * NULL.  Returns 0, or -1 with SDL_GetError() when fonts fail.
 */
int bb_text_size(bb_fonts *fonts, bb_weight weight, int px, const char *utf8, size_t len,
                 int *w, int *h);

/*
 * The line box of text[0..len) at px, in pixels: the highest ascent above
 * the baseline and the deepest descent below it among the faces the text
 * uses (other faces' capped at 1 em up and 1/2 em down: fonts made for
 * stacked marks declare far more than their letters need).  Latin text gets
 * the primary face's own box; Arabic gets room for its descenders.  Either pointer may
 * be NULL.  Returns 0, or -1 with SDL_GetError() when fonts fail.
 */
int bb_text_line_box(bb_fonts *fonts, bb_weight weight, int px, const char *utf8, size_t len,
                     int *ascent, int *height);

/*
 * The visual runs of text[0..len) as one line in direction dir: fills
 * out[0..max) left to right and returns how many runs there are (may exceed
 * max: then only max were written), or -1 when fonts fail.
 */
int bb_text_runs(bb_fonts *fonts, bb_weight weight, int px, bb_dir dir, const char *utf8,
                 size_t len, bb_text_run *out, int max);

/*
 * A measurer for bb_layout using fonts (borrowed: must outlive every use of
 * the measurer) and a weight.
 */
bb_measurer bb_text_measurer(bb_fonts *fonts, bb_weight weight);

/*
 * Render one line at style->px in style->color onto a new ARGB8888 surface
 * exactly as wide as the text and as tall as its line box (bb_text_line_box,
 * the baseline at its ascent).  Empty text gives a 1 x height transparent
 * surface.  Returns a surface the caller frees (SDL_FreeSurface), or NULL
 * with SDL_GetError().
 */
SDL_Surface *bb_text_render_surface(bb_fonts *fonts, const char *utf8, const bb_text_style *style);

/*
 * The same as a texture for renderer.  *w and *h (may be NULL) get its size.
 * Returns a texture the caller destroys, or NULL with SDL_GetError().
 */
SDL_Texture *bb_text_render(SDL_Renderer *renderer, bb_fonts *fonts, const char *utf8,
                            const bb_text_style *style, int *w, int *h);

/*
 * Render a laid-out block (lines of layout, at its pixel size; style->px is
 * ignored) into one texture box_w wide and bb_layout_height() tall, each line
 * aligned within box_w by style->align and its paragraph's direction
 * (style->dir; with BB_DIR_AUTO each paragraph -- the text between '\n's --
 * has its own, from its first strong character).  The layout must
 * come from a bb_text_measurer with the same fonts and weight.  *w and *h
 * (may be NULL) get the size.  Returns a texture the caller destroys, or
 * NULL with SDL_GetError() (also for a layout with no lines).
 *
 * box_w <= 0 means the layout's own width (its widest line): the same
 * picture in a smaller texture, to draw at x = bb_text_align_x(style->align,
 * bb_text_layout_is_rtl(layout, style->dir), box_w, *w) inside the box.
 * Prefer that on large screens: a full-width texture per block at 3840 px
 * costs GPU memory a Pi does not have to spare.  (A block whose paragraphs
 * go in both directions is the exception: its lines align within the
 * tight width, so give it the box's.)
 */
SDL_Texture *bb_text_render_layout(SDL_Renderer *renderer, bb_fonts *fonts,
                                   const bb_layout *layout, const bb_text_style *style,
                                   int box_w, int *w, int *h);

/* Surface version of bb_text_render_layout (caller frees). */
SDL_Surface *bb_text_render_layout_surface(bb_fonts *fonts, const bb_layout *layout,
                                           const bb_text_style *style, int box_w);

/* x offset of a line w wide inside box_w for align in a paragraph of
 * direction rtl (start = right edge when rtl). */
int bb_text_align_x(bb_align align, bool rtl, int box_w, int w);

/* Where bb_text_render_layout puts the first line's baseline: pixels from
 * the top of the block (line i's is i * bb_layout_advance() further down).
 * For placing things on the text's lines -- a bullet on the first line's
 * x-height (bb_fonts_x_height), a label on the same baseline.  -1 when
 * fonts fail. */
int bb_text_layout_baseline(bb_fonts *fonts, const bb_layout *layout, bb_weight weight);

/* The direction of layout's (first) paragraph as bb_text_render_layout
 * sets it: dir, or with BB_DIR_AUTO that of the first strong character. */
bool bb_text_layout_is_rtl(const bb_layout *layout, bb_dir dir);

#endif
