/*
 * test_daypart: weekly windows -- inside or not, and the next change -- at
 * fixed instants across midnight, week ends and both DST changes in
 * Europe/Zurich and America/New_York; the config side (`quiet`,
 * `quiet_style`, a slide's `hours`) with the line of each problem.
 */
#include <stdio.h>
#include <string.h>

#include "bb_config.h"
#include "bb_cycle.h"
#include "bb_slide.h"
#include "bb_daypart.h"
#include "bb_test.h"
#include "bb_test_config.h"

#define MON 0x01u
#define TUE 0x02u
#define FRI 0x10u
#define SAT 0x20u
#define SUN 0x40u
#define WEEKDAYS 0x1Fu
#define HOUR 3600

/* Local reading in tz (a unique one: the tests pick such readings). */
static bb_instant local(const bb_tz *tz, int y, int mo, int d, int h, int mi)
{
    bb_civil c = {y, mo, d, h, mi, 0};
    bb_instant e, l;
    bb_tz_from_civil(tz, &c, &e, &l);
    return e;
}

static bb_instant utc(int y, int mo, int d, int h, int mi)
{
    bb_civil c = {y, mo, d, h, mi, 0};
    return bb_civil_to_instant(&c, 0);
}

static void test_overnight(const bb_tz *zh)
{
    /* Quiet on weekday nights 22:00 to 06:30: opened Mon-Fri. */
    bb_daypart w[] = {{WEEKDAYS, 22 * 60, 6 * 60 + 30}};
    /* 2025-03-07 is a Friday. */
    CHECK(!bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 7, 21, 59)));
    CHECK(bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 7, 22, 0)));
    CHECK(bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 8, 0, 0)));   /* Saturday, past midnight */
    CHECK(bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 8, 6, 29)));
    CHECK(!bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 8, 6, 30)));
    CHECK(!bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 8, 22, 0))); /* Saturday night: not listed */
    CHECK(!bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 9, 23, 0))); /* Sunday night */
    CHECK(!bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 10, 3, 0))); /* early Monday: opened Sunday */
    CHECK(bb_daypart_inside(w, 1, zh, local(zh, 2025, 3, 10, 22, 30)));

    /* Next changes. */
    CHECK_INT(bb_daypart_next_change(w, 1, zh, local(zh, 2025, 3, 7, 12, 0)),
              local(zh, 2025, 3, 7, 22, 0));
    CHECK_INT(bb_daypart_next_change(w, 1, zh, local(zh, 2025, 3, 7, 22, 0)),
              local(zh, 2025, 3, 8, 6, 30));
    /* Saturday morning: the next quiet night is Monday's. */
    CHECK_INT(bb_daypart_next_change(w, 1, zh, local(zh, 2025, 3, 8, 6, 30)),
              local(zh, 2025, 3, 10, 22, 0));

    /* Abutting windows are one stretch: the change is at the far end. */
    bb_daypart two[] = {{SAT, 8 * 60, 12 * 60}, {SAT, 12 * 60, 14 * 60}};
    CHECK_INT(bb_daypart_next_change(two, 2, zh, local(zh, 2025, 3, 8, 9, 0)),
              local(zh, 2025, 3, 8, 14, 0));
    /* A whole day (from == until) and every day: no change; a day later. */
    bb_daypart all[] = {{BB_DAYPART_ALL_DAYS, 0, 0}};
    bb_instant t = local(zh, 2025, 3, 8, 9, 0);
    CHECK(bb_daypart_inside(all, 1, zh, t));
    CHECK_INT(bb_daypart_next_change(all, 1, zh, t), t + 86400);
    CHECK(!bb_daypart_inside(NULL, 0, zh, t));
    CHECK_INT(bb_daypart_next_change(NULL, 0, zh, t), t + 86400);
}

