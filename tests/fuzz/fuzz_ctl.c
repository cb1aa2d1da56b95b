/*
 * fuzz_ctl: the control protocol (bb_ctl) -- bytes as a client would send
 * them, through the line framing and the parser.
 *
 * Promises checked: framing never hands out a line longer than the limit or
 * with a newline in it; the parser either fills a request whose argument is
 * a terminated string no longer than the line, or says why; every accepted
 * request's argument is valid UTF-8 (it may reach the screen and the log)
 * and JSON-escapes to a terminated string.
 */
#include <stdint.h>
#include <string.h>

#include "bb_ctl.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bb_ctl_reader r;
    static bb_ctl_request req;
    static char json[BB_CTL_MAX_LINE * 6 + 3];
    char err[BB_CTL_ERROR_MAX];
    /* The first byte picks the read size, as a socket would split it. */
    size_t chunk = size ? (size_t)data[0] % 64 + 1 : 1;
    bb_ctl_reader_init(&r);
    for (size_t at = size ? 1 : 0; at < size;) {
        size_t space;
        char *dst = bb_ctl_reader_space(&r, &space);
        FUZZ_ASSERT(space > 0);
        size_t n = size - at < chunk ? size - at : chunk;
        if (n > space)
            n = space;
        memcpy(dst, data + at, n);
        bb_ctl_reader_added(&r, n);
        at += n;
        const char *line;
        size_t len;
        bb_ctl_next next;
        while ((next = bb_ctl_reader_next(&r, &line, &len)) != BB_CTL_NONE) {
            if (next == BB_CTL_OVERSIZED)
                continue;
            FUZZ_ASSERT(len < BB_CTL_MAX_LINE);
            FUZZ_ASSERT(!memchr(line, '\n', len));
            if (bb_ctl_parse(line, len, &req, err) < 0) {
                FUZZ_ASSERT(err[0] != '\0' && memchr(err, '\0', sizeof err));
                continue;
            }
            size_t alen = strnlen(req.arg, sizeof req.arg);
            FUZZ_ASSERT(alen < sizeof req.arg && alen <= len);
            FUZZ_ASSERT(bb_ctl_utf8_valid(req.arg, alen));
            FUZZ_ASSERT(bb_ctl_json_string(req.arg, json, sizeof json) > 0);
        }
    }
    return 0;
}
