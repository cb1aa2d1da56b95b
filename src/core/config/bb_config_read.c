/*
 * bb_config_read: typed reads of libconfig settings that report every
 * problem with the file and line of the offending setting.
 *
 * libconfig tells integers from floats (12 vs 12.0) and has no notion of
 * "seconds" or "one of these words": these helpers add that, so the group
 * readers stay short and every message has the same shape.
 */
#include <dirent.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <strings.h>
#include <unistd.h>

#include "bb_config_private.h"
#include "bb_fetch.h"
#include "bb_file.h"
#include "bb_imghead.h"
#include "bb_utf8.h"

/* Longest key or word the edit distance is computed for, in bytes. */
#define SUGGEST_MAX_LEN 64
/* Bytes read to recognise an image's format. */
/* Bytes read to tell a picture's format: an SVG's <svg may follow an XML
 * declaration, a comment or a DOCTYPE. */
#define IMAGE_MAGIC_BYTES 1024
#define ZONEINFO_DIR "/usr/share/zoneinfo"
/* A DST change is looked for this far before a gap, in seconds. */
#define GAP_SEARCH_S (2 * BB_SECONDS_PER_DAY)

static void add_diag(bb_reader *r, bb_severity sev, const config_setting_t *s,
                     const char *fmt, va_list ap) BB_PRINTF(4, 0);
static const char *type_phrase(int type);
static int parse_iso_setting(bb_reader *r, const config_setting_t *s, const char *expected,
                             bb_iso *out);
static int edit_distance(const char *a, const char *b);
static int check_image_magic(const char *path);
static void describe_gap(const bb_tz *tz, bb_instant guess, char *buf, size_t len);
static bool suggest_zone(const char *name, char *out, size_t len);
static bool is_zone_file(const char *dir, const struct dirent *e);
static bool is_region(const char *name, char *example, size_t len);

int bb_rd_line(const config_setting_t *s)
{
    return s ? (int)config_setting_source_line(s) : 0;
}

void bb_rd_error(bb_reader *r, const config_setting_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_diag(r, BB_ERROR, s, fmt, ap);
    va_end(ap);
}

void bb_rd_warning(bb_reader *r, const config_setting_t *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_diag(r, BB_WARNING, s, fmt, ap);
    va_end(ap);
}

bb_source bb_rd_source(bb_reader *r, const config_setting_t *s)
{
    const char *file = s ? config_setting_source_file(s) : NULL;
    char *shown = NULL;
    if (file && r->include_prefix) {
        size_t len = strlen(r->include_prefix) + strlen(file) + 1;
        shown = malloc(len);
        if (shown)
            snprintf(shown, len, "%s%s", r->include_prefix, file);
    }
    bb_source src = {bb_cfg_intern_file(r->cfg, shown ? shown : file ? file : r->name),
                     bb_rd_line(s)};
    free(shown);
    return src;
}

void bb_rd_check_keys(bb_reader *r, const config_setting_t *group, bb_keys allowed,
                      const char *what)
{
    int n_allowed = 0;
    while (allowed[n_allowed])
        n_allowed++;
    for (int i = 0; i < config_setting_length(group); i++) {
        const config_setting_t *s = config_setting_get_elem(group, (unsigned)i);
        const char *name = config_setting_name(s);
        bool known = false;
        for (int k = 0; k < n_allowed && !known; k++)
            known = strcmp(name, allowed[k]) == 0;
        if (known)
            continue;
        const char *close = bb_rd_suggest(name, allowed, n_allowed);
        if (close)
            bb_rd_warning(r, s, "unknown setting '%s' in %s (ignored); did you mean '%s'?", name,
                          what, close);
        else
            bb_rd_warning(r, s, "unknown setting '%s' in %s (ignored)", name, what);
    }
}

const char *bb_rd_suggest(const char *word, const char *const *candidates, int n)
{
    const char *best = NULL;
    int best_distance = BB_SUGGEST_MAX_DISTANCE + 1;
    for (int i = 0; i < n; i++) {
        int d = edit_distance(word, candidates[i]);
        /* Fewer edits than half the candidate's length: otherwise short
         * words are "close" to anything ('c' is not a typo of 'a'). */
        if (d <= BB_SUGGEST_MAX_DISTANCE && 2 * d < (int)strlen(candidates[i]) &&
            d < best_distance) {
            best = candidates[i];
            best_distance = d;
        }
    }
    return best;
}