static void test_dst_zurich(const bb_tz *zh)
{
    /* Spring: Sun 2025-03-30, 02:00 CET -> 03:00 CEST (01:00Z). A nightly
     * window 22:00-06:30 opened Saturday is an hour shorter. */
    bb_daypart w[] = {{BB_DAYPART_ALL_DAYS, 22 * 60, 6 * 60 + 30}};
    bb_instant open = utc(2025, 3, 29, 21, 0);   /* 22:00 CET */
    bb_instant close = utc(2025, 3, 30, 4, 30);  /* 06:30 CEST */
    CHECK_INT(bb_daypart_next_change(w, 1, zh, open - 1), open);
    CHECK_INT(bb_daypart_next_change(w, 1, zh, open), close);
    CHECK_INT(close - open, 7 * HOUR + 30 * 60);
    CHECK(bb_daypart_inside(w, 1, zh, utc(2025, 3, 30, 1, 30)));
    /* A window opening inside the gap (02:30, which the clocks skip) opens
     * when the clocks jump: 03:00 CEST = 01:00Z. */
    bb_daypart gap[] = {{SUN, 2 * 60 + 30, 5 * 60}};
    CHECK_INT(bb_daypart_next_change(gap, 1, zh, utc(2025, 3, 30, 0, 0)), utc(2025, 3, 30, 1, 0));
    CHECK(!bb_daypart_inside(gap, 1, zh, utc(2025, 3, 30, 0, 59)));
    CHECK(bb_daypart_inside(gap, 1, zh, utc(2025, 3, 30, 1, 0)));

    /* Autumn: Sun 2025-10-26, 03:00 CEST -> 02:00 CET (01:00Z): an hour longer. */
    open = utc(2025, 10, 25, 20, 0);             /* 22:00 CEST */
    close = utc(2025, 10, 26, 5, 30);            /* 06:30 CET */
    CHECK_INT(bb_daypart_next_change(w, 1, zh, open), close);
    CHECK_INT(close - open, 9 * HOUR + 30 * 60);
    /* A window opening in the fold (02:30 happens twice) opens at the first. */
    bb_daypart fold[] = {{SUN, 2 * 60 + 30, 4 * 60}};
    CHECK_INT(bb_daypart_next_change(fold, 1, zh, utc(2025, 10, 26, 0, 0)),
              utc(2025, 10, 26, 0, 30));
    CHECK_INT(bb_daypart_next_change(fold, 1, zh, utc(2025, 10, 26, 0, 30)),
              utc(2025, 10, 26, 3, 0));
}

static void test_dst_new_york(const bb_tz *ny)
{
    /* Spring: Sun 2025-03-09, 02:00 EST -> 03:00 EDT (07:00Z). Weekend
     * mornings 07:00-12:00 move to 11:00Z from 12:00Z. */
    bb_daypart w[] = {{SAT | SUN, 7 * 60, 12 * 60}};
    CHECK(bb_daypart_inside(w, 1, ny, utc(2025, 3, 8, 12, 0)));    /* Sat 07:00 EST */
    CHECK(!bb_daypart_inside(w, 1, ny, utc(2025, 3, 8, 11, 59)));
    CHECK(bb_daypart_inside(w, 1, ny, utc(2025, 3, 9, 11, 0)));    /* Sun 07:00 EDT */
    CHECK(!bb_daypart_inside(w, 1, ny, utc(2025, 3, 9, 10, 59)));
    CHECK_INT(bb_daypart_next_change(w, 1, ny, utc(2025, 3, 8, 17, 0)), utc(2025, 3, 9, 11, 0));
    /* Overnight Sat 23:00 to Sun 04:00 spans the gap: 4 h, not 5. */
    bb_daypart night[] = {{SAT, 23 * 60, 4 * 60}};
    bb_instant open = utc(2025, 3, 9, 4, 0);     /* 23:00 EST */
    CHECK_INT(bb_daypart_next_change(night, 1, ny, open), utc(2025, 3, 9, 8, 0)); /* 04:00 EDT */
    /* Autumn: Sun 2025-11-02, 02:00 EDT -> 01:00 EST (06:00Z): 6 h. */
    open = utc(2025, 11, 2, 3, 0);               /* Sat 23:00 EDT */
    CHECK_INT(bb_daypart_next_change(night, 1, ny, open), utc(2025, 11, 2, 9, 0));
    CHECK(bb_daypart_inside(night, 1, ny, utc(2025, 11, 2, 8, 59)));
    CHECK(!bb_daypart_inside(night, 1, ny, utc(2025, 11, 2, 9, 0)));
}

static void test_parse(void)
{
    int m = -1;
    CHECK_INT(bb_daypart_parse_hhmm("06:30", false, &m), 0);
    CHECK_INT(m, 390);
    CHECK_INT(bb_daypart_parse_hhmm("24:00", true, &m), 0);
    CHECK_INT(m, 1440);
    CHECK_INT(bb_daypart_parse_hhmm("24:00", false, &m), -1);
    CHECK_INT(bb_daypart_parse_hhmm("6:30", false, &m), -1);
    CHECK_INT(bb_daypart_parse_hhmm("12:60", false, &m), -1);
    CHECK_INT(bb_daypart_parse_hhmm("ab:cd", false, &m), -1);
    CHECK_INT((int)bb_daypart_day_bit("Mon"), (int)MON);
    CHECK_INT((int)bb_daypart_day_bit("sunday"), (int)SUN);
    CHECK_INT((int)bb_daypart_day_bit("mo"), 0);
}

