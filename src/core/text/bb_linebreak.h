/*
 * bb_linebreak: line break opportunities in UTF-8 text, and UTF-8 decoding.
 *
 * A line may end after a run of spaces (which the line drops), after a
 * hyphen or dash that follows a letter and precedes one ("U.S.\u2013|Russia",
 * not "2022-|01"), at a soft hyphen (U+00AD, which authors put in long
 * words: the line then ends in "-"), between two CJK characters unless the
 * second is closing punctuation or a small kana or the first is opening
 * punctuation, and must end at a newline.  Pure: no SDL, no allocation beyond the list.
 */
#ifndef BB_LINEBREAK_H
#define BB_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A place where a line may end: the line's text stops at `end` (the spaces
 * before it excluded) and the next line starts at `next` (after them). */
typedef struct bb_break {
    size_t end, next;
    bool hard;   /* a newline or the end of the text: the line must end here */
    bool hyphen; /* a soft hyphen (U+00AD): a line ending here shows "-" */
} bb_break;

/* A growing list of breaks; start it zeroed, free(v) when done. */
typedef struct bb_breaks {
    bb_break *v;
    int n, cap;
} bb_breaks;

/*
 * Append the break opportunities of text[0..len) to *out, in order; the
 * last one is always a hard break at len.  Returns 0, or -1 when out of
 * memory (what was appended stays for the caller to free).
 */
int bb_linebreak_find(const char *text, size_t len, bb_breaks *out);

/* True for marks that belong to the character before them (combining
 * accents, Hebrew points, Arabic harakat, joiners, variation selectors):
 * text is never cut before one. */
bool bb_linebreak_is_combining(uint32_t cp);

/*
 * Decode the UTF-8 character at s (len bytes available, > 0) and store its
 * length in *adv.  A malformed or truncated sequence decodes as U+FFFD with
 * *adv = 1, so broken text still makes progress.
 */
uint32_t bb_utf8_decode(const char *s, size_t len, size_t *adv);

#endif
