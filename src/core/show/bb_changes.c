/*
 * bb_changes: the programme's baseline and the marks on its talks.
 */
#include "bb_changes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bb_changes {
    bb_change_record *recs;
    int n, cap;
    bool seen;
};

/* For bsearch over an index of records sorted by id. */
typedef struct by_id {
    const bb_change_record *recs;
} by_id;

static const char *talk_place(const bb_talk *t);
static bool same_text(const char *a, const char *b);
static int record_from_talk(bb_change_record *r, const bb_talk *t);
static void record_free(bb_change_record *r);
static int record_copy(bb_change_record *dst, const bb_change_record *src);
static int push(bb_change_record **v, int *n, int *cap, const bb_change_record *r);
static int *sorted_index(const bb_change_record *recs, int n);
static int find(const bb_change_record *recs, const int *index, int n, const char *id);
static int append_ghost(bb_config *cfg, const bb_change_record *r, bb_instant until);
static bb_instant mark_until(const bb_change_record *r, int change_s);

static const bb_change_record *sort_recs;   /* qsort has no context argument */

bb_changes *bb_changes_create(void)
{
    return calloc(1, sizeof(bb_changes));
}

void bb_changes_destroy(bb_changes *ch)
{
    if (!ch)
        return;
    for (int i = 0; i < ch->n; i++)
        record_free(&ch->recs[i]);
    free(ch->recs);
    free(ch);
}

bool bb_changes_seen(const bb_changes *ch)
{
    return ch && ch->seen;
}

void bb_changes_set_seen(bb_changes *ch)
{
    ch->seen = true;
}

int bb_changes_count(const bb_changes *ch)
{
    return ch ? ch->n : 0;
}

const bb_change_record *bb_changes_get(const bb_changes *ch, int i)
{
    return ch && i >= 0 && i < ch->n ? &ch->recs[i] : NULL;
}

int bb_changes_add(bb_changes *ch, const bb_change_record *rec)
{
    bb_change_record copy;
    if (!rec || !rec->id || record_copy(&copy, rec) < 0)
        return -1;
    if (push(&ch->recs, &ch->n, &ch->cap, &copy) < 0) {
        record_free(&copy);
        return -1;
    }
    return 0;
}

int bb_changes_apply(bb_changes *ch, bb_config *cfg, bb_instant now)
{
    int n_talks = cfg->n_talks;
    int change_s = cfg->timing.change_s;
    bb_change_record *next = NULL;
    int n_next = 0, cap_next = 0, changed = 0;
    int *index = sorted_index(ch->recs, ch->n);
    bool *matched = calloc((size_t)ch->n + 1, sizeof *matched);
    if (!index || !matched)
        goto fail;

    for (int i = 0; i < n_talks; i++) {
        bb_talk *t = &cfg->talks[i];
        bb_change_record cur;
        if (!t->id)
            continue;
        if (record_from_talk(&cur, t) < 0)
            goto fail;
        int k = ch->seen ? find(ch->recs, index, ch->n, t->id) : -2;
        if (k == -1) {
            cur.mark = BB_CHANGE_NEW;
            cur.marked_at = now;
            changed++;
        } else if (k >= 0) {
            const bb_change_record *old = &ch->recs[k];
            unsigned mark = old->mark, add = 0;
            matched[k] = true;
            cur.marked_at = old->marked_at;
            /* A mark that has had its time is gone for good. */
            if (mark && now >= mark_until(old, change_s))
                mark = 0;
            bool was_cancelled = old->cancelled && !old->removed;
            if (old->removed) {
                /* Back in the programme: its removal no longer holds. */
                mark &= ~BB_CHANGE_CANCELLED;
                changed++;
            }
            if (cur.cancelled && !was_cancelled)
                add |= BB_CHANGE_CANCELLED;
            if (!cur.cancelled && was_cancelled)
                mark &= ~BB_CHANGE_CANCELLED;   /* reinstated */
            if (cur.has_start != old->has_start ||
                (cur.has_start && (cur.start != old->start || cur.end != old->end)))
                add |= BB_CHANGE_TIME;
            if (!same_text(cur.place, old->place))
                add |= BB_CHANGE_ROOM;
            if (old->removed && !add)
                add |= BB_CHANGE_NEW;          /* reinstated as it was */
            if (add) {
                mark |= add;
                cur.marked_at = now;
            }
            if (mark != old->mark)
                changed++;
            cur.mark = mark;
        }
        if (change_s > 0 && cur.mark) {
            t->change = cur.mark;
            t->change_until = mark_until(&cur, change_s);
        }
        if (push(&next, &n_next, &cap_next, &cur) < 0) {
            record_free(&cur);
            goto fail;
        }
    }

    /* What the new programme lacks: cancelled, and kept on screen. */
    for (int k = 0; ch->seen && k < ch->n; k++) {
        bb_change_record r;
        if (matched[k] || change_s == 0)
            continue;
        if (record_copy(&r, &ch->recs[k]) < 0)
            goto fail;
        if (!r.removed) {
            r.removed = true;
            r.cancelled = true;
            r.mark = BB_CHANGE_CANCELLED;
            r.marked_at = now;
        }
        bb_instant until = mark_until(&r, change_s);
        if (now >= until) {
            record_free(&r);
            changed++;
            continue;
        }
        if (append_ghost(cfg, &r, until) < 0 || push(&next, &n_next, &cap_next, &r) < 0) {
            record_free(&r);
            goto fail;
        }
        if (!ch->recs[k].removed)
            changed++;
    }

    if (!ch->seen)
        changed++;
    for (int i = 0; i < ch->n; i++)
        record_free(&ch->recs[i]);
    free(ch->recs);
    ch->recs = next;
    ch->n = n_next;
    ch->cap = cap_next;
    ch->seen = true;
    free(index);
    free(matched);
    return changed;

fail:
    for (int i = 0; i < n_next; i++)
        record_free(&next[i]);
    free(next);
    free(index);
    free(matched);
    return -1;
}

