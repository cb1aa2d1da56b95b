/*
 * bb_veil: lay a translucent colour over rectangles of the frame.
 *
 * A fade draws the slide whole and then veils it with the background
 * colour (bb_compose).  SDL's software renderer blends a filled rectangle
 * one channel at a time with a division for each; straight into the
 * window's surface, this does two channels per multiply, several times
 * faster.  Anywhere else (a GPU, a canvas texture) it is
 * SDL_RenderFillRects with blending.
 */
#ifndef BB_VEIL_H
#define BB_VEIL_H

#include <SDL.h>

/* Blend `colour` at its alpha over rects[0..n) of the current render
 * target, within its clip rectangle. */
void bb_veil_rects(SDL_Renderer *renderer, const SDL_Rect *rects, int n, SDL_Color colour);

/* The same blend on one 32-bit pixel (xRGB or ARGB; the top byte is kept):
 * what bb_veil_rects writes, for tests. */
Uint32 bb_veil_pixel(Uint32 pixel, SDL_Color colour);

#endif
