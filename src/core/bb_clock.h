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

typedef struct bb_clock_ops {
    uint64_t (*mono_ms)(void *ctx);       /* monotonic milliseconds */
    bb_instant (*wall)(void *ctx);        /* wall clock, seconds since the epoch */
    int (*wall_ms_part)(void *ctx);       /* 0-999: ms past the current wall second */
    bool (*synchronized)(void *ctx);      /* is the wall clock trustworthy? */
} bb_clock_ops;

/*
 * The real clock: CLOCK_MONOTONIC, CLOCK_REALTIME, and "synchronized" from
 * the kernel (adjtimex STA_UNSYNC) and a plausibility floor (the build date:
 * a clock before it is certainly wrong).  Caller owns it.
 */
bb_clock *bb_clock_create_system(bb_instant not_before);

/*
 * A wall clock that starts at `start` when the clock is created and then runs
 * with the monotonic clock, at `speed` times real time (1.0 for a replay).
 * Used by the config's replay setting and by --now.  Always synchronized.
 */
bb_clock *bb_clock_create_replay(bb_instant start, double speed);

/* A clock that moves only when told (tests). Starts at mono 0, wall `start`. */
bb_clock *bb_clock_create_fake(bb_instant start);

/* Custom clock from callbacks; ctx is borrowed. */
bb_clock *bb_clock_create_custom(const bb_clock_ops *ops, void *ctx);

void bb_clock_destroy(bb_clock *clock);

uint64_t bb_clock_mono_ms(bb_clock *clock);
bb_instant bb_clock_wall(bb_clock *clock);
/* Milliseconds until the wall clock's next whole second (1-1000). */
int bb_clock_ms_to_next_second(bb_clock *clock);
bool bb_clock_synchronized(bb_clock *clock);

/* Fake clock only: advance both clocks by ms; step the wall clock alone by
 * seconds (a jump, like an NTP step); set the synchronized flag. */
void bb_clock_fake_advance(bb_clock *clock, uint64_t ms);
void bb_clock_fake_step_wall(bb_clock *clock, int64_t seconds);
void bb_clock_fake_set_synchronized(bb_clock *clock, bool synced);

#endif
