/*
 * bb_room: now/next for one room (see bb_room.h).
 */
#include <stddef.h>
#include <string.h>

#include "bb_room.h"

static bool in_room(const bb_talk *t, const char *room);
static bb_instant now_until(const bb_talk *t, const bb_timing_settings *timing);

void bb_room_at(const bb_talk *talks, int n, const char *room,
                const bb_timing_settings *timing, bb_instant now, bool clock_synced,
                bb_room_view *out)
{
    out->now = -1;
    out->next = -1;
    out->unsynced = !clock_synced;
    if (!clock_synced || !talks || !room || !timing)
        return;
    for (int i = 0; i < n; i++) {
        const bb_talk *t = &talks[i];
        if (!in_room(t, room))
            continue;
        if (t->start <= now && now < now_until(t, timing)) {
            if (out->now < 0 || t->start > talks[out->now].start)
                out->now = i;
        } else if (t->start > now) {
            if (out->next < 0 || t->start < talks[out->next].start)
                out->next = i;
        }
    }
}

int64_t bb_room_seconds_to_change(const bb_talk *talks, int n, const char *room,
                                  const bb_timing_settings *timing, bb_instant now)
{
    int64_t best = -1;
    if (!talks || !room || !timing)
        return -1;
    for (int i = 0; i < n; i++) {
        const bb_talk *t = &talks[i];
        if (!in_room(t, room))
            continue;
        bb_instant edges[2] = {t->start, now_until(t, timing)};
        for (int e = 0; e < 2; e++)
            if (edges[e] > now && (best < 0 || edges[e] - now < best))
                best = edges[e] - now;
    }
    return best;
}

/* --- static functions --- */

static bool in_room(const bb_talk *t, const char *room)
{
    return t->has_start && t->room && strcmp(t->room, room) == 0 &&
           t->status != BB_STATUS_POSTPONED && t->status != BB_STATUS_CANCELLED;
}

/* The end of a talk's "now": its end, or start + grace when that is later. */
static bb_instant now_until(const bb_talk *t, const bb_timing_settings *timing)
{
    bb_instant grace_end = t->start + timing->now_grace_s;
    return t->end > grace_end ? t->end : grace_end;
}
