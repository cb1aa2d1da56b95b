/*
 * test_cycle: the slide cycle on a fake timeline.  Configs are built by hand;
 * the monotonic and wall clocks are plain numbers the test moves, so a day of
 * cycling or a wall-clock jump costs nothing.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bb_cycle.h"
#include "bb_slide.h"
#include "bb_test.h"

#define MAX_SLIDES 8
#define MAX_LOG 256
#define WALL0 ((bb_instant)1641751200) /* 2022-01-09T18:00:00Z */

typedef struct fixture {
    bb_config cfg;
    bb_slide slides[MAX_SLIDES];
    bb_talk talks[2];
    char headings[MAX_SLIDES][24];
} fixture;

/* One slide change as the loop would see it. */
typedef struct shown {
    int slide;
    uint64_t at_ms;
} shown;

/* A fake timeline: monotonic ms, and a wall clock that follows it plus any
 * jumps the test makes. */
typedef struct timeline {
    uint64_t mono_ms;
    int64_t wall_jump_s;
    bool synced;
} timeline;

static void fixture_init(fixture *fx, int n, const int *durations_ms)
{
    memset(fx, 0, sizeof *fx);
    fx->cfg.slides = fx->slides;
    fx->cfg.n_slides = n;
    fx->cfg.talks = fx->talks;
    fx->cfg.cycle.default_duration_ms = 10000;
    fx->cfg.cycle.transition = BB_TRANSITION_FADE;
    fx->cfg.cycle.transition_ms = 1000;
    fx->cfg.timing.imminent_s = 300;
    fx->cfg.timing.agenda_grace_s = 900;
    for (int i = 0; i < n; i++) {
        snprintf(fx->headings[i], sizeof fx->headings[i], "slide %d", i);
        fx->slides[i].type = BB_SLIDE_TAKEAWAYS;
        fx->slides[i].enabled = true;
        fx->slides[i].duration_ms = durations_ms ? durations_ms[i] : 0;
        fx->slides[i].heading = fx->headings[i];
        fx->slides[i].talk_index = -1;
    }
}

static bb_instant wall_of(const timeline *tl)
{
    return WALL0 + (bb_instant)(tl->mono_ms / 1000) + tl->wall_jump_s;
}

/*
 * Run the cycle like the display's loop does, until `until_ms`: sleep
 * exactly as long as the cycle asks (or, with step_ms, frame at a fixed rate
 * that never lands on a deadline), update, and log every change of the
 * current slide.
 */
static int drive(bb_cycle *c, timeline *tl, uint64_t until_ms, uint64_t step_ms, shown *log,
                 int n)
{
    bb_cycle_view v;
    bb_cycle_view_get(c, tl->mono_ms, &v);
    int last = v.current;
    while (tl->mono_ms < until_ms) {
        uint64_t wait = step_ms ? step_ms : bb_cycle_ms_until_change(c, tl->mono_ms);
        if (wait == 0)
            wait = 1; /* never spin in the test either */
        tl->mono_ms += wait;
        if (tl->mono_ms > until_ms)
            tl->mono_ms = until_ms;
        bb_cycle_update(c, tl->mono_ms, wall_of(tl), tl->synced);
        bb_cycle_view_get(c, tl->mono_ms, &v);
        if (v.current != last && n < MAX_LOG) {
            log[n].slide = v.current;
            log[n].at_ms = tl->mono_ms;
            n++;
        }
        last = v.current;
    }
    return n;
}

static int current(const bb_cycle *c, uint64_t now)
{
    bb_cycle_view v;
    bb_cycle_view_get(c, now, &v);
    return v.current;
}

