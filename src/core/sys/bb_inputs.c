/*
 * bb_inputs: our own read-only copies of the input devices, for poll(2).
 */
#include "bb_inputs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "bb_log.h"

/* Room for a burst of inotify events or of input events per read. */
#define READ_BUF_BYTES 4096

typedef struct {
    int fd;
    char name[32];   /* "event3" */
} device;

struct bb_inputs {
    char *dir;
    int ino;          /* inotify descriptor */
    int wd;           /* watch on dir, or on its parent while dir is missing */
    bool watching_parent;
    device dev[BB_INPUTS_MAX];
    int n;
    bool warned_full;
};

static void inputs_watch(bb_inputs *in);
static bool inputs_rescan(bb_inputs *in);
static void inputs_close(bb_inputs *in, int i);
static bool is_event_node(const char *name);

bb_inputs *bb_inputs_create(const char *dir)
{
    bb_inputs *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->wd = -1;
    in->dir = strdup(dir);
    in->ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (!in->dir || in->ino < 0) {
        bb_inputs_destroy(in);
        return NULL;
    }
    inputs_watch(in);
    inputs_rescan(in);
    return in;
}

void bb_inputs_destroy(bb_inputs *in)
{
    if (!in)
        return;
    while (in->n > 0)
        inputs_close(in, in->n - 1);
    if (in->ino >= 0)
        close(in->ino);
    free(in->dir);
    free(in);
}

int bb_inputs_fds(const bb_inputs *in, int *fds, int max)
{
    int k = 0;
    if (k < max)
        fds[k++] = in->ino;
    for (int i = 0; i < in->n && k < max; i++)
        fds[k++] = in->dev[i].fd;
    return k;
}

bool bb_inputs_drain(bb_inputs *in, bool *input)
{
    char buf[READ_BUF_BYTES];
    bool changed = false, dir_event = false;
    ssize_t got;

    *input = false;
    while ((got = read(in->ino, buf, sizeof buf)) > 0)
        dir_event = true;
    for (int i = in->n - 1; i >= 0; i--) {
        bool gone = false;
        for (;;) {
            got = read(in->dev[i].fd, buf, sizeof buf);
            if (got > 0) {
                *input = true;
                continue;
            }
            /* EAGAIN: drained.  ENODEV (unplugged) or end of file: gone. */
            gone = got == 0 || (errno != EAGAIN && errno != EINTR);
            break;
        }
        if (gone) {
            bb_log(BB_LOG_INFO, "input device %s/%s is gone", in->dir, in->dev[i].name);
            inputs_close(in, i);
            changed = true;
        }
    }
    if (dir_event) {
        if (in->watching_parent)
            inputs_watch(in);
        changed |= inputs_rescan(in);
    }
    return changed;
}

int bb_inputs_count(const bb_inputs *in)
{
    return in->n;
}

/* ---- static ---- */

/* Watch the directory, or while it does not exist its parent (for it to
 * appear: /dev/input is made when the first input device is). */
static void inputs_watch(bb_inputs *in)
{
    uint32_t mask = IN_CREATE | IN_DELETE | IN_ATTRIB | IN_MOVED_TO | IN_MOVED_FROM;
    if (in->wd >= 0)
        inotify_rm_watch(in->ino, in->wd);
    in->wd = inotify_add_watch(in->ino, in->dir, mask | IN_ONLYDIR);
    in->watching_parent = false;
    if (in->wd < 0) {
        char parent[PATH_MAX];
        char *slash;
        snprintf(parent, sizeof parent, "%s", in->dir);
        slash = strrchr(parent, '/');
        if (slash == parent)
            slash[1] = '\0';
        else if (slash)
            *slash = '\0';
        else
            snprintf(parent, sizeof parent, ".");
        in->wd = inotify_add_watch(in->ino, parent, IN_CREATE | IN_MOVED_TO | IN_ONLYDIR);
        in->watching_parent = in->wd >= 0;
    }
}

/* Open the event nodes not open yet, close those no longer listed.
 * Returns true when the set changed. */
static bool inputs_rescan(bb_inputs *in)
{
    bool listed[BB_INPUTS_MAX] = { false };
    bool changed = false;
    struct dirent *e;
    DIR *d = opendir(in->dir);
    if (d) {
        while ((e = readdir(d))) {
            int i, fd;
            if (!is_event_node(e->d_name))
                continue;
            for (i = 0; i < in->n; i++)
                if (strcmp(in->dev[i].name, e->d_name) == 0)
                    break;
            if (i < in->n) {
                listed[i] = true;
                continue;
            }
            if (in->n >= BB_INPUTS_MAX) {
                if (!in->warned_full)
                    bb_log(BB_LOG_WARNING, "more than %d input devices; %s/%s is not watched",
                           BB_INPUTS_MAX, in->dir, e->d_name);
                in->warned_full = true;
                continue;
            }
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s", in->dir, e->d_name);
            /* Not readable yet (udev has not given it to the input group):
             * the permission change is an IN_ATTRIB, and we come back. */
            fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
            if (fd < 0)
                continue;
            in->dev[in->n].fd = fd;
            snprintf(in->dev[in->n].name, sizeof in->dev[in->n].name, "%.31s", e->d_name);
            listed[in->n] = true;
            in->n++;
            changed = true;
            bb_log(BB_LOG_DEBUG, "watching input device %s", path);
        }
        closedir(d);
    }
    for (int i = in->n - 1; i >= 0; i--) {
        if (!listed[i]) {
            inputs_close(in, i);
            changed = true;
        }
    }
    return changed;
}

static void inputs_close(bb_inputs *in, int i)
{
    close(in->dev[i].fd);
    memmove(&in->dev[i], &in->dev[i + 1], (size_t)(in->n - i - 1) * sizeof in->dev[0]);
    in->n--;
}

static bool is_event_node(const char *name)
{
    if (strncmp(name, "event", 5) != 0 || !name[5] || strlen(name) >= sizeof((device *)0)->name)
        return false;
    for (const char *p = name + 5; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}
