/*
 * bb_digits: a glyph cache for text that changes every second (countdowns,
 * the footer clock), drawn with no new textures and no jiggle.
 *
 * At creation every character of a small set is rendered once, white, into
 * one atlas texture.  Digits get tabular advances: each digit sits centred
 * in a cell as wide as the widest of the ten digits, so "11:11:11" and
 * "00:00:00" are equally wide and nothing moves as a countdown ticks.
 * Other characters
 * (":", " ", "d", ...) keep their own advance.  Drawing copies cells from the
 * atlas; the colour and opacity are applied at draw time with the texture's
 * colour and alpha mods, so one cache serves every colour at its size.
 *
 * Glyphs are drawn one by one, without kerning or shaping: use it for digits
 * and short Latin/symbol strings, not for running text.
 */
#ifndef BB_DIGITS_H
#define BB_DIGITS_H

#include <SDL.h>
#include <stdbool.h>

#include "bb_fonts.h"

typedef struct bb_digits bb_digits;

/* The characters cached when bb_digits_create() gets chars == NULL: enough
 * for "in 2 d 03:14:05", "LIVE · started 12 min ago", "−05:00" and clocks. */
#define BB_DIGITS_DEFAULT_CHARS "0123456789:.,+-\xE2\x88\x92\xC2\xB7/ dhmsinartedgoLIVEAPM"

/* Most distinct characters one cache holds. */
#define BB_DIGITS_MAX_CHARS 96

/*
 * Render the characters of `chars` (UTF-8; NULL = BB_DIGITS_DEFAULT_CHARS;
 * duplicates ignored; at most BB_DIGITS_MAX_CHARS) at pixel size px and the
 * given weight into an atlas for renderer.  fonts is only used during the
 * call.  Returns a cache the caller owns (bb_digits_destroy), or NULL with
 * SDL_GetError() when fonts or the renderer fail.
 */
bb_digits *bb_digits_create(SDL_Renderer *renderer, bb_fonts *fonts, bb_weight weight, int px,
                            const char *chars);

/* Frees the atlas; NULL is a no-op.  Must happen before the renderer dies. */
void bb_digits_destroy(bb_digits *digits);

/* True when every character of s is cached (so bb_digits_draw can draw it). */
bool bb_digits_has(const bb_digits *digits, const char *s);

/* Width of s in pixels (the same for every string with the same pattern of
 * digits and other characters), or -1 when s has a character not cached. */
int bb_digits_width(const bb_digits *digits, const char *s);

/* Height of a line in pixels (the primary face's line box). */
int bb_digits_height(const bb_digits *digits);

/*
 * Draw s with its top-left at (x, y) in color (its alpha multiplies the
 * glyphs' coverage).  Creates no texture; sets the atlas's colour and alpha
 * mods.  Returns the width drawn, or -1 (drawing nothing) when s has a
 * character not cached.
 */
int bb_digits_draw(bb_digits *digits, SDL_Renderer *renderer, const char *s, int x, int y,
                   SDL_Color color);

/* Textures this cache owns (1 after a successful create): for leak tests. */
int bb_digits_texture_count(const bb_digits *digits);

/*
 * Size a cache before making it: the largest pixel size in [min_px, max_px]
 * at which `widest` -- the widest string it will draw, e.g.
 * "in 99 d 00:00:00" (any digits: they all take the same cell) -- fits
 * box_w x box_h (the line box's height) in pixels.  min_px when even that
 * does not fit; -1 with SDL_GetError() when fonts fail.  Opens fonts, makes
 * no texture.
 */
int bb_digits_fit_px(bb_fonts *fonts, bb_weight weight, const char *widest, int box_w, int box_h,
                     int min_px, int max_px);

#endif
