/*
 * bb_sandbox: run a decoder of untrusted content in a short-lived child
 * process, so that a crash, a runaway allocation or an endless loop in a
 * library (libical, libxml2, an image decoder) costs a refused file instead
 * of the display.
 *
 * The child is forked, lowers its own limits (RLIMIT_AS, RLIMIT_CPU, no core
 * dumps), sets PR_SET_NO_NEW_PRIVS, runs the function and _exits with its
 * result.  The parent waits at most the wall-clock deadline, polling the
 * child's pipe; past it the child is SIGKILLed and reaped.  So the caller
 * blocks at most deadline_ms (plus the reap), whatever the input.
 */
#ifndef BB_SANDBOX_H
#define BB_SANDBOX_H

#include <stddef.h>

typedef enum bb_sandbox_status {
    BB_SANDBOX_OK,        /* the function returned 0 */
    BB_SANDBOX_FAILED,    /* the function returned non-zero (a clean refusal) */
    BB_SANDBOX_CRASHED,   /* killed by a signal it raised itself (SIGSEGV, SIGABRT...) */
    BB_SANDBOX_MEMORY,    /* ran out of its memory limit */
    BB_SANDBOX_CPU,       /* used up its CPU-time limit */
    BB_SANDBOX_TIMEOUT,   /* passed the wall-clock deadline: killed */
    BB_SANDBOX_ERROR      /* could not be started (fork, pipe): nothing was decoded */
} bb_sandbox_status;

typedef struct bb_sandbox_limits {
    size_t memory_bytes;  /* address space the child may add to what it inherits (its
                           * RLIMIT_AS is this plus the parent's size at the fork);
                           * 0 = none (always none under ASan) */
    int cpu_seconds;      /* RLIMIT_CPU of the child; 0 = none */
    int deadline_ms;      /* wall clock the parent waits before SIGKILL; > 0 */
} bb_sandbox_limits;

/* The limits used for schedules, feeds and pictures: 512 MiB, 5 s CPU, 5 s
 * wall clock -- well under the unit's WatchdogSec=30s. */
bb_sandbox_limits bb_sandbox_default_limits(void);

/*
 * The function run in the child.  out_fd is the write end of a pipe the
 * parent reads (may be ignored).  Returns 0 on success, non-zero for a clean
 * refusal.  It runs in a copy of the caller's memory: anything it changes
 * there is lost.
 */
typedef int (*bb_sandbox_fn)(void *arg, int out_fd);

/*
 * Run fn(arg, out_fd) in a child under lim.  When out and out_len are not
 * NULL, what the child wrote is returned in *out (malloc'd, NUL-terminated,
 * owned by the caller; NULL when nothing was written) -- at most
 * max_out bytes are kept.  Never blocks longer than lim->deadline_ms plus
 * the time to reap a killed child.
 */
bb_sandbox_status bb_sandbox_run(const bb_sandbox_limits *lim, bb_sandbox_fn fn, void *arg,
                                 char **out, size_t *out_len, size_t max_out);

/*
 * A function the parent calls at least once a second while it waits for a
 * child (NULL: none): the display feeds the systemd watchdog from it, so a
 * reload that decodes several files one after another never starves it.
 * Process-wide; set once at start.
 */
typedef void (*bb_sandbox_waiting_fn)(void *arg);
void bb_sandbox_set_waiting(bb_sandbox_waiting_fn fn, void *arg);

/* Why a child failed, for "... was refused: its decoder <reason>": e.g.
 * "ran out of memory (limit 512 MiB)", "took longer than 5 s".  Written into
 * buf (NUL-terminated); returns buf. */
const char *bb_sandbox_reason(bb_sandbox_status status, const bb_sandbox_limits *lim,
                              char *buf, size_t size);

#endif
