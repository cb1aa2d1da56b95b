/*
 * bb_powerctl: the request file and SIGUSR2 between `briefboard --power`
 * and the running display.
 */
#include "bb_powerctl.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bb_file.h"
#include "bb_log.h"

#define PID_FILE "briefboard.pid"
#define REQUEST_FILE "power-request"
#define STATE_FILE "power"
#define RUN_DIR "/run/briefboard"
/* How often the command looks for the answer, ms. */
#define ANSWER_POLL_MS 50

static int write_file(const char *dir, const char *name, const char *text, mode_t mode);
static int read_small(const char *dir, const char *name, char *buf, size_t cap);
static void sleep_ms(int ms);

const char *bb_powerctl_dir(char *buf, int cap)
{
    const char *v;
    struct stat st;
    if ((v = getenv("BRIEFBOARD_RUNTIME_DIR")) && *v)
        snprintf(buf, (size_t)cap, "%s", v);
    else if ((v = getenv("RUNTIME_DIRECTORY")) && *v)
        snprintf(buf, (size_t)cap, "%s", v);
    else if (stat(RUN_DIR, &st) == 0 && S_ISDIR(st.st_mode))
        snprintf(buf, (size_t)cap, "%s", RUN_DIR);
    else if ((v = getenv("XDG_RUNTIME_DIR")) && *v)
        snprintf(buf, (size_t)cap, "%s/briefboard", v);
    else
        return NULL;
    return buf;
}

int bb_powerctl_publish(const char *dir)
{
    char pid[32];
    if (mkdir(dir, 0755) < 0 && errno != EEXIST)
        return -1;
    snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    return write_file(dir, PID_FILE, pid, 0644);
}

void bb_powerctl_unpublish(const char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, PID_FILE);
    unlink(path);
    snprintf(path, sizeof path, "%s/%s", dir, STATE_FILE);
    unlink(path);
}

int bb_powerctl_take(const char *dir, bool *on)
{
    char text[16], path[PATH_MAX];
    if (read_small(dir, REQUEST_FILE, text, sizeof text) < 0)
        return 0;
    snprintf(path, sizeof path, "%s/%s", dir, REQUEST_FILE);
    text[strcspn(text, " \t\r\n")] = '\0';
    if (strcmp(text, "on") == 0 || strcmp(text, "off") == 0) {
        *on = strcmp(text, "on") == 0;
        return 1;   /* removed by bb_powerctl_answer, after the state */
    }
    unlink(path);
    bb_log(BB_LOG_WARNING, "%s: '%s' is not a power request (on or off); ignored", path, text);
    return -1;
}

void bb_powerctl_write_state(const char *dir, bool on)
{
    if (write_file(dir, STATE_FILE, on ? "on\n" : "off\n", 0644) < 0)
        bb_log_once(BB_LOG_WARNING, "cannot write %s/%s: %s", dir, STATE_FILE, strerror(errno));
}

void bb_powerctl_answer(const char *dir, bool on)
{
    char path[PATH_MAX];
    bb_powerctl_write_state(dir, on);
    snprintf(path, sizeof path, "%s/%s", dir, REQUEST_FILE);
    unlink(path);
}

int bb_powerctl_request(bool on, FILE *out, FILE *err)
{
    char dirbuf[PATH_MAX], text[32], path[PATH_MAX];
    const char *dir = bb_powerctl_dir(dirbuf, sizeof dirbuf);
    long pid;
    if (!dir) {
        fprintf(err, "briefboard: no running display found (no %s, no $XDG_RUNTIME_DIR)\n", RUN_DIR);
        return 1;
    }
    if (read_small(dir, PID_FILE, text, sizeof text) < 0 || (pid = strtol(text, NULL, 10)) <= 0) {
        fprintf(err, "briefboard: no running display found (%s/%s: %s)\n", dir, PID_FILE,
                strerror(errno ? errno : ENOENT));
        return 1;
    }
    if (write_file(dir, REQUEST_FILE, on ? "on\n" : "off\n", 0644) < 0) {
        fprintf(err, "briefboard: cannot write %s/%s: %s\n", dir, REQUEST_FILE, strerror(errno));
        return 1;
    }
    if (kill((pid_t)pid, SIGUSR2) < 0) {
        fprintf(err, "briefboard: cannot signal the display (pid %ld): %s\n", pid, strerror(errno));
        snprintf(path, sizeof path, "%s/%s", dir, REQUEST_FILE);
        unlink(path);
        return 1;
    }
    snprintf(path, sizeof path, "%s/%s", dir, REQUEST_FILE);
    for (int waited = 0; waited < BB_POWERCTL_TIMEOUT_MS; waited += ANSWER_POLL_MS) {
        if (access(path, F_OK) < 0) {
            /* The display writes the state before it removes the request. */
            if (read_small(dir, STATE_FILE, text, sizeof text) < 0)
                snprintf(text, sizeof text, "unknown\n");
            text[strcspn(text, "\r\n")] = '\0';
            fprintf(out, "panel %s\n", text);
            return strcmp(text, on ? "on" : "off") == 0 ? 0 : 1;
        }
        sleep_ms(ANSWER_POLL_MS);
    }
    fprintf(err, "briefboard: the display (pid %ld) did not answer within %d s\n", pid,
            BB_POWERCTL_TIMEOUT_MS / 1000);
    return 1;
}

/* ---- static ---- */

/* dir/name replaced by text, atomically (bb_file_replace). */
static int write_file(const char *dir, const char *name, const char *text, mode_t mode)
{
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return bb_file_replace(path, text, strlen(text), mode, 0);
}

/* The first cap - 1 bytes of dir/name (the project's one file reader: a
 * regular file, never blocking), NUL-terminated; 0 or -1 (errno). */
static int read_small(const char *dir, const char *name, char *buf, size_t cap)
{
    char path[PATH_MAX];
    bb_file_data fd;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    bb_file_status st = bb_file_read(path, cap - 1, BB_FILE_PREFIX, &fd);
    if (st != BB_FILE_OK) {
        errno = st == BB_FILE_IO ? fd.err_no : st == BB_FILE_ABSENT ? ENOENT : EINVAL;
        return -1;
    }
    snprintf(buf, cap, "%s", fd.data);
    free(fd.data);
    return 0;
}

static void sleep_ms(int ms)
{
    struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}
