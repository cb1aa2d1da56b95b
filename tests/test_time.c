/*
 * test_time: ISO 8601 parsing (each bad input with its reason), civil/day
 * arithmetic against an independent day-by-day walk, formatting.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bb_test.h"
#include "bb_time.h"

/* The day-by-day walk covers this many days either side of the epoch. */
#define WALK_DAYS 800000

typedef struct good_case {
    const char *text;
    int year, month, day, hour, minute, second;
    int has_time, has_offset, offset_s;
} good_case;

typedef struct bad_case {
    const char *text;
    const char *reason; /* key words the message must contain */
} bad_case;

static const good_case good_cases[] = {
    {"2022-01-10", 2022, 1, 10, 0, 0, 0, 0, 0, 0},
    {"2022-01-10T08:00", 2022, 1, 10, 8, 0, 0, 1, 0, 0},
    {"2022-01-10T08:00:59", 2022, 1, 10, 8, 0, 59, 1, 0, 0},
    {"2022-01-10 08:00:00", 2022, 1, 10, 8, 0, 0, 1, 0, 0},
    {"2022-01-10T08:00:00Z", 2022, 1, 10, 8, 0, 0, 1, 1, 0},
    {"2022-01-10T09:00:00+01:00", 2022, 1, 10, 9, 0, 0, 1, 1, 3600},
    {"2022-01-10T09:00+0100", 2022, 1, 10, 9, 0, 0, 1, 1, 3600},
    {"2022-01-10T03:00:00-05:00", 2022, 1, 10, 3, 0, 0, 1, 1, -18000},
    {"2022-01-10T13:30:00+05:30", 2022, 1, 10, 13, 30, 0, 1, 1, 19800},
    {"2022-01-10T20:45:00+12:45", 2022, 1, 10, 20, 45, 0, 1, 1, 45900},
    {"2022-01-10T00:00:00-23:59", 2022, 1, 10, 0, 0, 0, 1, 1, -86340},
    {"2022-01-10T00:00:00-00:00", 2022, 1, 10, 0, 0, 0, 1, 1, 0},
    {"2024-02-29", 2024, 2, 29, 0, 0, 0, 0, 0, 0},
    {"2000-02-29T23:59:59Z", 2000, 2, 29, 23, 59, 59, 1, 1, 0},
    {"2022-12-31T23:59:59Z", 2022, 12, 31, 23, 59, 59, 1, 1, 0},
    {"1970-01-01T00:00:00Z", 1970, 1, 1, 0, 0, 0, 1, 1, 0},
    {"0001-01-01", 1, 1, 1, 0, 0, 0, 0, 0, 0},
    {"9999-12-31T23:59:59Z", 9999, 12, 31, 23, 59, 59, 1, 1, 0},
};

static const bad_case bad_cases[] = {
    {"", "empty"},
    {"2022-13-01", "month out of range"},
    {"2022-00-10", "month out of range"},
    {"2023-02-29", "day out of range"},
    {"2022-04-31", "day out of range"},
    {"2022-01-00", "day out of range"},
    {"1900-02-29", "day out of range"},
    {"2022-01-10T24:00", "hour out of range"},
    {"2022-01-10T23:60", "minute out of range"},
    {"2022-01-10T23:59:60", "second out of range"},
    {"2022-01-10T08:00+25:00", "offset out of range"},
    {"2022-01-10T08:00+24:00", "offset out of range"},
    {"2022-01-10T08:00+01:60", "offset out of range"},
    {"2022-01-10T08:00+1", "bad UTC offset"},
    {"2022-01-10T08:00+01:0", "bad UTC offset"},
    {"2022-01-10T08:00:00Zjunk", "unexpected text after the time"},
    {"2022-01-10T08:00:00 ", "unexpected text after the time"},
    {"2022-01-10x", "unexpected text after the date"},
    {"2022-01-10Z", "unexpected text after the date"},
    {"2022-1-10", "YYYY-MM-DD"},
    {"2022-01-1", "YYYY-MM-DD"},
    {"22-01-10", "YYYY-MM-DD"},
    {"20220110", "YYYY-MM-DD"},
    {"+2022-01-10", "YYYY-MM-DD"},
    {"2022/01/10", "YYYY-MM-DD"},
    {"2022-01-10T8:00", "HH:MM"},
    {"2022-01-10T08", "HH:MM"},
    {"2022-01-10T08:0", "HH:MM"},
    {"2022-01-10T08:00:0", "HH:MM:SS"},
    {"2022-01-10T", "HH:MM"},
    {"2022-01-10T08:00:00.5Z", "fractional seconds"},
    {"tomorrow", "YYYY-MM-DD"},
};

