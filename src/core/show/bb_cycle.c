/*
 * bb_cycle: which slide is on screen, on the monotonic clock.
 *
 * Timing model.  A slide's time starts when the transition into it starts,
 * so one round of the cycle lasts exactly the sum of the eligible slides'
 * durations, and the transition overlaps the first moments of the new slide.
 * The next slide starts at the previous one's deadline, not at whenever
 * update() happened to be called, so a late frame does not make the cycle
 * drift.  After a long stall (a suspended machine, a debugger) the cycle does
 * not race through the missed slides: it resumes with the next one, now.
 *
 * Eligibility is judged when a slide is chosen.  A slide that stops being
 * eligible while on screen (show_until passes, its talk ends) keeps its
 * remaining time: it was right when chosen, and cutting a sentence off mid-
 * read is worse than showing it a few seconds longer.
 */
#include "bb_cycle.h"

#include <stdlib.h>
#include <string.h>

#include "bb_insync.h"
#include "bb_slide.h"
#include "bb_talk.h"

/* The cycle never asks to sleep longer than this (the header's promise). */
#define CYCLE_MAX_SLEEP_MS ((uint64_t)BB_SECONDS_PER_DAY * 1000)
/* With no eligible slide, look again this often: a show_from may pass. */
#define CYCLE_IDLE_POLL_MS 1000
/* A transition may take at most this fraction of its slide's time (1/n). */
#define CYCLE_TRANSITION_MAX_SHARE 2
#define CYCLE_MS_PER_S 1000

struct bb_cycle {
    const bb_config *cfg;
    int current;             /* -1: nothing eligible, the clock-only screen */
    int last_shown;          /* where to look from when current is -1 */
    uint64_t start_ms;       /* when the current slide's time began */
    uint64_t deadline_ms;    /* when the current slide's time is up */
    int *pages;              /* per slide: pages at the screen (0 or 1: one) */
    int first_page;          /* the page the current slide started on (previews) */
    int n_pages;             /* entries in pages */
    bool paused;
    uint64_t remaining_ms;   /* paused: time left on the current slide */
    int previous;            /* slide being transitioned from, or -1 */
    int unready;             /* a slide to pass over when its turn comes, or -1 */
    uint64_t trans_start_ms;
    uint64_t trans_ms;       /* 0: no transition running */
};

static int find_eligible(const bb_cycle *c, int from, int step, bb_instant wall, bool synced);
static int find_ready(const bb_cycle *c, int from, bb_instant wall, bool synced);
static uint64_t slide_ms(const bb_cycle *c, int index);
static int pages_of(const bb_cycle *c, int index);
static int reset_pages(bb_cycle *c);
static uint64_t transition_ms_for(const bb_cycle *c, int index);
static void enter_slide(bb_cycle *c, int index, uint64_t start_ms, bool transition);
static bool transition_done(const bb_cycle *c, uint64_t now_ms);
static bool same_text(const char *a, const char *b);
static bool same_content(const bb_slide *a, const bb_slide *b);
static bool sync_to_wall(bb_cycle *c, uint64_t now_ms, int64_t wall_ms, bool synced,
                         bool transition);

bb_cycle *bb_cycle_create(const bb_config *cfg, uint64_t now_ms, bb_instant wall,
                          bool clock_synced)
{
    bb_cycle *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->cfg = cfg;
    c->current = -1;
    c->previous = -1;
    c->last_shown = -1;
    c->unready = -1;
    if (reset_pages(c) < 0) {
        free(c);
        return NULL;
    }
    /* In step with other screens from the first frame (a preview with
     * --now renders the slide the wall clock says). */
    if (sync_to_wall(c, now_ms, (int64_t)wall * CYCLE_MS_PER_S, clock_synced, false))
        return c;
    int first = find_eligible(c, -1, 1, wall, clock_synced);
    if (first >= 0)
        enter_slide(c, first, now_ms, false);
    return c;
}

void bb_cycle_destroy(bb_cycle *cycle)
{
    if (cycle)
        free(cycle->pages);
    free(cycle);
}

void bb_cycle_set_pages(bb_cycle *c, int index, int pages)
{
    if (index < 0 || index >= c->n_pages || pages < 1 || pages_of(c, index) == pages)
        return;
    c->pages[index] = pages;
    if (index == c->current) {
        uint64_t ms = slide_ms(c, index);
        c->deadline_ms = c->start_ms + ms;
        if (c->paused && c->remaining_ms > ms)
            c->remaining_ms = ms;
    }
}