int bb_rd_string(bb_reader *r, const config_setting_t *group, const char *key,
                 const char *what, bool required, char **out)
{
    const config_setting_t *s = config_setting_get_member(group, key);
    if (!s) {
        if (required)
            bb_rd_error(r, group, "%s is missing the required setting '%s'", what, key);
        return 0;
    }
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        bb_rd_error(r, s, "'%s' must be a string in quotes, not %s", key,
                    type_phrase(config_setting_type(s)));
        return -1;
    }
    const char *text = config_setting_get_string(s);
    if (required && !text[0]) {
        bb_rd_error(r, s, "'%s' must not be empty", key);
        return -1;
    }
    size_t len = strlen(text);
    if (len > BB_MAX_TEXT_BYTES) {
        bb_rd_error(r, s, "'%s' is %zu bytes long; at most %d fit on a screen", key, len,
                    BB_MAX_TEXT_BYTES);
        return -1;
    }
    if (bb_utf8_draws_nothing(text)) {
        /* Only spaces and format characters (U+061C, U+200B, U+FEFF...):
         * a slide would show a blank where this text goes. */
        if (required) {
            bb_rd_error(r, s, "'%s' has only characters that draw nothing (spaces or format "
                        "characters such as U+200B): it must not be empty", key);
            return -1;
        }
        bb_rd_warning(r, s, "'%s' has only characters that draw nothing (spaces or format "
                      "characters such as U+200B): treated as empty", key);
        text = "";
    }
    if (!text[0]) {
        /* An empty optional string means "not given" (forum = "";). */
        free(*out);
        *out = NULL;
        return 0;
    }
    char *copy = bb_cfg_strdup(text);
    if (!copy) {
        bb_rd_error(r, s, "out of memory");
        return -1;
    }
    free(*out);
    *out = copy;
    return 1;
}

int bb_rd_bool(bb_reader *r, const config_setting_t *group, const char *key, bool *out)
{
    const config_setting_t *s = config_setting_get_member(group, key);
    if (!s)
        return 0;
    if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
        bb_rd_error(r, s, "'%s' must be true or false, not %s", key,
                    type_phrase(config_setting_type(s)));
        return -1;
    }
    *out = config_setting_get_bool(s) != 0;
    return 1;
}

int bb_rd_int(bb_reader *r, const config_setting_t *group, const char *key, int min,
              int max, const char *unit, int *out)
{
    const config_setting_t *s = config_setting_get_member(group, key);
    if (!s)
        return 0;
    int type = config_setting_type(s);
    if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
        bb_rd_error(r, s, "'%s' must be a whole number, not %s", key, type_phrase(type));
        return -1;
    }
    long long value = config_setting_get_int64(s);
    if (value < min || value > max) {
        bb_rd_error(r, s, "'%s' is %lld%s%s; it must be from %d to %d%s%s", key, value,
                    unit[0] ? " " : "", unit, min, max, unit[0] ? " " : "", unit);
        return -1;
    }
    *out = (int)value;
    return 1;
}

int bb_rd_number(bb_reader *r, const config_setting_t *group, const char *key,
                 double min, double max, const char *unit, double *out)
{
    const config_setting_t *s = config_setting_get_member(group, key);
    if (!s)
        return 0;
    int type = config_setting_type(s);
    double value;
    if (type == CONFIG_TYPE_INT || type == CONFIG_TYPE_INT64)
        value = (double)config_setting_get_int64(s);
    else if (type == CONFIG_TYPE_FLOAT)
        value = config_setting_get_float(s);
    else {
        bb_rd_error(r, s, "'%s' must be a number, not %s", key, type_phrase(type));
        return -1;
    }
    /* Written so that NaN fails too. */
    if (!(value >= min && value <= max)) {
        bb_rd_error(r, s, "'%s' is %g%s%s; it must be from %g to %g%s%s", key, value,
                    unit[0] ? " " : "", unit, min, max, unit[0] ? " " : "", unit);
        return -1;
    }
    *out = value;
    return 1;
}

