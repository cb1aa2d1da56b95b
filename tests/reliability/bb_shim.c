/*
 * bb_shim: an LD_PRELOAD library for the soak test.  It gives the real,
 * unmodified program two things the test needs and the kernel cannot:
 *
 *  - an accelerated wall clock with jumps.  CLOCK_REALTIME (and time(),
 *    gettimeofday()) read  START + elapsed * SCALE + jumps so far, where
 *    elapsed is real monotonic time since the program started.  The monotonic
 *    clocks are left alone: slide timing and every sleep stay real, exactly
 *    as when an NTP daemon steps the wall clock under a running kiosk.
 *      BB_SHIM_WALL_START  epoch seconds the wall clock starts at (unset: off)
 *      BB_SHIM_WALL_SCALE  wall seconds per real second (default 1)
 *      BB_SHIM_WALL_JUMPS  "AT:DELTA,..." -- at AT real seconds after start,
 *                          step the wall clock by DELTA seconds (+ or -)
 *
 *  - a count of live SDL textures, whoever creates them (text, scenes,
 *    canvas), by wrapping SDL_CreateTexture*, SDL_DestroyTexture.  Written
 *    on every change as "live N created M" to $BB_SHIM_TEXTURE_FILE.
 *
 * Tests only; never installed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define SHIM_MAX_JUMPS 16
#define NS_PER_S 1000000000LL

typedef int (*clock_gettime_fn)(clockid_t, struct timespec *);
typedef void *(*create_texture_fn)(void *, uint32_t, int, int, int);
typedef void *(*texture_from_surface_fn)(void *, void *);
typedef void (*destroy_texture_fn)(void *);

/* Exported: the names the program links against. */
int clock_gettime(clockid_t id, struct timespec *ts);
time_t time(time_t *out);
int gettimeofday(struct timeval *tv, void *tz);
void *SDL_CreateTexture(void *renderer, uint32_t format, int access, int w, int h);
void *SDL_CreateTextureFromSurface(void *renderer, void *surface);
void SDL_DestroyTexture(void *texture);

static clock_gettime_fn real_clock_gettime;
static int wall_on;
static long long wall_start_ns;
static double wall_scale = 1.0;
static long long mono0_ns;
static int n_jumps;
static long long jump_at_ns[SHIM_MAX_JUMPS], jump_delta_ns[SHIM_MAX_JUMPS];

static long texture_live, texture_created;
static int texture_fd = -1;

static long long mono_ns(void)
{
    struct timespec ts;
    real_clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

__attribute__((constructor)) static void shim_init(void)
{
    real_clock_gettime = (clock_gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
    const char *start = getenv("BB_SHIM_WALL_START");
    if (start && *start) {
        wall_on = 1;
        wall_start_ns = strtoll(start, NULL, 10) * NS_PER_S;
        const char *scale = getenv("BB_SHIM_WALL_SCALE");
        if (scale && *scale)
            wall_scale = strtod(scale, NULL);
        const char *jumps = getenv("BB_SHIM_WALL_JUMPS");
        while (jumps && *jumps && n_jumps < SHIM_MAX_JUMPS) {
            char *end;
            double at = strtod(jumps, &end);
            if (*end != ':')
                break;
            long long delta = strtoll(end + 1, &end, 10);
            jump_at_ns[n_jumps] = (long long)(at * NS_PER_S);
            jump_delta_ns[n_jumps++] = delta * NS_PER_S;
            jumps = *end == ',' ? end + 1 : end;
        }
        mono0_ns = mono_ns();
    }
    const char *tex = getenv("BB_SHIM_TEXTURE_FILE");
    if (tex && *tex)
        texture_fd = open(tex, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

static long long shim_wall_ns(void)
{
    long long elapsed = mono_ns() - mono0_ns;
    long long wall = wall_start_ns + (long long)((double)elapsed * wall_scale);
    for (int i = 0; i < n_jumps; i++)
        if (elapsed >= jump_at_ns[i])
            wall += jump_delta_ns[i];
    return wall;
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
    if (!real_clock_gettime)
        real_clock_gettime = (clock_gettime_fn)dlsym(RTLD_NEXT, "clock_gettime");
    if (wall_on && (id == CLOCK_REALTIME || id == CLOCK_REALTIME_COARSE)) {
        long long ns = shim_wall_ns();
        long long s = ns / NS_PER_S, r = ns % NS_PER_S;
        if (r < 0) {
            r += NS_PER_S;
            s--;
        }
        ts->tv_sec = (time_t)s;
        ts->tv_nsec = (long)r;
        return 0;
    }
    return real_clock_gettime(id, ts);
}

time_t time(time_t *out)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    if (out)
        *out = ts.tv_sec;
    return ts.tv_sec;
}

int gettimeofday(struct timeval *tv, void *tz)
{
    struct timespec ts;
    (void)tz;
    clock_gettime(CLOCK_REALTIME, &ts);
    tv->tv_sec = ts.tv_sec;   /* glibc declares tv non-null */
    tv->tv_usec = ts.tv_nsec / 1000;
    return 0;
}

static void texture_report(void)
{
    if (texture_fd < 0)
        return;
    char line[64];
    int n = snprintf(line, sizeof line, "live %ld created %ld\n", texture_live, texture_created);
    if (ftruncate(texture_fd, 0) == 0 && pwrite(texture_fd, line, (size_t)n, 0) != n)
        texture_fd = -1;   /* the test went away: stop counting into the void */
}

void *SDL_CreateTexture(void *renderer, uint32_t format, int access, int w, int h)
{
    static create_texture_fn real;
    if (!real)
        real = (create_texture_fn)dlsym(RTLD_NEXT, "SDL_CreateTexture");
    void *t = real(renderer, format, access, w, h);
    if (t) {
        texture_live++;
        texture_created++;
        texture_report();
    }
    return t;
}

void *SDL_CreateTextureFromSurface(void *renderer, void *surface)
{
    static texture_from_surface_fn real;
    if (!real)
        real = (texture_from_surface_fn)dlsym(RTLD_NEXT, "SDL_CreateTextureFromSurface");
    void *t = real(renderer, surface);
    if (t) {
        texture_live++;
        texture_created++;
        texture_report();
    }
    return t;
}

void SDL_DestroyTexture(void *texture)
{
    static destroy_texture_fn real;
    if (!real)
        real = (destroy_texture_fn)dlsym(RTLD_NEXT, "SDL_DestroyTexture");
    if (texture) {
        texture_live--;
        texture_report();
    }
    real(texture);
}
