/*
 * test_talk: talk states, countdown texts and agenda texts at fixed instants,
 * with every boundary (imminent threshold, start-1 s, start, end-1 s, end)
 * checked to the second.  Talks are built by hand: no config file needed.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bb_talk.h"
#include "bb_test.h"

#define MIDDOT "\xc2\xb7"
#define MIN 60
#define HOUR 3600
#define DAY 86400

static const bb_timing_settings timing = {.imminent_s = 300, .agenda_grace_s = 900};

/* 2022-01-10T08:00:00Z, the Geneva dialogue's start in the sample. */
static bb_instant t0(void)
{
    bb_civil c = {2022, 1, 10, 8, 0, 0};
    return bb_civil_to_instant(&c, 0);
}

static bb_talk dated(const char *id, bb_instant start, int64_t length_s)
{
    bb_talk t;
    memset(&t, 0, sizeof t);
    t.id = (char *)(uintptr_t)id;
    t.has_start = true;
    t.start = start;
    t.end = start + length_s;
    return t;
}

static bb_talk expected(const char *id, int y, int m, int d)
{
    bb_talk t;
    memset(&t, 0, sizeof t);
    t.id = (char *)(uintptr_t)id;
    t.has_expected_by = true;
    t.expected_by = (bb_civil){y, m, d, 0, 0, 0};
    return t;
}

/* The countdown text at now, clock synchronized. */
static const char *cd_text(const bb_talk *t, bb_instant now, bb_countdown *cd)
{
    bb_talk_countdown(t, &timing, now, true, cd);
    return cd->text;
}

static const char *rel_text(const bb_talk *t, bb_instant now, char *buf)
{
    bb_talk_relative(t, &timing, now, true, buf, BB_COUNTDOWN_BUF);
    return buf;
}

static void test_scheduled_texts(void)
{
    bb_instant T = t0();
    bb_talk t = dated("geneva", T, 90 * MIN);
    bb_countdown cd;

    CHECK_STR(cd_text(&t, T - (2 * DAY + 3 * HOUR + 14 * MIN + 5), &cd), "in 2 d 03:14:05");
    CHECK_INT(cd.state, BB_STATE_SCHEDULED);
    CHECK_INT(cd.seconds, 2 * DAY + 3 * HOUR + 14 * MIN + 5);
    CHECK_STR(cd_text(&t, T - (DAY + 5), &cd), "in 1 d 00:00:05");
    /* The day boundary: a whole day still reads as a day, a second less as digits. */
    CHECK_STR(cd_text(&t, T - DAY, &cd), "in 1 d 00:00:00");
    CHECK_STR(cd_text(&t, T - (DAY - 1), &cd), "23:59:59");
    CHECK_STR(cd_text(&t, T - (3 * HOUR + 14 * MIN + 5), &cd), "03:14:05");
    CHECK_STR(cd_text(&t, T - (14 * DAY), &cd), "in 14 d 00:00:00");
    CHECK_INT(cd.state, BB_STATE_SCHEDULED);
}

static void test_boundaries(void)
{
    bb_instant T = t0();
    bb_talk t = dated("geneva", T, 90 * MIN);
    bb_countdown cd;

    /* The imminent threshold: exactly imminent_s before the start is imminent. */
    CHECK_STR(cd_text(&t, T - 301, &cd), "00:05:01");
    CHECK_INT(cd.state, BB_STATE_SCHEDULED);
    CHECK_STR(cd_text(&t, T - 300, &cd), "00:05:00");
    CHECK_INT(cd.state, BB_STATE_IMMINENT);
    CHECK_STR(cd_text(&t, T - 299, &cd), "00:04:59");
    CHECK_INT(cd.state, BB_STATE_IMMINENT);
    /* The last second reads 00:00:01, the start itself is live. */
    CHECK_STR(cd_text(&t, T - 1, &cd), "00:00:01");
    CHECK_INT(cd.state, BB_STATE_IMMINENT);
    CHECK_INT(cd.seconds, 1);
    CHECK_STR(cd_text(&t, T, &cd), "LIVE " MIDDOT " just started");
    CHECK_INT(cd.state, BB_STATE_LIVE);
    CHECK_INT(cd.seconds, 0);
    /* Live until the second before the end. */
    CHECK_STR(cd_text(&t, T + 90 * MIN - 1, &cd), "LIVE " MIDDOT " started 1 h 29 min ago");
    CHECK_INT(cd.state, BB_STATE_LIVE);
    CHECK_STR(cd_text(&t, T + 90 * MIN, &cd), "ended");
    CHECK_INT(cd.state, BB_STATE_ENDED);
    CHECK_INT(cd.seconds, 0);
    CHECK_STR(cd_text(&t, T + 90 * MIN + 42, &cd), "ended");
    CHECK_INT(cd.seconds, 42);

    /* Every second of the last two hours: never 00:00:00, never back in time. */
    int bad = 0, prev_state = BB_STATE_SCHEDULED;
    for (bb_instant now = T - 2 * HOUR; now <= T + 90 * MIN; now++) {
        cd_text(&t, now, &cd);
        if (strcmp(cd.text, "00:00:00") == 0 || (int)cd.state < prev_state)
            bad++;
        if (now < T && cd.seconds != T - now)
            bad++;
        prev_state = (int)cd.state;
    }
    CHECK_INT(bad, 0);

    /* No imminent phase at all when imminent_s is 0. */
    bb_timing_settings none = {.imminent_s = 0, .agenda_grace_s = 0};
    CHECK_INT(bb_talk_state_at(&t, &none, T - 1, true), BB_STATE_SCHEDULED);
    CHECK_INT(bb_talk_state_at(&t, &none, T, true), BB_STATE_LIVE);
}

