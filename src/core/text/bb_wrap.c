/*
 * bb_wrap: one block of text wrapped at one size.
 *
 * Greedy: each line takes as many break opportunities as fit, measuring the
 * whole candidate line so that kerning and shaping count as the renderer
 * will draw them.  Where a line ends is searched for, not walked to: the
 * first measurement takes at most a window of about two lines' worth of
 * text, its width says where the box ends, and from that guess the search
 * gallops and bisects.  A line costs a few measurements of about a line's
 * length however many words it holds and however long its paragraph is:
 * a wrap costs in proportion to the text it shows (issue #16 row 11:
 * measuring the whole rest of the paragraph for every line made a
 * 4,000-byte text quadratic).
 */
#include "bb_layout_private.h"

#include <stdlib.h>
#include <string.h>

/* What a line may get appended: the ellipsis, or the hyphen shown at a
 * soft hyphen. */
#define SUFFIX_MAX (sizeof BB_ELLIPSIS - 1)
#define SOFT_HYPHEN_SHOWN "-"
#define INITIAL_LINES 4
/* The first measurement of a line takes at most this many lines' worth of
 * bytes, by the bytes per pixel of the wrap's last measurement... */
#define WINDOW_LINES 2
/* ...or before there is one, by this many bytes per em: four-byte
 * characters a quarter of an em wide, more than any real text has. */
#define FIRST_GUESS_BYTES_PER_EM 16.0

/* One wrap at one size. */
typedef struct wrap_job {
    const char *text;
    size_t len;               /* text length with outer white space trimmed */
    const bb_breaks *brks;
    const bb_measurer *m;
    int px, box_w;
    int limit;                /* most lines allowed (>= 1 when building) */
    bool strict;              /* count only; stop at the first overflow */
    bb_layout *out;           /* building: lines go here */
    bool para;                /* the next line begins a paragraph */
    char *scratch;            /* a line with its suffix: len + SUFFIX_MAX + 1 bytes */
    int para_end;             /* index of the hard break ending the current paragraph */
    double bytes_per_px;      /* of the last measurement; 0 before the first */
} wrap_job;

static bb_wrap_result wrap(wrap_job *job);
static int longest_fit(wrap_job *job, size_t line_start, int first, int *width);
static int last_fit(wrap_job *job, size_t line_start, int lo, int hi, const char *suffix,
                    int *width);
static int guess_break(const wrap_job *job, size_t line_start, int fit, int bad);
static size_t window_end(const wrap_job *job, size_t line_start);
static int ellipsise(wrap_job *job, size_t line_start, int first_brk);
static size_t fit_prefix(wrap_job *job, size_t start, size_t end, const char *suffix, int *width);
static size_t cut_after(const wrap_job *job, size_t pos, size_t end);
static int measure_with(wrap_job *job, size_t start, size_t end, const char *suffix);
static int emit(wrap_job *job, size_t start, size_t end, const char *suffix, int width);
static const char *shown_at(const bb_break *b);
static bool drops_before_ellipsis(uint32_t cp);

bb_wrap_result bb_wrap(const char *text, size_t len, const bb_breaks *brks, const bb_measurer *m,
                       int px, int box_w, int limit, bb_layout *out)
{
    wrap_job job = {text, len, brks, m, px, box_w, limit, out == NULL, out, true, NULL, -1, 0};
    job.scratch = malloc(len + SUFFIX_MAX + 1);
    if (!job.scratch) {
        bb_wrap_result r = {0};
        r.failed = true;
        return r;
    }
    bb_wrap_result r = wrap(&job);
    free(job.scratch);
    return r;
}

/*
 * Greedy line breaking over job->brks.  In strict mode a word wider than
 * the box or a line past the limit ends the wrap with overflow; in final
 * mode the word is broken between characters and the last allowed line is
 * ellipsised.
 */
