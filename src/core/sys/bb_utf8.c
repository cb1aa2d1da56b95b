/*
 * bb_utf8: well-formed UTF-8 (see bb_utf8.h).
 */
#include "bb_utf8.h"

#include <stdint.h>
#include <string.h>

static size_t decode(const unsigned char *s, size_t left, uint32_t *cp_out);
static bool invisible(uint32_t cp);

size_t bb_utf8_sequence(const unsigned char *s, size_t left)
{
    uint32_t cp;
    return decode(s, left, &cp);
}

size_t bb_utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

bool bb_utf8_draws_nothing(const char *s)
{
    if (!s || !s[0])
        return false;
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    while (left > 0) {
        uint32_t cp;
        size_t n = decode(p, left, &cp);
        if (n == 0)
            return false;   /* shown as U+FFFD */
        if (!invisible(cp))
            return false;
        p += n;
        left -= n;
    }
    return true;
}

/* --- static functions --- */

/* bb_utf8_sequence, with the code point of a valid sequence in *cp_out. */
static size_t decode(const unsigned char *s, size_t left, uint32_t *cp_out)
{
    unsigned c = s[0];
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
        *cp_out = c;
        return c == 0 ? 0 : 1;   /* NUL is no text */
    }
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (left < n)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
        return 0;
    *cp_out = cp;
    return n;
}

/* Spaces, controls and the format characters (Unicode category Cf and the
 * default-ignorables) that fonts give no ink. */
static bool invisible(uint32_t cp)
{
    return cp <= 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || cp == 0x034F ||
           cp == 0x061C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5 ||
           (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x205F && cp <= 0x206F) ||
           cp == 0x3000 || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           cp == 0xFFA0 || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
           (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) ||
           (cp >= 0xE0000 && cp <= 0xE0FFF);
}
