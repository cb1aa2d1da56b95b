/*
 * bb_control: the control socket of the running display -- a Unix stream
 * socket speaking the line protocol of bb_ctl.h (docs/fleet.md), for
 * briefboardctl, the MQTT bridge, scripts and people.
 *
 * Everything is non-blocking and serviced from the display loop: the
 * socket's descriptors join the loop's wait (bb_control_pollfds), and
 * bb_control_service accepts, reads, answers and writes only what the kernel
 * takes at once.  A client that does not read its replies, sends too much or
 * too fast is refused or dropped; the display never waits for one.  Limits:
 * BB_CONTROL_MAX_CLIENTS connections, a bounded line, per-connection and
 * global request rates, and one log line (at most one a second) for bad
 * input.
 */
#ifndef BB_CONTROL_H
#define BB_CONTROL_H

#include <poll.h>
#include <stdint.h>

#include "bb_show.h"

/* The socket's name in $RUNTIME_DIRECTORY (systemd's RuntimeDirectory=). */
#define BB_CONTROL_SOCKET_NAME "control"
/* Connections at once; one more is answered "error busy" and closed. */
#define BB_CONTROL_MAX_CLIENTS 16
/* Descriptors bb_control_pollfds may fill: the listener and every client. */
#define BB_CONTROL_MAX_FDS (BB_CONTROL_MAX_CLIENTS + 1)
/* Requests a second: per connection (burst twice that), and for all. */
#define BB_CONTROL_RATE_PER_CONN 20
#define BB_CONTROL_RATE_GLOBAL 100
/* A client silent this long without a whole line is dropped, ms. */
#define BB_CONTROL_IDLE_MS 30000

typedef struct bb_control bb_control;

/* What the process knows that the show does not. */
typedef struct bb_control_info {
    uint64_t started_ms;    /* monotonic ms at start */
    uint64_t wakeups;       /* loop turns so far */
} bb_control_info;

/*
 * Listen on the Unix socket at path (a stale socket file there is replaced;
 * any other file is refused), mode 0660 so the group may connect.  Returns
 * the handle the caller owns, or NULL with one log line saying why (the
 * display then runs without it).
 */
bb_control *bb_control_create(const char *path, uint64_t now_ms);

/* Closes every connection and removes the socket file; NULL is a no-op. */
void bb_control_destroy(bb_control *c);

/* Fill fds (room for BB_CONTROL_MAX_FDS) with what the loop should wait
 * on; returns how many. */
int bb_control_pollfds(const bb_control *c, struct pollfd *fds);

/*
 * Accept, read, answer and write whatever is ready, without blocking, and
 * apply the commands to show.  Call after every wait of the loop.
 */
void bb_control_service(bb_control *c, bb_show *show, const bb_control_info *info,
                        uint64_t now_ms);

/*
 * The path to listen on: opt_path (--control) when given, else
 * $RUNTIME_DIRECTORY/control when that is set, else NULL (no socket).
 * Returns a string the caller frees, or NULL.
 */
char *bb_control_default_path(const char *opt_path);

#endif
