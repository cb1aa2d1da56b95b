/*
 * test_sandbox: the decoder child (bb_sandbox) -- its answer comes back,
 * a crash and a timeout are told apart and bounded in time, and the waiting
 * hook that feeds the display's watchdog is called while a child runs.
 * A started job (bb_sandbox_start) returns at once and is read as its pipe
 * becomes readable, a megabyte answer included; one killed from outside
 * (as the OOM killer would) is a crash, never a hang.
 */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bb_sandbox.h"
#include "bb_test.h"

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int answer(void *arg, int out_fd)
{
    const char *text = arg;
    return write(out_fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : 1;
}

static int crash(void *arg, int out_fd)
{
    (void)arg;
    (void)out_fd;
    abort();   /* as a decoder's failed assertion; SIGSEGV is the sanitizers' */
}

/* Sleeps *arg ms, then succeeds. */
static int slow(void *arg, int out_fd)
{
    (void)out_fd;
    int ms = *(int *)arg;
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    return 0;
}

/* Writes its pid to the pipe *arg names, then sleeps (until killed). */
static int tell_pid_and_sleep(void *arg, int out_fd)
{
    (void)out_fd;
    pid_t me = getpid();
    if (write(*(int *)arg, &me, sizeof me) != (ssize_t)sizeof me)
        return 1;
    for (;;)
        pause();
}

/* A megabyte and a bit: more than any pipe holds. */
#define BIG_BYTES (1024 * 1024 + 333)

static int big(void *arg, int out_fd)
{
    (void)arg;
    static char block[BIG_BYTES];
    memset(block, 'p', sizeof block);
    for (size_t at = 0; at < sizeof block;) {
        ssize_t n = write(out_fd, block + at, sizeof block - at);
        if (n <= 0)
            return 1;
        at += (size_t)n;
    }
    return 0;
}

static void count_wait(void *arg)
{
    (*(int *)arg)++;
}

int main(void)
{
    bb_sandbox_limits lim = bb_sandbox_default_limits();
    char *out = NULL;
    size_t len = 0;
    char items[] = "items", x[] = "x";
    CHECK_INT(bb_sandbox_run(&lim, answer, items, &out, &len, 64), BB_SANDBOX_OK);
    CHECK_STR(out ? out : "", "items");
    CHECK_INT(len, 5);
    free(out);

    CHECK_INT(bb_sandbox_run(&lim, crash, NULL, NULL, NULL, 0), BB_SANDBOX_CRASHED);

    /* Past the deadline the child is killed: bounded, whatever it does. */
    bb_sandbox_limits quick = {.memory_bytes = 0, .cpu_seconds = 0, .deadline_ms = 300};
    int sleep_ms = 5000;
    long long t0 = now_ms();
    CHECK_INT(bb_sandbox_run(&quick, slow, &sleep_ms, NULL, NULL, 0), BB_SANDBOX_TIMEOUT);
    long long took = now_ms() - t0;
    CHECK(took >= 300 && took < 1500);
    char why[128];
    CHECK_STR(bb_sandbox_reason(BB_SANDBOX_TIMEOUT, &quick, why, sizeof why),
              "took longer than 0.3 s and was stopped");

    /* The waiting hook (the display feeds its watchdog from it) runs at
     * least once a second while a child works: 2.5 s -> 3 calls or more. */
    int calls = 0;
    bb_sandbox_set_waiting(count_wait, &calls);
    sleep_ms = 2500;
    CHECK_INT(bb_sandbox_run(&lim, slow, &sleep_ms, NULL, NULL, 0), BB_SANDBOX_OK);
    CHECK(calls >= 3);
    bb_sandbox_set_waiting(NULL, NULL);
    calls = 0;
    CHECK_INT(bb_sandbox_run(&lim, answer, x, NULL, NULL, 0), BB_SANDBOX_OK);
    CHECK_INT(calls, 0);

    /* Started, not waited for: back at once, read as the pipe fills. */
    t0 = now_ms();
    bb_sandbox_job *job = bb_sandbox_start(&lim, big, NULL, BIG_BYTES + 1);
    CHECK(job != NULL && now_ms() - t0 < 500);
    int wakes = 0;
    bb_sandbox_status st = BB_SANDBOX_RUNNING;
    while (job && (st = bb_sandbox_job_poll(job)) == BB_SANDBOX_RUNNING && wakes < 100000) {
        struct pollfd p = {.fd = bb_sandbox_job_fd(job), .events = POLLIN};
        poll(&p, 1, bb_sandbox_job_ms_left(job));
        wakes++;
    }
    CHECK_INT(st, BB_SANDBOX_OK);
    char *got = job ? bb_sandbox_job_take(job, &len) : NULL;
    CHECK_INT(len, BIG_BYTES);
    CHECK(got && got[0] == 'p' && got[BIG_BYTES - 1] == 'p');
    printf("a %d-byte answer read in %d wake-ups\n", BIG_BYTES, wakes);
    free(got);
    bb_sandbox_job_destroy(job);

    /* Killed from outside while it runs: a crash, told at once. */
    int pids[2];
    CHECK(pipe(pids) == 0);
    job = bb_sandbox_start(&lim, tell_pid_and_sleep, &pids[1], 0);
    pid_t child = 0;
    CHECK(job && read(pids[0], &child, sizeof child) == (ssize_t)sizeof child && child > 0);
    CHECK_INT(job ? bb_sandbox_job_poll(job) : BB_SANDBOX_ERROR, BB_SANDBOX_RUNNING);
    CHECK(job && bb_sandbox_job_fd(job) >= 0);
    if (child > 0)
        kill(child, SIGKILL);
    t0 = now_ms();
    CHECK_INT(job ? bb_sandbox_job_wait(job) : BB_SANDBOX_ERROR, BB_SANDBOX_CRASHED);
    CHECK(now_ms() - t0 < 1000);
    CHECK(job && bb_sandbox_job_take(job, &len) == NULL && len == 0);
    bb_sandbox_job_destroy(job);

    /* Dropped while it runs: killed and reaped, nothing left behind. */
    sleep_ms = 60000;
    job = bb_sandbox_start(&lim, slow, &sleep_ms, 0);
    CHECK(job != NULL);
    t0 = now_ms();
    bb_sandbox_job_destroy(job);
    CHECK(now_ms() - t0 < 1000);
    close(pids[0]);
    close(pids[1]);
    return bb_test_finish("test_sandbox");
}