unsigned bb_talk_change_at(const bb_talk *talk, bb_instant now)
{
    return talk && talk->change && now < talk->change_until ? talk->change : 0;
}

const char *bb_change_name(unsigned mark)
{
    if (mark & BB_CHANGE_CANCELLED)
        return "cancelled";
    if (mark & BB_CHANGE_NEW)
        return "new";
    if (mark & BB_CHANGE_TIME)
        return "time-changed";
    if (mark & BB_CHANGE_ROOM)
        return "room-changed";
    return "-";
}

void bb_change_badge_text(const bb_talk *t, unsigned mark, const char *lang,
                          bb_clock_format cf, char *buf, size_t len)
{
    char when[BB_CHANGE_TEXT_BUF];
    const char *place = t ? talk_place(t) : NULL;
    if (!buf || !len)
        return;
    buf[0] = '\0';
    if (!t || !mark)
        return;
    if (t->has_start && t->tz) {
        bb_civil c;
        char hm[48];
        bb_tz_to_civil(t->tz, t->start, &c);
        bb_fmt_time(lang, cf, c.hour, c.minute, hm, sizeof hm);
        const char *arg = hm;
        bb_trf(when, sizeof when, lang, "now %s", &arg, 1);
    } else {
        snprintf(when, sizeof when, "%s", bb_tr(lang, "new time"));
    }
    if (mark & BB_CHANGE_CANCELLED) {
        snprintf(buf, len, "%s", bb_tr(lang, "cancelled"));
    } else if (mark & BB_CHANGE_NEW) {
        snprintf(buf, len, "%s", bb_tr(lang, "new"));
    } else if ((mark & BB_CHANGE_TIME) && (mark & BB_CHANGE_ROOM) && place) {
        snprintf(buf, len, "%s \xC2\xB7 %s", when, place);
    } else if (mark & BB_CHANGE_TIME) {
        snprintf(buf, len, "%s", when);
    } else if (mark & BB_CHANGE_ROOM && place) {
        const char *arg = place;
        bb_trf(buf, len, lang, "moved to %s", &arg, 1);
    } else if (mark & BB_CHANGE_ROOM) {
        snprintf(buf, len, "%s", bb_tr(lang, "moved"));
    }
}

int bb_change_parse(const char *word)
{
    static const unsigned flags[] = {BB_CHANGE_CANCELLED, BB_CHANGE_NEW, BB_CHANGE_TIME,
                                     BB_CHANGE_ROOM, 0};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (word && strcmp(word, bb_change_name(flags[i])) == 0)
            return (int)flags[i];
    return -1;
}

