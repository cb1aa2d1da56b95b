/*
 * bb_import_frab: one frab/pretalx event -> one talk.  The XML and the JSON
 * export carry the same fields under the same names, so both readers hand
 * their events here and differ only in how they walk the document.
 *
 * The start is the event's `date` (ISO 8601 with the offset in force that
 * day, so events on both sides of a DST change carry different offsets);
 * an export without it gives the day's date and `start` "HH:MM", read as
 * local time in the conference's time_zone_name (else the screen's zone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_config_private.h"
#include "bb_import_readers.h"
#include "bb_utf8.h"

/* "2025-03-28T10:00:00.000+01:00" is the longest shape worth reading. */
#define DATE_BUF 48
#define WHAT_BUF 160
#define DURATION_FIELDS 3   /* "HH:MM:SS" at most */
#define ZERO_DURATION_S 60  /* a talk must end after it starts */

static void describe(const bb_frab_event *ev, char *buf, size_t len);
static int read_start(bb_importer *im, const bb_frab_conference *conf, const bb_frab_event *ev,
                      const char *what, bb_talk *t);
static int read_fallback_start(bb_importer *im, const bb_frab_conference *conf,
                               const bb_frab_event *ev, const char *what, bb_talk *t);
static int read_duration(bb_importer *im, const bb_frab_event *ev, const char *what,
                         bb_talk *t);
static int read_state(bb_importer *im, const bb_frab_event *ev, const char *what, bb_talk *t);
static bool blank(const char *s);
static bool normalise_date(const char *in, char *out, size_t len);

int bb_imp_frab_event(bb_importer *im, const bb_frab_conference *conf, const bb_frab_event *ev)
{
    char what[WHAT_BUF];
    describe(ev, what, sizeof what);
    const char *raw = !blank(ev->id) ? ev->id : !blank(ev->guid) ? ev->guid : NULL;
    if (!raw) {
        bb_imp_error(im, ev->line,
                     "%s has neither 'id' nor 'guid': its talk would have no stable id", what);
        return -1;
    }
    if (bb_utf8_draws_nothing(ev->title)) {
        /* A blank where the title goes on every slide that lists it. */
        bb_imp_warning(im, ev->line, "%s: its title has only characters that draw nothing "
                       "(format characters such as U+200B or U+061C): not imported", what);
        return 0;
    }
    bb_talk *t = bb_imp_new_talk(im, ev->line);
    if (!t || bb_imp_set_id(im, t, raw, NULL, ev->line) < 0)
        return -1;
    t->title = bb_imp_text(ev->title);
    if (!t->title) {
        bb_imp_error(im, ev->line, "%s has no title", what);
        return -1;
    }
    /* The conference's title is the same for every event: left out
     * quietly when it draws nothing, not warned about per event. */
    t->forum = bb_imp_field(im, conf->title, NULL, what, ev->line);
    /* A conference's rooms are where people go: the venue line of a
     * countdown shows it, and agenda filters match it. */
    t->room = bb_imp_field(im, ev->room, "room", what, ev->line);
    t->venue = bb_imp_field(im, ev->room, NULL, what, ev->line);
    t->track = bb_imp_field(im, ev->track, "track", what, ev->line);
    t->url = bb_imp_url(im, ev->url, what, ev->line);
    for (int i = 0; i < ev->n_persons && t->participants.n < BB_IMPORT_MAX_PERSONS; i++)
        if (bb_imp_push_field(im, &t->participants, ev->persons[i], "speaker", what,
                              ev->line) < 0) {
            bb_imp_error(im, ev->line, "out of memory");
            return -1;
        }
    if (read_state(im, ev, what, t) < 0 || read_start(im, conf, ev, what, t) < 0)
        return -1;
    return read_duration(im, ev, what, t);
}

/* --- static functions --- */

/* "event 101 'Opening'" for messages. */
static void describe(const bb_frab_event *ev, char *buf, size_t len)
{
    const char *key = !blank(ev->id) ? ev->id : !blank(ev->guid) ? ev->guid : NULL;
    char *title = bb_imp_text(ev->title);
    if (key && title)
        snprintf(buf, len, "event %.40s '%.60s'", key, title);
    else if (key)
        snprintf(buf, len, "event %.40s", key);
    else if (title)
        snprintf(buf, len, "event '%.60s'", title);
    else
        snprintf(buf, len, "an event");
    free(title);
}

static int read_start(bb_importer *im, const bb_frab_conference *conf, const bb_frab_event *ev,
                      const char *what, bb_talk *t)
{
    if (blank(ev->date))
        return read_fallback_start(im, conf, ev, what, t);
    char text[DATE_BUF], why[128] = "";
    bb_iso iso;
    if (!normalise_date(ev->date, text, sizeof text) ||
        bb_iso_parse(text, &iso, why, sizeof why) < 0 || !iso.has_time) {
        bb_imp_error(im, ev->line, "%s: 'date' \"%.60s\" is not an ISO 8601 date and time%s%s",
                     what, ev->date, why[0] ? ": " : "", why);
        return -1;
    }
    const bb_tz *zone = conf->tz;
    if (!iso.has_offset) {
        if (zone)
            t->tz = zone;
        t->start = bb_imp_local_instant(t->tz, &iso.civil);
    } else {
        t->start = bb_civil_to_instant(&iso.civil, iso.offset_s);
        if (zone) {
            t->tz = zone;
            int actual = bb_tz_offset_at(zone, t->start, NULL);
            if (actual != iso.offset_s) {
                char real[16];
                bb_format_offset_only(actual, real, sizeof real);
                bb_imp_warning(im, ev->line,
                               "%s: 'date' %s does not match time_zone_name %s (%s then): "
                               "the date's offset is used",
                               what, text, bb_tz_name(zone), real);
            }
        } else {
            /* No zone named: the venue's clock reads what the file says. */
            const bb_tz *fixed = bb_imp_zone_fixed(im, iso.offset_s);
            if (fixed)
                t->tz = fixed;
        }
    }
    t->has_start = true;
    return 0;
}

