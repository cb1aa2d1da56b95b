/*
 * bb_qr: a URL as a QR code (libqrencode), drawn crisp at any screen size.
 *
 * Crisp means: every module is a whole number of pixels, square, and the
 * texture is drawn at exactly its own size with nearest-neighbour sampling,
 * so a phone's camera sees hard edges even on a 720p screen.  The code
 * carries its 4-module quiet zone (ISO/IEC 18004) and is black on white
 * (contrast 21:1) whatever the theme: a light-on-dark code does not scan
 * with many phone readers.
 */
#ifndef BB_QR_H
#define BB_QR_H

#include <SDL.h>
#include <stdbool.h>

/* The quiet zone on each side, in modules. */
#define BB_QR_QUIET_MODULES 4
/* Longest text encoded, bytes: a URL of this length still gives a code a
 * phone reads from across a lobby (version ~10 at level M). */
#define BB_QR_MAX_TEXT 256
/* Smallest module, px: below it cameras stop resolving the modules. */
#define BB_QR_MIN_MODULE_PX 2

typedef struct bb_qr bb_qr;

/*
 * Encode text (UTF-8, byte mode, error correction level M).  Returns a code
 * the caller owns (bb_qr_destroy), or NULL when text is empty, longer than
 * BB_QR_MAX_TEXT, or memory runs out.
 */
bb_qr *bb_qr_encode(const char *text);

/* Frees the code; NULL is a no-op. */
void bb_qr_destroy(bb_qr *qr);

/* Width of the symbol in modules, without the quiet zone (21 for version 1). */
int bb_qr_modules(const bb_qr *qr);

/* Is module (x, y) dark?  Outside the symbol (the quiet zone) false. */
bool bb_qr_dark(const bb_qr *qr, int x, int y);

/*
 * The largest whole module size (px) at which the code with its quiet zone
 * fits a square of side max_side_px; 0 when even BB_QR_MIN_MODULE_PX does
 * not fit.
 */
int bb_qr_module_px(const bb_qr *qr, int max_side_px);

/* The side of the drawn code at module_px, quiet zone included, px. */
int bb_qr_side_px(const bb_qr *qr, int module_px);

/*
 * The code with its quiet zone as a texture of exactly
 * bb_qr_side_px(qr, module_px) pixels a side, nearest-neighbour scale mode,
 * opaque.  The caller owns it.  NULL when module_px < 1 or the renderer
 * fails (SDL_GetError() says why).
 */
SDL_Texture *bb_qr_texture(SDL_Renderer *renderer, const bb_qr *qr, int module_px);

#endif
