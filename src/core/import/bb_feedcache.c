/*
 * bb_feedcache: see bb_feedcache.h.
 */
#include "bb_feedcache.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bb_deadline.h"
#include "bb_sandbox.h"

/* A version of a file: what changes when it is rewritten or replaced. */
typedef struct file_key {
    bool exists;
    long long size, mtime_ns;
    unsigned long long ino;
} file_key;

typedef struct feed_entry {
    char *path;            /* NULL: the slot is free */
    file_key key;          /* the version last read */
    bb_diag_list *diags;   /* what that reading found */
    bool refused;          /* that version was refused */
    bb_feed *good;         /* the last good copy, of that version or an earlier one */
    bb_instant good_as_of;
    bool unreported;       /* read in the background, not yet handed out (news) */
    bb_sandbox_job *job;   /* a reading under way (background), else NULL */
    file_key job_key;      /* the version it reads */
    char *job_name;        /* the name its messages go under */
    bb_sandbox_limits lim; /* its limits, for the reason of a refusal */
    unsigned long used;    /* recency stamp */
} feed_entry;

static feed_entry *entry_for(const char *path);
static void entry_free(feed_entry *e);
static file_key key_of(const char *path);
static bool same_key(const file_key *a, const file_key *b);
static void entry_store(feed_entry *e, const file_key *key, bb_feed *feed, bb_diag_list *diags);
static void job_drop(feed_entry *e);

static feed_entry cache[BB_FEEDCACHE_SLOTS];
static unsigned long clock_stamp;
static int reads;
static unsigned generation;   /* background readings finished, and clears */
static bool background;       /* bb_feedcache_set_background */

int bb_feedcache_get(const char *path, const char *name, bb_instant as_of,
                     bb_feedcache_result *out)
{
    memset(out, 0, sizeof *out);
    feed_entry *e = entry_for(path);
    if (!e)
        return -1;
    e->used = ++clock_stamp;
    file_key key = key_of(path);
    if (!e->diags || !same_key(&key, &e->key)) {
        if (e->job && same_key(&key, &e->job_key)) {
            out->pending = true;   /* already being read */
        } else {
            /* A reading of an older version is of no use any more. */
            job_drop(e);
            bb_diag_list *diags = bb_diag_list_create();
            if (!diags)
                return -1;
            bb_feed *feed = NULL;
            bb_sandbox_limits lim = bb_sandbox_default_limits();
            bb_sandbox_job *job = bb_feed_load_start(path, name, &lim, diags, &feed);
            if (job && !background) {
                /* A preview or --check: this caller waits for the child. */
                bb_sandbox_job_wait(job);
                feed = bb_feed_load_finish(job, name, &lim, diags);
                bb_sandbox_job_destroy(job);
                job = NULL;
            } else if (job) {
                e->job_name = strdup(name);
                if (!e->job_name) {
                    bb_sandbox_job_destroy(job);
                    bb_diag_list_destroy(diags);
                    return -1;
                }
                e->job = job;
                e->job_key = key;
                e->lim = lim;
                bb_diag_list_destroy(diags);   /* the child's go into a new list */
                out->pending = true;
            }
            if (!job) {
                entry_store(e, &key, feed, diags);
                e->unreported = false;
                out->news = true;
            }
        }
    }
    if (e->unreported) {
        e->unreported = false;
        out->news = true;
    }
    /* A good copy is current as long as the file it came from is: a
     * fetched feed's confirmation moves on while the file stays. */
    if (!e->refused && !out->pending)
        e->good_as_of = as_of;
    out->feed = e->good;
    out->refused = e->refused;   /* the last reading's, while another is pending */
    out->as_of = e->good_as_of;
    out->diags = e->diags;
    return e->good ? 0 : -1;
}

void bb_feedcache_set_background(bool on)
{
    background = on;
}

int bb_feedcache_poll(void)
{
    int done = 0;
    for (int i = 0; i < BB_FEEDCACHE_SLOTS; i++) {
        feed_entry *e = &cache[i];
        if (!e->job || bb_sandbox_job_poll(e->job) == BB_SANDBOX_RUNNING)
            continue;
        bb_diag_list *diags = bb_diag_list_create();
        bb_feed *feed = diags ? bb_feed_load_finish(e->job, e->job_name, &e->lim, diags) : NULL;
        file_key key = e->job_key;
        job_drop(e);
        if (diags) {
            entry_store(e, &key, feed, diags);
            e->unreported = true;
        }
        generation++;
        done++;
    }
    return done;
}

int bb_feedcache_pollfds(struct pollfd *fds, int max)
{
    int n = 0;
    for (int i = 0; i < BB_FEEDCACHE_SLOTS && n < max; i++) {
        int fd = cache[i].job ? bb_sandbox_job_fd(cache[i].job) : -1;
        if (fd >= 0)
            fds[n++] = (struct pollfd){.fd = fd, .events = POLLIN};
    }
    return n;
}

int64_t bb_feedcache_ms_until_due(void)
{
    int64_t due = BB_DEADLINE_NONE;
    for (int i = 0; i < BB_FEEDCACHE_SLOTS; i++)
        if (cache[i].job)
            due = bb_deadline_min(due, bb_sandbox_job_ms_left(cache[i].job));
    return due;
}

unsigned bb_feedcache_generation(void)
{
    return generation;
}

void bb_feedcache_clear(void)
{
    for (int i = 0; i < BB_FEEDCACHE_SLOTS; i++)
        entry_free(&cache[i]);
    generation++;
}

int bb_feedcache_reads(void)
{
    return reads;
}

/* --- static functions --- */

/* path's entry, or a new one in a free or the least recently used slot;
 * NULL when out of memory. */
static feed_entry *entry_for(const char *path)
{
    feed_entry *slot = &cache[0];
    for (int i = 0; i < BB_FEEDCACHE_SLOTS; i++) {
        if (cache[i].path && strcmp(cache[i].path, path) == 0)
            return &cache[i];
        if (slot->path && (!cache[i].path || cache[i].used < slot->used))
            slot = &cache[i];
    }
    entry_free(slot);
    slot->path = strdup(path);
    return slot->path ? slot : NULL;
}

/* The reading of the version key of e's file (feed: NULL when refused;
 * diags: what it found, now e's). */
static void entry_store(feed_entry *e, const file_key *key, bb_feed *feed, bb_diag_list *diags)
{
    reads++;
    bb_diag_list_destroy(e->diags);
    e->diags = diags;
    e->key = *key;
    e->refused = feed == NULL;
    if (feed) {
        bb_feed_destroy(e->good);
        e->good = feed;
    }
}

/* Stop e's reading under way, if any. */
static void job_drop(feed_entry *e)
{
    bb_sandbox_job_destroy(e->job);
    free(e->job_name);
    e->job = NULL;
    e->job_name = NULL;
}

static void entry_free(feed_entry *e)
{
    job_drop(e);
    free(e->path);
    bb_diag_list_destroy(e->diags);
    bb_feed_destroy(e->good);
    memset(e, 0, sizeof *e);
}

static file_key key_of(const char *path)
{
    file_key k = {0};
    struct stat st;
    if (stat(path, &st) != 0)
        return k;
    k.exists = true;
    k.size = (long long)st.st_size;
    k.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    k.ino = (unsigned long long)st.st_ino;
    return k;
}

static bool same_key(const file_key *a, const file_key *b)
{
    return a->exists == b->exists && a->size == b->size && a->mtime_ns == b->mtime_ns &&
           a->ino == b->ino;
}
