/*
 * test_tz: TZif zones against fixed instants around DST changes, and against
 * glibc's own reading of the same tz database (localtime_r/mktime under TZ).
 * glibc's global TZ is used here, in the test only, as an independent oracle.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bb_test.h"
#include "bb_time.h"
#include "bb_tz.h"
#include "bb_tz_rule.h"

/* Cross-check sampling. */
#define XCHECK_RANDOM_INSTANTS 3000
#define XCHECK_FUTURE_INSTANTS 500
#define ALL_ZONES_INSTANTS 1000
#define XCHECK_SCAN_STEP_S (6 * BB_SECONDS_PER_HOUR)
#define XCHECK_ZONES_FROM_S ((bb_instant)-2147483648LL) /* 1901-12-13: start of the TZif table */
#define XCHECK_RULES_FROM_S ((bb_instant)0)              /* 1970: glibc applies TZ rules from here */
#define XCHECK_TO_S ((bb_instant)2147483647)       /* 2038-01-19: end of the TZif table */
#define XCHECK_FUTURE_TO_S ((bb_instant)4102444800) /* 2100: footer rules only */

typedef struct to_local_case {
    const char *zone;
    const char *utc;
    const char *local; /* ISO with offset */
    const char *abbr;
} to_local_case;

typedef struct from_local_case {
    const char *zone;
    const char *local;
    bb_local_kind kind;
    const char *earlier; /* UTC */
    const char *later;
} from_local_case;

static const to_local_case to_local_cases[] = {
    /* Europe/Zurich, spring and autumn 2022 */
    {"Europe/Zurich", "2022-03-27T00:59:59Z", "2022-03-27T01:59:59+01:00", "CET"},
    {"Europe/Zurich", "2022-03-27T01:00:00Z", "2022-03-27T03:00:00+02:00", "CEST"},
    {"Europe/Zurich", "2022-10-30T00:59:59Z", "2022-10-30T02:59:59+02:00", "CEST"},
    {"Europe/Zurich", "2022-10-30T01:00:00Z", "2022-10-30T02:00:00+01:00", "CET"},
    {"Europe/Zurich", "2022-01-10T08:00:00Z", "2022-01-10T09:00:00+01:00", "CET"},
    /* month end, leap day, year end */
    {"Europe/Zurich", "2022-01-31T23:30:00Z", "2022-02-01T00:30:00+01:00", "CET"},
    {"Europe/Zurich", "2024-02-28T23:30:00Z", "2024-02-29T00:30:00+01:00", "CET"},
    {"Europe/Zurich", "2024-02-29T23:00:00Z", "2024-03-01T00:00:00+01:00", "CET"},
    {"Europe/Zurich", "2022-12-31T23:00:00Z", "2023-01-01T00:00:00+01:00", "CET"},
    {"Europe/Zurich", "2022-06-30T22:00:00Z", "2022-07-01T00:00:00+02:00", "CEST"},
    /* past the table: the footer rule CET-1CEST,M3.5.0,M10.5.0/3 */
    {"Europe/Zurich", "2050-03-27T00:59:59Z", "2050-03-27T01:59:59+01:00", "CET"},
    {"Europe/Zurich", "2050-03-27T01:00:00Z", "2050-03-27T03:00:00+02:00", "CEST"},
    {"Europe/Zurich", "2050-10-30T00:59:59Z", "2050-10-30T02:59:59+02:00", "CEST"},
    {"Europe/Zurich", "2050-10-30T01:00:00Z", "2050-10-30T02:00:00+01:00", "CET"},
    /* Brussels and Vienna follow the EU rule: the same instants */
    {"Europe/Brussels", "2022-03-27T00:59:59Z", "2022-03-27T01:59:59+01:00", "CET"},
    {"Europe/Brussels", "2022-03-27T01:00:00Z", "2022-03-27T03:00:00+02:00", "CEST"},
    {"Europe/Brussels", "2022-10-30T01:00:00Z", "2022-10-30T02:00:00+01:00", "CET"},
    {"Europe/Vienna", "2022-03-27T01:00:00Z", "2022-03-27T03:00:00+02:00", "CEST"},
    {"Europe/Vienna", "2022-10-30T00:59:59Z", "2022-10-30T02:59:59+02:00", "CEST"},
    {"Europe/Vienna", "2022-10-30T01:00:00Z", "2022-10-30T02:00:00+01:00", "CET"},
    /* America/New_York */
    {"America/New_York", "2022-03-13T06:59:59Z", "2022-03-13T01:59:59-05:00", "EST"},
    {"America/New_York", "2022-03-13T07:00:00Z", "2022-03-13T03:00:00-04:00", "EDT"},
    {"America/New_York", "2022-11-06T05:59:59Z", "2022-11-06T01:59:59-04:00", "EDT"},
    {"America/New_York", "2022-11-06T06:00:00Z", "2022-11-06T01:00:00-05:00", "EST"},
    {"America/New_York", "2023-01-01T04:59:59Z", "2022-12-31T23:59:59-05:00", "EST"},
    /* Australia/Sydney: southern hemisphere, DST across the new year */
    {"Australia/Sydney", "2022-04-02T15:59:59Z", "2022-04-03T02:59:59+11:00", "AEDT"},
    {"Australia/Sydney", "2022-04-02T16:00:00Z", "2022-04-03T02:00:00+10:00", "AEST"},
    {"Australia/Sydney", "2022-10-01T15:59:59Z", "2022-10-02T01:59:59+10:00", "AEST"},
    {"Australia/Sydney", "2022-10-01T16:00:00Z", "2022-10-02T03:00:00+11:00", "AEDT"},
    {"Australia/Sydney", "2022-12-31T13:00:00Z", "2023-01-01T00:00:00+11:00", "AEDT"},
    {"Australia/Sydney", "2060-04-03T15:59:59Z", "2060-04-04T02:59:59+11:00", "AEDT"},
    {"Australia/Sydney", "2060-04-03T16:00:00Z", "2060-04-04T02:00:00+10:00", "AEST"},
    {"Australia/Sydney", "2060-10-02T16:00:00Z", "2060-10-03T03:00:00+11:00", "AEDT"},
    /* Asia/Kolkata: +05:30, no DST */
    {"Asia/Kolkata", "2022-01-10T08:00:00Z", "2022-01-10T13:30:00+05:30", "IST"},
    {"Asia/Kolkata", "2022-12-31T18:29:59Z", "2022-12-31T23:59:59+05:30", "IST"},
    {"Asia/Kolkata", "2022-12-31T18:30:00Z", "2023-01-01T00:00:00+05:30", "IST"},
    {"Asia/Kolkata", "2050-07-01T00:00:00Z", "2050-07-01T05:30:00+05:30", "IST"},
    /* Europe/Dublin: "negative DST" (winter GMT is the DST period in the data) */
    {"Europe/Dublin", "2022-07-01T12:00:00Z", "2022-07-01T13:00:00+01:00", "IST"},
    {"Europe/Dublin", "2022-01-01T12:00:00Z", "2022-01-01T12:00:00+00:00", "GMT"},
    {"Europe/Dublin", "2045-10-29T00:59:59Z", "2045-10-29T01:59:59+01:00", "IST"},
    {"Europe/Dublin", "2045-10-29T01:00:00Z", "2045-10-29T01:00:00+00:00", "GMT"},
    {"Europe/Dublin", "2045-03-26T01:00:00Z", "2045-03-26T02:00:00+01:00", "IST"},
    /* Pacific/Chatham: +12:45 / +13:45 */
    {"Pacific/Chatham", "2022-07-01T00:00:00Z", "2022-07-01T12:45:00+12:45", "+1245"},
    {"Pacific/Chatham", "2022-01-01T00:00:00Z", "2022-01-01T13:45:00+13:45", "+1345"},
    {"UTC", "2022-01-10T08:00:00Z", "2022-01-10T08:00:00+00:00", "UTC"},
};

