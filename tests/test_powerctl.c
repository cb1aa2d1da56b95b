/*
 * test_powerctl: `briefboard --power` against a stand-in display: a child
 * process that publishes its pid in a temporary runtime directory, waits
 * for SIGUSR2, takes the request and writes the new state -- what the real
 * loop does.  Checks the command's output and exit status, and its answers
 * when no display runs or the request file holds nonsense.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bb_powerctl.h"
#include "bb_test.h"

static char dir[] = "/tmp/bb_test_powerctl_XXXXXX";
static volatile sig_atomic_t got_usr2, got_term;

static void on_signal(int sig)
{
    if (sig == SIGUSR2)
        got_usr2 = 1;
    else
        got_term = 1;
}

/* The stand-in display: answers requests until SIGTERM. */
static void display_child(void)
{
    sigset_t block, old;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR2);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &old);
    if (bb_powerctl_publish(dir) < 0)
        _exit(2);
    bb_powerctl_write_state(dir, true);
    while (!got_term) {
        bool on;
        while (!got_usr2 && !got_term)
            sigsuspend(&old);
        if (got_term)
            break;
        got_usr2 = 0;
        if (bb_powerctl_take(dir, &on) == 1)
            bb_powerctl_answer(dir, on);
    }
    bb_powerctl_unpublish(dir);
    _exit(0);
}

static int request(bool on, char *out_text, size_t cap)
{
    FILE *out = tmpfile(), *err = tmpfile();
    int rc = bb_powerctl_request(on, out, err);
    rewind(out);
    size_t n = fread(out_text, 1, cap - 1, out);
    out_text[n] = '\0';
    fclose(out);
    fclose(err);
    return rc;
}

int main(void)
{
    char text[128], path[128];
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("BRIEFBOARD_RUNTIME_DIR", dir, 1);
    CHECK_STR(bb_powerctl_dir(text, sizeof text), dir);

    /* No display: a clear failure, not a hang. */
    CHECK_INT(request(false, text, sizeof text), 1);

    pid_t pid = fork();
    if (pid == 0)
        display_child();
    /* Wait for the child's pid file. */
    snprintf(path, sizeof path, "%s/briefboard.pid", dir);
    for (int i = 0; i < 200 && access(path, F_OK) < 0; i++)
        usleep(10000);
    CHECK_INT(request(false, text, sizeof text), 0);
    CHECK_STR(text, "panel off\n");
    CHECK_INT(request(true, text, sizeof text), 0);
    CHECK_STR(text, "panel on\n");
    int status = -1;
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* The display removed its files at exit. */
    CHECK(access(path, F_OK) < 0);

    /* A request file with nonsense is refused and removed. */
    bool on = true;
    snprintf(path, sizeof path, "%s/power-request", dir);
    FILE *f = fopen(path, "w");
    fputs("sideways\n", f);
    fclose(f);
    CHECK_INT(bb_powerctl_take(dir, &on), -1);
    CHECK(access(path, F_OK) < 0);
    CHECK_INT(bb_powerctl_take(dir, &on), 0);

    snprintf(text, sizeof text, "rm -rf '%s'", dir);
    if (system(text) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return bb_test_finish("test_powerctl");
}
