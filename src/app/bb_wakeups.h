/*
 * bb_wakeups: everything that may wake the running display, in one sleep.
 *
 *   - the input devices (our own read-only copies, bb_inputs), on KMS/DRM
 *     where SDL has nothing to block on;
 *   - the config watcher's inotify descriptor;
 *   - the kernel's DRM hot-plug events (bb_uevent);
 *   - the signal pipe (the handlers write a byte: a signal that comes
 *     just before the sleep still ends it);
 *   - the control socket's listener and clients (bb_control);
 *   - the pipes of pictures' decoder children (bb_picture), so a picture
 *     decoded in the background is taken as soon as it is ready;
 *   - the deadline the show asked for.
 *
 * bb_wakeups_wait sleeps in one poll(2) on all of them, then reads what is
 * waiting on the input, display and signal descriptors and says what woke
 * it.  The loop pumps SDL's events after every wake-up; between them SDL is
 * not asked at all, so an idle screen wakes only for its own deadlines (the
 * footer clock's second) -- and with the panel off, hardly ever.
 *
 * No SDL: the test drives it with FIFOs and pipes.
 */
#ifndef BB_WAKEUPS_H
#define BB_WAKEUPS_H

#include <poll.h>
#include <stdbool.h>

typedef struct bb_wakeups_params {
    const char *input_dir;   /* watch input devices here (BB_INPUTS_DIR); NULL: none */
    bool display_events;     /* listen for DRM hot-plug uevents */
    int watch_fd;            /* the config watcher's descriptor, or -1 */
    int signal_fd;           /* the signal pipe's read end (non-blocking), or -1 */
} bb_wakeups_params;

/* Why the last wait ended (several may be true; none: the deadline). */
typedef struct bb_wake_reason {
    bool input;      /* an input device had events: SDL should pump now */
    bool devices;    /* an input device came or went */
    bool display;    /* a DRM connector changed (hot-plug) */
    bool watcher;    /* the config watcher's descriptor is readable */
    bool signal;     /* a signal arrived */
    bool control;    /* a control descriptor is ready (bb_wakeups_set_control) */
    bool decoder;    /* a decoder's pipe is ready (bb_wakeups_set_decoders) */
} bb_wake_reason;

typedef struct bb_wakeups bb_wakeups;

/*
 * Set up from params (descriptors borrowed).  Input devices or display
 * events that cannot be watched are logged and left out.  Returns a handle
 * the caller owns (bb_wakeups_destroy), or NULL when out of memory.
 */
bb_wakeups *bb_wakeups_create(const bb_wakeups_params *params);

/* Closes what it opened; NULL is a no-op. */
void bb_wakeups_destroy(bb_wakeups *w);

/*
 * Sleep until something in the set is ready or timeout_ms passes (< 0: no
 * deadline), then drain the input, display and signal descriptors.  *why
 * says what woke it.  Returns how many descriptors were ready.
 */
int bb_wakeups_wait(bb_wakeups *w, int timeout_ms, bb_wake_reason *why);

/*
 * Replace the control socket's descriptors in the set with fds[0..n-1]
 * (borrowed; their events as bb_control_pollfds asks), so that a command
 * wakes the sleep.  The caller sets them again before every wait (clients
 * come and go).
 */
void bb_wakeups_set_control(bb_wakeups *w, const struct pollfd *fds, int n);

/* The same for the pictures' and feeds' decoder pipes
 * (bb_picture_pollfds, bb_feedcache_pollfds): set before every wait, as
 * decodes start and end. */
void bb_wakeups_set_decoders(bb_wakeups *w, const struct pollfd *fds, int n);

/* How many input devices are watched (0 without input watching). */
int bb_wakeups_input_devices(const bb_wakeups *w);

/* Are DRM hot-plug events being listened to? */
bool bb_wakeups_has_display_events(const bb_wakeups *w);

#endif
