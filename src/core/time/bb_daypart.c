/*
 * bb_daypart: weekly windows in a zone (see bb_daypart.h).
 *
 * A window is turned into instants day by day: the local opening reading on
 * each listed day and the closing reading (same or next day) each go through
 * the zone, so DST changes inside a window come out right without special
 * cases.  Only the days around t can hold t: the one before (overnight
 * windows) and t's own day.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "bb_daypart.h"

#define SEARCH_DAYS 8         /* a weekly pattern repeats within this */
#define MAX_EDGES (2 * BB_DAYPART_MAX_WINDOWS * (SEARCH_DAYS + 2))

static int64_t local_day(const bb_tz *tz, bb_instant t);
static bb_instant local_instant(const bb_tz *tz, int64_t day, int minutes);
static bool window_span(const bb_daypart *w, const bb_tz *tz, int64_t day, bb_instant *open,
                        bb_instant *close);
static unsigned day_bit_of(int64_t day);

static const char *const day_words[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const day_long[7] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};

bool bb_daypart_inside(const bb_daypart *w, int n, const bb_tz *tz, bb_instant t)
{
    if (!w || n <= 0 || !tz)
        return false;
    int64_t today = local_day(tz, t);
    for (int i = 0; i < n; i++)
        for (int64_t d = today - 1; d <= today; d++) {
            bb_instant open, close;
            if (window_span(&w[i], tz, d, &open, &close) && open <= t && t < close)
                return true;
        }
    return false;
}

bb_instant bb_daypart_next_change(const bb_daypart *w, int n, const bb_tz *tz, bb_instant t)
{
    bb_instant fallback = t + BB_SECONDS_PER_DAY;
    if (!w || n <= 0 || !tz)
        return fallback;
    if (n > BB_DAYPART_MAX_WINDOWS)
        n = BB_DAYPART_MAX_WINDOWS;
    /* Every edge after t, then the earliest where the answer flips: windows
     * may overlap or abut, so an edge alone is not a change. */
    bb_instant edges[MAX_EDGES];
    int n_edges = 0;
    int64_t today = local_day(tz, t);
    for (int i = 0; i < n; i++)
        for (int64_t d = today - 1; d <= today + SEARCH_DAYS; d++) {
            bb_instant open, close;
            if (!window_span(&w[i], tz, d, &open, &close))
                continue;
            if (open > t)
                edges[n_edges++] = open;
            if (close > t)
                edges[n_edges++] = close;
        }
    bool inside = bb_daypart_inside(w, n, tz, t);
    bb_instant best = fallback;
    bool found = false;
    for (int i = 0; i < n_edges; i++) {
        if (found && edges[i] >= best)
            continue;
        if (bb_daypart_inside(w, n, tz, edges[i]) != inside) {
            best = edges[i];
            found = true;
        }
    }
    return best;
}

int bb_daypart_parse_hhmm(const char *text, bool allow_24, int *minutes)
{
    if (!text || strlen(text) != 5 || text[2] != ':')
        return -1;
    for (int i = 0; i < 5; i++)
        if (i != 2 && !isdigit((unsigned char)text[i]))
            return -1;
    int h = (text[0] - '0') * 10 + (text[1] - '0');
    int m = (text[3] - '0') * 10 + (text[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_24)))
        return -1;
    *minutes = h * 60 + m;
    return 0;
}

unsigned bb_daypart_day_bit(const char *word)
{
    if (!word)
        return 0;
    for (int i = 0; i < 7; i++)
        if (strcasecmp(word, day_words[i]) == 0 || strcasecmp(word, day_long[i]) == 0)
            return 1u << i;
    return 0;
}

/* --- static functions --- */

/* Days since the epoch of t's local date in tz. */
static int64_t local_day(const bb_tz *tz, bb_instant t)
{
    bb_civil c;
    bb_tz_to_civil(tz, t, &c);
    return bb_days_from_civil(c.year, c.month, c.day);
}

/* The instant of local reading day + minutes.  In a gap the reading taken
 * with the offset before the gap is exactly the instant the gap starts plus
 * how far into it the reading lies; the window really opens when the clocks
 * show a time at or after it, which is the end of the gap. */
static bb_instant local_instant(const bb_tz *tz, int64_t day, int minutes)
{
    bb_civil c;
    bb_civil_from_days(day + minutes / BB_DAYPART_MINUTES_PER_DAY, &c);
    c.hour = (minutes % BB_DAYPART_MINUTES_PER_DAY) / 60;
    c.minute = minutes % 60;
    bb_instant earlier, later;
    if (bb_tz_from_civil(tz, &c, &earlier, &later) != BB_LOCAL_GAP)
        return earlier;
    /* The gap begins where the offset flips, within (after - before)
     * seconds before `earlier` (c read with the offset before the gap). */
    int before = bb_tz_offset_at(tz, earlier - BB_SECONDS_PER_DAY / 2, NULL);
    int after = bb_tz_offset_at(tz, earlier + BB_SECONDS_PER_DAY / 2, NULL);
    bb_instant lo = earlier - (after > before ? after - before : 0), hi = earlier;
    while (lo < hi) {
        bb_instant mid = lo + (hi - lo) / 2;
        if (bb_tz_offset_at(tz, mid, NULL) == after)
            hi = mid;
        else
            lo = mid + 1;
    }
    return hi;
}

/* The instants window w opens and closes when opened on local `day`; false
 * when w does not open that day. */
static bool window_span(const bb_daypart *w, const bb_tz *tz, int64_t day, bb_instant *open,
                        bb_instant *close)
{
    if (!(w->days & day_bit_of(day)))
        return false;
    int until = w->until_min <= w->from_min ? w->until_min + BB_DAYPART_MINUTES_PER_DAY
                                            : w->until_min;
    *open = local_instant(tz, day, w->from_min);
    *close = local_instant(tz, day, until);
    return *close > *open;
}

static unsigned day_bit_of(int64_t day)
{
    int wd = bb_weekday_from_days(day); /* 0 = Sunday */
    return 1u << ((wd + 6) % 7);
}
