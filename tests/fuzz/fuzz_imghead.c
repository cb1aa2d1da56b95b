/*
 * fuzz_imghead: picture headers through bb_imghead_read, the check the
 * display makes before any decoder sees a file (the pixel budget).
 *
 * Invariants beyond "no crash, no read past the input, no undefined
 * behaviour": a refusal says why; an accepted bitmap declares a size
 * within its format's range (PNG up to 2^31 - 1, JPEG up to 65535), an SVG
 * none; only a JPEG can be partial; and reading a prefix of the file (as
 * the display does, BB_PICTURE_HEAD_BYTES) never gives another answer than
 * the whole file (as the decoder child does) once the prefix holds the
 * header -- else the budget could be passed in one place and not the other.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bb_imghead.h"
#include "fuzz_common.h"

/* Largest input, bytes: JPEG marker chains are the longest path, and a few
 * hundred segments show everything. */
#define FUZZ_IMGHEAD_MAX_INPUT (64 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_IMGHEAD_MAX_INPUT)
        return 0;
    /* An exact-size copy: the reader must honour len. */
    unsigned char *copy = malloc(size ? size : 1);
    FUZZ_ASSERT(copy != NULL);
    memcpy(copy, data, size);
    bb_img_head head;
    char why[256];
    int rc = bb_imghead_read(copy, size, &head, why, sizeof why);
    FUZZ_ASSERT(rc == BB_IMGHEAD_OK || rc == BB_IMGHEAD_PARTIAL || rc == BB_IMGHEAD_BAD);
    if (rc == BB_IMGHEAD_BAD)
        FUZZ_ASSERT(why[0] != '\0' && strlen(why) < sizeof why);
    if (rc == BB_IMGHEAD_PARTIAL)
        FUZZ_ASSERT(head.format == BB_IMG_JPEG && head.width == 0 && head.height == 0);
    if (rc == BB_IMGHEAD_OK) {
        FUZZ_ASSERT(head.format != BB_IMG_UNKNOWN);
        if (head.format == BB_IMG_SVG)
            FUZZ_ASSERT(head.width == 0 && head.height == 0);
        if (head.format == BB_IMG_PNG)
            FUZZ_ASSERT(head.width >= 1 && head.height >= 1 && head.width <= 0x7FFFFFFFL &&
                        head.height <= 0x7FFFFFFFL);
        if (head.format == BB_IMG_JPEG)
            FUZZ_ASSERT(head.width >= 1 && head.height >= 1 && head.width <= 65535 &&
                        head.height <= 65535);
        FUZZ_ASSERT(strcmp(bb_imghead_format_name(head.format), "unknown") != 0);
    }
    /* Every prefix: a bitmap's answer, once known, stays the same. */
    if (head.format == BB_IMG_PNG || head.format == BB_IMG_JPEG) {
        for (size_t cut = 0; cut < size; cut += 1 + cut / 8) {
            bb_img_head part;
            int prc = bb_imghead_read(copy, cut, &part, NULL, 0);
            if (prc == BB_IMGHEAD_OK)
                FUZZ_ASSERT(rc == BB_IMGHEAD_OK && part.format == head.format &&
                            part.width == head.width && part.height == head.height);
        }
    }
    free(copy);
    return 0;
}