static const from_local_case from_local_cases[] = {
    {"Europe/Zurich", "2022-03-27T01:59:59", BB_LOCAL_UNIQUE, "2022-03-27T00:59:59Z", NULL},
    {"Europe/Zurich", "2022-03-27T02:00:00", BB_LOCAL_GAP, "2022-03-27T01:00:00Z", NULL},
    {"Europe/Zurich", "2022-03-27T02:30:00", BB_LOCAL_GAP, "2022-03-27T01:30:00Z", NULL},
    {"Europe/Zurich", "2022-03-27T02:59:59", BB_LOCAL_GAP, "2022-03-27T01:59:59Z", NULL},
    {"Europe/Zurich", "2022-03-27T03:00:00", BB_LOCAL_UNIQUE, "2022-03-27T01:00:00Z", NULL},
    {"Europe/Zurich", "2022-10-30T01:59:59", BB_LOCAL_UNIQUE, "2022-10-29T23:59:59Z", NULL},
    {"Europe/Zurich", "2022-10-30T02:00:00", BB_LOCAL_FOLD, "2022-10-30T00:00:00Z", "2022-10-30T01:00:00Z"},
    {"Europe/Zurich", "2022-10-30T02:30:00", BB_LOCAL_FOLD, "2022-10-30T00:30:00Z", "2022-10-30T01:30:00Z"},
    {"Europe/Zurich", "2022-10-30T02:59:59", BB_LOCAL_FOLD, "2022-10-30T00:59:59Z", "2022-10-30T01:59:59Z"},
    {"Europe/Zurich", "2022-10-30T03:00:00", BB_LOCAL_UNIQUE, "2022-10-30T02:00:00Z", NULL},
    {"Europe/Zurich", "2022-01-10T09:00:00", BB_LOCAL_UNIQUE, "2022-01-10T08:00:00Z", NULL},
    {"Europe/Zurich", "2024-02-29T12:00:00", BB_LOCAL_UNIQUE, "2024-02-29T11:00:00Z", NULL},
    {"Europe/Zurich", "2050-03-27T02:30:00", BB_LOCAL_GAP, "2050-03-27T01:30:00Z", NULL},
    {"Europe/Zurich", "2050-10-30T02:30:00", BB_LOCAL_FOLD, "2050-10-30T00:30:00Z", "2050-10-30T01:30:00Z"},
    {"Europe/Brussels", "2022-03-27T02:30:00", BB_LOCAL_GAP, "2022-03-27T01:30:00Z", NULL},
    {"Europe/Brussels", "2022-10-30T02:30:00", BB_LOCAL_FOLD, "2022-10-30T00:30:00Z", "2022-10-30T01:30:00Z"},
    {"Europe/Vienna", "2022-03-27T02:30:00", BB_LOCAL_GAP, "2022-03-27T01:30:00Z", NULL},
    {"Europe/Vienna", "2022-10-30T02:30:00", BB_LOCAL_FOLD, "2022-10-30T00:30:00Z", "2022-10-30T01:30:00Z"},
    {"America/New_York", "2022-03-13T02:30:00", BB_LOCAL_GAP, "2022-03-13T07:30:00Z", NULL},
    {"America/New_York", "2022-03-13T03:00:00", BB_LOCAL_UNIQUE, "2022-03-13T07:00:00Z", NULL},
    {"America/New_York", "2022-11-06T01:30:00", BB_LOCAL_FOLD, "2022-11-06T05:30:00Z", "2022-11-06T06:30:00Z"},
    {"America/New_York", "2022-11-06T02:00:00", BB_LOCAL_UNIQUE, "2022-11-06T07:00:00Z", NULL},
    {"Australia/Sydney", "2022-04-03T02:30:00", BB_LOCAL_FOLD, "2022-04-02T15:30:00Z", "2022-04-02T16:30:00Z"},
    {"Australia/Sydney", "2022-10-02T02:30:00", BB_LOCAL_GAP, "2022-10-01T16:30:00Z", NULL},
    {"Australia/Sydney", "2023-01-01T00:00:00", BB_LOCAL_UNIQUE, "2022-12-31T13:00:00Z", NULL},
    {"Asia/Kolkata", "2022-12-31T23:59:59", BB_LOCAL_UNIQUE, "2022-12-31T18:29:59Z", NULL},
    {"Asia/Kolkata", "2022-03-27T02:30:00", BB_LOCAL_UNIQUE, "2022-03-26T21:00:00Z", NULL},
    {"Europe/Dublin", "2022-10-30T01:30:00", BB_LOCAL_FOLD, "2022-10-30T00:30:00Z", "2022-10-30T01:30:00Z"},
    {"Europe/Dublin", "2022-03-27T01:30:00", BB_LOCAL_GAP, "2022-03-27T01:30:00Z", NULL},
    {"Pacific/Chatham", "2022-09-25T03:00:00", BB_LOCAL_GAP, "2022-09-24T14:15:00Z", NULL},
    {"UTC", "2022-03-27T02:30:00", BB_LOCAL_UNIQUE, "2022-03-27T02:30:00Z", NULL},
};

