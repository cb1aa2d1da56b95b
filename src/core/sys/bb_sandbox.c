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
#include <stdbool.h>
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
/* The pipe a child writes to, asked for (a picture is megabytes). */
#define PIPE_BYTES (1024 * 1024)
/* A child that closed its pipe is looked at again this often until it is
 * reaped (it is exiting: microseconds). */
#define REAP_POLL_MS 2
/* bb_sandbox_job_wait calls the waiting function at least this often. */
#define WAITING_SLICE_MS 1000

struct bb_sandbox_job {
    bb_sandbox_limits lim;
    pid_t pid;
    int fd;                  /* the pipe's read end (non-blocking); -1 once closed */
    char *buf;               /* what the child wrote, NUL-terminated */
    size_t len, cap, max_out;
    long long deadline_ms;   /* monotonic */
    bool reaped;
    bb_sandbox_status status;   /* BB_SANDBOX_RUNNING until reaped */
};

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

static bb_sandbox_status exit_status(const bb_sandbox_limits *lim, int status,
                                     const struct rusage *ru);

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
 * more may come at once, 2 when nothing is there now, -1 on a read
 * error. */
static int drain(int fd, char **buf, size_t *len, size_t *cap, size_t max_out)
{
    char chunk[16384];
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0)
        return errno == EINTR ? 1 : errno == EAGAIN ? 2 : -1;
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

bb_sandbox_job *bb_sandbox_start(const bb_sandbox_limits *lim, bb_sandbox_fn fn, void *arg,
                                 size_t max_out)
{
    bb_sandbox_job *job = calloc(1, sizeof *job);
    int fds[2];
    if (!job)
        return NULL;
    if (pipe2(fds, O_CLOEXEC) != 0) {
        free(job);
        return NULL;
    }
    /* A picture's pixels are megabytes: a larger pipe wakes the loop once
     * a megabyte instead of every 64 KiB (best effort, the kernel may cap
     * it at /proc/sys/fs/pipe-max-size). */
    fcntl(fds[0], F_SETPIPE_SZ, PIPE_BYTES);
    fflush(NULL);   /* or buffered output would be written twice */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        free(job);
        return NULL;
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
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    job->lim = *lim;
    job->pid = pid;
    job->fd = fds[0];
    job->max_out = max_out;
    job->deadline_ms = now_ms() + lim->deadline_ms;
    job->status = BB_SANDBOX_RUNNING;
    return job;
}

int bb_sandbox_job_fd(const bb_sandbox_job *job)
{
    return job->status == BB_SANDBOX_RUNNING ? job->fd : -1;
}

int bb_sandbox_job_ms_left(const bb_sandbox_job *job)
{
    if (job->status != BB_SANDBOX_RUNNING)
        return 0;
    long long left = job->deadline_ms - now_ms();
    if (left < 0)
        left = 0;
    /* The pipe closed but the child is not reaped yet: it is exiting,
     * and nothing will wake the caller for it. */
    if (job->fd < 0 && left > REAP_POLL_MS)
        left = REAP_POLL_MS;
    return (int)left;
}

