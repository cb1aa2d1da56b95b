/*
 * bb_i18n: messages from gettext catalogs, dates and quotation marks from
 * ICU.  See bb_i18n.h for why the catalogs are read here and not through
 * glibc's gettext().
 *
 * The .mo format (GNU gettext manual, "The Format of GNU MO Files"): a
 * header of 32-bit words -- magic, revision, string count N, the offsets of
 * the original and the translation tables -- then two tables of N (length,
 * offset) pairs, the originals sorted by strcmp.  Every offset and length is
 * checked against the file's size before use.
 */
#include "bb_i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>

#include "bb_file.h"
#include "bb_utf8.h"

#define MO_MAGIC 0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define MO_HEADER_BYTES 28
#define MO_MAX_BYTES (4u << 20)    /* a catalog of a few hundred strings is ~20 KiB */
#define MAX_LANGS 16               /* languages loaded at once (display + slides) */
#define ICU_LOCALE_MAX 96
#define UBUF 256                   /* UTF-16 units of one formatted date */
#define PATH_BUF 4096

typedef struct mo_catalog {
    unsigned char *data;
    size_t len;
    uint32_t n;
    uint32_t orig, trans;   /* table offsets */
    bool swapped;
} mo_catalog;

typedef struct lang_state {
    char tag[BB_I18N_TAG_MAX];        /* as asked for */
    char icu[ICU_LOCALE_MAX];         /* ICU locale id, digits forced to Latin */
    mo_catalog mo;                    /* data NULL: English / no catalog */
    UDateFormat *date[BB_DATE_STYLE_COUNT];
    UDateFormat *time[BB_CLOCK_FORMAT_COUNT];
    URelativeDateTimeFormatter *rel;
} lang_state;

static lang_state langs[MAX_LANGS];
static int n_langs;
static char *localedir_set;

static lang_state *lang_get(const char *tag);
static void lang_free(lang_state *l);
static void catalog_dir_name(const char *tag, char *out, size_t len, bool base_only);
static int mo_load(const char *path, mo_catalog *mo);
static uint32_t mo_word(const mo_catalog *mo, size_t at);
static const char *mo_find(const mo_catalog *mo, const char *msgid);
static UDateFormat *formatter(lang_state *l, const char *skeleton);
static void format_udate(UDateFormat *f, const bb_civil *c, char *buf, size_t len);
static void utf8_copy(char *buf, size_t len, const char *src, size_t n);
static void from_utf16(const UChar *u, int32_t n, char *buf, size_t len);
static bool dir_exists(const char *path);

static const char *const date_skeletons[BB_DATE_STYLE_COUNT] = {
    [BB_DATE_SHORT] = "EEEdMMM", [BB_DATE_LONG] = "yMMMEd", [BB_DATE_DAY_MONTH] = "MMMMd",
    [BB_DATE_FULL] = "yMMMMd",   [BB_DATE_WEEKDAY] = "EEE",
};
/* "j" is the locale's preferred hour cycle, "H" 0-23, "h" 1-12 with a day period. */
static const char *const time_skeletons[BB_CLOCK_FORMAT_COUNT] = {
    [BB_CLOCK_AUTO] = "jm", [BB_CLOCK_24H] = "Hm", [BB_CLOCK_12H] = "hm",
};

void bb_i18n_set_localedir(const char *dir)
{
    bb_i18n_shutdown();
    free(localedir_set);
    localedir_set = dir ? strdup(dir) : NULL;
}

const char *bb_i18n_localedir(void)
{
    if (localedir_set)
        return localedir_set;
#ifdef BB_LOCALEDIR_BUILD
    /* A program run from its build tree uses the catalogs built with it,
     * not those of an older installed package. */
    if (dir_exists(BB_LOCALEDIR_BUILD))
        return BB_LOCALEDIR_BUILD;
#endif
#ifdef BB_LOCALEDIR
    return BB_LOCALEDIR;
#else
    return "/usr/share/locale";
#endif
}

