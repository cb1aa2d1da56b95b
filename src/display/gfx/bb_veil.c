/*
 * bb_veil: translucent rectangles, fast on the software renderer.
 */
#include "bb_veil.h"

#include <stdbool.h>

/* The window surface a software renderer draws into now, or NULL when the
 * target is something else or its pixels are not 32-bit xRGB/ARGB. */
static SDL_Surface *veil_target_surface(SDL_Renderer *r)
{
    SDL_RendererInfo info;
    SDL_Window *window;
    SDL_Surface *surface;
    if (SDL_GetRenderTarget(r) || SDL_GetRendererInfo(r, &info) < 0 ||
        !(info.flags & SDL_RENDERER_SOFTWARE) || !(window = SDL_RenderGetWindow(r)))
        return NULL;
    surface = SDL_GetWindowSurface(window);
    if (!surface || (surface->format->format != SDL_PIXELFORMAT_RGB888 &&
                     surface->format->format != SDL_PIXELFORMAT_ARGB8888))
        return NULL;
    return surface;
}

Uint32 bb_veil_pixel(Uint32 px, SDL_Color c)
{
    /* Red and blue share one multiply, green another: 8 bits of headroom
     * each.  a in 0..256 so that alpha 255 gives the colour exactly. */
    Uint32 a = c.a + (c.a >> 7);
    Uint32 keep = 256 - a;
    Uint32 rb = (((px & 0xff00ffu) * keep + (((Uint32)c.r << 16 | c.b) * a)) >> 8) & 0xff00ffu;
    Uint32 g = (((px & 0x00ff00u) * keep + ((Uint32)c.g << 8) * a) >> 8) & 0x00ff00u;
    return (px & 0xff000000u) | rb | g;
}

void bb_veil_rects(SDL_Renderer *r, const SDL_Rect *rects, int n, SDL_Color colour)
{
    SDL_Surface *surface = veil_target_surface(r);
    SDL_Rect clip, area;
    if (!surface) {
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(r, colour.r, colour.g, colour.b, colour.a);
        SDL_RenderFillRects(r, rects, n);
        return;
    }
    /* What is queued must reach the pixels before they are blended. */
    SDL_RenderFlush(r);
    SDL_RenderGetClipRect(r, &clip);
    if (SDL_RectEmpty(&clip))
        clip = (SDL_Rect){ 0, 0, surface->w, surface->h };
    for (int i = 0; i < n; i++) {
        if (!SDL_IntersectRect(&rects[i], &clip, &area) ||
            !SDL_IntersectRect(&area, &(SDL_Rect){ 0, 0, surface->w, surface->h }, &area))
            continue;
        for (int y = area.y; y < area.y + area.h; y++) {
            Uint32 *row = (Uint32 *)((Uint8 *)surface->pixels + (size_t)y * surface->pitch) + area.x;
            for (int x = 0; x < area.w; x++)
                row[x] = bb_veil_pixel(row[x], colour);
        }
    }
}
