/*
 * bb_picture: pictures for image slides and the footer's logo, decoded out
 * of harm's way, once, at the size they are shown.
 *
 * A picture is untrusted: an editor drops it into a folder, and a 1 KB JPEG
 * may declare 20000 x 20000 pixels.  So the display first reads the size
 * the file's header declares (bb_imghead) and refuses one over
 * BB_PICTURE_MAX_PIXELS without decoding anything; then SDL_image decodes
 * it in a sandboxed child (bb_sandbox: memory, CPU and wall-clock limits),
 * which hands back only the pixels that will be shown -- scaled down to the
 * area, a cover picture cropped to it, an SVG rasterised at that size -- as
 * ARGB8888 through a pipe.  A crash, a limit or a timeout of the child is a
 * refused file.
 *
 * Results are kept in a small cache keyed by path, size on disk,
 * modification time and the pixels asked for, refusals included, so a
 * slide coming round again costs a texture upload, never a decode, and a
 * refused file is not tried again until it changes.  When a file that was
 * shown is replaced by one that is refused, its last good picture is kept.
 *
 * Two ways to wait for a decode.  By default bb_picture_get waits for the
 * child (previews, --check, tests: one-shot).  The running display sets
 * bb_picture_set_background: then a cache miss starts the child and
 * returns at once with `pending` (and the last good picture of the file,
 * if any), the display's loop sleeps on the children's pipes
 * (bb_picture_pollfds) with their deadlines (bb_picture_ms_until_due), and
 * bb_picture_poll takes each result into the cache; whoever showed a
 * pending picture asks again when bb_picture_generation changes.  So the
 * screen never stalls on a decode, however long it takes.  Both ways run
 * the same child through the same code (bb_sandbox_start).
 */
#ifndef BB_PICTURE_H
#define BB_PICTURE_H

#include <SDL.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "bb_picture_decode.h"

/* The limits BB_PICTURE_MAX_BYTES (a file), BB_PICTURE_MAX_PIXELS (the
 * decoded-pixel budget) and BB_PICTURE_WHY (a reason's room) are the
 * decoder's: bb_picture_decode.h. */
/* Bytes of a file read by the display itself to find the declared size;
 * a JPEG whose frame header lies further in (huge metadata) is checked by
 * the child on the whole file before it decodes. */
#define BB_PICTURE_HEAD_BYTES (256 * 1024)
/* Pictures kept decoded (least recently used goes first). */
#define BB_PICTURE_CACHE 8
/* Refused files remembered (path, version, reason), apart from the pictures. */
#define BB_PICTURE_REFUSALS 64
/* Decoder children at a time in the background: the current slide's, the
 * next one's (built ahead) and the logo's rarely come together, and a
 * kiosk board has two to four cores. */
#define BB_PICTURE_DECODERS 2

/* What bb_picture_get found. */
typedef struct bb_picture {
    SDL_Surface *surf;   /* owned by the cache, valid until the next bb_picture_get,
                          * bb_picture_poll or bb_picture_cache_clear: make a texture at
                          * once; NULL when there is nothing to show */
    bool vector;         /* an SVG rasterised at the area's size (else a bitmap, scaled
                          * down to the area at most: scale up as needed) */
    bool refused;        /* the file as it is now was refused: why says why; surf, if
                          * set, is the last good picture of this path */
    bool pending;        /* being decoded in the background (bb_picture_set_background):
                          * surf, if set, is the last good picture of this path; ask
                          * again once bb_picture_generation changes */
    char why[BB_PICTURE_WHY];   /* the reason, without the file's name; "" when fine */
} bb_picture;

/*
 * The picture at path for an area of area_w x area_h pixels: cover true
 * fills the area (the middle is kept), false fits inside it.  On a cache
 * miss it blocks at most bb_picture_deadline_ms (5-18 s) -- or, in the
 * background mode, not at all: out->pending.  Returns 0 with out->surf set,
 * or -1 with out->surf NULL (out->why says why, unless pending).
 */
int bb_picture_get(const char *path, int area_w, int area_h, bool cover, bb_picture *out);

/* Decode in the background (true: the running display) or wait for each
 * decode (false, the default).  Process-wide; set once at start. */
void bb_picture_set_background(bool on);

/* Read the background decoders' pipes without blocking, stop those past
 * their deadline, and take every decode that ended into the cache (a
 * picture, or a refusal with its reason).  Returns how many ended. */
int bb_picture_poll(void);

/* The descriptors of the background decoders, POLLIN, into fds[0..max):
 * the loop's sleep wakes on them.  Returns how many (0: none running). */
int bb_picture_pollfds(struct pollfd *fds, int max);

/* Milliseconds until bb_picture_poll must run for a decoder's deadline
 * even if its pipe stays silent; BB_DEADLINE_NONE when none runs. */
int64_t bb_picture_ms_until_due(void);

/* A number that changes whenever a decode ends or the cache is cleared:
 * something built with a pending picture is out of date once it moves. */
unsigned bb_picture_generation(void);

/* Frees every cached picture and refusal and stops every background
 * decoder (at teardown, or to give memory back).  The next bb_picture_get
 * of any file decodes it again. */
void bb_picture_cache_clear(void);

/* Decodes started since the start (the cache's misses), for tests. */
int bb_picture_decodes(void);

/* The wall-clock deadline, in ms, of decoding a picture for an area of
 * area_w x area_h pixels: 5 s, plus 1.5 s for each megapixel drawn, so a
 * vector picture rasterised for a 4K panel on a slow board is not taken
 * for a hanging decoder.  The child's CPU limit is the same in seconds. */
int bb_picture_deadline_ms(int area_w, int area_h);

#endif
