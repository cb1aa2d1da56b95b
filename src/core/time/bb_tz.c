/*
 * bb_tz: IANA time zones read from TZif files (RFC 8536).
 *
 * A zone is an immutable table: transition instants, the local time type in
 * force from each, and the POSIX TZ rule of the footer for instants after
 * the last transition.  Every lookup goes through one primitive,
 * segment_at(): the maximal interval [begin, end) around an instant in which
 * one offset is in force.  Local-to-UTC conversion walks those segments, so
 * gaps and folds fall out of the data instead of being guessed.
 */
#include "bb_tz.h"
#include "bb_file.h"
#include "bb_tz_rule.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"
#define TZ_LOCALTIME_PATH "/etc/localtime"
#define TZ_ZONEINFO_MARK "zoneinfo/"
#define TZ_FILE_MAX_BYTES (1024 * 1024) /* real TZif files are under 100 KiB */
#define TZ_NAME_MAX_CHARS 255
#define TZ_PATH_MAX_CHARS 4096
#define TZ_HEADER_BYTES 44
#define TZ_UTOFF_MIN (-89999)         /* RFC 8536: -25:59:59 */
#define TZ_UTOFF_MAX 93599            /* RFC 8536: +25:59:59 */
/* A local reading is within one day plus any offset of its instants, so the
 * segments overlapping this window around it hold every answer. */
#define TZ_SEARCH_SPAN_S (2 * BB_SECONDS_PER_DAY)

typedef struct tz_type {
    int32_t utoff;   /* seconds east of UTC */
    uint32_t abbr;   /* index into bb_tz.abbrs */
} tz_type;

struct bb_tz {
    char *name;
    bb_instant *times;         /* strictly increasing transition instants */
    uint8_t *type_of;          /* type in force from times[i] */
    size_t count;
    tz_type *types;            /* at least one; types[0] before times[0] */
    size_t type_count;
    char *abbrs;               /* NUL-terminated strings, indexed by tz_type.abbr */
    size_t abbr_len;
    bool has_rule;
    bb_tz_rule rule;           /* the footer, for instants after times[count-1] */
};

static bb_tz *tz_alloc(const char *name, size_t name_len);
static bool name_is_safe(const char *name);
static bb_tz *load_path(const char *path, const char *name, size_t name_len);
static unsigned char *read_file(const char *path, size_t *len);
static int parse_tzif(bb_tz *tz, const unsigned char *buf, size_t len);
static int parse_block(bb_tz *tz, const unsigned char *p, size_t len, int time_size,
                       const uint32_t counts[6], size_t *used);
static void segment_at(const bb_tz *tz, bb_instant t, bb_tz_span *seg);
static void rule_segment(const bb_tz *tz, bb_instant t, bb_instant floor, bb_tz_span *seg);
static void type_segment(const bb_tz *tz, size_t type, bb_instant begin, bb_instant end,
                         bb_tz_span *seg);
static uint32_t be32(const unsigned char *p);
static int64_t be64(const unsigned char *p);
static bb_tz *fixed_named(int offset_s, const char *name, size_t name_len);
static const char *zone_name_of_path(const char *path, const char *otherwise);
static int read_header(const unsigned char *p, size_t len, char *version, uint32_t counts[6]);

bb_tz *bb_tz_load(const char *name)
{
    if (!name_is_safe(name))
        return NULL;
    const char *dir = getenv("TZDIR");
    if (!dir || !*dir)
        dir = TZ_DEFAULT_DIR;
    char path[TZ_PATH_MAX_CHARS];
    int n = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        return NULL;
    bb_tz *tz = load_path(path, name, strlen(name));
    /* A minimal container may lack tzdata; UTC needs no data to be right. */
    if (!tz && (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0))
        tz = fixed_named(0, name, strlen(name));
    return tz;
}

bb_tz *bb_tz_load_system(void)
{
    const char *env = getenv("TZ");
    if (env && *env) {
        const char *spec = env[0] == ':' ? env + 1 : env;
        bb_tz *tz = NULL;
        if (spec[0] == '/') {
            const char *name = zone_name_of_path(spec, spec);
            tz = load_path(spec, name, strlen(name));
        } else {
            tz = bb_tz_load(spec);
        }
        if (tz)
            return tz;
        /* Not a zone file: maybe a POSIX rule such as "CET-1CEST,M3.5.0,M10.5.0/3". */
        bb_tz_rule rule;
        if (bb_tz_rule_parse(spec, &rule) == 0 && (tz = tz_alloc(spec, strlen(spec)))) {
            tz->rule = rule;
            tz->has_rule = true;
            return tz;
        }
    }

    /* /etc/localtime is usually a symlink into zoneinfo: its target names the zone. */
    char target[TZ_PATH_MAX_CHARS];
    const char *name = "localtime";
    ssize_t n = readlink(TZ_LOCALTIME_PATH, target, sizeof target - 1);
    if (n > 0) {
        target[n] = '\0';
        name = zone_name_of_path(target, name);
    }
    bb_tz *tz = load_path(TZ_LOCALTIME_PATH, name, strlen(name));
    return tz ? tz : bb_tz_fixed(0);
}

