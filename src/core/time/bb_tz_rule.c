/*
 * bb_tz_rule: POSIX TZ rule strings, parsed and evaluated.
 *
 * A rule names two changes a year; the span around an instant is found by
 * listing the changes of the years around it in order, which also covers
 * southern-hemisphere rules (DST across the new year), negative DST
 * (Europe/Dublin) and all-year DST ("EST5EDT,0/0,J365/25", RFC 8536 3.3.1).
 */
#include "bb_tz_rule.h"

#include <stdlib.h>
#include <string.h>

#define TZ_ABBR_MIN_CHARS 3           /* POSIX */
#define TZ_POSIX_OFFSET_HOURS_MAX 24  /* POSIX offsets: 0-24 h */
#define TZ_RULE_HOURS_MAX 167         /* RFC 8536 3.3.1: rule times -167..167 h */
#define TZ_NUM_MAX_DIGITS 3
#define TZ_DEFAULT_RULE_TIME_S (2 * BB_SECONDS_PER_HOUR)
/* Beyond about +-300,000 years the rule is not evaluated (its year
 * arithmetic would overflow); standard time is assumed there. */
#define TZ_RULE_LIMIT_S ((bb_instant)10000000000000LL)
/* Changes are listed for years Y-2..Y+1 around an instant: with rule times
 * of up to 167 h a change can spill a week into a neighbouring year. */
#define TZ_RULE_YEARS 4

typedef struct tz_change {
    bb_instant at;
    bool to_dst;
} tz_change;

static int parse_abbr(const char **p, char *out);
static int parse_hms(const char **p, int max_hours, int32_t *out);
static int parse_num(const char **p, int lo, int hi, int *out);
static int parse_date(const char **p, bb_tz_date *date);
static int compare_changes(const void *a, const void *b);
static bb_instant rule_instant(int year, const bb_tz_date *date, int32_t offset_before);

/* POSIX TZ: std offset [dst [offset] [,start[/time],end[/time]]] */
int bb_tz_rule_parse(const char *s, bb_tz_rule *rule)
{
    bb_tz_rule r;
    memset(&r, 0, sizeof r);
    const char *p = s;
    int32_t west;
    if (parse_abbr(&p, r.std_abbr) != 0 || parse_hms(&p, TZ_POSIX_OFFSET_HOURS_MAX, &west) != 0)
        return -1;
    r.std_off = -west;
    r.dst_off = r.std_off + BB_SECONDS_PER_HOUR;
    if (*p) {
        if (parse_abbr(&p, r.dst_abbr) != 0)
            return -1;
        r.has_dst = true;
        if (*p && *p != ',') {
            if (parse_hms(&p, TZ_POSIX_OFFSET_HOURS_MAX, &west) != 0)
                return -1;
            r.dst_off = -west;
        }
        /* No rule given: POSIX leaves it to the implementation; glibc uses
         * the US rules, and so do we, so both read such a TZ alike. */
        const char *rules = *p ? p : ",M3.2.0,M11.1.0";
        if (*rules++ != ',' || parse_date(&rules, &r.start) != 0 || *rules++ != ',' ||
            parse_date(&rules, &r.end) != 0 || *rules)
            return -1;
        p = rules;
    }
    if (*p)
        return -1;
    *rule = r;
    return 0;
}

void bb_tz_rule_span(const bb_tz_rule *rule, bb_instant t, bb_tz_span *out)
{
    out->offset = rule->std_off;
    out->abbr = rule->std_abbr;
    out->begin = INT64_MIN;
    out->end = INT64_MAX;
    if (!rule->has_dst)
        return;
    if (t >= TZ_RULE_LIMIT_S) {
        out->begin = TZ_RULE_LIMIT_S;
        return;
    }
    if (t < -TZ_RULE_LIMIT_S) {
        out->end = -TZ_RULE_LIMIT_S;
        return;
    }
    bb_civil c;
    bb_instant_to_civil(t, rule->std_off, &c);
    tz_change ch[2 * TZ_RULE_YEARS];
    int n = 0;
    for (int y = c.year - 2; y < c.year - 2 + TZ_RULE_YEARS; y++) {
        ch[n++] = (tz_change){rule_instant(y, &rule->start, rule->std_off), true};
        ch[n++] = (tz_change){rule_instant(y, &rule->end, rule->dst_off), false};
    }
    qsort(ch, (size_t)n, sizeof ch[0], compare_changes);
    int k = -1;
    while (k + 1 < n && ch[k + 1].at <= t)
        k++;
    bool dst = k >= 0 ? ch[k].to_dst : !ch[0].to_dst;
    out->begin = k >= 0 ? ch[k].at : -TZ_RULE_LIMIT_S;
    out->end = k + 1 < n ? ch[k + 1].at : TZ_RULE_LIMIT_S;
    if (dst) {
        out->offset = rule->dst_off;
        out->abbr = rule->dst_abbr;
    }
}

