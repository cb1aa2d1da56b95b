/*
 * pngdiff: compare two pictures pixel by pixel under a per-channel tolerance.
 *
 *   pngdiff [--tolerance N] [--max-bad-percent P] [--diff OUT.png] A B
 *
 * A and B are anything SDL_image reads (PNG, and the PPM that QEMU's monitor
 * `screendump` writes).  A pixel is "bad" when any of its R, G, B channels
 * differs by more than N (default 2: what the GL and software renderers
 * differ by, PLATFORM.md).  Prints one summary line; exits 0 when the sizes
 * match and at most P percent of the pixels are bad (default 0), 1 when not,
 * 2 when a file cannot be read.  --diff writes a picture with the bad pixels
 * in red over a dimmed A, to look at.
 *
 * Used by ci/cross.sh (cross-built vs native renders: identical but for
 * rounding) and toolchain/boot-test.sh (the booted screen vs the headless
 * render: the footer clock differs by a few seconds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>

#define DEFAULT_TOLERANCE 2     /* per channel, 0-255 */
#define DIM_SHIFT 2             /* --diff: A at a quarter of its brightness */

typedef struct diff_options {
    int tolerance;
    double max_bad_percent;
    const char *diff_path;
    const char *a_path, *b_path;
} diff_options;

typedef struct diff_result {
    long bad;
    int max_delta;
    int first_x, first_y;       /* -1 when no pixel is bad */
} diff_result;

static int parse_args(int argc, char **argv, diff_options *o);
static SDL_Surface *load_rgb(const char *path);
static void compare(SDL_Surface *a, SDL_Surface *b, int tolerance, SDL_Surface *diff,
                    diff_result *r);

int main(int argc, char **argv)
{
    diff_options o;
    SDL_Surface *a = NULL, *b = NULL, *diff = NULL;
    int status = 2;

    if (parse_args(argc, argv, &o) != 0) {
        fprintf(stderr, "usage: pngdiff [--tolerance N] [--max-bad-percent P] "
                        "[--diff OUT.png] A B\n");
        return 2;
    }
    if (IMG_Init(IMG_INIT_PNG) == 0)
        fprintf(stderr, "pngdiff: %s\n", IMG_GetError());
    a = load_rgb(o.a_path);
    b = load_rgb(o.b_path);
    if (!a || !b)
        goto fail;
    if (a->w != b->w || a->h != b->h) {
        printf("pngdiff: %s is %dx%d, %s is %dx%d\n", o.a_path, a->w, a->h, o.b_path, b->w,
               b->h);
        status = 1;
        goto fail;
    }
    if (o.diff_path) {
        diff = SDL_CreateRGBSurfaceWithFormat(0, a->w, a->h, 24, SDL_PIXELFORMAT_RGB24);
        if (!diff) {
            fprintf(stderr, "pngdiff: %s\n", SDL_GetError());
            goto fail;
        }
    }

    diff_result r;
    compare(a, b, o.tolerance, diff, &r);
    long total = (long)a->w * a->h;
    double percent = 100.0 * (double)r.bad / (double)total;
    printf("pngdiff: %dx%d, %ld of %ld pixels differ by more than %d (%.3f%%, limit %.3f%%), "
           "largest channel difference %d",
           a->w, a->h, r.bad, total, o.tolerance, percent, o.max_bad_percent, r.max_delta);
    if (r.first_x >= 0)
        printf(", first at (%d,%d)", r.first_x, r.first_y);
    printf("\n");
    if (diff && IMG_SavePNG(diff, o.diff_path) != 0)
        fprintf(stderr, "pngdiff: %s: %s\n", o.diff_path, IMG_GetError());
    status = percent <= o.max_bad_percent ? 0 : 1;

fail:
    SDL_FreeSurface(diff);
    SDL_FreeSurface(b);
    SDL_FreeSurface(a);
    IMG_Quit();
    return status;
}

static int parse_args(int argc, char **argv, diff_options *o)
{
    memset(o, 0, sizeof *o);
    o->tolerance = DEFAULT_TOLERANCE;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
        if (i + 1 >= argc)
            return -1;
        char *end;
        if (strcmp(argv[i], "--tolerance") == 0) {
            long t = strtol(argv[i + 1], &end, 10);
            if (*end || t < 0 || t > 255)
                return -1;
            o->tolerance = (int)t;
        } else if (strcmp(argv[i], "--max-bad-percent") == 0) {
            o->max_bad_percent = strtod(argv[i + 1], &end);
            if (*end || o->max_bad_percent < 0 || o->max_bad_percent > 100)
                return -1;
        } else if (strcmp(argv[i], "--diff") == 0) {
            o->diff_path = argv[i + 1];
        } else {
            return -1;
        }
    }
    if (argc - i != 2)
        return -1;
    o->a_path = argv[i];
    o->b_path = argv[i + 1];
    return 0;
}

/* The picture as packed RGB24, whatever its format on disk; caller frees. */
static SDL_Surface *load_rgb(const char *path)
{
    SDL_Surface *raw = IMG_Load(path);
    if (!raw) {
        fprintf(stderr, "pngdiff: %s: %s\n", path, IMG_GetError());
        return NULL;
    }
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGB24, 0);
    if (!rgb)
        fprintf(stderr, "pngdiff: %s: %s\n", path, SDL_GetError());
    SDL_FreeSurface(raw);
    return rgb;
}

static void compare(SDL_Surface *a, SDL_Surface *b, int tolerance, SDL_Surface *diff,
                    diff_result *r)
{
    r->bad = 0;
    r->max_delta = 0;
    r->first_x = r->first_y = -1;
    for (int y = 0; y < a->h; y++) {
        const Uint8 *pa = (const Uint8 *)a->pixels + (size_t)y * (size_t)a->pitch;
        const Uint8 *pb = (const Uint8 *)b->pixels + (size_t)y * (size_t)b->pitch;
        Uint8 *pd = diff ? (Uint8 *)diff->pixels + (size_t)y * (size_t)diff->pitch : NULL;
        for (int x = 0; x < a->w; x++) {
            int worst = 0;
            for (int c = 0; c < 3; c++) {
                int d = abs((int)pa[3 * x + c] - (int)pb[3 * x + c]);
                if (d > worst)
                    worst = d;
            }
            if (worst > r->max_delta)
                r->max_delta = worst;
            int bad = worst > tolerance;
            if (bad && r->bad++ == 0) {
                r->first_x = x;
                r->first_y = y;
            }
            if (pd) {
                for (int c = 0; c < 3; c++)
                    pd[3 * x + c] = (Uint8)(pa[3 * x + c] >> DIM_SHIFT);
                if (bad) {
                    pd[3 * x] = 255;
                    pd[3 * x + 1] = 0;
                    pd[3 * x + 2] = 0;
                }
            }
        }
    }
}
