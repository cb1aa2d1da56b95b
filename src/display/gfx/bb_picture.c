/*
 * bb_picture: see bb_picture.h -- the display's half: the cache and the
 * decoders under way (the child's half is bb_picture_decode).  The cache
 * is the one piece of state at file scope in the display library:
 * pictures outlive the scenes made of them (a slide's scene is made each
 * time it comes round), and the scene API takes no owner for them.
 */
#include "bb_picture.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bb_deadline.h"
#include "bb_file.h"
#include "bb_imghead.h"
#include "bb_picture_decode.h"
#include "bb_sandbox.h"

typedef struct picture_entry {
    char *path;
    long long size, mtime_ns;
    int area_w, area_h;  /* what was asked for */
    bool cover;
    bool vector;
    int src_w, src_h;    /* a bitmap's own size, to see whether another area gives the same plan */
    picture_plan plan;
    SDL_Surface *surf;   /* NULL: a refusal */
    char *buf;           /* the child's reply the surface's pixels point into */
    char *why;           /* a refusal's reason */
    unsigned long used;  /* recency stamp */
} picture_entry;

/* A decode under way: the child and what it was asked for. */
typedef struct decode_slot {
    bb_sandbox_job *job;   /* NULL: the slot is free */
    bb_sandbox_limits lim;
    char *path;
    long long size, mtime_ns;
    int area_w, area_h;
    bool cover;
} decode_slot;

/* What decode_start did. */
typedef enum start_result {
    START_RUNNING,   /* a child decodes it: *slot */
    START_REFUSED,   /* refused from its header, no child: *entry */
    START_BUSY,      /* every decoder is busy: asked again when one finishes */
    START_FAILED,    /* no child could be started: out->why says why; try again later */
    START_NOMEM
} start_result;

/* Pictures in the first BB_PICTURE_CACHE slots, refusals (a reason, a few
 * bytes) in the rest: a show of many pictures must not push a refusal out
 * and so try a hostile file again each round. */
#define SLOTS (BB_PICTURE_CACHE + BB_PICTURE_REFUSALS)
static picture_entry cache[SLOTS];
static decode_slot decoding[BB_PICTURE_DECODERS];
static unsigned long clock_stamp;
static int decodes;
static unsigned generation;   /* decodes finished, and cache clears */
static bool background;       /* bb_picture_set_background */

static picture_entry *cache_find(const char *path, const struct stat *st, int w, int h, bool cover);
static picture_entry *cache_store(picture_entry *fresh);
static decode_slot *decode_find(const char *path, const struct stat *st, int w, int h, bool cover);
static start_result decode_start(const char *path, const struct stat *st, int w, int h, bool cover,
                                 decode_slot **slot, picture_entry **entry, bb_picture *out);
static picture_entry *decode_finish(decode_slot *d);
static void decode_drop(decode_slot *d);
static long long mtime_ns_of(const struct stat *st);
static picture_entry *cache_last_good(const char *path);
static int refused(const char *path, bool keep, bb_picture *out);
static picture_entry *cache_slot(bool refusal);
static void entry_free(picture_entry *e);
static int probe(const char *path, bb_img_head *head, char *why, size_t why_len);
static int take_reply(char *buf, size_t len, picture_entry *e, char *why, size_t why_len);

int bb_picture_get(const char *path, int area_w, int area_h, bool cover, bb_picture *out)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (!path || stat(path, &st) != 0) {
        snprintf(out->why, sizeof out->why, "cannot open it: %s",
                 path ? strerror(errno) : "no file named");
        return refused(path, false, out);
    }
    picture_entry *e = cache_find(path, &st, area_w, area_h, cover);
    if (!e) {
        decode_slot *d = decode_find(path, &st, area_w, area_h, cover);
        if (!d) {
            switch (decode_start(path, &st, area_w, area_h, cover, &d, &e, out)) {
            case START_FAILED:
                return refused(path, false, out);
            case START_NOMEM:
                out->refused = true;
                return -1;
            default:
                break;   /* running, refused from its header, or busy */
            }
        }
        if (d && !background) {
            /* A preview or --check: this caller waits for the child. */
            bb_sandbox_job_wait(d->job);
            if (!(e = decode_finish(d))) {
                snprintf(out->why, sizeof out->why, "out of memory");
                out->refused = true;
                return -1;
            }
        }
        if (!e) {
            /* Decoding in the background: the last good picture, if any,
             * meanwhile; bb_picture_poll takes the result. */
            out->pending = true;
            picture_entry *good = cache_last_good(path);
            if (!good)
                return -1;
            out->surf = good->surf;
            out->vector = good->vector;
            return 0;
        }
    }
    e->used = ++clock_stamp;
    if (e->surf) {
        out->surf = e->surf;
        out->vector = e->vector;
        return 0;
    }
    snprintf(out->why, sizeof out->why, "%s", e->why);
    return refused(path, true, out);
}

