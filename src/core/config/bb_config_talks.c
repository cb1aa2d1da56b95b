/*
 * bb_config_talks: the `talks` list -> bb_talk, with their instants in UTC.
 *
 * A start is local time in the talk's `zone`, or carries its own offset, or
 * (neither) is read in the screen's zone.  Offset and zone together must
 * agree: "09:00+02:00" in Zurich in January is a mistake in one of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_config_private.h"

#define MAX_TALK_PEOPLE 64      /* participants per talk */
#define MAX_TALK_TOPICS 32
#define MAX_WITHIN_DAYS 366

static void read_talk(bb_reader *r, const config_setting_t *g, bb_talk *t);
static void read_id(bb_reader *r, const config_setting_t *g, bb_talk *t);
static const bb_tz *read_zone(bb_reader *r, const config_setting_t *g);
static void read_start(bb_reader *r, const config_setting_t *g, bb_talk *t,
                       const bb_tz *zone);
static void read_end(bb_reader *r, const config_setting_t *g, bb_talk *t);
static void read_expected_by(bb_reader *r, const config_setting_t *g, bb_talk *t);
static void check_duplicate_id(bb_reader *r, const config_setting_t *g, int index);

static bb_keys talk_keys = {"id", "title", "forum", "venue", "room", "track", "url", "start", "zone",
                            "end", "duration_min", "participants", "topics", "status",
                            "expected_by", NULL};
static bb_keys expected_keys = {"from", "within_days", NULL};
static const char *const status_words[] = {"confirmed", "postponed", "cancelled"};

void bb_cfg_read_talks(bb_reader *r, const config_setting_t *list)
{
    int n = config_setting_length(list);
    bb_talk *talks = calloc(n > 0 ? (size_t)n : 1, sizeof *talks);
    if (!talks) {
        bb_rd_error(r, list, "out of memory");
        return;
    }
    r->cfg->talks = talks;
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
            bb_rd_error(r, g, "each talk must be a group { id = \"...\"; title = \"...\"; ... }");
            continue;
        }
        /* Counted before reading, so destroy frees a half-read talk. */
        int index = r->cfg->n_talks++;
        read_talk(r, g, &talks[index]);
        check_duplicate_id(r, g, index);
    }
}

/* --- static functions --- */

static void read_talk(bb_reader *r, const config_setting_t *g, bb_talk *t)
{
    t->src = bb_rd_source(r, g);
    t->tz = r->cfg->display.tz;
    bb_rd_check_keys(r, g, talk_keys, "talk");
    read_id(r, g, t);

    char what[96];
    snprintf(what, sizeof what, t->id ? "talk '%s'" : "talk%s", t->id ? t->id : "");
    bb_rd_string(r, g, "title", what, true, &t->title);
    bb_rd_string(r, g, "forum", what, false, &t->forum);
    bb_rd_string(r, g, "venue", what, false, &t->venue);
    bb_rd_string(r, g, "room", what, false, &t->room);
    bb_rd_string(r, g, "track", what, false, &t->track);
    if (bb_rd_string(r, g, "url", what, false, &t->url) > 0 && !bb_config_url_ok(t->url)) {
        bb_rd_error(r, config_setting_get_member(g, "url"),
                    "%s: 'url' \"%.60s\" is not an http:// or https:// address", what, t->url);
    }
    bb_rd_strv(r, g, "participants", 0, MAX_TALK_PEOPLE, &t->participants);
    bb_rd_strv(r, g, "topics", 0, MAX_TALK_TOPICS, &t->topics);
    int status;
    if (bb_rd_enum(r, g, "status", status_words, BB_STATUS_COUNT, &status) > 0)
        t->status = (bb_talk_status)status;

    const bb_tz *zone = read_zone(r, g);
    if (zone)
        t->tz = zone;
    read_start(r, g, t, zone);
    read_end(r, g, t);
    read_expected_by(r, g, t);
}

static void read_id(bb_reader *r, const config_setting_t *g, bb_talk *t)
{
    if (bb_rd_string(r, g, "id", "talk", true, &t->id) <= 0)
        return;
    /* Ids go into tab-separated output and are typed in countdown slides. */
    for (const char *p = t->id; *p; p++) {
        char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.')
            continue;
        bb_rd_error(r, config_setting_get_member(g, "id"),
                    "talk id '%s' may only contain letters, digits, '-', '_' and '.'", t->id);
        return;
    }
}

/* The talk's own zone, or NULL when it has none or it is unknown. */
static const bb_tz *read_zone(bb_reader *r, const config_setting_t *g)
{
    char *name = NULL;
    if (bb_rd_string(r, g, "zone", "talk", false, &name) <= 0)
        return NULL;
    const bb_tz *tz = bb_cfg_zone(r->cfg, name);
    if (!tz)
        bb_rd_unknown_zone(r, config_setting_get_member(g, "zone"), name);
    free(name);
    return tz;
}