static void test_whole_cycles(void)
{
    fixture fx;
    int d[] = {5000, 3000, 7000};
    fixture_init(&fx, 3, d);
    timeline tl = {0, 0, true};
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    shown log[MAX_LOG];
    CHECK_INT(current(c, 0), 0);
    int n = drive(c, &tl, 44999, 0, log, 0);
    /* Three rounds of 15 s: 0 1 2 0 1 2 0 1 2, each on the exact millisecond. */
    int want_slide[] = {1, 2, 0, 1, 2, 0, 1, 2};
    uint64_t want_at[] = {5000, 8000, 15000, 20000, 23000, 30000, 35000, 38000};
    CHECK_INT(n, 8);
    for (int i = 0; i < n && i < 8; i++) {
        CHECK_INT(log[i].slide, want_slide[i]);
        CHECK_INT(log[i].at_ms, want_at[i]);
    }

    /* The transition into slide 1 runs from 5000 to 6000. */
    bb_cycle_destroy(c);
    c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    CHECK(bb_cycle_update(c, 5000, WALL0 + 5, true));
    bb_cycle_view v;
    bb_cycle_view_get(c, 5500, &v);
    CHECK_INT(v.current, 1);
    CHECK_INT(v.previous, 0);
    CHECK(v.progress > 0.49f && v.progress < 0.51f);
    CHECK_INT(bb_cycle_ms_until_change(c, 5500), 500);
    CHECK(bb_cycle_update(c, 6000, WALL0 + 6, true)); /* the transition ended */
    bb_cycle_view_get(c, 6000, &v);
    CHECK_INT(v.previous, -1);
    CHECK(v.progress == 1.0f);
    CHECK(!bb_cycle_update(c, 6500, WALL0 + 6, true)); /* nothing to do */
    CHECK_INT(bb_cycle_ms_until_change(c, 6500), 1500);
    bb_cycle_destroy(c);
}

/* A slide whose picture is not ready is passed over for one round, with
 * the round's timing unchanged; a lone other slide shows again instead of
 * it; the operator's key still goes to it. */
static void test_unready_passed_over(void)
{
    fixture fx;
    int d[] = {5000, 3000, 7000};
    fixture_init(&fx, 3, d);
    timeline tl = {0, 0, true};
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    shown log[MAX_LOG];
    bb_cycle_set_unready(c, 1);
    int n = drive(c, &tl, 4999, 0, log, 0);
    bb_cycle_update(c, 5000, WALL0 + 5, true);
    CHECK_INT(current(c, 5000), 2);   /* at 5000, as slide 1 would have */
    bb_cycle_set_unready(c, -1);
    tl.mono_ms = 5000;
    n = drive(c, &tl, 20000, 0, log, 0);
    CHECK(n >= 2);
    CHECK_INT(log[0].slide, 0);
    CHECK_INT(log[0].at_ms, 12000);
    CHECK_INT(log[1].slide, 1);   /* next round: there */
    CHECK_INT(log[1].at_ms, 17000);
    bb_cycle_destroy(c);

    /* Two slides, the other not ready: the one on screen again. */
    fixture_init(&fx, 2, d);
    c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    bb_cycle_set_unready(c, 1);
    CHECK(bb_cycle_update(c, 5000, WALL0 + 5, true));
    CHECK_INT(current(c, 5000), 0);
    CHECK_INT(bb_cycle_ms_until_change(c, 5000), 5000);
    bb_cycle_next(c, 5000, WALL0 + 5, true);   /* the operator asks for it */
    CHECK_INT(current(c, 5000), 1);
    bb_cycle_destroy(c);
}

static void test_no_drift_with_late_frames(void)
{
    fixture fx;
    int d[] = {5000, 3000, 7000};
    fixture_init(&fx, 3, d);
    timeline tl = {0, 0, true};
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    shown log[MAX_LOG];
    /* Frames every 37 ms for an hour: each change is seen on the first frame
     * at or after its exact time, never later, after 240 rounds. */
    int n = drive(c, &tl, 3600 * 1000, 37, log, 0);
    CHECK_INT(n, MAX_LOG);
    int bad = 0;
    uint64_t exact = 0;
    for (int i = 0; i < n; i++) {
        int prev = i == 0 ? 0 : log[i - 1].slide;
        exact += (uint64_t)d[prev];
        if (log[i].slide != (prev + 1) % 3 || log[i].at_ms < exact || log[i].at_ms >= exact + 37)
            bad++;
    }
    CHECK_INT(bad, 0);
    bb_cycle_destroy(c);
}

