/*
 * bb_test_images: pictures the picture tests make for themselves -- solid
 * colours, and issue #16's row-3 files: small, valid-looking JPEG and PNG
 * files whose headers declare an enormous size (20000 x 20000, 65500 x
 * 65500, 100000 x 100000).  Made at run time, so nothing large or hostile
 * is committed.  Needs SDL2_image (IMG_SavePNG, IMG_SaveJPG).
 */
#ifndef BB_TEST_IMAGES_H
#define BB_TEST_IMAGES_H

#include <SDL.h>
#include <SDL_image.h>
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Marker bytes the decoder child obeys when BRIEFBOARD_TEST_DECODER is set
 * (src/display/gfx/bb_picture.c): appended after a PNG's end, the file is
 * still a valid PNG. */
#define TI_MARK_CRASH "briefboard-test-decoder:crash"
#define TI_MARK_HANG "briefboard-test-decoder:hang"
/* Sleeps TI_SLOW_MS, then decodes the picture as usual. */
#define TI_MARK_SLOW "briefboard-test-decoder:slow"
#define TI_SLOW_MS 2000

static inline unsigned char *ti_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    *len = n;
    return buf;
}

/* Written beside the target and renamed over it, as deploy tools do, so a
 * running display never reads half a file. */
static inline int ti_write(const char *path, const void *data, size_t len, const char *extra)
{
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return -1;
    int ok = fwrite(data, 1, len, f) == len;
    if (extra)
        ok = ok && fwrite(extra, 1, strlen(extra), f) == strlen(extra);
    ok = fclose(f) == 0 && ok;
    return ok && rename(tmp, path) == 0 ? 0 : -1;
}

/* A w x h PNG of one colour (0xRRGGBB) at path, with `extra` bytes (or
 * NULL) after its end. */
static inline int ti_solid_png(const char *path, int w, int h, Uint32 rgb, const char *extra)
{
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s.src.png", path);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    if (!s)
        return -1;
    SDL_FillRect(s, NULL, rgb);
    int rc = IMG_SavePNG(s, tmp);
    SDL_FreeSurface(s);
    size_t len = 0;
    unsigned char *data = rc == 0 ? ti_slurp(tmp, &len) : NULL;
    unlink(tmp);
    rc = data ? ti_write(path, data, len, extra) : -1;
    free(data);
    return rc;
}

static inline unsigned long ti_crc32(const unsigned char *p, size_t n)
{
    unsigned long c = 0xFFFFFFFFul;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320ul & (0ul - (c & 1)));
    }
    return c ^ 0xFFFFFFFFul;
}

static inline void ti_be32(unsigned char *p, unsigned long v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* Row 3: a 64x64 PNG whose header (IHDR, with its CRC made right again)
 * declares side x side pixels.  Returns the file's size, or -1. */
static inline long ti_row3_png(const char *path, unsigned long side)
{
    if (ti_solid_png(path, 64, 64, 0x808080, NULL) < 0)
        return -1;
    size_t len = 0;
    unsigned char *d = ti_slurp(path, &len);
    if (!d || len < 33 || memcmp(d + 12, "IHDR", 4) != 0) {
        free(d);
        return -1;
    }
    ti_be32(d + 16, side);
    ti_be32(d + 20, side);
    ti_be32(d + 29, ti_crc32(d + 12, 17));
    int rc = ti_write(path, d, len, NULL);
    free(d);
    return rc < 0 ? -1 : (long)len;
}

/* Row 3: a 64x64 JPEG whose frame header declares side x side pixels
 * (side <= 65535).  Returns the file's size, or -1. */
static inline long ti_row3_jpeg(const char *path, unsigned side)
{
    char tmp[1200];
    snprintf(tmp, sizeof tmp, "%s.src.jpg", path);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGB888);
    if (!s)
        return -1;
    SDL_FillRect(s, NULL, 0x808080);
    int rc = IMG_SaveJPG(s, tmp, 50);
    SDL_FreeSurface(s);
    size_t len = 0;
    unsigned char *d = rc == 0 ? ti_slurp(tmp, &len) : NULL;
    unlink(tmp);
    if (!d)
        return -1;
    /* Walk the marker segments to the frame header (SOF0..SOF15). */
    size_t i = 2;
    rc = -1;
    while (i + 9 < len && d[i] == 0xFF) {
        unsigned m = d[i + 1], seg = (unsigned)d[i + 2] << 8 | d[i + 3];
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            d[i + 5] = d[i + 7] = (unsigned char)(side >> 8);
            d[i + 6] = d[i + 8] = (unsigned char)side;
            rc = ti_write(path, d, len, NULL);
            break;
        }
        i += 2 + seg;
    }
    free(d);
    return rc < 0 ? -1 : (long)len;
}

/* A key of /proc/self/status (or /proc/PID/status), in KiB; -1 if absent. */
static inline long ti_status_kib(const char *status_path, const char *key)
{
    FILE *f = fopen(status_path, "r");
    char line[256];
    long kib = -1;
    size_t kl = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, key, kl) == 0 && line[kl] == ':')
            kib = strtol(line + kl + 1, NULL, 10);
    if (f)
        fclose(f);
    return kib;
}

/* SIGKILL every child of parent (a decoder child, as the OOM killer
 * would): found by their parent in /proc/PID/stat.  Returns how many. */
static inline int ti_kill_children(pid_t parent)
{
    DIR *dir = opendir("/proc");
    struct dirent *de;
    int killed = 0;
    while (dir && (de = readdir(dir))) {
        char path[300], stat[512];
        long pid = strtol(de->d_name, NULL, 10);
        if (pid <= 0)
            continue;
        snprintf(path, sizeof path, "/proc/%ld/stat", pid);
        FILE *f = fopen(path, "r");
        size_t n = f ? fread(stat, 1, sizeof stat - 1, f) : 0;
        if (f)
            fclose(f);
        stat[n] = '\0';
        /* "pid (comm) state ppid ...": comm may hold spaces and ')'. */
        const char *end = strrchr(stat, ')');
        char state;
        long ppid;
        if (end && sscanf(end + 1, " %c %ld", &state, &ppid) == 2 && ppid == (long)parent &&
            state != 'Z' && kill((pid_t)pid, SIGKILL) == 0)
            killed++;
    }
    if (dir)
        closedir(dir);
    return killed;
}

static inline double ti_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

#endif
