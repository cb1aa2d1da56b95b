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
 * Why at file scope and not a handle: the feeds outlive the scenes made of
 * them, and the scene API takes no owner for them -- the same reason as
 * the picture cache (bb_picture), which it follows; both are emptied
 * together when the compositor goes (bb_compose_destroy).
 */
#ifndef BB_FEEDCACHE_H
#define BB_FEEDCACHE_H

#include <stdbool.h>

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
    bool news;                  /* this call read the file as it is now for the first time:
                                 * a refusal to log (once per version of the file) */
    bb_instant as_of;           /* when the copy in feed was current: the as_of given with
                                 * it (with a refusal: when the good copy was last asked
                                 * for); 0 when none was given */
    const bb_diag_list *diags;  /* owned by the cache: the problems of the last reading of
                                 * the file (errors when refused, else warnings); NULL
                                 * only when memory ran out */
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

/* Frees every kept feed (at teardown, or to give memory back). */
void bb_feedcache_clear(void);

/* How many times a feed file was read since the start (the cache's
 * misses), for tests. */
int bb_feedcache_reads(void);

#endif
