/*
 * bb_ctl: the control protocol of a running display -- pure parsing, no
 * sockets (those are in src/app/bb_control.c), so tests and the fuzzer drive
 * it with plain strings, and the MQTT bridge checks commands with the same
 * rules before it forwards them.
 *
 * One request per line (LF, an optional CR before it is dropped), at most
 * BB_CTL_MAX_LINE bytes with its newline, valid UTF-8 without control
 * characters.  The first word is the command, lower case:
 *
 *   status                 one line of JSON (see docs/fleet.md)
 *   next | prev            the next / previous slide
 *   pause | resume         stop / restart the slide cycle
 *   reload                 re-read the config (as SIGHUP)
 *   override TEXT          show TEXT full screen, as the override file does;
 *                          "\n" in TEXT is a line break, "\\" a backslash
 *   override clear         remove the message set with `override TEXT`
 *   power on | power off   panel on / off
 *   screenshot PATH        write the frame on screen to PATH (absolute, .png)
 *
 * Every reply is one line: the JSON object for `status`, "ok" or "ok TEXT"
 * when a command was done, "error TEXT" when not.
 */
#ifndef BB_CTL_H
#define BB_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest request, bytes, newline included: an override message of
 * BB_OVERRIDE_MAX_BYTES (2048) written with escapes fits. */
#define BB_CTL_MAX_LINE 4096
/* The longest error text bb_ctl_parse writes, bytes with its NUL. */
#define BB_CTL_ERROR_MAX 128

typedef enum bb_ctl_verb {
    BB_CTL_STATUS,
    BB_CTL_NEXT,
    BB_CTL_PREV,
    BB_CTL_PAUSE,
    BB_CTL_RESUME,
    BB_CTL_RELOAD,
    BB_CTL_OVERRIDE_SET,     /* arg: the message, unescaped (may hold '\n') */
    BB_CTL_OVERRIDE_CLEAR,
    BB_CTL_POWER_ON,
    BB_CTL_POWER_OFF,
    BB_CTL_SCREENSHOT        /* arg: the PNG's absolute path */
} bb_ctl_verb;

/* A parsed request.  arg points into the request's own buffer. */
typedef struct bb_ctl_request {
    bb_ctl_verb verb;
    char arg[BB_CTL_MAX_LINE];   /* "" when the command takes none */
} bb_ctl_request;

/*
 * Parse one request line of len bytes (without its newline; it need not be
 * NUL-terminated).  Returns 0 with *req filled, or -1 with a one-line reason
 * ("unknown command 'foo'", "not UTF-8", ...) in err (BB_CTL_ERROR_MAX bytes).
 * Never reads past len.
 */
int bb_ctl_parse(const char *line, size_t len, bb_ctl_request *req, char *err);

/* The command word of verb ("override" for both override verbs). */
const char *bb_ctl_verb_name(bb_ctl_verb verb);

/* Is s[0..len) valid UTF-8 (no overlongs, surrogates, NUL)? */
bool bb_ctl_utf8_valid(const char *s, size_t len);

/*
 * Write s as a JSON string (quotes included) into out (cap bytes), escaping
 * quotes, backslashes and control characters.  s must be valid UTF-8.
 * Returns the length written (without the NUL), or -1 when it does not fit
 * (out then holds "").
 */
int bb_ctl_json_string(const char *s, char *out, size_t cap);

/* ---- line framing ---- */

/*
 * Splits a byte stream into request lines with a bounded buffer: a line
 * longer than BB_CTL_MAX_LINE is reported once as oversized and skipped up
 * to its newline, never buffered whole.
 */
typedef struct bb_ctl_reader {
    char buf[BB_CTL_MAX_LINE];
    size_t len;        /* bytes held */
    size_t pending;    /* bytes of the line last handed out, dropped next */
    bool skipping;     /* inside an oversized line: drop up to its newline */
} bb_ctl_reader;

typedef enum bb_ctl_next {
    BB_CTL_NONE,       /* no whole line yet: feed more */
    BB_CTL_LINE,       /* *line / *len hold one line (no newline, no CR) */
    BB_CTL_OVERSIZED   /* a line was too long; it is being skipped */
} bb_ctl_next;

/* An empty reader. */
void bb_ctl_reader_init(bb_ctl_reader *r);

/* Room for the next read: *space bytes at the returned pointer (0 only
 * while a whole line waits to be taken with bb_ctl_reader_next). */
char *bb_ctl_reader_space(bb_ctl_reader *r, size_t *space);

/* n bytes were written at the bb_ctl_reader_space pointer. */
void bb_ctl_reader_added(bb_ctl_reader *r, size_t n);

/*
 * Take the next event.  For BB_CTL_LINE, *line points into the reader and
 * stays valid until the next call.  Call until BB_CTL_NONE after each read.
 */
bb_ctl_next bb_ctl_reader_next(bb_ctl_reader *r, const char **line, size_t *len);

/* ---- rate limits ---- */

/* A token bucket: `burst` requests at once, refilled at `per_s` a second. */
typedef struct bb_ctl_rate {
    double tokens;
    double per_s;
    double burst;
    uint64_t last_ms;
} bb_ctl_rate;

/* A full bucket at now_ms (monotonic). */
void bb_ctl_rate_init(bb_ctl_rate *r, double per_s, double burst, uint64_t now_ms);

/* Take one token at now_ms; false when the bucket is empty (refuse). */
bool bb_ctl_rate_take(bb_ctl_rate *r, uint64_t now_ms);

#endif