static bb_wrap_result wrap(wrap_job *job)
{
    bb_wrap_result r = {0};
    const bb_breaks *b = job->brks;
    size_t pos = 0;
    int k = 0;
    if (job->len == 0)
        return r;
    for (;;) {
        size_t line_start = pos;
        while (k < b->n && b->v[k].end <= line_start && !b->v[k].hard)
            k++;
        if (k >= b->n)
            break;  /* cannot happen: the text ends with a hard break */
        int first = k, best_w = 0;
        int best = longest_fit(job, line_start, first, &best_w);
        if (best == -2) {
            r.failed = true;
            return r;
        }
        bool last_allowed = r.lines + 1 >= job->limit;
        if (best < 0) {
            /* The first word alone is wider than the box. */
            if (job->strict) {
                r.overflow = true;
                return r;
            }
            size_t word_end = b->v[first].end;
            if (last_allowed) {
                if (ellipsise(job, line_start, first) < 0)
                    goto failed;
                r.lines++;
                r.ellipsised = true;
                return r;
            }
            int w = 0;
            size_t cut = fit_prefix(job, line_start, word_end, "", &w);
            if (cut <= line_start) {
                size_t adv;
                bb_utf8_decode(job->text + line_start, job->len - line_start, &adv);
                cut = line_start + adv;
                while (cut < word_end) {
                    uint32_t cp = bb_utf8_decode(job->text + cut, job->len - cut, &adv);
                    if (!bb_linebreak_is_combining(cp))
                        break;
                    cut += adv;
                }
                w = measure_with(job, line_start, cut, "");
                if (w < 0)
                    goto failed;
            }
            if (emit(job, line_start, cut, "", w) < 0)
                goto failed;
            job->para = false;
            r.lines++;
            r.broke_word = true;
            pos = cut;
            k = first;
            continue;
        }
        const bb_break *chosen = &b->v[best];
        bool more = chosen->next < job->len;
        if (last_allowed && more) {
            if (job->strict) {
                r.lines++;
                r.overflow = true;
                return r;
            }
            if (ellipsise(job, line_start, first) < 0)
                goto failed;
            r.lines++;
            r.ellipsised = true;
            return r;
        }
        if (!job->strict && emit(job, line_start, chosen->end, shown_at(chosen), best_w) < 0)
            goto failed;
        job->para = chosen->hard;
        r.lines++;
        if (!more)
            return r;
        pos = chosen->next;
        k = best + 1;
    }
    return r;
failed:
    r.failed = true;
    return r;
}

/*
 * The last break from `first` up to the paragraph's end whose line from
 * line_start fits the box, its width in *width; -1 when not even the first
 * does, -2 when the measurer fails.
 */
static int longest_fit(wrap_job *job, size_t line_start, int first, int *width)
{
    const bb_breaks *b = job->brks;
    if (job->para_end < first) {
        job->para_end = first;
        while (job->para_end < b->n - 1 && !b->v[job->para_end].hard)
            job->para_end++;
    }
    return last_fit(job, line_start, first, job->para_end, NULL, width);
}

/*
 * The last of breaks lo..hi (lo <= hi) whose line from line_start, with
 * `suffix` after it (NULL: what the break shows), fits the box; its width
 * in *width.  -1 when not even lo's does, -2 when the measurer fails.
 * Widths grow with the line.  The rest up to hi is tried first when it is
 * within the window (most text fits at once); else the first probe goes
 * where the last measurement's bytes per pixel say the box ends -- or,
 * with no such measurement or past the window, the window itself is
 * measured, which bounds the line and says where the box ends.  From that
 * guess the search steps one break, then gallops (2, 4, ...) until it has
 * a break that fits and one that does not, then bisects between them.
 */
