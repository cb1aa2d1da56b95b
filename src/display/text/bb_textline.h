/*
 * bb_textline: one line of text analysed for drawing -- the engine room of
 * bb_text, shared by nothing else.
 *
 * SDL_ttf shapes one string in one direction with one font: it does no bidi
 * and no font fallback.  So a line is cut into pieces that each have one
 * embedding level (GNU FriBidi), one face of the chain and one script; each
 * piece is handed to SDL_ttf in logical order with its direction set
 * (HarfBuzz lays an RTL piece out right to left), and the pieces are placed
 * in visual order (UAX #9 rule L2 applied to whole pieces).
 */
#ifndef BB_TEXTLINE_H
#define BB_TEXTLINE_H

#include <SDL.h>
#include <fribidi.h>
#include <stdbool.h>
#include <stdint.h>

#include "bb_fonts.h"
#include "bb_text.h"

/* A piece measured for its reach alone (bb_textline.reach_only) is measured
 * on its first this many bytes (~80 CJK characters): the line box of a
 * block is asked for the whole block's text at every size the layout
 * tries, and a 4,000-byte text shaped whole each time made the layout's
 * cost grow with the text, not with what the box can show (issue #16 row
 * 11).  A piece is one script in one face: its start stands for it. */
#define BB_TEXTLINE_SAMPLE_BYTES 256

/* A piece of a line: one level, one face, one script; logical order. */
typedef struct bb_piece {
    int start, end;        /* codepoint indices */
    FriBidiLevel level;
    int face;
    const char *script;    /* ISO 15924 tag; NULL until a letter decides */
    int w;                 /* advance width, px */
    int ascent, descent;   /* how far its ink may reach above and below the baseline, px */
} bb_piece;

/* A line analysed: codepoints, byte offsets, levels, pieces. */
typedef struct bb_textline {
    const char *utf8;      /* borrowed */
    int n;                 /* codepoints */
    uint32_t *cps;
    size_t *off;           /* byte offset of each codepoint; off[n] = length */
    FriBidiCharType *types;
    FriBidiLevel *levels;
    bool rtl;              /* resolved paragraph direction */
    bb_piece pieces[BB_TEXT_MAX_RUNS];
    int n_pieces;
    int order[BB_TEXT_MAX_RUNS];  /* visual order: indices into pieces */
    int width;             /* sum of the pieces' widths, px */
    char *scratch;         /* one piece's UTF-8, NUL-terminated */
    bool width_only;       /* set before analysing: widths only, no reach (ascent,
                              descent) -- which may render a piece to find its ink */
    bool reach_only;       /* set before analysing: reach only, from the first
                              BB_TEXTLINE_SAMPLE_BYTES of each piece; no widths */
} bb_textline;

/*
 * Analyse utf8[0..len) (borrowed: must outlive l) as one line at px in
 * paragraph direction dir: levels, pieces, their widths and reach, visual
 * order.  l must start zeroed (but for width_only or reach_only);
 * bb_textline_free it whatever this returns.
 * Returns 0, or -1 with SDL_GetError() when fonts fail or memory runs out.
 */
int bb_textline_analyse(bb_textline *l, bb_fonts *fonts, bb_weight weight, int px, bb_dir dir,
                        const char *utf8, size_t len);

/* Frees what analysis allocated (not l itself); a zeroed l is fine. */
void bb_textline_free(bb_textline *l);

/* The line box of an analysed line: the primary face's ascent and height,
 * grown to every piece's reach.  Returns 0 or -1 (fonts). */
int bb_textline_box(const bb_textline *l, bb_fonts *fonts, bb_weight weight, int px, int *ascent,
                    int *height);

/* The font for piece p, its direction and script set, with the piece's
 * text in l->scratch.  Borrowed as bb_fonts_get(); NULL on failure. */
TTF_Font *bb_textline_piece_font(bb_textline *l, bb_fonts *fonts, bb_weight weight, int px,
                                 int p);

/* Rows of an SDL_ttf surface above the font's ascent (SDL_ttf moves the
 * baseline down by that much for ink that rises above it). */
int bb_textline_overflow_above(const SDL_Surface *glyphs, TTF_Font *font);

/* Direction of the first strong character: FRIBIDI_PAR_LTR or _RTL, or
 * FRIBIDI_PAR_ON when there is none. */
FriBidiParType bb_textline_direction(const char *utf8, size_t len);

#endif
