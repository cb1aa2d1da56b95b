/*
 * bb_tz_rule: POSIX TZ rule strings ("CET-1CEST,M3.5.0,M10.5.0/3"), with the
 * extensions of RFC 8536 section 3.3.1 (rule times from -167 to 167 hours).
 * Private to bb_tz: a TZif footer, or a $TZ that is a rule, not a zone name.
 */
#ifndef BB_TZ_RULE_H
#define BB_TZ_RULE_H

#include <stdbool.h>
#include <stdint.h>

#include "bb_time.h"

#define BB_TZ_ABBR_MAX 16 /* bytes with NUL; tzdb's are 3-6 */

/* One end of the DST period: "Jn", "n" or "Mm.w.d", then "/time". */
typedef struct bb_tz_date {
    char kind;       /* 'J' (num 1-365, Feb 29 never counted), 'n' (num 0-365), 'M' */
    int num;
    int month, week, wday; /* M: month 1-12, week 1-5 (5 = last), wday 0 = Sunday */
    int32_t time_s;  /* local time of the change, seconds; may be < 0 or > 24 h */
} bb_tz_date;

typedef struct bb_tz_rule {
    bool has_dst;
    int32_t std_off, dst_off; /* seconds east of UTC (POSIX writes them west) */
    char std_abbr[BB_TZ_ABBR_MAX], dst_abbr[BB_TZ_ABBR_MAX];
    bb_tz_date start, end;    /* start: into DST; end: back to standard time */
} bb_tz_rule;

/* An interval [begin, end) of instants with one offset; INT64_MIN/INT64_MAX
 * when unbounded.  abbr is borrowed from whatever the span was read from. */
typedef struct bb_tz_span {
    bb_instant begin, end;
    int32_t offset;
    const char *abbr;
} bb_tz_span;

/* Parse a whole rule string into *out.  Returns 0, or -1 when it is not a
 * valid rule (then *out is untouched).  A DST name without a rule gets the US
 * rule "M3.2.0,M11.1.0", as glibc does. */
int bb_tz_rule_parse(const char *text, bb_tz_rule *out);

/* The span of the rule that contains instant t (abbr borrowed from rule).
 * Beyond about +-300,000 years standard time is assumed. */
void bb_tz_rule_span(const bb_tz_rule *rule, bb_instant t, bb_tz_span *out);

#endif
