/*
 * bb_talk: what a talk is doing at a given instant, and how to say it.
 *
 * Pure functions of (talk, now): no clock reads, no globals.  The display,
 * --print-schedule and the tests all call these, so a countdown reads the
 * same on the screen and in a terminal.
 */
#ifndef BB_TALK_H
#define BB_TALK_H

#include <stdbool.h>
#include <stddef.h>

#include "bb_config.h"

/* Size of a buffer that holds any countdown or relative-time text, with NUL. */
#define BB_COUNTDOWN_BUF 96

typedef enum bb_talk_state {
    BB_STATE_SCHEDULED,   /* starts later; more than timing.imminent_s away */
    BB_STATE_IMMINENT,    /* starts within timing.imminent_s */
    BB_STATE_LIVE,        /* started, not ended */
    BB_STATE_ENDED,
    BB_STATE_EXPECTED,    /* no exact start; expected by a date */
    BB_STATE_TBA,         /* no start, no window */
    BB_STATE_POSTPONED,
    BB_STATE_CANCELLED,
    BB_STATE_UNSYNCED     /* the wall clock cannot be trusted yet */
} bb_talk_state;

typedef struct bb_countdown {
    bb_talk_state state;
    int64_t seconds;      /* SCHEDULED/IMMINENT: until start; LIVE: since start;
                             ENDED: since end; otherwise 0 */
    char text[BB_COUNTDOWN_BUF];
} bb_countdown;

/*
 * The state of `talk` at `now`.  Status (postponed, cancelled) wins over
 * time; an unsynchronized clock wins over everything that needs the time
 * (expected-by and TBA talks do not).  Boundaries, in whole seconds:
 *   now <  start - imminent_s           scheduled
 *   start - imminent_s <= now < start   imminent (so start-1 s is imminent)
 *   start <= now < end                  live
 *   end <= now                          ended
 * Callers pass the wall clock floored to the second, so start - now is the
 * time left rounded up: the digits read 00:00:01, then LIVE, never 00:00:00.
 */
bb_talk_state bb_talk_state_at(const bb_talk *talk, const bb_timing_settings *timing,
                               bb_instant now, bool clock_synced);

/* Lower-case state word, as in --print-schedule: "scheduled", "live", ... */
const char *bb_talk_state_name(bb_talk_state state);

/*
 * The big countdown text (UTF-8, "·" is U+00B7), into out->text:
 *   scheduled   "in 2 d 03:14:05", or "03:14:05" under a day (from 86400 s
 *               on it reads "in 1 d 00:00:00")
 *   imminent    "00:04:59"
 *   live        "LIVE · started 12 min ago"; under a minute "LIVE · just
 *               started"; "LIVE · started 1 h 05 min ago"; past a day
 *               "LIVE · started 2 d 3 h ago" (whole units elapsed)
 *   ended       "ended"
 *   expected    "expected by Sat 8 Mar"; "expected by Sat 8 Mar 2025" when
 *               `now` (in the venue's zone) is in another year
 *   tba         "date to be announced"
 *   postponed   "postponed", cancelled "cancelled"
 *   unsynced    "waiting for time sync"
 */
void bb_talk_countdown(const bb_talk *talk, const bb_timing_settings *timing,
                       bb_instant now, bool clock_synced, bb_countdown *out);

/*
 * The same on a screen, in `lang` (bb_i18n; NULL: the fixed English of
 * --print-schedule above): words and dates translated, and with labelled
 * true (a "STARTS IN" word above it) a countdown of days reads "2 d
 * 03:14:05" rather than "in 2 d 03:14:05".
 */
void bb_talk_countdown_lang(const bb_talk *talk, const bb_timing_settings *timing,
                            bb_instant now, bool clock_synced, const char *lang, bool labelled,
                            bb_countdown *out);

/*
 * The short relative text of an agenda row: "in 2 d 3 h" ("in 2 d" on the
 * whole day), "in 5 h 12 min" ("in 5 h 03 min"), "starts in 4 min", "starts
 * in under a minute", "LIVE", "ended", "expected by Sat 8 Mar", "TBA",
 * "postponed", "cancelled", "waiting for time sync".  Rounded down like the
 * countdown digits, so "00:04:59" and "starts in 4 min" agree.  buf gets at
 * most len bytes (BB_COUNTDOWN_BUF always suffices), cut, never overrun.
 */
void bb_talk_relative(const bb_talk *talk, const bb_timing_settings *timing,
                      bb_instant now, bool clock_synced, char *buf, size_t len);

/* bb_talk_relative in `lang` (NULL: the English above). */
void bb_talk_relative_lang(const bb_talk *talk, const bb_timing_settings *timing,
                           bb_instant now, bool clock_synced, const char *lang, char *buf,
                           size_t len);

/*
 * Index of the talk to announce next: a live talk first (the earliest
 * started), else the soonest scheduled/imminent one, else -1.  Postponed,
 * cancelled, ended and undated talks are skipped.
 */
int bb_talk_next(const bb_talk *talks, int n, const bb_timing_settings *timing,
                 bb_instant now);

/*
 * Index of the soonest talk still to start (scheduled or imminent) at now,
 * or -1: what "Next:" may name -- a talk already running is not next.
 */
int bb_talk_upcoming(const bb_talk *talks, int n, const bb_timing_settings *timing,
                     bb_instant now);

/*
 * Should the agenda list this talk at `now`?  Everything except talks whose
 * end is agenda_grace_s or more ago: a talk stays for [end, end + grace),
 * whatever its status.  Undated talks always stay.
 */
bool bb_talk_in_agenda(const bb_talk *talk, const bb_timing_settings *timing, bb_instant now);

/*
 * Fill `order` (capacity n) with the indices of talks in agenda order:
 * dated talks by start, then expected-by talks by their date, then TBA.
 * Returns how many were written (talks the agenda drops are left out).
 */
int bb_talk_agenda_order(const bb_talk *talks, int n, const bb_timing_settings *timing,
                         bb_instant now, int *order);

#endif
