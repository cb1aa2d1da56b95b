/*
 * test_room: now/next of a room at instants around every start, end and
 * grace boundary (late starts, an overrunning talk, cancelled talks), and
 * the config side: `room` slides, `timing.now_grace`, agenda room/track
 * filters, with the exact line and message of each problem.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "bb_config.h"
#include "bb_room.h"
#include "bb_test.h"
#include "bb_test_config.h"

#define MIN 60

static const bb_timing_settings timing = {.imminent_s = 300, .agenda_grace_s = 900,
                                          .now_grace_s = 10 * MIN};

static bb_instant at(int h, int m)
{
    bb_civil c = {2025, 3, 4, h, m, 0};
    return bb_civil_to_instant(&c, 0);
}

static bb_talk talk(const char *room, bb_instant start, int minutes)
{
    bb_talk t;
    memset(&t, 0, sizeof t);
    t.room = (char *)(uintptr_t)room;
    t.has_start = true;
    t.start = start;
    t.end = start + minutes * MIN;
    return t;
}

static void view_at(const bb_talk *talks, int n, const char *room, bb_instant now, int want_now,
                    int want_next, int line)
{
    bb_room_view v;
    bb_room_at(talks, n, room, &timing, now, true, &v);
    if (v.now != want_now || v.next != want_next)
        fprintf(stderr, "line %d: ", line);
    CHECK_INT(v.now, want_now);
    CHECK_INT(v.next, want_next);
}
#define VIEW(now, n_, x_) view_at(talks, n_talks, "A", (now), (n_), (x_), __LINE__)

static void test_transitions(void)
{
    /* Room A: 09:00-10:00, a 5 min lightning talk at 10:00, 11:00-12:00;
     * room B in between, and a cancelled talk in A at 10:30. */
    bb_talk talks[] = {
        talk("A", at(9, 0), 60), talk("A", at(10, 0), 5), talk("B", at(10, 15), 30),
        talk("A", at(10, 30), 20), talk("A", at(11, 0), 60),
    };
    talks[3].status = BB_STATUS_CANCELLED;
    int n_talks = 5;
    VIEW(at(8, 0), -1, 0);
    VIEW(at(9, 0) - 1, -1, 0);
    VIEW(at(9, 0), 0, 1);            /* starts: now */
    VIEW(at(9, 59), 0, 1);
    VIEW(at(10, 0), 1, 4);           /* the next starts: it wins over the overrunning one */
    VIEW(at(10, 5), 1, 4);           /* nominal end, but within the 10 min grace */
    VIEW(at(10, 10) - 1, 1, 4);
    VIEW(at(10, 10), -1, 4);         /* grace over; the cancelled 10:30 never shows */
    VIEW(at(10, 30), -1, 4);
    VIEW(at(11, 0), 4, -1);
    VIEW(at(12, 0) - 1, 4, -1);
    VIEW(at(12, 0), -1, -1);

    /* Another room, and an unknown one. */
    view_at(talks, n_talks, "B", at(10, 20), 2, -1, __LINE__);
    view_at(talks, n_talks, "C", at(10, 20), -1, -1, __LINE__);

    /* Seconds to the next change, for rebuilding the slide. */
    CHECK_INT(bb_room_seconds_to_change(talks, n_talks, "A", &timing, at(9, 30)), 30 * MIN);
    CHECK_INT(bb_room_seconds_to_change(talks, n_talks, "A", &timing, at(10, 1)), 9 * MIN);
    CHECK_INT(bb_room_seconds_to_change(talks, n_talks, "A", &timing, at(12, 0)), -1);

    /* No grace: a talk is now exactly [start, end). */
    bb_timing_settings strict = timing;
    strict.now_grace_s = 0;
    bb_room_view v;
    bb_room_at(talks, n_talks, "A", &strict, at(10, 5), true, &v);
    CHECK_INT(v.now, -1);
    CHECK_INT(v.next, 4);

    /* Unsynchronized clock: nothing is claimed. */
    bb_room_at(talks, n_talks, "A", &timing, at(9, 30), false, &v);
    CHECK(v.unsynced);
    CHECK_INT(v.now, -1);
    CHECK_INT(v.next, -1);
    bb_room_at(NULL, 0, "A", &timing, at(9, 30), true, &v);
    CHECK_INT(v.now, -1);
}

static bb_config *load(const char *text, bb_diag_list *d)
{
    bb_diag_clear(d);
    return bb_config_load_string(text, "t.cfg", NULL, d);
}

#define TALKS                                                                            \
    "version = 1;\n"                                                                     \
    "talks = ( { id = \"a\"; title = \"Opening\"; start = \"2025-03-04T09:00:00Z\";\n"   \
    "            room = \"Room A\"; track = \"Main\"; },\n"                              \
    "          { id = \"b\"; title = \"Panel\"; start = \"2025-03-04T10:00:00Z\";\n"     \
    "            room = \"Room B\"; track = \"Side\"; } );\n"

static void test_config(void)
{
    bb_diag_list *d = bb_diag_list_create();
    bb_config *cfg = load(TALKS
                          "timing = { now_grace = 300; };\n"
                          "slides = ( { type = \"room\"; room = \"Room A\"; },\n"
                          "           { type = \"agenda\"; room = \"Room B\"; track = \"Side\"; } );\n",
                          d);
    CHECK(cfg != NULL);
    if (cfg) {
        CHECK_INT(cfg->timing.now_grace_s, 300);
        CHECK_INT(cfg->slides[0].type, BB_SLIDE_ROOM);
        CHECK_STR(cfg->slides[0].room_filter, "Room A");
        CHECK_STR(bb_slide_type_name(BB_SLIDE_ROOM), "room");
        CHECK_STR(cfg->slides[1].room_filter, "Room B");
        CHECK_STR(cfg->slides[1].track_filter, "Side");
        /* The loaded talks drive now/next: */
        bb_room_view v;
        bb_room_at(cfg->talks, cfg->n_talks, "Room A", &cfg->timing, at(9, 30), true, &v);
        CHECK_INT(v.now, 0);
        bb_room_at(cfg->talks, cfg->n_talks, "Room B", &cfg->timing, at(9, 30), true, &v);
        CHECK_INT(v.next, 1);
    }
    CHECK_INT(bb_diag_count(d), 0);
    bb_config_destroy(cfg);

    /* The default grace. */
    cfg = load(TALKS, d);
    CHECK(cfg && cfg->timing.now_grace_s == BB_DEFAULT_NOW_GRACE_S);
    bb_config_destroy(cfg);

    /* Problems, each at its line. */
    static const bb_config_case bad[] = {
        {TALKS "slides = ( { type = \"room\"; } );\n", 6, true,
         "room slide is missing the required setting 'room'"},
        {TALKS "slides = ( { type = \"room\";\n room = \"Room Z\"; } );\n", 7, false,
         "no talk is in room 'Room Z'"},
        {TALKS "slides = ( { type = \"room\"; room = \"Room A\";\n max_rows = 3; } );\n", 7,
         false, "'max_rows' belongs to agenda slides"},
        {TALKS "timing = {\n now_grace = -1; };\n", 7, true, "now_grace"},
        {TALKS "slides = ( { type = \"agenda\";\n track = \"Nope\"; } );\n", 7, false,
         "no talk is in track 'Nope'"},
    };
    bb_check_config_cases(bad, sizeof bad / sizeof bad[0]);
    bb_diag_list_destroy(d);
}

int main(void)
{
    test_transitions();
    test_config();
    return bb_test_finish("test_room");
}