/* POSIX TZ strings in $TZ (bb_tz_load_system), checked against glibc:
 * J and n day forms, angle-bracket names, negative and >24 h rule times,
 * negative DST.  All-year DST is tested apart: glibc only looks at the
 * UTC year's own transitions and gets it wrong around each new year. */
static const char *const posix_specs[] = {
    "CET-1CEST,M3.5.0,M10.5.0/3",
    "<+0530>-5:30",
    "EST5EDT,M3.2.0,M11.1.0",
    "AAA3BBB,J60/2,J300/2",
    "AAA3BBB,59,299",
    "<-02>2<-01>,M3.5.0/-1,M10.5.0/0",
    "IST-1GMT0,M10.5.0,M3.5.0/1",
    "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45",
    "XXX3YYY,M3.2.0/26,M11.1.0/-3",
    "AAA-10BBB-11:30,M10.1.0,M4.1.0/3",
};

/* Rule strings that must be refused, each for one reason. */
static const char *const bad_rules[] = {
    "",                              /* no name */
    "C-1",                           /* name shorter than 3 */
    "CET",                           /* no offset */
    "CET-1CEST,M3.5.0",              /* no end */
    "CET-1CEST,M3.5.0,",             /* empty end */
    "CET-1CEST,M13.5.0,M10.5.0",     /* month 13 */
    "CET-1CEST,M3.6.0,M10.5.0",      /* week 6 */
    "CET-1CEST,M3.0.0,M10.5.0",      /* week 0 */
    "CET-1CEST,M3.5.7,M10.5.0",      /* weekday 7 */
    "CET-1CEST,M3.5,M10.5.0",        /* no weekday */
    "CET-1CEST,J0,J300",             /* Julian day 0 */
    "CET-1CEST,J366,J300",           /* Julian day 366 */
    "CET-1CEST,366,300",             /* zero-based day 366 */
    "CET-1CEST,M3.5.0/168,M10.5.0",  /* rule time beyond 167 h */
    "CET-1CEST,M3.5.0/-168,M10.5.0", /* and before -167 h */
    "CET-1CEST,M3.5.0/2:60,M10.5.0", /* minute 60 */
    "CET25",                         /* offset beyond 24 h */
    "CET-1:60",                      /* minute 60 */
    "CET-1x",                        /* trailing junk */
    "CET-1CEST,M3.5.0,M10.5.0/3x",   /* trailing junk after the rule */
    "<+0530",                        /* unterminated <name> */
    "<+05 30>-5:30",                 /* space in <name> */
    "<+05>-5:30<>",                  /* empty DST name */
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ-1",  /* name too long */
    "CET-0001",                      /* four-digit hour */
};

static const char *const xcheck_zones[] = {
    "UTC", "Europe/Zurich", "Europe/Brussels", "Europe/Vienna", "America/New_York",
    "Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Europe/Dublin", "Pacific/Chatham",
};

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static bb_instant parse_utc(const char *text)
{
    bb_iso iso;
    char err[64];
    if (bb_iso_parse(text, &iso, err, sizeof err) != 0 || !iso.has_offset) {
        fprintf(stderr, "bad test instant %s: %s\n", text, err);
        exit(2);
    }
    return bb_civil_to_instant(&iso.civil, iso.offset_s);
}

static void test_to_local(void)
{
    for (size_t i = 0; i < sizeof to_local_cases / sizeof to_local_cases[0]; i++) {
        const to_local_case *c = &to_local_cases[i];
        bb_tz *tz = bb_tz_load(c->zone);
        CHECK(tz != NULL);
        if (!tz)
            continue;
        bb_instant t = parse_utc(c->utc);
        const char *abbr = NULL;
        int offset = bb_tz_offset_at(tz, t, &abbr);
        char buf[BB_ISO_BUF];
        bb_format_offset(t, offset, buf, sizeof buf);
        CHECK_STR(buf, c->local);
        CHECK_STR(abbr, c->abbr);
        bb_civil civ;
        CHECK_INT(bb_tz_to_civil(tz, t, &civ), offset);
        bb_instant e, l;
        bb_local_kind kind = bb_tz_from_civil(tz, &civ, &e, &l);
        CHECK(kind != BB_LOCAL_GAP);
        CHECK(e == t || l == t);
        bb_tz_destroy(tz);
    }
}

