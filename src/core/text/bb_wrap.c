/*
 * bb_wrap: one block of text wrapped at one size.
 *
 * Greedy: each line takes as many break opportunities as fit, measuring the
 * whole candidate line so that kerning and shaping count as the renderer
 * will draw them.  Each line starts from a guess by the width of the rest
 * of its paragraph, so a line costs three or four measurements however many
 * words it holds.
 */
#include "bb_layout_private.h"

#include <stdlib.h>
#include <string.h>

/* What a line may get appended: the ellipsis, or the hyphen shown at a
 * soft hyphen. */
#define SUFFIX_MAX (sizeof BB_ELLIPSIS - 1)
#define SOFT_HYPHEN_SHOWN "-"
#define INITIAL_LINES 4

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
} wrap_job;

static bb_wrap_result wrap(wrap_job *job);
static int longest_fit(wrap_job *job, size_t line_start, int first, int *width);
static int ellipsise(wrap_job *job, size_t line_start, int first_brk);
static size_t fit_prefix(wrap_job *job, size_t start, size_t end, const char *suffix, int *width);
static int measure_with(wrap_job *job, size_t start, size_t end, const char *suffix);
static int emit(wrap_job *job, size_t start, size_t end, const char *suffix, int width);
static const char *shown_at(const bb_break *b);
static bool drops_before_ellipsis(uint32_t cp);

bb_wrap_result bb_wrap(const char *text, size_t len, const bb_breaks *brks, const bb_measurer *m,
                       int px, int box_w, int limit, bb_layout *out)
{
    wrap_job job = {text, len, brks, m, px, box_w, limit, out == NULL, out, true, NULL};
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
 * does, -2 when the measurer fails.  The rest of the paragraph is tried
 * first (most text fits at once); when it is too wide, its width tells
 * about where the line ends, and the search walks from that guess to the
 * last break that fits: three or four measurements per line, however many
 * words it holds.  Widths grow with the line.
 */
static int longest_fit(wrap_job *job, size_t line_start, int first, int *width)
{
    const bb_breaks *b = job->brks;
    int last = first;
    while (last < b->n - 1 && !b->v[last].hard)
        last++;
    int w = measure_with(job, line_start, b->v[last].end, shown_at(&b->v[last]));
    if (w < 0)
        return -2;
    if (w <= job->box_w) {
        *width = w;
        return last;
    }
    if (first == last)
        return -1;  /* one word, too wide */
    /* The break nearest to where the box's width ends, by bytes. */
    size_t span = b->v[last].end - line_start;
    size_t guess_end = line_start + (size_t)((double)span * job->box_w / (w > 0 ? w : 1));
    int j = first;
    while (j < last - 1 && b->v[j + 1].end <= guess_end)
        j++;
    int fit = -1, bad = last;  /* the last that fits, the first known too wide */
    while (j >= first) {
        w = measure_with(job, line_start, b->v[j].end, shown_at(&b->v[j]));
        if (w < 0)
            return -2;
        if (w <= job->box_w) {
            fit = j;
            *width = w;
            if (j + 1 >= bad)
                break;
            j++;   /* fits: try one word more */
        } else {
            bad = j;
            if (fit >= 0)
                break;
            j--;   /* too wide: one word fewer */
        }
    }
    return fit;
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
    for (int j = first_brk; j < b->n; j++) {
        if (b->v[j].end <= line_start)
            continue;
        int w = measure_with(job, line_start, b->v[j].end, BB_ELLIPSIS);
        if (w < 0)
            return -1;
        if (w > job->box_w)
            break;
        best_end = b->v[j].end;
        best_w = w;
        if (b->v[j].hard)
            break;
    }
    if (best_w < 0) {
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

/* Largest character boundary cut in (start, end] with text[start..cut) +
 * suffix no wider than the box; start when none.  A linear scan: it only
 * runs for a word wider than the whole box, at the final size. */
static size_t fit_prefix(wrap_job *job, size_t start, size_t end, const char *suffix, int *width)
{
    size_t best = start, pos = start;
    *width = 0;
    while (pos < end) {
        size_t adv;
        bb_utf8_decode(job->text + pos, job->len - pos, &adv);
        pos += adv;
        while (pos < end) {
            uint32_t cp = bb_utf8_decode(job->text + pos, job->len - pos, &adv);
            if (!bb_linebreak_is_combining(cp))
                break;
            pos += adv;
        }
        int w = measure_with(job, start, pos, suffix);
        if (w < 0 || w > job->box_w)
            break;
        best = pos;
        *width = w;
    }
    return best;
}

static int measure_with(wrap_job *job, size_t start, size_t end, const char *suffix)
{
    if (end < start)
        end = start;
    if (!*suffix)
        return job->m->width(job->m, job->text + start, end - start, job->px);
    size_t n = end - start, sl = strlen(suffix);
    memcpy(job->scratch, job->text + start, n);
    memcpy(job->scratch + n, suffix, sl);
    job->scratch[n + sl] = '\0';
    return job->m->width(job->m, job->scratch, n + sl, job->px);
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