static void test_expired_and_late_slides(void)
{
    fixture fx;
    fixture_init(&fx, 4, (int[]){5000, 5000, 5000, 5000});
    /* Slide 1 expires 4 s in; slide 2 appears 22 s in; slide 3 is disabled. */
    fx.slides[1].has_show_until = true;
    fx.slides[1].show_until = WALL0 + 4;
    fx.slides[2].has_show_from = true;
    fx.slides[2].show_from = WALL0 + 22;
    fx.slides[3].enabled = false;
    timeline tl = {0, 0, true};
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    shown log[MAX_LOG];
    int n = drive(c, &tl, 40000, 0, log, 0);
    /* 0 alone (its own time restarts, no change logged) until slide 2 shows up
     * at the first deadline after 22 s: 25 s; then 0 and 2 take turns. */
    CHECK_INT(n, 4);
    int want_slide[] = {2, 0, 2, 0};
    for (int i = 0; i < n && i < 4; i++) {
        CHECK_INT(log[i].slide, want_slide[i]);
        CHECK_INT(log[i].at_ms, 25000 + 5000 * i);
    }
    CHECK(!bb_slide_eligible(&fx.cfg, 1, WALL0 + 4, true));
    CHECK(bb_slide_eligible(&fx.cfg, 1, WALL0 + 3, true));
    CHECK(!bb_slide_eligible(&fx.cfg, 2, WALL0 + 21, true));
    CHECK(bb_slide_eligible(&fx.cfg, 2, WALL0 + 22, true));
    CHECK(!bb_slide_eligible(&fx.cfg, 3, WALL0, true));
    CHECK(!bb_slide_eligible(&fx.cfg, 4, WALL0, true));
    CHECK(!bb_slide_eligible(&fx.cfg, -1, WALL0, true));
    /* Unsynchronized: the windows cannot be judged, so they do not hide. */
    CHECK(bb_slide_eligible(&fx.cfg, 1, WALL0 + 100, false));
    CHECK(bb_slide_eligible(&fx.cfg, 2, 0, false));
    CHECK(!bb_slide_eligible(&fx.cfg, 3, WALL0, false));
    bb_cycle_destroy(c);

    /* A slide with a lone eligible slide repeats without a transition. */
    fixture_init(&fx, 1, (int[]){4000});
    c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    CHECK(bb_cycle_update(c, 4000, WALL0 + 4, true));
    bb_cycle_view v;
    bb_cycle_view_get(c, 4000, &v);
    CHECK_INT(v.current, 0);
    CHECK_INT(v.previous, -1);
    CHECK_INT(bb_cycle_ms_until_change(c, 4000), 4000);
    bb_cycle_destroy(c);
}

static void test_countdown_of_ended_talk(void)
{
    fixture fx;
    fixture_init(&fx, 2, (int[]){5000, 5000});
    fx.cfg.n_talks = 1;
    fx.talks[0].has_start = true;
    fx.talks[0].start = WALL0 + 2;
    fx.talks[0].end = WALL0 + 8;
    fx.slides[1].type = BB_SLIDE_COUNTDOWN;
    fx.slides[1].talk_index = 0;
    CHECK(bb_slide_eligible(&fx.cfg, 1, WALL0 + 7, true));  /* live: still shown */
    CHECK(!bb_slide_eligible(&fx.cfg, 1, WALL0 + 8, true)); /* ended: dropped */
    CHECK(bb_slide_eligible(&fx.cfg, 1, WALL0 + 8, false)); /* "waiting for time sync" */
    timeline tl = {0, 0, true};
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    shown log[MAX_LOG];
    int n = drive(c, &tl, 30000, 0, log, 0);
    /* Shown 5-10 s (it was live when chosen), then never again. */
    CHECK_INT(n, 2);
    CHECK_INT(log[0].slide, 1);
    CHECK_INT(log[0].at_ms, 5000);
    CHECK_INT(log[1].slide, 0);
    CHECK_INT(log[1].at_ms, 10000);
    bb_cycle_destroy(c);
}

static void test_wall_jumps_do_not_change_timing(void)
{
    fixture fx;
    fixture_init(&fx, 3, (int[]){5000, 3000, 7000});
    shown base[MAX_LOG], jumped[MAX_LOG];
    timeline tl = {0, 0, true};
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    int n_base = drive(c, &tl, 60000, 0, base, 0);
    bb_cycle_destroy(c);

    tl = (timeline){0, 0, true};
    c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    int n = drive(c, &tl, 6500, 0, jumped, 0);
    tl.wall_jump_s = -86400;           /* NTP steps the clock back a day */
    n = drive(c, &tl, 21000, 0, jumped, n);
    tl.wall_jump_s = 3 * 86400;        /* and then three days forward */
    n = drive(c, &tl, 60000, 0, jumped, n);
    CHECK_INT(n, n_base);
    int diff = 0;
    for (int i = 0; i < n && i < n_base; i++)
        diff += jumped[i].slide != base[i].slide || jumped[i].at_ms != base[i].at_ms;
    CHECK_INT(diff, 0);
    bb_cycle_destroy(c);
}

