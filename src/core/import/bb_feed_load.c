/*
 * bb_feed_load: a feed file decoded in a sandboxed child (bb_sandbox), so
 * that a crash, a runaway allocation or an endless loop in libxml2 costs a
 * refused feed instead of the display (issue #16, deliver 1).
 *
 * Unlike a schedule (validated in the child, parsed again in the parent),
 * the child hands back the result itself: a feed is small (a title and at
 * most BB_FEED_MAX_ITEMS items), so a wire format is a few lines, and
 * libxml2 never parses the untrusted document in the display's process.
 *
 * Wire format, in the child's native byte order (the parent is the same
 * program): records of one tag byte and fixed fields, texts as a uint32
 * length and the bytes.
 *   'D' severity int32, line int32, text    a diagnostic, in order
 *   'F' kind int32, has_title int32[, text] the feed (none: no feed)
 *   'I' has_time int32, time int64, line int32, text   an item, in order
 */
#define _GNU_SOURCE   /* memmem */
#include "bb_feed.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bb_file.h"
#include "bb_sandbox.h"

/* Test hook, as the picture decoder's (bb_picture_decode): with this
 * variable set, a feed containing the marker makes its decoder child take
 * its time, so tests can check that the display goes on meanwhile.  It
 * can do nothing a hostile feed could not already try. */
#define TEST_HOOK_ENV "BRIEFBOARD_TEST_DECODER"
#define TEST_MARK_SLOW "briefboard-test-decoder:slow"
#define TEST_SLOW_MS 2000

/* What a child may hand back: 64 items of at most 4 KiB each, the
 * diagnostics and the framing. */
#define WIRE_MAX_BYTES (1024 * 1024)

typedef struct wire {
    char *buf;
    size_t len, cap;
    bool failed;
} wire;

typedef struct feed_job {
    const char *data;
    size_t len;
    const char *name;
} feed_job;

static int decode_in_child(void *arg, int out_fd);
static void put(wire *w, const void *p, size_t n);
static void put_i32(wire *w, int32_t v);
static void put_text(wire *w, const char *s);
static bb_feed *unpack(const char *buf, size_t len, const char *name, bb_diag_list *diags);
static bool get(const char **p, const char *end, void *out, size_t n);
static char *get_text(const char **p, const char *end);

bb_feed *bb_feed_load(const char *path, const char *name, bb_diag_list *diags)
{
    bb_sandbox_limits lim = bb_sandbox_default_limits();
    return bb_feed_load_limited(path, name, &lim, diags);
}

bb_feed *bb_feed_load_limited(const char *path, const char *name,
                              const bb_sandbox_limits *lim, bb_diag_list *diags)
{
    /* One path for waiting and background decoding: start, wait, finish. */
    bb_feed *feed = NULL;
    bb_sandbox_job *job = bb_feed_load_start(path, name, lim, diags, &feed);
    if (!job)
        return feed;
    bb_sandbox_job_wait(job);
    feed = bb_feed_load_finish(job, name, lim, diags);
    bb_sandbox_job_destroy(job);
    return feed;
}

bb_sandbox_job *bb_feed_load_start(const char *path, const char *name,
                                   const bb_sandbox_limits *lim, bb_diag_list *diags,
                                   bb_feed **done)
{
    *done = NULL;
    bb_file_data file;
    bb_file_status st = bb_file_read(path, BB_FEED_MAX_BYTES, 0, &file);
    if (st != BB_FILE_OK) {
        char why[256];
        bb_diag_add(diags, BB_ERROR, name, 0, "%s",
                    bb_file_describe(st, &file, "the feed", BB_FEED_MAX_BYTES, why, sizeof why));
        return NULL;
    }
    /* The child gets its own copy of the bytes at the fork: they may go
     * as soon as it is started. */
    feed_job fj = {file.data, file.len, name};
    bb_sandbox_job *job = bb_sandbox_start(lim, decode_in_child, &fj, WIRE_MAX_BYTES);
    if (!job) {
        bb_diag_add(diags, BB_WARNING, name, 0,
                    "could not start a separate decoder process; the feed is read without one");
        *done = bb_feed_parse(file.data, file.len, name, diags);
    }
    free(file.data);
    return job;
}

bb_feed *bb_feed_load_finish(bb_sandbox_job *job, const char *name,
                             const bb_sandbox_limits *lim, bb_diag_list *diags)
{
    bb_sandbox_status ss = bb_sandbox_job_poll(job);
    if (ss != BB_SANDBOX_OK) {
        char why[128];
        bb_diag_add(diags, BB_ERROR, name, 0, "the feed was refused: its decoder %s",
                    bb_sandbox_reason(ss, lim, why, sizeof why));
        return NULL;
    }
    size_t out_len = 0;
    char *out = bb_sandbox_job_take(job, &out_len);
    bb_feed *feed = unpack(out, out_len, name, diags);
    free(out);
    return feed;
}

/* --- static functions --- */