void bb_picture_set_background(bool on)
{
    background = on;
}

int bb_picture_poll(void)
{
    int done = 0;
    for (int i = 0; i < BB_PICTURE_DECODERS; i++)
        if (decoding[i].job && bb_sandbox_job_poll(decoding[i].job) != BB_SANDBOX_RUNNING) {
            decode_finish(&decoding[i]);
            done++;
        }
    return done;
}

int bb_picture_pollfds(struct pollfd *fds, int max)
{
    int n = 0;
    for (int i = 0; i < BB_PICTURE_DECODERS && n < max; i++) {
        int fd = decoding[i].job ? bb_sandbox_job_fd(decoding[i].job) : -1;
        if (fd >= 0)
            fds[n++] = (struct pollfd){.fd = fd, .events = POLLIN};
    }
    return n;
}

int64_t bb_picture_ms_until_due(void)
{
    int64_t due = BB_DEADLINE_NONE;
    for (int i = 0; i < BB_PICTURE_DECODERS; i++)
        if (decoding[i].job)
            due = bb_deadline_min(due, bb_sandbox_job_ms_left(decoding[i].job));
    return due;
}

unsigned bb_picture_generation(void)
{
    return generation;
}

void bb_picture_cache_clear(void)
{
    for (int i = 0; i < BB_PICTURE_DECODERS; i++)
        decode_drop(&decoding[i]);
    for (int i = 0; i < SLOTS; i++)
        entry_free(&cache[i]);
    generation++;
}

int bb_picture_deadline_ms(int area_w, int area_h)
{
    long long px = (long long)(area_w > 0 ? area_w : 1) * (area_h > 0 ? area_h : 1);
    if (px > 3840LL * 2160)   /* an area is never larger than a 4K screen */
        px = 3840LL * 2160;
    return 5000 + (int)(px * 3 / 2000);   /* 1.5 ms per thousand pixels */
}

int bb_picture_decodes(void)
{
    return decodes;
}

/* --- static functions --- */

static picture_entry *cache_find(const char *path, const struct stat *st, int w, int h, bool cover)
{
    long long mtime_ns = mtime_ns_of(st);
    for (int i = 0; i < SLOTS; i++) {
        picture_entry *e = &cache[i];
        if (!e->path || strcmp(e->path, path) != 0 || e->size != (long long)st->st_size ||
            e->mtime_ns != mtime_ns)
            continue;
        if (!e->surf)
            return e;   /* refused: not tried again until the file changes */
        if (e->vector) {
            /* An SVG serves only the size it was drawn for. */
            if (e->area_w == w && e->area_h == h && e->cover == cover)
                return e;
            continue;
        }
        /* A bitmap serves any area for which it would be cut and scaled
         * the same way (a small one: any area it does not overflow). */
        picture_plan p = bb_picture_plan(e->src_w, e->src_h, w, h, cover);
        if (memcmp(&p, &e->plan, sizeof p) == 0)
            return e;
    }
    return NULL;
}

/* fresh (path, why and version set) into the cache, which then owns what
 * it holds; returns its entry. */
static picture_entry *cache_store(picture_entry *fresh)
{
    picture_entry *e = cache_slot(fresh->surf == NULL);
    entry_free(e);
    *e = *fresh;
    memset(fresh, 0, sizeof *fresh);
    return e;
}

static decode_slot *decode_find(const char *path, const struct stat *st, int w, int h, bool cover)
{
    for (int i = 0; i < BB_PICTURE_DECODERS; i++) {
        decode_slot *d = &decoding[i];
        if (d->job && strcmp(d->path, path) == 0 && d->size == (long long)st->st_size &&
            d->mtime_ns == mtime_ns_of(st) && d->area_w == w && d->area_h == h &&
            d->cover == cover)
            return d;
    }
    return NULL;
}

