/*
 * bb_fetch: the fetched copy of a `url` schedule -- its path and its age.
 */
#include "bb_fetch.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bb_config.h"
#include "bb_i18n.h"

#define NAME_MAX_BYTES 40
#define FNV64_OFFSET 0xcbf29ce484222325ull
#define FNV64_PRIME 0x100000001b3ull

static bool name_char_ok(char c);

int bb_fetch_url_check(const char *url, char *why, size_t len)
{
    static const char *const schemes[] = {"https://", "http://", "file://"};
    const char *msg = NULL;
    size_t n = url ? strlen(url) : 0;
    bool scheme = false;
    for (size_t i = 0; url && i < sizeof schemes / sizeof schemes[0]; i++)
        if (strncmp(url, schemes[i], strlen(schemes[i])) == 0 && n > strlen(schemes[i]))
            scheme = true;
    if (!url || !*url)
        msg = "the URL is empty";
    else if (n > BB_MAX_URL_BYTES)
        msg = "the URL is too long";
    else if (!scheme)
        msg = "the URL must start with https://, http:// or file://";
    for (size_t i = 0; !msg && i < n; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= ' ' || c == 0x7f || c == '"' || c == '\'' || c == '\\' || c == '`')
            msg = "the URL holds a space, quote, backslash or control character (write %20 etc.)";
    }
    if (msg && why && len)
        snprintf(why, len, "%s", msg);
    return msg ? -1 : 0;
}

int bb_fetch_cache_path(const char *state_dir, const char *url, char *buf, size_t len)
{
    char name[NAME_MAX_BYTES + 1];
    size_t n = 0;
    uint64_t hash = FNV64_OFFSET;
    if (!state_dir || !url || !buf || !len)
        return -1;
    for (const char *p = url; *p; p++) {
        hash ^= (unsigned char)*p;
        hash *= FNV64_PRIME;
    }
    /* The last path segment: after the last '/' before any query. */
    size_t end = strcspn(url, "?#");
    size_t start = end;
    while (start > 0 && url[start - 1] != '/')
        start--;
    for (size_t i = start; i < end && n < NAME_MAX_BYTES; i++)
        name[n++] = name_char_ok(url[i]) ? url[i] : '_';
    /* A dot first would make a hidden file (and the fetch service's
     * temporary files are hidden). */
    if (n > 0 && name[0] == '.')
        name[0] = '_';
    name[n] = '\0';
    int w = snprintf(buf, len, "%s/" BB_FETCH_DIR "/%s%s%016llx", state_dir,
                     n ? name : "schedule", "-", (unsigned long long)hash);
    return w < 0 || (size_t)w >= len ? -1 : 0;
}

bool bb_fetch_as_of(const char *path, bb_instant *out)
{
    char stamp[4096];
    struct stat st;
    if (!path)
        return false;
    snprintf(stamp, sizeof stamp, "%s" BB_FETCH_OK_SUFFIX, path);
    if (stat(stamp, &st) < 0 && stat(path, &st) < 0)
        return false;
    *out = (bb_instant)st.st_mtime;
    return true;
}

void bb_fetch_stale_text(const bb_config *cfg, bb_instant now, char *buf, size_t len)
{
    bool missing = false, stale = false;
    bb_instant oldest = 0;
    if (!buf || !len)
        return;
    buf[0] = '\0';
    for (int i = 0; cfg && i < cfg->n_urls; i++) {
        const bb_schedule_url *u = &cfg->urls[i];
        bb_instant as_of;
        if (!u->path || u->kind != BB_URL_SCHEDULE)
            continue;  /* a feed slide marks its own copy */
        if (!bb_fetch_as_of(u->path, &as_of)) {
            missing = true;
            continue;
        }
        if (now - as_of > (bb_instant)BB_FETCH_STALE_PERIODS * u->refresh_s &&
            (!stale || as_of < oldest)) {
            stale = true;
            oldest = as_of;
        }
    }
    const char *lang = bb_config_lang(cfg, NULL);
    if (stale) {
        bb_civil c, today;
        char when[BB_FETCH_STALE_BUF], hm[48];
        bb_tz_to_civil(cfg->display.tz, oldest, &c);
        bb_tz_to_civil(cfg->display.tz, now, &today);
        bb_fmt_time(lang, cfg->display.clock_format, c.hour, c.minute, hm, sizeof hm);
        if (c.year == today.year && c.month == today.month && c.day == today.day) {
            snprintf(when, sizeof when, "%s", hm);
        } else {
            char day[64];
            bb_fmt_date(lang, &c, BB_DATE_SHORT, day, sizeof day);
            snprintf(when, sizeof when, "%s %s", day, hm);
        }
        const char *arg = when;
        bb_trf(buf, len, lang, "programme as of %s", &arg, 1);
    } else if (missing) {
        snprintf(buf, len, "%s", bb_tr(lang, "programme not fetched yet"));
    }
}

static bool name_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '-' || c == '_';
}