bb_sandbox_status bb_sandbox_job_poll(bb_sandbox_job *job)
{
    if (job->status != BB_SANDBOX_RUNNING)
        return job->status;
    while (job->fd >= 0) {
        int d = drain(job->fd, &job->buf, &job->len, &job->cap, job->max_out);
        if (d == 2)
            break;   /* nothing more for now */
        if (d <= 0) {
            /* The child closed its end (it exited, usually) or the pipe
             * failed: what it wrote is all there is. */
            close(job->fd);
            job->fd = -1;
        }
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid_t w = 0;
    if (job->fd < 0) {
        while ((w = wait4(job->pid, &status, WNOHANG, &ru)) < 0 && errno == EINTR) {
        }
    }
    bool timed_out = w == 0 && now_ms() >= job->deadline_ms;
    if (timed_out) {
        kill(job->pid, SIGKILL);
        while ((w = wait4(job->pid, &status, 0, &ru)) < 0 && errno == EINTR) {
        }
    }
    if (w == 0)
        return BB_SANDBOX_RUNNING;
    if (job->fd >= 0) {
        close(job->fd);
        job->fd = -1;
    }
    job->reaped = true;
    job->status = timed_out ? BB_SANDBOX_TIMEOUT
                            : w < 0 ? BB_SANDBOX_ERROR : exit_status(&job->lim, status, &ru);
    if (job->status != BB_SANDBOX_OK) {
        free(job->buf);
        job->buf = NULL;
        job->len = 0;
    }
    return job->status;
}

bb_sandbox_status bb_sandbox_job_wait(bb_sandbox_job *job)
{
    bb_sandbox_status st;
    while ((st = bb_sandbox_job_poll(job)) == BB_SANDBOX_RUNNING) {
        if (waiting_fn)
            waiting_fn(waiting_arg);
        int left = bb_sandbox_job_ms_left(job);
        struct pollfd p = {.fd = bb_sandbox_job_fd(job), .events = POLLIN};
        /* poll ignores a negative descriptor: then it only sleeps. */
        poll(&p, 1, left > WAITING_SLICE_MS ? WAITING_SLICE_MS : left);
    }
    return st;
}

char *bb_sandbox_job_take(bb_sandbox_job *job, size_t *len)
{
    char *out = job->status == BB_SANDBOX_OK ? job->buf : NULL;
    if (len)
        *len = out ? job->len : 0;
    if (out) {
        job->buf = NULL;
        job->len = job->cap = 0;
    }
    return out;
}

void bb_sandbox_job_destroy(bb_sandbox_job *job)
{
    if (!job)
        return;
    if (!job->reaped) {
        kill(job->pid, SIGKILL);
        while (waitpid(job->pid, NULL, 0) < 0 && errno == EINTR) {
        }
    }
    if (job->fd >= 0)
        close(job->fd);
    free(job->buf);
    free(job);
}

bb_sandbox_status bb_sandbox_run(const bb_sandbox_limits *lim, bb_sandbox_fn fn, void *arg,
                                 char **out, size_t *out_len, size_t max_out)
{
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    bb_sandbox_job *job = bb_sandbox_start(lim, fn, arg, out ? max_out : 0);
    if (!job)
        return BB_SANDBOX_ERROR;
    bb_sandbox_status res = bb_sandbox_job_wait(job);
    if (out)
        *out = bb_sandbox_job_take(job, out_len);
    bb_sandbox_job_destroy(job);
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
    case BB_SANDBOX_RUNNING:
        snprintf(buf, size, "is still running");
        break;
    case BB_SANDBOX_ERROR:
    default:
        snprintf(buf, size, "could not be started");
        break;
    }
    return buf;
}

/* What a reaped child's wait status and resource use say. */
static bb_sandbox_status exit_status(const bb_sandbox_limits *lim, int status,
                                     const struct rusage *ru)
{
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        bb_sandbox_status res = BB_SANDBOX_CRASHED;
        if (sig == SIGXCPU || (sig == SIGKILL && lim->cpu_seconds > 0 &&
                               ru->ru_utime.tv_sec + ru->ru_stime.tv_sec >= lim->cpu_seconds))
            res = BB_SANDBOX_CPU;
        /* A decoder whose allocation failed usually aborts or crashes on
         * the NULL: the resident size close to the limit tells it apart. */
        if (res == BB_SANDBOX_CRASHED && lim->memory_bytes &&
            (size_t)ru->ru_maxrss * 1024 >= lim->memory_bytes / 2)
            res = BB_SANDBOX_MEMORY;
        return res;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return BB_SANDBOX_OK;
    if (WIFEXITED(status) && WEXITSTATUS(status) == BB_SANDBOX_EXIT_NOMEM)
        return BB_SANDBOX_MEMORY;
    return BB_SANDBOX_FAILED;
}
