/*
 * bb_sandbox: see bb_sandbox.h.
 *
 * Why no_new_privs + rlimits and not a seccomp filter: the decoders run
 * inside the display's own unit, which already carries a systemd
 * SystemCallFilter, no capabilities and a read-only file system; what the
 * child adds is what that cannot give -- a bound on memory, CPU and wall
 * time for one file, and a crash that kills only the child.  A hand-written
 * seccomp list would have to follow every libc/libical/libxml2/SDL_image
 * version on three architectures (arm64, armhf, amd64) and would break the
 * display the day a library starts calling a new syscall (e.g. getrandom,
 * rseq); the benefit over the unit's filter is small.  no_new_privs costs
 * nothing and stops the child from ever gaining privileges through exec.
 */
#define _GNU_SOURCE
#include "bb_sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define BB_SANDBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BB_SANDBOX_ASAN 1
#endif
#endif

/* The exit code a child uses when it knows it ran out of memory. */
#define BB_SANDBOX_EXIT_NOMEM 125

/* Set once at start by the program (bb_sandbox_set_waiting). */
static bb_sandbox_waiting_fn waiting_fn;
static void *waiting_arg;

void bb_sandbox_set_waiting(bb_sandbox_waiting_fn fn, void *arg)
{
    waiting_fn = fn;
    waiting_arg = arg;
}

bb_sandbox_limits bb_sandbox_default_limits(void)
{
    bb_sandbox_limits lim = {.memory_bytes = (size_t)512 << 20, .cpu_seconds = 5,
                             .deadline_ms = 5000};
    return lim;
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#ifndef BB_SANDBOX_ASAN
/* The address space the child inherited from the display, bytes (0 when
 * unknown): a display on GL maps hundreds of MiB of driver and thread
 * stacks it never touches, and an absolute limit would spend the decoder's
 * whole budget on them. */
static size_t inherited_bytes(void)
{
    int fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buf[64];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    long page = sysconf(_SC_PAGESIZE);
    unsigned long long pages = strtoull(buf, NULL, 10);
    return page > 0 ? (size_t)(pages * (unsigned long long)page) : 0;
}
#endif

static void child_limits(const bb_sandbox_limits *lim)
{
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
#ifndef BB_SANDBOX_ASAN
    /* ASan reserves terabytes of address space for its shadow memory: an
     * address-space limit would make every allocation fail.  The sanitizer
     * build is for finding bugs, not for enforcing budgets. */
    if (lim->memory_bytes) {
        size_t sum = lim->memory_bytes + inherited_bytes();
        rlim_t bytes = sum < lim->memory_bytes ? RLIM_INFINITY : (rlim_t)sum;   /* 32-bit wrap */
        struct rlimit as = {bytes, bytes};
        setrlimit(RLIMIT_AS, &as);
    }
#endif
    if (lim->cpu_seconds > 0) {
        /* The soft limit sends SIGXCPU (default action: terminate), the
         * hard one a second later SIGKILL, should SIGXCPU be blocked. */
        struct rlimit cpu = {(rlim_t)lim->cpu_seconds, (rlim_t)lim->cpu_seconds + 1};
        setrlimit(RLIMIT_CPU, &cpu);
    }
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    /* Die with the display rather than linger as an orphan decoder. */
    prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
}

/* Append what is readable on fd to *buf; returns 0 at end of file, 1 when
 * more may come, -1 on a read error. */
static int drain(int fd, char **buf, size_t *len, size_t *cap, size_t max_out)
{
    char chunk[16384];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0)
        return (errno == EINTR || errno == EAGAIN) ? 1 : -1;
    if (n == 0)
        return 0;
    size_t keep = (size_t)n;
    if (*len + keep > max_out)
        keep = max_out > *len ? max_out - *len : 0;
    if (keep) {
        if (*len + keep + 1 > *cap) {
            size_t ncap = (*cap ? *cap * 2 : 65536);
            while (ncap < *len + keep + 1)
                ncap *= 2;
            char *nb = realloc(*buf, ncap);
            if (!nb)
                return -1;
            *buf = nb;
            *cap = ncap;
        }
        memcpy(*buf + *len, chunk, keep);
        *len += keep;
        (*buf)[*len] = '\0';
    }
    return 1;
}

