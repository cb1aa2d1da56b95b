/*
 * bb_clock: the program's only source of time, injectable.
 *
 * Slide timing runs on the monotonic clock (milliseconds; never jumps);
 * countdowns run on the wall clock (seconds since the epoch; jumps when NTP
 * steps it).  Production uses the real clocks; tests and previews use a fake
 * clock they move by hand, so a test can jump a day ahead in one call.
 */
#ifndef BB_CLOCK_H
#define BB_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "bb_time.h"

typedef struct bb_clock bb_clock;

/*
 * "Now" for one frame of the display, sampled once (bb_clock_frame) and
 * passed down by pointer, so every part of the frame agrees on it.
 */
typedef struct bb_frame_clock {
    bb_instant wall;        /* the wall clock, whole seconds since the epoch */
    bool synced;            /* can the wall clock be trusted? */
    uint64_t mono_ms;       /* the monotonic clock, ms */
    int ms_to_next_second;  /* real ms until wall's next second, 1-1000 */
    bool replay;            /* the wall clock is replayed (clock.start): the footer
                               says so, with the replayed date */
} bb_frame_clock;

typedef struct bb_clock_ops {
    uint64_t (*mono_ms)(void *ctx);       /* monotonic milliseconds */
    bb_instant (*wall)(void *ctx);        /* wall clock, seconds since the epoch */
    int (*wall_ms_part)(void *ctx);       /* 0-999: ms past the current wall second */
    bool (*synchronized)(void *ctx);      /* is the wall clock trustworthy? */
} bb_clock_ops;

/*
 * The real clock: CLOCK_MONOTONIC, CLOCK_REALTIME, and "synchronized" from
 * the kernel (adjtimex STA_UNSYNC) and a plausibility floor (the build date:
 * a clock before it is certainly wrong).  Caller owns it; NULL when out of
 * memory.
 *
 * Synchronized means: wall >= not_before AND the kernel says synchronized
 * (adjtimex() neither fails nor returns TIME_ERROR, and STA_UNSYNC is clear;
 * an NTP client such as systemd-timesyncd or chrony clears it).  Containers
 * and desktops without an NTP client that disciplines the kernel clock never
 * clear STA_UNSYNC: set the environment variable BRIEFBOARD_ASSUME_SYNC=1
 * (read once, when the clock is created) to skip the kernel check; the
 * not_before floor still applies.
 */
bb_clock *bb_clock_create_system(bb_instant not_before);

/*
 * A wall clock that starts at `start` when the clock is created and then runs
 * with the monotonic clock, at `speed` times real time (1.0 for a replay;
 * 0 freezes it).  The monotonic clock stays real, so slides keep their real
 * durations.  Used by the config's replay setting and by --now.  Always
 * synchronized.  Caller owns it; NULL when speed is negative or not finite,
 * or out of memory.
 */
bb_clock *bb_clock_create_replay(bb_instant start, double speed);

/* A clock that moves only when told (tests). Starts at mono 0, wall `start`
 * (ms part 0), synchronized.  Caller owns it; NULL when out of memory. */
bb_clock *bb_clock_create_fake(bb_instant start);

/* Custom clock from callbacks (copied); ctx is borrowed and passed to each.
 * mono_ms and wall are required (NULL otherwise); a NULL wall_ms_part reads
 * as 0 and a NULL synchronized as true.  Caller owns the clock. */
bb_clock *bb_clock_create_custom(const bb_clock_ops *ops, void *ctx);

/* Frees a clock; NULL is a no-op. */
void bb_clock_destroy(bb_clock *clock);

/* Monotonic milliseconds (arbitrary origin; never jumps). */
uint64_t bb_clock_mono_ms(bb_clock *clock);
/* Wall clock, whole seconds since the epoch (rounded down). */
bb_instant bb_clock_wall(bb_clock *clock);
/* Real milliseconds to sleep until the wall clock's next whole second
 * (1-1000); for a fast replay, the real time that takes. */
int bb_clock_ms_to_next_second(bb_clock *clock);
/* Is the wall clock trustworthy (see bb_clock_create_system)? */
bool bb_clock_synchronized(bb_clock *clock);

/* Sample all of the above once, for one frame, into *out. */
void bb_clock_frame(bb_clock *clock, bb_frame_clock *out);

/* The frame's wall clock in ms since the epoch (cycle.sync): its whole
 * seconds plus the part of the current one already gone. */
int64_t bb_frame_clock_wall_ms(const bb_frame_clock *fc);

/* Fake clock only (no-ops on other clocks): advance both clocks by ms; step
 * the wall clock alone by seconds, either way (a jump, like an NTP step);
 * set the synchronized flag. */
void bb_clock_fake_advance(bb_clock *clock, uint64_t ms);
void bb_clock_fake_step_wall(bb_clock *clock, int64_t seconds);
void bb_clock_fake_set_synchronized(bb_clock *clock, bool synced);

#endif
