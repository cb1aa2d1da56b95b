/*
 * bb_qr: libqrencode's matrix drawn pixel-exact into a texture.
 */
#include "bb_qr.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

/* Dark and light, 0xRRGGBB: black on white, 21:1. */
#define QR_DARK 0x000000u
#define QR_LIGHT 0xFFFFFFu

struct bb_qr {
    int width;            /* modules a side */
    unsigned char *dark;  /* width * width, 1 = dark */
};

bb_qr *bb_qr_encode(const char *text)
{
    if (!text || !*text || strlen(text) > BB_QR_MAX_TEXT)
        return NULL;
    /* 8-bit mode keeps a URL's case (the alphanumeric mode upper-cases),
     * level M survives a smudge or a reflection on the glass. */
    QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
    if (!code)
        return NULL;
    bb_qr *qr = calloc(1, sizeof *qr);
    if (!qr || !(qr->dark = malloc((size_t)code->width * (size_t)code->width))) {
        free(qr);
        QRcode_free(code);
        return NULL;
    }
    qr->width = code->width;
    /* libqrencode's low bit of each byte is the module's colour; the other
     * bits describe what the module is for. */
    for (int i = 0; i < code->width * code->width; i++)
        qr->dark[i] = code->data[i] & 1u;
    QRcode_free(code);
    return qr;
}

void bb_qr_destroy(bb_qr *qr)
{
    if (!qr)
        return;
    free(qr->dark);
    free(qr);
}

int bb_qr_modules(const bb_qr *qr)
{
    return qr->width;
}

bool bb_qr_dark(const bb_qr *qr, int x, int y)
{
    if (x < 0 || y < 0 || x >= qr->width || y >= qr->width)
        return false;
    return qr->dark[y * qr->width + x] != 0;
}

int bb_qr_module_px(const bb_qr *qr, int max_side_px)
{
    int total = qr->width + 2 * BB_QR_QUIET_MODULES;
    int px = max_side_px / total;
    return px < BB_QR_MIN_MODULE_PX ? 0 : px;
}

int bb_qr_side_px(const bb_qr *qr, int module_px)
{
    return (qr->width + 2 * BB_QR_QUIET_MODULES) * module_px;
}

SDL_Texture *bb_qr_texture(SDL_Renderer *renderer, const bb_qr *qr, int module_px)
{
    if (module_px < 1) {
        SDL_SetError("QR code: module size %d px", module_px);
        return NULL;
    }
    int side = bb_qr_side_px(qr, module_px);
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surf)
        return NULL;
    Uint32 light = SDL_MapRGB(surf->format, (QR_LIGHT >> 16) & 0xFF, (QR_LIGHT >> 8) & 0xFF,
                              QR_LIGHT & 0xFF);
    Uint32 dark = SDL_MapRGB(surf->format, (QR_DARK >> 16) & 0xFF, (QR_DARK >> 8) & 0xFF,
                             QR_DARK & 0xFF);
    SDL_FillRect(surf, NULL, light);
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->dark[y * qr->width + x]) {
                SDL_Rect r = { (x + BB_QR_QUIET_MODULES) * module_px,
                               (y + BB_QR_QUIET_MODULES) * module_px, module_px, module_px };
                SDL_FillRect(surf, &r, dark);
            }
    SDL_Texture *tex = SDL_CreateTextureFromSurface(renderer, surf);
    SDL_FreeSurface(surf);
    if (!tex)
        return NULL;
    /* Drawn at its own size; nearest keeps edges hard should a renderer
     * ever scale it (a rotated or veiled frame). */
    SDL_SetTextureScaleMode(tex, SDL_ScaleModeNearest);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    return tex;
}
