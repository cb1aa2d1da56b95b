/*
 * bb_picture: decoding pictures with SDL_image, and the cache of decoded
 * ones.  The cache is the one piece of state at file scope in the display
 * library: pictures outlive the scenes made of them (a slide's scene is
 * made each time it comes round), and the scene API takes no owner for
 * them.
 */
#include "bb_picture.h"

#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bb_file.h"

typedef struct picture_entry {
    char *path;
    long long size, mtime_ns;
    int w, h;            /* requested area; 0 x 0 for a bitmap (its own size) */
    bool cover;
    bool vector;
    SDL_Surface *surf;
    unsigned long used;  /* recency stamp */
} picture_entry;

static picture_entry cache[BB_PICTURE_CACHE];
static unsigned long clock_stamp;
static int decodes;

static SDL_Surface *decode(const char *path, int w, int h, bool cover, bool *vector);
static SDL_Surface *svg_sized(const bb_file_data *file, int w, int h);

SDL_Surface *bb_picture_get(const char *path, int area_w, int area_h, bool cover, bool *vector)
{
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        SDL_SetError("cannot open %s", path ? path : "(no file)");
        return NULL;
    }
    long long mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    for (int i = 0; i < BB_PICTURE_CACHE; i++) {
        picture_entry *e = &cache[i];
        if (!e->surf || strcmp(e->path, path) != 0 || e->size != (long long)st.st_size ||
            e->mtime_ns != mtime_ns)
            continue;
        /* A bitmap serves any size; an SVG only the size it was drawn for. */
        if (e->vector && (e->w != area_w || e->h != area_h || e->cover != cover))
            continue;
        e->used = ++clock_stamp;
        if (vector)
            *vector = e->vector;
        return e->surf;
    }
    bool is_vector = false;
    SDL_Surface *surf = decode(path, area_w, area_h, cover, &is_vector);
    if (!surf)
        return NULL;
    char *copy = strdup(path);
    if (!copy) {
        SDL_FreeSurface(surf);
        SDL_OutOfMemory();
        return NULL;
    }
    picture_entry *slot = &cache[0];
    for (int i = 0; i < BB_PICTURE_CACHE; i++) {
        if (!cache[i].surf) {
            slot = &cache[i];
            break;
        }
        if (cache[i].used < slot->used)
            slot = &cache[i];
    }
    SDL_FreeSurface(slot->surf);
    free(slot->path);
    *slot = (picture_entry){ copy, (long long)st.st_size, mtime_ns, area_w, area_h, cover,
                             is_vector, surf, ++clock_stamp };
    if (vector)
        *vector = is_vector;
    return surf;
}

void bb_picture_cache_clear(void)
{
    for (int i = 0; i < BB_PICTURE_CACHE; i++) {
        SDL_FreeSurface(cache[i].surf);
        free(cache[i].path);
        memset(&cache[i], 0, sizeof cache[i]);
    }
}

int bb_picture_decodes(void)
{
    return decodes;
}

/* --- static functions --- */

static SDL_Surface *decode(const char *path, int w, int h, bool cover, bool *vector)
{
    bb_file_data file;
    bb_file_status st = bb_file_read(path, BB_PICTURE_MAX_BYTES, 0, &file);
    if (st != BB_FILE_OK) {
        char why[256];
        SDL_SetError("%s", bb_file_describe(st, &file, "the picture", BB_PICTURE_MAX_BYTES, why,
                                            sizeof why));
        return NULL;
    }
    decodes++;
    SDL_Surface *surf = NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(file.data, (int)file.len);
    *vector = rw && IMG_isSVG(rw);
    if (rw && *vector && w > 0 && h > 0) {
        /* Width first; when the result is too tall to fit (contain) or too
         * short to cover, draw it again at the height instead. */
        surf = svg_sized(&file, w, 0);
        if (surf && (cover ? surf->h < h : surf->h > h)) {
            SDL_FreeSurface(surf);
            surf = svg_sized(&file, 0, h);
        }
    } else if (rw) {
        surf = IMG_Load_RW(rw, 0);
    }
    if (rw)
        SDL_RWclose(rw);
    free(file.data);
    return surf;
}

static SDL_Surface *svg_sized(const bb_file_data *file, int w, int h)
{
    SDL_RWops *rw = SDL_RWFromConstMem(file->data, (int)file->len);
    if (!rw)
        return NULL;
    SDL_Surface *surf = IMG_LoadSizedSVG_RW(rw, w, h);
    SDL_RWclose(rw);
    return surf;
}