static void test_live_texts(void)
{
    bb_instant T = t0();
    bb_talk t = dated("long", T, 3 * DAY);
    bb_countdown cd;

    CHECK_STR(cd_text(&t, T + 59, &cd), "LIVE " MIDDOT " just started");
    CHECK_STR(cd_text(&t, T + 60, &cd), "LIVE " MIDDOT " started 1 min ago");
    CHECK_STR(cd_text(&t, T + 12 * MIN + 30, &cd), "LIVE " MIDDOT " started 12 min ago");
    CHECK_INT(cd.seconds, 12 * MIN + 30);
    CHECK_STR(cd_text(&t, T + HOUR - 1, &cd), "LIVE " MIDDOT " started 59 min ago");
    CHECK_STR(cd_text(&t, T + HOUR, &cd), "LIVE " MIDDOT " started 1 h 00 min ago");
    CHECK_STR(cd_text(&t, T + HOUR + 5 * MIN, &cd), "LIVE " MIDDOT " started 1 h 05 min ago");
    CHECK_STR(cd_text(&t, T + DAY - 1, &cd), "LIVE " MIDDOT " started 23 h 59 min ago");
    CHECK_STR(cd_text(&t, T + DAY + 2 * HOUR + 59 * MIN, &cd),
              "LIVE " MIDDOT " started 1 d 2 h ago");
}

static void test_status_and_undated(void)
{
    bb_instant T = t0();
    bb_countdown cd;

    bb_talk p = dated("p", T, HOUR);
    p.status = BB_STATUS_POSTPONED;
    /* Status wins over time, and over an unsynchronized clock. */
    CHECK_STR(cd_text(&p, T + 10, &cd), "postponed");
    CHECK_INT(cd.state, BB_STATE_POSTPONED);
    bb_talk_countdown(&p, &timing, 0, false, &cd);
    CHECK_STR(cd.text, "postponed");
    bb_talk c = dated("c", T, HOUR);
    c.status = BB_STATUS_CANCELLED;
    CHECK_STR(cd_text(&c, T - DAY, &cd), "cancelled");
    CHECK_INT(cd.state, BB_STATE_CANCELLED);
    CHECK_INT(cd.seconds, 0);

    /* Feb 22, 2025 + two weeks: by Saturday March 8.  Seen that year the
     * date is enough; from another year it needs its year. */
    bb_talk e = expected("riyadh", 2025, 3, 8);
    bb_instant feb22 = bb_civil_to_instant(&(bb_civil){2025, 2, 22, 12, 0, 0}, 0);
    CHECK_STR(cd_text(&e, feb22, &cd), "expected by Sat 8 Mar");
    CHECK_INT(cd.state, BB_STATE_EXPECTED);
    CHECK_INT(cd.seconds, 0);
    CHECK_STR(cd_text(&e, T, &cd), "expected by Sat 8 Mar 2025");
    CHECK_STR(cd_text(&e, feb22 + 400 * DAY, &cd), "expected by Sat 8 Mar 2025");
    bb_talk_countdown(&e, &timing, feb22, false, &cd);
    CHECK_STR(cd.text, "expected by Sat 8 Mar");
    /* The year is the venue's: 23:30Z on Dec 31, 2024 is 2025 in Tokyo. */
    bb_tz *tokyo = bb_tz_load("Asia/Tokyo");
    CHECK(tokyo != NULL);
    e.tz = tokyo;
    bb_instant nye = bb_civil_to_instant(&(bb_civil){2024, 12, 31, 23, 30, 0}, 0);
    CHECK_STR(cd_text(&e, nye, &cd), "expected by Sat 8 Mar");
    e.tz = NULL;
    CHECK_STR(cd_text(&e, nye, &cd), "expected by Sat 8 Mar 2025");
    bb_tz_destroy(tokyo);
    bb_talk leap = expected("leap", 2024, 2, 29);
    CHECK_STR(cd_text(&leap, T, &cd), "expected by Thu 29 Feb 2024");

    bb_talk tba;
    memset(&tba, 0, sizeof tba);
    CHECK_STR(cd_text(&tba, T, &cd), "date to be announced");
    CHECK_INT(cd.state, BB_STATE_TBA);

    /* An unsynchronized clock: a dated talk cannot be counted down. */
    bb_talk d = dated("d", T, HOUR);
    bb_talk_countdown(&d, &timing, T - 100, false, &cd);
    CHECK_STR(cd.text, "waiting for time sync");
    CHECK_INT(cd.state, BB_STATE_UNSYNCED);
    CHECK_INT(cd.seconds, 0);
}