bb_tz *bb_tz_fixed(int offset_s)
{
    if (offset_s < TZ_UTOFF_MIN || offset_s > TZ_UTOFF_MAX)
        return NULL;
    char name[BB_TZ_ABBR_MAX + 8];
    int mag = offset_s < 0 ? -offset_s : offset_s;
    char sign = offset_s < 0 ? '-' : '+';
    int h = mag / BB_SECONDS_PER_HOUR, m = mag / BB_SECONDS_PER_MINUTE % 60, s = mag % 60;
    if (offset_s == 0)
        snprintf(name, sizeof name, "UTC");
    else if (s)
        snprintf(name, sizeof name, "UTC%c%02d:%02d:%02d", sign, h, m, s);
    else
        snprintf(name, sizeof name, "UTC%c%02d:%02d", sign, h, m);
    return fixed_named(offset_s, name, strlen(name));
}

void bb_tz_destroy(bb_tz *tz)
{
    if (!tz)
        return;
    free(tz->name);
    free(tz->times);
    free(tz->type_of);
    free(tz->types);
    free(tz->abbrs);
    free(tz);
}

const char *bb_tz_name(const bb_tz *tz)
{
    return tz->name;
}

int bb_tz_offset_at(const bb_tz *tz, bb_instant t, const char **abbr)
{
    bb_tz_span seg;
    segment_at(tz, t, &seg);
    if (abbr)
        *abbr = seg.abbr;
    return seg.offset;
}

int bb_tz_to_civil(const bb_tz *tz, bb_instant t, bb_civil *out)
{
    int offset = bb_tz_offset_at(tz, t, NULL);
    bb_instant_to_civil(t, offset, out);
    return offset;
}

bb_local_kind bb_tz_from_civil(const bb_tz *tz, const bb_civil *local, bb_instant *earlier,
                               bb_instant *later)
{
    /* The reading as if at UTC; an instant t matches it when t + offset(t) == L,
     * i.e. when L - offset of some segment falls inside that segment. */
    bb_instant L = bb_civil_to_instant(local, 0);
    bb_instant hi = L + TZ_SEARCH_SPAN_S;
    bb_instant first = 0, last = 0;
    int found = 0;
    bb_tz_span seg;
    segment_at(tz, L - TZ_SEARCH_SPAN_S, &seg);
    int32_t before_gap = seg.offset;
    for (;;) {
        bb_instant cand = L - seg.offset;
        if (cand >= seg.begin && cand < seg.end) {
            if (!found)
                first = cand;
            last = cand;
            found++;
        } else if (cand >= seg.end) {
            /* The reading lies past this segment's local end: the last such
             * segment is the one in force just before a gap. */
            before_gap = seg.offset;
        }
        if (seg.end == INT64_MAX || seg.end > hi)
            break;
        bb_instant end = seg.end;
        segment_at(tz, end, &seg);
        if (seg.end <= end) /* segments always move forward; never spin */
            break;
    }
    if (!found) {
        *earlier = *later = L - before_gap;
        return BB_LOCAL_GAP;
    }
    *earlier = first;
    *later = last;
    return found == 1 ? BB_LOCAL_UNIQUE : BB_LOCAL_FOLD;
}

static bb_tz *tz_alloc(const char *name, size_t name_len)
{
    bb_tz *tz = calloc(1, sizeof *tz);
    if (!tz)
        return NULL;
    tz->name = malloc(name_len + 1);
    if (!tz->name) {
        free(tz);
        return NULL;
    }
    memcpy(tz->name, name, name_len);
    tz->name[name_len] = '\0';
    return tz;
}

static bb_tz *fixed_named(int offset_s, const char *name, size_t name_len)
{
    bb_tz *tz = tz_alloc(name, name_len);
    if (!tz)
        goto fail;
    tz->types = calloc(1, sizeof *tz->types);
    tz->abbrs = malloc(name_len + 1);
    if (!tz->types || !tz->abbrs)
        goto fail;
    memcpy(tz->abbrs, name, name_len + 1);
    tz->abbr_len = name_len + 1;
    tz->type_count = 1;
    tz->types[0].utoff = offset_s;
    return tz;
fail:
    bb_tz_destroy(tz);
    return NULL;
}