static void test_pause(void)
{
    fixture fx;
    fixture_init(&fx, 3, (int[]){5000, 3000, 7000});
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    bb_cycle_toggle_pause(c, 2000);
    bb_cycle_view v;
    bb_cycle_view_get(c, 2000, &v);
    CHECK(v.paused);
    /* An hour paused: still slide 0, and nothing to wake up for. */
    CHECK(!bb_cycle_update(c, 3600 * 1000, WALL0 + 3600, true));
    CHECK_INT(current(c, 3600 * 1000), 0);
    CHECK(bb_cycle_ms_until_change(c, 3600 * 1000) >= 3600 * 1000);
    /* Resumed, it has the 3000 ms it had left. */
    bb_cycle_toggle_pause(c, 3600 * 1000);
    bb_cycle_view_get(c, 3600 * 1000, &v);
    CHECK(!v.paused);
    CHECK_INT(bb_cycle_ms_until_change(c, 3600 * 1000), 3000);
    CHECK(!bb_cycle_update(c, 3600 * 1000 + 2999, WALL0 + 3603, true));
    CHECK(bb_cycle_update(c, 3600 * 1000 + 3000, WALL0 + 3603, true));
    CHECK_INT(current(c, 3600 * 1000 + 3000), 1);

    /* Next while paused: the new slide waits with its full time. */
    bb_cycle_toggle_pause(c, 3610 * 1000);
    bb_cycle_next(c, 3610 * 1000, WALL0 + 3610, true);
    CHECK_INT(current(c, 3610 * 1000), 2);
    bb_cycle_update(c, 3700 * 1000, WALL0 + 3700, true);
    CHECK_INT(current(c, 3700 * 1000), 2);
    bb_cycle_toggle_pause(c, 3700 * 1000);
    CHECK_INT(bb_cycle_ms_until_change(c, 3700 * 1000), 7000);
    bb_cycle_destroy(c);
}

static void test_next_previous(void)
{
    fixture fx;
    fixture_init(&fx, 4, (int[]){5000, 3000, 7000, 4000});
    fx.slides[2].enabled = false;
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    bb_cycle_next(c, 1000, WALL0 + 1, true);
    bb_cycle_view v;
    bb_cycle_view_get(c, 1200, &v);
    CHECK_INT(v.current, 1);
    CHECK_INT(v.previous, 0);              /* with the configured transition */
    CHECK(v.progress > 0.19f && v.progress < 0.21f);
    CHECK_INT(bb_cycle_ms_until_change(c, 2000), 0);    /* the transition is over: update */
    CHECK(bb_cycle_update(c, 2000, WALL0 + 2, true));
    CHECK_INT(bb_cycle_ms_until_change(c, 2000), 2000); /* full 3000 from the key press */
    bb_cycle_next(c, 2000, WALL0 + 2, true);
    CHECK_INT(current(c, 2000), 3);        /* 2 is disabled */
    bb_cycle_next(c, 2100, WALL0 + 2, true);
    CHECK_INT(current(c, 2100), 0);        /* wraps round */
    bb_cycle_previous(c, 2200, WALL0 + 2, true);
    CHECK_INT(current(c, 2200), 3);        /* and back */
    bb_cycle_previous(c, 2300, WALL0 + 2, true);
    CHECK_INT(current(c, 2300), 1);
    bb_cycle_view_get(c, 2300, &v);
    CHECK_INT(v.previous, 3);
    /* Timing goes on from the key press. */
    bb_cycle_update(c, 5299, WALL0 + 5, true);
    CHECK_INT(current(c, 5299), 1);
    CHECK(bb_cycle_update(c, 5300, WALL0 + 5, true));
    CHECK_INT(current(c, 5300), 3);

    /* --slide N: straight there, no transition; out of range is ignored. */
    bb_cycle_show(c, 2, 6000);
    bb_cycle_view_get(c, 6000, &v);
    CHECK_INT(v.current, 2);
    CHECK_INT(v.previous, -1);
    bb_cycle_show(c, 9, 6100);
    bb_cycle_show(c, -1, 6100);
    CHECK_INT(current(c, 6100), 2);
    bb_cycle_destroy(c);

    /* A cut has no transition. */
    fx.cfg.cycle.transition = BB_TRANSITION_CUT;
    c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    bb_cycle_next(c, 1000, WALL0 + 1, true);
    bb_cycle_view_get(c, 1000, &v);
    CHECK_INT(v.current, 1);
    CHECK_INT(v.previous, -1);
    CHECK(v.progress == 1.0f);
    bb_cycle_destroy(c);

    /* A long transition is cut to half the slide it leads into. */
    fx.cfg.cycle.transition = BB_TRANSITION_SLIDE;
    fx.cfg.cycle.transition_ms = 5000;
    c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    bb_cycle_next(c, 1000, WALL0 + 1, true);
    CHECK_INT(bb_cycle_ms_until_change(c, 1000), 1500);
    bb_cycle_destroy(c);
}

