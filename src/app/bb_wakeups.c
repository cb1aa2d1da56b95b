/*
 * bb_wakeups: the loop's one sleep over input, watcher, display events and
 * signals.
 */
#include "bb_wakeups.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_inputs.h"
#include "bb_log.h"
#include "bb_uevent.h"
#include "bb_wait.h"

struct bb_wakeups {
    bb_wait *wait;
    bb_inputs *inputs;    /* NULL: no input watching */
    bb_uevent *uevent;    /* NULL: no hot-plug events */
    int watch_fd;
    int signal_fd;
};

static void wakeups_set_inputs(bb_wakeups *w);
static void wakeups_set_fds(bb_wakeups *w, bb_wait_tag tag, const struct pollfd *fds, int n);

bb_wakeups *bb_wakeups_create(const bb_wakeups_params *p)
{
    bb_wakeups *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->watch_fd = p->watch_fd;
    w->signal_fd = p->signal_fd;
    w->wait = bb_wait_create();
    if (!w->wait) {
        free(w);
        return NULL;
    }
    if (p->input_dir) {
        w->inputs = bb_inputs_create(p->input_dir);
        if (!w->inputs)
            bb_log(BB_LOG_WARNING, "cannot watch %s (no inotify?): the keyboard is read only "
                   "when the display wakes anyway", p->input_dir);
    }
    if (p->display_events) {
        w->uevent = bb_uevent_open();
        if (!w->uevent)
            bb_log(BB_LOG_WARNING, "no kernel display events (netlink unavailable): a display "
                   "that is unplugged and plugged in again may stay dark until a restart");
        else
            bb_wait_add(w->wait, bb_uevent_fd(w->uevent), BB_WAIT_DISPLAY);
    }
    if (w->watch_fd >= 0)
        bb_wait_add(w->wait, w->watch_fd, BB_WAIT_WATCHER);
    if (w->signal_fd >= 0)
        bb_wait_add(w->wait, w->signal_fd, BB_WAIT_SIGNAL);
    wakeups_set_inputs(w);
    return w;
}

void bb_wakeups_destroy(bb_wakeups *w)
{
    if (!w)
        return;
    bb_inputs_destroy(w->inputs);
    bb_uevent_destroy(w->uevent);
    bb_wait_destroy(w->wait);
    free(w);
}

int bb_wakeups_wait(bb_wakeups *w, int timeout_ms, bb_wake_reason *why)
{
    int ready = bb_wait_for(w->wait, timeout_ms);
    memset(why, 0, sizeof *why);
    if (bb_wait_ready(w->wait, BB_WAIT_INPUT) && w->inputs) {
        if (bb_inputs_drain(w->inputs, &why->input)) {
            why->devices = true;
            wakeups_set_inputs(w);
        }
    }
    if (bb_wait_ready(w->wait, BB_WAIT_DISPLAY))
        why->display = bb_uevent_read(w->uevent, NULL);
    if (bb_wait_ready(w->wait, BB_WAIT_SIGNAL)) {
        char buf[64];
        while (read(w->signal_fd, buf, sizeof buf) > 0)
            ;
        why->signal = true;
    }
    why->watcher = bb_wait_ready(w->wait, BB_WAIT_WATCHER);
    why->control = bb_wait_ready(w->wait, BB_WAIT_CONTROL);
    why->decoder = bb_wait_ready(w->wait, BB_WAIT_DECODER);
    return ready;
}

void bb_wakeups_set_control(bb_wakeups *w, const struct pollfd *fds, int n)
{
    wakeups_set_fds(w, BB_WAIT_CONTROL, fds, n);
}

void bb_wakeups_set_decoders(bb_wakeups *w, const struct pollfd *fds, int n)
{
    wakeups_set_fds(w, BB_WAIT_DECODER, fds, n);
}

int bb_wakeups_input_devices(const bb_wakeups *w)
{
    return w->inputs ? bb_inputs_count(w->inputs) : 0;
}

bool bb_wakeups_has_display_events(const bb_wakeups *w)
{
    return w->uevent != NULL;
}

/* ---- static ---- */

static void wakeups_set_inputs(bb_wakeups *w)
{
    int fds[BB_INPUTS_MAX + 1];
    int n;
    bb_wait_clear(w->wait, BB_WAIT_INPUT);
    if (!w->inputs)
        return;
    n = bb_inputs_fds(w->inputs, fds, BB_INPUTS_MAX + 1);
    for (int i = 0; i < n; i++)
        bb_wait_add(w->wait, fds[i], BB_WAIT_INPUT);
}

/* Replace the descriptors under tag with fds[0..n-1] and their events. */
static void wakeups_set_fds(bb_wakeups *w, bb_wait_tag tag, const struct pollfd *fds, int n)
{
    bb_wait_clear(w->wait, tag);
    for (int i = 0; i < n; i++)
        bb_wait_add_events(w->wait, fds[i].fd, fds[i].events, tag);
}