static void test_from_local(void)
{
    for (size_t i = 0; i < sizeof from_local_cases / sizeof from_local_cases[0]; i++) {
        const from_local_case *c = &from_local_cases[i];
        bb_tz *tz = bb_tz_load(c->zone);
        CHECK(tz != NULL);
        if (!tz)
            continue;
        bb_iso iso;
        CHECK_INT(bb_iso_parse(c->local, &iso, NULL, 0), 0);
        bb_instant e = -1, l = -1;
        bb_local_kind kind = bb_tz_from_civil(tz, &iso.civil, &e, &l);
        char eb[BB_ISO_BUF], lb[BB_ISO_BUF];
        bb_format_utc(e, eb, sizeof eb);
        bb_format_utc(l, lb, sizeof lb);
        if (kind != c->kind)
            fprintf(stderr, "%s %s: kind %d, want %d\n", c->zone, c->local, kind, c->kind);
        CHECK_INT(kind, c->kind);
        CHECK_STR(eb, c->earlier);
        CHECK_STR(lb, c->later ? c->later : c->earlier);
        bb_tz_destroy(tz);
    }
}

static void test_names(void)
{
    static const char *const bad[] = {
        "", "/etc/passwd", "/usr/share/zoneinfo/UTC", "../zoneinfo/UTC", "Europe/../UTC",
        "Europe/./Zurich", "Europe//Zurich", "Europe/Zurich/", "./UTC", "..", ".",
        "No/Such_Zone", "Mars/Olympus_Mons", "Europe", "zone.tab", "Europe/Zurich ",
        "Europe\\Zurich", "right/UTC",
    };
    CHECK(bb_tz_load(NULL) == NULL);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        bb_tz *tz = bb_tz_load(bad[i]);
        if (tz)
            fprintf(stderr, "zone name \"%s\" was accepted\n", bad[i]);
        CHECK(tz == NULL);
        bb_tz_destroy(tz);
    }
    bb_tz *tz = bb_tz_load("Europe/Zurich");
    CHECK(tz != NULL);
    if (tz)
        CHECK_STR(bb_tz_name(tz), "Europe/Zurich");
    bb_tz_destroy(tz);
    bb_tz_destroy(NULL);
}

static void test_fixed(void)
{
    static const struct { int offset; const char *name; const char *local; } cases[] = {
        {0, "UTC", "2022-01-10T08:00:00+00:00"},
        {3600, "UTC+01:00", "2022-01-10T09:00:00+01:00"},
        {-(3 * 3600 + 1800), "UTC-03:30", "2022-01-10T04:30:00-03:30"},
        {5 * 3600 + 45 * 60, "UTC+05:45", "2022-01-10T13:45:00+05:45"},
    };
    bb_instant t = parse_utc("2022-01-10T08:00:00Z");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bb_tz *tz = bb_tz_fixed(cases[i].offset);
        CHECK(tz != NULL);
        if (!tz)
            continue;
        CHECK_STR(bb_tz_name(tz), cases[i].name);
        const char *abbr = NULL;
        CHECK_INT(bb_tz_offset_at(tz, t, &abbr), cases[i].offset);
        CHECK(abbr != NULL);
        char buf[BB_ISO_BUF];
        bb_format_offset(t, bb_tz_offset_at(tz, t, NULL), buf, sizeof buf);
        CHECK_STR(buf, cases[i].local);
        bb_civil c;
        bb_tz_to_civil(tz, t, &c);
        bb_instant e, l;
        CHECK_INT(bb_tz_from_civil(tz, &c, &e, &l), BB_LOCAL_UNIQUE);
        CHECK_INT(e, t);
        CHECK_INT(l, t);
        bb_tz_destroy(tz);
    }
    CHECK(bb_tz_fixed(30 * 3600) == NULL);
}

/* glibc's view of instant t in the zone named by $TZ. */
static void glibc_local(bb_instant t, struct tm *tm)
{
    time_t tt = (time_t)t;
    localtime_r(&tt, tm);
}

static int compare_with_glibc(const bb_tz *tz, const char *label, bb_instant t)
{
    struct tm tm;
    glibc_local(t, &tm);
    bb_civil c;
    const char *abbr = NULL;
    int offset = bb_tz_offset_at(tz, t, &abbr);
    bb_tz_to_civil(tz, t, &c);
    int bad = offset != tm.tm_gmtoff || strcmp(abbr, tm.tm_zone) != 0 ||
              c.year != tm.tm_year + 1900 || c.month != tm.tm_mon + 1 || c.day != tm.tm_mday ||
              c.hour != tm.tm_hour || c.minute != tm.tm_min || c.second != tm.tm_sec;
    /* Round trip: the reading must map back to t (one of two in a fold). */
    bb_instant e, l;
    bb_local_kind kind = bb_tz_from_civil(tz, &c, &e, &l);
    if (kind == BB_LOCAL_GAP || (e != t && l != t))
        bad = 1;
    /* mktime agrees where the reading is unique, and picks one of a fold. */
    struct tm q = tm;
    q.tm_isdst = -1;
    bb_instant mk = (bb_instant)mktime(&q);
    if (kind == BB_LOCAL_UNIQUE ? mk != e : (mk != e && mk != l))
        bad = 1;
    if (bad) {
        char ub[BB_ISO_BUF], lb[BB_ISO_BUF];
        bb_format_utc(t, ub, sizeof ub);
        bb_format_offset(t, offset, lb, sizeof lb);
        fprintf(stderr, "%s at %s: bb %s %s kind %d; glibc %04d-%02d-%02dT%02d:%02d:%02d %+ld %s\n",
                label, ub, lb, abbr, kind, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_gmtoff, tm.tm_zone);
    }
    return bad;
}

