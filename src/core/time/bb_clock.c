/*
 * bb_clock: the real clocks, a replay clock, a fake clock, and custom ones,
 * all behind one table of callbacks.
 */
/* 64-bit time_t on 32-bit glibc (armhf Pi builds): instants after 2038. */
#ifndef _FILE_OFFSET_BITS
#define _FILE_OFFSET_BITS 64
#endif
#ifndef _TIME_BITS
#define _TIME_BITS 64
#endif

#include "bb_clock.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timex.h>
#include <time.h>

#define MS_PER_SECOND 1000
#define NS_PER_MS 1000000
#define ASSUME_SYNC_ENV "BRIEFBOARD_ASSUME_SYNC"

typedef enum clock_kind { CLOCK_SYSTEM, CLOCK_REPLAY, CLOCK_FAKE, CLOCK_CUSTOM } clock_kind;

struct bb_clock {
    clock_kind kind;
    bb_clock_ops ops;
    void *ctx;                /* the clock itself, or the custom caller's */
    /* system */
    bb_instant not_before;
    bool assume_sync;         /* BRIEFBOARD_ASSUME_SYNC=1: skip the kernel check */
    /* replay */
    bb_instant replay_start;
    uint64_t replay_mono0_ms; /* real monotonic time at creation */
    double speed;
    /* fake */
    uint64_t fake_mono_ms;
    int64_t fake_wall_ms;     /* wall in ms, so sub-second advances add up */
    bool fake_synced;
};

static bb_clock *clock_new(clock_kind kind);
static uint64_t real_mono_ms(void);
static uint64_t system_mono_ms(void *ctx);
static bb_instant system_wall(void *ctx);
static int system_wall_ms_part(void *ctx);
static bool system_synchronized(void *ctx);
static int64_t replay_scaled_ms(const bb_clock *c);
static bb_instant replay_wall(void *ctx);
static int replay_wall_ms_part(void *ctx);
static bool always_synchronized(void *ctx);
static uint64_t fake_mono_ms(void *ctx);
static bb_instant fake_wall(void *ctx);
static int fake_wall_ms_part(void *ctx);
static bool fake_synchronized(void *ctx);
static int64_t floor_div_ms(int64_t ms);

bb_clock *bb_clock_create_system(bb_instant not_before)
{
    bb_clock *c = clock_new(CLOCK_SYSTEM);
    if (!c)
        return NULL;
    c->ops = (bb_clock_ops){system_mono_ms, system_wall, system_wall_ms_part, system_synchronized};
    c->not_before = not_before;
    const char *assume = getenv(ASSUME_SYNC_ENV);
    c->assume_sync = assume && strcmp(assume, "1") == 0;
    return c;
}

bb_clock *bb_clock_create_replay(bb_instant start, double speed)
{
    if (!isfinite(speed) || speed < 0)
        return NULL;
    bb_clock *c = clock_new(CLOCK_REPLAY);
    if (!c)
        return NULL;
    c->ops = (bb_clock_ops){system_mono_ms, replay_wall, replay_wall_ms_part, always_synchronized};
    c->replay_start = start;
    c->replay_mono0_ms = real_mono_ms();
    c->speed = speed;
    return c;
}

bb_clock *bb_clock_create_fake(bb_instant start)
{
    bb_clock *c = clock_new(CLOCK_FAKE);
    if (!c)
        return NULL;
    c->ops = (bb_clock_ops){fake_mono_ms, fake_wall, fake_wall_ms_part, fake_synchronized};
    c->fake_wall_ms = start * MS_PER_SECOND;
    c->fake_synced = true;
    return c;
}

bb_clock *bb_clock_create_custom(const bb_clock_ops *ops, void *ctx)
{
    if (!ops || !ops->mono_ms || !ops->wall)
        return NULL;
    bb_clock *c = clock_new(CLOCK_CUSTOM);
    if (!c)
        return NULL;
    c->ops = *ops;
    c->ctx = ctx;
    return c;
}

void bb_clock_destroy(bb_clock *clock)
{
    free(clock);
}

uint64_t bb_clock_mono_ms(bb_clock *clock)
{
    return clock->ops.mono_ms(clock->ctx);
}

bb_instant bb_clock_wall(bb_clock *clock)
{
    return clock->ops.wall(clock->ctx);
}

void bb_clock_frame(bb_clock *clock, bb_frame_clock *out)
{
    out->mono_ms = bb_clock_mono_ms(clock);
    out->wall = bb_clock_wall(clock);
    out->synced = bb_clock_synchronized(clock);
    out->ms_to_next_second = bb_clock_ms_to_next_second(clock);
    out->replay = false;    /* the clock cannot tell: its owner knows */
}