static int last_fit(wrap_job *job, size_t line_start, int lo, int hi, const char *suffix,
                    int *width)
{
    const bb_breaks *b = job->brks;
    int fit = lo - 1, bad = hi + 1;   /* the last known to fit, the first known too wide */
    size_t window = window_end(job, line_start);
    int j = hi;
    bool guess = true;                /* the next probe may go where a width says */
    if (b->v[hi].end > window) {
        guess = false;
        j = guess_break(job, line_start, fit, bad);
        if (job->bytes_per_px <= 0 || b->v[j].end > window) {
            int w = measure_with(job, line_start, window, suffix ? suffix : "");
            if (w < 0)
                return -2;
            if (w > job->box_w) {
                bad = lo;   /* every line reaching the window's end is too wide */
                while (bad <= hi && b->v[bad].end < window)
                    bad++;
                if (bad == lo)
                    return -1;
            }
            j = guess_break(job, line_start, fit, bad);
        }
    }
    for (int step = 1;;) {
        int w = measure_with(job, line_start, b->v[j].end, suffix ? suffix : shown_at(&b->v[j]));
        if (w < 0)
            return -2;
        if (w <= job->box_w) {
            fit = j;
            *width = w;
        } else {
            bad = j;
        }
        if (bad - fit <= 1)
            break;
        if (guess) {
            j = guess_break(job, line_start, fit, bad);
            guess = false;
        } else if (bad > hi) {
            j = fit + step < hi ? fit + step : hi;
            step *= 2;
        } else if (fit < lo) {
            j = bad - step > lo ? bad - step : lo;
            step *= 2;
        } else {
            j = fit + (bad - fit) / 2;
        }
    }
    return fit >= lo ? fit : -1;
}

/* The break strictly between fit and bad nearest before where the last
 * measurement's bytes per pixel say a line from line_start fills the box
 * (the last one before bad when there was none). */
static int guess_break(const wrap_job *job, size_t line_start, int fit, int bad)
{
    const bb_breaks *b = job->brks;
    size_t target = job->bytes_per_px > 0
                        ? line_start + (size_t)(job->bytes_per_px * job->box_w) : job->len;
    int j = fit + 1;
    while (j < bad - 1 && b->v[j + 1].end <= target)
        j++;
    return j;
}

/* Where the first measurement of a line from line_start stops: a window of
 * WINDOW_LINES lines by the last measurement's bytes per pixel, after a
 * whole character (it may cut a word); the text's end at the most. */
static size_t window_end(const wrap_job *job, size_t line_start)
{
    double per_px = job->bytes_per_px > 0 ? job->bytes_per_px
                                          : FIRST_GUESS_BYTES_PER_EM / job->px;
    double span = per_px * job->box_w * WINDOW_LINES;
    if (span >= (double)(job->len - line_start))
        return job->len;
    return cut_after(job, line_start + (size_t)span, job->len);
}

/*
 * The last allowed line, with more text after it: the longest prefix up to
 * a break (or, failing that, a character) that still fits with "…" after it.
 */
static int ellipsise(wrap_job *job, size_t line_start, int first_brk)
{
    const bb_breaks *b = job->brks;
    size_t best_end = line_start;
    int best_w = -1;
    int lo = first_brk, hi;
    while (lo < b->n - 1 && b->v[lo].end <= line_start)
        lo++;
    for (hi = lo; hi < b->n - 1 && !b->v[hi].hard; hi++)
        ;
    int found = b->v[lo].end > line_start ? last_fit(job, line_start, lo, hi, BB_ELLIPSIS, &best_w)
                                          : -1;
    if (found == -2)
        return -1;
    if (found >= 0) {
        best_end = b->v[found].end;
    } else {
        best_w = -1;
        size_t word_end = first_brk < b->n ? b->v[first_brk].end : job->len;
        best_end = fit_prefix(job, line_start, word_end, BB_ELLIPSIS, &best_w);
        if (best_end <= line_start) {
            best_w = measure_with(job, line_start, line_start, BB_ELLIPSIS);
            if (best_w < 0)
                return -1;
        }
    }
    size_t end = best_end;
    /* "word,…" reads badly: drop trailing punctuation before the ellipsis. */
    for (;;) {
        size_t start = end;
        while (start > line_start && ((unsigned char)job->text[start - 1] & 0xC0) == 0x80)
            start--;  /* to the first byte of the last character */
        if (start == line_start)
            break;
        start--;
        while (start > line_start && ((unsigned char)job->text[start] & 0xC0) == 0x80)
            start--;
        size_t adv;
        if (!drops_before_ellipsis(bb_utf8_decode(job->text + start, end - start, &adv)))
            break;
        end = start;
    }
    if (end != best_end) {
        best_w = measure_with(job, line_start, end, BB_ELLIPSIS);
        if (best_w < 0)
            return -1;
    }
    return emit(job, line_start, end, BB_ELLIPSIS, best_w);
}