/* "/usr/share/zoneinfo/posix/Europe/Zurich" -> "Europe/Zurich"; a path
 * outside any zoneinfo directory -> `otherwise`. */
static const char *zone_name_of_path(const char *path, const char *otherwise)
{
    const char *mark = NULL;
    for (const char *s = strstr(path, TZ_ZONEINFO_MARK); s; s = strstr(s + 1, TZ_ZONEINFO_MARK))
        mark = s;
    if (!mark || !mark[strlen(TZ_ZONEINFO_MARK)])
        return otherwise;
    const char *name = mark + strlen(TZ_ZONEINFO_MARK);
    if (strncmp(name, "posix/", 6) == 0 && name[6])
        name += 6;
    return name;
}

/* Zone names come from config files: only relative paths made of tzdb's
 * characters, with no empty, "." or ".." component, may reach the file system. */
static bool name_is_safe(const char *name)
{
    if (!name || !*name || name[0] == '/' || strlen(name) > TZ_NAME_MAX_CHARS)
        return false;
    for (const char *s = name; *s; s++) {
        char ch = *s;
        bool ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
                  (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '+' ||
                  ch == '.' || ch == '/';
        if (!ok)
            return false;
    }
    for (const char *comp = name; comp; ) {
        const char *slash = strchr(comp, '/');
        size_t len = slash ? (size_t)(slash - comp) : strlen(comp);
        if (len == 0 || (len == 1 && comp[0] == '.') || (len == 2 && comp[0] == '.' && comp[1] == '.'))
            return false;
        comp = slash ? slash + 1 : NULL;
    }
    return true;
}

static bb_tz *load_path(const char *path, const char *name, size_t name_len)
{
    size_t len = 0;
    unsigned char *buf = read_file(path, &len);
    bb_tz *tz = NULL;
    if (!buf)
        goto fail;
    tz = tz_alloc(name, name_len);
    if (!tz || parse_tzif(tz, buf, len) != 0)
        goto fail;
    free(buf);
    return tz;
fail:
    free(buf);
    bb_tz_destroy(tz);
    return NULL;
}

static unsigned char *read_file(const char *path, size_t *len)
{
    /* A zone is a regular file: a directory or a device named like one is not. */
    bb_file_data file;
    if (bb_file_read(path, TZ_FILE_MAX_BYTES, 0, &file) != BB_FILE_OK)
        return NULL;
    *len = file.len;
    return (unsigned char *)file.data;
}

/* Header: "TZif", version, 15 reserved bytes, then six big-endian counts:
 * isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt. */
static int read_header(const unsigned char *p, size_t len, char *version, uint32_t counts[6])
{
    if (len < TZ_HEADER_BYTES || memcmp(p, "TZif", 4) != 0)
        return -1;
    *version = (char)p[4];
    for (int i = 0; i < 6; i++)
        counts[i] = be32(p + 20 + 4 * i);
    return 0;
}

static int parse_tzif(bb_tz *tz, const unsigned char *buf, size_t len)
{
    char version;
    uint32_t counts[6];
    size_t used;
    if (read_header(buf, len, &version, counts) != 0)
        return -1;
    if (version == '\0') {
        /* Version 1: 32-bit data only, no footer. */
        return parse_block(tz, buf + TZ_HEADER_BYTES, len - TZ_HEADER_BYTES, 4, counts, &used);
    }
    /* Version 2+: skip the 32-bit block; the 64-bit block after it is the
     * authoritative one (it covers instants beyond 2038). */
    uint64_t v1 = (uint64_t)counts[3] * 5 + (uint64_t)counts[4] * 6 + counts[5] +
                  (uint64_t)counts[2] * 8 + counts[1] + counts[0];
    if (v1 > len - TZ_HEADER_BYTES)
        return -1;
    const unsigned char *p = buf + TZ_HEADER_BYTES + v1;
    size_t rest = len - TZ_HEADER_BYTES - (size_t)v1;
    char version2;
    if (read_header(p, rest, &version2, counts) != 0 || version2 == '\0')
        return -1;
    p += TZ_HEADER_BYTES;
    rest -= TZ_HEADER_BYTES;
    if (parse_block(tz, p, rest, 8, counts, &used) != 0)
        return -1;
    p += used;
    rest -= used;
    /* Footer: "\n" TZ-string "\n"; an empty string means no rule. */
    if (rest < 2 || p[0] != '\n')
        return -1;
    const unsigned char *nl = memchr(p + 1, '\n', rest - 1);
    if (!nl)
        return -1;
    size_t slen = (size_t)(nl - p - 1);
    if (slen == 0)
        return 0;
    char footer[TZ_NAME_MAX_CHARS + 1];
    if (slen >= sizeof footer || memchr(p + 1, '\0', slen))
        return -1;
    memcpy(footer, p + 1, slen);
    footer[slen] = '\0';
    if (bb_tz_rule_parse(footer, &tz->rule) != 0)
        return -1;
    tz->has_rule = true;
    return 0;
}

static int parse_block(bb_tz *tz, const unsigned char *p, size_t len, int time_size,
                       const uint32_t counts[6], size_t *used)
{
    uint32_t isutcnt = counts[0], isstdcnt = counts[1], leapcnt = counts[2];
    uint32_t timecnt = counts[3], typecnt = counts[4], charcnt = counts[5];
    uint64_t need = (uint64_t)timecnt * (time_size + 1) + (uint64_t)typecnt * 6 + charcnt +
                    (uint64_t)leapcnt * (time_size + 4) + isstdcnt + isutcnt;
    /* Leap-second ("right/") zones count TAI-like seconds, not POSIX instants:
     * refuse them rather than be 27 s off. */
    if (need > len || typecnt == 0 || typecnt > 256 || charcnt == 0 || leapcnt != 0 ||
        (isutcnt != 0 && isutcnt != typecnt) || (isstdcnt != 0 && isstdcnt != typecnt))
        return -1;
    tz->times = malloc(timecnt ? timecnt * sizeof *tz->times : 1);
    tz->type_of = malloc(timecnt ? timecnt : 1);
    tz->types = malloc(typecnt * sizeof *tz->types);
    tz->abbrs = malloc(charcnt + 1);
    if (!tz->times || !tz->type_of || !tz->types || !tz->abbrs)
        return -1;
    tz->count = timecnt;
    tz->type_count = typecnt;
    tz->abbr_len = charcnt;

    for (uint32_t i = 0; i < timecnt; i++, p += time_size) {
        tz->times[i] = time_size == 8 ? be64(p) : (int32_t)be32(p);
        if (i > 0 && tz->times[i] <= tz->times[i - 1])
            return -1;
    }
    for (uint32_t i = 0; i < timecnt; i++, p++) {
        if (*p >= typecnt)
            return -1;
        tz->type_of[i] = *p;
    }
    for (uint32_t i = 0; i < typecnt; i++, p += 6) {
        int32_t utoff = (int32_t)be32(p);
        if (utoff < TZ_UTOFF_MIN || utoff > TZ_UTOFF_MAX || p[4] > 1 || p[5] >= charcnt)
            return -1;
        tz->types[i].utoff = utoff;
        tz->types[i].abbr = p[5];
    }
    memcpy(tz->abbrs, p, charcnt);
    tz->abbrs[charcnt] = '\0'; /* the last string must be terminated even if the file forgot */
    *used = (size_t)need;
    return 0;
}

static void segment_at(const bb_tz *tz, bb_instant t, bb_tz_span *seg)
{
    if (tz->count == 0) {
        if (tz->has_rule)
            rule_segment(tz, t, INT64_MIN, seg);
        else
            type_segment(tz, 0, INT64_MIN, INT64_MAX, seg);
        return;
    }
    if (t < tz->times[0]) {
        type_segment(tz, 0, INT64_MIN, tz->times[0], seg);
        return;
    }
    /* Binary search: the last transition at or before t. */
    size_t lo = 0, hi = tz->count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (tz->times[mid] <= t)
            lo = mid;
        else
            hi = mid;
    }
    if (lo + 1 < tz->count)
        type_segment(tz, tz->type_of[lo], tz->times[lo], tz->times[lo + 1], seg);
    else if (tz->has_rule)
        rule_segment(tz, t, tz->times[lo], seg);
    else
        type_segment(tz, tz->type_of[lo], tz->times[lo], INT64_MAX, seg);
}

static void type_segment(const bb_tz *tz, size_t type, bb_instant begin, bb_instant end,
                         bb_tz_span *seg)
{
    seg->begin = begin;
    seg->end = end;
    seg->offset = tz->types[type].utoff;
    seg->abbr = tz->abbrs + tz->types[type].abbr;
}

/* The footer rule's span around t, never starting before `floor` (the
 * last transition of the table, where the rule takes over). */
static void rule_segment(const bb_tz *tz, bb_instant t, bb_instant floor, bb_tz_span *seg)
{
    bb_tz_rule_span(&tz->rule, t, seg);
    if (seg->begin < floor)
        seg->begin = floor;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}
