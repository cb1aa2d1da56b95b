/*
 * bb_utf8: the one check of well-formed UTF-8 for untrusted text (the
 * override file, control-socket lines).
 */
#ifndef BB_UTF8_H
#define BB_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1-4), with `left` bytes readable
 * there, or 0 when it is not one: NUL (no text), overlong forms, surrogates,
 * code points above U+10FFFF and a sequence cut short are refused. */
size_t bb_utf8_sequence(const unsigned char *s, size_t left);

/* How many of the len bytes at s to keep so that at most max remain and no
 * UTF-8 sequence is cut in two: len when len <= max, else max less the
 * bytes of a sequence that max would split (s[max] is read). */
size_t bb_utf8_cut(const char *s, size_t len, size_t max);

/* True when the NUL-terminated text s is not empty but draws nothing: only
 * spaces, control characters and format characters (bidi marks such as
 * U+061C and U+200E, zero-width space and joiners U+200B-U+200D, U+2060,
 * U+FEFF, soft hyphen, variation selectors, tag characters, Hangul
 * fillers).  Such a field (a talk "titled" U+061C) is treated as empty where
 * it is loaded: it would leave a blank where text is expected.  A malformed
 * byte counts as drawing (it becomes U+FFFD).  False for NULL and "". */
bool bb_utf8_draws_nothing(const char *s);

#endif
