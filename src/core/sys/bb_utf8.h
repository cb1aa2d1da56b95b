/*
 * bb_utf8: the one check of well-formed UTF-8 for untrusted text (the
 * override file, control-socket lines).
 */
#ifndef BB_UTF8_H
#define BB_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (1-4), with `left` bytes readable
 * there, or 0 when it is not one: NUL (no text), overlong forms, surrogates,
 * code points above U+10FFFF and a sequence cut short are refused. */
size_t bb_utf8_sequence(const unsigned char *s, size_t left);

#endif
