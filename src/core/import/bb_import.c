/*
 * bb_import: format detection, reading the file, and what the three
 * readers share (talk allocation, ids, safe text, lines, zones).
 *
 * The importer is the config loader's extension for `schedules`: talks go
 * straight into the config and its zones, so it uses the loader's private
 * helpers (bb_config_private.h) for interned file names and owned zones.
 */
#include "bb_import.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bb_config_private.h"
#include "bb_import_private.h"
#include "bb_linebreak.h"

#define UTF8_BOM "\xEF\xBB\xBF"
#define REPLACEMENT_CHAR "\xEF\xBF\xBD"   /* U+FFFD */
#define MESSAGE_BUF 512
#define ICS_MAGIC "BEGIN:VCALENDAR"

static int import_text(bb_importer *im, bb_import_format format);
static void derive_prefix(const char *name, char *out, size_t len);
static void add_diag(bb_importer *im, bb_severity sev, int line, const char *fmt, va_list ap)
    BB_PRINTF(4, 0);
static char *read_file(const char *path, size_t *len, char *err, size_t err_len);
static size_t utf8_valid_len(const char *s);
static bool id_char_ok(char c);

bb_import_format bb_import_sniff(const char *data, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(data, UTF8_BOM, 3) == 0)
        i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i >= len)
        return BB_IMPORT_UNKNOWN;
    if (data[i] == '<')
        return BB_IMPORT_XML;
    if (data[i] == '{')
        return BB_IMPORT_JSON;
    size_t magic = strlen(ICS_MAGIC);
    if (len - i >= magic && strncasecmp(data + i, ICS_MAGIC, magic) == 0)
        return BB_IMPORT_ICS;
    return BB_IMPORT_UNKNOWN;
}

const char *bb_import_format_name(bb_import_format format)
{
    switch (format) {
    case BB_IMPORT_XML: return "frab/pretalx XML";
    case BB_IMPORT_JSON: return "frab/pretalx JSON";
    case BB_IMPORT_ICS: return "iCalendar";
    default: return "unknown";
    }
}

bb_instant bb_import_anchor(const bb_config *cfg)
{
    if (cfg && cfg->replay.enabled)
        return cfg->replay.start;
    bb_instant now = (bb_instant)time(NULL);
    return now < (bb_instant)BB_BUILD_EPOCH ? (bb_instant)BB_BUILD_EPOCH : now;
}

int bb_import_file(bb_config *cfg, const char *path, const char *name, bb_instant anchor,
                   bb_diag_list *diags)
{
    char err[256];
    size_t len = 0;
    char *data = read_file(path, &len, err, sizeof err);
    if (!data) {
        bb_diag_add(diags, BB_ERROR, name, 0, "%s", err);
        return -1;
    }
    int rc = bb_import_buffer(cfg, data, len, name, NULL, anchor, diags);
    free(data);
    return rc;
}

int bb_import_buffer(bb_config *cfg, const char *data, size_t len, const char *name,
                     const char *prefix, bb_instant anchor, bb_diag_list *diags)
{
    bb_importer im = {.cfg = cfg, .diags = diags, .len = len, .anchor = anchor,
                      .cap = cfg->n_talks};
    im.name = bb_cfg_intern_file(cfg, name ? name : "<schedule>");
    if (prefix)
        snprintf(im.prefix, sizeof im.prefix, "%s", prefix);
    else
        derive_prefix(im.name, im.prefix, sizeof im.prefix);

    if (len > BB_IMPORT_MAX_BYTES) {
        bb_imp_error(&im, 0, "the schedule is larger than %d bytes", BB_IMPORT_MAX_BYTES);
        return -1;
    }
    im.text = data;   /* for bb_imp_line_at only, until the copy below */
    const char *nul = memchr(data, '\0', len);
    if (nul) {
        bb_imp_error(&im, bb_imp_line_at(&im, (size_t)(nul - data)),
                     "the schedule contains a NUL byte: it is not a text file");
        return -1;
    }
    bb_import_format format = bb_import_sniff(data, len);
    if (format == BB_IMPORT_UNKNOWN) {
        bb_imp_error(&im, 1,
                     "not a schedule this program reads: expected frab/pretalx XML "
                     "(<schedule>), frab/pretalx JSON ({ \"schedule\": ... }) or iCalendar "
                     "(BEGIN:VCALENDAR)");
        return -1;
    }
    /* The readers want a terminated string, and the file's own memory may
     * be a caller's exact-size buffer. */
    char *text = malloc(len + 1);
    if (!text) {
        bb_imp_error(&im, 0, "out of memory");
        return -1;
    }
    memcpy(text, data, len);
    text[len] = '\0';
    im.text = text;
    int rc = import_text(&im, format);
    if (im.warnings > BB_IMPORT_MAX_WARNINGS)
        bb_diag_add(diags, BB_WARNING, im.name, 0, "%d more warnings in this file (not listed)",
                    im.warnings - BB_IMPORT_MAX_WARNINGS);
    free(text);
    return rc < 0 || im.errors > 0 ? -1 : im.added;
}