int bb_rd_enum(bb_reader *r, const config_setting_t *group, const char *key,
               const char *const *words, int n, int *out)
{
    char *word = NULL;
    const config_setting_t *raw = config_setting_get_member(group, key);
    int got = bb_rd_string(r, group, key, "", false, &word);
    if (got < 0 || (got == 0 && !raw))
        return got;
    if (!word) {
        /* Set but empty: not "absent", a missing choice. */
        word = bb_cfg_strdup("");
        if (!word)
            return -1;
    }
    for (int i = 0; i < n; i++)
        if (strcmp(word, words[i]) == 0) {
            *out = i;
            free(word);
            return 1;
        }
    char allowed[256] = "";
    for (int i = 0; i < n; i++) {
        size_t used = strlen(allowed);
        snprintf(allowed + used, sizeof allowed - used, "%s%s", i ? ", " : "", words[i]);
    }
    const char *close = bb_rd_suggest(word, words, n);
    const config_setting_t *s = config_setting_get_member(group, key);
    if (close)
        bb_rd_error(r, s, "'%s' is \"%s\"; did you mean \"%s\"? (one of: %s)", key, word, close,
                    allowed);
    else
        bb_rd_error(r, s, "'%s' is \"%s\"; it must be one of: %s", key, word, allowed);
    free(word);
    return -1;
}

int bb_rd_strv(bb_reader *r, const config_setting_t *group, const char *key, int min,
               int max, bb_strv *out)
{
    const config_setting_t *s = config_setting_get_member(group, key);
    if (!s)
        return 0;
    int type = config_setting_type(s);
    if (type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) {
        bb_rd_error(r, s, "'%s' must be a list of strings [ \"...\", \"...\" ], not %s", key,
                    type_phrase(type));
        return -1;
    }
    int n = config_setting_length(s);
    if (n < min || n > max) {
        bb_rd_error(r, s, "'%s' has %d entr%s; it must have from %d to %d", key, n,
                    n == 1 ? "y" : "ies", min, max);
        return -1;
    }
    bb_strv v = {NULL, 0};
    int result = 1;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            bb_rd_error(r, e, "entry %d of '%s' must be a string, not %s", i + 1, key,
                        type_phrase(config_setting_type(e)));
            result = -1;
        } else if (!config_setting_get_string(e)[0]) {
            bb_rd_error(r, e, "entry %d of '%s' is empty", i + 1, key);
            result = -1;
        } else if (strlen(config_setting_get_string(e)) > BB_MAX_TEXT_BYTES) {
            bb_rd_error(r, e, "entry %d of '%s' is %zu bytes long; at most %d fit on a screen",
                        i + 1, key, strlen(config_setting_get_string(e)), BB_MAX_TEXT_BYTES);
            result = -1;
        } else if (bb_utf8_draws_nothing(config_setting_get_string(e))) {
            bb_rd_warning(r, e, "entry %d of '%s' has only characters that draw nothing "
                          "(spaces or format characters such as U+200B): left out", i + 1, key);
        } else if (bb_strv_push(&v, config_setting_get_string(e)) < 0) {
            bb_rd_error(r, e, "out of memory");
            result = -1;
        }
    }
    if (result > 0 && v.n < min) {
        bb_rd_error(r, s, "'%s' has fewer than %d entries that draw something", key, min);
        result = -1;
    }
    if (result < 0) {
        bb_strv_free(&v);
        return -1;
    }
    bb_strv_free(out);
    *out = v;
    return 1;
}

int bb_rd_file_path(bb_reader *r, const config_setting_t *group, const char *key,
                    const char *what, bool required, bool image, char **out)
{
    char *name = NULL;
    int got = bb_rd_string(r, group, key, what, required, &name);
    if (got <= 0)
        return got;
    const config_setting_t *s = config_setting_get_member(group, key);
    char *full = bb_cfg_find_asset(r->cfg, name);
    int result = -1;
    if (!full)
        bb_rd_error(r, s, "out of memory");
    else if (access(full, R_OK) != 0)
        bb_rd_error(r, s, "file '%s' does not exist or cannot be read (looked for %s)", name, full);
    else if (image && check_image_magic(full) < 0)
        bb_rd_error(r, s, "file '%s' is not a PNG, JPEG or SVG image", name);
    else
        result = 1;
    free(name);
    if (result < 0) {
        free(full);
        return -1;
    }
    free(*out);
    *out = full;
    return 1;
}

