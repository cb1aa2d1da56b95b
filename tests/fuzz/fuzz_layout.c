/*
 * fuzz_layout: text fitting (bb_layout) and line breaking (bb_linebreak) on
 * arbitrary UTF-8 -- or not UTF-8 at all -- with arbitrary boxes and size
 * ranges, measured by a deterministic fake measurer (no fonts needed).
 *
 * Input: 8 parameter bytes, then the text.  Invariants checked beyond "no
 * crash, no leak, no undefined behaviour": break lists are ordered and end
 * with a hard break; the chosen size is within the range asked for; a
 * layout never has more lines than max_lines; one that "fits" is no wider
 * and no taller than its box and is not ellipsised; an ellipsised one ends
 * in "…".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bb_layout.h"
#include "bb_linebreak.h"
#include "fuzz_common.h"

#define FUZZ_LAYOUT_MAX_TEXT 4096
#define PARAM_BYTES 8
#define MAX_BLOCKS 8

/* Advance of one character in 16ths of the pixel size: narrow spaces, wide
 * CJK, zero-width marks, a little variety for the rest. */
static int advance_16ths(uint32_t cp)
{
    if (cp == ' ')
        return 4;
    if (bb_linebreak_is_combining(cp))
        return 0;
    if (cp >= 0x2E80 && cp <= 0x9FFF)
        return 16;
    return 7 + (int)(cp % 4);
}

static int fake_width(const bb_measurer *m, const char *text, size_t len, int px)
{
    long long w = 0;
    (void)m;
    for (size_t i = 0; i < len;) {
        size_t adv;
        uint32_t cp = bb_utf8_decode(text + i, len - i, &adv);
        FUZZ_ASSERT(adv >= 1 && adv <= 4 && adv <= len - i);
        w += advance_16ths(cp);
        i += adv;
    }
    w = w * px / 16;
    return w > INT32_MAX / 2 ? INT32_MAX / 2 : (int)w;
}

static int fake_height(const bb_measurer *m, const char *text, size_t len, int px)
{
    (void)m;
    (void)text;
    (void)len;
    return px + px / 5;
}

static void check_breaks(const char *text, size_t len)
{
    bb_breaks br = {0};
    if (bb_linebreak_find(text, len, &br) == 0) {
        FUZZ_ASSERT(br.n >= 1 && br.v[br.n - 1].hard);
        size_t last_next = 0;
        for (int i = 0; i < br.n; i++) {
            FUZZ_ASSERT(br.v[i].end <= br.v[i].next && br.v[i].next <= len);
            FUZZ_ASSERT(br.v[i].next >= last_next);
            last_next = br.v[i].next;
        }
    }
    free(br.v);
}

static void check_layout(const bb_layout *l, const bb_fit_params *p, bool sized)
{
    int n = bb_layout_line_count(l);
    FUZZ_ASSERT(n >= 0);
    if (sized)
        FUZZ_ASSERT(bb_layout_px(l) >= p->min_px && bb_layout_px(l) <= p->max_px);
    if (p->max_lines > 0)
        FUZZ_ASSERT(n <= p->max_lines);
    for (int i = 0; i < n; i++) {
        FUZZ_ASSERT(bb_layout_line(l, i) != NULL);
        FUZZ_ASSERT(bb_layout_line_width(l, i) >= 0);
    }
    if (bb_layout_fits(l)) {
        FUZZ_ASSERT(!bb_layout_ellipsised(l));
        FUZZ_ASSERT(bb_layout_width(l) <= p->box_w);
        FUZZ_ASSERT(p->box_h <= 0 || bb_layout_height(l) <= p->box_h);
    }
    if (bb_layout_ellipsised(l) && n > 0) {
        const char *last = bb_layout_line(l, n - 1);
        size_t ll = strlen(last), el = strlen(BB_ELLIPSIS);
        FUZZ_ASSERT(ll >= el && strcmp(last + ll - el, BB_ELLIPSIS) == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < PARAM_BYTES || size > PARAM_BYTES + FUZZ_LAYOUT_MAX_TEXT)
        return 0;
    const uint8_t *b = data;
    bb_fit_params p = {0};
    p.box_w = 1 + b[0] * 8;
    p.box_h = (b[1] - 32) * 6;
    p.max_px = 1 + b[2] % 200;
    p.min_px = 1 + b[3] % p.max_px;
    p.max_lines = b[4] % 6;
    p.line_height = b[5] % 4 == 0 ? 0.0 : 0.8 + (b[5] % 16) / 10.0;
    p.block_gap = (b[5] >> 4) / 8.0;
    bb_measurer m = {fake_width, b[6] & 4 ? fake_height : NULL, NULL, 0};

    size_t len = size - PARAM_BYTES;
    char *text = malloc(len + 1);
    FUZZ_ASSERT(text != NULL);
    memcpy(text, data + PARAM_BYTES, len);
    text[len] = '\0';
    check_breaks(text, len);   /* with any NULs inside */
    len = strlen(text);

    bb_layout *l = NULL;
    switch (b[6] % 4) {
    case 0:
        l = bb_layout_fit(text, &m, &p);
        if (l)
            check_layout(l, &p, true);
        break;
    case 1:
        l = bb_layout_at(text, &m, &p, 1 + b[7] % 200);
        if (l)
            check_layout(l, &p, false);
        break;
    case 2:
        l = bb_layout_fit(text, &m, &p);
        if (l && bb_layout_balance(l, text, &m, &p) == 0)
            check_layout(l, &p, true);
        break;
    default: {
        /* Bullets: the text split at '|'. */
        const char *blocks[MAX_BLOCKS];
        int n = 0;
        for (char *s = text; n < MAX_BLOCKS;) {
            blocks[n++] = s;
            char *bar = strchr(s, '|');
            if (!bar)
                break;
            *bar = '\0';
            s = bar + 1;
        }
        bb_layout *out[MAX_BLOCKS];
        int px = bb_layout_fit_blocks(blocks, n, &m, &p, out);
        if (px >= 0) {
            FUZZ_ASSERT(px >= p.min_px && px <= p.max_px);
            for (int i = 0; i < n; i++) {
                check_layout(out[i], &p, true);
                bb_layout_destroy(out[i]);
            }
        }
        break;
    }
    }
    bb_layout_destroy(l);
    free(text);
    return 0;
}
