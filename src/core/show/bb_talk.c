/*
 * bb_talk: what a talk is doing at a given instant, and how to say it.
 *
 * Boundaries, all on whole seconds (an instant has no fraction):
 *   now <  start - imminent_s      scheduled
 *   start - imminent_s <= now < start   imminent  (1 s before: "00:00:01")
 *   start <= now < end             live      (at start: "LIVE · just started")
 *   end <= now                     ended
 * The display floors the wall clock to the second before calling us, so
 * start - now is the remaining time rounded *up*: the digits read 00:00:01
 * during the last second and LIVE from the start on; "00:00:00" never shows.
 */
#include "bb_talk.h"

#include <stdio.h>
#include <string.h>

#include "bb_i18n.h"

#define LIVE_JUST_STARTED_S 60  /* under a minute live: "just started" */

static const char *const state_names[] = {
    [BB_STATE_SCHEDULED] = "scheduled", [BB_STATE_IMMINENT] = "imminent",
    [BB_STATE_LIVE] = "live",           [BB_STATE_ENDED] = "ended",
    [BB_STATE_EXPECTED] = "expected",   [BB_STATE_TBA] = "tba",
    [BB_STATE_POSTPONED] = "postponed", [BB_STATE_CANCELLED] = "cancelled",
    [BB_STATE_UNSYNCED] = "unsynced",
};

static void format_expected(const bb_talk *talk, bb_instant now, const char *lang, char *buf,
                            size_t len);
static void format_untimed(const bb_talk *talk, bb_talk_state state, bb_instant now, bool agenda,
                           const char *lang, char *buf, size_t len);
static void format_digits(int64_t seconds, const char *lang, bool labelled, char *buf, size_t len);
static void format_live(int64_t since_start, const char *lang, char *buf, size_t len);
static void format_relative_future(int64_t seconds, const char *lang, char *buf, size_t len);
static void unit(const char *lang, const char *msgid, long long n, bool two_digits, char *buf,
                 size_t len);
static void join2(const char *lang, const char *a, const char *b, char *buf, size_t len);
static void tr1(const char *lang, const char *msgid, const char *arg, char *buf, size_t len);
static int agenda_rank(const bb_talk *talk);
static int agenda_before(const bb_talk *a, const bb_talk *b);

bb_talk_state bb_talk_state_at(const bb_talk *talk, const bb_timing_settings *timing,
                               bb_instant now, bool clock_synced)
{
    if (talk->status == BB_STATUS_CANCELLED)
        return BB_STATE_CANCELLED;
    if (talk->status == BB_STATUS_POSTPONED)
        return BB_STATE_POSTPONED;
    /* An undated talk reads the same whatever the clock says. */
    if (!talk->has_start)
        return talk->has_expected_by ? BB_STATE_EXPECTED : BB_STATE_TBA;
    if (!clock_synced)
        return BB_STATE_UNSYNCED;
    if (now >= talk->end)
        return BB_STATE_ENDED;
    if (now >= talk->start)
        return BB_STATE_LIVE;
    if (talk->start - now <= (int64_t)timing->imminent_s)
        return BB_STATE_IMMINENT;
    return BB_STATE_SCHEDULED;
}

const char *bb_talk_state_name(bb_talk_state state)
{
    if ((unsigned)state >= sizeof state_names / sizeof state_names[0])
        return "unknown";
    return state_names[state];
}

void bb_talk_countdown(const bb_talk *talk, const bb_timing_settings *timing,
                       bb_instant now, bool clock_synced, bb_countdown *out)
{
    bb_talk_countdown_lang(talk, timing, now, clock_synced, NULL, false, out);
}

void bb_talk_countdown_lang(const bb_talk *talk, const bb_timing_settings *timing,
                            bb_instant now, bool clock_synced, const char *lang, bool labelled,
                            bb_countdown *out)
{
    out->state = bb_talk_state_at(talk, timing, now, clock_synced);
    out->seconds = 0;
    switch (out->state) {
    case BB_STATE_SCHEDULED:
    case BB_STATE_IMMINENT:
        out->seconds = talk->start - now;
        format_digits(out->seconds, lang, labelled, out->text, sizeof out->text);
        break;
    case BB_STATE_LIVE:
        out->seconds = now - talk->start;
        format_live(out->seconds, lang, out->text, sizeof out->text);
        break;
    default:
        if (out->state == BB_STATE_ENDED)
            out->seconds = now - talk->end;
        format_untimed(talk, out->state, now, false, lang, out->text, sizeof out->text);
        break;
    }
}

void bb_talk_relative(const bb_talk *talk, const bb_timing_settings *timing,
                      bb_instant now, bool clock_synced, char *buf, size_t len)
{
    bb_talk_relative_lang(talk, timing, now, clock_synced, NULL, buf, len);
}