static void test_relative_texts(void)
{
    bb_instant T = t0();
    bb_talk t = dated("t", T, HOUR);
    char buf[BB_COUNTDOWN_BUF];

    CHECK_STR(rel_text(&t, T - (2 * DAY + 3 * HOUR + 59 * MIN), buf), "in 2 d 3 h");
    CHECK_STR(rel_text(&t, T - 2 * DAY, buf), "in 2 d");
    CHECK_STR(rel_text(&t, T - (DAY - 1), buf), "in 23 h 59 min");
    CHECK_STR(rel_text(&t, T - (5 * HOUR + 12 * MIN + 40), buf), "in 5 h 12 min");
    CHECK_STR(rel_text(&t, T - (5 * HOUR + 3 * MIN), buf), "in 5 h 03 min");
    CHECK_STR(rel_text(&t, T - HOUR, buf), "in 1 h 00 min");
    CHECK_STR(rel_text(&t, T - (HOUR - 1), buf), "starts in 59 min");
    /* Rounded down like the digits: 00:04:59 sits next to "4 min". */
    CHECK_STR(rel_text(&t, T - (4 * MIN + 59), buf), "starts in 4 min");
    CHECK_STR(rel_text(&t, T - MIN, buf), "starts in 1 min");
    CHECK_STR(rel_text(&t, T - 59, buf), "starts in under a minute");
    CHECK_STR(rel_text(&t, T - 1, buf), "starts in under a minute");
    CHECK_STR(rel_text(&t, T, buf), "LIVE");
    CHECK_STR(rel_text(&t, T + HOUR - 1, buf), "LIVE");
    CHECK_STR(rel_text(&t, T + HOUR, buf), "ended");

    bb_talk e = expected("e", 2025, 3, 8);
    CHECK_STR(rel_text(&e, T, buf), "expected by Sat 8 Mar 2025");
    CHECK_STR(rel_text(&e, T + 3 * 365 * DAY, buf), "expected by Sat 8 Mar");
    bb_talk tba;
    memset(&tba, 0, sizeof tba);
    CHECK_STR(rel_text(&tba, T, buf), "TBA");
    t.status = BB_STATUS_POSTPONED;
    CHECK_STR(rel_text(&t, T, buf), "postponed");
    t.status = BB_STATUS_CANCELLED;
    CHECK_STR(rel_text(&t, T, buf), "cancelled");
    t.status = BB_STATUS_CONFIRMED;
    bb_talk_relative(&t, &timing, T - 100, false, buf, sizeof buf);
    CHECK_STR(buf, "waiting for time sync");

    /* A short buffer is cut, never overrun. */
    char tiny[6];
    bb_talk_relative(&t, &timing, T - 2 * DAY, true, tiny, sizeof tiny);
    CHECK_STR(tiny, "in 2 ");
}

static void test_state_names(void)
{
    CHECK_STR(bb_talk_state_name(BB_STATE_SCHEDULED), "scheduled");
    CHECK_STR(bb_talk_state_name(BB_STATE_IMMINENT), "imminent");
    CHECK_STR(bb_talk_state_name(BB_STATE_LIVE), "live");
    CHECK_STR(bb_talk_state_name(BB_STATE_ENDED), "ended");
    CHECK_STR(bb_talk_state_name(BB_STATE_EXPECTED), "expected");
    CHECK_STR(bb_talk_state_name(BB_STATE_TBA), "tba");
    CHECK_STR(bb_talk_state_name(BB_STATE_POSTPONED), "postponed");
    CHECK_STR(bb_talk_state_name(BB_STATE_CANCELLED), "cancelled");
    CHECK_STR(bb_talk_state_name(BB_STATE_UNSYNCED), "unsynced");
    CHECK_STR(bb_talk_state_name((bb_talk_state)99), "unknown");
}