int bb_slide_page_ms(const bb_config *cfg, int i)
{
    if (i >= 0 && i < cfg->n_slides && cfg->slides[i].page_seconds > 0)
        return cfg->slides[i].page_seconds * CYCLE_MS_PER_S;
    return bb_slide_duration_ms(cfg, i);
}

void bb_cycle_show_page(bb_cycle *c, int index, int page, uint64_t now_ms)
{
    if (index < 0 || index >= c->cfg->n_slides || page < 0)
        return;
    int last = pages_of(c, index) - 1;
    enter_slide(c, index, now_ms, false);
    c->first_page = page < last ? page : last;
    c->deadline_ms = c->start_ms + slide_ms(c, index);
}

bool bb_cycle_update(bb_cycle *c, uint64_t now_ms, bb_instant wall, bool clock_synced)
{
    bool changed = false;
    if (c->trans_ms && transition_done(c, now_ms)) {
        c->trans_ms = 0;
        c->previous = -1;
        changed = true;
    }
    if (c->current < 0) {
        int next = find_eligible(c, c->last_shown, 1, wall, clock_synced);
        if (next < 0)
            return changed;
        enter_slide(c, next, now_ms, false);
        return true;
    }
    if (c->paused || now_ms < c->deadline_ms)
        return changed;

    int from = c->current;
    /* Chain slides deadline to deadline; at most one round, then give up
     * catching up and start the next slide now (see the top of the file). */
    for (int steps = 0; now_ms >= c->deadline_ms; steps++) {
        int next = find_ready(c, c->current, wall, clock_synced);
        if (next < 0) {
            c->last_shown = c->current;
            c->current = -1;
            c->previous = -1;
            c->trans_ms = 0;
            return true;
        }
        uint64_t start = steps <= c->cfg->n_slides ? c->deadline_ms : now_ms;
        enter_slide(c, next, start, false);
    }
    if (c->current != from) {
        /* One transition from what was on screen to what is now. */
        uint64_t start = c->start_ms;
        c->previous = from;
        c->trans_start_ms = start;
        c->trans_ms = transition_ms_for(c, c->current);
        if (!c->trans_ms || transition_done(c, now_ms)) {
            c->trans_ms = 0;
            c->previous = -1;
        }
    }
    /* Even the same slide again restarts its time: the caller redraws. */
    return true;
}

bool bb_cycle_sync(bb_cycle *c, uint64_t now_ms, int64_t wall_ms, bool clock_synced)
{
    return sync_to_wall(c, now_ms, wall_ms, clock_synced, true);
}

uint64_t bb_cycle_ms_until_change(const bb_cycle *c, uint64_t now_ms)
{
    uint64_t wait = CYCLE_MAX_SLEEP_MS;
    if (c->current < 0)
        wait = CYCLE_IDLE_POLL_MS;
    else if (!c->paused)
        wait = c->deadline_ms > now_ms ? c->deadline_ms - now_ms : 0;
    if (c->current >= 0 && !c->paused && pages_of(c, c->current) > 1 && now_ms >= c->start_ms) {
        /* The next page turn. */
        uint64_t page_ms = (uint64_t)bb_slide_page_ms(c->cfg, c->current);
        uint64_t t = page_ms - (now_ms - c->start_ms) % page_ms;
        if (t < wait)
            wait = t;
    }
    if (c->trans_ms) {
        uint64_t end = c->trans_start_ms + c->trans_ms;
        uint64_t t = end > now_ms ? end - now_ms : 0;
        if (t < wait)
            wait = t;
    }
    return wait < CYCLE_MAX_SLEEP_MS ? wait : CYCLE_MAX_SLEEP_MS;
}

void bb_cycle_view_get(const bb_cycle *c, uint64_t now_ms, bb_cycle_view *out)
{
    out->current = c->current;
    out->paused = c->paused;
    out->previous = -1;
    out->progress = 1.0f;
    out->page = 0;
    out->pages = c->current >= 0 ? pages_of(c, c->current) : 1;
    if (out->pages > 1) {
        /* Paused: the page it was on when paused. */
        uint64_t at = c->paused ? c->deadline_ms - c->remaining_ms : now_ms;
        uint64_t in = at > c->start_ms ? at - c->start_ms : 0;
        uint64_t page = (uint64_t)c->first_page + in / (uint64_t)bb_slide_page_ms(c->cfg, c->current);
        out->page = page < (uint64_t)out->pages ? (int)page : out->pages - 1;
    }
    if (c->trans_ms && !transition_done(c, now_ms)) {
        uint64_t elapsed = now_ms > c->trans_start_ms ? now_ms - c->trans_start_ms : 0;
        out->previous = c->previous;
        out->progress = (float)((double)elapsed / (double)c->trans_ms);
    }
}