int bb_rd_instant(bb_reader *r, const config_setting_t *s, const bb_tz *tz, bool need_time,
                  bb_iso *iso, bb_instant *out)
{
    const char *key = config_setting_name(s);
    bb_iso parsed;
    if (parse_iso_setting(r, s, "a date-time in quotes (\"2022-01-10T09:00\")", &parsed) < 0)
        return -1;
    const char *text = config_setting_get_string(s);
    if (need_time && !parsed.has_time) {
        bb_rd_error(r, s, "'%s' is a date without a time of day (\"%s\"); write \"%sT09:00\"", key,
                    text, text);
        return -1;
    }
    if (iso)
        *iso = parsed;
    if (parsed.has_offset) {
        *out = bb_civil_to_instant(&parsed.civil, parsed.offset_s);
        return 0;
    }

    bb_instant earlier, later;
    bb_local_kind kind = bb_tz_from_civil(tz, &parsed.civil, &earlier, &later);
    char when[BB_ISO_BUF];
    bb_format_civil(&parsed.civil, parsed.has_time, when, sizeof when);
    /* A bare date in a zone whose clocks jump at midnight (America/Santiago)
     * simply starts at the jump: that is still "the start of the day". */
    if (kind == BB_LOCAL_GAP && parsed.has_time) {
        char change[96];
        describe_gap(tz, earlier, change, sizeof change);
        bb_rd_error(r, s, "'%s' %s does not exist in %s: %s", key, when, bb_tz_name(tz), change);
        return -1;
    }
    if (kind == BB_LOCAL_FOLD) {
        int first = bb_tz_offset_at(tz, earlier, NULL), second = bb_tz_offset_at(tz, later, NULL);
        char first_text[16], second_text[16];
        bb_format_offset_only(first, first_text, sizeof first_text);
        bb_format_offset_only(second, second_text, sizeof second_text);
        bb_rd_warning(r, s,
                      "'%s' %s is ambiguous in %s: clocks go back and it happens twice (%s, then "
                      "%s); the first is used; add an offset, e.g. \"%s%s\"",
                      key, when, bb_tz_name(tz), first_text, second_text, text, first_text);
    }
    *out = earlier;
    return 0;
}

int bb_rd_date(bb_reader *r, const config_setting_t *s, bb_civil *out)
{
    bb_iso parsed;
    if (parse_iso_setting(r, s, "a date in quotes (\"2025-02-22\")", &parsed) < 0)
        return -1;
    if (parsed.has_time) {
        bb_rd_error(r, s, "'%s' must be a date only (\"YYYY-MM-DD\"), not \"%s\"",
                    config_setting_name(s), config_setting_get_string(s));
        return -1;
    }
    *out = parsed.civil;
    return 0;
}

void bb_rd_unknown_zone(bb_reader *r, const config_setting_t *s, const char *name)
{
    char close[1024]; /* area and city, each up to a d_name */
    if (is_region(name, close, sizeof close))
        bb_rd_error(r, s,
                    "'%s' is a region of the tz database, not a time zone: name a city in it, "
                    "like '%s'", name, close);
    else if (suggest_zone(name, close, sizeof close))
        bb_rd_error(r, s, "unknown time zone '%s'; did you mean '%s'?", name, close);
    else
        bb_rd_error(r, s,
                    "unknown time zone '%s' (IANA names are one city per region: Geneva uses "
                    "\"Europe/Zurich\")",
                    name);
}

void bb_format_civil(const bb_civil *c, bool with_time, char *buf, size_t len)
{
    if (with_time)
        snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d", c->year, c->month, c->day, c->hour,
                 c->minute);
    else
        snprintf(buf, len, "%04d-%02d-%02d", c->year, c->month, c->day);
}

void bb_format_offset_only(int offset_s, char *buf, size_t len)
{
    int a = offset_s < 0 ? -offset_s : offset_s;
    snprintf(buf, len, "%c%02d:%02d", offset_s < 0 ? '-' : '+', a / BB_SECONDS_PER_HOUR,
             a % BB_SECONDS_PER_HOUR / BB_SECONDS_PER_MINUTE);
}

/* --- static functions --- */

static void add_diag(bb_reader *r, bb_severity sev, const config_setting_t *s,
                     const char *fmt, va_list ap)
{
    char message[512];
    vsnprintf(message, sizeof message, fmt, ap);
    bb_source src = bb_rd_source(r, s);
    bb_diag_add(r->diags, sev, src.file, src.line, "%s", message);
}

/* The string setting s through bb_iso_parse, with bb_iso_parse's reason in
 * the message when it is malformed.  Returns 0, or -1 after an error. */
static int parse_iso_setting(bb_reader *r, const config_setting_t *s, const char *expected,
                             bb_iso *out)
{
    const char *key = config_setting_name(s);
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        bb_rd_error(r, s, "'%s' must be %s, not %s", key, expected,
                    type_phrase(config_setting_type(s)));
        return -1;
    }
    const char *text = config_setting_get_string(s);
    char reason[96] = "";
    if (bb_iso_parse(text, out, reason, sizeof reason) < 0) {
        bb_rd_error(r, s, "'%s' has a malformed date \"%s\": %s", key, text,
                    reason[0] ? reason : "not ISO 8601");
        return -1;
    }
    return 0;
}

