/*
 * test_clock: fake clock advance/step/sync, replay start and speed, the
 * system clock's monotonic and wall readings and its sync rule, custom ops.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#include "bb_clock.h"
#include "bb_test.h"

#define T_2022_01_09_18 ((bb_instant)1641751200) /* 2022-01-09T18:00:00Z */
#define T_2020_01_01 ((bb_instant)1577836800)
#define SLEEP_MS 50

typedef struct custom_state {
    uint64_t mono;
    bb_instant wall;
    int calls;
} custom_state;

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

static void test_fake(void)
{
    bb_clock *c = bb_clock_create_fake(T_2022_01_09_18);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK_INT(bb_clock_mono_ms(c), 0);
    CHECK_INT(bb_clock_wall(c), T_2022_01_09_18);
    CHECK_INT(bb_clock_ms_to_next_second(c), 1000);
    CHECK(bb_clock_synchronized(c));

    bb_clock_fake_advance(c, 1500);
    CHECK_INT(bb_clock_mono_ms(c), 1500);
    CHECK_INT(bb_clock_wall(c), T_2022_01_09_18 + 1);
    CHECK_INT(bb_clock_ms_to_next_second(c), 500);
    bb_clock_fake_advance(c, 499);
    CHECK_INT(bb_clock_wall(c), T_2022_01_09_18 + 1);
    CHECK_INT(bb_clock_ms_to_next_second(c), 1);
    bb_clock_fake_advance(c, 1);
    CHECK_INT(bb_clock_wall(c), T_2022_01_09_18 + 2);
    CHECK_INT(bb_clock_ms_to_next_second(c), 1000);

    /* A day ahead in one call. */
    bb_clock_fake_advance(c, 86400ULL * 1000);
    CHECK_INT(bb_clock_mono_ms(c), 2000 + 86400ULL * 1000);
    CHECK_INT(bb_clock_wall(c), T_2022_01_09_18 + 2 + 86400);

    /* Steps move the wall clock alone, either way. */
    uint64_t mono = bb_clock_mono_ms(c);
    bb_clock_fake_step_wall(c, -3600);
    CHECK_INT(bb_clock_wall(c), T_2022_01_09_18 + 2 + 86400 - 3600);
    CHECK_INT(bb_clock_mono_ms(c), mono);
    bb_clock_fake_step_wall(c, 7200);
    CHECK_INT(bb_clock_wall(c), T_2022_01_09_18 + 2 + 86400 + 3600);
    CHECK_INT(bb_clock_mono_ms(c), mono);

    bb_clock_fake_set_synchronized(c, false);
    CHECK(!bb_clock_synchronized(c));
    bb_clock_fake_set_synchronized(c, true);
    CHECK(bb_clock_synchronized(c));
    bb_clock_destroy(c);

    /* Before 1970 the second still rounds down. */
    c = bb_clock_create_fake(-1);
    CHECK(c != NULL);
    if (!c)
        return;
    bb_clock_fake_advance(c, 500);
    CHECK_INT(bb_clock_wall(c), -1);
    CHECK_INT(bb_clock_ms_to_next_second(c), 500);
    bb_clock_fake_step_wall(c, -1);
    CHECK_INT(bb_clock_wall(c), -2);
    CHECK_INT(bb_clock_ms_to_next_second(c), 500);
    bb_clock_destroy(c);
    bb_clock_destroy(NULL);
}

static void test_replay(void)
{
    bb_clock *c = bb_clock_create_replay(T_2022_01_09_18, 1.0);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK_INT(bb_clock_wall(c), T_2022_01_09_18);
    CHECK(bb_clock_synchronized(c));
    int next = bb_clock_ms_to_next_second(c);
    CHECK(next >= 1 && next <= 1000);
    uint64_t m0 = bb_clock_mono_ms(c);
    sleep_ms(SLEEP_MS);
    CHECK(bb_clock_mono_ms(c) - m0 >= SLEEP_MS);
    bb_clock_destroy(c);

    /* Frozen. */
    c = bb_clock_create_replay(T_2022_01_09_18, 0.0);
    CHECK(c != NULL);
    if (c) {
        sleep_ms(SLEEP_MS);
        CHECK_INT(bb_clock_wall(c), T_2022_01_09_18);
    }
    bb_clock_destroy(c);

    /* 1000x: 50 real ms are 50 clock seconds; seconds tick every real ms. */
    c = bb_clock_create_replay(T_2022_01_09_18, 1000.0);
    CHECK(c != NULL);
    if (c) {
        sleep_ms(SLEEP_MS);
        bb_instant w = bb_clock_wall(c);
        CHECK(w >= T_2022_01_09_18 + SLEEP_MS);
        CHECK(w < T_2022_01_09_18 + 20 * SLEEP_MS);
        CHECK_INT(bb_clock_ms_to_next_second(c), 1);
    }
    bb_clock_destroy(c);

    /* 0.5x: a clock second lasts two real seconds; never wait over 1000 ms. */
    c = bb_clock_create_replay(T_2022_01_09_18, 0.5);
    CHECK(c != NULL);
    if (c) {
        int wait = bb_clock_ms_to_next_second(c);
        CHECK(wait >= 1 && wait <= 1000);
    }
    bb_clock_destroy(c);

    CHECK(bb_clock_create_replay(T_2022_01_09_18, -1.0) == NULL);
    CHECK(bb_clock_create_replay(T_2022_01_09_18, NAN) == NULL);
    CHECK(bb_clock_create_replay(T_2022_01_09_18, INFINITY) == NULL);
}

