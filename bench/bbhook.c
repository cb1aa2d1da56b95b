/*
 * bbhook: an LD_PRELOAD shim for the benchmark (bench/run.sh).  It wraps
 * SDL_RenderPresent and appends the CLOCK_MONOTONIC instant (ns) at which
 * each present returned to the file named by $BB_BENCH_PRESENTS: the first
 * line is the first frame on screen, the rest give frame times.  Under
 * valgrind --tool=callgrind with $BB_BENCH_CALLGRIND set it also dumps the
 * instruction counts at each present, so the cost of every frame (and of
 * the idle time between frames) can be read from the dumps.
 *
 * It changes nothing in briefboard: one write(2) per present, no wake-ups.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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

static present_fn hook_real;
static int hook_fd = -2;   /* -2: not opened yet; -1: no file */
static int hook_dump = -1; /* -1: not read yet */

void SDL_RenderPresent(void *renderer);

void SDL_RenderPresent(void *renderer)
{
    struct timespec ts;
    char line[64];
    int n;

    if (!hook_real)
        hook_real = (present_fn)dlsym(RTLD_NEXT, "SDL_RenderPresent");
    if (hook_real)
        hook_real(renderer);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    if (hook_fd == -2) {
        const char *path = getenv("BB_BENCH_PRESENTS");
        hook_fd = path && *path ? open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644) : -1;
        hook_dump = getenv("BB_BENCH_CALLGRIND") != NULL;
    }
    n = snprintf(line, sizeof line, "%lld\n", (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
    if (hook_fd >= 0 && n > 0 && write(hook_fd, line, (size_t)n) < 0) {
        close(hook_fd);
        hook_fd = -1;
    }
    if (hook_dump > 0) {
        line[n > 0 ? n - 1 : 0] = '\0';
        CALLGRIND_DUMP_STATS_AT(line);
    }
}