static const char *type_phrase(int type)
{
    switch (type) {
    case CONFIG_TYPE_GROUP: return "a group { ... }";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64: return "a whole number";
    case CONFIG_TYPE_FLOAT: return "a decimal number";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "true/false";
    case CONFIG_TYPE_ARRAY: return "an array [ ... ]";
    case CONFIG_TYPE_LIST: return "a list ( ... )";
    default: return "an unknown type";
    }
}

/*
 * Edit distance on bytes, counting a swap of two neighbours as one edit
 * ("widht" -> "width", the commonest typo): optimal string alignment.
 * Long words are never "close".
 */
static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > SUGGEST_MAX_LEN || lb > SUGGEST_MAX_LEN)
        return SUGGEST_MAX_LEN;
    int d[SUGGEST_MAX_LEN + 1][SUGGEST_MAX_LEN + 1];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

/* PNG, JPEG and SVG are what the display decodes; anything else would only
 * fail on screen, so say so at --check time.  The same reading of the
 * header as the display's (bb_imghead); a recognised file whose header is
 * broken or over the pixel budget is refused later, by the picture's own
 * check, with that reason. */
static int check_image_magic(const char *path)
{
    bb_file_data file;
    if (bb_file_read(path, IMAGE_MAGIC_BYTES, BB_FILE_PREFIX, &file) != BB_FILE_OK)
        return -1;
    bb_img_head head;
    bb_imghead_read((const unsigned char *)file.data, file.len, &head, NULL, 0);
    free(file.data);
    return head.format == BB_IMG_UNKNOWN ? -1 : 0;
}

/*
 * "clocks go forward from 02:00 to 03:00 that night".  guess is the reading
 * taken with the offset before the gap, so it lies just after the change:
 * bisect back to the instant the offset changed.
 */
static void describe_gap(const bb_tz *tz, bb_instant guess, char *buf, size_t len)
{
    int after = bb_tz_offset_at(tz, guess, NULL);
    bb_instant lo = guess - GAP_SEARCH_S, hi = guess;
    if (bb_tz_offset_at(tz, lo, NULL) == after) {
        snprintf(buf, len, "clocks go forward around then");
        return;
    }
    while (hi - lo > 1) {
        bb_instant mid = lo + (hi - lo) / 2;
        if (bb_tz_offset_at(tz, mid, NULL) == after)
            hi = mid;
        else
            lo = mid;
    }
    int before = bb_tz_offset_at(tz, lo, NULL);
    bb_civil from, to;
    bb_instant_to_civil(hi, before, &from);
    bb_instant_to_civil(hi, after, &to);
    snprintf(buf, len, "clocks go forward from %02d:%02d to %02d:%02d that night", from.hour,
             from.minute, to.hour, to.minute);
}

/*
 * A zone file close to name in the tz database: "Europe/Zurik" ->
 * "Europe/Zurich", "europe/vienna" -> "Europe/Vienna".  Only the area's
 * directory is listed, so this stays cheap.
 */
static bool suggest_zone(const char *name, char *out, size_t len)
{
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = ZONEINFO_DIR;
    const char *slash = strrchr(name, '/');
    char area[128] = "";
    if (slash && (size_t)(slash - name) < sizeof area)
        snprintf(area, sizeof area, "%.*s", (int)(slash - name), name);
    const char *city = slash ? slash + 1 : name;

    /* The area itself may be mis-cased ("europe"): find it first. */
    char area_found[sizeof ((struct dirent *)0)->d_name] = "";
    if (area[0]) {
        DIR *top = opendir(dir);
        struct dirent *e;
        while (top && (e = readdir(top)))
            if (strcasecmp(e->d_name, area) == 0)
                snprintf(area_found, sizeof area_found, "%s", e->d_name);
        if (top)
            closedir(top);
        if (!area_found[0])
            return false;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, area_found);
    DIR *d = opendir(path);
    if (!d)
        return false;
    int best = BB_SUGGEST_MAX_DISTANCE + 1;
    char lower_city[sizeof ((struct dirent *)0)->d_name];
    snprintf(lower_city, sizeof lower_city, "%s", city);
    for (char *p = lower_city; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !is_zone_file(path, e))
            continue;
        char lower[sizeof e->d_name];
        snprintf(lower, sizeof lower, "%s", e->d_name);
        for (char *p = lower; *p; p++)
            *p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
        int distance = edit_distance(lower_city, lower);
        if (distance < best && 2 * distance < (int)strlen(lower)) {
            best = distance;
            snprintf(out, len, "%s%s%s", area_found, area_found[0] ? "/" : "", e->d_name);
        }
    }
    closedir(d);
    return best <= BB_SUGGEST_MAX_DISTANCE;
}