void bb_cycle_next(bb_cycle *c, uint64_t now_ms, bb_instant wall, bool clock_synced)
{
    int from = c->current >= 0 ? c->current : c->last_shown;
    int next = find_eligible(c, from, 1, wall, clock_synced);
    if (next >= 0)
        enter_slide(c, next, now_ms, true);
}

void bb_cycle_previous(bb_cycle *c, uint64_t now_ms, bb_instant wall, bool clock_synced)
{
    /* From the clock-only screen "previous" means the last slide shown. */
    int from = c->current >= 0 ? c->current : c->last_shown + 1;
    int prev = find_eligible(c, from, -1, wall, clock_synced);
    if (prev >= 0)
        enter_slide(c, prev, now_ms, true);
}

void bb_cycle_set_unready(bb_cycle *c, int index)
{
    c->unready = index;
}

void bb_cycle_toggle_pause(bb_cycle *c, uint64_t now_ms)
{
    if (c->paused) {
        c->paused = false;
        c->deadline_ms = now_ms + c->remaining_ms;
    } else {
        c->paused = true;
        c->remaining_ms = c->deadline_ms > now_ms ? c->deadline_ms - now_ms : 0;
    }
}

void bb_cycle_show(bb_cycle *c, int index, uint64_t now_ms)
{
    if (index < 0 || index >= c->cfg->n_slides)
        return;
    enter_slide(c, index, now_ms, false);
}

void bb_cycle_set_config(bb_cycle *c, const bb_config *cfg, uint64_t now_ms,
                         bb_instant wall, bool clock_synced)
{
    const bb_config *old = c->cfg;
    int match = -1;
    if (c->current >= 0) {
        const bb_slide *shown = &old->slides[c->current];
        for (int i = 0; i < cfg->n_slides && match < 0; i++)
            if (same_content(shown, &cfg->slides[i]))
                match = i;
    }
    /* The old config dies after this call: drop every index into it. */
    c->cfg = cfg;
    c->previous = -1;
    c->trans_ms = 0;
    if (match >= 0) {
        /* Same slide: it keeps the time it already had on screen. */
        uint64_t old_start = c->start_ms;
        int kept_pages = pages_of(c, c->current);
        (void)old;
        if (reset_pages(c) == 0 && match < c->n_pages)
            c->pages[match] = kept_pages;
        uint64_t new_ms = slide_ms(c, match);
        c->current = match;
        c->last_shown = match;
        c->deadline_ms = old_start + new_ms;
        /* A paused slide keeps what was left, within its new duration. */
        if (c->paused && c->remaining_ms > new_ms)
            c->remaining_ms = new_ms;
        return;
    }
    reset_pages(c);
    int pos = c->current >= 0 ? c->current : c->last_shown;
    if (pos >= cfg->n_slides)
        pos = cfg->n_slides - 1;
    if (pos < 0)
        pos = 0;
    c->current = -1;
    c->last_shown = pos - 1;
    /* Continue at the same position: that slide if it is eligible, else the
     * next one that is (a pause carries over to it, with its full time). */
    int next = find_eligible(c, pos - 1, 1, wall, clock_synced);
    if (next >= 0)
        enter_slide(c, next, now_ms, false);
}

/* The first eligible slide after `from` going by `step` (+1/-1), wrapping
 * round; `from` itself comes last, so a lone eligible slide repeats. */
static int find_eligible(const bb_cycle *c, int from, int step, bb_instant wall, bool synced)
{
    int n = c->cfg->n_slides;
    for (int k = 1; k <= n; k++) {
        int i = ((from + step * k) % n + n) % n;
        if (bb_slide_eligible(c->cfg, i, wall, synced))
            return i;
    }
    return -1;
}

/* The next eligible slide after `from` for the cycle moving on by itself:
 * the unready one is passed over this round, unless nothing else is
 * eligible -- `from` itself comes before it, so a lone other slide shows
 * again rather than the unready one. */