/* Samples random instants from `from` to 2100 and every offset change (found
 * by scanning glibc and bisecting to the second), +-1 s around each; returns
 * the mismatches. */
static int xcheck_zone(const bb_tz *tz, const char *label, bb_instant from, int *changes_seen)
{
    int bad = 0;
    for (int i = 0; i < XCHECK_RANDOM_INSTANTS; i++)
        bad += compare_with_glibc(tz, label,
                                  from + (bb_instant)(rng_next() % (uint64_t)(XCHECK_TO_S - from)));
    for (int i = 0; i < XCHECK_FUTURE_INSTANTS; i++)
        bad += compare_with_glibc(
            tz, label,
            XCHECK_TO_S + (bb_instant)(rng_next() % (uint64_t)(XCHECK_FUTURE_TO_S - XCHECK_TO_S)));
    struct tm tm;
    glibc_local(from, &tm);
    long prev = tm.tm_gmtoff;
    for (bb_instant t = from + XCHECK_SCAN_STEP_S; t < XCHECK_FUTURE_TO_S && bad < 20;
         t += XCHECK_SCAN_STEP_S) {
        glibc_local(t, &tm);
        if (tm.tm_gmtoff == prev)
            continue;
        bb_instant lo = t - XCHECK_SCAN_STEP_S, hi = t; /* offset(lo) == prev != offset(hi) */
        while (hi - lo > 1) {
            bb_instant mid = lo + (hi - lo) / 2;
            glibc_local(mid, &tm);
            if (tm.tm_gmtoff == prev)
                lo = mid;
            else
                hi = mid;
        }
        for (bb_instant d = -1; d <= 1; d++)
            bad += compare_with_glibc(tz, label, hi + d);
        (*changes_seen)++;
        glibc_local(t, &tm);
        prev = tm.tm_gmtoff;
    }
    return bad;
}

static void test_glibc_zones(void)
{
    for (size_t i = 0; i < sizeof xcheck_zones / sizeof xcheck_zones[0]; i++) {
        bb_tz *tz = bb_tz_load(xcheck_zones[i]);
        CHECK(tz != NULL);
        if (!tz)
            continue;
        setenv("TZ", xcheck_zones[i], 1);
        tzset();
        int changes = 0;
        int bad = xcheck_zone(tz, xcheck_zones[i], XCHECK_ZONES_FROM_S, &changes);
        CHECK_INT(bad, 0);
        /* Every zone but UTC changed offset since 1901 (Kolkata in the 1940s). */
        if (strcmp(xcheck_zones[i], "UTC") != 0)
            CHECK(changes > 0);
        bb_tz_destroy(tz);
    }
}

/* Every zone and link the tz database lists (tzdata.zi), at random instants
 * 1901-2101: offset, abbreviation and round trip against glibc. */
static void test_all_zones(void)
{
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/tzdata.zi", dir && *dir ? dir : "/usr/share/zoneinfo");
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (!f)
        return;
    char line[512];
    int zones = 0, bad_zones = 0;
    while (fgets(line, sizeof line, f)) {
        char name[256], target[256];
        /* "Z Europe/Zurich ..." and "L Europe/Zurich Europe/Busingen" */
        if (line[0] == 'Z' && sscanf(line, "Z %255s", name) == 1) {
        } else if (line[0] == 'L' && sscanf(line, "L %255s %255s", target, name) == 2) {
        } else {
            continue;
        }
        bb_tz *tz = bb_tz_load(name);
        if (!tz) {
            fprintf(stderr, "zone %s did not load\n", name);
            bad_zones++;
            continue;
        }
        zones++;
        setenv("TZ", name, 1);
        tzset();
        int bad = 0;
        for (int i = 0; i < ALL_ZONES_INSTANTS && !bad; i++) {
            uint64_t span = (uint64_t)(XCHECK_FUTURE_TO_S - XCHECK_ZONES_FROM_S);
            bad = compare_with_glibc(tz, name, XCHECK_ZONES_FROM_S + (bb_instant)(rng_next() % span));
        }
        bad_zones += bad;
        bb_tz_destroy(tz);
    }
    fclose(f);
    CHECK(zones > 400);
    CHECK_INT(bad_zones, 0);
}

static void test_posix_specs(void)
{
    for (size_t i = 0; i < sizeof posix_specs / sizeof posix_specs[0]; i++) {
        setenv("TZ", posix_specs[i], 1);
        tzset();
        bb_tz *tz = bb_tz_load_system();
        CHECK(tz != NULL);
        if (!tz)
            continue;
        CHECK_STR(bb_tz_name(tz), posix_specs[i]);
        int changes = 0;
        CHECK_INT(xcheck_zone(tz, posix_specs[i], XCHECK_RULES_FROM_S, &changes), 0);
        bb_tz_destroy(tz);
    }
}