/* Largest cut in (start, end] after a character and its combining marks
 * with text[start..cut) + suffix no wider than the box; start when none.
 * Only for a word wider than the whole box, at the final size; searched as
 * last_fit searches breaks, from a window's worth, galloping then
 * bisecting over bytes. */
static size_t fit_prefix(wrap_job *job, size_t start, size_t end, const char *suffix, int *width)
{
    size_t good = start, bad = end + 1;   /* fits; known too wide (end + 1: none yet) */
    size_t probe = window_end(job, start);
    probe = probe < end ? probe : end;
    *width = 0;
    while (probe > good && probe < bad) {
        int w = measure_with(job, start, probe, suffix);
        if (w < 0)
            break;
        if (w <= job->box_w) {
            good = probe;
            *width = w;
            if (good >= end)
                break;
            probe = bad > end ? cut_after(job, good + (good - start) - 1, end)
                              : cut_after(job, good + (bad - good) / 2 - 1, end);
        } else {
            bad = probe;
            probe = cut_after(job, good + (bad - good) / 2 - 1, end);
        }
    }
    return good;
}

/* The cut after the character holding byte pos and the combining marks
 * that follow it; end at the most. */
static size_t cut_after(const wrap_job *job, size_t pos, size_t end)
{
    if (pos >= end)
        return end;
    while (pos > 0 && ((unsigned char)job->text[pos] & 0xC0) == 0x80)
        pos--;
    size_t adv;
    bb_utf8_decode(job->text + pos, job->len - pos, &adv);
    pos += adv;
    while (pos < end) {
        uint32_t cp = bb_utf8_decode(job->text + pos, job->len - pos, &adv);
        if (!bb_linebreak_is_combining(cp))
            break;
        pos += adv;
    }
    return pos < end ? pos : end;
}

static int measure_with(wrap_job *job, size_t start, size_t end, const char *suffix)
{
    if (end < start)
        end = start;
    size_t n = end - start, sl = strlen(suffix);
    int w;
    if (!sl) {
        w = job->m->width(job->m, job->text + start, n, job->px);
    } else {
        memcpy(job->scratch, job->text + start, n);
        memcpy(job->scratch + n, suffix, sl);
        job->scratch[n + sl] = '\0';
        w = job->m->width(job->m, job->scratch, n + sl, job->px);
    }
    if (w > 0 && n > 0)
        job->bytes_per_px = (double)n / w;   /* for the next window */
    return w;
}

static int emit(wrap_job *job, size_t start, size_t end, const char *suffix, int width)
{
    bb_layout *l = job->out;
    if (!l)
        return 0;
    if (end < start)
        end = start;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : INITIAL_LINES;
        char **lines = realloc(l->lines, (size_t)cap * sizeof *lines);
        if (!lines)
            return -1;
        l->lines = lines;
        int *widths = realloc(l->widths, (size_t)cap * sizeof *widths);
        if (!widths)
            return -1;
        l->widths = widths;
        bool *para_start = realloc(l->para_start, (size_t)cap * sizeof *para_start);
        if (!para_start)
            return -1;
        l->para_start = para_start;
        l->cap = cap;
    }
    size_t n = end - start, sl = strlen(suffix);
    char *s = malloc(n + sl + 1);
    if (!s)
        return -1;
    memcpy(s, job->text + start, n);
    memcpy(s + n, suffix, sl);
    s[n + sl] = '\0';
    l->lines[l->n] = s;
    l->widths[l->n] = width;
    l->para_start[l->n] = job->para;
    l->n++;
    return 0;
}

/* What a line ending at break b shows after its text. */
static const char *shown_at(const bb_break *b)
{
    return b->hyphen ? SOFT_HYPHEN_SHOWN : "";
}

/* Spaces and the punctuation that would stand between a cut word and "…":
 * commas, semicolons, colons and dashes, Latin, Arabic and CJK. */
static bool drops_before_ellipsis(uint32_t cp)
{
    static const uint32_t list[] = {' ', ',', ';', ':', '-', 0x2013, 0x2014, 0x060C, 0x061B,
                                    0x3001, 0xFF0C, 0xFF1B, 0xFF1A, 0x00A0};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == cp)
            return true;
    return false;
}
