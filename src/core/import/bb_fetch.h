/*
 * bb_fetch: where a schedule named by `url` lives on this machine.
 *
 * The display never fetches anything (its unit forbids the network): the
 * fetch service (packaging/briefboard-fetch) asks `briefboard --list-urls`
 * for the URLs and their paths, downloads each into that path, and touches
 * "<path>.ok" whenever the server confirmed the copy (a new download or a
 * 304 Not Modified).  Both sides take the path from bb_fetch_cache_path, so
 * they cannot disagree.
 */
#ifndef BB_FETCH_H
#define BB_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "bb_config.h"
#include "bb_time.h"

/* The folder inside the state directory that holds fetched copies. */
#define BB_FETCH_DIR "fetched"
/* Appended to a copy's path: the stamp whose mtime is the last time the
 * server confirmed the copy. */
#define BB_FETCH_OK_SUFFIX ".ok"
/* A copy older than this many refresh periods is marked on screen
 * ("programme as of 14:05"). */
#define BB_FETCH_STALE_PERIODS 3
/* Room for bb_fetch_stale_text's text, with NUL. */
#define BB_FETCH_STALE_BUF 192

/*
 * Is url one the fetch service may fetch?  http://, https:// or file://,
 * at most BB_MAX_URL_BYTES, no spaces, quotes or control characters (it is
 * passed to curl and printed in tab-separated lines).  Returns 0, or -1
 * with the reason in why (len bytes, may be 0).
 */
int bb_fetch_url_check(const char *url, char *why, size_t len);

/*
 * The fetched copy of url: "<state_dir>/fetched/<name>", name being the
 * URL's last path segment (characters other than letters, digits, '.', '-',
 * '_' made '_', cut to 40 bytes) then '-' and 16 hex digits of a 64-bit
 * FNV-1a hash of the whole URL: readable, and different for different URLs.
 * Returns 0, or -1 when buf (len bytes) is too small or an argument NULL.
 */
int bb_fetch_cache_path(const char *state_dir, const char *url, char *buf, size_t len);

/*
 * When the server last confirmed the copy at path: the mtime of
 * "<path>.ok", else of the copy itself.  Returns false when neither exists.
 */
bool bb_fetch_as_of(const char *path, bb_instant *out);

/*
 * The small on-screen note about cfg's `url` schedules at now, in the
 * screen's language (display.language, its date and clock formats):
 *   "programme as of 14:05"            the oldest copy (in the screen's zone,
 *   "programme as of Sat 1 Feb 14:05"  with the date when not today) is older
 *                                      than BB_FETCH_STALE_PERIODS refreshes
 *   "programme not fetched yet"        a copy is missing
 *   ""                                 all is current, or no `url` schedules
 * Feed slides' URLs are not counted: each feed slide marks its own copy.
 */
void bb_fetch_stale_text(const bb_config *cfg, bb_instant now, char *buf, size_t len);

#endif
