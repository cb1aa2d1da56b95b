/*
 * bb_sandbox: run a decoder of untrusted content in a short-lived child
 * process, so that a crash, a runaway allocation or an endless loop in a
 * library (libical, libxml2, an image decoder) costs a refused file instead
 * of the display.
 *
 * The child is forked, lowers its own limits (RLIMIT_AS, RLIMIT_CPU, no core
 * dumps), sets PR_SET_NO_NEW_PRIVS, runs the function and _exits with its
 * result.  Past the wall-clock deadline the child is SIGKILLed and reaped.
 *
 * Two ways to wait: bb_sandbox_run blocks until the child is done (at most
 * deadline_ms plus the reap, whatever the input): loading a config, the
 * previews and --check.  bb_sandbox_start returns at once with a job whose
 * pipe the caller adds to its own poll and reads with bb_sandbox_job_poll,
 * so a display decodes a picture while its loop goes on.  bb_sandbox_run
 * is bb_sandbox_start and bb_sandbox_job_wait: one path.
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
    BB_SANDBOX_ERROR,     /* could not be started (fork, pipe): nothing was decoded */
    BB_SANDBOX_RUNNING    /* a started job still runs (bb_sandbox_job_poll) */
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

/* A child started with bb_sandbox_start, and what it wrote so far. */
typedef struct bb_sandbox_job bb_sandbox_job;

/*
 * Start fn(arg, out_fd) in a child under lim and return at once.  What the
 * child writes is kept (at most max_out bytes; 0: none) as
 * bb_sandbox_job_poll reads it.  Returns a job the caller owns
 * (bb_sandbox_job_destroy), or NULL when no child could be started (pipe,
 * fork, memory: BB_SANDBOX_ERROR, nothing was decoded).
 */
bb_sandbox_job *bb_sandbox_start(const bb_sandbox_limits *lim, bb_sandbox_fn fn, void *arg,
                                 size_t max_out);

/* The descriptor to wait on for job (readable when the child wrote, or
 * ended); -1 when there is none to wait on (then bb_sandbox_job_ms_left
 * says when to look again). */
int bb_sandbox_job_fd(const bb_sandbox_job *job);

/* Milliseconds until job must be looked at again (bb_sandbox_job_poll):
 * its deadline, or a moment while an exiting child is reaped; 0 when it
 * has ended. */
int bb_sandbox_job_ms_left(const bb_sandbox_job *job);

/*
 * Read what the child wrote without blocking; when it has ended, reap it,
 * and past its deadline SIGKILL and reap it.  Returns BB_SANDBOX_RUNNING
 * while it runs, then its outcome (the same on every later call).
 */
bb_sandbox_status bb_sandbox_job_poll(bb_sandbox_job *job);

/* Block until job has ended (bb_sandbox_job_poll, sleeping on its pipe and
 * calling the waiting function at least once a second); its outcome. */
bb_sandbox_status bb_sandbox_job_wait(bb_sandbox_job *job);

/* What an ended job's child wrote, when it ended BB_SANDBOX_OK (malloc'd,
 * NUL-terminated, now the caller's; *len its length); else NULL.  Once. */
char *bb_sandbox_job_take(bb_sandbox_job *job, size_t *len);

/* Kill the child if it still runs, reap it, free the job; NULL is a no-op. */
void bb_sandbox_job_destroy(bb_sandbox_job *job);

/*
 * A function the parent calls at least once a second while it waits for a
 * child (NULL: none): the display feeds the systemd watchdog from it, so a
 * reload that decodes several files one after another never starves it.
 * Called from bb_sandbox_run and bb_sandbox_job_wait, never from
 * bb_sandbox_job_poll.
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
