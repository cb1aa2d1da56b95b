/*
 * bb_layout: fitting text into a box -- the largest size that fits, word
 * wrapping, and an ellipsis when even the smallest readable size does not.
 *
 * Pure and SDL-free: all it knows about fonts is a bb_measurer, a callback
 * that tells the width of a run of UTF-8 at a pixel size.  The display plugs
 * in a real one (bb_text_measurer in bb_text.h); tests plug in a fake one
 * ("every character is 0.5 * px wide").
 *
 * The algorithm, for one block of text:
 *   1. Binary search the largest pixel size in [min_px, max_px] at which the
 *      text, wrapped to box_w, fits in max_lines lines and in box_h, no word
 *      wider than the box.  Explicit '\n' always breaks.  Breaks are allowed
 *      after spaces, after a hyphen or dash that follows a letter, and
 *      between two CJK characters (except before closing or after opening
 *      punctuation): see bb_linebreak.h.
 *   2. If even min_px does not fit: lay out at min_px, break over-long words
 *      between characters, keep as many lines as max_lines and box_h allow,
 *      and end the last kept line with "…" (U+2026).  The result says it did
 *      not fit, so --check can report the slide.
 *
 * Vertical metrics: lines are `advance` pixels apart, advance =
 * round(px * line_height); a block of n lines is (n - 1) * advance + the
 * measurer's line box height (its ascent + descent, for that text) tall.
 */
#ifndef BB_LAYOUT_H
#define BB_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "bb_linebreak.h"  /* break rules, and bb_utf8_decode */

/* Baseline-to-baseline distance as a factor of the pixel size, when a
 * bb_fit_params leaves line_height at 0. */
#define BB_LINE_HEIGHT_DEFAULT 1.25

/* The ellipsis appended to the last line of text that does not fit. */
#define BB_ELLIPSIS "\xE2\x80\xA6"

typedef struct bb_measurer bb_measurer;

/*
 * How wide text is.  `ctx` and `style` belong to the implementation (bb_text
 * puts its bb_fonts* and the font weight there).
 */
struct bb_measurer {
    /* Advance width in pixels of text[0..len) set as one line (shaped, in
     * visual order) at pixel size px.  Negative on failure. */
    int (*width)(const bb_measurer *m, const char *text, size_t len, int px);
    /* Height in pixels of one line's box (ascent + descent) for text[0..len)
     * at px: the whole block's text is passed, so a block with Arabic can get
     * room for its deeper descenders.  May be NULL: the line box is then the
     * line advance.  Negative on failure. */
    int (*height)(const bb_measurer *m, const char *text, size_t len, int px);
    void *ctx;
    int style;
};

/* What to fit into.  Sizes in pixels. */
typedef struct bb_fit_params {
    int box_w, box_h;     /* the box; box_h <= 0 means unbounded height */
    int max_px, min_px;   /* font pixel size range, 1 <= min_px <= max_px */
    double line_height;   /* baseline advance as a factor of px; 0 = BB_LINE_HEIGHT_DEFAULT */
    int max_lines;        /* 0 = as many as box_h allows; 1 = a single line */
    double block_gap;     /* bb_layout_fit_blocks only: space between blocks, factor of px */
} bb_fit_params;

/* A laid-out block: chosen size and its lines. */
typedef struct bb_layout bb_layout;

/*
 * Fit `text` (UTF-8, may be NULL or empty: zero lines) into p's box with
 * measurer m (borrowed, only used during the call).  Returns a layout the
 * caller owns (bb_layout_destroy), or NULL when out of memory, when the
 * measurer fails, or when p is invalid (box_w <= 0, min_px < 1,
 * min_px > max_px).  Not fitting is not a failure: see bb_layout_fits().
 */
bb_layout *bb_layout_fit(const char *text, const bb_measurer *m, const bb_fit_params *p);

/*
 * Lay out `text` at exactly pixel size px (p's min_px/max_px are ignored):
 * wrap to p->box_w and ellipsise past max_lines / box_h as step 2 above
 * does.  Ownership and failure as bb_layout_fit().
 */
