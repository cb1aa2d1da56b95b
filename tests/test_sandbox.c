/*
 * test_sandbox: the decoder child (bb_sandbox) -- its answer comes back,
 * a crash and a timeout are told apart and bounded in time, and the waiting
 * hook that feeds the display's watchdog is called while a child runs.
 */
#include <stdlib.h>
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
    return bb_test_finish("test_sandbox");
}