static void test_next(void)
{
    bb_instant T = t0();
    bb_talk talks[7];
    talks[0] = dated("later", T + 2 * DAY, HOUR);
    talks[1] = dated("cancelled-soon", T + HOUR, HOUR);
    talks[1].status = BB_STATUS_CANCELLED;
    talks[2] = dated("soon", T + DAY, HOUR);
    talks[3] = dated("ended", T - 2 * HOUR, HOUR);
    talks[4] = expected("expected", 2022, 1, 11);
    talks[5] = dated("live-late", T - 10 * MIN, HOUR);
    talks[6] = dated("live-early", T - 30 * MIN, HOUR);

    CHECK_INT(bb_talk_next(talks, 7, &timing, T), 6);   /* the earliest started live one */
    CHECK_INT(bb_talk_next(talks, 6, &timing, T), 5);
    CHECK_INT(bb_talk_next(talks, 5, &timing, T), 2);   /* the soonest upcoming */
    CHECK_INT(bb_talk_next(talks, 1, &timing, T), 0);
    CHECK_INT(bb_talk_next(talks, 1, &timing, T + 3 * DAY), -1);
    CHECK_INT(bb_talk_next(&talks[3], 2, &timing, T), -1); /* ended and undated */
    CHECK_INT(bb_talk_next(talks, 0, &timing, T), -1);
    /* An imminent talk counts as upcoming. */
    CHECK_INT(bb_talk_next(&talks[2], 1, &timing, T + DAY - 10), 0);

    /* What may be called "next": only talks still to start, never the
     * running ones, nor cancelled, ended or undated ones. */
    CHECK_INT(bb_talk_upcoming(talks, 7, &timing, T), 2);
    CHECK_INT(bb_talk_upcoming(&talks[5], 2, &timing, T), -1);   /* both running */
    CHECK_INT(bb_talk_upcoming(&talks[3], 2, &timing, T), -1);   /* ended and undated */
    CHECK_INT(bb_talk_upcoming(&talks[1], 1, &timing, T), -1);   /* cancelled */
    CHECK_INT(bb_talk_upcoming(&talks[2], 1, &timing, T + DAY - 10), 0);   /* imminent */
    CHECK_INT(bb_talk_upcoming(&talks[2], 1, &timing, T + DAY + 10), -1);  /* started */
    CHECK_INT(bb_talk_upcoming(talks, 0, &timing, T), -1);
}

static void test_agenda(void)
{
    bb_instant T = t0();
    bb_talk t = dated("t", T, HOUR);
    /* Kept for the grace period after the end: [end, end + grace). */
    CHECK(bb_talk_in_agenda(&t, &timing, T + HOUR));
    CHECK(bb_talk_in_agenda(&t, &timing, T + HOUR + 899));
    CHECK(!bb_talk_in_agenda(&t, &timing, T + HOUR + 900));
    t.status = BB_STATUS_CANCELLED;
    CHECK(!bb_talk_in_agenda(&t, &timing, T + DAY));
    CHECK(bb_talk_in_agenda(&t, &timing, T - DAY));
    bb_talk e = expected("e", 2025, 3, 8);
    CHECK(bb_talk_in_agenda(&e, &timing, T + 1000 * DAY));

    bb_talk talks[7];
    talks[0] = expected("by-march", 2025, 3, 8);
    talks[1] = dated("thursday", T + 3 * DAY, HOUR);
    memset(&talks[2], 0, sizeof talks[2]); /* TBA */
    talks[3] = dated("monday", T, HOUR);
    talks[4] = expected("by-february", 2025, 2, 28);
    talks[5] = dated("long-gone", T - 2 * DAY, HOUR);
    talks[6] = dated("monday-too", T, 2 * HOUR); /* same start: configured order */
    int order[7];
    int n = bb_talk_agenda_order(talks, 7, &timing, T + 10, order);
    CHECK_INT(n, 6);
    int want[] = {3, 6, 1, 4, 0, 2};
    for (int i = 0; i < 6 && i < n; i++)
        CHECK_INT(order[i], want[i]);
    /* Two hours later "monday" has been over for more than the grace period. */
    n = bb_talk_agenda_order(talks, 7, &timing, T + 2 * HOUR, order);
    CHECK_INT(n, 5);
    CHECK_INT(order[0], 6);
}

int main(void)
{
    test_scheduled_texts();
    test_boundaries();
    test_live_texts();
    test_status_and_undated();
    test_relative_texts();
    test_state_names();
    test_next();
    test_agenda();
    return bb_test_finish("test_talk");
}
