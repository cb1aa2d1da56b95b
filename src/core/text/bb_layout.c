/*
 * bb_layout: the size search -- for one block or a stack of blocks -- and
 * the layouts it hands out.
 *
 * The text is cut into break opportunities (bb_linebreak) once per call;
 * each probe of the binary search over sizes is a "strict" wrap (bb_wrap)
 * that only counts lines and gives up at the first overflow.  The chosen
 * size gets a "final" wrap that builds the lines.
 */
#include "bb_layout.h"
#include "bb_layout_private.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* One text of a stack being fitted. */
typedef struct block {
    const char *text;         /* outer white space trimmed */
    size_t len;
    bb_breaks brks;
    bb_layout *made;          /* the final layout, until handed out */
    int lines;                /* lines it has or may keep */
    int box;                  /* its line box at the size being tried, px */
} block;

/* One way of re-wrapping a block (bb_layout_balance, bb_layout_unstrand). */
typedef int (*rewrap_fn)(block *b, const bb_measurer *m, const bb_fit_params *p, int px);

static size_t trimmed_len(const char *text);
static size_t leading_space(const char *text, size_t len);
static int line_limit(const bb_fit_params *p, int advance, int box);
static int advance_for(const bb_fit_params *p, int px);
static int round_px(double v);
static int box_for(const bb_measurer *m, const bb_fit_params *p, const block *b, int px);
static bool params_valid(const bb_fit_params *p);
static bb_layout *layout_new(int px, int advance, int box);
static bb_layout *layout_final(const block *b, const bb_measurer *m, const bb_fit_params *p,
                               int px, int limit);
static bb_wrap_result strict_count(const block *b, const bb_measurer *m, const bb_fit_params *p,
                                   int px, int limit);
static int stack_boxes(block *blocks, int n, const bb_measurer *m, const bb_fit_params *p, int px);
static long stack_height(const block *blocks, int n, int adv, int gap);
static int stack_fits(block *blocks, int n, const bb_measurer *m, const bb_fit_params *p, int px);
static int stack_final(block *blocks, int n, const bb_measurer *m, const bb_fit_params *p, int px);
static int balance(block *b, const bb_measurer *m, const bb_fit_params *p, int px);
static int rewrap(bb_layout *layout, const char *text, const bb_measurer *m,
                  const bb_fit_params *p, rewrap_fn step);
static int heading_break(block *b, const bb_measurer *m, const bb_fit_params *p, int px);
static bool lone_last_word(const bb_layout *l);
static int unstrand(block *b, const bb_measurer *m, const bb_fit_params *p, int px);
static int punctuation_break(block *b, const bb_measurer *m, const bb_fit_params *p, int px);
static int punct_rank(const char *p, size_t left);

/* ---- public functions ---- */

bb_layout *bb_layout_fit(const char *text, const bb_measurer *m, const bb_fit_params *p)
{
    bb_layout *out = NULL;
    if (bb_layout_fit_blocks(&text, 1, m, p, &out) < 0)
        return NULL;
    return out;
}

bb_layout *bb_layout_at(const char *text, const bb_measurer *m, const bb_fit_params *p, int px)
{
    if (!p)
        return NULL;
    bb_fit_params fixed = *p;
    fixed.min_px = fixed.max_px = px;
    return bb_layout_fit(text, m, &fixed);
}

/*
 * One search for every block: the largest size at which each block wraps
 * without a word overflowing and the stack of blocks fits the box.  A single
 * block is just a stack of one.
 */
