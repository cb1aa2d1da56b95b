/*
 * bb_imghead: what a picture file says about itself, read from its first
 * bytes without decoding anything -- its format (PNG, JPEG, SVG) and, for a
 * bitmap, the width and height its header declares.
 *
 * A 1 KB JPEG may declare 20000 x 20000 pixels: a decoder believes it and
 * asks for gigabytes.  The display checks the declared size against its
 * pixel budget with this before any decoder sees the file.  Pure and
 * bounded: it reads at most the `len` bytes given and allocates nothing.
 */
#ifndef BB_IMGHEAD_H
#define BB_IMGHEAD_H

#include <stddef.h>

typedef enum bb_img_format {
    BB_IMG_UNKNOWN = 0,
    BB_IMG_PNG,
    BB_IMG_JPEG,
    BB_IMG_SVG
} bb_img_format;

typedef struct bb_img_head {
    bb_img_format format;
    long width, height;   /* as declared, pixels; 0 when not (yet) known (always for SVG) */
} bb_img_head;

/* Outcomes of bb_imghead_read. */
enum {
    BB_IMGHEAD_OK = 0,        /* format known; a bitmap's size is in width x height */
    BB_IMGHEAD_PARTIAL = 1,   /* format known, but its size is not within these bytes */
    BB_IMGHEAD_BAD = -1       /* not a PNG, JPEG or SVG, or a header that breaks its format */
};

/*
 * Read the header in the len bytes at p (the start of the file, or all of
 * it) into *out.  Returns BB_IMGHEAD_OK, BB_IMGHEAD_PARTIAL (a JPEG whose
 * frame header lies beyond len: read more, or decode under limits) or
 * BB_IMGHEAD_BAD with the reason, a phrase such as "the PNG header declares
 * a width of 0", in why (why_len bytes, NUL-terminated; may be NULL).
 */
int bb_imghead_read(const unsigned char *p, size_t len, bb_img_head *out, char *why,
                    size_t why_len);

/* "PNG", "JPEG", "SVG" or "unknown". */
const char *bb_imghead_format_name(bb_img_format format);

#endif
