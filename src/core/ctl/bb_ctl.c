/*
 * bb_ctl: the control protocol, parsing and framing (see bb_ctl.h).
 */
#include "bb_ctl.h"

#include <stdio.h>
#include <string.h>

#include "bb_utf8.h"

/* The longest command word quoted back in an error, bytes. */
#define QUOTE_WORD_BYTES 24
#define MS_PER_S 1000.0

typedef struct verb_spec {
    const char *word;
    bb_ctl_verb verb;
    enum { ARG_NONE, ARG_TEXT, ARG_ONOFF, ARG_PATH } arg;
} verb_spec;

static int parse_override(const char *rest, size_t n, bb_ctl_request *req, char *err);
static int parse_path(const char *rest, size_t n, bb_ctl_request *req, char *err);
static void reader_drop_pending(bb_ctl_reader *r);

/* A table: a new command is one line here and one case where it is done. */
static const verb_spec verb_specs[] = {
    {"status", BB_CTL_STATUS, ARG_NONE},
    {"next", BB_CTL_NEXT, ARG_NONE},
    {"prev", BB_CTL_PREV, ARG_NONE},
    {"previous", BB_CTL_PREV, ARG_NONE},
    {"pause", BB_CTL_PAUSE, ARG_NONE},
    {"resume", BB_CTL_RESUME, ARG_NONE},
    {"reload", BB_CTL_RELOAD, ARG_NONE},
    {"override", BB_CTL_OVERRIDE_SET, ARG_TEXT},
    {"power", BB_CTL_POWER_ON, ARG_ONOFF},
    {"screenshot", BB_CTL_SCREENSHOT, ARG_PATH},
};

int bb_ctl_parse(const char *line, size_t len, bb_ctl_request *req, char *err)
{
    err[0] = '\0';
    req->arg[0] = '\0';
    if (len >= BB_CTL_MAX_LINE) {
        snprintf(err, BB_CTL_ERROR_MAX, "line longer than %d bytes", BB_CTL_MAX_LINE - 1);
        return -1;
    }
    if (!bb_ctl_utf8_valid(line, len)) {
        snprintf(err, BB_CTL_ERROR_MAX, "not UTF-8");
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            snprintf(err, BB_CTL_ERROR_MAX, "control character 0x%02X in the request", c);
            return -1;
        }
    }
    size_t start = 0;
    while (start < len && (line[start] == ' ' || line[start] == '\t'))
        start++;
    size_t end = start;
    while (end < len && line[end] != ' ' && line[end] != '\t')
        end++;
    size_t wlen = end - start;
    if (wlen == 0) {
        snprintf(err, BB_CTL_ERROR_MAX, "empty request");
        return -1;
    }
    const verb_spec *spec = NULL;
    for (size_t k = 0; k < sizeof verb_specs / sizeof verb_specs[0]; k++)
        if (strlen(verb_specs[k].word) == wlen && memcmp(verb_specs[k].word, line + start, wlen) == 0)
            spec = &verb_specs[k];
    if (!spec) {
        size_t q = bb_utf8_cut(line + start, wlen, QUOTE_WORD_BYTES);
        snprintf(err, BB_CTL_ERROR_MAX, "unknown command '%.*s%s'", (int)q, line + start,
                 q < wlen ? "..." : "");
        return -1;
    }
    /* The argument: after one separator; the override text keeps the rest
     * as typed (inner spaces are the message's). */
    const char *rest = line + end;
    size_t n = len - end;
    if (n > 0) {
        rest++;
        n--;
    }
    req->verb = spec->verb;
    switch (spec->arg) {
    case ARG_NONE:
        while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t'))
            n--;
        while (n > 0 && (*rest == ' ' || *rest == '\t')) {
            rest++;
            n--;
        }
        if (n > 0) {
            snprintf(err, BB_CTL_ERROR_MAX, "%s takes no argument", spec->word);
            return -1;
        }
        return 0;
    case ARG_ONOFF:
        while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t'))
            n--;
        if (n == 2 && memcmp(rest, "on", 2) == 0)
            req->verb = BB_CTL_POWER_ON;
        else if (n == 3 && memcmp(rest, "off", 3) == 0)
            req->verb = BB_CTL_POWER_OFF;
        else {
            snprintf(err, BB_CTL_ERROR_MAX, "power takes 'on' or 'off'");
            return -1;
        }
        return 0;
    case ARG_TEXT:
        return parse_override(rest, n, req, err);
    case ARG_PATH:
        return parse_path(rest, n, req, err);
    }
    return -1;
}

const char *bb_ctl_verb_name(bb_ctl_verb verb)
{
    for (size_t k = 0; k < sizeof verb_specs / sizeof verb_specs[0]; k++)
        if (verb_specs[k].verb == verb)
            return verb_specs[k].word;
    switch (verb) {
    case BB_CTL_OVERRIDE_CLEAR: return "override";
    case BB_CTL_POWER_OFF: return "power";
    default: return "?";
    }
}

bool bb_ctl_utf8_valid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t n = bb_utf8_sequence(u + i, len - i);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

