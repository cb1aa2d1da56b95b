/*
 * bb_layout_private: what bb_layout.c and bb_wrap.c share -- the layout's
 * innards and the wrap of one block at one size.  Not for other modules.
 */
#ifndef BB_LAYOUT_PRIVATE_H
#define BB_LAYOUT_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "bb_layout.h"
#include "bb_linebreak.h"

struct bb_layout {
    int px, advance, line_box;
    bool fits, ellipsised;
    int n, cap;
    char **lines;         /* owned, NUL-terminated */
    int *widths;          /* measured, px */
    bool *para_start;     /* the line begins a paragraph (the text's start or after '\n') */
};

typedef struct bb_wrap_result {
    int lines;
    bool overflow;        /* counting: a word too wide or too many lines */
    bool broke_word;      /* building: a word wider than the box was cut */
    bool ellipsised;      /* building: the last allowed line ends with "…" */
    bool failed;          /* the measurer failed, or out of memory */
} bb_wrap_result;

/*
 * Greedy line breaking of text[0..len) (no outer white space) over its
 * breaks brks, measured with m at px, into box_w pixels, at most `limit`
 * lines (>= 1).  With out == NULL it only counts, and stops with overflow
 * at the first word wider than the box or line past the limit: the probe of
 * a size search.  Otherwise it appends the lines to out, cutting a word
 * wider than the box between characters and ending the last allowed line
 * with "…" when text remains.
 */
bb_wrap_result bb_wrap(const char *text, size_t len, const bb_breaks *brks, const bb_measurer *m,
                       int px, int box_w, int limit, bb_layout *out);

#endif