void bb_talk_relative_lang(const bb_talk *talk, const bb_timing_settings *timing,
                           bb_instant now, bool clock_synced, const char *lang, char *buf,
                           size_t len)
{
    bb_talk_state state = bb_talk_state_at(talk, timing, now, clock_synced);
    if (state == BB_STATE_SCHEDULED || state == BB_STATE_IMMINENT)
        format_relative_future(talk->start - now, lang, buf, len);
    else if (state == BB_STATE_LIVE)
        snprintf(buf, len, "%s", bb_tr(lang, "LIVE"));
    else
        format_untimed(talk, state, now, true, lang, buf, len);
}

int bb_talk_next(const bb_talk *talks, int n, const bb_timing_settings *timing,
                 bb_instant now)
{
    int live = -1;
    for (int i = 0; i < n; i++) {
        /* The caller asks only when the clock can be trusted. */
        if (bb_talk_state_at(&talks[i], timing, now, true) == BB_STATE_LIVE &&
            (live < 0 || talks[i].start < talks[live].start))
            live = i;
    }
    return live >= 0 ? live : bb_talk_upcoming(talks, n, timing, now);
}

int bb_talk_upcoming(const bb_talk *talks, int n, const bb_timing_settings *timing,
                     bb_instant now)
{
    int upcoming = -1;
    for (int i = 0; i < n; i++) {
        bb_talk_state s = bb_talk_state_at(&talks[i], timing, now, true);
        if ((s == BB_STATE_SCHEDULED || s == BB_STATE_IMMINENT) &&
            (upcoming < 0 || talks[i].start < talks[upcoming].start))
            upcoming = i;
    }
    return upcoming;
}

bool bb_talk_in_agenda(const bb_talk *talk, const bb_timing_settings *timing, bb_instant now)
{
    /* Judged on time alone, whatever the status: a talk cancelled last year
     * must drop off too.  It stays for [end, end + grace). */
    if (!talk->has_start)
        return true;
    return now < talk->end + (int64_t)timing->agenda_grace_s;
}

int bb_talk_agenda_order(const bb_talk *talks, int n, const bb_timing_settings *timing,
                         bb_instant now, int *order)
{
    int count = 0;
    for (int i = 0; i < n; i++) {
        if (!bb_talk_in_agenda(&talks[i], timing, now))
            continue;
        /* Insertion sort: a handful of talks, and it keeps the configured
         * order among equal keys. */
        int j = count++;
        while (j > 0 && agenda_before(&talks[i], &talks[order[j - 1]])) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = i;
    }
    return count;
}

/*
 * "expected by Sat 8 Mar": the last day of the window, in the venue's zone.
 * The year is added when it is not the current one ("expected by Sat 8 Mar
 * 2025" seen in 2022 or 2026): without it a reader takes this year's March.
 * With no language (--print-schedule) the words are fixed English; with one
 * (the screen) the date is CLDR's, through bb_i18n.
 */
static void format_expected(const bb_talk *talk, bb_instant now, const char *lang, char *buf,
                            size_t len)
{
    const bb_civil *d = &talk->expected_by;
    bb_civil today;
    int64_t days = bb_days_from_civil(d->year, d->month, d->day);
    if (talk->tz)
        bb_tz_to_civil(talk->tz, now, &today);
    else
        bb_instant_to_civil(now, 0, &today);
    char date[64];
    if (lang) {
        bb_fmt_date(lang, d, today.year != d->year ? BB_DATE_LONG : BB_DATE_SHORT, date,
                    sizeof date);
    } else {
        int n = snprintf(date, sizeof date, "%s %d %s",
                         bb_weekday_abbr(bb_weekday_from_days(days)), d->day,
                         bb_month_abbr(d->month));
        if (today.year != d->year && n > 0 && (size_t)n < sizeof date)
            snprintf(date + n, sizeof date - (size_t)n, " %d", d->year);
    }
    tr1(lang, "expected by %s", date, buf, len);
}

/* The states whose text needs no arithmetic; the agenda's TBA is short. */
static void format_untimed(const bb_talk *talk, bb_talk_state state, bb_instant now, bool agenda,
                           const char *lang, char *buf, size_t len)
{
    const char *word;
    switch (state) {
    case BB_STATE_EXPECTED:
        format_expected(talk, now, lang, buf, len);
        return;
    case BB_STATE_TBA: word = agenda ? "TBA" : "date to be announced"; break;
    case BB_STATE_UNSYNCED: word = "waiting for time sync"; break;
    case BB_STATE_ENDED: word = "ended"; break;
    case BB_STATE_POSTPONED: word = "postponed"; break;
    case BB_STATE_CANCELLED: word = "cancelled"; break;
    default: word = bb_talk_state_name(state); break;
    }
    snprintf(buf, len, "%s", bb_tr(lang, word));
}

/* "in 2 d 03:14:05", or "03:14:05" under a day.  Under a "STARTS IN" label
 * (labelled) the "in" would say it twice: "2 d 03:14:05". */
