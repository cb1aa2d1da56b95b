/*
 * bb_state: the change baseline on disk.
 */
#include "bb_state.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_file.h"
#include "bb_log.h"

#define STATE_MAGIC "briefboard-changes"
#define STATE_FIELDS 9         /* "talk" and eight values */
#define STATE_DIR_MODE 0755
#define STATE_FILE_MODE 0644

/* A growing output buffer. */
typedef struct outbuf {
    char *p;
    size_t n, cap;
    bool failed;
} outbuf;

static char *read_state(int dfd, size_t *len, char *why, size_t why_len);
static int parse_state(bb_changes *ch, char *text, size_t len, char *why, size_t why_len);
static int parse_line(char *line, bb_change_record *r);
static bool parse_instant(const char *s, bb_instant *out);
static void unescape(char *s);
static void out_add(outbuf *o, const char *s, size_t n);
static void out_printf(outbuf *o, const char *fmt, ...) BB_PRINTF(2, 3);
static void out_escaped(outbuf *o, const char *s);

bb_changes *bb_state_load(const char *dir)
{
    bb_changes *ch = bb_changes_create();
    char why[160];
    size_t len = 0;
    if (!ch || !dir)
        return ch;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0) {
        if (errno != ENOENT)
            bb_log(BB_LOG_WARNING, "state directory %s: %s; change marks start afresh", dir,
                   strerror(errno));
        return ch;
    }
    char *text = read_state(dfd, &len, why, sizeof why);
    close(dfd);
    if (!text) {
        if (why[0])
            bb_log(BB_LOG_WARNING, "%s/" BB_STATE_FILE ": %s; change marks start afresh", dir,
                   why);
        return ch;
    }
    if (parse_state(ch, text, len, why, sizeof why) < 0) {
        bb_log(BB_LOG_WARNING, "%s/" BB_STATE_FILE ": %s; change marks start afresh", dir, why);
        bb_changes_destroy(ch);
        ch = bb_changes_create();
    }
    free(text);
    return ch;
}

int bb_state_save(const char *dir, const bb_changes *ch)
{
    outbuf o = {0};
    char path[PATH_MAX];
    int rc = -1;
    const char *what = "cannot write";
    int n = bb_changes_count(ch);

    out_printf(&o, STATE_MAGIC " %d\n", BB_STATE_VERSION);
    for (int i = 0; i < n; i++) {
        const bb_change_record *r = bb_changes_get(ch, i);
        out_add(&o, "talk\t", 5);
        out_escaped(&o, r->id);
        if (r->has_start)
            out_printf(&o, "\t%" PRId64 "\t%" PRId64, (int64_t)r->start, (int64_t)r->end);
        else
            out_add(&o, "\t-\t-", 4);
        out_printf(&o, "\t%s%s%s\t%u\t%" PRId64 "\t", r->cancelled ? "c" : "",
                   r->removed ? "r" : "", r->cancelled || r->removed ? "" : "-", r->mark,
                   (int64_t)r->marked_at);
        out_escaped(&o, r->place ? r->place : "");
        out_add(&o, "\t", 1);
        out_escaped(&o, r->title);
        out_add(&o, "\n", 1);
    }
    out_printf(&o, "end %d\n", n);
    if (o.failed) {
        what = "out of memory writing";
        goto fail;
    }
    if (mkdir(dir, STATE_DIR_MODE) < 0 && errno != EEXIST)
        goto fail;
    if (snprintf(path, sizeof path, "%s/" BB_STATE_FILE, dir) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        goto fail;
    }
    /* Durable: the marks must survive the power cut that is a kiosk's
     * usual way of being switched off. */
    if (bb_file_replace(path, o.p, o.n, STATE_FILE_MODE, BB_FILE_DURABLE) < 0)
        goto fail;
    rc = 0;
fail:
    if (rc < 0)
        bb_log_once(BB_LOG_WARNING, "%s %s/" BB_STATE_FILE ": %s; change marks are kept in "
                    "memory only", what, dir, o.failed ? "out of memory" : strerror(errno));
    free(o.p);
    return rc;
}

int bb_state_apply(bb_changes *ch, const char *dir, bb_config *cfg, bb_instant now)
{
    int changed = bb_changes_apply(ch, cfg, now);
    if (changed < 0)
        bb_log(BB_LOG_WARNING, "out of memory comparing the programme: no change marks");
    else if (changed > 0 && dir)
        bb_state_save(dir, ch);
    return changed;
}

/* ---- static ---- */