static void test_system(void)
{
    unsetenv("BRIEFBOARD_ASSUME_SYNC");
    bb_clock *c = bb_clock_create_system(0);
    CHECK(c != NULL);
    if (!c)
        return;
    uint64_t prev = bb_clock_mono_ms(c);
    int backwards = 0;
    for (int i = 0; i < 100000; i++) {
        uint64_t now = bb_clock_mono_ms(c);
        backwards += now < prev;
        prev = now;
    }
    CHECK_INT(backwards, 0);
    uint64_t m0 = bb_clock_mono_ms(c);
    sleep_ms(SLEEP_MS);
    uint64_t dm = bb_clock_mono_ms(c) - m0;
    CHECK(dm >= SLEEP_MS && dm < 5000);

    bb_instant w = bb_clock_wall(c);
    time_t libc_now = time(NULL);
    CHECK(w > T_2020_01_01);
    CHECK(w - (bb_instant)libc_now <= 1 && (bb_instant)libc_now - w <= 1);
    int next = bb_clock_ms_to_next_second(c);
    CHECK(next >= 1 && next <= 1000);

    /* The kernel's view, read independently. */
    struct timex tx;
    memset(&tx, 0, sizeof tx);
    int state = adjtimex(&tx);
    bool kernel_synced = state != -1 && state != TIME_ERROR && !(tx.status & STA_UNSYNC);
    CHECK_INT(bb_clock_synchronized(c), kernel_synced);
    bb_clock_destroy(c);

    /* A wall clock before the floor is never synchronized. */
    c = bb_clock_create_system(INT64_MAX);
    CHECK(c != NULL);
    if (c)
        CHECK(!bb_clock_synchronized(c));
    bb_clock_destroy(c);

    /* The container override skips the kernel, not the floor. */
    setenv("BRIEFBOARD_ASSUME_SYNC", "1", 1);
    c = bb_clock_create_system(T_2020_01_01);
    CHECK(c != NULL);
    if (c)
        CHECK(bb_clock_synchronized(c));
    bb_clock_destroy(c);
    c = bb_clock_create_system(INT64_MAX);
    CHECK(c != NULL);
    if (c)
        CHECK(!bb_clock_synchronized(c));
    bb_clock_destroy(c);
    setenv("BRIEFBOARD_ASSUME_SYNC", "0", 1);
    c = bb_clock_create_system(0);
    CHECK(c != NULL);
    if (c)
        CHECK_INT(bb_clock_synchronized(c), kernel_synced);
    bb_clock_destroy(c);
    unsetenv("BRIEFBOARD_ASSUME_SYNC");

    /* Fake-only calls leave a real clock alone. */
    c = bb_clock_create_system(0);
    CHECK(c != NULL);
    if (c) {
        bb_clock_fake_advance(c, 86400000);
        bb_clock_fake_step_wall(c, 86400);
        CHECK(bb_clock_wall(c) - (bb_instant)time(NULL) <= 1);
        CHECK(bb_clock_mono_ms(c) - m0 < 86400000);
    }
    bb_clock_destroy(c);
}

static uint64_t custom_mono(void *ctx)
{
    custom_state *s = ctx;
    s->calls++;
    return s->mono;
}

static bb_instant custom_wall(void *ctx)
{
    custom_state *s = ctx;
    s->calls++;
    return s->wall;
}

static int custom_part(void *ctx)
{
    return 250;
}

static bool custom_unsynced(void *ctx)
{
    return false;
}

static void test_custom(void)
{
    custom_state s = {42, T_2022_01_09_18, 0};
    bb_clock_ops ops = {custom_mono, custom_wall, NULL, NULL};
    bb_clock *c = bb_clock_create_custom(&ops, &s);
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(bb_clock_mono_ms(c), 42);
        CHECK_INT(bb_clock_wall(c), T_2022_01_09_18);
        CHECK_INT(s.calls, 2);
        s.wall += 10;
        CHECK_INT(bb_clock_wall(c), T_2022_01_09_18 + 10);
        CHECK_INT(bb_clock_ms_to_next_second(c), 1000);
        CHECK(bb_clock_synchronized(c));
    }
    bb_clock_destroy(c);

    ops.wall_ms_part = custom_part;
    ops.synchronized = custom_unsynced;
    c = bb_clock_create_custom(&ops, &s);
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(bb_clock_ms_to_next_second(c), 750);
        CHECK(!bb_clock_synchronized(c));
    }
    bb_clock_destroy(c);

    bb_clock_ops missing = {NULL, custom_wall, NULL, NULL};
    CHECK(bb_clock_create_custom(&missing, &s) == NULL);
    CHECK(bb_clock_create_custom(NULL, &s) == NULL);
}

int main(void)
{
    test_fake();
    test_replay();
    test_system();
    test_custom();
    return bb_test_finish("test_clock");
}
