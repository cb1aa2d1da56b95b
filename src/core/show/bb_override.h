/*
 * bb_override: the emergency message -- a drop-in file whose text, while the
 * file exists and is not blank, takes over the whole screen.
 *
 * Operators (or an alerting system) write the file with any tool: `echo
 * "Evacuate by the north stairs" > /run/briefboard/override.txt`, and remove
 * it to return to the slides.  The file is untrusted input: it is read with a
 * bounded size, never blocks (a FIFO or device is refused), and its text is
 * made valid UTF-8 so the display never fails on it.
 *
 * bb_override_read is the pure part (one read of one file); the handle adds
 * the watching (bb_watch on the file's directory) and the on/off log lines.
 */
#ifndef BB_OVERRIDE_H
#define BB_OVERRIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most of the file that is shown, bytes; the rest is cut (at a whole
 * UTF-8 character) with a warning.  An emergency message is a few lines. */
#define BB_OVERRIDE_MAX_BYTES 2048

/* What a read found, besides the text. */
typedef struct bb_override_info {
    bool truncated;      /* the file was longer than BB_OVERRIDE_MAX_BYTES */
    int bad_bytes;       /* invalid UTF-8 bytes and NULs: the file is refused */
    bool not_regular;    /* the path is not a regular file (refused, off) */
    int error;           /* errno of a failed open/read other than ENOENT, or 0 */
} bb_override_info;

/*
 * Read the override file at path.  Returns 1 with *text set (the caller
 * frees it) when the message is on: valid UTF-8, surrounding white space and
 * a byte-order mark removed, control characters other than newline turned
 * into spaces.  Returns 0 (*text NULL) when it is off: no such file, blank,
 * not a regular file, or unreadable (info->error says why).  info may be
 * NULL.  Returns -1 only when out of memory.
 */
int bb_override_read(const char *path, char **text, bb_override_info *info);

typedef struct bb_override bb_override;

/*
 * Watch the override file `path` (copied; NULL: there is none, and the
 * message is never on).  Reads it at once: a message present at start shows
 * from the first frame.  Returns a handle the caller owns, or NULL when out
 * of memory.  Without inotify the file is still read on bb_override_refresh
 * (SIGUSR1) and every BB_OVERRIDE_POLL_MS.
 */
bb_override *bb_override_create(const char *path, uint64_t now_ms);

/* NULL is a no-op. */
void bb_override_destroy(bb_override *o);

/* Re-read the file now (SIGUSR1, a reload).  Returns true when the message
 * went on, off, or changed.  Logs one line when it goes on and one when off. */
bool bb_override_refresh(bb_override *o);

/* Re-read when the watcher saw the file change (or the fallback poll is
 * due) at now_ms; returns what bb_override_refresh returns, else false. */
bool bb_override_poll(bb_override *o, uint64_t now_ms);

/* Milliseconds until bb_override_poll should be called again, or -1 when
 * there is no override file.  At most BB_OVERRIDE_CHECK_MS: the display loop
 * sleeps on SDL's event queue, not on the watcher's descriptor, so it looks
 * for events this often -- one cheap non-blocking read a second, also in
 * quiet hours, so a message wakes a dark screen within a second. */
int64_t bb_override_ms_until_due(const bb_override *o, uint64_t now_ms);

/* The message on screen, or NULL when off.  Borrowed: valid until the next
 * refresh/poll. */
const char *bb_override_text(const bb_override *o);

/* Replace the watched path after a reload (NULL: none); re-reads. Returns
 * true when the message changed, as bb_override_refresh. */
bool bb_override_set_path(bb_override *o, const char *path, uint64_t now_ms);

/* Without inotify, poll the file this often, ms. */
#define BB_OVERRIDE_POLL_MS 2000
/* Look for watcher events at least this often, ms. */
#define BB_OVERRIDE_CHECK_MS 1000

#endif
