/*
 * bb_picture: pictures for image slides, decoded once and kept.
 *
 * A PNG or JPEG is decoded at its own size; an SVG is rasterised at the
 * size it will be shown (so it is as sharp on a 4K panel as at 720p), with
 * its aspect ratio kept and sized for the slide's fit.  Decoded pictures
 * are kept in a small cache keyed by path, size on disk, modification time
 * and the requested size, so a slide coming round again costs a texture
 * upload, not a decode.
 */
#ifndef BB_PICTURE_H
#define BB_PICTURE_H

#include <SDL.h>
#include <stdbool.h>

/* Largest picture file read, bytes. */
#define BB_PICTURE_MAX_BYTES (64 * 1024 * 1024)
/* Pictures kept decoded (least recently used goes first). */
#define BB_PICTURE_CACHE 6

/*
 * The picture at path, for an area of area_w x area_h pixels: cover true
 * sizes an SVG to cover the area (one side may be longer), false to fit
 * inside it.  Returns a surface owned by the cache, valid until the next
 * bb_picture_get or bb_picture_cache_clear -- make a texture of it at once
 * -- or NULL with SDL_GetError() saying why.  *vector (may be NULL) tells
 * whether it was an SVG (drawn at its size; a bitmap gets scaled).
 */
SDL_Surface *bb_picture_get(const char *path, int area_w, int area_h, bool cover, bool *vector);

/* Frees every cached picture (at teardown, or to give memory back). */
void bb_picture_cache_clear(void);

/* Decodes done since the start (the cache's misses), for tests. */
int bb_picture_decodes(void);

#endif