/* A suggestion must be a zone: a region's folder ("Europe") is not one. */
static bool is_zone_file(const char *dir, const struct dirent *e)
{
    if (e->d_type == DT_REG || e->d_type == DT_LNK)
        return true;
    if (e->d_type != DT_UNKNOWN)
        return false;
    char path[4096 + sizeof e->d_name + 1];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* "Europe", "America/Argentina": a folder of zones in the tz database;
 * example gets the first zone in it by name ("Europe/Amsterdam"). */
static bool is_region(const char *name, char *example, size_t len)
{
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = ZONEINFO_DIR;
    if (strstr(name, "..") || name[0] == '/')
        return false;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    DIR *d = opendir(path);
    if (!d)
        return false;
    char first[sizeof ((struct dirent *)0)->d_name] = "";
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && is_zone_file(path, e) &&
            (!first[0] || strcmp(e->d_name, first) < 0))
            snprintf(first, sizeof first, "%s", e->d_name);
    closedir(d);
    snprintf(example, len, "%s/%s", name, first[0] ? first : "...");
    return true;
}

int bb_cfg_read_language(bb_reader *r, const config_setting_t *g, const char *key, char **out)
{
    char *tag = NULL;
    int got = bb_rd_string(r, g, key, "display", false, &tag);
    if (got <= 0)
        return got;
    const config_setting_t *s = config_setting_get_member(g, key);
    if (!bb_i18n_tag_valid(tag)) {
        bb_rd_error(r, s, "'%s' is \"%s\"; want a language tag such as \"de\", \"fr\", "
                          "\"en-US\" or \"zh\"", key, tag);
        free(tag);
        return -1;
    }
    if (!bb_i18n_has_catalog(tag))
        bb_rd_warning(r, s, "no translation of briefboard's words into \"%s\" is installed "
                            "(looked in %s); they stay English, dates and times follow \"%s\"",
                      tag, bb_i18n_localedir(), tag);
    free(*out);
    *out = tag;
    return 1;
}

/* In the reader, below both the schedules (bb_config_load) and the slides
 * (bb_config_slides) that name URLs. */
int bb_cfg_add_url(bb_reader *r, const config_setting_t *us, const char *url, int refresh_s,
                   bb_url_kind kind, const char **path_out)
{
    bb_config *cfg = r->cfg;
    const char *what = kind == BB_URL_FEED ? "feed slide url" : "schedule url";
    char why[128], path[PATH_MAX];
    *path_out = NULL;
    if (bb_fetch_url_check(url, why, sizeof why) < 0) {
        bb_rd_error(r, us, "%s \"%.200s\": %s", what, url, why);
        return -1;
    }
    const char *state_dir = bb_config_state_dir();
    bool have_path = state_dir && bb_fetch_cache_path(state_dir, url, path, sizeof path) == 0;
    bb_schedule_url *grown = realloc(cfg->urls, (size_t)(cfg->n_urls + 1) * sizeof *grown);
    if (!grown) {
        bb_rd_error(r, us, "out of memory");
        return -1;
    }
    cfg->urls = grown;
    bb_schedule_url *u = &cfg->urls[cfg->n_urls];
    memset(u, 0, sizeof *u);
    u->url = bb_cfg_strdup(url);
    u->kind = kind;
    u->refresh_s = refresh_s;
    u->path = have_path ? bb_cfg_strdup(path) : NULL;
    u->src = bb_rd_source(r, us);
    if (!u->url || (have_path && !u->path)) {
        free(u->url);
        free(u->path);
        bb_rd_error(r, us, "out of memory");
        return -1;
    }
    cfg->n_urls++;
    if (!have_path)
        bb_rd_warning(r, us, "%s \"%s\" is skipped: there is no state directory "
                      "(--state-dir or $STATE_DIRECTORY) to find its fetched copy in", what, url);
    *path_out = u->path;
    return 0;
}