static void test_rule_parse(void)
{
    for (size_t i = 0; i < sizeof bad_rules / sizeof bad_rules[0]; i++) {
        bb_tz_rule r;
        memset(&r, 0x5a, sizeof r);
        int rc = bb_tz_rule_parse(bad_rules[i], &r);
        if (rc == 0)
            fprintf(stderr, "rule \"%s\" was accepted\n", bad_rules[i]);
        CHECK_INT(rc, -1);
        CHECK_INT(r.std_off, 0x5a5a5a5a); /* untouched */
    }

    bb_tz_rule r;
    CHECK_INT(bb_tz_rule_parse("<+0530>-5:30", &r), 0);
    CHECK_INT(r.std_off, 19800);
    CHECK_STR(r.std_abbr, "+0530");
    CHECK(!r.has_dst);

    CHECK_INT(bb_tz_rule_parse("CET-1CEST,M3.5.0,M10.5.0/3", &r), 0);
    CHECK_INT(r.std_off, 3600);
    CHECK_INT(r.dst_off, 7200);
    CHECK_STR(r.std_abbr, "CET");
    CHECK_STR(r.dst_abbr, "CEST");
    CHECK(r.has_dst);
    CHECK_INT(r.start.kind, 'M');
    CHECK_INT(r.start.month, 3);
    CHECK_INT(r.start.week, 5);
    CHECK_INT(r.start.wday, 0);
    CHECK_INT(r.start.time_s, 7200);
    CHECK_INT(r.end.month, 10);
    CHECK_INT(r.end.time_s, 3 * 3600);

    /* Dublin: DST offset below standard. */
    CHECK_INT(bb_tz_rule_parse("IST-1GMT0,M10.5.0,M3.5.0/1", &r), 0);
    CHECK_INT(r.std_off, 3600);
    CHECK_INT(r.dst_off, 0);

    /* No rule: the US one, as glibc. */
    CHECK_INT(bb_tz_rule_parse("EST5EDT", &r), 0);
    CHECK_INT(r.std_off, -18000);
    CHECK_INT(r.dst_off, -14400);
    CHECK_INT(r.start.month, 3);
    CHECK_INT(r.start.week, 2);
    CHECK_INT(r.end.month, 11);
    CHECK_INT(r.end.week, 1);

    CHECK_INT(bb_tz_rule_parse("XXX+3:30YYY2:30,J60/-167,59/167:59:59", &r), 0);
    CHECK_INT(r.std_off, -12600);
    CHECK_INT(r.dst_off, -9000);
    CHECK_INT(r.start.kind, 'J');
    CHECK_INT(r.start.num, 60);
    CHECK_INT(r.start.time_s, -167 * 3600);
    CHECK_INT(r.end.kind, 'n');
    CHECK_INT(r.end.num, 59);
    CHECK_INT(r.end.time_s, 167 * 3600 + 59 * 60 + 59);
}

/* RFC 8536 3.3.1: "EST5EDT,0/0,J365/25" is DST all year round. */
static void test_all_year_dst(void)
{
    setenv("TZ", "EST5EDT,0/0,J365/25", 1);
    bb_tz *tz = bb_tz_load_system();
    CHECK(tz != NULL);
    if (!tz)
        return;
    int bad = 0;
    for (int year = 1970; year <= 2100; year++) {
        bb_instant ny = bb_days_from_civil(year, 1, 1) * BB_SECONDS_PER_DAY;
        for (bb_instant d = -6 * BB_SECONDS_PER_HOUR; d <= 6 * BB_SECONDS_PER_HOUR; d += 1800)
            bad += bb_tz_offset_at(tz, ny + d, NULL) != -4 * BB_SECONDS_PER_HOUR;
        bad += bb_tz_offset_at(tz, ny + 180 * BB_SECONDS_PER_DAY, NULL) != -4 * BB_SECONDS_PER_HOUR;
    }
    CHECK_INT(bad, 0);
    const char *abbr = NULL;
    bb_tz_offset_at(tz, 1641801600, &abbr);
    CHECK_STR(abbr, "EDT");
    bb_civil c = {2023, 1, 1, 0, 30, 0};
    bb_instant e, l;
    CHECK_INT(bb_tz_from_civil(tz, &c, &e, &l), BB_LOCAL_UNIQUE);
    char buf[BB_ISO_BUF];
    bb_format_utc(e, buf, sizeof buf);
    CHECK_STR(buf, "2023-01-01T04:30:00Z");
    bb_tz_destroy(tz);
}

static void test_system(void)
{
    /* $TZ naming a zone, with and without the ':' prefix. */
    static const char *const specs[] = {"Europe/Vienna", ":Europe/Vienna"};
    for (size_t i = 0; i < 2; i++) {
        setenv("TZ", specs[i], 1);
        bb_tz *tz = bb_tz_load_system();
        CHECK(tz != NULL);
        if (tz)
            CHECK_STR(bb_tz_name(tz), "Europe/Vienna");
        bb_tz_destroy(tz);
    }
    /* $TZ as an absolute path: the zone is named by its place in zoneinfo
     * ("posix/" is only a copy of the main tree). */
    static const char *const paths[] = {"/usr/share/zoneinfo/Europe/Vienna",
                                        ":/usr/share/zoneinfo/posix/Europe/Vienna"};
    for (size_t i = 0; i < 2; i++) {
        if (i == 1 && access(paths[i] + 1, R_OK) != 0)
            continue; /* Debian after bookworm drops the posix/ copy */
        setenv("TZ", paths[i], 1);
        bb_tz *tz = bb_tz_load_system();
        CHECK(tz != NULL);
        if (tz) {
            CHECK_STR(bb_tz_name(tz), "Europe/Vienna");
            CHECK_INT(bb_tz_offset_at(tz, parse_utc("2022-07-01T00:00:00Z"), NULL), 7200);
        }
        bb_tz_destroy(tz);
    }
    /* Without $TZ: /etc/localtime, read the way glibc reads it. */
    unsetenv("TZ");
    tzset();
    bb_tz *tz = bb_tz_load_system();
    CHECK(tz != NULL);
    if (tz) {
        CHECK(strlen(bb_tz_name(tz)) > 0);
        int changes = 0;
        CHECK_INT(xcheck_zone(tz, bb_tz_name(tz), XCHECK_ZONES_FROM_S, &changes), 0);
    }
    bb_tz_destroy(tz);
    /* An unusable $TZ falls back to /etc/localtime, never to NULL. */
    setenv("TZ", "../../etc/passwd", 1);
    tz = bb_tz_load_system();
    CHECK(tz != NULL);
    bb_tz_destroy(tz);
}