/* Old frab exports: the day's date plus "HH:MM", local time. */
static int read_fallback_start(bb_importer *im, const bb_frab_conference *conf,
                               const bb_frab_event *ev, const char *what, bb_talk *t)
{
    if (blank(ev->day) || blank(ev->start)) {
        bb_imp_error(im, ev->line, "%s has no 'date' (nor a day's date and 'start')", what);
        return -1;
    }
    char text[DATE_BUF];
    bb_iso iso;
    snprintf(text, sizeof text, "%.12sT%.8s", ev->day, ev->start);
    if (bb_iso_parse(text, &iso, NULL, 0) < 0 || iso.has_offset) {
        bb_imp_error(im, ev->line, "%s: day \"%.20s\" and 'start' \"%.20s\" are not a date "
                     "and a time HH:MM", what, ev->day, ev->start);
        return -1;
    }
    if (conf->tz)
        t->tz = conf->tz;
    t->start = bb_imp_local_instant(t->tz, &iso.civil);
    t->has_start = true;
    return 0;
}

/* "00:45", "1:30", "01:30:00"; absent: BB_DEFAULT_TALK_MINUTES. */
static int read_duration(bb_importer *im, const bb_frab_event *ev, const char *what,
                         bb_talk *t)
{
    t->end = t->start + (bb_instant)BB_DEFAULT_TALK_MINUTES * BB_SECONDS_PER_MINUTE;
    if (blank(ev->duration))
        return 0;
    long fields[DURATION_FIELDS] = {0};
    int n = 0;
    const char *p = ev->duration;
    while (*p == ' ')
        p++;
    for (;;) {
        int digits = 0;
        long v = 0;
        while (*p >= '0' && *p <= '9' && digits < 6) {
            v = v * 10 + (*p++ - '0');
            digits++;
        }
        if (digits == 0 || n == DURATION_FIELDS)
            break;
        fields[n++] = v;
        if (*p != ':')
            break;
        p++;
    }
    long seconds = n == 3 ? fields[0] * 3600 + fields[1] * 60 + fields[2]
                 : n == 2 ? fields[0] * 3600 + fields[1] * 60 : -1;
    if (*p || seconds < 0 || (n >= 2 && fields[1] > 59) || (n == 3 && fields[2] > 59) ||
        seconds > (long)BB_MAX_TALK_MINUTES * BB_SECONDS_PER_MINUTE) {
        bb_imp_error(im, ev->line, "%s: 'duration' \"%.20s\" is not HH:MM of at most %d h", what,
                     ev->duration, BB_MAX_TALK_MINUTES / 60);
        return -1;
    }
    t->end = t->start + (seconds > 0 ? seconds : ZERO_DURATION_S);
    return 0;
}

/* Exports carry only scheduled talks, but some tools add a state. */
static int read_state(bb_importer *im, const bb_frab_event *ev, const char *what, bb_talk *t)
{
    static const char *const cancelled[] = {"cancelled", "canceled", "withdrawn", "rejected"};
    static const char *const confirmed[] = {"confirmed", "accepted", "scheduled", "tentative"};
    if (blank(ev->state))
        return 0;
    for (size_t i = 0; i < sizeof cancelled / sizeof cancelled[0]; i++)
        if (strcasecmp(ev->state, cancelled[i]) == 0) {
            t->status = BB_STATUS_CANCELLED;
            return 0;
        }
    if (strcasecmp(ev->state, "postponed") == 0) {
        t->status = BB_STATUS_POSTPONED;
        return 0;
    }
    for (size_t i = 0; i < sizeof confirmed / sizeof confirmed[0]; i++)
        if (strcasecmp(ev->state, confirmed[i]) == 0)
            return 0;
    bb_imp_warning(im, ev->line, "%s: unknown state \"%.30s\" (taken as confirmed)", what,
                   ev->state);
    return 0;
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    return *s == '\0';
}

/* Copy in to out without fractional seconds ("10:00:00.000+01:00") and
 * surrounding blanks, which bb_iso_parse does not take.  False when too long. */
static bool normalise_date(const char *in, char *out, size_t len)
{
    while (*in == ' ' || *in == '\t' || *in == '\n' || *in == '\r')
        in++;
    size_t n = 0;
    for (const char *p = in; *p; p++) {
        if (*p == '.' && n >= 19) {       /* after "YYYY-MM-DDTHH:MM:SS" */
            while (p[1] >= '0' && p[1] <= '9')
                p++;
            continue;
        }
        if (n + 1 >= len)
            return false;
        out[n++] = *p;
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\n' || out[n - 1] == '\r' ||
                     out[n - 1] == '\t'))
        n--;
    out[n] = '\0';
    return true;
}
