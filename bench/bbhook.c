/*
 * bbhook: an LD_PRELOAD shim for the benchmark (bench/run.sh).  It wraps
 * SDL_RenderPresent (and SDL_UpdateWindowSurfaceRects, the software
 * renderer's partial present) and appends the CLOCK_MONOTONIC instant (ns)
 * at which each present returned, with the pixels it sent (-1: all), to the
 * file named by $BB_BENCH_PRESENTS: the first line is the first frame on
 * screen, the rest give frame times.  Under
 * valgrind --tool=callgrind with $BB_BENCH_CALLGRIND set it also dumps the
 * instruction counts at each present, tagged "full" or "partial" with the
 * pixels sent, so the cost of every frame (and of
 * the idle time between frames) can be read from the dumps.
 *
 * It also counts the display loop's sleeps -- SDL_WaitEventTimeout,
 * SDL_Delay and poll(2) called with a positive timeout on the main thread, not
 * nested in one another -- appending each one's end (mono ns) to the file
 * named by $BB_BENCH_WAKES: each is one wake-up of the loop.  (Context
 * switch counts would also count the waits for Mesa's render threads.)
 *
 * It changes nothing in briefboard: one write(2) per present or sleep.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_DUMP_STATS_AT
#define CALLGRIND_DUMP_STATS_AT(s) ((void)(s))
#endif

typedef void (*present_fn)(void *renderer);
typedef int (*wait_fn)(void *event, int timeout);
typedef int (*update_fn)(void *window, const void *rects, int numrects);
typedef void (*delay_fn)(unsigned ms);
typedef int (*poll_fn)(struct pollfd *fds, nfds_t n, int timeout);

static present_fn hook_real;
static int hook_fd = -2;   /* -2: not opened yet; -1: no file */
static int hook_dump = -1; /* -1: not read yet */

static int wake_fd = -2;
static __thread int wake_depth;   /* inside a wrapped sleep */

void SDL_RenderPresent(void *renderer);
int SDL_UpdateWindowSurfaceRects(void *window, const void *rects, int numrects);
int SDL_WaitEventTimeout(void *event, int timeout);
void SDL_Delay(unsigned ms);

static void hook_stamp(int *fd, const char *env)
{
    struct timespec ts;
    char line[32];
    int n;
    if (*fd == -2) {
        const char *path = getenv(env);
        *fd = path && *path ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
    }
    if (*fd < 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    n = snprintf(line, sizeof line, "%lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
    if (n > 0 && write(*fd, line, (size_t)n) < 0) {
        close(*fd);
        *fd = -1;
    }
}

/* A timed sleep of the main thread that is not inside another wrapped
 * sleep.  A negative timeout is not a sleep but a wait for an answer:
 * Xlib blocks in poll(-1) for the X server's reply to the XSync that ends
 * each present, which is part of drawing the frame, not an idle wake-up. */
static int hook_counts(int timeout)
{
    return timeout > 0 && wake_depth == 0 && syscall(SYS_gettid) == getpid();
}

int SDL_WaitEventTimeout(void *event, int timeout)
{
    static wait_fn real;
    int count = hook_counts(timeout), r;
    if (!real)
        real = (wait_fn)dlsym(RTLD_NEXT, "SDL_WaitEventTimeout");
    wake_depth++;
    r = real ? real(event, timeout) : 0;
    wake_depth--;
    if (count)
        hook_stamp(&wake_fd, "BB_BENCH_WAKES");
    return r;
}

void SDL_Delay(unsigned ms)
{
    static delay_fn real;
    int count = hook_counts((int)ms);
    if (!real)
        real = (delay_fn)dlsym(RTLD_NEXT, "SDL_Delay");
    wake_depth++;
    if (real)
        real(ms);
    wake_depth--;
    if (count)
        hook_stamp(&wake_fd, "BB_BENCH_WAKES");
}

int poll(struct pollfd *fds, nfds_t n, int timeout)
{
    static poll_fn real;
    int count = hook_counts(timeout), r;
    if (!real)
        real = (poll_fn)dlsym(RTLD_NEXT, "poll");
    wake_depth++;
    r = real ? real(fds, n, timeout) : -1;
    wake_depth--;
    if (count)
        hook_stamp(&wake_fd, "BB_BENCH_WAKES");
    return r;
}

/* A frame has reached the screen: note when, and dump the instruction
 * counts under callgrind, tagged "full" or "partial". */
static void hook_presented(const char *kind, long long area)
{
    struct timespec ts;
    char line[64];
    int n;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    if (hook_fd == -2) {
        const char *path = getenv("BB_BENCH_PRESENTS");
        hook_fd = path && *path ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
        hook_dump = getenv("BB_BENCH_CALLGRIND") != NULL;
    }
    long long now_ns = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
    /* The presents file: "instant pixels" (pixels -1: the whole frame). */
    n = snprintf(line, sizeof line, "%lld %lld\n", now_ns, area);
    if (hook_fd >= 0 && n > 0 && write(hook_fd, line, (size_t)n) < 0) {
        close(hook_fd);
        hook_fd = -1;
    }
    if (hook_dump > 0) {
        char tag[96];
        snprintf(tag, sizeof tag, "%s %lld %lld", kind, area, now_ns);
        CALLGRIND_DUMP_STATS_AT(tag);
    }
}

void SDL_RenderPresent(void *renderer)
{
    if (!hook_real)
        hook_real = (present_fn)dlsym(RTLD_NEXT, "SDL_RenderPresent");
    if (hook_real)
        hook_real(renderer);
    hook_presented("full", -1);
}

/* The software renderer's partial present: only the changed rectangles. */
int SDL_UpdateWindowSurfaceRects(void *window, const void *rects, int numrects)
{
    static update_fn real;
    int r = -1;
    if (!real)
        real = (update_fn)dlsym(RTLD_NEXT, "SDL_UpdateWindowSurfaceRects");
    long long area = 0;
    const int *xywh = rects;   /* SDL_Rect: four ints */
    if (real)
        r = real(window, rects, numrects);
    for (int i = 0; i < numrects; i++)
        area += (long long)xywh[4 * i + 2] * xywh[4 * i + 3];
    hook_presented("partial", area);
    return r;
}