static void format_digits(int64_t seconds, const char *lang, bool labelled, char *buf, size_t len)
{
    int64_t days = seconds / BB_SECONDS_PER_DAY;
    int rest = (int)(seconds % BB_SECONDS_PER_DAY);
    int h = rest / BB_SECONDS_PER_HOUR;
    int m = rest % BB_SECONDS_PER_HOUR / BB_SECONDS_PER_MINUTE;
    int s = rest % BB_SECONDS_PER_MINUTE;
    char hms[32];
    snprintf(hms, sizeof hms, "%02d:%02d:%02d", h, m, s);
    if (days <= 0) {
        snprintf(buf, len, "%s", hms);
        return;
    }
    char d[48], both[96];
    unit(lang, "%s d", days, false, d, sizeof d);
    join2(lang, d, hms, both, sizeof both);
    if (labelled)
        snprintf(buf, len, "%s", both);
    else
        tr1(lang, "in %s", both, buf, len);
}

/* "LIVE · started 12 min ago"; minutes are whole minutes elapsed (floor). */
static void format_live(int64_t since, const char *lang, char *buf, size_t len)
{
    long long minutes = since / BB_SECONDS_PER_MINUTE;
    char a[48], b[48], span[96];
    if (since < LIVE_JUST_STARTED_S) {
        snprintf(buf, len, "%s", bb_tr(lang, "LIVE \u00b7 just started"));
        return;
    }
    if (since < BB_SECONDS_PER_HOUR) {
        unit(lang, "%s min", minutes, false, span, sizeof span);
    } else if (since < BB_SECONDS_PER_DAY) {
        unit(lang, "%s h", minutes / 60, false, a, sizeof a);
        unit(lang, "%s min", minutes % 60, true, b, sizeof b);
        join2(lang, a, b, span, sizeof span);
    } else { /* a multi-day event: minutes no longer matter */
        unit(lang, "%s d", since / BB_SECONDS_PER_DAY, false, a, sizeof a);
        unit(lang, "%s h", since % BB_SECONDS_PER_DAY / BB_SECONDS_PER_HOUR, false, b, sizeof b);
        join2(lang, a, b, span, sizeof span);
    }
    tr1(lang, "LIVE \u00b7 started %s ago", span, buf, len);
}

/*
 * Agenda rows, always rounded down like the countdown digits so the two
 * never disagree on one screen ("00:04:59" next to "starts in 4 min"):
 *   a day or more    "in 2 d 3 h" ("in 2 d" on the whole day)
 *   an hour or more  "in 5 h 12 min" ("in 5 h 03 min")
 *   a minute or more "starts in 4 min"
 *   less             "starts in under a minute"
 */
static void format_relative_future(int64_t seconds, const char *lang, char *buf, size_t len)
{
    long long days = seconds / BB_SECONDS_PER_DAY;
    long long hours = seconds % BB_SECONDS_PER_DAY / BB_SECONDS_PER_HOUR;
    long long minutes = seconds % BB_SECONDS_PER_HOUR / BB_SECONDS_PER_MINUTE;
    char a[48], b[48], span[96];
    if (days > 0 && hours > 0) {
        unit(lang, "%s d", days, false, a, sizeof a);
        unit(lang, "%s h", hours, false, b, sizeof b);
        join2(lang, a, b, span, sizeof span);
    } else if (days > 0) {
        unit(lang, "%s d", days, false, span, sizeof span);
    } else if (hours > 0) {
        unit(lang, "%s h", hours, false, a, sizeof a);
        unit(lang, "%s min", minutes, true, b, sizeof b);
        join2(lang, a, b, span, sizeof span);
    } else if (minutes > 0) {
        unit(lang, "%s min", minutes, false, span, sizeof span);
        tr1(lang, "starts in %s", span, buf, len);
        return;
    } else {
        snprintf(buf, len, "%s", bb_tr(lang, "starts in under a minute"));
        return;
    }
    tr1(lang, "in %s", span, buf, len);
}

/* One amount with its unit's abbreviation, "12 min", "2 d", "2 T", "2天". */
static void unit(const char *lang, const char *msgid, long long n, bool two_digits, char *buf,
                 size_t len)
{
    char num[24];
    snprintf(num, sizeof num, two_digits ? "%02lld" : "%lld", n);
    tr1(lang, msgid, num, buf, len);
}

/* Two amounts, "2 d 3 h"; languages that write no space between them
 * ("2天3小时") translate "%s %s". */
static void join2(const char *lang, const char *a, const char *b, char *buf, size_t len)
{
    const char *args[] = { a, b };
    bb_trf(buf, len, lang, "%s %s", args, 2);
}

static void tr1(const char *lang, const char *msgid, const char *arg, char *buf, size_t len)
{
    bb_trf(buf, len, lang, msgid, &arg, 1);
}

/* 0: dated, 1: expected by a date, 2: to be announced. */
static int agenda_rank(const bb_talk *talk)
{
    if (talk->has_start)
        return 0;
    return talk->has_expected_by ? 1 : 2;
}

static int agenda_before(const bb_talk *a, const bb_talk *b)
{
    int ra = agenda_rank(a), rb = agenda_rank(b);
    if (ra != rb)
        return ra < rb;
    if (ra == 0)
        return a->start < b->start;
    if (ra == 1)
        return bb_days_from_civil(a->expected_by.year, a->expected_by.month, a->expected_by.day) <
               bb_days_from_civil(b->expected_by.year, b->expected_by.month, b->expected_by.day);
    return 0;
}
