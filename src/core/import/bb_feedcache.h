/*
 * bb_feedcache: the feeds the slides show, kept between two readings.
 *
 * A feed slide is made again every minute (its ages move on) and each time
 * it comes round; each time it asks here.  The file is read (bb_feed_load:
 * the sandboxed decoder) only when it changed -- another size, time or
 * inode -- so an unchanged feed costs a stat, not a decoder child a
 * minute.  When the file as it is now is refused (it went missing, it no
 * longer parses, its decoder was stopped) the last good copy of that path
 * is kept and handed out with the refusal, so the slide keeps showing its
 * items, marked as not updated since that copy, instead of a placeholder.
 *
 * Two ways to wait for a reading, as with pictures (bb_picture).  By
 * default bb_feedcache_get waits for the decoder child (previews, --check,
 * tests).  The running display sets bb_feedcache_set_background: then a
 * changed file starts the child and the call returns at once with
 * `pending` and the last good copy (if any); the display's loop sleeps on
 * the children's pipes (bb_feedcache_pollfds) with their deadlines
 * (bb_feedcache_ms_until_due), bb_feedcache_poll takes each result in, and
 * whoever was handed a pending feed asks again once
 * bb_feedcache_generation changes.  So a slow or hostile feed never stops
 * the screen for its decoder's 5 s.  Both ways run the same child through
 * the same code (bb_feed_load_start / bb_feed_load_finish).
 *
 * Why at file scope and not a handle: the feeds outlive the scenes made of
 * them, and the scene API takes no owner for them -- the same reason as
 * the picture cache (bb_picture), which it follows; both are emptied
 * together when the compositor goes (bb_compose_destroy).
 */
#ifndef BB_FEEDCACHE_H
#define BB_FEEDCACHE_H

#include <poll.h>
#include <stdbool.h>
#include <stdint.h>

#include "bb_diag.h"
#include "bb_feed.h"
#include "bb_time.h"

/* Feed files kept (least recently asked for goes first). */
#define BB_FEEDCACHE_SLOTS 16

/* What bb_feedcache_get found. */
typedef struct bb_feedcache_result {
    const bb_feed *feed;        /* owned by the cache, valid until the next bb_feedcache_get
                                 * or bb_feedcache_clear: the file as it is now, or when
                                 * refused its last good copy; NULL when there never was one */
    bool refused;               /* the file as it is now could not be read: diags say why */
    bool news;                  /* this call is the first to hand out the reading of the
                                 * file as it is now: a refusal to log (once per version
                                 * of the file) */
    bool pending;               /* the file as it is now is being read in the background
                                 * (bb_feedcache_set_background): feed, if set, is the
                                 * last good copy; ask again once bb_feedcache_generation
                                 * changes */
    bb_instant as_of;           /* when the copy in feed was current: the as_of given with
                                 * it (with a refusal: when the good copy was last asked
                                 * for); 0 when none was given */
    const bb_diag_list *diags;  /* owned by the cache: the problems of the last reading of
                                 * the file (errors when refused, else warnings); NULL
                                 * when memory ran out, or while the first reading of
                                 * the file is pending */
} bb_feedcache_result;

/*
 * The feed at path (name as shown in messages, e.g. the file's base name or
 * its URL), read again only when the file changed.  as_of: when the file
 * as it is now was current (its modification time, or the fetch service's
 * last confirmation), kept with a good copy; 0 when unknown.  Returns 0
 * with out->feed set (possibly the last good copy of a refused file), or
 * -1 with out->feed NULL (refused with no good copy, or out of memory).
 */
int bb_feedcache_get(const char *path, const char *name, bb_instant as_of,
                     bb_feedcache_result *out);

/* Read changed files in the background (true: the running display) or
 * wait for each reading (false, the default).  Process-wide; set once at
 * start. */
void bb_feedcache_set_background(bool on);

/* Read the background decoders' pipes without blocking, stop those past
 * their deadline, and take every reading that ended into the cache.
 * Returns how many ended. */
int bb_feedcache_poll(void);

/* The descriptors of the background decoders, POLLIN, into fds[0..max):
 * the loop's sleep wakes on them.  Returns how many (0: none running;
 * never more than BB_FEEDCACHE_SLOTS). */
int bb_feedcache_pollfds(struct pollfd *fds, int max);

/* Milliseconds until bb_feedcache_poll must run for a decoder's deadline
 * even if its pipe stays silent; negative (BB_DEADLINE_NONE) when none
 * runs. */
int64_t bb_feedcache_ms_until_due(void);

/* A number that changes whenever a background reading ends or the cache
 * is cleared: something built with a pending feed is out of date then. */
unsigned bb_feedcache_generation(void);

/* Frees every kept feed and stops every background decoder (at teardown,
 * or to give memory back). */
void bb_feedcache_clear(void);

/* How many times a feed file was read since the start (the cache's
 * misses), for tests. */
int bb_feedcache_reads(void);

#endif