static void test_parse_good(void)
{
    for (size_t i = 0; i < sizeof good_cases / sizeof good_cases[0]; i++) {
        const good_case *g = &good_cases[i];
        bb_iso iso;
        char err[128] = "";
        int rc = bb_iso_parse(g->text, &iso, err, sizeof err);
        if (rc != 0)
            fprintf(stderr, "\"%s\" refused: %s\n", g->text, err);
        CHECK_INT(rc, 0);
        if (rc != 0)
            continue;
        CHECK_INT(iso.civil.year, g->year);
        CHECK_INT(iso.civil.month, g->month);
        CHECK_INT(iso.civil.day, g->day);
        CHECK_INT(iso.civil.hour, g->hour);
        CHECK_INT(iso.civil.minute, g->minute);
        CHECK_INT(iso.civil.second, g->second);
        CHECK_INT(iso.has_time, g->has_time);
        CHECK_INT(iso.has_offset, g->has_offset);
        CHECK_INT(iso.offset_s, g->offset_s);
    }
}

static void test_parse_bad(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *b = &bad_cases[i];
        bb_iso iso;
        memset(&iso, 0x5a, sizeof iso);
        bb_iso before = iso;
        char err[128] = "";
        CHECK_INT(bb_iso_parse(b->text, &iso, err, sizeof err), -1);
        CHECK_CONTAINS(err, b->reason);
        CHECK(memcmp(&iso, &before, sizeof iso) == 0); /* untouched on failure */
    }
    /* No error buffer, a tiny one, and NULL text are all safe. */
    bb_iso iso;
    CHECK_INT(bb_iso_parse("2022-13-01", &iso, NULL, 0), -1);
    char tiny[4];
    CHECK_INT(bb_iso_parse("2022-13-01", &iso, tiny, sizeof tiny), -1);
    CHECK_INT((int)strlen(tiny), 3);
    CHECK_INT(bb_iso_parse(NULL, &iso, NULL, 0), -1);
}

/* Walk day by day from the epoch, both ways, carrying the date by hand: an
 * oracle that shares nothing with Hinnant's closed forms. */
static void test_days_walk(void)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int bad = 0;
    for (int dir = 1; dir >= -1; dir -= 2) {
        int y = 1970, m = 1, d = 1, wd = 4; /* a Thursday */
        for (int64_t n = 0; n <= WALK_DAYS && bad < 10; n++) {
            int64_t days = n * dir;
            bb_civil c;
            bb_civil_from_days(days, &c);
            if (c.year != y || c.month != m || c.day != d || c.hour || c.minute || c.second ||
                bb_days_from_civil(y, m, d) != days || bb_weekday_from_days(days) != wd) {
                fprintf(stderr, "day %lld: got %d-%d-%d, want %d-%d-%d\n", (long long)days,
                        c.year, c.month, c.day, y, m, d);
                bad++;
            }
            bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            int dim = m == 2 && leap ? 29 : mdays[m - 1];
            if (bb_days_in_month(y, m) != dim)
                bad++;
            if (dir > 0) {
                wd = (wd + 1) % 7;
                if (++d > dim) {
                    d = 1;
                    if (++m > 12) {
                        m = 1;
                        y++;
                    }
                }
            } else {
                wd = (wd + 6) % 7;
                if (--d < 1) {
                    if (--m < 1) {
                        m = 12;
                        y--;
                    }
                    d = m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ? 29
                                                                               : mdays[m - 1];
                }
            }
        }
    }
    CHECK_INT(bad, 0);
    CHECK_INT(bb_days_in_month(2024, 2), 29);
    CHECK_INT(bb_days_in_month(2023, 2), 28);
    CHECK_INT(bb_days_in_month(1900, 2), 28);
    CHECK_INT(bb_days_in_month(2000, 2), 29);
    CHECK_INT(bb_days_in_month(2022, 13), 0);
}

