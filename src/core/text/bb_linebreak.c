/*
 * bb_linebreak: where a line may end -- UAX #14 in miniature.
 *
 * Enough of the Unicode line breaking rules for signage text in the scripts
 * the product shows: spaces, a dash after a letter, any two CJK characters
 * (with the kinsoku rules for punctuation), hard newlines.  No dictionaries,
 * no hyphenation.
 */
#include "bb_linebreak.h"

#include <stdlib.h>
#include <string.h>

#define INITIAL_BREAKS 32

static int brk_push(bb_breaks *l, size_t end, size_t next, bool hard, bool hyphen);
static size_t skip_spaces(const char *text, size_t pos, size_t len);
static size_t trim_end(const char *text, size_t start, size_t end);
static bool is_space(uint32_t cp);
static bool is_cjk(uint32_t cp);
static bool no_break_before(uint32_t cp);
static bool no_break_after(uint32_t cp);
static bool is_dash(uint32_t cp);

int bb_linebreak_find(const char *text, size_t len, bb_breaks *out)
{
    uint32_t prev = 0;
    size_t i = 0;
    while (i < len) {
        size_t adv;
        uint32_t cp = bb_utf8_decode(text + i, len - i, &adv);
        if (cp == '\n') {
            if (brk_push(out, trim_end(text, 0, i), skip_spaces(text, i + 1, len), true, false) < 0)
                return -1;
            i = skip_spaces(text, i + 1, len);
            prev = 0;
            continue;
        }
        if (cp == 0xAD) {
            /* A soft hyphen: a break inside a word, drawn as a hyphen when
             * taken and not at all otherwise.  Invisible to the other rules. */
            if (prev && prev != ' ' && i + adv < len && brk_push(out, i, i + adv, false, true) < 0)
                return -1;
            i += adv;
            continue;
        }
        if (is_space(cp) || cp == 0x200B) {
            size_t next = skip_spaces(text, i, len);
            if (next < len && text[next] == '\n') {
                i = next;  /* spaces before a newline: the newline breaks */
                continue;
            }
            if (prev && brk_push(out, i, next, false, false) < 0)
                return -1;
            i = next;
            prev = ' ';
            continue;
        }
        if (prev && prev != ' ') {
            bool cjk = (is_cjk(prev) || is_cjk(cp)) && !no_break_before(cp) && !no_break_after(prev);
            bool dash = is_dash(prev) && !is_space(cp) && cp > '9' && !no_break_before(cp);
            if ((cjk || dash) && brk_push(out, i, i, false, false) < 0)
                return -1;
        }
        prev = cp;
        i += adv;
    }
    return brk_push(out, len, len, true, false);
}

uint32_t bb_utf8_decode(const char *s, size_t len, size_t *adv)
{
    const unsigned char *u = (const unsigned char *)s;
    *adv = 1;
    if (len == 0)
        return 0;
    if (u[0] < 0x80)
        return u[0];
    int n = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 0;
    if (n == 0 || (size_t)n > len)
        return 0xFFFD;
    uint32_t cp = u[0] & (0x7F >> n);
    for (int i = 1; i < n; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0xFFFD;
        cp = cp << 6 | (u[i] & 0x3F);
    }
    *adv = (size_t)n;
    return cp;
}

/* Marks that belong to the character before them: never cut before one. */
bool bb_linebreak_is_combining(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x0483 && cp <= 0x0489)
           || (cp >= 0x0591 && cp <= 0x05C7) || (cp >= 0x0610 && cp <= 0x061A)
           || (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED)
           || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF)
           || (cp >= 0x200C && cp <= 0x200D) || (cp >= 0x20D0 && cp <= 0x20FF)
           || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F)
           || (cp >= 0x3099 && cp <= 0x309A);
}

static int brk_push(bb_breaks *l, size_t end, size_t next, bool hard, bool hyphen)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : INITIAL_BREAKS;
        bb_break *v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = (bb_break){end, next, hard, hyphen};
    return 0;
}

static size_t skip_spaces(const char *text, size_t pos, size_t len)
{
    while (pos < len) {
        size_t adv;
        uint32_t cp = bb_utf8_decode(text + pos, len - pos, &adv);
        if (!is_space(cp) && cp != 0x200B)
            break;
        pos += adv;
    }
    return pos;
}

static size_t trim_end(const char *text, size_t start, size_t end)
{
    while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r'))
        end--;
    return end;
}

static bool is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006)
           || (cp >= 0x2008 && cp <= 0x200A) || cp == 0x205F || cp == 0x3000;
}

/* Scripts written without spaces, where a line may break between any two
 * characters: CJK ideographs, kana, Hangul syllables, full-width forms. */
static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF)
           || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
           || (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

/* Closing punctuation and small kana must not start a line (kinsoku). */
static bool no_break_before(uint32_t cp)
{
    static const char closing[] = ")]}.,;:!?%";
    if (cp < 0x80)
        return cp && strchr(closing, (int)cp) != NULL;
    static const uint32_t list[] = {
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0x30FB, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, 0x30FC,
        0x300D, 0x300F, 0xFF09, 0x3015, 0xFF3D, 0xFF5D, 0x3009, 0x300B, 0x3011, 0x3019,
        0x3017, 0x301F, 0x2019, 0x201D, 0x309D, 0x309E, 0x30FD, 0x30FE, 0x3005, 0x2026,
        0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E,
        0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7, 0x30EE,
        0x30F5, 0x30F6};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == cp)
            return true;
    return bb_linebreak_is_combining(cp);
}

/* Opening punctuation must not end a line. */
static bool no_break_after(uint32_t cp)
{
    static const uint32_t list[] = {'(', '[', '{', 0x300C, 0x300E, 0xFF08, 0x3014, 0xFF3B,
                                    0xFF5B, 0x3008, 0x300A, 0x3010, 0x3018, 0x3016, 0x301D,
                                    0x2018, 0x201C};
    for (size_t i = 0; i < sizeof list / sizeof list[0]; i++)
        if (list[i] == cp)
            return true;
    return false;
}

/* Hyphen, hyphen-minus, en dash, em dash: a line may end after one that
 * follows a letter ("U.S.–|Russia"), not before a digit ("-5", "2022-01"). */
static bool is_dash(uint32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2013 || cp == 0x2014;
}