/* --- shared with the readers (bb_import_private.h) --- */

void bb_imp_error(bb_importer *im, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_diag(im, BB_ERROR, line, fmt, ap);
    va_end(ap);
    im->errors++;
}

void bb_imp_warning(bb_importer *im, int line, const char *fmt, ...)
{
    if (++im->warnings > BB_IMPORT_MAX_WARNINGS)
        return;
    va_list ap;
    va_start(ap, fmt);
    add_diag(im, BB_WARNING, line, fmt, ap);
    va_end(ap);
}

bb_talk *bb_imp_new_talk(bb_importer *im, int line)
{
    bb_config *cfg = im->cfg;
    if (im->added >= BB_IMPORT_MAX_TALKS) {
        if (!im->full)
            bb_imp_error(im, line, "more than %d talks in one schedule", BB_IMPORT_MAX_TALKS);
        im->full = true;
        return NULL;
    }
    if (cfg->n_talks >= im->cap) {
        int cap = im->cap < 16 ? 16 : im->cap * 2;
        bb_talk *grown = realloc(cfg->talks, (size_t)cap * sizeof *grown);
        if (!grown) {
            bb_imp_error(im, line, "out of memory");
            return NULL;
        }
        cfg->talks = grown;
        im->cap = cap;
    }
    bb_talk *t = &cfg->talks[cfg->n_talks++];
    memset(t, 0, sizeof *t);
    t->tz = cfg->display.tz;
    t->src.file = im->name;
    t->src.line = line;
    im->added++;
    return t;
}

int bb_imp_set_id(bb_importer *im, bb_talk *t, const char *raw, const char *suffix, int line)
{
    size_t len = strlen(im->prefix) + 1 + strlen(raw) + (suffix ? 1 + strlen(suffix) : 0) + 1;
    char *id = malloc(len);
    if (!id) {
        bb_imp_error(im, line, "out of memory");
        return -1;
    }
    snprintf(id, len, suffix ? "%s-%s-%s" : "%s-%s", im->prefix, raw, suffix ? suffix : "");
    for (char *p = id; *p; p++)
        if (!id_char_ok(*p))
            *p = '_';
    t->id = id;
    int self = (int)(t - im->cfg->talks);
    for (int j = 0; j < im->cfg->n_talks; j++) {
        const bb_talk *o = &im->cfg->talks[j];
        if (j != self && o->id && strcmp(o->id, id) == 0) {
            bb_imp_error(im, line, "duplicate talk id '%s' (first used at %s:%d)", id,
                         o->src.file, o->src.line);
            return -1;
        }
    }
    return 0;
}

char *bb_imp_text(const char *s)
{
    if (!s)
        return NULL;
    size_t cap = strlen(s);
    if (cap > BB_IMPORT_MAX_TEXT * 4)
        cap = BB_IMPORT_MAX_TEXT * 4;   /* bytes looked at; the copy is cut lower */
    char *out = malloc(cap * 3 + 1);     /* a bad byte can become 3 */
    if (!out)
        return NULL;
    size_t n = 0;
    bool space = false;
    for (size_t i = 0; i < cap && s[i];) {
        unsigned char c = (unsigned char)s[i];
        size_t adv = 1;
        const char *piece;
        size_t piece_len;
        if (c < 0x20 || c == 0x7F || c == ' ') {
            space = n > 0;
            i++;
            continue;
        }
        size_t ok = utf8_valid_len(s + i);
        if (ok) {
            adv = ok;
            piece = s + i;
            piece_len = ok;
        } else {
            piece = REPLACEMENT_CHAR;
            piece_len = 3;
        }
        if (n + (space ? 1 : 0) + piece_len > BB_IMPORT_MAX_TEXT)
            break;
        if (space)
            out[n++] = ' ';
        space = false;
        memcpy(out + n, piece, piece_len);
        n += piece_len;
        i += adv;
    }
    out[n] = '\0';
    if (n == 0) {
        free(out);
        return NULL;
    }
    return out;
}

