/*
 * bb_time: civil dates, ISO 8601 parsing and formatting, instants.
 *
 * An instant (bb_instant) is a count of seconds since 1970-01-01T00:00:00Z.
 * Everything that compares or subtracts times does so on instants; civil
 * (wall) fields only exist at the edges, for parsing and display.
 * Pure functions: no global state, no TZ, no allocation.
 */
#ifndef BB_TIME_H
#define BB_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t bb_instant;

#define BB_SECONDS_PER_MINUTE 60
#define BB_SECONDS_PER_HOUR 3600
#define BB_SECONDS_PER_DAY 86400

/* Size of a buffer that holds any formatted ISO 8601 instant, with NUL. */
#define BB_ISO_BUF 32

/* A wall-clock reading with no zone attached. month 1-12, day 1-31. */
typedef struct bb_civil {
    int year;
    int month;
    int day;
    int hour;
    int minute;
    int second;
} bb_civil;

/* The result of parsing an ISO 8601 date or date-time. */
typedef struct bb_iso {
    bb_civil civil;   /* the fields as written */
    bool has_time;    /* false for a bare date "2025-03-08" */
    bool has_offset;  /* "Z" or "+01:00" was given */
    int offset_s;     /* east of UTC, seconds; valid when has_offset */
} bb_iso;

/*
 * Parse "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DDTHH:MM:SS", each date-time
 * optionally followed by "Z", "+HH:MM", "-HH:MM" or "+HHMM"; a space may stand
 * for the "T".  Fields are range-checked (Feb 29 only in leap years).
 * Strict on purpose: exactly 4-digit years (0000-9999) and 2-digit fields
 * ("2022-1-10" is refused), no 24:00, no leap second :60, no fractional
 * seconds, offsets within -23:59..+23:59 (RFC 3339), nothing after the end.
 * A bare date has has_time false and no offset.
 * Returns 0 on success, -1 on malformed input; *out is untouched on failure.
 * When err/err_len are given, a short reason is written there on failure,
 * e.g. "month out of range (13, want 01-12)", "day out of range (February
 * 2023 has 28 days)", "hour out of range (24, want 00-23)", "UTC offset out
 * of range (+25:00, want -23:59 to +23:59)", "unexpected text after the
 * time: ...", "empty date", "expected a date as YYYY-MM-DD ...".
 */
int bb_iso_parse(const char *text, bb_iso *out, char *err, size_t err_len);

/* Days since 1970-01-01 of a proleptic Gregorian date (negative before). */
int64_t bb_days_from_civil(int year, int month, int day);

/* Inverse of bb_days_from_civil; the time fields of *out are set to 0. */
void bb_civil_from_days(int64_t days, bb_civil *out);

/* Day of week of a day count: 0 = Sunday ... 6 = Saturday. */
int bb_weekday_from_days(int64_t days);

/* Days in a month of a year (handles leap years). */
int bb_days_in_month(int year, int month);

/* The instant of civil fields read at a fixed offset east of UTC. */
bb_instant bb_civil_to_instant(const bb_civil *c, int offset_s);

/* Civil fields of an instant seen at a fixed offset east of UTC. */
void bb_instant_to_civil(bb_instant t, int offset_s, bb_civil *out);

/* "2022-01-10T08:00:00Z" into buf (at least BB_ISO_BUF bytes). */
void bb_format_utc(bb_instant t, char *buf, size_t len);

/* "2022-01-10T09:00:00+01:00" into buf (at least BB_ISO_BUF bytes). */
void bb_format_offset(bb_instant t, int offset_s, char *buf, size_t len);

/* English short names: "Mon", "Jan".  weekday 0 = Sunday, month 1-12. */
const char *bb_weekday_abbr(int weekday);
const char *bb_month_abbr(int month);

#endif
