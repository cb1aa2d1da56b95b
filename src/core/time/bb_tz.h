/*
 * bb_tz: IANA time zones read from the system's tz database (TZif files).
 *
 * Why not localtime_r(): glibc only converts in the zone named by the
 * process-wide TZ variable, so showing Geneva, Brussels and the screen's own
 * zone side by side would mean rewriting TZ around every call -- global,
 * racy state leaking into the rest of the program.  Reading the TZif file
 * (RFC 8536) gives each zone its own immutable table instead.
 */
#ifndef BB_TZ_H
#define BB_TZ_H

#include "bb_time.h"

typedef struct bb_tz bb_tz;

/* How a local wall-clock reading maps to instants in a zone. */
typedef enum bb_local_kind {
    BB_LOCAL_UNIQUE,  /* exactly one instant */
    BB_LOCAL_GAP,     /* skipped by a DST change: no instant reads like this */
    BB_LOCAL_FOLD     /* repeated by a DST change: two instants read like this */
} bb_local_kind;

/*
 * Load zone `name` ("Europe/Zurich", "UTC") from $TZDIR or
 * /usr/share/zoneinfo.  Returns a zone the caller owns (bb_tz_destroy), or
 * NULL when the name is unsafe (absolute, empty, a "." or ".." component,
 * characters outside tzdb's [A-Za-z0-9._+-/]) or the file is missing or not
 * a valid TZif file (v1, or v2+ whose 64-bit data and footer are used).
 * Leap-second ("right/") zones are refused: their instants are not POSIX.
 * "UTC" and "Etc/UTC" load even without tzdata installed.
 */
bb_tz *bb_tz_load(const char *name);

/*
 * The zone of the system: $TZ when it names a zone ("Europe/Zurich",
 * ":Europe/Zurich", an absolute TZif path) or is a POSIX rule
 * ("CET-1CEST,M3.5.0,M10.5.0/3"); else /etc/localtime, named by its symlink
 * target inside zoneinfo ("Europe/Zurich") or "localtime" when it is a plain
 * file; else UTC.  Never NULL unless out of memory.  Caller owns it.
 */
bb_tz *bb_tz_load_system(void);

/* A zone with a fixed offset east of UTC and no DST, named "UTC" for 0 and
 * "UTC+01:00" otherwise (the abbreviation is the same text).  Caller owns it.
 * NULL when out of memory or the offset is beyond +-25:59:59. */
bb_tz *bb_tz_fixed(int offset_s);

/* Frees a zone; NULL is a no-op. */
void bb_tz_destroy(bb_tz *tz);

/* The name the zone was loaded by ("Europe/Zurich", "UTC+01:00"). Borrowed. */
const char *bb_tz_name(const bb_tz *tz);

/* UTC offset in seconds east at instant t; *abbr (optional) receives the
 * zone abbreviation in force ("CET"), borrowed from tz. */
int bb_tz_offset_at(const bb_tz *tz, bb_instant t, const char **abbr);

/* Civil fields of instant t in the zone; returns the offset used. */
int bb_tz_to_civil(const bb_tz *tz, bb_instant t, bb_civil *out);

/*
 * The instant(s) of a local wall-clock reading in the zone.
 * UNIQUE: *earlier == *later.  FOLD: *earlier is the first pass (DST), *later
 * the second.  GAP: both are set to the reading interpreted with the offset
 * in force before the gap (what a clock that was not moved forward would mean),
 * so a caller that only warns still gets a usable instant.
 */
bb_local_kind bb_tz_from_civil(const bb_tz *tz, const bb_civil *local,
                               bb_instant *earlier, bb_instant *later);

#endif