static void test_instants(void)
{
    static const struct { const char *text; bb_instant want; } cases[] = {
        {"1970-01-01T00:00:00Z", 0},
        {"1969-12-31T23:59:59Z", -1},
        {"2022-01-10T08:00:00Z", 1641801600},
        {"2022-01-10T09:00:00+01:00", 1641801600},
        {"2022-01-10T03:00:00-05:00", 1641801600},
        {"2022-01-10T13:30:00+05:30", 1641801600},
        {"2038-01-19T03:14:08Z", 2147483648LL},
        {"2024-02-29T12:00:00Z", 1709208000},
        {"1900-01-01T00:00:00Z", -2208988800LL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bb_iso iso;
        CHECK_INT(bb_iso_parse(cases[i].text, &iso, NULL, 0), 0);
        CHECK_INT(bb_civil_to_instant(&iso.civil, iso.offset_s), cases[i].want);
        bb_civil back;
        bb_instant_to_civil(cases[i].want, iso.offset_s, &back);
        CHECK(memcmp(&back, &iso.civil, sizeof back) == 0);
    }
}

static void test_format(void)
{
    char buf[BB_ISO_BUF];
    bb_format_utc(1641801600, buf, sizeof buf);
    CHECK_STR(buf, "2022-01-10T08:00:00Z");
    bb_format_utc(-1, buf, sizeof buf);
    CHECK_STR(buf, "1969-12-31T23:59:59Z");
    bb_format_offset(1641801600, 3600, buf, sizeof buf);
    CHECK_STR(buf, "2022-01-10T09:00:00+01:00");
    bb_format_offset(1641801600, -18000, buf, sizeof buf);
    CHECK_STR(buf, "2022-01-10T03:00:00-05:00");
    bb_format_offset(1641801600, 19800, buf, sizeof buf);
    CHECK_STR(buf, "2022-01-10T13:30:00+05:30");
    bb_format_offset(1641801600, -(9 * 3600 + 30 * 60), buf, sizeof buf);
    CHECK_STR(buf, "2022-01-09T22:30:00-09:30");
    bb_format_offset(1641801600, 0, buf, sizeof buf);
    CHECK_STR(buf, "2022-01-10T08:00:00+00:00");
    /* Zurich's LMT, +00:34:08: seconds kept so the text is exact. */
    bb_format_offset(0, 2048, buf, sizeof buf);
    CHECK_STR(buf, "1970-01-01T00:34:08+00:34:08");
    /* Formatted text parses back to the same instant. */
    for (bb_instant t = -4000000000LL; t < 8000000000LL; t += 97654321) {
        for (int off = -43200; off <= 50400; off += 2700) {
            bb_format_offset(t, off, buf, sizeof buf);
            bb_iso iso;
            CHECK_INT(bb_iso_parse(buf, &iso, NULL, 0), 0);
            CHECK_INT(bb_civil_to_instant(&iso.civil, iso.offset_s), t);
        }
    }
    char small[8];
    bb_format_utc(1641801600, small, sizeof small);
    CHECK_STR(small, "2022-01");
}

static void test_names(void)
{
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 7; i++)
        CHECK_STR(bb_weekday_abbr(i), days[i]);
    for (int i = 0; i < 12; i++)
        CHECK_STR(bb_month_abbr(i + 1), months[i]);
    CHECK_STR(bb_weekday_abbr(7), "???");
    CHECK_STR(bb_month_abbr(0), "???");
    /* Saturday 8 March 2025 (the expected_by example of the spec). */
    int64_t d = bb_days_from_civil(2025, 3, 8);
    CHECK_STR(bb_weekday_abbr(bb_weekday_from_days(d)), "Sat");
    CHECK_STR(bb_weekday_abbr(bb_weekday_from_days(bb_days_from_civil(2022, 1, 10))), "Mon");
}

int main(void)
{
    test_parse_good();
    test_parse_bad();
    test_days_walk();
    test_instants();
    test_format();
    test_names();
    return bb_test_finish("test_time");
}