bool bb_i18n_tag_valid(const char *tag)
{
    if (!tag)
        return false;
    size_t n = strlen(tag), letters = 0;
    if (n == 0 || n >= BB_I18N_TAG_MAX)
        return false;
    while (letters < n && ((tag[letters] | 0x20) >= 'a' && (tag[letters] | 0x20) <= 'z'))
        letters++;
    if (letters < 2 || letters > 3 || (letters < n && tag[letters] != '-' && tag[letters] != '_'))
        return false;
    for (size_t i = letters; i < n; i++) {
        char ch = tag[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
        if (!ok || ((ch == '-' || ch == '_') && (i + 1 == n || tag[i + 1] == '-' || tag[i + 1] == '_')))
            return false;
    }
    return true;
}

bool bb_i18n_has_catalog(const char *tag)
{
    if (!tag || !*tag || strncmp(tag, "en", 2) == 0)
        return true;
    lang_state *l = lang_get(tag);
    return l && l->mo.data;
}

const char *bb_tr(const char *lang, const char *msgid)
{
    if (!msgid || !*msgid || !lang || !*lang)
        return msgid;
    lang_state *l = lang_get(lang);
    const char *t = l ? mo_find(&l->mo, msgid) : NULL;
    return t && *t ? t : msgid;
}

char *bb_trf(char *buf, size_t len, const char *lang, const char *msgid, const char *const *args,
             int n_args)
{
    if (!buf || len == 0)
        return buf;
    const char *t = bb_tr(lang, msgid);
    size_t used = 0;
    int next = 0;
    buf[0] = '\0';
    for (const char *p = t; *p && used + 1 < len;) {
        const char *piece = p;
        size_t piece_len = 1;
        if (p[0] == '%' && p[1] == '%') {
            piece_len = 1;
            p += 2;
        } else if (p[0] == '%' && p[1] == 's') {
            piece = next < n_args && args[next] ? args[next] : "";
            piece_len = strlen(piece);
            next++;
            p += 2;
        } else if (p[0] == '%' && p[1] >= '1' && p[1] <= '9' && p[2] == '$' && p[3] == 's') {
            int i = p[1] - '1';
            piece = i < n_args && args[i] ? args[i] : "";
            piece_len = strlen(piece);
            p += 4;
        } else {
            p++;
        }
        utf8_copy(buf + used, len - used, piece, piece_len);
        size_t got = strlen(buf + used);
        used += got;
        if (got < piece_len && memchr(piece, '\0', piece_len) == NULL)
            break;   /* cut: the buffer is full */
    }
    return buf;
}

void bb_fmt_date(const char *lang, const bb_civil *c, bb_date_style style, char *buf, size_t len)
{
    if (!buf || len == 0)
        return;
    buf[0] = '\0';
    lang_state *l = lang_get(lang);
    UDateFormat *f = l && (unsigned)style < BB_DATE_STYLE_COUNT ? l->date[style] : NULL;
    if (l && !f && (unsigned)style < BB_DATE_STYLE_COUNT)
        f = l->date[style] = formatter(l, date_skeletons[style]);
    if (f) {
        format_udate(f, c, buf, len);
        if (*buf)
            return;
    }
    /* No ICU data at all (never on Debian): ISO 8601, readable everywhere. */
    snprintf(buf, len, "%04d-%02d-%02d", c->year, c->month, c->day);
}

void bb_fmt_time(const char *lang, bb_clock_format cf, int hour, int minute, char *buf,
                 size_t len)
{
    if (!buf || len == 0)
        return;
    buf[0] = '\0';
    if ((unsigned)cf >= BB_CLOCK_FORMAT_COUNT)
        cf = BB_CLOCK_AUTO;
    lang_state *l = lang_get(lang);
    UDateFormat *f = l ? l->time[cf] : NULL;
    if (l && !f)
        f = l->time[cf] = formatter(l, time_skeletons[cf]);
    bb_civil c = { 1970, 1, 1, hour, minute, 0 };
    if (f) {
        format_udate(f, &c, buf, len);
        if (*buf)
            return;
    }
    snprintf(buf, len, "%02d:%02d", hour, minute);
}

bool bb_i18n_uses_12h(const char *lang, bb_clock_format cf)
{
    if (cf != BB_CLOCK_AUTO)
        return cf == BB_CLOCK_12H;
    char t[64];
    bb_fmt_time(lang, cf, 13, 0, t, sizeof t);
    return strstr(t, "13") == NULL;
}

void bb_fmt_relative(const char *lang, int64_t seconds, char *buf, size_t len)
{
    if (!buf || len == 0)
        return;
    buf[0] = '\0';
    int64_t mag = seconds < 0 ? -seconds : seconds;
    URelativeDateTimeUnit unit = UDAT_REL_UNIT_MINUTE;
    int64_t n = mag / BB_SECONDS_PER_MINUTE;
    if (mag >= BB_SECONDS_PER_DAY) {
        unit = UDAT_REL_UNIT_DAY;
        n = mag / BB_SECONDS_PER_DAY;
    } else if (mag >= BB_SECONDS_PER_HOUR) {
        unit = UDAT_REL_UNIT_HOUR;
        n = mag / BB_SECONDS_PER_HOUR;
    }
    if (n < 1)
        n = 1;
    double value = (double)(seconds < 0 ? -n : n);
    lang_state *l = lang_get(lang);
    if (l && !l->rel) {
        UErrorCode e = U_ZERO_ERROR;
        l->rel = ureldatefmt_open(l->icu, NULL, UDAT_STYLE_SHORT, UDISPCTX_CAPITALIZATION_NONE, &e);
        if (U_FAILURE(e))
            l->rel = NULL;
    }
    if (l && l->rel) {
        UChar u[UBUF];
        UErrorCode e = U_ZERO_ERROR;
        int32_t un = ureldatefmt_formatNumeric(l->rel, value, unit, u, UBUF, &e);
        if (U_SUCCESS(e)) {
            from_utf16(u, un, buf, len);
            return;
        }
    }
    static const char *const units[] = { "min", "h", "d" };
    int ui = unit == UDAT_REL_UNIT_DAY ? 2 : unit == UDAT_REL_UNIT_HOUR ? 1 : 0;
    snprintf(buf, len, seconds < 0 ? "%lld %s ago" : "in %lld %s", (long long)n, units[ui]);
}

void bb_quotes(const char *lang, char *open, size_t open_len, char *close, size_t close_len)
{
    snprintf(open, open_len, "\u201c");
    snprintf(close, close_len, "\u201d");
    lang_state *l = lang_get(lang);
    if (!l)
        return;
    UErrorCode e = U_ZERO_ERROR;
    ULocaleData *ld = ulocdata_open(l->icu, &e);
    if (U_FAILURE(e))
        return;
    UChar q[8];
    int32_t n = ulocdata_getDelimiter(ld, ULOCDATA_QUOTATION_START, q, 8, &e);
    if (U_SUCCESS(e))
        from_utf16(q, n, open, open_len);
    e = U_ZERO_ERROR;
    n = ulocdata_getDelimiter(ld, ULOCDATA_QUOTATION_END, q, 8, &e);
    if (U_SUCCESS(e))
        from_utf16(q, n, close, close_len);
    ulocdata_close(ld);
}

bool bb_i18n_rtl(const char *lang)
{
    lang_state *l = lang_get(lang);
    return l && uloc_isRightToLeft(l->icu);
}

void bb_i18n_shutdown(void)
{
    for (int i = 0; i < n_langs; i++)
        lang_free(&langs[i]);
    n_langs = 0;
}

/* ---- static ---- */

/* The state of one language, loaded on first use.  NULL only when the
 * table is full of other languages (then the caller falls back). */
static lang_state *lang_get(const char *tag)
{
    if (!tag || !*tag)
        tag = "en";
    for (int i = 0; i < n_langs; i++)
        if (strcmp(langs[i].tag, tag) == 0)
            return &langs[i];
    if (n_langs >= MAX_LANGS || !bb_i18n_tag_valid(tag))
        return NULL;
    lang_state *l = &langs[n_langs++];
    memset(l, 0, sizeof *l);
    snprintf(l->tag, sizeof l->tag, "%s", tag);

    /* ICU's canonical id: "en-US" -> "en_US"; bare English is British. */
    char canon[ICU_LOCALE_MAX - sizeof "@numbers=latn"];
    UErrorCode e = U_ZERO_ERROR;
    uloc_canonicalize(strcmp(tag, "en") == 0 ? "en_GB" : tag, canon, sizeof canon, &e);
    if (U_FAILURE(e))
        snprintf(canon, sizeof canon, "%s", tag);
    snprintf(l->icu, sizeof l->icu, "%s@numbers=latn", canon);

    if (strncmp(tag, "en", 2) != 0 || (tag[2] && tag[2] != '-' && tag[2] != '_')) {
        const char *dir = bb_i18n_localedir();
        for (int base = 0; base < 2 && !l->mo.data; base++) {
            char name[BB_I18N_TAG_MAX], path[PATH_BUF];
            catalog_dir_name(tag, name, sizeof name, base != 0);
            snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", dir, name, BB_I18N_DOMAIN);
            mo_load(path, &l->mo);
        }
    }
    return l;
}

static void lang_free(lang_state *l)
{
    free(l->mo.data);
    for (int i = 0; i < BB_DATE_STYLE_COUNT; i++)
        if (l->date[i])
            udat_close(l->date[i]);
    for (int i = 0; i < BB_CLOCK_FORMAT_COUNT; i++)
        if (l->time[i])
            udat_close(l->time[i]);
    if (l->rel)
        ureldatefmt_close(l->rel);
    memset(l, 0, sizeof *l);
}

/* gettext's directory names: "pt_BR" for "pt-BR", "zh_Hans" ...; the base
 * language alone ("pt") as the fallback. */
static void catalog_dir_name(const char *tag, char *out, size_t len, bool base_only)
{
    snprintf(out, len, "%s", tag);
    for (char *p = out; *p; p++) {
        if (*p != '-' && *p != '_')
            continue;
        if (base_only) {
            *p = '\0';
            break;
        }
        *p = '_';
    }
}

static int mo_load(const char *path, mo_catalog *mo)
{
    bb_file_data file;
    if (bb_file_read(path, MO_MAX_BYTES, 0, &file) != BB_FILE_OK)
        return -1;
    unsigned char *data = (unsigned char *)file.data;
    if (file.len < MO_HEADER_BYTES)
        goto fail;
    mo_catalog m = { data, file.len, 0, 0, 0, false };
    uint32_t magic = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
                     (uint32_t)data[3] << 24;
    if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
        goto fail;
    m.swapped = magic == MO_MAGIC_SWAPPED;
    m.n = mo_word(&m, 8);
    m.orig = mo_word(&m, 12);
    m.trans = mo_word(&m, 16);
    /* Both tables must lie inside the file; each string is checked on use. */
    if (m.n > m.len / 16 || m.orig > m.len || m.trans > m.len ||
        (uint64_t)m.n * 8 > m.len - m.orig || (uint64_t)m.n * 8 > m.len - m.trans)
        goto fail;
    *mo = m;
    return 0;
fail:
    free(data);
    return -1;
}

static uint32_t mo_word(const mo_catalog *mo, size_t at)
{
    const unsigned char *p = mo->data + at;
    if (mo->swapped)
        return (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24;
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The string at table entry i, or NULL when it does not lie in the file or
 * is not terminated where its length says. */
static const char *mo_string(const mo_catalog *mo, uint32_t table, uint32_t i)
{
    uint32_t slen = mo_word(mo, table + (size_t)i * 8);
    uint32_t off = mo_word(mo, table + (size_t)i * 8 + 4);
    if (off > mo->len || slen >= mo->len - off || mo->data[off + slen] != '\0')
        return NULL;
    return (const char *)mo->data + off;
}

/* Binary search: msgfmt writes the originals sorted by strcmp. */
static const char *mo_find(const mo_catalog *mo, const char *msgid)
{
    if (!mo->data)
        return NULL;
    uint32_t lo = 0, hi = mo->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const char *o = mo_string(mo, mo->orig, mid);
        if (!o)
            return NULL;
        int c = strcmp(msgid, o);
        if (c == 0)
            return mo_string(mo, mo->trans, mid);
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

/* A formatter for a skeleton in the language's best pattern, in UTC: the
 * caller hands it civil fields already in the right zone (bb_tz), so ICU's
 * own time-zone data plays no part. */
static UDateFormat *formatter(lang_state *l, const char *skeleton)
{
    UErrorCode e = U_ZERO_ERROR;
    UChar skel[32], pat[UBUF], utc[4];
    u_uastrcpy(skel, skeleton);
    u_uastrcpy(utc, "UTC");
    UDateTimePatternGenerator *g = udatpg_open(l->icu, &e);
    if (U_FAILURE(e))
        return NULL;
    int32_t n = udatpg_getBestPattern(g, skel, -1, pat, UBUF, &e);
    udatpg_close(g);
    if (U_FAILURE(e))
        return NULL;
    UDateFormat *f = udat_open(UDAT_PATTERN, UDAT_PATTERN, l->icu, utc, -1, pat, n, &e);
    return U_FAILURE(e) ? NULL : f;
}

static void format_udate(UDateFormat *f, const bb_civil *c, char *buf, size_t len)
{
    UChar u[UBUF];
    UErrorCode e = U_ZERO_ERROR;
    bb_civil day = *c;
    UDate when = (UDate)bb_civil_to_instant(&day, 0) * 1000.0;
    int32_t n = udat_format(f, when, u, UBUF, NULL, &e);
    if (U_SUCCESS(e))
        from_utf16(u, n, buf, len);
}

static void from_utf16(const UChar *u, int32_t n, char *buf, size_t len)
{
    char tmp[UBUF * 3 + 1];
    UErrorCode e = U_ZERO_ERROR;
    int32_t out = 0;
    u_strToUTF8(tmp, (int32_t)sizeof tmp - 1, &out, u, n, &e);
    if (U_FAILURE(e) || out < 0) {
        buf[0] = '\0';
        return;
    }
    tmp[out] = '\0';
    /* ICU puts narrow no-break spaces (U+202F) before "AM"; fonts without
     * the glyph draw a box, so a plain no-break space stands in. */
    char *p;
    while ((p = strstr(tmp, "\u202f")) != NULL) {
        p[0] = (char)0xc2;
        p[1] = (char)0xa0;
        memmove(p + 2, p + 3, strlen(p + 3) + 1);
    }
    utf8_copy(buf, len, tmp, strlen(tmp));
}

/* Copy at most n bytes of src into buf (len bytes, terminated), never
 * cutting a UTF-8 sequence in two. */
static void utf8_copy(char *buf, size_t len, const char *src, size_t n)
{
    if (len == 0)
        return;
    n = bb_utf8_cut(src, n, len - 1);
    memcpy(buf, src, n);
    buf[n] = '\0';
}

static bool dir_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
