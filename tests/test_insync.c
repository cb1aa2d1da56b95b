/*
 * test_insync: screens in step.  Two cycles over the same config, started at
 * different moments on different monotonic origins, driven by the same wall
 * clock, show the same slide at every step of several minutes -- the one an
 * independent computation of (wall ms mod period) names -- including while a
 * slide's hours window opens; with the clock unsynchronized or sync off the
 * monotonic cycle runs on untouched.
 */
#include <stdio.h>
#include <string.h>

#include "bb_config.h"
#include "bb_cycle.h"
#include "bb_insync.h"
#include "bb_test.h"

/* 2025-03-10T09:00:00Z (a Monday), in ms. */
#define T0_MS 1741597200000LL
#define STEP_MS 100
#define RUN_MS (10 * 60 * 1000)

#define CONFIG(sync)                                                                  \
    "version = 1;\n"                                                                  \
    "display = { time_zone = \"UTC\"; };\n"                                           \
    "cycle = { duration = 10; transition = \"fade\"; transition_time = 0.5;"          \
    " sync = " sync "; };\n"                                                          \
    "slides = ( { type = \"stat\"; figure = \"1\"; caption = \"a\"; },\n"             \
    "           { type = \"stat\"; figure = \"2\"; caption = \"b\"; duration = 5; },\n" \
    "           { type = \"stat\"; figure = \"3\"; caption = \"c\"; duration = 7.5;\n"  \
    "             hours = { from = \"09:05\"; until = \"23:00\"; }; } );\n"

static bb_config *load(const char *text)
{
    bb_diag_list *d = bb_diag_list_create();
    bb_config *cfg = bb_config_load_string(text, "t.cfg", NULL, d);
    if (!cfg)
        bb_diag_print(d, stderr);
    bb_diag_list_destroy(d);
    return cfg;
}

/* The slide by hand: before 09:05 slides 0,1 (15 s round), after 0,1,2 (22.5 s). */
static int expected(int64_t wall_ms)
{
    bool third = wall_ms >= T0_MS + 5 * 60 * 1000;
    int64_t period = third ? 22500 : 15000;
    int64_t pos = wall_ms % period;
    return pos < 10000 ? 0 : pos < 15000 ? 1 : 2;
}

static void test_two_screens(void)
{
    bb_config *cfg = load(CONFIG("true"));
    CHECK(cfg != NULL);
    if (!cfg)
        return;
    CHECK(cfg->cycle.sync);
    /* Screen A boots at T0 - 3.3 s with mono 5000; screen B at T0 + 41.7 s
     * with mono 900000. */
    int64_t wall = T0_MS - 3300;
    uint64_t mono_a = 5000, mono_b = 0;
    bb_cycle *a = bb_cycle_create(cfg, mono_a, wall / 1000, true);
    bb_cycle *b = NULL;
    int mismatches = 0, wrong = 0, changes = 0, last = -1;
    for (int64_t t = 0; t < RUN_MS; t += STEP_MS) {
        wall += STEP_MS;
        mono_a += STEP_MS;
        if (!b && wall >= T0_MS + 41700) {
            mono_b = 900000;
            b = bb_cycle_create(cfg, mono_b, wall / 1000, true);
            bb_cycle_sync(b, mono_b, wall, true);
        } else if (b) {
            mono_b += STEP_MS;
        }
        bb_cycle_update(a, mono_a, wall / 1000, true);
        bb_cycle_sync(a, mono_a, wall, true);
        bb_cycle_view va, vb;
        bb_cycle_view_get(a, mono_a, &va);
        if (va.current != expected(wall))
            wrong++;
        if (va.current != last)
            changes++;
        last = va.current;
        if (b) {
            bb_cycle_update(b, mono_b, wall / 1000, true);
            bb_cycle_sync(b, mono_b, wall, true);
            bb_cycle_view_get(b, mono_b, &vb);
            if (vb.current != va.current)
                mismatches++;
        }
    }
    CHECK(b != NULL);
    CHECK_INT(mismatches, 0);
    CHECK_INT(wrong, 0);
    /* It did cycle: about 600 s / 7.5 s average changes. */
    CHECK(changes > 60);

    /* The position itself. */
    bb_insync_pos pos;
    CHECK(bb_insync_at(cfg, T0_MS + 12345, true, &pos));   /* 09:00:12.345: 12345 % 15000 */
    CHECK_INT(pos.slide, 1);
    CHECK_INT(pos.ms_into, 2345);
    CHECK_INT(pos.ms_left, 2655);
    CHECK_INT(pos.period_ms, 15000);
    CHECK(!bb_insync_at(cfg, T0_MS, false, &pos));
    bb_cycle_destroy(a);
    bb_cycle_destroy(b);
    bb_config_destroy(cfg);
}

/* Unsynchronized: the monotonic cycle, whatever the wall clock says. */
static void test_fallback(void)
{
    bb_config *cfg = load(CONFIG("true"));
    bb_config *off = load(CONFIG("false"));
    CHECK(cfg && off);
    if (!cfg || !off)
        goto done;
    /* Created unsynced: starts at slide 0, runs 10 s. */
    int64_t wall = T0_MS + 12345;   /* the clock would say slide 1 */
    bb_cycle *c = bb_cycle_create(cfg, 0, wall / 1000, false);
    bb_cycle_view v;
    bb_cycle_view_get(c, 0, &v);
    CHECK_INT(v.current, 0);
    CHECK(!bb_cycle_sync(c, 100, wall, false));
    bb_cycle_update(c, 9999, wall / 1000, false);
    bb_cycle_view_get(c, 9999, &v);
    CHECK_INT(v.current, 0);
    /* Time syncs: the cycle joins the wall clock's slide at once. */
    CHECK(bb_cycle_sync(c, 10000, wall, true));
    bb_cycle_view_get(c, 10000, &v);
    CHECK_INT(v.current, 1);
    CHECK_INT((int)bb_cycle_ms_until_change(c, 10000), 500);   /* the fade's end */
    bb_cycle_update(c, 10500, wall / 1000, true);
    CHECK_INT((int)bb_cycle_ms_until_change(c, 10500), 2155);  /* 2655 - 500 */
    bb_cycle_destroy(c);

    /* Sync off: bb_cycle_sync never acts. */
    c = bb_cycle_create(off, 0, wall / 1000, true);
    bb_cycle_view_get(c, 0, &v);
    CHECK_INT(v.current, 0);
    CHECK(!bb_cycle_sync(c, 0, wall, true));
    bb_cycle_view_get(c, 0, &v);
    CHECK_INT(v.current, 0);
    bb_cycle_destroy(c);

    /* Paused: stays put. */
    c = bb_cycle_create(cfg, 0, wall / 1000, true);
    bb_cycle_view_get(c, 0, &v);
    CHECK_INT(v.current, 1);   /* created in step */
    bb_cycle_toggle_pause(c, 0);
    CHECK(!bb_cycle_sync(c, 5000, wall + 5000, true));
    bb_cycle_view_get(c, 5000, &v);
    CHECK_INT(v.current, 1);
    bb_cycle_destroy(c);
done:
    bb_config_destroy(cfg);
    bb_config_destroy(off);
}

int main(void)
{
    test_two_screens();
    test_fallback();
    return bb_test_finish("test_insync");
}
