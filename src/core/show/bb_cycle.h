/*
 * bb_cycle: which slide is on screen, on the monotonic clock.
 *
 * The cycle only ever looks at monotonic milliseconds for its timing, so a
 * wall-clock jump (NTP step, DST) can neither stall nor skip it.  The wall
 * clock is consulted only to decide which slides are eligible
 * (show_from/show_until, countdowns of ended talks).
 */
#ifndef BB_CYCLE_H
#define BB_CYCLE_H

#include <stdbool.h>
#include <stdint.h>

#include "bb_config.h"

typedef struct bb_cycle bb_cycle;

/* A snapshot of the cycle for drawing. */
typedef struct bb_cycle_view {
    int current;          /* slide index in cfg->slides, or -1 when none is eligible */
    int previous;         /* slide being transitioned from, or -1 */
    float progress;       /* 0..1 through the transition; 1 when none runs */
    bool paused;
    int page;             /* the current slide's page (0-based; 0 when it has one) */
    int pages;            /* how many it has, as last told (bb_cycle_set_pages); >= 1 */
} bb_cycle_view;

/* A cycle over cfg's slides, starting at the first eligible one at now_ms.
 * cfg is borrowed and must outlive the cycle (or be swapped with
 * bb_cycle_set_config).  Caller owns the result; NULL when out of memory. */
bb_cycle *bb_cycle_create(const bb_config *cfg, uint64_t now_ms, bb_instant wall,
                          bool clock_synced);

/* NULL is a no-op. */
void bb_cycle_destroy(bb_cycle *cycle);

/*
 * Move the cycle to now_ms: finish transitions, advance past slides whose
 * time is up, skip slides that are not eligible at `wall`.  Returns true when
 * what should be drawn changed (also when a lone slide restarts its time).
 *
 * A slide's time starts with the transition into it, and the next slide
 * starts at the previous one's deadline, not at the (late) update, so the
 * cycle does not drift.  After a stall longer than a whole round the next
 * slide starts at now_ms instead of racing through the missed ones.
 * Eligibility is judged when a slide is chosen: one that stops being
 * eligible while on screen keeps its remaining time.
 */
bool bb_cycle_update(bb_cycle *cycle, uint64_t now_ms, bb_instant wall, bool clock_synced);

/* Milliseconds from now_ms until the cycle next needs an update: the slide's
 * end, or a transition's end (0 when one has ended and update() is due).
 * Frames inside a transition are the caller's business.  With no eligible
 * slide, 1000 (a show_from may pass); when paused, only a transition's end.
 * Never more than a day. */
uint64_t bb_cycle_ms_until_change(const bb_cycle *cycle, uint64_t now_ms);

void bb_cycle_view_get(const bb_cycle *cycle, uint64_t now_ms, bb_cycle_view *out);

/* Operator keys: next/previous eligible slide (with the configured
 * transition), pause/resume (the remaining time is kept). */
void bb_cycle_next(bb_cycle *cycle, uint64_t now_ms, bb_instant wall, bool clock_synced);
void bb_cycle_previous(bb_cycle *cycle, uint64_t now_ms, bb_instant wall, bool clock_synced);
void bb_cycle_toggle_pause(bb_cycle *cycle, uint64_t now_ms);

/*
 * Slide index (-1: none) is not ready to be shown -- the display is still
 * decoding its picture in the background -- so when its turn comes,
 * bb_cycle_update passes over it this round, as if it were not eligible:
 * the round keeps its timing, and the slide comes next round with its
 * picture.  When it is the only other eligible slide, the one on screen
 * shows again instead.  The mark stays until changed (the display sets it
 * before every update).  The operator's keys and cycle.sync do not pass
 * over it: there the slide shows its last good picture, or none, until
 * the picture is ready.
 */
void bb_cycle_set_unready(bb_cycle *cycle, int index);

/*
 * Screens in step (cycle.sync): put the slide the synchronized wall clock
 * says (bb_insync_at at wall_ms, ms since the epoch) on screen, with a
 * transition, and steer the current slide's deadline to the wall clock's
 * next boundary.  Call it after bb_cycle_update on every step.  Returns true
 * when the slide changed.  Does nothing (false) when cfg->cycle.sync is off,
 * the cycle is paused, or clock_synced is false: the monotonic cycle runs
 * on then.  With sync on, bb_cycle_create starts at the wall clock's slide.
 * The operator's next/previous keys last only until the next step.
 */
bool bb_cycle_sync(bb_cycle *cycle, uint64_t now_ms, int64_t wall_ms, bool clock_synced);

/* Jump straight to slide index (no transition), with its full time; used by
 * --slide.  Shows the slide even when it is not eligible; an index out of
 * range is ignored. */
void bb_cycle_show(bb_cycle *cycle, int index, uint64_t now_ms);

/*
 * Swap in a reloaded config.  The slide on screen stays, keeping the time it
 * already had, when the new config still has a slide of the same type and
 * the same text (heading, items, figure, quote, talk, image, ...) at some
 * index; otherwise the cycle continues at the same position (clamped; the
 * next eligible slide from there) from now_ms.  A running transition is
 * dropped.  Call it while the old config is still alive (it is read here),
 * and destroy the old one afterwards: the cycle keeps no pointer into it.
 * A pause survives the reload.
 */
void bb_cycle_set_config(bb_cycle *cycle, const bb_config *cfg, uint64_t now_ms,
                         bb_instant wall, bool clock_synced);

/*
 * Paging: slide `index` has `pages` pages at the current screen (the
 * display learns it when it lays the slide out).  A slide of n > 1 pages
 * shows for n times its page time (the slide's page_seconds, else its
 * duration), each page in turn, with no transition between pages; the
 * view says which page.  Told while the slide is on screen, its deadline
 * moves with the new count (the time it has had is kept).  pages < 1 or an
 * index out of range is ignored.
 */
void bb_cycle_set_pages(bb_cycle *cycle, int index, int pages);

/* The time one page of slide i shows, ms (always positive). */
int bb_slide_page_ms(const bb_config *cfg, int i);

/* Jump straight to page `page` of slide index (no transition), as if it had
 * been showing that long; used by --render-all.  Out of range is ignored;
 * a page past the last known count shows the last. */
void bb_cycle_show_page(bb_cycle *cycle, int index, int page, uint64_t now_ms);

#endif
