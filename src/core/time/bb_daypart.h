/*
 * bb_daypart: weekly time windows in a zone ("mon-fri 22:00 to 06:30"), for
 * quiet hours and per-slide hours.
 *
 * Pure functions of (windows, zone, instant).  Times are local wall-clock
 * readings in the zone, so a window keeps its local hours across DST: on
 * the day the clocks go forward a window 22:00-06:30 is an hour shorter.
 */
#ifndef BB_DAYPART_H
#define BB_DAYPART_H

#include <stdbool.h>
#include <stdint.h>

#include "bb_time.h"
#include "bb_tz.h"

#define BB_DAYPART_MAX_WINDOWS 32     /* per list */
#define BB_DAYPART_MINUTES_PER_DAY 1440
#define BB_DAYPART_ALL_DAYS 0x7Fu

/*
 * One window.  days: bit 0 = Monday ... bit 6 = Sunday: the days on which the
 * window *opens*.  from_min, until_min: minutes after local midnight
 * (0-1439 and 0-1440).  until_min <= from_min means the window runs overnight
 * into the next day ("22:00" to "06:30" opened on Friday closes Saturday
 * 06:30); equal values mean a whole day (24 hours of wall clock).
 *
 * A reading the clocks skip (a DST gap) means the first instant after the
 * gap; a reading they repeat (a fold) means its first occurrence.
 */
typedef struct bb_daypart {
    unsigned days;
    int from_min;
    int until_min;
} bb_daypart;

/* Is instant t inside any of the n windows, read in zone tz?  n 0 is false. */
bool bb_daypart_inside(const bb_daypart *w, int n, const bb_tz *tz, bb_instant t);

/*
 * The first instant after t at which bb_daypart_inside changes its answer;
 * when it does not change within 8 days (no windows, or windows that cover
 * every day whole) t + BB_SECONDS_PER_DAY, so a caller sleeping until the
 * answer can always wake up to look again.
 */
bb_instant bb_daypart_next_change(const bb_daypart *w, int n, const bb_tz *tz, bb_instant t);

/* Parse "HH:MM" (00:00-23:59; "24:00" only when allow_24) into minutes.
 * Returns 0, or -1 when malformed. */
int bb_daypart_parse_hhmm(const char *text, bool allow_24, int *minutes);

/* The day bit of a weekday word "mon".."sun" (also "monday".."sunday", any
 * case), or 0 when it is none. */
unsigned bb_daypart_day_bit(const char *word);

#endif
