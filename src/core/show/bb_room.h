/*
 * bb_room: what is on now in one room, and what is next, at an instant.
 *
 * Pure functions of (talks, room, timing, now): no clock reads, no globals.
 * The room slide and the tests call these, so a door display and a test
 * agree on which talk is "now".
 */
#ifndef BB_ROOM_H
#define BB_ROOM_H

#include <stdbool.h>

#include "bb_config.h"

/* The talks of a room at an instant, as indices into the talk array. */
typedef struct bb_room_view {
    int now;       /* the talk on now, or -1 */
    int next;      /* the next talk to start in the room, or -1 */
    bool unsynced; /* the wall clock cannot be trusted: both are -1 */
} bb_room_view;

/*
 * Now and next in `room` (exact, case-sensitive match of bb_talk.room) at
 * `now`.  Only dated talks count; postponed and cancelled ones are skipped.
 *
 * "Now" is a talk with start <= now < max(end, start + timing->now_grace_s):
 * a short talk that started late stays "now" for the grace even after its
 * nominal end.  When several qualify (a previous talk overrunning), the one
 * that started last wins: the talk on the door is the one people come for.
 * "Next" is the talk with the earliest start after `now` (ties: the lower
 * index).  With clock_synced false nothing is now or next and `unsynced` is
 * set.  NULL talks (with n 0) or a NULL room give an empty view.
 */
void bb_room_at(const bb_talk *talks, int n, const char *room,
                const bb_timing_settings *timing, bb_instant now, bool clock_synced,
                bb_room_view *out);

/*
 * Seconds from `now` until bb_room_at would give another answer for the
 * room (a start, an end or a grace running out), or -1 when nothing changes
 * any more.  Lets the display rebuild a room slide only when it must.
 */
int64_t bb_room_seconds_to_change(const bb_talk *talks, int n, const char *room,
                                  const bb_timing_settings *timing, bb_instant now);

#endif
