/*
 * bb_wait: one poll(2) over the loop's descriptors and its deadline.
 */
#include "bb_wait.h"

#include <poll.h>
#include <stdlib.h>

struct bb_wait {
    struct pollfd fds[BB_WAIT_MAX_FDS];
    bb_wait_tag tags[BB_WAIT_MAX_FDS];
    int n;
    bool ready[BB_WAIT_TAG_COUNT];
};

bb_wait *bb_wait_create(void)
{
    return calloc(1, sizeof(bb_wait));
}

void bb_wait_destroy(bb_wait *w)
{
    free(w);
}

void bb_wait_clear(bb_wait *w, bb_wait_tag tag)
{
    int k = 0;
    for (int i = 0; i < w->n; i++) {
        if (w->tags[i] == tag)
            continue;
        w->fds[k] = w->fds[i];
        w->tags[k] = w->tags[i];
        k++;
    }
    w->n = k;
    w->ready[tag] = false;
}

int bb_wait_add(bb_wait *w, int fd, bb_wait_tag tag)
{
    return bb_wait_add_events(w, fd, POLLIN, tag);
}

int bb_wait_add_events(bb_wait *w, int fd, short events, bb_wait_tag tag)
{
    if (fd < 0 || w->n >= BB_WAIT_MAX_FDS)
        return -1;
    w->fds[w->n] = (struct pollfd){ .fd = fd, .events = events };
    w->tags[w->n] = tag;
    w->n++;
    return 0;
}

int bb_wait_for(bb_wait *w, int timeout_ms)
{
    int rc, ready = 0;
    for (int t = 0; t < BB_WAIT_TAG_COUNT; t++)
        w->ready[t] = false;
    if (timeout_ms < 0)
        timeout_ms = -1;
    rc = poll(w->n > 0 ? w->fds : NULL, (nfds_t)w->n, timeout_ms);
    if (rc <= 0)
        return 0;   /* the deadline, or EINTR: the caller looks at its flags */
    for (int i = 0; i < w->n; i++) {
        /* POLLHUP/POLLERR too: an unplugged device must be read (ENODEV)
         * to be noticed and closed, or poll would report it forever.
         * POLLOUT only where it was asked for (a reply waiting to go). */
        if (w->fds[i].revents & (POLLIN | POLLOUT | POLLHUP | POLLERR | POLLNVAL)) {
            w->ready[w->tags[i]] = true;
            ready++;
        }
    }
    return ready;
}

bool bb_wait_ready(const bb_wait *w, bb_wait_tag tag)
{
    return tag >= 0 && tag < BB_WAIT_TAG_COUNT && w->ready[tag];
}

int bb_wait_count(const bb_wait *w)
{
    return w->n;
}