bb_sandbox_status bb_sandbox_run(const bb_sandbox_limits *lim, bb_sandbox_fn fn, void *arg,
                                 char **out, size_t *out_len, size_t max_out)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        return BB_SANDBOX_ERROR;
    fflush(NULL);   /* or buffered output would be written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return BB_SANDBOX_ERROR;
    }
    if (pid == 0) {
        close(fds[0]);
        child_limits(lim);
        int rc = fn(arg, fds[1]);
        /* _exit: no atexit handlers, no SDL shutdown, no flushing of the
         * parent's stdio buffers in the child's copy. */
        _exit(rc == 0 ? 0 : (rc == BB_SANDBOX_EXIT_NOMEM ? rc : 1));
    }
    close(fds[1]);

    char *buf = NULL;
    size_t len = 0, cap = 0;
    long long deadline = now_ms() + lim->deadline_ms;
    int timed_out = 0, open = 1;
    while (open) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            timed_out = 1;
            break;
        }
        if (waiting_fn)
            waiting_fn(waiting_arg);
        struct pollfd p = {.fd = fds[0], .events = POLLIN};
        int r = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
        if (r < 0 && errno != EINTR)
            break;
        if (r > 0) {
            int d = drain(fds[0], &buf, &len, &cap, out ? max_out : 0);
            if (d <= 0)
                open = 0;
        }
    }
    /* The pipe is closed (the child exited or closed it) or the deadline
     * passed; wait for the exit with the time that is left. */
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid_t w = 0;
    while (!timed_out) {
        w = wait4(pid, &status, WNOHANG, &ru);
        if (w == pid || (w < 0 && errno != EINTR))
            break;
        if (now_ms() >= deadline) {
            timed_out = 1;
            break;
        }
        struct timespec ts = {0, 2 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (timed_out) {
        kill(pid, SIGKILL);
        while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
        }
    }
    close(fds[0]);

    bb_sandbox_status res;
    if (timed_out)
        res = BB_SANDBOX_TIMEOUT;
    else if (w < 0)
        res = BB_SANDBOX_ERROR;
    else if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        if (sig == SIGXCPU || (sig == SIGKILL && lim->cpu_seconds > 0 &&
                               ru.ru_utime.tv_sec + ru.ru_stime.tv_sec >= lim->cpu_seconds))
            res = BB_SANDBOX_CPU;
        else
            res = BB_SANDBOX_CRASHED;
        /* A decoder whose allocation failed usually aborts or crashes on
         * the NULL: the resident size close to the limit tells it apart. */
        if (res == BB_SANDBOX_CRASHED && lim->memory_bytes &&
            (size_t)ru.ru_maxrss * 1024 >= lim->memory_bytes / 2)
            res = BB_SANDBOX_MEMORY;
    } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        res = BB_SANDBOX_OK;
    else if (WIFEXITED(status) && WEXITSTATUS(status) == BB_SANDBOX_EXIT_NOMEM)
        res = BB_SANDBOX_MEMORY;
    else
        res = BB_SANDBOX_FAILED;

    if (out && res == BB_SANDBOX_OK) {
        *out = buf;
        if (out_len)
            *out_len = len;
    } else
        free(buf);
    return res;
}

const char *bb_sandbox_reason(bb_sandbox_status status, const bb_sandbox_limits *lim,
                              char *buf, size_t size)
{
    switch (status) {
    case BB_SANDBOX_OK:
        snprintf(buf, size, "finished");
        break;
    case BB_SANDBOX_FAILED:
        snprintf(buf, size, "refused it");
        break;
    case BB_SANDBOX_CRASHED:
        snprintf(buf, size, "crashed");
        break;
    case BB_SANDBOX_MEMORY:
        snprintf(buf, size, "ran out of memory (limit %zu MiB)", lim->memory_bytes >> 20);
        break;
    case BB_SANDBOX_CPU:
        snprintf(buf, size, "used up its CPU time (limit %d s)", lim->cpu_seconds);
        break;
    case BB_SANDBOX_TIMEOUT:
        snprintf(buf, size, "took longer than %d.%d s and was stopped", lim->deadline_ms / 1000,
                 (lim->deadline_ms % 1000) / 100);
        break;
    case BB_SANDBOX_ERROR:
    default:
        snprintf(buf, size, "could not be started");
        break;
    }
    return buf;
}
