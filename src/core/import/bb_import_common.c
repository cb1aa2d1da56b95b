/*
 * bb_import_common: reporting and talk-making helpers for the schedule
 * readers (see bb_import_common.h).
 */
#include "bb_import_common.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_config_private.h"
#include "bb_utf8.h"

#define REPLACEMENT_CHAR "\xEF\xBF\xBD"   /* U+FFFD */
#define MESSAGE_BUF 512

static void add_diag(bb_importer *im, bb_severity sev, int line, const char *fmt, va_list ap)
    BB_PRINTF(4, 0);

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
        if (!bb_imp_id_char_ok(*p))
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
        size_t ok = bb_utf8_sequence((const unsigned char *)s + i, strnlen(s + i, 4));
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

char *bb_imp_field(bb_importer *im, const char *s, const char *field, const char *what,
                   int line)
{
    char *text = bb_imp_text(s);
    if (!text || !bb_utf8_draws_nothing(text))
        return text;
    if (field)
        bb_imp_warning(im, line, "%s: its %s has only characters that draw nothing (format "
                       "characters such as U+200B or U+061C): treated as empty", what, field);
    free(text);
    return NULL;
}

int bb_imp_push_field(bb_importer *im, bb_strv *v, const char *s, const char *field,
                      const char *what, int line)
{
    char *copy = bb_imp_field(im, s, field, what, line);
    if (!copy)
        return 0;
    int rc = bb_strv_push(v, copy);
    free(copy);
    return rc;
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

int bb_imp_index_lines(bb_importer *im)
{
    size_t n = 1, cap = 1024;
    size_t *starts = malloc(cap * sizeof *starts);
    if (!starts)
        return -1;
    starts[0] = 0;
    for (const char *p = im->text, *end = im->text + im->len;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
        if (n == cap) {
            size_t *grown = realloc(starts, cap * 2 * sizeof *grown);
            if (!grown) {
                free(starts);
                return -1;
            }
            starts = grown;
            cap *= 2;
        }
        starts[n++] = (size_t)(p - im->text) + 1;
    }
    im->line_starts = starts;
    im->n_lines = n;
    return 0;
}

void bb_imp_free_lines(bb_importer *im)
{
    free(im->line_starts);
    im->line_starts = NULL;
    im->n_lines = 0;
}

int bb_imp_line_at(const bb_importer *im, size_t offset)
{
    if (im->line_starts) {
        /* The last line start <= offset. */
        size_t lo = 0, hi = im->n_lines;
        while (hi - lo > 1) {
            size_t mid = lo + (hi - lo) / 2;
            if (im->line_starts[mid] <= offset)
                lo = mid;
            else
                hi = mid;
        }
        return lo + 1 > (size_t)INT_MAX ? INT_MAX : (int)(lo + 1);
    }
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

bool bb_imp_id_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '.';
}

/* --- static functions --- */

/* --- static functions --- */

static void add_diag(bb_importer *im, bb_severity sev, int line, const char *fmt, va_list ap)
{
    char message[MESSAGE_BUF];
    vsnprintf(message, sizeof message, fmt, ap);
    bb_diag_add(im->diags, sev, im->name, line, "%s", message);
}