/*
 * Begin decoding path (as st says it is now) for an area: the display's
 * own look at its header first, then a child.  See start_result.
 */
static start_result decode_start(const char *path, const struct stat *st, int w, int h, bool cover,
                                 decode_slot **slot, picture_entry **entry, bb_picture *out)
{
    decode_slot *d = NULL;
    for (int i = 0; i < BB_PICTURE_DECODERS && !d; i++)
        if (!decoding[i].job)
            d = &decoding[i];
    if (!d && background)
        return START_BUSY;
    if (!d) {
        /* Waiting anyway (a preview): make room by finishing the first. */
        d = &decoding[0];
        bb_sandbox_job_wait(d->job);
        decode_finish(d);
    }
    decodes++;
    char why[BB_PICTURE_WHY] = "";
    bb_img_head head;
    if (probe(path, &head, why, sizeof why) == 0) {
        picture_job job = {path, w, h, cover};
        bb_sandbox_limits lim = bb_sandbox_default_limits();
        lim.deadline_ms = bb_picture_deadline_ms(w, h);
        lim.cpu_seconds = (lim.deadline_ms + 999) / 1000;
        size_t max_out = sizeof(picture_reply) + BB_PICTURE_WHY +
                         (size_t)(w > 0 ? w : 1) * (size_t)(h > 0 ? h : 1) * 4;
        d->path = strdup(path);
        d->job = d->path ? bb_sandbox_start(&lim, bb_picture_decode_in_child, &job, max_out) : NULL;
        if (!d->job) {
            /* No process to decode in (fork failed: memory pressure, a
             * task limit) says nothing about the file: try it again next
             * time rather than refuse it until it changes. */
            decode_drop(d);
            char reason[128];
            snprintf(out->why, sizeof out->why, "its decoder %s",
                     bb_sandbox_reason(BB_SANDBOX_ERROR, &lim, reason, sizeof reason));
            return START_FAILED;
        }
        d->lim = lim;
        d->size = (long long)st->st_size;
        d->mtime_ns = mtime_ns_of(st);
        d->area_w = w;
        d->area_h = h;
        d->cover = cover;
        *slot = d;
        return START_RUNNING;
    }
    picture_entry fresh = {0};
    fresh.path = strdup(path);
    fresh.why = strdup(why[0] ? why : "it could not be decoded");
    fresh.size = (long long)st->st_size;
    fresh.mtime_ns = mtime_ns_of(st);
    if (!fresh.path || !fresh.why) {
        entry_free(&fresh);
        snprintf(out->why, sizeof out->why, "out of memory");
        return START_NOMEM;
    }
    *entry = cache_store(&fresh);
    return START_REFUSED;
}

/* The ended decode d into the cache (its picture, or its refusal with the
 * reason); d is free again.  Returns the entry, NULL when out of memory. */
static picture_entry *decode_finish(decode_slot *d)
{
    picture_entry fresh = {0};
    char why[BB_PICTURE_WHY] = "";
    bb_sandbox_status rc = bb_sandbox_job_poll(d->job);
    if (rc == BB_SANDBOX_OK) {
        size_t len = 0;
        char *buf = bb_sandbox_job_take(d->job, &len);
        fresh.area_w = d->area_w;
        fresh.area_h = d->area_h;
        fresh.cover = d->cover;
        take_reply(buf, len, &fresh, why, sizeof why);
    } else {
        char reason[128];
        snprintf(why, sizeof why, "its decoder %s",
                 bb_sandbox_reason(rc, &d->lim, reason, sizeof reason));
    }
    fresh.path = d->path;
    d->path = NULL;
    fresh.size = d->size;
    fresh.mtime_ns = d->mtime_ns;
    fresh.why = fresh.surf ? NULL : strdup(why[0] ? why : "it could not be decoded");
    decode_drop(d);
    generation++;
    if (!fresh.path || (!fresh.surf && !fresh.why)) {
        entry_free(&fresh);
        return NULL;
    }
    return cache_store(&fresh);
}