int bb_ctl_json_string(const char *s, char *out, size_t cap)
{
    size_t o = 0;
    if (cap < 3)
        goto full;
    out[o++] = '"';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        char esc[8];
        size_t n;
        if (*p == '"' || *p == '\\') {
            esc[0] = '\\';
            esc[1] = (char)*p;
            n = 2;
        } else if (*p == '\n') {
            memcpy(esc, "\\n", 2);
            n = 2;
        } else if (*p < 0x20 || *p == 0x7F) {
            n = (size_t)snprintf(esc, sizeof esc, "\\u%04x", *p);
        } else {
            esc[0] = (char)*p;
            n = 1;
        }
        if (o + n + 2 > cap)
            goto full;
        memcpy(out + o, esc, n);
        o += n;
    }
    out[o++] = '"';
    out[o] = '\0';
    return (int)o;
full:
    if (cap > 0)
        out[0] = '\0';
    return -1;
}

/* ---- framing ---- */

void bb_ctl_reader_init(bb_ctl_reader *r)
{
    r->len = 0;
    r->pending = 0;
    r->skipping = false;
}

char *bb_ctl_reader_space(bb_ctl_reader *r, size_t *space)
{
    reader_drop_pending(r);
    *space = sizeof r->buf - r->len;
    return r->buf + r->len;
}

void bb_ctl_reader_added(bb_ctl_reader *r, size_t n)
{
    r->len += n;
    if (r->len > sizeof r->buf)
        r->len = sizeof r->buf;   /* a caller's mistake must not run off the end */
}

bb_ctl_next bb_ctl_reader_next(bb_ctl_reader *r, const char **line, size_t *len)
{
    /* The line handed out by the last call is dropped now: its pointer was
     * valid until this call. */
    reader_drop_pending(r);
    char *nl = memchr(r->buf, '\n', r->len);
    if (r->skipping) {
        if (!nl) {
            r->len = 0;   /* still inside the long line: drop what came */
            return BB_CTL_NONE;
        }
        r->pending = (size_t)(nl - r->buf) + 1;
        r->skipping = false;
        reader_drop_pending(r);
        nl = memchr(r->buf, '\n', r->len);
    }
    if (!nl) {
        if (r->len == sizeof r->buf) {
            r->len = 0;
            r->skipping = true;
            return BB_CTL_OVERSIZED;
        }
        return BB_CTL_NONE;
    }
    size_t used = (size_t)(nl - r->buf) + 1;
    size_t n = used - 1;
    if (n > 0 && r->buf[n - 1] == '\r')
        n--;
    r->buf[n] = '\0';   /* handy for the caller; n < used, inside the line */
    r->pending = used;
    *line = r->buf;
    *len = n;
    return BB_CTL_LINE;
}

/* ---- rate limits ---- */

void bb_ctl_rate_init(bb_ctl_rate *r, double per_s, double burst, uint64_t now_ms)
{
    r->per_s = per_s;
    r->burst = burst;
    r->tokens = burst;
    r->last_ms = now_ms;
}

bool bb_ctl_rate_take(bb_ctl_rate *r, uint64_t now_ms)
{
    if (now_ms > r->last_ms) {
        r->tokens += (double)(now_ms - r->last_ms) * r->per_s / MS_PER_S;
        if (r->tokens > r->burst)
            r->tokens = r->burst;
        r->last_ms = now_ms;
    }
    if (r->tokens < 1.0)
        return false;
    r->tokens -= 1.0;
    return true;
}

/* ---- static ---- */

static int parse_override(const char *rest, size_t n, bb_ctl_request *req, char *err)
{
    /* "override clear" (with nothing else) clears; anything else is a
     * message -- trimmed, cleaned and cut later by the same rules as the
     * override file's (bb_override). */
    size_t a = 0, b = n;
    while (a < b && (rest[a] == ' ' || rest[a] == '\t'))
        a++;
    while (b > a && (rest[b - 1] == ' ' || rest[b - 1] == '\t'))
        b--;
    if (b - a == 5 && memcmp(rest + a, "clear", 5) == 0) {
        req->verb = BB_CTL_OVERRIDE_CLEAR;
        return 0;
    }
    if (a == b) {
        snprintf(err, BB_CTL_ERROR_MAX, "override takes a message, or 'clear'");
        return -1;
    }
    size_t o = 0;
    for (size_t i = a; i < b; i++) {
        char c = rest[i];
        if (c == '\\' && i + 1 < b && rest[i + 1] == 'n') {
            c = '\n';
            i++;
        } else if (c == '\\' && i + 1 < b && rest[i + 1] == '\\') {
            i++;
        }
        req->arg[o++] = c;   /* o <= n < BB_CTL_MAX_LINE */
    }
    req->arg[o] = '\0';
    return 0;
}

static int parse_path(const char *rest, size_t n, bb_ctl_request *req, char *err)
{
    while (n > 0 && (rest[n - 1] == ' ' || rest[n - 1] == '\t'))
        n--;
    while (n > 0 && (*rest == ' ' || *rest == '\t')) {
        rest++;
        n--;
    }
    if (n == 0 || rest[0] != '/') {
        snprintf(err, BB_CTL_ERROR_MAX, "screenshot takes an absolute path");
        return -1;
    }
    if (n < 5 || (memcmp(rest + n - 4, ".png", 4) != 0 && memcmp(rest + n - 4, ".PNG", 4) != 0)) {
        snprintf(err, BB_CTL_ERROR_MAX, "screenshot writes PNG: the path must end in .png");
        return -1;
    }
    memcpy(req->arg, rest, n);
    req->arg[n] = '\0';
    return 0;
}

static void reader_drop_pending(bb_ctl_reader *r)
{
    if (r->pending == 0)
        return;
    memmove(r->buf, r->buf + r->pending, r->len - r->pending);
    r->len -= r->pending;
    r->pending = 0;
}