/* In the child: parse, pack the diagnostics and the feed, write them. */
static int decode_in_child(void *arg, int out_fd)
{
    feed_job *job = arg;
    if (getenv(TEST_HOOK_ENV) &&
        memmem(job->data, job->len, TEST_MARK_SLOW, strlen(TEST_MARK_SLOW)))
        nanosleep(&(struct timespec){TEST_SLOW_MS / 1000, TEST_SLOW_MS % 1000 * 1000000L}, NULL);
    bb_diag_list *diags = bb_diag_list_create();
    if (!diags)
        return 1;
    bb_feed *feed = bb_feed_parse(job->data, job->len, job->name, diags);
    wire w = {0};
    for (int i = 0; i < bb_diag_count(diags); i++) {
        const bb_diag *d = bb_diag_get(diags, i);
        put(&w, "D", 1);
        put_i32(&w, (int32_t)d->severity);
        put_i32(&w, (int32_t)d->line);
        put_text(&w, d->message);
    }
    if (feed) {
        put(&w, "F", 1);
        put_i32(&w, (int32_t)feed->kind);
        put_i32(&w, feed->title != NULL);
        if (feed->title)
            put_text(&w, feed->title);
        for (int i = 0; i < feed->n_items; i++) {
            const bb_feed_item *it = &feed->items[i];
            int64_t t = (int64_t)it->time;
            put(&w, "I", 1);
            put_i32(&w, it->has_time);
            put(&w, &t, sizeof t);
            put_i32(&w, (int32_t)it->line);
            put_text(&w, it->title);
        }
    }
    int rc = (w.failed || bb_file_write_all(out_fd, w.buf, w.len) < 0) ? 1 : 0;
    /* The child exits next: no need to free, but tidy for leak checkers. */
    free(w.buf);
    bb_feed_destroy(feed);
    bb_diag_list_destroy(diags);
    return rc;
}

static void put(wire *w, const void *p, size_t n)
{
    if (w->failed)
        return;
    if (w->len + n > w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 4096;
        while (cap < w->len + n)
            cap *= 2;
        char *grown = cap <= WIRE_MAX_BYTES ? realloc(w->buf, cap) : NULL;
        if (!grown) {
            w->failed = true;
            return;
        }
        w->buf = grown;
        w->cap = cap;
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void put_i32(wire *w, int32_t v)
{
    put(w, &v, sizeof v);
}

static void put_text(wire *w, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    put(w, &n, sizeof n);
    put(w, s, n);
}

/* The parent's side: rebuild the diagnostics (under name) and the feed.  A
 * truncated or malformed message (it cannot be, short of a bug) refuses the
 * feed rather than show half of it. */
static bb_feed *unpack(const char *buf, size_t len, const char *name, bb_diag_list *diags)
{
    const char *p = buf ? buf : "", *end = p + (buf ? len : 0);
    bb_feed *feed = NULL;
    int cap = 0;
    while (p < end) {
        char tag = *p++;
        int32_t a = 0, b = 0;
        int64_t t = 0;
        char *text = NULL;
        if (tag == 'D' && get(&p, end, &a, 4) && get(&p, end, &b, 4) &&
            (text = get_text(&p, end))) {
            bb_diag_add(diags, a == BB_ERROR ? BB_ERROR : BB_WARNING, name, b, "%s", text);
            free(text);
        } else if (tag == 'F' && !feed && get(&p, end, &a, 4) && get(&p, end, &b, 4) &&
                   (!b || (text = get_text(&p, end))) && (feed = calloc(1, sizeof *feed))) {
            feed->kind = a == BB_FEED_ATOM ? BB_FEED_ATOM : BB_FEED_RSS;
            feed->title = text;
        } else if (tag == 'I' && feed && feed->n_items < BB_FEED_MAX_ITEMS &&
                   get(&p, end, &a, 4) && get(&p, end, &t, 8) && get(&p, end, &b, 4) &&
                   (text = get_text(&p, end))) {
            if (feed->n_items == cap) {
                int ncap = cap ? cap * 2 : 8;
                bb_feed_item *grown = realloc(feed->items, (size_t)ncap * sizeof *grown);
                if (!grown) {
                    free(text);
                    goto bad;
                }
                feed->items = grown;
                cap = ncap;
            }
            feed->items[feed->n_items++] = (bb_feed_item){text, a != 0, (bb_instant)t, b};
        } else {
            free(text);
            goto bad;
        }
    }
    return feed;
bad:
    bb_feed_destroy(feed);
    bb_diag_add(diags, BB_ERROR, name, 0, "the feed was refused: its decoder's answer was "
                "cut short");
    return NULL;
}

static bool get(const char **p, const char *end, void *out, size_t n)
{
    if ((size_t)(end - *p) < n)
        return false;
    memcpy(out, *p, n);
    *p += n;
    return true;
}

static char *get_text(const char **p, const char *end)
{
    uint32_t n;
    if (!get(p, end, &n, sizeof n) || (size_t)(end - *p) < n)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    memcpy(s, *p, n);
    s[n] = '\0';
    *p += n;
    return s;
}