static void test_nothing_eligible(void)
{
    fixture fx;
    fixture_init(&fx, 2, (int[]){5000, 5000});
    fx.slides[0].enabled = false;
    fx.slides[1].has_show_from = true;
    fx.slides[1].show_from = WALL0 + 10;
    fx.slides[1].has_show_until = true;
    fx.slides[1].show_until = WALL0 + 20;
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    CHECK_INT(current(c, 0), -1);                   /* the clock-only screen */
    CHECK_INT(bb_cycle_ms_until_change(c, 0), 1000); /* looks again each second */
    bb_cycle_next(c, 100, WALL0, true);             /* keys do nothing */
    bb_cycle_previous(c, 100, WALL0, true);
    CHECK_INT(current(c, 100), -1);
    CHECK(!bb_cycle_update(c, 9000, WALL0 + 9, true));
    timeline tl = {9000, 0, true};
    shown log[MAX_LOG];
    int n = drive(c, &tl, 40000, 0, log, 0);
    /* On at 10 s, repeated at 15 s, gone at the 20 s deadline (show_until). */
    CHECK_INT(n, 2);
    CHECK_INT(log[0].slide, 1);
    CHECK_INT(log[0].at_ms, 10000);
    CHECK_INT(log[1].slide, -1);
    CHECK_INT(log[1].at_ms, 20000);
    /* Previous from the empty screen finds the last slide once eligible. */
    bb_cycle_previous(c, 41000, WALL0 + 15, true);
    CHECK_INT(current(c, 41000), 1);
    bb_cycle_destroy(c);

    /* No slides at all. */
    fixture_init(&fx, 0, NULL);
    c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    CHECK_INT(current(c, 0), -1);
    CHECK(!bb_cycle_update(c, 100000, WALL0 + 100, true));
    bb_cycle_next(c, 100000, WALL0 + 100, true);
    bb_cycle_toggle_pause(c, 100000);
    CHECK_INT(current(c, 100000), -1);
    bb_cycle_destroy(c);
    bb_cycle_destroy(NULL);
}

static void test_long_stall(void)
{
    fixture fx;
    fixture_init(&fx, 3, (int[]){5000, 3000, 7000});
    bb_cycle *c = bb_cycle_create(&fx.cfg, 0, WALL0, true);
    /* Ten minutes without a frame: no racing through 40 rounds; the next
     * slide starts now, with its whole time. */
    CHECK(bb_cycle_update(c, 600000, WALL0 + 600, true));
    int cur = current(c, 600000);
    CHECK(cur >= 0);
    CHECK_INT(bb_cycle_ms_until_change(c, 600000), 1000); /* the transition */
    bb_cycle_update(c, 601000, WALL0 + 601, true);
    CHECK_INT(current(c, 601000), cur);
    CHECK_INT(bb_cycle_ms_until_change(c, 601000), fx.slides[cur].duration_ms - 1000);
    bb_cycle_destroy(c);
}

