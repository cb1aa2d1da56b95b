/*
 * bb_insync: screens in step -- the slide a synchronized wall clock says is
 * on, the same on every screen with the same config.
 *
 * The cycle's period is the sum of the eligible slides' durations; the
 * position in it is the wall clock (ms since the Unix epoch) modulo the
 * period.  Two screens that never talk to each other, both on NTP (a few ms
 * apart), show the same slide within those few ms.  Eligibility (show_from,
 * show_until, hours, ended countdowns) is judged at the same wall second
 * everywhere, so it changes the period on all screens at once.
 */
#ifndef BB_INSYNC_H
#define BB_INSYNC_H

#include <stdbool.h>
#include <stdint.h>

#include "bb_config.h"

/* Where the wall clock puts the cycle. */
typedef struct bb_insync_pos {
    int slide;           /* index into cfg->slides */
    int64_t ms_into;     /* how long it has been on, ms */
    int64_t ms_left;     /* until the next slide, ms (>= 1) */
    int64_t period_ms;   /* one round of the eligible slides */
} bb_insync_pos;

/*
 * The slide on at wall_ms (ms since 1970-01-01T00:00Z) for cfg's eligible
 * slides.  Returns false (out untouched) when the clock is not synchronized
 * (the caller keeps the monotonic cycle) or no slide is eligible.
 */
bool bb_insync_at(const bb_config *cfg, int64_t wall_ms, bool clock_synced, bb_insync_pos *out);

#endif