/* ---- static ---- */

static const char *talk_place(const bb_talk *t)
{
    return t->room ? t->room : t->venue;
}

static bool same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int record_from_talk(bb_change_record *r, const bb_talk *t)
{
    const char *place = talk_place(t);
    memset(r, 0, sizeof *r);
    r->id = strdup(t->id);
    r->title = strdup(t->title ? t->title : "");
    r->place = place ? strdup(place) : NULL;
    r->has_start = t->has_start;
    r->start = t->has_start ? t->start : 0;
    r->end = t->has_start ? t->end : 0;
    r->cancelled = t->status == BB_STATUS_CANCELLED;
    if (!r->id || !r->title || (place && !r->place)) {
        record_free(r);
        return -1;
    }
    return 0;
}

static void record_free(bb_change_record *r)
{
    free(r->id);
    free(r->title);
    free(r->place);
    memset(r, 0, sizeof *r);
}

static int record_copy(bb_change_record *dst, const bb_change_record *src)
{
    *dst = *src;
    dst->id = strdup(src->id);
    dst->title = strdup(src->title ? src->title : "");
    dst->place = src->place ? strdup(src->place) : NULL;
    if (!dst->id || !dst->title || (src->place && !dst->place)) {
        record_free(dst);
        return -1;
    }
    return 0;
}

static int push(bb_change_record **v, int *n, int *cap, const bb_change_record *r)
{
    if (*n == *cap) {
        int grown_cap = *cap ? *cap * 2 : 64;
        bb_change_record *grown = realloc(*v, (size_t)grown_cap * sizeof *grown);
        if (!grown)
            return -1;
        *v = grown;
        *cap = grown_cap;
    }
    (*v)[(*n)++] = *r;
    return 0;
}

static int cmp_index(const void *a, const void *b)
{
    return strcmp(sort_recs[*(const int *)a].id, sort_recs[*(const int *)b].id);
}

/* Indices of recs sorted by id: a real programme has a thousand talks, and
 * a lookup per talk must not be a scan. */
static int *sorted_index(const bb_change_record *recs, int n)
{
    int *index = malloc(sizeof *index * (size_t)(n ? n : 1));
    if (!index)
        return NULL;
    for (int i = 0; i < n; i++)
        index[i] = i;
    sort_recs = recs;
    qsort(index, (size_t)n, sizeof *index, cmp_index);
    sort_recs = NULL;
    return index;
}

static int find(const bb_change_record *recs, const int *index, int n, const char *id)
{
    int lo = 0, hi = n - 1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        int c = strcmp(id, recs[index[mid]].id);
        if (c == 0)
            return index[mid];
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

/* A removed talk stays until its start has passed, however long that is;
 * any other mark for change_s. */
static bb_instant mark_until(const bb_change_record *r, int change_s)
{
    bb_instant until = r->marked_at + change_s;
    if (r->removed && r->has_start && r->start > until)
        until = r->start;
    return until;
}

/* A removed talk back in cfg->talks, cancelled, in the screen's zone. */
static int append_ghost(bb_config *cfg, const bb_change_record *r, bb_instant until)
{
    bb_talk *grown = realloc(cfg->talks, (size_t)(cfg->n_talks + 1) * sizeof *grown);
    if (!grown)
        return -1;
    cfg->talks = grown;
    bb_talk *t = &cfg->talks[cfg->n_talks];
    memset(t, 0, sizeof *t);
    t->id = strdup(r->id);
    t->title = strdup(r->title ? r->title : "");
    t->room = r->place ? strdup(r->place) : NULL;
    if (!t->id || !t->title || (r->place && !t->room)) {
        free(t->id);
        free(t->title);
        free(t->room);
        return -1;
    }
    t->status = BB_STATUS_CANCELLED;
    t->has_start = r->has_start;
    t->start = r->start;
    t->end = r->end;
    t->tz = cfg->display.tz;
    t->change = BB_CHANGE_CANCELLED;
    t->change_until = until;
    t->removed = true;
    t->src.file = cfg->path;
    cfg->n_talks++;
    return 0;
}