int64_t bb_frame_clock_wall_ms(const bb_frame_clock *fc)
{
    int to_next = fc->ms_to_next_second > MS_PER_SECOND ? MS_PER_SECOND : fc->ms_to_next_second;
    int past = MS_PER_SECOND - to_next;
    return (int64_t)fc->wall * MS_PER_SECOND + (past > 0 ? past : 0);
}

int bb_clock_ms_to_next_second(bb_clock *clock)
{
    int part = clock->ops.wall_ms_part ? clock->ops.wall_ms_part(clock->ctx) : 0;
    if (part < 0 || part >= MS_PER_SECOND)
        part = 0;
    int wait = MS_PER_SECOND - part;
    /* A replay's seconds pass `speed` times faster than the real
     * milliseconds the caller sleeps. */
    if (clock->kind == CLOCK_REPLAY && clock->speed > 0) {
        double real = wait / clock->speed;
        int whole = real > MS_PER_SECOND ? MS_PER_SECOND : (int)real;
        if (whole < real && whole < MS_PER_SECOND)
            whole++; /* round up: waking early would redraw the same second */
        wait = whole < 1 ? 1 : whole;
    }
    return wait;
}

bool bb_clock_synchronized(bb_clock *clock)
{
    return clock->ops.synchronized ? clock->ops.synchronized(clock->ctx) : true;
}

void bb_clock_fake_advance(bb_clock *clock, uint64_t ms)
{
    if (clock->kind != CLOCK_FAKE)
        return;
    clock->fake_mono_ms += ms;
    clock->fake_wall_ms += (int64_t)ms;
}

void bb_clock_fake_step_wall(bb_clock *clock, int64_t seconds)
{
    if (clock->kind == CLOCK_FAKE)
        clock->fake_wall_ms += seconds * MS_PER_SECOND;
}

void bb_clock_fake_set_synchronized(bb_clock *clock, bool synced)
{
    if (clock->kind == CLOCK_FAKE)
        clock->fake_synced = synced;
}

static bb_clock *clock_new(clock_kind kind)
{
    bb_clock *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->kind = kind;
    c->ctx = c;
    return c;
}

static uint64_t real_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * MS_PER_SECOND + (uint64_t)ts.tv_nsec / NS_PER_MS;
}

static uint64_t system_mono_ms(void *ctx)
{
    return real_mono_ms();
}

static bb_instant system_wall(void *ctx)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (bb_instant)ts.tv_sec;
}

static int system_wall_ms_part(void *ctx)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int)(ts.tv_nsec / NS_PER_MS);
}

/* The kernel clears STA_UNSYNC once an NTP client (timesyncd, chrony) has
 * disciplined the clock; TIME_ERROR, or a failed call (seccomp), means we
 * cannot tell, which on a Pi without an RTC must count as "not yet". */
static bool system_synchronized(void *ctx)
{
    const bb_clock *c = ctx;
    if (system_wall(ctx) < c->not_before)
        return false;
    if (c->assume_sync)
        return true;
    struct timex tx;
    memset(&tx, 0, sizeof tx); /* modes 0: read only */
    int state = adjtimex(&tx);
    return state != -1 && state != TIME_ERROR && !(tx.status & STA_UNSYNC);
}

static int64_t replay_scaled_ms(const bb_clock *c)
{
    uint64_t elapsed = real_mono_ms() - c->replay_mono0_ms;
    return (int64_t)((double)elapsed * c->speed);
}

static bb_instant replay_wall(void *ctx)
{
    const bb_clock *c = ctx;
    return c->replay_start + replay_scaled_ms(c) / MS_PER_SECOND;
}

static int replay_wall_ms_part(void *ctx)
{
    return (int)(replay_scaled_ms(ctx) % MS_PER_SECOND);
}

static bool always_synchronized(void *ctx)
{
    return true;
}

static uint64_t fake_mono_ms(void *ctx)
{
    return ((const bb_clock *)ctx)->fake_mono_ms;
}

static bb_instant fake_wall(void *ctx)
{
    return floor_div_ms(((const bb_clock *)ctx)->fake_wall_ms);
}

static int fake_wall_ms_part(void *ctx)
{
    int64_t ms = ((const bb_clock *)ctx)->fake_wall_ms;
    return (int)(ms - floor_div_ms(ms) * MS_PER_SECOND);
}

static bool fake_synchronized(void *ctx)
{
    return ((const bb_clock *)ctx)->fake_synced;
}

/* Seconds of a millisecond count, rounded down (before 1970 too). */
static int64_t floor_div_ms(int64_t ms)
{
    int64_t q = ms / MS_PER_SECOND;
    return ms % MS_PER_SECOND < 0 ? q - 1 : q;
}