static int parse_abbr(const char **p, char *out)
{
    const char *s = *p;
    size_t n = 0;
    if (*s == '<') {
        for (s++; *s && *s != '>'; s++, n++) {
            bool ok = (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
                      (*s >= '0' && *s <= '9') || *s == '+' || *s == '-';
            if (!ok || n + 1 >= BB_TZ_ABBR_MAX)
                return -1;
            out[n] = *s;
        }
        if (*s != '>')
            return -1;
        s++;
    } else {
        for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++, n++) {
            if (n + 1 >= BB_TZ_ABBR_MAX)
                return -1;
            out[n] = *s;
        }
    }
    if (n < TZ_ABBR_MIN_CHARS)
        return -1;
    out[n] = '\0';
    *p = s;
    return 0;
}

/* [+-]hh[:mm[:ss]] in seconds, the sign kept as written. */
static int parse_hms(const char **p, int max_hours, int32_t *out)
{
    const char *s = *p;
    int sign = 1, h, m = 0, sec = 0;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    if (parse_num(&s, 0, max_hours, &h) != 0)
        return -1;
    if (*s == ':') {
        s++;
        if (parse_num(&s, 0, 59, &m) != 0)
            return -1;
        if (*s == ':') {
            s++;
            if (parse_num(&s, 0, 59, &sec) != 0)
                return -1;
        }
    }
    *out = sign * (h * BB_SECONDS_PER_HOUR + m * BB_SECONDS_PER_MINUTE + sec);
    *p = s;
    return 0;
}

static int parse_num(const char **p, int lo, int hi, int *out)
{
    const char *s = *p;
    int v = 0, digits = 0;
    for (; *s >= '0' && *s <= '9'; s++, digits++) {
        if (digits >= TZ_NUM_MAX_DIGITS)
            return -1;
        v = v * 10 + (*s - '0');
    }
    if (digits == 0 || v < lo || v > hi)
        return -1;
    *out = v;
    *p = s;
    return 0;
}

static int parse_date(const char **p, bb_tz_date *date)
{
    bb_tz_date d;
    memset(&d, 0, sizeof d);
    const char *s = *p;
    if (*s == 'J') {
        s++;
        d.kind = 'J';
        if (parse_num(&s, 1, 365, &d.num) != 0)
            return -1;
    } else if (*s == 'M') {
        s++;
        d.kind = 'M';
        if (parse_num(&s, 1, 12, &d.month) != 0 || *s++ != '.' ||
            parse_num(&s, 1, 5, &d.week) != 0 || *s++ != '.' || parse_num(&s, 0, 6, &d.wday) != 0)
            return -1;
    } else {
        d.kind = 'n';
        if (parse_num(&s, 0, 365, &d.num) != 0)
            return -1;
    }
    d.time_s = TZ_DEFAULT_RULE_TIME_S;
    if (*s == '/') {
        s++;
        if (parse_hms(&s, TZ_RULE_HOURS_MAX, &d.time_s) != 0)
            return -1;
    }
    *date = d;
    *p = s;
    return 0;
}

static int compare_changes(const void *a, const void *b)
{
    const tz_change *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    /* Equal instants (all-year DST, "0/0,J365/25"): the change into DST
     * sorts last so it wins. */
    return (int)x->to_dst - (int)y->to_dst;
}

/* The instant a rule date's change happens in `year`, its time being local
 * time on the clock in force before the change. */
static bb_instant rule_instant(int year, const bb_tz_date *date, int32_t offset_before)
{
    int64_t day;
    if (date->kind == 'J') {
        /* Julian 1-365: February 29 is never counted. */
        day = bb_days_from_civil(year, 1, 1) + date->num - 1;
        if (date->num >= 60 && bb_days_in_month(year, 2) == 29)
            day++;
    } else if (date->kind == 'n') {
        day = bb_days_from_civil(year, 1, 1) + date->num;
    } else {
        int64_t first = bb_days_from_civil(year, date->month, 1);
        int delta = (date->wday - bb_weekday_from_days(first) + 7) % 7;
        day = first + delta + (int64_t)(date->week - 1) * 7;
        int64_t month_end = first + bb_days_in_month(year, date->month);
        while (day >= month_end) /* week 5 means "the last" */
            day -= 7;
    }
    return day * BB_SECONDS_PER_DAY + date->time_s - offset_before;
}