static bb_config *load(const char *text, bb_diag_list *d)
{
    bb_diag_clear(d);
    return bb_config_load_string(text, "t.cfg", NULL, d);
}

static void test_config(void)
{
    bb_diag_list *d = bb_diag_list_create();
    bb_config *cfg = load("version = 1;\n"
                          "display = { time_zone = \"Europe/Zurich\"; };\n"
                          "quiet = ( { days = [ \"mon\", \"tue\", \"fri\" ]; from = \"22:00\";\n"
                          "            until = \"06:30\"; },\n"
                          "          { days = [ \"sun\" ]; from = \"00:00\"; until = \"24:00\"; } );\n"
                          "quiet_style = \"clock\";\n"
                          "slides = ( { type = \"stat\"; figure = \"1\"; caption = \"c\";\n"
                          "             hours = { days = [ \"mon\" ]; from = \"07:00\"; "
                          "until = \"12:00\"; }; },\n"
                          "           { type = \"stat\"; figure = \"2\"; caption = \"d\"; } );\n",
                          d);
    CHECK(cfg != NULL);
    CHECK_INT(bb_diag_count(d), 0);
    if (cfg) {
        const bb_signage_settings *sg = &cfg->signage;
        CHECK_INT(sg->n_quiet, 2);
        CHECK_INT((int)sg->quiet[0].days, (int)(MON | TUE | FRI));
        CHECK_INT(sg->quiet[0].from_min, 22 * 60);
        CHECK_INT(sg->quiet[0].until_min, 6 * 60 + 30);
        CHECK_INT(sg->quiet[1].until_min, 24 * 60);
        CHECK_INT(sg->quiet_style, BB_QUIET_CLOCK);
        CHECK_INT(cfg->slides[0].n_hours, 1);
        /* The slide's hours decide eligibility: Mon 2025-03-10 in Zurich. */
        const bb_tz *zh = cfg->display.tz;
        CHECK(bb_slide_eligible(cfg, 0, local(zh, 2025, 3, 10, 9, 0), true));
        CHECK(!bb_slide_eligible(cfg, 0, local(zh, 2025, 3, 10, 12, 0), true));
        CHECK(!bb_slide_eligible(cfg, 0, local(zh, 2025, 3, 11, 9, 0), true));
        CHECK(bb_slide_eligible(cfg, 1, local(zh, 2025, 3, 11, 9, 0), true));
        /* An unsynchronized clock cannot judge hours: shown. */
        CHECK(bb_slide_eligible(cfg, 0, local(zh, 2025, 3, 11, 9, 0), false));
    }
    bb_config_destroy(cfg);

    static const bb_config_case bad[] = {
        {"version = 1;\nquiet = ( { days = [ \"mon\", \"mo\" ]; from = \"22:00\"; "
         "until = \"06:00\"; } );\n", 2, true, "'mo' is not a weekday"},
        {"version = 1;\nquiet = ( { from = \"22:00\";\n until = \"6:00\"; } );\n", 3, true,
         "'until' must be a local time \"HH:MM\""},
        {"version = 1;\nquiet = ( { days = [ \"mon\" ];\n until = \"06:00\"; } );\n", 2, true,
         "missing the required setting 'from'"},
        {"version = 1;\nquiet = ( { from = \"22:00\"; until = \"06:00\";\n dayz = [ \"mon\" ]; } );\n",
         3, false, "did you mean 'days'"},
        {"version = 1;\nquiet = 3;\n", 2, true, "'quiet' must be a group"},
        {"version = 1;\nquiet = ( { from = \"22:00\"; until = \"06:00\"; } );\n"
         "quiet_style = \"dim\";\n", 3, true, "quiet_style"},
        {"version = 1;\nquiet_style = \"clock\";\n", 2, false, "has no effect"},
        {"version = 1;\nslides = ( { type = \"stat\"; figure = \"1\"; caption = \"c\";\n"
         " hours = { from = \"24:00\"; until = \"12:00\"; }; } );\n", 3, true, "'from' must be"},
    };
    bb_check_config_cases(bad, sizeof bad / sizeof bad[0]);
    bb_diag_list_destroy(d);
}

int main(void)
{
    bb_tz *zh = bb_tz_load("Europe/Zurich");
    bb_tz *ny = bb_tz_load("America/New_York");
    CHECK(zh && ny);
    if (zh && ny) {
        test_overnight(zh);
        test_dst_zurich(zh);
        test_dst_new_york(ny);
    }
    test_parse();
    test_config();
    bb_tz_destroy(zh);
    bb_tz_destroy(ny);
    return bb_test_finish("test_daypart");
}