/* A scratch $TZDIR holding one zone, "Test_Zone", rewritten per case. */
static char scratch_dir[] = "/tmp/bb_tz_test_XXXXXX";
static char scratch_path[600];
static char *saved_tzdir;
static unsigned char zurich[65536];
static size_t zurich_len;

static int scratch_open(void)
{
    const char *sys = getenv("TZDIR");
    char src[512];
    snprintf(src, sizeof src, "%s/Europe/Zurich", sys && *sys ? sys : "/usr/share/zoneinfo");
    FILE *f = fopen(src, "rb");
    if (!f || !mkdtemp(scratch_dir)) {
        if (f)
            fclose(f);
        return -1;
    }
    zurich_len = fread(zurich, 1, sizeof zurich, f);
    fclose(f);
    snprintf(scratch_path, sizeof scratch_path, "%s/Test_Zone", scratch_dir);
    saved_tzdir = sys ? strdup(sys) : NULL;
    setenv("TZDIR", scratch_dir, 1);
    return 0;
}

static void scratch_close(void)
{
    unlink(scratch_path);
    rmdir(scratch_dir);
    if (saved_tzdir)
        setenv("TZDIR", saved_tzdir, 1);
    else
        unsetenv("TZDIR");
    free(saved_tzdir);
}

static bb_tz *load_bytes(const unsigned char *bytes, size_t len)
{
    FILE *f = fopen(scratch_path, "wb");
    if (!f)
        return NULL;
    fwrite(bytes, 1, len, f);
    fclose(f);
    return bb_tz_load("Test_Zone");
}

static size_t put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24);
    p[1] = (unsigned char)(v >> 16);
    p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
    return 4;
}

/* One data block: `n` transitions alternating between type 1 ("BBB", utoff
 * b) and type 0 ("AAA", utoff a), starting with type 1. */
static size_t put_block(unsigned char *p, int time_size, const int64_t *times, size_t n,
                        int32_t a, int32_t b)
{
    size_t k = 0;
    memcpy(p, "TZif", 4);
    p[4] = '2';
    memset(p + 5, 0, 15);
    k = 20;
    const uint32_t counts[6] = {0, 0, 0, (uint32_t)n, 2, 8};
    for (int i = 0; i < 6; i++)
        k += put32(p + k, counts[i]);
    for (size_t i = 0; i < n; i++) {
        if (time_size == 8)
            k += put32(p + k, (uint32_t)((uint64_t)times[i] >> 32));
        k += put32(p + k, (uint32_t)times[i]);
    }
    for (size_t i = 0; i < n; i++)
        p[k++] = (unsigned char)(i % 2 == 0 ? 1 : 0);
    k += put32(p + k, (uint32_t)a);
    p[k++] = 0;
    p[k++] = 0;
    k += put32(p + k, (uint32_t)b);
    p[k++] = 1;
    p[k++] = 4;
    memcpy(p + k, "AAA\0BBB\0", 8);
    return k + 8;
}

/* A version 2 TZif file: the 32-bit block, the 64-bit block, the footer. */
static size_t build_tzif(unsigned char *p, const int64_t *times, size_t n, int32_t a, int32_t b,
                         const char *footer)
{
    size_t k = put_block(p, 4, times, n, a, b);
    k += put_block(p + k, 8, times, n, a, b);
    p[k++] = '\n';
    memcpy(p + k, footer, strlen(footer));
    k += strlen(footer);
    p[k++] = '\n';
    return k;
}

/* Every truncation and many byte flips of a real TZif file must be refused
 * or read without a crash (ASan watches). */
static void test_damage(void)
{
    bb_tz *tz = load_bytes(zurich, zurich_len);
    CHECK(tz != NULL);
    if (tz)
        CHECK_INT(bb_tz_offset_at(tz, parse_utc("2022-07-01T00:00:00Z"), NULL), 7200);
    bb_tz_destroy(tz);

    int accepted_truncations = 0;
    for (size_t cut = 0; cut < zurich_len; cut++) {
        tz = load_bytes(zurich, cut);
        accepted_truncations += tz != NULL;
        bb_tz_destroy(tz);
    }
    CHECK_INT(accepted_truncations, 0);

    unsigned char *copy = malloc(zurich_len);
    for (int round = 0; round < 2000; round++) {
        memcpy(copy, zurich, zurich_len);
        for (int k = 0; k < 4; k++)
            copy[rng_next() % zurich_len] ^= (unsigned char)(1u << (rng_next() % 8));
        tz = load_bytes(copy, zurich_len);
        if (tz) {
            bb_civil c = {2022, 10, 30, 2, 30, 0};
            bb_instant e, l;
            bb_tz_from_civil(tz, &c, &e, &l);
            bb_tz_offset_at(tz, (bb_instant)(rng_next() % 4000000000ULL), NULL);
        }
        bb_tz_destroy(tz);
    }
    free(copy);
}

/* Offsets and abbreviations of two zones agree at `n` random instants in [from, to). */
static int count_disagreements(const bb_tz *x, const bb_tz *y, bb_instant from, bb_instant to,
                               int n)
{
    int bad = 0;
    for (int i = 0; i < n; i++) {
        bb_instant t = from + (bb_instant)(rng_next() % (uint64_t)(to - from));
        const char *ax, *ay;
        bad += bb_tz_offset_at(x, t, &ax) != bb_tz_offset_at(y, t, &ay) || strcmp(ax, ay) != 0;
    }
    return bad;
}