bb_layout *bb_layout_at(const char *text, const bb_measurer *m, const bb_fit_params *p, int px);

/*
 * Fit n blocks (e.g. the bullets of a takeaways slide) at one shared size so
 * they look uniform: each is wrapped to p->box_w, and together, stacked with
 * round(block_gap * px) between them, they must fit p->box_h.  max_lines
 * applies to each block.  If min_px does not fit, lines are taken from the
 * longest blocks first (each keeps at least one) and those end with "…".
 * On success fills out[0..n) with layouts the caller owns and returns the
 * chosen size; returns -1 (out untouched) on the failures of bb_layout_fit.
 * bb_layout_fits() is false on every block when the set did not fit.
 */
int bb_layout_fit_blocks(const char *const *texts, int n, const bb_measurer *m,
                         const bb_fit_params *p, bb_layout **out);

/*
 * Even out the lines of a layout that fits (headings, quotes): re-wrap
 * `text` -- the text the layout was made from, with the same m and p -- at
 * the layout's size to the narrowest width that keeps its line count, so
 * that a two-line heading does not end in one lone word.  Size, line count
 * and height do not change.  Returns 0, also when there is nothing to do
 * (one line, or the layout does not fit), or -1 when out of memory or the
 * measurer fails (the layout is then unchanged).
 */
int bb_layout_balance(bb_layout *layout, const char *text, const bb_measurer *m,
                      const bb_fit_params *p);
/* (bb_layout_balance first tries, for two lines, the break after the
 * strongest punctuation -- colon or semicolon, then a dash, '.', '?' or
 * '!', then a comma when the last line would be one word -- set down to
 * 85 % of the size when the halves need it: "Talks with Russia: / what you
 * need to know".  The size may then get smaller; the height does not grow.) */

/*
 * Balanced line breaking for running text: when the last line of a layout
 * that fits is one stranded word ("...Ambassador Michael / Carpenter") and
 * an even wrap at the same size and line count gives it company, re-wrap
 * `text` (as for bb_layout_balance) that way.  Size, line count and height
 * do not change.
 * Returns 0 (also when nothing changes), -1 when out of memory or the
 * measurer fails (the layout is then unchanged).
 */
int bb_layout_unstrand(bb_layout *layout, const char *text, const bb_measurer *m,
                       const bb_fit_params *p);

/* Frees the layout and its lines; NULL is a no-op. */
void bb_layout_destroy(bb_layout *layout);

/* The chosen pixel size. */
int bb_layout_px(const bb_layout *layout);

/* Number of lines (0 for empty text). */
int bb_layout_line_count(const bb_layout *layout);

/* Line i (0-based) as a NUL-terminated UTF-8 string, without the spaces at
 * the break, with "…" when ellipsised.  Borrowed: lives as long as layout. */
const char *bb_layout_line(const bb_layout *layout, int i);

/* Measured width of line i in pixels. */
int bb_layout_line_width(const bb_layout *layout, int i);

/* True when line i begins a paragraph: it is the first line, or the text
 * had a '\n' before it.  Each paragraph has its own direction. */
bool bb_layout_line_starts_paragraph(const bb_layout *layout, int i);

/* Width of the widest line, pixels. */
int bb_layout_width(const bb_layout *layout);

/* Height of the block, pixels: (lines - 1) * advance + line box (0 when empty). */
int bb_layout_height(const bb_layout *layout);

/* Baseline-to-baseline distance, pixels. */
int bb_layout_advance(const bb_layout *layout);

/* Height of one line's box (the measurer's), pixels. */
int bb_layout_line_box(const bb_layout *layout);

/* True when the whole text fits the box at the chosen size with no
 * ellipsis and no word broken; false means --check should warn. */
bool bb_layout_fits(const bb_layout *layout);

/* True when the last line was cut and ends with "…". */
bool bb_layout_ellipsised(const bb_layout *layout);

#endif