char *bb_imp_url(bb_importer *im, const char *s, const char *what, int line)
{
    char *url = bb_imp_text(s);
    if (!url || bb_config_url_ok(url))
        return url;
    bb_imp_warning(im, line, "%s: 'url' \"%.60s\" is not an http:// or https:// address "
                   "(no QR code for it)", what, url);
    free(url);
    return NULL;
}

int bb_imp_push_text(bb_strv *v, const char *s)
{
    char *copy = bb_imp_text(s);
    if (!copy)
        return 0;
    int rc = bb_strv_push(v, copy);
    free(copy);
    return rc;
}

int bb_imp_line_at(const bb_importer *im, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset && i < im->len; i++)
        if (im->text[i] == '\n')
            line++;
    return line;
}

int bb_imp_line_of(const bb_importer *im, const char *needle)
{
    if (!needle || !needle[0])
        return 0;
    const char *hit = strstr(im->text, needle);
    return hit ? bb_imp_line_at(im, (size_t)(hit - im->text)) : 0;
}

const bb_tz *bb_imp_zone(bb_importer *im, const char *name)
{
    return name && name[0] ? bb_cfg_zone(im->cfg, name) : NULL;
}

const bb_tz *bb_imp_zone_fixed(bb_importer *im, int offset_s)
{
    return bb_cfg_zone_fixed(im->cfg, offset_s);
}

bb_instant bb_imp_local_instant(const bb_tz *tz, const bb_civil *local)
{
    bb_instant earlier, later;
    bb_tz_from_civil(tz, local, &earlier, &later);
    return earlier;
}

/* --- static functions --- */

static int import_text(bb_importer *im, bb_import_format format)
{
    switch (format) {
    case BB_IMPORT_XML: return bb_import_read_xml(im);
    case BB_IMPORT_JSON: return bb_import_read_json(im);
    case BB_IMPORT_ICS: return bb_import_read_ics(im);
    default: return -1;
    }
}

/* "conf/programme.schedule.xml" -> "programme": the name without its
 * directory and last extension, made a safe id. */
static void derive_prefix(const char *name, char *out, size_t len)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    if (n >= len)
        n = len - 1;
    for (size_t i = 0; i < n; i++)
        out[i] = id_char_ok(base[i]) ? base[i] : '_';
    out[n] = '\0';
    if (n == 0)
        snprintf(out, len, "schedule");
}

static void add_diag(bb_importer *im, bb_severity sev, int line, const char *fmt, va_list ap)
{
    char message[MESSAGE_BUF];
    vsnprintf(message, sizeof message, fmt, ap);
    bb_diag_add(im->diags, sev, im->name, line, "%s", message);
}

static char *read_file(const char *path, size_t *len, char *err, size_t err_len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    if (!f) {
        snprintf(err, err_len, "cannot open the schedule: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 64 * 1024, n = 0;
    data = malloc(cap);
    if (!data)
        goto fail_memory;
    for (;;) {
        if (n == cap) {
            if (cap > BB_IMPORT_MAX_BYTES) {
                snprintf(err, err_len, "the schedule is larger than %d bytes",
                         BB_IMPORT_MAX_BYTES);
                goto fail;
            }
            char *grown = realloc(data, cap * 2);
            if (!grown)
                goto fail_memory;
            data = grown;
            cap *= 2;
        }
        size_t got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        snprintf(err, err_len, "cannot read the schedule: %s", strerror(errno));
        goto fail;
    }
    if (n > BB_IMPORT_MAX_BYTES) {
        snprintf(err, err_len, "the schedule is larger than %d bytes", BB_IMPORT_MAX_BYTES);
        goto fail;
    }
    fclose(f);
    *len = n;
    return data;

fail_memory:
    snprintf(err, err_len, "out of memory reading the schedule");
fail:
    free(data);
    fclose(f);
    return NULL;
}

/* Length of the well-formed UTF-8 character at s (1-4), or 0: overlong
 * forms, surrogates and code points past U+10FFFF are not well-formed. */
static size_t utf8_valid_len(const char *s)
{
    size_t n = 0;
    while (n < 4 && s[n])
        n++;
    size_t adv;
    uint32_t cp = bb_utf8_decode(s, n, &adv);
    if ((adv == 1 && (unsigned char)s[0] >= 0x80) || (adv == 2 && cp < 0x80) ||
        (adv == 3 && cp < 0x800) || (adv == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return adv;
}

static bool id_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}