/* Stop d's child, if any, and free the slot. */
static void decode_drop(decode_slot *d)
{
    bb_sandbox_job_destroy(d->job);
    free(d->path);
    memset(d, 0, sizeof *d);
}

static long long mtime_ns_of(const struct stat *st)
{
    return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* The most recently used good picture of path, whatever its version. */
static picture_entry *cache_last_good(const char *path)
{
    picture_entry *best = NULL;
    for (int i = 0; i < SLOTS; i++)
        if (cache[i].surf && strcmp(cache[i].path, path) == 0 &&
            (!best || cache[i].used > best->used))
            best = &cache[i];
    return best;
}

/* The file at path as it is now is refused (out->why says why): out gets
 * its last good picture, if any; keep marks that one used, so it stays
 * while it stands in for a remembered refusal.  0, or -1 without one. */
static int refused(const char *path, bool keep, bb_picture *out)
{
    picture_entry *good = path ? cache_last_good(path) : NULL;
    out->refused = true;
    if (!good)
        return -1;
    if (keep)
        good->used = clock_stamp;
    out->surf = good->surf;
    out->vector = good->vector;
    return 0;
}

static picture_entry *cache_slot(bool refusal)
{
    int from = refusal ? BB_PICTURE_CACHE : 0, to = refusal ? SLOTS : BB_PICTURE_CACHE;
    picture_entry *slot = &cache[from];
    for (int i = from; i < to; i++) {
        if (!cache[i].path)
            return &cache[i];
        if (cache[i].used < slot->used)
            slot = &cache[i];
    }
    return slot;
}

static void entry_free(picture_entry *e)
{
    SDL_FreeSurface(e->surf);
    free(e->buf);
    free(e->path);
    free(e->why);
    memset(e, 0, sizeof *e);
}

/* The display's own look at the file: its kind and a bitmap's declared
 * size, from the first BB_PICTURE_HEAD_BYTES.  0 when it may be decoded. */
static int probe(const char *path, bb_img_head *head, char *why, size_t why_len)
{
    bb_file_data file;
    bb_file_status st = bb_file_read(path, BB_PICTURE_HEAD_BYTES, BB_FILE_PREFIX, &file);
    if (st != BB_FILE_OK) {
        bb_file_describe(st, &file, "it", BB_PICTURE_MAX_BYTES, why, why_len);
        return -1;
    }
    int rc = bb_imghead_read((const unsigned char *)file.data, file.len, head, why, why_len);
    free(file.data);
    if (rc == BB_IMGHEAD_BAD)
        return -1;
    return bb_picture_over_budget(head, why, why_len);
}

/* The child's reply into e (its surface pointing into buf, which e then
 * owns), or a refusal's reason into why.  Trusts nothing: a reply whose
 * length disagrees with its header is refused. */
static int take_reply(char *buf, size_t len, picture_entry *e, char *why, size_t why_len)
{
    picture_reply r;
    if (!buf || len < sizeof r) {
        snprintf(why, why_len, "its decoder gave no answer");
        free(buf);
        return -1;
    }
    memcpy(&r, buf, sizeof r);
    if (r.magic == PICTURE_REPLY_MAGIC && r.refused == 1 && r.msg_len < BB_PICTURE_WHY &&
        len == sizeof r + r.msg_len) {
        snprintf(why, why_len, "%.*s", (int)r.msg_len, buf + sizeof r);
        free(buf);
        return -1;
    }
    if (r.magic != PICTURE_REPLY_MAGIC || r.refused != 0 || r.w <= 0 || r.h <= 0 ||
        len != sizeof r + (size_t)r.w * (size_t)r.h * 4) {
        snprintf(why, why_len, "its decoder gave a broken answer");
        free(buf);
        return -1;
    }
    e->surf = SDL_CreateRGBSurfaceWithFormatFrom(buf + sizeof r, r.w, r.h, 32, r.w * 4,
                                                 SDL_PIXELFORMAT_ARGB8888);
    if (!e->surf) {
        snprintf(why, why_len, "%s", SDL_GetError());
        free(buf);
        return -1;
    }
    e->buf = buf;
    e->vector = r.vector != 0;
    e->src_w = r.src_w;
    e->src_h = r.src_h;
    if (!e->vector)
        e->plan = bb_picture_plan(r.src_w, r.src_h, e->area_w, e->area_h, e->cover);
    return 0;
}