/* Version 1 files (32-bit data only), versions 3 and 4, a file that is only
 * a footer rule (what zic -b slim writes for simple zones), and a file with
 * no footer rule. */
static void test_tzif_variants(void)
{
    bb_tz *real = load_bytes(zurich, zurich_len); /* Europe/Zurich */
    CHECK(real != NULL);
    if (!real)
        return;
    static unsigned char buf[65536];

    /* v1: the header and 32-bit block of the real file, version byte 0. */
    uint32_t c[6];
    for (int i = 0; i < 6; i++)
        c[i] = (uint32_t)zurich[20 + 4 * i] << 24 | (uint32_t)zurich[21 + 4 * i] << 16 |
               (uint32_t)zurich[22 + 4 * i] << 8 | zurich[23 + 4 * i];
    size_t v1_len = 44 + c[3] * 5 + c[4] * 6 + c[5] + c[2] * 8 + c[1] + c[0];
    memcpy(buf, zurich, v1_len);
    buf[4] = 0;
    bb_tz *tz = load_bytes(buf, v1_len);
    CHECK(tz != NULL);
    if (tz)
        CHECK_INT(count_disagreements(tz, real, 0, 2145916800 /* 2038 */, 5000), 0);
    bb_tz_destroy(tz);

    /* Versions 3 and 4 read the same. */
    for (char version = '3'; version <= '4'; version++) {
        memcpy(buf, zurich, zurich_len);
        buf[4] = (unsigned char)version;
        buf[v1_len + 4] = (unsigned char)version;
        tz = load_bytes(buf, zurich_len);
        CHECK(tz != NULL);
        if (tz)
            CHECK_INT(count_disagreements(tz, real, -2000000000, 5000000000LL, 5000), 0);
        bb_tz_destroy(tz);
    }

    /* No transitions at all: the footer rule holds for every instant. */
    const char *rule = "CET-1CEST,M3.5.0,M10.5.0/3";
    size_t len = build_tzif(buf, NULL, 0, 3600, 7200, rule);
    tz = load_bytes(buf, len);
    CHECK(tz != NULL);
    if (tz) {
        setenv("TZ", rule, 1);
        tzset();
        int changes = 0;
        CHECK_INT(xcheck_zone(tz, "slim", XCHECK_RULES_FROM_S, &changes), 0);
        CHECK(changes > 100);
        CHECK_INT(count_disagreements(tz, real, 1000000000, 5000000000LL, 5000), 0);
    }
    bb_tz_destroy(tz);

    /* Transitions and no footer rule: the last type holds afterwards. */
    static const int64_t times[] = {1000000000, 2000000000, 3000000000LL};
    len = build_tzif(buf, times, 3, -3600, 7200, "");
    /* 3000000000 does not fit the 32-bit block; this file is read from the
     * 64-bit one, so the wrapped value there must not matter. */
    tz = load_bytes(buf, len);
    CHECK(tz != NULL);
    if (tz) {
        const char *abbr = NULL;
        CHECK_INT(bb_tz_offset_at(tz, 999999999, &abbr), -3600);
        CHECK_STR(abbr, "AAA");
        CHECK_INT(bb_tz_offset_at(tz, 1000000000, &abbr), 7200);
        CHECK_STR(abbr, "BBB");
        CHECK_INT(bb_tz_offset_at(tz, 2000000000, NULL), -3600);
        CHECK_INT(bb_tz_offset_at(tz, 3000000000LL, &abbr), 7200);
        CHECK_INT(bb_tz_offset_at(tz, INT64_MAX, NULL), 7200);
        CHECK_INT(bb_tz_offset_at(tz, INT64_MIN, NULL), -3600);
        /* A 3 h jump forward at 1000000000 (2001-09-09T01:46:40Z). */
        bb_civil before = {2001, 9, 9, 0, 46, 39};
        bb_civil inside = {2001, 9, 9, 1, 0, 0};
        bb_civil after = {2001, 9, 9, 3, 46, 40};
        bb_instant e, l;
        CHECK_INT(bb_tz_from_civil(tz, &before, &e, &l), BB_LOCAL_UNIQUE);
        CHECK_INT(e, 999999999);
        CHECK_INT(bb_tz_from_civil(tz, &inside, &e, &l), BB_LOCAL_GAP);
        CHECK_INT(e, 1000000000 + 800); /* 01:00 read at -01:00 */
        CHECK_INT(bb_tz_from_civil(tz, &after, &e, &l), BB_LOCAL_UNIQUE);
        CHECK_INT(e, 1000000000);
    }
    bb_tz_destroy(tz);

    /* Out-of-range values in an otherwise well-formed file are refused. */
    len = build_tzif(buf, times, 3, -3600, 26 * 3600, "");
    tz = load_bytes(buf, len);
    CHECK(tz == NULL);
    bb_tz_destroy(tz);
    static const int64_t backwards[] = {2000000000, 1000000000};
    len = build_tzif(buf, backwards, 2, 0, 3600, "");
    tz = load_bytes(buf, len);
    CHECK(tz == NULL);
    bb_tz_destroy(tz);
    len = build_tzif(buf, NULL, 0, 0, 3600, "not a rule");
    tz = load_bytes(buf, len);
    CHECK(tz == NULL);
    bb_tz_destroy(tz);
    bb_tz_destroy(real);
}

int main(void)
{
    test_to_local();
    test_from_local();
    test_names();
    test_fixed();
    test_glibc_zones();
    test_all_zones();
    test_rule_parse();
    test_posix_specs();
    test_all_year_dst();
    test_system();
    CHECK_INT(scratch_open(), 0);
    test_damage();
    test_tzif_variants();
    scratch_close();
    return bb_test_finish("test_tz");
}
