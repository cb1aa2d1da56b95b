/*
 * bb_override: the emergency message file (see bb_override.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_log.h"
#include "bb_file.h"
#include "bb_override.h"
#include "bb_utf8.h"
#include "bb_watch.h"

/* The log line quotes at most this many bytes of the message. */
#define LOG_QUOTE_BYTES 80
#define REPLACEMENT "\xEF\xBF\xBD"   /* U+FFFD */
#define REPLACEMENT_LEN 3

struct bb_override {
    char *path;
    char *text;          /* the file's message; NULL when off */
    char *message;       /* set through the control socket; wins over the file's */
    bb_watch *watch;     /* NULL without inotify, or without a path */
    uint64_t next_poll_ms; /* fallback poll without inotify */
};

static char *clean_text(const char *raw, size_t len, int *bad_bytes);
static bool text_equal(const char *a, const char *b);

int bb_override_read(const char *path, char **text, bb_override_info *info)
{
    bb_override_info scratch;
    if (!info)
        info = &scratch;
    memset(info, 0, sizeof *info);
    *text = NULL;
    if (!path)
        return 0;
    bb_file_data file;
    bb_file_status status = bb_file_read(path, BB_OVERRIDE_MAX_BYTES, BB_FILE_PREFIX, &file);
    if (status == BB_FILE_NO_MEMORY)
        return -1;
    if (status != BB_FILE_OK) {
        /* Off: absent is the normal case; anything else says why. */
        info->not_regular = status == BB_FILE_NOT_REGULAR;
        if (status == BB_FILE_IO)
            info->error = file.err_no;
        return 0;
    }
    char *buf = file.data;
    size_t len = file.len;
    if (file.truncated) {
        info->truncated = true;
        /* Cut at a character boundary: drop a last character the cap split. */
        size_t lead = len;
        while (lead > 0 && len - lead < 4 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
            lead--;
        if (lead > 0) {
            unsigned char c = (unsigned char)buf[lead - 1];
            size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            if (len - (lead - 1) < want)
                len = lead - 1;
        }
    }
    char *clean = clean_text(buf, len, &info->bad_bytes);
    free(buf);
    if (!clean)
        return -1;
    if (info->bad_bytes > 0) {
        /* Not UTF-8 text (a zero-filled file, a binary, a wrong encoding):
         * refused whole -- a screen of U+FFFD is no message. */
        free(clean);
        return 0;
    }
    if (!*clean) {
        free(clean);
        return 0;
    }
    *text = clean;
    return 1;
}

bb_override *bb_override_create(const char *path, uint64_t now_ms)
{
    bb_override *o = calloc(1, sizeof *o);
    if (!o)
        return NULL;
    bb_override_set_path(o, path, now_ms);
    if (path && !o->path)
        goto fail;
    return o;
fail:
    bb_override_destroy(o);
    return NULL;
}

void bb_override_destroy(bb_override *o)
{
    if (!o)
        return;
    bb_watch_destroy(o->watch);
    free(o->path);
    free(o->text);
    free(o->message);
    free(o);
}

bool bb_override_refresh(bb_override *o)
{
    if (!o)
        return false;
    char *text = NULL;
    bb_override_info info;
    if (bb_override_read(o->path, &text, &info) < 0) {
        bb_log_once(BB_LOG_ERROR, "override: out of memory reading %s", o->path);
        return false;   /* keep what shows: an emergency message must not flicker off */
    }
    if (info.not_regular)
        bb_log_once(BB_LOG_WARNING, "override: %s is not a regular file (ignored)", o->path);
    else if (info.error)
        bb_log_once(BB_LOG_WARNING, "override: cannot read %s: %s", o->path,
                    strerror(info.error));
    if (info.truncated)
        bb_log_once(BB_LOG_WARNING, "override: %s is longer than %d bytes; showing the first %d",
                    o->path, BB_OVERRIDE_MAX_BYTES, BB_OVERRIDE_MAX_BYTES);
    if (info.bad_bytes) {
        /* Like a refused config: what shows keeps showing. */
        bb_log_once(BB_LOG_WARNING,
                    "override: %s is not UTF-8 text (%d bad bytes, NULs counted): refused",
                    o->path, info.bad_bytes);
        return false;
    }
    if (text_equal(text, o->text)) {
        free(text);
        return false;
    }
    if (text) {
        size_t len = strlen(text);
        bool cut = len > LOG_QUOTE_BYTES;
        size_t n = bb_utf8_cut(text, len, LOG_QUOTE_BYTES);
        bb_log(BB_LOG_WARNING, "override %s from %s: \"%.*s%s\"", o->text ? "changed" : "on",
               o->path, (int)n, text, cut ? "…" : "");
    } else {
        bb_log(BB_LOG_WARNING, "override off (%s removed or blank)", o->path);
    }
    free(o->text);
    o->text = text;
    return true;
}

bool bb_override_poll(bb_override *o, uint64_t now_ms)
{
    if (!o || !o->path)
        return false;
    if (o->watch)
        return bb_watch_poll(o->watch, now_ms) ? bb_override_refresh(o) : false;
    if (now_ms < o->next_poll_ms)
        return false;
    o->next_poll_ms = now_ms + BB_OVERRIDE_POLL_MS;
    return bb_override_refresh(o);
}

int64_t bb_override_ms_until_due(const bb_override *o, uint64_t now_ms)
{
    if (!o || !o->path)
        return -1;
    if (o->watch) {
        int64_t due = bb_watch_ms_until_due(o->watch, now_ms);
        return due >= 0 && due < BB_OVERRIDE_CHECK_MS ? due : BB_OVERRIDE_CHECK_MS;
    }
    return o->next_poll_ms > now_ms ? (int64_t)(o->next_poll_ms - now_ms) : 0;
}

const char *bb_override_text(const bb_override *o)
{
    if (!o)
        return NULL;
    return o->message ? o->message : o->text;
}

bool bb_override_from_control(const bb_override *o)
{
    return o && o->message;
}

int bb_override_set_message(bb_override *o, const char *message)
{
    char *clean = NULL;
    if (!o)
        return -1;
    if (message) {
        /* The file's rules: the same cut, at a whole character, and the
         * same cleaning (valid UTF-8, no controls, trimmed). */
        size_t len = strlen(message);
        int bad = 0;
        if (len > BB_OVERRIDE_MAX_BYTES) {
            len = bb_utf8_cut(message, len, BB_OVERRIDE_MAX_BYTES);
            bb_log(BB_LOG_WARNING, "override: the control message is longer than %d bytes; "
                                   "showing the first %d", BB_OVERRIDE_MAX_BYTES,
                   BB_OVERRIDE_MAX_BYTES);
        }
        clean = clean_text(message, len, &bad);
        if (!clean)
            return -1;
        if (!*clean) {
            free(clean);
            clean = NULL;
        }
    }
    if (text_equal(clean, o->message)) {
        free(clean);
        return 0;
    }
    if (clean) {
        size_t n = strlen(clean);
        bool cut = n > LOG_QUOTE_BYTES;
        if (cut) {
            n = LOG_QUOTE_BYTES;
            while (n > 0 && ((unsigned char)clean[n] & 0xC0) == 0x80)
                n--;
        }
        /* One log line: the message's line breaks become spaces there. */
        char quote[LOG_QUOTE_BYTES + 1];
        memcpy(quote, clean, n);
        quote[n] = '\0';
        for (char *q = quote; (q = strchr(q, '\n')); )
            *q = ' ';
        bb_log(BB_LOG_WARNING, "override %s from the control socket: \"%s%s\"",
               o->message ? "changed" : "on", quote, cut ? "…" : "");
    } else {
        bb_log(BB_LOG_WARNING, "override from the control socket cleared%s",
               o->text ? "; the override file's message shows" : "");
    }
    free(o->message);
    o->message = clean;
    return 1;
}

bool bb_override_set_path(bb_override *o, const char *path, uint64_t now_ms)
{
    if (!o)
        return false;
    if (!text_equal(path, o->path)) {
        bb_watch_destroy(o->watch);
        o->watch = NULL;
        free(o->path);
        o->path = path ? strdup(path) : NULL;
        if (o->path) {
            const char *paths[1] = {o->path};
            o->watch = bb_watch_create(paths, 1);
            if (!o->watch)
                bb_log(BB_LOG_WARNING, "override: cannot watch %s; reading it every %d s "
                                       "and on SIGUSR1", o->path, BB_OVERRIDE_POLL_MS / 1000);
        }
    }
    o->next_poll_ms = now_ms + BB_OVERRIDE_POLL_MS;
    return bb_override_refresh(o);
}

/* --- static functions --- */

/* The shown text: BOM and surrounding white space dropped, bad UTF-8
 * replaced, controls (but newlines) made spaces, CRLF made LF.  Caller frees;
 * NULL when out of memory. */
static char *clean_text(const char *raw, size_t len, int *bad_bytes)
{
    const unsigned char *s = (const unsigned char *)raw;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) {
        s += 3;
        len -= 3;
    }
    char *out = malloc(len * REPLACEMENT_LEN + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t n = bb_utf8_sequence(s + i, len - i);
        if (n == 0) {
            memcpy(out + o, REPLACEMENT, REPLACEMENT_LEN);
            o += REPLACEMENT_LEN;
            (*bad_bytes)++;
            i++;
            continue;
        }
        if (n == 1 && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n') {
            i++;
            continue;
        }
        if (n == 1 && (s[i] < 0x20 || s[i] == 0x7F) && s[i] != '\n')
            out[o++] = ' ';
        else
            for (size_t k = 0; k < n; k++)
                out[o++] = (char)s[i + k];
        i += n;
    }
    out[o] = '\0';
    /* Trim white space at both ends. */
    size_t start = 0;
    while (out[start] == ' ' || out[start] == '\n')
        start++;
    while (o > start && (out[o - 1] == ' ' || out[o - 1] == '\n'))
        out[--o] = '\0';
    memmove(out, out + start, o - start + 1);
    return out;
}

static bool text_equal(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}