static void read_start(bb_reader *r, const config_setting_t *g, bb_talk *t,
                       const bb_tz *zone)
{
    const config_setting_t *s = config_setting_get_member(g, "start");
    if (!s)
        return;
    bb_iso iso;
    if (bb_rd_instant(r, s, zone ? zone : r->cfg->display.tz, true, &iso, &t->start) < 0)
        return;
    t->has_start = true;
    if (iso.has_offset && zone) {
        int actual = bb_tz_offset_at(zone, t->start, NULL);
        if (actual != iso.offset_s) {
            char given[16], real[16];
            bb_format_offset_only(iso.offset_s, given, sizeof given);
            bb_format_offset_only(actual, real, sizeof real);
            bb_rd_error(r, s,
                        "'start' has offset %s but %s is at %s on that date: fix the offset or "
                        "the zone, or drop the offset",
                        given, bb_tz_name(zone), real);
        }
    } else if (iso.has_offset) {
        /* No zone: the venue's local time is the offset the file gave. */
        const bb_tz *fixed = bb_cfg_zone_fixed(r->cfg, iso.offset_s);
        if (fixed)
            t->tz = fixed;
    } else if (!zone && !config_setting_get_member(g, "zone") && !r->cfg->display.time_zone) {
        bb_rd_warning(r, s,
                      "talk '%s' has no 'zone' and no offset in 'start', and display.time_zone "
                      "is not set: the time is read in this machine's zone (%s); add zone = "
                      "\"Area/City\";",
                      t->id ? t->id : "?", bb_tz_name(r->cfg->display.tz));
    }
}

static void read_end(bb_reader *r, const config_setting_t *g, bb_talk *t)
{
    const config_setting_t *end = config_setting_get_member(g, "end");
    const config_setting_t *dur = config_setting_get_member(g, "duration_min");
    const config_setting_t *start = config_setting_get_member(g, "start");
    if (end && dur) {
        bb_rd_error(r, dur, "set 'end' or 'duration_min', not both");
        return;
    }
    if (!start && (end || dur)) {
        bb_rd_error(r, end ? end : dur, "'%s' without a 'start'",
                    end ? "end" : "duration_min");
        return;
    }
    t->end = t->start + (bb_instant)BB_DEFAULT_TALK_MINUTES * BB_SECONDS_PER_MINUTE;
    if (dur) {
        double minutes = BB_DEFAULT_TALK_MINUTES;
        if (bb_rd_number(r, g, "duration_min", 1, BB_MAX_TALK_MINUTES, "min", &minutes) > 0)
            t->end = t->start + (bb_instant)(minutes * BB_SECONDS_PER_MINUTE + 0.5);
        return;
    }
    if (!end || !t->has_start)
        return;
    bb_instant when;
    if (bb_rd_instant(r, end, t->tz, true, NULL, &when) < 0)
        return;
    if (when <= t->start) {
        char a[BB_ISO_BUF], b[BB_ISO_BUF];
        int off = bb_tz_offset_at(t->tz, t->start, NULL);
        bb_format_offset(when, bb_tz_offset_at(t->tz, when, NULL), a, sizeof a);
        bb_format_offset(t->start, off, b, sizeof b);
        bb_rd_error(r, end, "'end' %s is %s 'start' %s", a, when == t->start ? "the same as" : "before",
                    b);
        return;
    }
    t->end = when;
}

/* expected_by = "2025-03-08";  or  expected_by = { from = "2025-02-22"; within_days = 14; }; */
static void read_expected_by(bb_reader *r, const config_setting_t *g, bb_talk *t)
{
    const config_setting_t *s = config_setting_get_member(g, "expected_by");
    if (!s)
        return;
    if (t->has_start || config_setting_get_member(g, "start")) {
        bb_rd_error(r, s, "a talk has either 'start' or 'expected_by', not both");
        return;
    }
    if (config_setting_type(s) == CONFIG_TYPE_STRING) {
        if (bb_rd_date(r, s, &t->expected_by) == 0)
            t->has_expected_by = true;
        return;
    }
    if (config_setting_type(s) != CONFIG_TYPE_GROUP) {
        bb_rd_error(r, s,
                    "'expected_by' must be a date \"YYYY-MM-DD\" or a group "
                    "{ from = \"YYYY-MM-DD\"; within_days = N; }");
        return;
    }
    bb_rd_check_keys(r, s, expected_keys, "expected_by");
    const config_setting_t *from = config_setting_get_member(s, "from");
    int days = 0;
    int got_days = bb_rd_int(r, s, "within_days", 1, MAX_WITHIN_DAYS, "days", &days);
    if (!from)
        bb_rd_error(r, s, "expected_by is missing the required setting 'from'");
    if (got_days == 0)
        bb_rd_error(r, s, "expected_by is missing the required setting 'within_days'");
    bb_civil start;
    if (!from || bb_rd_date(r, from, &start) < 0 || got_days <= 0)
        return;
    /* "Within two weeks" of Sat Feb 22 means by Sat Mar 8: from + days. */
    int64_t by = bb_days_from_civil(start.year, start.month, start.day) + days;
    t->expected_from = start;
    bb_civil_from_days(by, &t->expected_by);
    t->has_expected_by = true;
}

static void check_duplicate_id(bb_reader *r, const config_setting_t *g, int index)
{
    const bb_talk *talks = r->cfg->talks;
    if (!talks[index].id)
        return;
    for (int j = 0; j < index; j++)
        if (talks[j].id && strcmp(talks[index].id, talks[j].id) == 0) {
            bb_rd_error(r, config_setting_get_member(g, "id"),
                        "duplicate talk id '%s' (first used at %s:%d)", talks[index].id,
                        talks[j].src.file, talks[j].src.line);
            return;
        }
}
