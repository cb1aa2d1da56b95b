/*
 * test_deadline: the earliest-deadline helper and a frame's "now"
 * (bb_clock_frame, bb_frame_clock_wall_ms).
 */
#include <stdint.h>

#include "bb_clock.h"
#include "bb_deadline.h"
#include "bb_test.h"

static void test_min(void)
{
    CHECK_INT(bb_deadline_min(BB_DEADLINE_NONE, BB_DEADLINE_NONE), -1);
    CHECK_INT(bb_deadline_min(-5, -7), -1);
    CHECK_INT(bb_deadline_min(BB_DEADLINE_NONE, 40), 40);
    CHECK_INT(bb_deadline_min(40, BB_DEADLINE_NONE), 40);
    CHECK_INT(bb_deadline_min(40, 0), 0);
    CHECK_INT(bb_deadline_min(0, 40), 0);
    CHECK_INT(bb_deadline_min(1000, 998), 998);
    CHECK_INT(bb_deadline_min(INT64_MAX, 86400000), 86400000);
}

static void test_to_int(void)
{
    CHECK_INT(bb_deadline_to_int(0), 0);
    CHECK_INT(bb_deadline_to_int(1234), 1234);
    CHECK_INT(bb_deadline_to_int(INT32_MAX), INT32_MAX);
    CHECK_INT(bb_deadline_to_int((int64_t)INT32_MAX + 1), INT32_MAX);
    CHECK_INT(bb_deadline_to_int(BB_DEADLINE_NONE), INT32_MAX);
}

static void test_frame(void)
{
    bb_clock *c = bb_clock_create_fake(1700000000);
    bb_frame_clock fc;
    CHECK(c != NULL);
    if (!c)
        return;
    bb_clock_fake_advance(c, 1250);
    bb_clock_fake_set_synchronized(c, false);
    bb_clock_frame(c, &fc);
    CHECK_INT(fc.mono_ms, 1250);
    CHECK_INT(fc.wall, 1700000001);
    CHECK(!fc.synced);
    CHECK_INT(fc.ms_to_next_second, 750);
    CHECK_INT(bb_frame_clock_wall_ms(&fc), 1700000001250LL);
    bb_clock_destroy(c);

    /* At a whole second: nothing of it is gone yet. */
    fc = (bb_frame_clock){ .wall = 10, .ms_to_next_second = 1000 };
    CHECK_INT(bb_frame_clock_wall_ms(&fc), 10000);
    fc.ms_to_next_second = 1;
    CHECK_INT(bb_frame_clock_wall_ms(&fc), 10999);
}

int main(void)
{
    test_min();
    test_to_int();
    test_frame();
    return bb_test_finish("test_deadline");
}
