/*
 * bb_import: talks from external schedule files -- frab/pretalx schedule.xml
 * (libxml2), the frab/pretalx schedule.json (json-c) and iCalendar .ics
 * (libical) -- appended to a config's talk list.
 *
 * The format is detected from the content, never the file name: conference
 * tools serve "schedule" under any name.  Every file is untrusted input:
 * sizes, counts and string lengths are bounded, and every problem becomes a
 * diagnostic naming the file and the line (or, where a library gives no
 * line, the event).
 *
 * Ids are "<prefix>-<event id>", the prefix being the file name without its
 * directory and extension ("programme.xml" -> "programme"), so they stay
 * the same across reloads and a countdown slide can name one:
 *   frab/pretalx   the event's id, else its guid        "programme-101"
 *   iCalendar      the UID                              "briefings-weekly_example.org"
 *   a recurrence   the UID and the occurrence in UTC    "...-20250331T070000Z"
 * Characters a talk id may not hold (anything but letters, digits, '-', '_',
 * '.') become '_'.
 */
#ifndef BB_IMPORT_H
#define BB_IMPORT_H

#include <stddef.h>

#include "bb_config.h"
#include "bb_diag.h"
#include "bb_time.h"

#include "bb_import_limits.h"

typedef enum bb_import_format {
    BB_IMPORT_UNKNOWN,
    BB_IMPORT_XML,     /* frab/pretalx schedule.xml */
    BB_IMPORT_JSON,    /* frab/pretalx schedule.json */
    BB_IMPORT_ICS      /* iCalendar */
} bb_import_format;

/* The format of data, from its first non-blank bytes (a UTF-8 byte order
 * mark is skipped): '<' XML, '{' JSON, "BEGIN:VCALENDAR" iCalendar. */
bb_import_format bb_import_sniff(const char *data, size_t len);

/* "frab/pretalx XML", "frab/pretalx JSON", "iCalendar", "unknown": static. */
const char *bb_import_format_name(bb_import_format format);

/*
 * The instant recurring events are expanded around: the replay clock's
 * start when cfg has one, else the system's wall clock -- never earlier
 * than the build date, so a Raspberry Pi that booted without its time yet
 * (its clock lags, it never runs ahead) still gets this year's occurrences.
 * The window is wide (a year ahead) because a kiosk may run for months
 * between reloads.
 */
bb_instant bb_import_anchor(const bb_config *cfg);

/*
 * Read the schedule file at path and append its talks to cfg->talks.
 * name is the file as shown in messages (the config's own spelling).
 * Talks take cfg's zones (the file's zone, an offset, or the screen's for
 * floating times); their strings are owned by cfg.  Problems go to diags
 * with name and a line.  Returns the number of talks added, or -1 when
 * there was an error (talks read before it may have been added: the caller
 * refuses the config on any error anyway).
 */
int bb_import_file(bb_config *cfg, const char *path, const char *name, bb_instant anchor,
                   bb_diag_list *diags);

/* Monotonic milliseconds (CLOCK_MONOTONIC), for bb_import_file_by. */
long long bb_import_now_ms(void);

/*
 * bb_import_file with an overall deadline in bb_import_now_ms() terms (0:
 * none), shared by the files of one load, so that a reload with N schedules
 * blocks the display for at most BB_IMPORT_LOAD_BUDGET_MS, not N times the
 * decoder's limit.  The decoder child gets at most half of what is left
 * (the other half is for the parse here that follows it); a file reached
 * with (almost) nothing left is an error "not read: ...".
 */
int bb_import_file_by(bb_config *cfg, const char *path, const char *name, bb_instant anchor,
                      long long deadline_ms, bb_diag_list *diags);

/*
 * The same for a file already in memory (tests, fuzzers).  data need not
 * be NUL-terminated; len bytes are read.  prefix is the id prefix; NULL
 * derives it from name.
 */
int bb_import_buffer(bb_config *cfg, const char *data, size_t len, const char *name,
                     const char *prefix, bb_instant anchor, bb_diag_list *diags);

#endif
