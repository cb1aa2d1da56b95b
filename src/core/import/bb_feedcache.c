/*
 * bb_feedcache: see bb_feedcache.h.
 */
#include "bb_feedcache.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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
    unsigned long used;    /* recency stamp */
} feed_entry;

static feed_entry *entry_for(const char *path);
static void entry_free(feed_entry *e);
static file_key key_of(const char *path);
static bool same_key(const file_key *a, const file_key *b);

static feed_entry cache[BB_FEEDCACHE_SLOTS];
static unsigned long clock_stamp;
static int reads;

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
        bb_diag_list *diags = bb_diag_list_create();
        if (!diags)
            return -1;
        bb_feed *feed = bb_feed_load(path, name, diags);
        reads++;
        bb_diag_list_destroy(e->diags);
        e->diags = diags;
        e->key = key;
        e->refused = feed == NULL;
        if (feed) {
            bb_feed_destroy(e->good);
            e->good = feed;
        }
        out->news = true;
    }
    /* A good copy is current as long as the file it came from is: a
     * fetched feed's confirmation moves on while the file stays. */
    if (!e->refused)
        e->good_as_of = as_of;
    out->feed = e->good;
    out->refused = e->refused;
    out->as_of = e->good_as_of;
    out->diags = e->diags;
    return e->good ? 0 : -1;
}

void bb_feedcache_clear(void)
{
    for (int i = 0; i < BB_FEEDCACHE_SLOTS; i++)
        entry_free(&cache[i]);
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

static void entry_free(feed_entry *e)
{
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