static char *read_state(int dfd, size_t *len, char *why, size_t why_len)
{
    struct stat st;
    char *text = NULL;
    why[0] = '\0';
    int fd = openat(dfd, BB_STATE_FILE, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno != ENOENT)
            snprintf(why, why_len, "%s", strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        snprintf(why, why_len, "not a regular file");
        goto fail;
    }
    if (st.st_size > BB_STATE_MAX_BYTES) {
        snprintf(why, why_len, "larger than %d bytes", BB_STATE_MAX_BYTES);
        goto fail;
    }
    text = malloc((size_t)st.st_size + 1);
    if (!text) {
        snprintf(why, why_len, "out of memory");
        goto fail;
    }
    size_t got = 0;
    while (got < (size_t)st.st_size) {
        ssize_t r = read(fd, text + got, (size_t)st.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    text[got] = '\0';
    *len = got;
    close(fd);
    return text;
fail:
    free(text);
    close(fd);
    return NULL;
}

static int parse_state(bb_changes *ch, char *text, size_t len, char *why, size_t why_len)
{
    int version = 0, records = 0, line_no = 0;
    bool ended = false;
    if (memchr(text, '\0', len)) {
        snprintf(why, why_len, "holds a NUL byte");
        return -1;
    }
    char *p = text;
    while (*p) {
        char *nl = strchr(p, '\n');
        if (!nl) {
            snprintf(why, why_len, "line %d is cut short", line_no + 1);
            return -1;
        }
        *nl = '\0';
        line_no++;
        int end_count;
        char tail;
        if (line_no == 1) {
            if (sscanf(p, STATE_MAGIC " %d%c", &version, &tail) != 1) {
                snprintf(why, why_len, "not a briefboard state file");
                return -1;
            }
            if (version != BB_STATE_VERSION) {
                snprintf(why, why_len, "version %d (this briefboard reads %d)", version,
                         BB_STATE_VERSION);
                return -1;
            }
        } else if (ended) {
            snprintf(why, why_len, "line %d follows the end", line_no);
            return -1;
        } else if (strncmp(p, "end ", 4) == 0) {
            if (sscanf(p + 4, "%d%c", &end_count, &tail) != 1 || end_count != records) {
                snprintf(why, why_len, "line %d: the end does not match the %d talks read",
                         line_no, records);
                return -1;
            }
            ended = true;
        } else {
            bb_change_record r;
            if (parse_line(p, &r) < 0) {
                snprintf(why, why_len, "line %d is malformed", line_no);
                return -1;
            }
            if (bb_changes_add(ch, &r) < 0) {
                snprintf(why, why_len, "out of memory");
                return -1;
            }
            records++;
        }
        p = nl + 1;
    }
    if (!ended) {
        snprintf(why, why_len, "cut short (no end line)");
        return -1;
    }
    bb_changes_set_seen(ch);
    return 0;
}

/* "talk<TAB>id<TAB>start<TAB>end<TAB>flags<TAB>mark<TAB>marked_at<TAB>place<TAB>title":
 * times in seconds since the epoch ("-" for no start), flags "c" cancelled
 * and "r" removed (or "-"), mark the BB_CHANGE_* bits as a number;
 * the strings of r point into line (unescaped in place). */
static int parse_line(char *line, bb_change_record *r)
{
    char *f[STATE_FIELDS + 1];
    int n = 0;
    char *p = line;
    memset(r, 0, sizeof *r);
    for (;;) {
        if (n == STATE_FIELDS)
            return -1;   /* a tab too many */
        f[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    if (n != STATE_FIELDS || strcmp(f[0], "talk") != 0 || !*f[1])
        return -1;
    r->has_start = strcmp(f[2], "-") != 0;
    if (r->has_start && (!parse_instant(f[2], &r->start) || !parse_instant(f[3], &r->end)))
        return -1;
    if (!r->has_start && strcmp(f[3], "-") != 0)
        return -1;
    if (strcmp(f[4], "-") != 0) {
        for (const char *c = f[4]; *c; c++) {
            if (*c == 'c')
                r->cancelled = true;
            else if (*c == 'r')
                r->removed = true;
            else
                return -1;
        }
    }
    bb_instant mark;
    if (!parse_instant(f[5], &mark) || mark < 0 || mark > (bb_instant)BB_CHANGE_ALL ||
        !parse_instant(f[6], &r->marked_at))
        return -1;
    r->mark = (unsigned)mark;
    unescape(f[1]);
    unescape(f[7]);
    unescape(f[8]);
    r->id = f[1];
    r->place = *f[7] ? f[7] : NULL;
    r->title = f[8];
    return 0;
}

static bool parse_instant(const char *s, bb_instant *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end)
        return false;
    *out = (bb_instant)v;
    return true;
}

static void unescape(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
}

static void out_add(outbuf *o, const char *s, size_t n)
{
    if (o->failed)
        return;
    if (o->n + n + 1 > o->cap) {
        size_t cap = o->cap ? o->cap : 4096;
        while (cap < o->n + n + 1)
            cap *= 2;
        char *grown = realloc(o->p, cap);
        if (!grown) {
            o->failed = true;
            return;
        }
        o->p = grown;
        o->cap = cap;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
    o->p[o->n] = '\0';
}

static void out_printf(outbuf *o, const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof buf)
        o->failed = true;
    else
        out_add(o, buf, (size_t)n);
}

/* Tabs, newlines and backslashes in a field would break the line format. */
static void out_escaped(outbuf *o, const char *s)
{
    for (; s && *s; s++) {
        const char *esc = *s == '\t' ? "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r"
                                                          : *s == '\\' ? "\\\\" : NULL;
        if (esc)
            out_add(o, esc, 2);
        else
            out_add(o, s, 1);
    }
}
