/*
 * bb_feed: the latest items of an RSS 2.0 or Atom 1.0 feed, for a feed
 * slide.
 *
 * A pure decoder: bytes in, a title and dated items out, problems as
 * diagnostics naming the file and the line.  The document is untrusted:
 * it is read through bb_xml (no network, no DTD, no entities, libxml2's
 * depth limits), its size and the items kept are capped, and every text is
 * cleaned for the screen as schedule texts are (bb_imp_text).
 */
#ifndef BB_FEED_H
#define BB_FEED_H

#include <stdbool.h>
#include <stddef.h>

#include "bb_diag.h"
#include "bb_time.h"

/* Limits for untrusted feeds, each with its unit. */
#define BB_FEED_MAX_BYTES (4 * 1024 * 1024)   /* per document; news feeds are ~100 KiB */
#define BB_FEED_MAX_ITEMS 64                  /* items kept, newest first */
#define BB_FEED_MAX_DEPTH 8                   /* elements below a title (Atom xhtml) */
#define BB_FEED_AGE_BUF 32

typedef enum bb_feed_kind { BB_FEED_RSS, BB_FEED_ATOM } bb_feed_kind;

typedef struct bb_feed_item {
    char *title;          /* owned, never NULL */
    bool has_time;
    bb_instant time;      /* pubDate / published / updated, UTC */
    int line;             /* of the item in the document */
} bb_feed_item;

typedef struct bb_feed {
    bb_feed_kind kind;
    char *title;          /* owned; NULL when the feed has none */
    bb_feed_item *items;  /* newest first; undated ones last, in document order */
    int n_items;
} bb_feed;

/*
 * Decode len bytes (need not be NUL-terminated) of an RSS or Atom document.
 * name is the file as shown in messages.  Problems go to diags: an error
 * when the document is no feed at all (not XML, another root element, too
 * large), a warning for an item that cannot be shown or dated.  Returns a
 * feed the caller owns (bb_feed_destroy), or NULL after an error or when
 * memory runs out (an error says so).
 */
bb_feed *bb_feed_parse(const char *data, size_t len, const char *name, bb_diag_list *diags);

/* The same from a file (bb_file_read, at most BB_FEED_MAX_BYTES), decoded
 * in a sandboxed child (bb_sandbox_default_limits): a crash, a limit hit or
 * a timeout there is an error "the feed was refused: its decoder ..." and
 * NULL, never harm to the caller. */
bb_feed *bb_feed_load(const char *path, const char *name, bb_diag_list *diags);

/* bb_feed_load with the child's limits given (tests make them tight). */
struct bb_sandbox_limits;
bb_feed *bb_feed_load_limited(const char *path, const char *name,
                              const struct bb_sandbox_limits *lim, bb_diag_list *diags);

/*
 * bb_feed_load_limited in two halves, so a display decodes a feed while
 * its loop goes on (bb_feedcache): read the file and start the child,
 * returning at once.  Returns the job (the caller's: bb_sandbox_job_fd to
 * wait on, bb_sandbox_job_poll, then bb_feed_load_finish), or NULL when
 * no child runs: then *done is the feed already decided -- NULL with an
 * error in diags when the file could not be read, or the feed parsed in
 * this process (with a warning) when no child could be started.
 */
struct bb_sandbox_job;
struct bb_sandbox_job *bb_feed_load_start(const char *path, const char *name,
                                          const struct bb_sandbox_limits *lim,
                                          bb_diag_list *diags, bb_feed **done);

/* The feed an ended job (bb_sandbox_job_poll no longer RUNNING) decoded,
 * its diagnostics into diags; NULL when refused (an error says why).  The
 * job stays the caller's to destroy. */
bb_feed *bb_feed_load_finish(struct bb_sandbox_job *job, const char *name,
                             const struct bb_sandbox_limits *lim, bb_diag_list *diags);

/* Frees the feed; NULL is a no-op. */
void bb_feed_destroy(bb_feed *feed);

/*
 * How long before `now` an item appeared, for the screen: "just now",
 * "12 min ago", "2 h ago", "3 d ago".  A time ahead of now (a publisher's
 * clock running fast) reads "just now".  buf gets at least
 * BB_FEED_AGE_BUF bytes.
 */
void bb_feed_age(bb_instant when, bb_instant now, char *buf, size_t len);

/*
 * Parse an RFC 822 / RFC 2822 date as RSS uses it ("Sat, 01 Feb 2025
 * 09:40:00 +0000"; the weekday and seconds optional, zones +HHMM, GMT, UT,
 * Z and the US abbreviations).  Returns 0, or -1 when text is no such date.
 */
int bb_feed_parse_rfc822(const char *text, bb_instant *out);

/* Parse an RFC 3339 date-time as Atom uses it (fractions of a second
 * ignored).  Returns 0, or -1. */
int bb_feed_parse_rfc3339(const char *text, bb_instant *out);

#endif
