/*
 * bb_time: civil dates, ISO 8601 parsing and formatting, instants.
 *
 * The day arithmetic is Howard Hinnant's "chrono-compatible low-level date
 * algorithms" (days_from_civil / civil_from_days): exact for the whole
 * proleptic Gregorian calendar, no tables, no loops, no libc time functions.
 */
#include "bb_time.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Hinnant's eras: 400 years = 146097 days. */
#define DAYS_PER_ERA 146097
#define YEARS_PER_ERA 400
/* Day number of 1970-01-01 counted from 0000-03-01 in that algorithm. */
#define EPOCH_SHIFT_DAYS 719468

/* RFC 3339 limits numeric offsets to -23:59..+23:59. */
#define ISO_MAX_OFFSET_HOURS 23

static const char *const weekday_abbrs[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_abbrs[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

static int64_t floor_div(int64_t a, int64_t b);
static bool is_leap(int year);
static int read_digits(const char **p, int count, int *value);
static int fail(char *err, size_t err_len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int parse_time(const char **p, bb_iso *iso, char *err, size_t err_len);
static int parse_offset(const char **p, bb_iso *iso, char *err, size_t err_len);

int bb_iso_parse(const char *text, bb_iso *out, char *err, size_t err_len)
{
    bb_iso iso;
    memset(&iso, 0, sizeof iso);
    if (!text || !*text)
        return fail(err, err_len, "empty date");
    const char *p = text;

    if (read_digits(&p, 4, &iso.civil.year) != 0 || *p != '-')
        return fail(err, err_len, "expected a date as YYYY-MM-DD");
    p++;
    if (read_digits(&p, 2, &iso.civil.month) != 0 || *p != '-')
        return fail(err, err_len, "expected a date as YYYY-MM-DD (two-digit month)");
    p++;
    if (read_digits(&p, 2, &iso.civil.day) != 0)
        return fail(err, err_len, "expected a date as YYYY-MM-DD (two-digit day)");
    if (iso.civil.month < 1 || iso.civil.month > 12)
        return fail(err, err_len, "month out of range (%02d, want 01-12)", iso.civil.month);
    int dim = bb_days_in_month(iso.civil.year, iso.civil.month);
    if (iso.civil.day < 1 || iso.civil.day > dim)
        return fail(err, err_len, "day out of range (%s %04d has %d days)",
                    month_names[iso.civil.month - 1], iso.civil.year, dim);

    if (*p == 'T' || *p == ' ') {
        p++;
        if (parse_time(&p, &iso, err, err_len) != 0)
            return -1;
        if (*p && parse_offset(&p, &iso, err, err_len) != 0)
            return -1;
    }
    if (*p)
        return fail(err, err_len, "unexpected text after the %s: \"%.16s\"",
                    iso.has_time ? "time" : "date", p);
    *out = iso;
    return 0;
}

int64_t bb_days_from_civil(int year, int month, int day)
{
    int64_t y = (int64_t)year - (month <= 2);
    int64_t era = floor_div(y, YEARS_PER_ERA);
    int64_t yoe = y - era * YEARS_PER_ERA;                                 /* [0, 399] */
    int64_t mp = (month + 9) % 12;                                         /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + day - 1;                            /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                   /* [0, 146096] */
    return era * DAYS_PER_ERA + doe - EPOCH_SHIFT_DAYS;
}

void bb_civil_from_days(int64_t days, bb_civil *out)
{
    int64_t z = days + EPOCH_SHIFT_DAYS;
    int64_t era = floor_div(z, DAYS_PER_ERA);
    int64_t doe = z - era * DAYS_PER_ERA;                                  /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;   /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                 /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                      /* [0, 11] */
    int day = (int)(doy - (153 * mp + 2) / 5 + 1);
    int month = (int)(mp < 10 ? mp + 3 : mp - 9);
    memset(out, 0, sizeof *out);
    out->year = (int)(yoe + era * YEARS_PER_ERA + (month <= 2));
    out->month = month;
    out->day = day;
}

int bb_weekday_from_days(int64_t days)
{
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = (days + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

int bb_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

bb_instant bb_civil_to_instant(const bb_civil *c, int offset_s)
{
    int64_t days = bb_days_from_civil(c->year, c->month, c->day);
    return days * BB_SECONDS_PER_DAY + (int64_t)c->hour * BB_SECONDS_PER_HOUR +
           (int64_t)c->minute * BB_SECONDS_PER_MINUTE + c->second - offset_s;
}

void bb_instant_to_civil(bb_instant t, int offset_s, bb_civil *out)
{
    int64_t local = t + offset_s;
    int64_t days = floor_div(local, BB_SECONDS_PER_DAY);
    int64_t sod = local - days * BB_SECONDS_PER_DAY;
    bb_civil_from_days(days, out);
    out->hour = (int)(sod / BB_SECONDS_PER_HOUR);
    out->minute = (int)(sod % BB_SECONDS_PER_HOUR / BB_SECONDS_PER_MINUTE);
    out->second = (int)(sod % BB_SECONDS_PER_MINUTE);
}

void bb_format_utc(bb_instant t, char *buf, size_t len)
{
    bb_civil c;
    bb_instant_to_civil(t, 0, &c);
    snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour,
             c.minute, c.second);
}

void bb_format_offset(bb_instant t, int offset_s, char *buf, size_t len)
{
    bb_civil c;
    bb_instant_to_civil(t, offset_s, &c);
    char sign = offset_s < 0 ? '-' : '+';
    int mag = offset_s < 0 ? -offset_s : offset_s;
    /* Sub-minute offsets (LMT before 1900) cannot be written as +HH:MM; the
     * seconds are appended so the text still names the exact instant. */
    int oh = mag / BB_SECONDS_PER_HOUR;
    int om = mag % BB_SECONDS_PER_HOUR / BB_SECONDS_PER_MINUTE;
    int os = mag % BB_SECONDS_PER_MINUTE;
    if (os)
        snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d:%02d", c.year, c.month,
                 c.day, c.hour, c.minute, c.second, sign, oh, om, os);
    else
        snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", c.year, c.month, c.day,
                 c.hour, c.minute, c.second, sign, oh, om);
}

const char *bb_weekday_abbr(int weekday)
{
    return weekday >= 0 && weekday < 7 ? weekday_abbrs[weekday] : "???";
}

const char *bb_month_abbr(int month)
{
    return month >= 1 && month <= 12 ? month_abbrs[month - 1] : "???";
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

/* Exactly `count` ASCII digits; a sign, space or short field is an error, so
 * "2022-1-10" does not parse as January. */
static int read_digits(const char **p, int count, int *value)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        char ch = (*p)[i];
        if (ch < '0' || ch > '9')
            return -1;
        v = v * 10 + (ch - '0');
    }
    *p += count;
    *value = v;
    return 0;
}

static int fail(char *err, size_t err_len, const char *fmt, ...)
{
    if (err && err_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, err_len, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int parse_time(const char **p, bb_iso *iso, char *err, size_t err_len)
{
    bb_civil *c = &iso->civil;
    if (read_digits(p, 2, &c->hour) != 0 || **p != ':')
        return fail(err, err_len, "expected a time as HH:MM or HH:MM:SS");
    (*p)++;
    if (read_digits(p, 2, &c->minute) != 0)
        return fail(err, err_len, "expected a time as HH:MM or HH:MM:SS (two-digit minute)");
    if (**p == ':') {
        (*p)++;
        if (read_digits(p, 2, &c->second) != 0)
            return fail(err, err_len, "expected a time as HH:MM:SS (two-digit second)");
    }
    /* 24:00 is valid ISO 8601 but ambiguous to readers ("which day?"), and a
     * leap second cannot be represented in an instant: both are refused. */
    if (c->hour > 23)
        return fail(err, err_len, "hour out of range (%02d, want 00-23)", c->hour);
    if (c->minute > 59)
        return fail(err, err_len, "minute out of range (%02d, want 00-59)", c->minute);
    if (c->second > 59)
        return fail(err, err_len, "second out of range (%02d, want 00-59)", c->second);
    if (**p == '.' || **p == ',')
        return fail(err, err_len, "fractional seconds are not supported");
    iso->has_time = true;
    return 0;
}

static int parse_offset(const char **p, bb_iso *iso, char *err, size_t err_len)
{
    char sign = **p;
    if (sign == 'Z') {
        (*p)++;
        iso->has_offset = true;
        iso->offset_s = 0;
        return 0;
    }
    if (sign != '+' && sign != '-')
        return fail(err, err_len, "unexpected text after the time: \"%.16s\"", *p);
    (*p)++;
    int hours, minutes;
    if (read_digits(p, 2, &hours) != 0)
        return fail(err, err_len, "bad UTC offset: expected +HH:MM or +HHMM");
    if (**p == ':')
        (*p)++;
    if (read_digits(p, 2, &minutes) != 0)
        return fail(err, err_len, "bad UTC offset: expected +HH:MM or +HHMM");
    if (hours > ISO_MAX_OFFSET_HOURS || minutes > 59)
        return fail(err, err_len, "UTC offset out of range (%c%02d:%02d, want -23:59 to +23:59)",
                    sign, hours, minutes);
    int s = hours * BB_SECONDS_PER_HOUR + minutes * BB_SECONDS_PER_MINUTE;
    iso->has_offset = true;
    iso->offset_s = sign == '-' ? -s : s;
    return 0;
}
