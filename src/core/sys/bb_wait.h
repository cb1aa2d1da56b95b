/*
 * bb_wait: the loop's one sleep.  A set of descriptors (input devices, the
 * config watcher, the kernel's display events, the signal pipe), each with a
 * tag saying whose it is, and a deadline: bb_wait_for sleeps in a single
 * poll(2) until one of them is readable or the deadline comes.
 *
 * On KMS/DRM SDL 2.26 has no blocking event wait: SDL_WaitEventTimeout there
 * wakes every millisecond, and the loop used to poll input every 40 ms.
 * Sleeping here instead, and asking SDL for events only when an input
 * device has something, keeps an idle kiosk at one wake-up a second (the
 * footer clock); with no input device only the deadline wakes it.
 *
 * No SDL, no clock: the tests give it pipes they write to themselves.
 */
#ifndef BB_WAIT_H
#define BB_WAIT_H

#include <stdbool.h>

/* Most descriptors in one set: input devices are a handful on a kiosk. */
#define BB_WAIT_MAX_FDS 64

/* Whose descriptor it is; bb_wait_ready answers per tag. */
typedef enum bb_wait_tag {
    BB_WAIT_INPUT,     /* an input device or the input directory's watch */
    BB_WAIT_WATCHER,   /* the config watcher (inotify) */
    BB_WAIT_DISPLAY,   /* the kernel's display (DRM) events */
    BB_WAIT_SIGNAL,    /* the signal pipe */
    BB_WAIT_CONTROL,   /* local control requests */
    BB_WAIT_DECODER,   /* a picture's decoder child (bb_sandbox job) */
    BB_WAIT_TAG_COUNT
} bb_wait_tag;

typedef struct bb_wait bb_wait;

/* An empty set the caller owns (bb_wait_destroy); NULL when out of memory. */
bb_wait *bb_wait_create(void);

/* Frees the set (the descriptors stay open: they are borrowed); NULL is a no-op. */
void bb_wait_destroy(bb_wait *w);

/* Forget every descriptor with this tag (before adding a new list of them). */
void bb_wait_clear(bb_wait *w, bb_wait_tag tag);

/* Add fd (borrowed, >= 0) under tag.  Returns 0, or -1 when the set is full
 * or fd is negative. */
int bb_wait_add(bb_wait *w, int fd, bb_wait_tag tag);

/* Add fd (borrowed, >= 0) under tag, waiting for poll(2)'s events (POLLIN,
 * POLLOUT for a socket with output pending).  Returns 0, or -1 when the set
 * is full or fd is negative. */
int bb_wait_add_events(bb_wait *w, int fd, short events, bb_wait_tag tag);

/*
 * Sleep until a descriptor is readable (writable, where asked; or hung up), or timeout_ms passes
 * (< 0: no deadline; 0: just look).  A signal cuts the sleep short.
 * Returns how many descriptors are ready (0 on the deadline or a signal).
 */
int bb_wait_for(bb_wait *w, int timeout_ms);

/* Did the last bb_wait_for find a descriptor with this tag ready? */
bool bb_wait_ready(const bb_wait *w, bb_wait_tag tag);

/* Descriptors in the set (all tags). */
int bb_wait_count(const bb_wait *w);

#endif
