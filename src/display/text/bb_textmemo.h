/*
 * bb_textmemo: the measures of shaped pieces of text, remembered.
 *
 * Measuring a piece is shaping it (HarfBuzz, through SDL_ttf): tens of
 * thousands of instructions for a talk's title.  Layout measures the same
 * pieces again and again -- a board lays out every room's titles to page
 * them, then the rows of the page it shows, then draws those lines; --check
 * does that at four sizes -- so each (weight, face, size, direction,
 * script, text) is shaped once and its measures looked up after that.
 *
 * A fixed number of slots, each holding one piece (a newer piece for the
 * same slot replaces the older): memory stays bounded however long the
 * display runs and however many live texts ("in 12:04") pass through.
 * Nothing here knows SDL: the caller measures, the memo remembers.
 */
#ifndef BB_TEXTMEMO_H
#define BB_TEXTMEMO_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bb_textmemo bb_textmemo;

/* Slots of a memo (a power of two): the pieces of a few screens' worth of
 * text at the four sizes. */
#define BB_TEXTMEMO_SLOTS 4096
/* Longer pieces are measured every time: they are rare (a paragraph on
 * one line), and remembering them would cost more memory than time. */
#define BB_TEXTMEMO_MAX_BYTES 512

/* What identifies a piece.  script is a static ISO 15924 tag or NULL
 * (compared by content); text[0..len) need not be NUL-terminated. */
typedef struct bb_textmemo_key {
    int weight, face, px;
    bool rtl;
    const char *script;
    const char *text;
    size_t len;
} bb_textmemo_key;

/* Its measures, px: what SDL_ttf's TTF_SizeUTF8 gave (w, h), and how far
 * its ink may reach above and below the baseline. */
typedef struct bb_textmemo_value {
    int w, h;
    int ascent, descent;
} bb_textmemo_value;

/* An empty memo the caller owns (bb_textmemo_destroy); NULL when out of
 * memory. */
bb_textmemo *bb_textmemo_create(void);

/* Frees the memo and every piece in it; NULL is a no-op. */
void bb_textmemo_destroy(bb_textmemo *memo);

/* The measures of key's piece when remembered: true and *out filled.
 * False for a NULL memo, a piece never stored, or one replaced since. */
bool bb_textmemo_find(bb_textmemo *memo, const bb_textmemo_key *key, bb_textmemo_value *out);

/* Remember value for key's piece (its text is copied).  A NULL memo, a
 * piece longer than BB_TEXTMEMO_MAX_BYTES, or no memory for the copy:
 * nothing is remembered, which only costs a later measurement. */
void bb_textmemo_store(bb_textmemo *memo, const bb_textmemo_key *key,
                       const bb_textmemo_value *value);

/* Look-ups that found their piece, and that did not; for tests and the
 * bench. */
void bb_textmemo_stats(const bb_textmemo *memo, unsigned long *hits, unsigned long *misses);

#endif