static void test_reload(void)
{
    fixture a, b;
    fixture_init(&a, 3, (int[]){5000, 3000, 7000});
    bb_cycle *c = bb_cycle_create(&a.cfg, 0, WALL0, true);
    CHECK(bb_cycle_update(c, 5000, WALL0 + 5, true));
    CHECK_INT(current(c, 5000), 1);

    /* The new file moves "slide 1" to the front and makes it 4 s long: it
     * stays on screen, on its original start (5 s), so it ends at 9 s. */
    fixture_init(&b, 3, (int[]){4000, 5000, 7000});
    snprintf(b.headings[0], sizeof b.headings[0], "slide 1");
    snprintf(b.headings[1], sizeof b.headings[1], "slide 0");
    bb_cycle_set_config(c, &b.cfg, 6000, WALL0 + 6, true);
    bb_cycle_view v;
    bb_cycle_view_get(c, 6000, &v);
    CHECK_INT(v.current, 0);
    CHECK_INT(v.previous, -1); /* no index into the old config survives */
    CHECK_INT(bb_cycle_ms_until_change(c, 6000), 3000);
    memset(&a, 0xA5, sizeof a); /* the old config is gone */
    CHECK(bb_cycle_update(c, 9000, WALL0 + 9, true));
    CHECK_INT(current(c, 9000), 1);

    /* A reload without that slide: same position, clamped, from now. */
    fixture_init(&a, 1, (int[]){6000});
    snprintf(a.headings[0], sizeof a.headings[0], "new");
    bb_cycle_set_config(c, &a.cfg, 9500, WALL0 + 9, true);
    CHECK_INT(current(c, 9500), 0);
    CHECK_INT(bb_cycle_ms_until_change(c, 9500), 6000);

    /* A reload where the position is no longer eligible moves on. */
    fixture_init(&b, 3, (int[]){5000, 3000, 7000});
    snprintf(b.headings[0], sizeof b.headings[0], "other");
    b.slides[0].enabled = false;
    bb_cycle_set_config(c, &b.cfg, 10000, WALL0 + 10, true);
    CHECK_INT(current(c, 10000), 1);

    /* A reload while paused keeps the pause. */
    bb_cycle_toggle_pause(c, 11000);
    fixture_init(&a, 3, (int[]){5000, 3000, 7000});
    bb_cycle_set_config(c, &a.cfg, 12000, WALL0 + 12, true);
    bb_cycle_view_get(c, 12000, &v);
    CHECK(v.paused);
    CHECK_INT(v.current, 1);
    bb_cycle_toggle_pause(c, 20000);
    CHECK_INT(bb_cycle_ms_until_change(c, 20000), 2000);

    /* Same words, other type: not the same slide. */
    fixture_init(&b, 2, (int[]){5000, 5000});
    snprintf(b.headings[1], sizeof b.headings[1], "slide 1");
    b.slides[1].type = BB_SLIDE_STAT;
    bb_cycle_set_config(c, &b.cfg, 21000, WALL0 + 21, true);
    CHECK_INT(current(c, 21000), 1); /* position 1 kept, restarted */
    CHECK_INT(bb_cycle_ms_until_change(c, 21000), 5000);

    /* Reloaded to nothing at all, then to slides again: from the first. */
    fixture_init(&a, 0, NULL);
    bb_cycle_set_config(c, &a.cfg, 22000, WALL0 + 22, true);
    CHECK_INT(current(c, 22000), -1);
    CHECK(!bb_cycle_update(c, 23000, WALL0 + 23, true));
    fixture_init(&b, 3, (int[]){5000, 3000, 7000});
    bb_cycle_set_config(c, &b.cfg, 24000, WALL0 + 24, true);
    CHECK_INT(current(c, 24000), 0);
    bb_cycle_destroy(c);

    /* A cycle that never showed anything starts a reload at slide 0 too. */
    fixture_init(&a, 0, NULL);
    c = bb_cycle_create(&a.cfg, 0, WALL0, true);
    bb_cycle_set_config(c, &b.cfg, 1000, WALL0 + 1, true);
    CHECK_INT(current(c, 1000), 0);
    bb_cycle_destroy(c);
}

static void test_durations(void)
{
    fixture fx;
    fixture_init(&fx, 2, (int[]){0, 2500});
    CHECK_INT(bb_slide_duration_ms(&fx.cfg, 0), 10000); /* the cycle's default */
    CHECK_INT(bb_slide_duration_ms(&fx.cfg, 1), 2500);
    fx.cfg.cycle.default_duration_ms = 0;               /* never a zero-length slide */
    CHECK(bb_slide_duration_ms(&fx.cfg, 0) > 0);
}

int main(void)
{
    test_whole_cycles();
    test_unready_passed_over();
    test_no_drift_with_late_frames();
    test_expired_and_late_slides();
    test_countdown_of_ended_talk();
    test_wall_jumps_do_not_change_timing();
    test_pause();
    test_next_previous();
    test_nothing_eligible();
    test_long_stall();
    test_reload();
    test_durations();
    return bb_test_finish("test_cycle");
}
