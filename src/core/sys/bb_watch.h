/*
 * bb_watch: notice when the config, its includes or the images it names
 * change on disk, so the display can reload.
 *
 * Editors rarely write a file in place: vim and `sed -i` write a new file
 * and rename it over the old one, deployment tools swap a symlinked
 * directory (`current -> release-2`, Kubernetes ConfigMaps' `..data`), and
 * people delete a file and create it again.  Watching the file's own inode
 * misses all of those, so bb_watch watches the *directories* on the path
 * (every directory that holds the file or a symlink leading to it) and
 * compares names.  After a change the watches are re-resolved, so the
 * watcher follows a swapped directory.
 *
 * A save is usually several events (write temp, rename, chmod); they are
 * coalesced: a reload is due once the watched names have been quiet for
 * BB_WATCH_DEBOUNCE_MS, or at the latest BB_WATCH_MAX_DELAY_MS after the
 * first event of a burst that never goes quiet.
 *
 * Time is the caller's monotonic clock in milliseconds; nothing here reads a
 * clock, so tests drive it by hand.
 */
#ifndef BB_WATCH_H
#define BB_WATCH_H

#include <stdbool.h>
#include <stdint.h>

/* Quiet time after the last event before a reload is due, ms. */
#define BB_WATCH_DEBOUNCE_MS 200
/* Longest a reload waits behind a burst that never goes quiet, ms. */
#define BB_WATCH_MAX_DELAY_MS 2000
/* While the last reload was refused, try again this often, ms. */
#define BB_WATCH_RETRY_MS 3000

typedef struct bb_watch bb_watch;

/*
 * Watch the `n` files in `paths` (relative paths are taken against the
 * working directory now).  The files need not exist: a file created later is
 * noticed.  paths is borrowed: the strings are copied.  Returns a watcher the
 * caller owns (bb_watch_destroy), or NULL when inotify is unavailable or out
 * of memory (errno says which); the caller can run without hot reload then.
 */
bb_watch *bb_watch_create(const char *const *paths, int n);

/* Stops watching and frees everything; NULL is a no-op. */
void bb_watch_destroy(bb_watch *watch);

/* The inotify descriptor, readable when events are waiting; for poll(2).
 * Owned by the watcher. */
int bb_watch_fd(const bb_watch *watch);

/*
 * Replace the watched set, e.g. after a reload added an include or an image.
 * A reload already pending stays pending.  Returns 0, or -1 when out of
 * memory (the old set is kept then).
 */
int bb_watch_set_files(bb_watch *watch, const char *const *paths, int n);

/*
 * Read waiting events without blocking.  Returns true exactly once per burst
 * of changes, when the burst has been quiet for BB_WATCH_DEBOUNCE_MS at
 * now_ms (monotonic ms); false otherwise.  Call it from the loop on every
 * wake-up.
 */
bool bb_watch_poll(bb_watch *watch, uint64_t now_ms);

/*
 * Milliseconds from now_ms until bb_watch_poll would return true, 0 when it
 * is already due, or -1 when no change is pending (and no retry is set).
 * Events not yet read are not counted: call bb_watch_poll first.
 */
int64_t bb_watch_ms_until_due(const bb_watch *watch, uint64_t now_ms);

/*
 * Retry: with retry_ms > 0, bb_watch_poll also returns true every retry_ms
 * (counted from now_ms) while no change is pending; 0 turns it off.  A call
 * with the value already set changes nothing, so the loop may call it on
 * every iteration with "is the config refused?".  For a
 * refused config: a reload fails because of a file the last good config did
 * not name -- an @include that does not exist yet -- so creating that file
 * would otherwise go unnoticed and the error marker would stay.
 */
void bb_watch_set_retry(bb_watch *watch, uint64_t retry_ms, uint64_t now_ms);

struct bb_config;

/*
 * Every file a config depends on: the main file, its @includes, external
 * schedules, slide images and the footer logo.  bb_watch_create_for_config
 * and bb_watch_set_config are bb_watch_create and bb_watch_set_files on that
 * list, with the same ownership and failure returns; cfg is only read.
 */
bb_watch *bb_watch_create_for_config(const struct bb_config *cfg);
int bb_watch_set_config(bb_watch *watch, const struct bb_config *cfg);

/* How many directory watches are in place (tests and debug logging). */
int bb_watch_count_dirs(const bb_watch *watch);

#endif
