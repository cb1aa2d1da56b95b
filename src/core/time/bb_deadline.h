/*
 * bb_deadline: the earliest of several deadlines.  A loop sleeps until the
 * first thing it has to do -- the next slide, a countdown's second, a file
 * to look at, a watchdog ping -- and each of those says how long it has;
 * this is the one place that takes their minimum.
 *
 * A deadline is milliseconds from now as an int64_t; a negative one
 * (BB_DEADLINE_NONE) means "nothing due".
 */
#ifndef BB_DEADLINE_H
#define BB_DEADLINE_H

#include <stdint.h>

#define BB_DEADLINE_NONE ((int64_t)-1)

/* The earlier of a and b, ignoring one that is none; none when both are. */
int64_t bb_deadline_min(int64_t a, int64_t b);

/* A deadline as an int for a sleep (SDL takes int ms): INT32_MAX for none
 * and for anything longer. */
int bb_deadline_to_int(int64_t d);

#endif
