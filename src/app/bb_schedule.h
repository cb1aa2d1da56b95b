/*
 * bb_schedule: --print-schedule, the talks as tab-separated lines.
 *
 *   id <TAB> start UTC <TAB> start in the venue's zone <TAB> state <TAB> countdown
 *      <TAB> change mark
 *   geneva-ssd	2022-01-10T08:00:00Z	2022-01-10T09:00:00+01:00	scheduled	14:00:00	-
 *
 * A talk with no exact start has "-" in both time columns.  The state word
 * and the countdown text are bb_talk_state_name() and bb_talk_countdown(), so
 * the terminal reads exactly what the screen shows.  The mark is
 * bb_change_name(): "new", "time-changed", "room-changed", "cancelled" or
 * "-", from the baseline in the state directory (bb_state), as the display
 * would mark the talk at that instant.
 */
#ifndef BB_SCHEDULE_H
#define BB_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "bb_cli.h"
#include "bb_clock.h"
#include "bb_config.h"

/* Size of a buffer that holds any schedule line, with NUL (ids are not
 * length-limited: a longer line is cut, never overrun). */
#define BB_SCHEDULE_LINE_BUF 512
/* Room for a state directory's path taken from $STATE_DIRECTORY. */
#define BB_STATE_DIR_BUF 4096

/*
 * One talk's line, without the newline, into buf (len bytes, truncated to
 * fit).  now is the wall clock in seconds; clock_synced as bb_talk_state_at.
 * Returns the length the full line has (as snprintf), or -1 on bad input.
 */
int bb_schedule_format_line(const bb_talk *talk, const bb_timing_settings *timing,
                            bb_instant now, bool clock_synced, char *buf, size_t len);

/* Every talk of cfg, in configured order, one line each, to out. */
void bb_schedule_print(const bb_config *cfg, bb_instant now, bool clock_synced, FILE *out);

/*
 * The instant --print-schedule reports at: --now when given, else the
 * config's replay start (clock.start) when replay is on, else the system
 * clock (`system` may be NULL: then a real one is read).  *synced receives
 * whether that instant can be trusted; the first two always can.
 */
bb_instant bb_schedule_instant(const bb_options *opts, const bb_config *cfg, bb_clock *system,
                               bool *synced);

/*
 * The whole --print-schedule run: load the config at path, print the
 * schedule to out, problems to err ("FILE:LINE: error: ...", warnings too).
 * Returns the process exit code: BB_EXIT_OK, or BB_EXIT_INVALID_CONFIG when
 * the config has errors.
 */
int bb_schedule_run(const char *path, const bb_options *opts, FILE *out, FILE *err);

/*
 * --list-urls: the config's `url` schedules and feed slides (bb_config_load_urls:
 * also when the rest of the config has errors), one line each to out:
 *   URL <TAB> refresh seconds <TAB> path of the fetched copy ("-" without a
 *   state directory) <TAB> "schedule" or "feed" (which checker to use)
 * Problems go to err.  Returns BB_EXIT_OK, or BB_EXIT_INVALID_CONFIG when
 * the file or its schedules list cannot be read.
 */
int bb_schedule_list_urls(const char *path, FILE *out, FILE *err);

/*
 * --check-schedule FILE: import FILE alone, as a `file` schedule would be.
 * Problems to out ("FILE:LINE: error: ..."), then "FILE: N talks".
 * Returns BB_EXIT_OK when it reads without error, BB_EXIT_INVALID_CONFIG
 * when not (a captive portal's HTML page, half a file), BB_EXIT_ENVIRONMENT
 * when out of memory.
 */
int bb_schedule_check_file(const char *file, FILE *out, FILE *err);

/*
 * --check-feed FILE: decode FILE as a feed slide would (bb_feed_load).
 * Problems to out as above, then "FILE: N items".  Returns BB_EXIT_OK when
 * it is an RSS or Atom feed with at least one item, BB_EXIT_INVALID_CONFIG
 * when not (an HTML page, half a document, an empty feed: a download the
 * fetch service must not put in place of the last good copy),
 * BB_EXIT_ENVIRONMENT when out of memory.
 */
int bb_schedule_check_feed(const char *file, FILE *out, FILE *err);

#endif