static int find_ready(const bb_cycle *c, int from, bb_instant wall, bool synced)
{
    int n = c->cfg->n_slides;
    for (int k = 1; k <= n && c->unready >= 0; k++) {
        int i = (from + k) % n;
        if (i != c->unready && bb_slide_eligible(c->cfg, i, wall, synced))
            return i;
    }
    return find_eligible(c, from, 1, wall, synced);
}

/* The configured transition, cut short to leave most of the slide still. */
static uint64_t transition_ms_for(const bb_cycle *c, int index)
{
    if (c->cfg->cycle.transition == BB_TRANSITION_CUT || c->cfg->cycle.transition_ms <= 0)
        return 0;
    uint64_t t = (uint64_t)c->cfg->cycle.transition_ms;
    uint64_t cap = (uint64_t)bb_slide_page_ms(c->cfg, index) / CYCLE_TRANSITION_MAX_SHARE;
    return t < cap ? t : cap;
}

/* Make `index` current with its full time from start_ms. */
static void enter_slide(bb_cycle *c, int index, uint64_t start_ms, bool transition)
{
    int from = c->current;
    c->current = index;
    c->last_shown = index;
    c->start_ms = start_ms;
    c->first_page = 0;
    c->deadline_ms = start_ms + slide_ms(c, index);
    if (c->paused)
        c->remaining_ms = slide_ms(c, index);
    c->previous = -1;
    c->trans_ms = 0;
    if (transition && from >= 0 && from != index) {
        c->trans_ms = transition_ms_for(c, index);
        c->trans_start_ms = start_ms;
        c->previous = c->trans_ms ? from : -1;
    }
}

/* cycle.sync: put the slide the wall clock says on screen, with its
 * deadline at the wall clock's next slide boundary.  Returns true when the
 * slide changed; false when sync is off, paused, the clock unsynchronized,
 * nothing eligible, or the right slide is already on (its deadline is
 * steered then, so the monotonic cycle's own changes land on the
 * boundaries). */
static bool sync_to_wall(bb_cycle *c, uint64_t now_ms, int64_t wall_ms, bool synced,
                         bool transition)
{
    bb_insync_pos pos;
    if (!c->cfg->cycle.sync || c->paused || !bb_insync_at(c->cfg, wall_ms, synced, &pos))
        return false;
    bool changed = c->current != pos.slide;
    if (changed)
        enter_slide(c, pos.slide, now_ms, transition);
    c->deadline_ms = now_ms + (uint64_t)pos.ms_left;
    return changed;
}

/* The current length of slide index: its pages' time when it pages. */
static uint64_t slide_ms(const bb_cycle *c, int index)
{
    int pages = pages_of(c, index) - (index == c->current ? c->first_page : 0);
    if (pages_of(c, index) > 1)
        return (uint64_t)(pages > 1 ? pages : 1) * (uint64_t)bb_slide_page_ms(c->cfg, index);
    return (uint64_t)bb_slide_duration_ms(c->cfg, index);
}

static int pages_of(const bb_cycle *c, int index)
{
    return index >= 0 && index < c->n_pages && c->pages[index] > 1 ? c->pages[index] : 1;
}

/* One page per slide of the current config (the display tells the real
 * counts as it lays slides out).  -1 when out of memory: then none pages. */
static int reset_pages(bb_cycle *c)
{
    free(c->pages);
    c->n_pages = 0;
    c->pages = calloc((size_t)(c->cfg->n_slides > 0 ? c->cfg->n_slides : 1), sizeof *c->pages);
    if (!c->pages)
        return -1;
    c->n_pages = c->cfg->n_slides;
    return 0;
}

static bool transition_done(const bb_cycle *c, uint64_t now_ms)
{
    return now_ms >= c->trans_start_ms + c->trans_ms;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* The "same slide" across a reload: same type and the same words on it.
 * Durations, colours or show windows may change; position may change. */
static bool same_content(const bb_slide *a, const bb_slide *b)
{
    if (a->type != b->type || a->items.n != b->items.n)
        return false;
    for (int i = 0; i < a->items.n; i++)
        if (!same_text(a->items.v[i], b->items.v[i]))
            return false;
    return same_text(a->heading, b->heading) && same_text(a->source, b->source) &&
           same_text(a->figure, b->figure) && same_text(a->caption, b->caption) &&
           same_text(a->quote, b->quote) && same_text(a->original, b->original) &&
           same_text(a->lang, b->lang) &&
           same_text(a->attribution, b->attribution) &&
           same_text(a->talk_id, b->talk_id) && same_text(a->title, b->title) &&
           same_text(a->image, b->image);
}