int bb_layout_fit_blocks(const char *const *texts, int n, const bb_measurer *m,
                         const bb_fit_params *p, bb_layout **out)
{
    if (n < 0 || (n > 0 && (!texts || !out)) || !m || !m->width || !params_valid(p))
        return -1;
    if (n == 0)
        return p->max_px;
    block *blocks = calloc((size_t)n, sizeof *blocks);
    int px = -1;
    if (!blocks)
        return -1;
    for (int i = 0; i < n; i++) {
        const char *s = texts[i] ? texts[i] : "";
        blocks[i].text = s + leading_space(s, strlen(s));
        blocks[i].len = trimmed_len(blocks[i].text);
        if (bb_linebreak_find(blocks[i].text, blocks[i].len, &blocks[i].brks) < 0)
            goto done;
    }

    int lo = p->min_px, hi = p->max_px, best = -1;
    while (lo <= hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (best < 0 && lo == p->min_px && hi == p->max_px)
            mid = hi;  /* most text fits at max: try that first */
        else if (best < 0 && lo == p->min_px && hi == p->max_px - 1)
            mid = lo;  /* then min: text that fits at no size costs two probes, not ten */
        int ok = stack_fits(blocks, n, m, p, mid);
        if (ok < 0)
            goto done;
        if (ok) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    int size = best > 0 ? best : p->min_px;
    if (stack_final(blocks, n, m, p, size) < 0)
        goto done;

    for (int i = 0; i < n; i++) {
        if (best < 0)
            blocks[i].made->fits = false;
        out[i] = blocks[i].made;
        blocks[i].made = NULL;
    }
    px = size;
done:
    for (int i = 0; i < n; i++) {
        free(blocks[i].brks.v);
        bb_layout_destroy(blocks[i].made);
    }
    free(blocks);
    return px;
}

int bb_layout_balance(bb_layout *layout, const char *text, const bb_measurer *m,
                      const bb_fit_params *p)
{
    if (!layout || !m || !m->width || !params_valid(p))
        return -1;
    if (layout->n < 2 || !layout->fits)
        return 0;
    return rewrap(layout, text, m, p, heading_break);
}

int bb_layout_unstrand(bb_layout *layout, const char *text, const bb_measurer *m,
                       const bb_fit_params *p)
{
    if (!layout || !m || !m->width || !params_valid(p))
        return -1;
    if (!lone_last_word(layout))
        return 0;
    return rewrap(layout, text, m, p, unstrand);
}

void bb_layout_destroy(bb_layout *layout)
{
    if (!layout)
        return;
    for (int i = 0; i < layout->n; i++)
        free(layout->lines[i]);
    free(layout->lines);
    free(layout->widths);
    free(layout->para_start);
    free(layout);
}

int bb_layout_px(const bb_layout *layout) { return layout->px; }

int bb_layout_line_count(const bb_layout *layout) { return layout->n; }

const char *bb_layout_line(const bb_layout *layout, int i)
{
    return i >= 0 && i < layout->n ? layout->lines[i] : NULL;
}

int bb_layout_line_width(const bb_layout *layout, int i)
{
    return i >= 0 && i < layout->n ? layout->widths[i] : 0;
}

bool bb_layout_line_starts_paragraph(const bb_layout *layout, int i)
{
    return i >= 0 && i < layout->n && layout->para_start[i];
}

int bb_layout_width(const bb_layout *layout)
{
    int w = 0;
    for (int i = 0; i < layout->n; i++)
        if (layout->widths[i] > w)
            w = layout->widths[i];
    return w;
}

int bb_layout_height(const bb_layout *layout)
{
    return layout->n ? (layout->n - 1) * layout->advance + layout->line_box : 0;
}

int bb_layout_advance(const bb_layout *layout) { return layout->advance; }

int bb_layout_line_box(const bb_layout *layout) { return layout->line_box; }

bool bb_layout_fits(const bb_layout *layout) { return layout->fits; }

bool bb_layout_ellipsised(const bb_layout *layout) { return layout->ellipsised; }




/* ---- stacks of blocks ---- */

/* Sets each block's line box at px (it may depend on the text: Arabic
 * descends deeper than Latin).  Returns the tallest. */
static int stack_boxes(block *blocks, int n, const bb_measurer *m, const bb_fit_params *p, int px)
{
    int tallest = 0;
    for (int i = 0; i < n; i++) {
        blocks[i].box = box_for(m, p, &blocks[i], px);
        if (blocks[i].box > tallest)
            tallest = blocks[i].box;
    }
    return tallest;
}

/* Height of blocks[0..n) stacked, each with its `lines`. */
static long stack_height(const block *blocks, int n, int adv, int gap)
{
    long total = 0;
    int shown = 0;
    for (int i = 0; i < n; i++)
        if (blocks[i].lines > 0)
            total += (long)(blocks[i].lines - 1) * adv + blocks[i].box + (shown++ ? gap : 0);
    return total;
}

/* 1 when every block wraps at px with no overflow and the stack fits
 * box_h, 0 when not, -1 when the measurer fails. */
static int stack_fits(block *blocks, int n, const bb_measurer *m, const bb_fit_params *p, int px)
{
    int adv = advance_for(p, px), gap = round_px(p->block_gap * px);
    stack_boxes(blocks, n, m, p, px);
    for (int i = 0; i < n; i++) {
        /* No block may have more lines than the whole box holds. */
        bb_wrap_result r = strict_count(&blocks[i], m, p, px, line_limit(p, adv, blocks[i].box));
        if (r.failed)
            return -1;
        if (r.overflow)
            return 0;
        blocks[i].lines = r.lines;
        if (p->box_h > 0 && stack_height(blocks, i + 1, adv, gap) > p->box_h)
            return 0;
    }
    return 1;
}

/* Lay every block out at px into blocks[i].made; when the stack is too tall
 * take lines from the longest blocks (each keeps one) and ellipsise them. */
static int stack_final(block *blocks, int n, const bb_measurer *m, const bb_fit_params *p, int px)
{
    int adv = advance_for(p, px), gap = round_px(p->block_gap * px);
    stack_boxes(blocks, n, m, p, px);
    for (int i = 0; i < n; i++) {
        int limit = line_limit(p, adv, blocks[i].box);
        blocks[i].made = layout_final(&blocks[i], m, p, px, limit < 1 ? 1 : limit);
        if (!blocks[i].made)
            return -1;
        blocks[i].lines = blocks[i].made->n;
    }
    if (p->box_h <= 0)
        return 0;
    for (;;) {
        int longest = -1;
        for (int i = 0; i < n; i++)
            if (blocks[i].lines > 1 && (longest < 0 || blocks[i].lines > blocks[longest].lines))
                longest = i;
        if (longest < 0 || stack_height(blocks, n, adv, gap) <= p->box_h)
            break;
        blocks[longest].lines--;
    }
    for (int i = 0; i < n; i++) {
        if (blocks[i].lines == blocks[i].made->n)
            continue;
        bb_layout_destroy(blocks[i].made);
        blocks[i].made = layout_final(&blocks[i], m, p, px, blocks[i].lines);
        if (!blocks[i].made)
            return -1;
    }
    return 0;
}

/* Re-wrap `text`, laid out as `layout`, with step at the layout's size; a
 * new layout step makes is moved into the caller's handle. */
static int rewrap(bb_layout *layout, const char *text, const bb_measurer *m,
                  const bb_fit_params *p, rewrap_fn step)
{
    if (!text)
        text = "";
    block b = {0};
    b.text = text + leading_space(text, strlen(text));
    b.len = trimmed_len(b.text);
    b.made = layout;
    b.box = layout->line_box;
    int r = bb_linebreak_find(b.text, b.len, &b.brks) < 0 ? -1 : step(&b, m, p, layout->px);
    if (r == 0 && b.made != layout) {
        /* Move the new lines into the caller's handle. */
        bb_layout tmp = *layout;
        *layout = *b.made;
        *b.made = tmp;
        bb_layout_destroy(b.made);
    }
    free(b.brks.v);
    return r;
}

/* A two-line heading breaks after its colon (or dash, semicolon, ...) when
 * both halves fit: "Talks with Russia: / what you need to know", not "...:
 * what / you need to know"; else it is balanced. */
static int heading_break(block *b, const bb_measurer *m, const bb_fit_params *p, int px)
{
    const bb_layout *before = b->made;
    int r = punctuation_break(b, m, p, px);
    if (r == 0 && b->made == before)
        r = balance(b, m, p, px);
    return r;
}

/* Does the last line of a wrapped block hold a single word ("...10:00 /
 * CET", "Michael / Carpenter")?  Only a break opportunity inside it says
 * it holds more than one. */
static bool lone_last_word(const bb_layout *l)
{
    if (l->n < 2 || !l->fits || l->para_start[l->n - 1])
        return false;
    const char *last = l->lines[l->n - 1];
    bb_breaks brks = {0};
    if (bb_linebreak_find(last, strlen(last), &brks) < 0)
        return false;
    int found = 0;   /* the hard break at its end does not count */
    for (int i = 0; i < brks.n; i++)
        found += !brks.v[i].hard;
    free(brks.v);
    return found == 0;
}

/* A block whose last line is one stranded word is re-wrapped evenly at the
 * same size and line count: the narrower lines hand the last one a word or
 * more.  Nothing changes when no such wrap exists.  Replaces b->made (the
 * caller owns the old one) or leaves it. */
static int unstrand(block *b, const bb_measurer *m, const bb_fit_params *p, int px)
{
    if (!b->made || !lone_last_word(b->made))
        return 0;
    bb_layout *old = b->made;
    if (balance(b, m, p, px) < 0)
        return -1;
    if (b->made != old && lone_last_word(b->made)) {   /* no better break: keep the first */
        bb_layout_destroy(b->made);
        b->made = old;
    }
    return 0;   /* a new b->made leaves the old one to the caller */
}

/* A heading broken after its punctuation may be set this much smaller than
 * its greedy wrap, no more: "Talks with Russia: / what you need to know". */
#define PUNCT_MIN_SHARE 0.85

/* Strong punctuation a heading may break after, strongest first. */
static int punct_rank(const char *p, size_t left)
{
    if (*p == ':' || *p == ';')
        return 3;
    if (left >= 3 && (strncmp(p, "\u2014", 3) == 0 || strncmp(p, "\u2013", 3) == 0))
        return 2;
    if (*p == '?' || *p == '!' || *p == '.')
        return 2;
    if (*p == ',')
        return 1;
    return 0;
}

/*
 * For a two-line block: the break after the strongest punctuation (then the
 * largest size, then the one nearest the middle) whose two halves each fit
 * one line.  Replaces b->made (the caller owns the old one) or leaves it.
 */
static int punctuation_break(block *b, const bb_measurer *m, const bb_fit_params *p, int px)
{
    if (b->made->n != 2)
        return 0;
    size_t best = 0;
    int best_rank = 0, best_px = 0;
    long best_dist = 0;
    /* The halves may need a slightly smaller size than the greedy wrap:
     * down to PUNCT_MIN_SHARE of it, never below min_px. */
    int floor_px = (int)(px * PUNCT_MIN_SHARE);
    if (floor_px < p->min_px)
        floor_px = p->min_px;
    for (size_t i = 0; i + 1 < b->len; i++) {
        int rank = punct_rank(b->text + i, b->len - i);
        size_t after = i + (b->text[i] & 0x80 ? 3 : 1);
        if (!rank || after >= b->len || b->text[after] != ' ')
            continue;
        int w1 = m->width(m, b->text, after, px);
        int w2 = m->width(m, b->text + after + 1, b->len - after - 1, px);
        if (w1 <= 0 || w2 <= 0)
            continue;
        int wide = w1 > w2 ? w1 : w2;
        int at = wide <= p->box_w ? px : (int)((long)px * p->box_w / wide);
        while (at >= floor_px && (m->width(m, b->text, after, at) > p->box_w ||
                                  m->width(m, b->text + after + 1, b->len - after - 1, at) >
                                      p->box_w))
            at--;
        if (at < floor_px)
            continue;
        long dist = (long)w1 - w2;
        dist = dist < 0 ? -dist : dist;
        if (rank > best_rank || (rank == best_rank && at > best_px) ||
            (rank == best_rank && at == best_px && dist < best_dist)) {
            best = after;
            best_rank = rank;
            best_px = at;
            best_dist = dist;
        }
    }
    /* A comma only when the line would otherwise end in one word. */
    if (!best || (best_rank < 2 && !lone_last_word(b->made)))
        return 0;
    char *copy = malloc(b->len + 1);
    if (!copy)
        return -1;
    memcpy(copy, b->text, b->len);
    copy[b->len] = '\0';
    copy[best] = '\n';
    block forced = *b;
    forced.text = copy;
    forced.brks = (bb_breaks){0};
    int rc = -1;
    if (bb_linebreak_find(copy, b->len, &forced.brks) == 0) {
        forced.box = box_for(m, p, &forced, best_px);
        bb_layout *l = layout_final(&forced, m, p, best_px, 2);
        if (l && l->n == 2 && l->fits) {
            /* One heading, not two paragraphs: the direction stays shared. */
            l->para_start[1] = false;
            b->made = l;
        } else {
            bb_layout_destroy(l);
        }
        rc = l ? 0 : -1;
    }
    free(forced.brks.v);
    free(copy);
    return rc;
}

/*
 * Re-wrap a block that fits to the narrowest width giving the same number
 * of lines: a binary search over widths, each probe a strict wrap.  The
 * lines get even; the block's size and height do not change.  The new
 * layout replaces b->made; the old one is left to the caller.
 */
static int balance(block *b, const bb_measurer *m, const bb_fit_params *p, int px)
{
    int lines = b->made->n;
    if (lines < 2)
        return 0;
    bb_fit_params q = *p;
    int lo = 0, hi = p->box_w;  /* lo too narrow, hi fits */
    while (hi - lo > 1) {
        q.box_w = lo + (hi - lo) / 2;
        bb_wrap_result r = strict_count(b, m, &q, px, lines);
        if (r.failed)
            return -1;
        if (r.overflow)
            lo = q.box_w;
        else
            hi = q.box_w;
    }
    if (hi == p->box_w)
        return 0;
    q.box_w = hi;
    bb_layout *even = layout_final(b, m, &q, px, lines);
    if (!even)
        return -1;
    b->made = even;  /* the caller owns the old one */
    return 0;
}

/* ---- wrapping ---- */

static bb_wrap_result strict_count(const block *b, const bb_measurer *m, const bb_fit_params *p,
                                   int px, int limit)
{
    if (limit < 1 && b->len > 0) {
        bb_wrap_result r = {0};
        r.overflow = true;
        return r;
    }
    return bb_wrap(b->text, b->len, &b->brks, m, px, p->box_w, limit, NULL);
}

static bb_layout *layout_final(const block *b, const bb_measurer *m, const bb_fit_params *p,
                               int px, int limit)
{
    bb_layout *l = layout_new(px, advance_for(p, px), b->box);
    if (!l)
        return NULL;
    bb_wrap_result r = bb_wrap(b->text, b->len, &b->brks, m, px, p->box_w, limit, l);
    if (r.failed) {
        bb_layout_destroy(l);
        return NULL;
    }
    l->ellipsised = r.ellipsised;
    l->fits = !r.ellipsised && !r.broke_word;
    return l;
}

/* ---- helpers ---- */

static bool params_valid(const bb_fit_params *p)
{
    return p && p->box_w > 0 && p->min_px >= 1 && p->min_px <= p->max_px && p->line_height >= 0
           && p->max_lines >= 0 && p->block_gap >= 0;
}

static bb_layout *layout_new(int px, int advance, int box)
{
    bb_layout *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->px = px;
    l->advance = advance;
    l->line_box = box;
    l->fits = true;
    return l;
}

static int advance_for(const bb_fit_params *p, int px)
{
    double f = p->line_height > 0 ? p->line_height : BB_LINE_HEIGHT_DEFAULT;
    int a = round_px(f * px);
    return a < 1 ? 1 : a;
}

/* Round half away from zero, as lround would, without pulling libm into
 * every program that links the core. */
static int round_px(double v)
{
    return v < 0 ? -(int)(-v + 0.5) : (int)(v + 0.5);
}

static int box_for(const bb_measurer *m, const bb_fit_params *p, const block *b, int px)
{
    int h = m->height ? m->height(m, b->text, b->len, px) : -1;
    return h > 0 ? h : advance_for(p, px);
}

/* Lines that fit the box's height at this advance (INT_MAX unbounded),
 * capped by max_lines. */
static int line_limit(const bb_fit_params *p, int advance, int box)
{
    int n = INT_MAX;
    if (p->box_h > 0)
        n = p->box_h < box ? 0 : (p->box_h - box) / advance + 1;
    if (p->max_lines > 0 && p->max_lines < n)
        n = p->max_lines;
    return n;
}



static size_t leading_space(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && strchr(" \t\r\n", text[i]))
        i++;
    return i;
}

static size_t trimmed_len(const char *text)
{
    size_t n = strlen(text);
    while (n > 0 && strchr(" \t\r\n", text[n - 1]))
        n--;
    return n;
}






