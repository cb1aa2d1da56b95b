/*
 * bb_slide: what the cycle and the screens-in-step clock both ask of a
 * slide -- is it on at this instant, and for how long.  Below bb_cycle and
 * bb_insync, so neither has to call into the other.
 */
#ifndef BB_SLIDE_H
#define BB_SLIDE_H

#include <stdbool.h>

#include "bb_config.h"

/* Is slide i eligible at wall time `wall`? (enabled, inside
 * [show_from, show_until), inside its `hours` windows when it has any, and
 * for a countdown: its talk has not ended).
 * With clock_synced false only `enabled` counts: a wall clock that may read
 * 1970 cannot judge dates, and hiding every dated slide until NTP answers
 * would blank the board at each boot.  An index out of range is false. */
bool bb_slide_eligible(const bb_config *cfg, int i, bb_instant wall, bool clock_synced);

/* The duration of slide i in ms (its own or the cycle's default); always
 * positive, even for a hand-made config with no default. */
int bb_slide_duration_ms(const bb_config *cfg, int i);

#endif
