/*
 * bb_import_ics: iCalendar (RFC 5545) through libical.
 *
 * Each VEVENT with a time of day becomes a talk: SUMMARY the title,
 * LOCATION the venue and room, ATTENDEE CN= the participants, CATEGORIES
 * the topics, X-WR-CALNAME the forum, STATUS:CANCELLED cancelled; DTEND or
 * DURATION the end (neither: BB_DEFAULT_TALK_MINUTES, as in the config).
 * All-day events (DATE values) have no time to count down to: skipped with
 * a warning.
 *
 * Times: a TZID that names a tz database zone (also behind a prefix like
 * "/freeassociation.sourceforge.net/Europe/Brussels") is read with bb_tz,
 * the zone the rest of the program trusts; any other TZID (Outlook's
 * "W. Europe Standard Time") through the file's VTIMEZONE by libical.
 * UTC times are shown in the screen's zone, floating times are read in it.
 *
 * RRULE: occurrences are expanded as local wall-clock times (a 09:00
 * briefing stays at 09:00 across DST) within bb_import_anchor's window,
 * EXDATEs removed, and an occurrence that another VEVENT overrides
 * (same UID, RECURRENCE-ID) replaced by that one.  An occurrence's id ends
 * in its original start in UTC, so an override keeps the id it replaces.
 *
 * libical keeps no line numbers, so the VEVENTs are also located in the text
 * (in order, checked by UID) to give each message its event's line, and a
 * property's own line where the message is about one property.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* memmem */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "bb_import_readers.h"
#include "bb_utf8.h"

#define MAX_RECUR_STEPS 200000      /* iterations of one RRULE, matches or not */
/* Iterations of all RRULEs of one file together: libical takes ~2 us a
 * step here, several times that on a Pi, and the decoder child has 5 s.
 * 100 events each just under MAX_RECUR_STEPS took 34 s (issue #16 row 5). */
#define MAX_RECUR_STEPS_PER_FILE 300000
/* Changes of offset one VTIMEZONE may expand to: libical expands every
 * rule from its DTSTART up to a few years past today, all at once.  A real
 * zone has two a year since 1601 (~900); MINUTELY from 1601 would be 2e8
 * (issue #16 row 2). */
#define MAX_ZONE_CHANGES 10000
#define ZONE_COVERAGE_YEAR 2042     /* libical expands to at most 2037 + 5 */
#define MAX_EXDATES 1000            /* per event */
#define STAMP_BUF 32                /* "20250331T070000Z" */
#define UID_MATCH_BYTES 60          /* of a UID, to find its VEVENT in the text */
#define UID_NEEDLE_BUF (UID_MATCH_BYTES + 1)
#define SPAN_LOOKAHEAD 64           /* VEVENTs libical may have dropped in a row */
#define PROP_NAME_BUF 32            /* a property name in libical's notes */
#define MAX_TZID_TRIES 4            /* zone names tried inside one prefixed TZID */
#define ZERO_DURATION_S 60          /* a talk must end after it starts */

/* Where a VEVENT is in the text. */
typedef struct ics_span {
    int line;                       /* of BEGIN:VEVENT */
    size_t begin, end;              /* byte offsets of the BEGIN and END lines */
} ics_span;

/* How local readings of one property become instants. */
typedef enum frame_kind { FRAME_UTC, FRAME_ZONE, FRAME_VTIMEZONE } frame_kind;
typedef struct ics_frame {
    frame_kind kind;
    const bb_tz *tz;                /* FRAME_ZONE (floating: the screen's zone) */
    icaltimezone *vtz;              /* FRAME_VTIMEZONE, owned by the calendar */
} ics_frame;

/* An occurrence replaced by another VEVENT (RECURRENCE-ID). */
typedef struct ics_override {
    const char *uid;                /* borrowed from the calendar */
    bb_instant when;
} ics_override;

typedef struct ics_state {
    bb_importer *im;
    icalcomponent *cal;
    const char *forum;
    ics_span *spans;
    int n_spans, next_span;
    ics_override *overrides;
    int n_overrides;
    long recur_steps_left;          /* of MAX_RECUR_STEPS_PER_FILE */
    bool recur_spent;               /* reported once */
} ics_state;

/* One VEVENT's fields, shared by all its occurrences. */
typedef struct ics_event {
    icalcomponent *comp;
    const ics_span *span;
    int line;
    const char *uid;
    const char *title;
    bb_talk_status status;
    int64_t duration_s;
    ics_frame frame;
} ics_event;

static int scan_spans(ics_state *st);
static const ics_span *span_for(ics_state *st, const char *uid);
static const char *escape_uid(const char *uid, char *needle);
static bool span_has(const ics_state *st, const ics_span *span, const char *uid);
static int prop_line(const ics_state *st, const ics_span *span, const char *name);
static void read_calendar(ics_state *st, icalcomponent *cal);
static void collect_overrides(ics_state *st);
static int check_zones(ics_state *st);
static long zone_changes(icalcomponent *zone);
static void read_event(ics_state *st, icalcomponent *comp);
static void report_parse_error(ics_state *st, const ics_span *span, const char *note);
static const char *error_property(const char *note, char *name);
static int event_end(ics_state *st, ics_event *e, bb_instant start);
static void expand(ics_state *st, const ics_event *e, icalproperty *rrule, icaltimetype first);
static int read_exdates(ics_state *st, const ics_event *e, bb_instant *out);
static bool overridden(const ics_state *st, const char *uid, bb_instant when);
static int add_talk(ics_state *st, const ics_event *e, bb_instant start, const char *suffix,
                    bool first);
static int frame_of(ics_state *st, icalproperty *prop, icaltimetype v, int line,
                    ics_frame *out);
static const bb_tz *zone_for_tzid(bb_importer *im, const char *tzid);
static bb_instant frame_instant(const ics_frame *f, icaltimetype v);
static const bb_tz *frame_venue(ics_state *st, const ics_frame *f, bb_instant at);
static void stamp(bb_instant t, char *buf, size_t len);
static bool blank(const char *s);

int bb_import_read_ics(bb_importer *im)
{
    ics_state st = {.im = im, .recur_steps_left = MAX_RECUR_STEPS_PER_FILE};
    icalerror_set_errors_are_fatal(0);   /* libical would print, or abort */
    if (scan_spans(&st) < 0)
        return -1;
    icalcomponent *root = icalparser_parse_string(im->text);
    if (!root) {
        bb_imp_error(im, 1, "iCalendar: the file could not be parsed");
        free(st.spans);
        return -1;
    }
    if (icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
        read_calendar(&st, root);
    } else {
        /* Several calendars in one file come wrapped in an XROOT. */
        for (icalcomponent *c = icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
             c; c = icalcomponent_get_next_component(root, ICAL_VCALENDAR_COMPONENT))
            read_calendar(&st, c);
    }
    icalcomponent_free(root);
    free(st.spans);
    return 0;
}

/* --- static functions --- */

static int scan_spans(ics_state *st)
{
    const char *text = st->im->text;
    int line = 1, cap = 0;
    for (size_t at = 0; text[at];) {
        const char *eol = memchr(text + at, '\n', st->im->len - at);
        size_t next = eol ? (size_t)(eol - text) + 1 : st->im->len;
        if (strncasecmp(text + at, "BEGIN:VEVENT", 12) == 0) {
            if (st->n_spans == cap) {
                int grown_cap = cap ? cap * 2 : 64;
                ics_span *grown = realloc(st->spans, (size_t)grown_cap * sizeof *grown);
                if (!grown) {
                    bb_imp_error(st->im, line, "out of memory");
                    return -1;
                }
                st->spans = grown;
                cap = grown_cap;
            }
            st->spans[st->n_spans++] = (ics_span){line, at, st->im->len};
        } else if (strncasecmp(text + at, "END:VEVENT", 10) == 0 && st->n_spans > 0) {
            st->spans[st->n_spans - 1].end = at;
        }
        line++;
        at = next;
    }
    return 0;
}

/* The next VEVENT's span, checked by its UID; searched for a little ahead
 * when libical dropped a broken one in between.  Never from the top: a UID
 * that matches no span (or one spelled differently in the text) would make
 * that a scan of every span per event -- quadratic (issue #16 row 10). */
static const ics_span *span_for(ics_state *st, const char *uid)
{
    char needle[UID_NEEDLE_BUF];
    const char *want = uid ? escape_uid(uid, needle) : NULL;
    int k = st->next_span;
    int last = k + SPAN_LOOKAHEAD < st->n_spans ? k + SPAN_LOOKAHEAD : st->n_spans;
    while (k < last && !span_has(st, &st->spans[k], want))
        k++;
    if (k >= last)
        return NULL;
    st->next_span = k + 1;
    return &st->spans[k];
}

/* uid as the file spells it: TEXT escapes (RFC 5545 3.3.11) put back, cut
 * to UID_MATCH_BYTES of the file's bytes.  needle has UID_NEEDLE_BUF bytes. */
static const char *escape_uid(const char *uid, char *needle)
{
    size_t n = 0;
    for (const char *p = uid; *p && n + 2 < UID_MATCH_BYTES; p++) {
        if (*p == ',' || *p == ';' || *p == '\\') {
            needle[n++] = '\\';
            needle[n++] = *p;
        } else if (*p == '\n') {
            needle[n++] = '\\';
            needle[n++] = 'n';
        } else {
            needle[n++] = *p;
        }
    }
    needle[n] = '\0';
    return needle;
}

/* Does the span hold uid (as escape_uid spells it)?  Only its start is
 * compared: a long UID is folded onto the next line after 75 bytes. */
static bool span_has(const ics_state *st, const ics_span *span, const char *uid)
{
    if (!uid)
        return true;
    size_t n = strlen(uid);
    return span->end > span->begin &&
           memmem(st->im->text + span->begin, span->end - span->begin, uid, n) != NULL;
}

/* Line of the first property `name` in span, else the span's first line. */
static int prop_line(const ics_state *st, const ics_span *span, const char *name)
{
    if (!span)
        return 0;
    size_t n = strlen(name);
    int line = span->line;
    for (size_t at = span->begin; at < span->end && st->im->text[at];) {
        const char *p = st->im->text + at;
        if (strncasecmp(p, name, n) == 0 && (p[n] == ':' || p[n] == ';'))
            return line;
        const char *eol = memchr(p, '\n', st->im->len - at);
        if (!eol)
            break;
        at = (size_t)(eol - st->im->text) + 1;
        line++;
    }
    return span->line;
}

static void read_calendar(ics_state *st, icalcomponent *cal)
{
    st->cal = cal;
    st->forum = NULL;
    for (icalproperty *p = icalcomponent_get_first_property(cal, ICAL_X_PROPERTY); p;
         p = icalcomponent_get_next_property(cal, ICAL_X_PROPERTY))
        if (strcasecmp(icalproperty_get_x_name(p), "X-WR-CALNAME") == 0)
            st->forum = icalproperty_get_x(p);
    if (check_zones(st) < 0)
        return;
    /* Problems outside any event (a stray line, a broken VTIMEZONE). */
    const ics_span whole = {1, 0, st->im->len};
    for (icalproperty *p = icalcomponent_get_first_property(cal, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(cal, ICAL_XLICERROR_PROPERTY)) {
        const char *note = icalproperty_get_xlicerror(p);
        if (st->im->warnings >= BB_IMPORT_MAX_WARNINGS) {
            /* Only counted from here on: no line to look for (each search
             * is a scan of the file -- thousands would be quadratic). */
            bb_imp_warning(st->im, 0, "iCalendar: parse error");
            continue;
        }
        char name[PROP_NAME_BUF];
        error_property(note, name);
        /* A stray line is quoted at the end of the note: find it. */
        const char *quoted = note ? strrchr(note, ':') : NULL;
        int line = name[0] ? prop_line(st, &whole, name)
                 : quoted && strlen(quoted) > 2 ? bb_imp_line_of(st->im, quoted + 2) : 0;
        bb_imp_warning(st->im, line, "iCalendar: %.200s", note ? note : "parse error");
    }
    collect_overrides(st);
    for (icalcomponent *c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         c && !st->im->full && !st->recur_spent; c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        read_event(st, c);
    free(st->overrides);
    st->overrides = NULL;
    st->n_overrides = 0;
}

/* Refuse a VTIMEZONE that libical would expand without end before any
 * time is read through it: -1 after an error (the calendar is not read). */
static int check_zones(ics_state *st)
{
    int bad = 0;
    for (icalcomponent *z = icalcomponent_get_first_component(st->cal, ICAL_VTIMEZONE_COMPONENT);
         z; z = icalcomponent_get_next_component(st->cal, ICAL_VTIMEZONE_COMPONENT)) {
        if (zone_changes(z) <= MAX_ZONE_CHANGES)
            continue;
        icalproperty *id = icalcomponent_get_first_property(z, ICAL_TZID_PROPERTY);
        const char *tzid = id ? icalproperty_get_tzid(id) : NULL;
        char needle[UID_NEEDLE_BUF + 8];
        snprintf(needle, sizeof needle, "TZID:%.60s", tzid ? tzid : "");
        bb_imp_error(st->im, tzid ? bb_imp_line_of(st->im, needle) : 0,
                     "VTIMEZONE \"%.60s\" changes its offset more than %d times up to %d "
                     "(its RRULE repeats too often): the file is refused",
                     tzid ? tzid : "", MAX_ZONE_CHANGES, ZONE_COVERAGE_YEAR);
        bad = 1;
    }
    return bad ? -1 : 0;
}

/* The offset changes zone's rules make up to ZONE_COVERAGE_YEAR, counted
 * with libical's own iterator; stops past MAX_ZONE_CHANGES. */
static long zone_changes(icalcomponent *zone)
{
    long n = 0;
    for (icalcomponent *c = icalcomponent_get_first_component(zone, ICAL_ANY_COMPONENT);
         c && n <= MAX_ZONE_CHANGES;
         c = icalcomponent_get_next_component(zone, ICAL_ANY_COMPONENT)) {
        icalproperty *dtstart = icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY);
        if (!dtstart)
            continue;
        icaltimetype first = icalproperty_get_dtstart(dtstart);
        for (icalproperty *r = icalcomponent_get_first_property(c, ICAL_RRULE_PROPERTY);
             r && n <= MAX_ZONE_CHANGES;
             r = icalcomponent_get_next_property(c, ICAL_RRULE_PROPERTY)) {
            icalrecur_iterator *it = icalrecur_iterator_new(icalproperty_get_rrule(r), first);
            if (!it)
                continue;
            for (; n <= MAX_ZONE_CHANGES; n++) {
                icaltimetype o = icalrecur_iterator_next(it);
                if (icaltime_is_null_time(o) || o.year > ZONE_COVERAGE_YEAR)
                    break;
            }
            icalrecur_iterator_free(it);
        }
    }
    return n;
}

static void collect_overrides(ics_state *st)
{
    int n = icalcomponent_count_components(st->cal, ICAL_VEVENT_COMPONENT);
    st->overrides = calloc(n > 0 ? (size_t)n : 1, sizeof *st->overrides);
    if (!st->overrides)
        return;
    for (icalcomponent *c = icalcomponent_get_first_component(st->cal, ICAL_VEVENT_COMPONENT);
         c && st->n_overrides < n;
         c = icalcomponent_get_next_component(st->cal, ICAL_VEVENT_COMPONENT)) {
        icalproperty *rid = icalcomponent_get_first_property(c, ICAL_RECURRENCEID_PROPERTY);
        const char *uid = icalcomponent_get_uid(c);
        if (!rid || blank(uid))
            continue;
        icaltimetype v = icalproperty_get_recurrenceid(rid);
        ics_frame f;
        /* Quiet (line -1): the event itself reports a bad RECURRENCE-ID. */
        if (!v.is_date && frame_of(st, rid, v, -1, &f) == 0)
            st->overrides[st->n_overrides++] = (ics_override){uid, frame_instant(&f, v)};
    }
}

static void read_event(ics_state *st, icalcomponent *comp)
{
    bb_importer *im = st->im;
    ics_event e = {.comp = comp, .uid = icalcomponent_get_uid(comp)};
    e.span = span_for(st, blank(e.uid) ? NULL : e.uid);
    e.line = e.span ? e.span->line : 0;
    for (icalproperty *p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY))
        report_parse_error(st, e.span, icalproperty_get_xlicerror(p));
    if (blank(e.uid)) {
        bb_imp_error(im, e.line, "VEVENT has no UID: its talk would have no stable id");
        return;
    }
    e.title = icalcomponent_get_summary(comp);
    if (blank(e.title)) {
        bb_imp_warning(im, e.line, "event %.60s has no SUMMARY (not imported)", e.uid);
        return;
    }
    if (bb_utf8_draws_nothing(e.title)) {
        bb_imp_warning(im, prop_line(st, e.span, "SUMMARY"),
                       "event %.60s: its SUMMARY has only characters that draw nothing "
                       "(format characters such as U+200B or U+061C): not imported", e.uid);
        return;
    }
    icalproperty *dtstart = icalcomponent_get_first_property(comp, ICAL_DTSTART_PROPERTY);
    if (!dtstart) {
        bb_imp_error(im, prop_line(st, e.span, "DTSTART"), "event %.60s has no DTSTART",
                     e.uid);
        return;
    }
    icaltimetype first = icalproperty_get_dtstart(dtstart);
    if (first.is_date) {
        bb_imp_warning(im, prop_line(st, e.span, "DTSTART"),
                       "event %.60s lasts all day: there is no time to count down to "
                       "(not imported)", e.uid);
        return;
    }
    if (frame_of(st, dtstart, first, prop_line(st, e.span, "DTSTART"), &e.frame) < 0)
        return;
    bb_instant start = frame_instant(&e.frame, first);
    if (event_end(st, &e, start) < 0)
        return;
    e.status = icalcomponent_get_status(comp) == ICAL_STATUS_CANCELLED ? BB_STATUS_CANCELLED
                                                                       : BB_STATUS_CONFIRMED;

    icalproperty *rid = icalcomponent_get_first_property(comp, ICAL_RECURRENCEID_PROPERTY);
    icalproperty *rrule = icalcomponent_get_first_property(comp, ICAL_RRULE_PROPERTY);
    if (icalcomponent_get_first_property(comp, ICAL_RDATE_PROPERTY))
        bb_imp_warning(im, prop_line(st, e.span, "RDATE"),
                       "event %.60s: RDATE is not supported (its extra dates are not shown)",
                       e.uid);
    if (rid) {
        icaltimetype v = icalproperty_get_recurrenceid(rid);
        ics_frame f;
        char suffix[STAMP_BUF];
        if (v.is_date ||
            frame_of(st, rid, v, prop_line(st, e.span, "RECURRENCE-ID"), &f) < 0) {
            bb_imp_error(im, prop_line(st, e.span, "RECURRENCE-ID"),
                         "event %.60s: RECURRENCE-ID needs a date and time", e.uid);
            return;
        }
        stamp(frame_instant(&f, v), suffix, sizeof suffix);
        add_talk(st, &e, start, suffix, true);
    } else if (rrule) {
        expand(st, &e, rrule, first);
    } else {
        add_talk(st, &e, start, NULL, true);
    }
}

/* libical drops a property it cannot read and leaves a note ("Can't parse
 * as DATE-TIME value in DTEND property. Removing entire property: ...",
 * "Parse error in property name: FOO").  A time that was dropped would
 * silently move or lengthen a talk: that is an error; anything else (an
 * unknown property) a warning.  Either names the property's line. */
static void report_parse_error(ics_state *st, const ics_span *span, const char *note)
{
    static const char *const timing[] = {"DTSTART", "DTEND", "DURATION", "RRULE",
                                         "RECURRENCE-ID", "EXDATE"};
    char name[PROP_NAME_BUF];
    error_property(note, name);
    int line = name[0] ? prop_line(st, span, name) : span ? span->line : 0;
    bool fatal = false;
    bool unknown = !note || strstr(note, "property name");
    for (size_t i = 0; i < sizeof timing / sizeof timing[0] && !unknown; i++)
        fatal = fatal || strcasecmp(name, timing[i]) == 0;
    if (fatal)
        bb_imp_error(st->im, line, "iCalendar: %.200s", note ? note : "parse error");
    else
        bb_imp_warning(st->im, line, "iCalendar: %.200s", note ? note : "parse error");
}

/* The property a libical note is about, into name (PROP_NAME_BUF bytes;
 * "" when it names none). */
static const char *error_property(const char *note, char *name)
{
    const char *named = note ? strstr(note, "property name: ") : NULL;
    const char *in = note ? strstr(note, " in ") : NULL;
    name[0] = '\0';
    if (named && sscanf(named + strlen("property name: "), "%31[A-Za-z0-9-]", name) != 1)
        name[0] = '\0';
    else if (!named && in && sscanf(in + strlen(" in "), "%31[A-Za-z0-9-] property", name) != 1)
        name[0] = '\0';
    return name;
}

static int event_end(ics_state *st, ics_event *e, bb_instant start)
{
    icalproperty *dtend = icalcomponent_get_first_property(e->comp, ICAL_DTEND_PROPERTY);
    icalproperty *dur = icalcomponent_get_first_property(e->comp, ICAL_DURATION_PROPERTY);
    e->duration_s = (int64_t)BB_DEFAULT_TALK_MINUTES * BB_SECONDS_PER_MINUTE;
    if (dtend) {
        int line = prop_line(st, e->span, "DTEND");
        icaltimetype v = icalproperty_get_dtend(dtend);
        ics_frame f;
        if (v.is_date || frame_of(st, dtend, v, line, &f) < 0) {
            bb_imp_error(st->im, line, "event %.60s: DTEND needs a date and time like DTSTART",
                         e->uid);
            return -1;
        }
        e->duration_s = frame_instant(&f, v) - start;
    } else if (dur) {
        e->duration_s = icaldurationtype_as_int(icalproperty_get_duration(dur));
    } else {
        return 0;
    }
    if (e->duration_s < 0 ||
        e->duration_s > (int64_t)BB_MAX_TALK_MINUTES * BB_SECONDS_PER_MINUTE) {
        bb_imp_error(st->im, prop_line(st, e->span, dtend ? "DTEND" : "DURATION"),
                     "event %.60s %s (the longest a talk may last is %d days)", e->uid,
                     e->duration_s < 0 ? "ends before it starts" : "is too long",
                     BB_MAX_TALK_MINUTES / (BB_SECONDS_PER_DAY / BB_SECONDS_PER_MINUTE));
        return -1;
    }
    if (e->duration_s == 0)
        e->duration_s = ZERO_DURATION_S;
    return 0;
}

static void expand(ics_state *st, const ics_event *e, icalproperty *rrule, icaltimetype first)
{
    bb_importer *im = st->im;
    int line = prop_line(st, e->span, "RRULE");
    struct icalrecurrencetype rule = icalproperty_get_rrule(rrule);
    if (rule.freq == ICAL_NO_RECURRENCE) {
        bb_imp_error(im, line, "event %.60s: the RRULE could not be read", e->uid);
        return;
    }
    /* The iterator compares wall-clock fields: UNTIL in UTC must become the
     * same frame's local reading, or the last occurrence may be lost. */
    if (!icaltime_is_null_time(rule.until) && icaltime_is_utc(rule.until) &&
        e->frame.kind != FRAME_UTC) {
        bb_instant until = frame_instant(&(ics_frame){.kind = FRAME_UTC}, rule.until);
        bb_civil c;
        if (e->frame.kind == FRAME_ZONE) {
            bb_tz_to_civil(e->frame.tz, until, &c);
        } else {
            int off = bb_tz_offset_at(frame_venue(st, &e->frame, until), until, NULL);
            bb_instant_to_civil(until, off, &c);
        }
        rule.until = icaltime_null_time();
        rule.until.year = c.year, rule.until.month = c.month, rule.until.day = c.day;
        rule.until.hour = c.hour, rule.until.minute = c.minute, rule.until.second = c.second;
    }
    first.zone = NULL;
    rule.until.zone = NULL;
    bb_instant *exdates = calloc(MAX_EXDATES, sizeof *exdates);
    icalrecur_iterator *it = exdates ? icalrecur_iterator_new(rule, first) : NULL;
    if (!it) {
        bb_imp_error(im, line, "event %.60s: the RRULE cannot be expanded", e->uid);
        free(exdates);
        return;
    }
    int n_ex = read_exdates(st, e, exdates);
    bb_instant lo = im->anchor - BB_IMPORT_RECUR_BEFORE_S;
    bb_instant hi = im->anchor + BB_IMPORT_RECUR_AFTER_S;
    int added = 0, steps = 0;
    for (; steps < MAX_RECUR_STEPS && !im->full; steps++) {
        if (st->recur_steps_left-- <= 0) {
            if (!st->recur_spent)
                bb_imp_error(im, line, "event %.60s: the file's RRULEs together repeat too "
                             "often (more than %d steps to expand in all): the file is refused",
                             e->uid, MAX_RECUR_STEPS_PER_FILE);
            st->recur_spent = true;
            break;
        }
        icaltimetype o = icalrecur_iterator_next(it);
        if (icaltime_is_null_time(o))
            break;
        bb_instant s = frame_instant(&e->frame, o);
        if (s > hi)
            break;
        if (s + e->duration_s <= lo || overridden(st, e->uid, s))
            continue;
        bool excluded = false;
        for (int i = 0; i < n_ex && !excluded; i++)
            excluded = exdates[i] == s;
        if (excluded)
            continue;
        if (added == BB_IMPORT_MAX_OCCURRENCES) {
            bb_imp_warning(im, line, "event %.60s: only the first %d occurrences are shown",
                           e->uid, BB_IMPORT_MAX_OCCURRENCES);
            break;
        }
        char suffix[STAMP_BUF];
        stamp(s, suffix, sizeof suffix);
        if (add_talk(st, e, s, suffix, added == 0) < 0)
            break;
        added++;
    }
    if (steps == MAX_RECUR_STEPS && !st->recur_spent)
        bb_imp_warning(im, line, "event %.60s: the RRULE repeats too often; expansion stopped "
                       "after %d steps", e->uid, MAX_RECUR_STEPS);
    icalrecur_iterator_free(it);
    free(exdates);
}

static int read_exdates(ics_state *st, const ics_event *e, bb_instant *out)
{
    int n = 0;
    for (icalproperty *p = icalcomponent_get_first_property(e->comp, ICAL_EXDATE_PROPERTY);
         p && n < MAX_EXDATES;
         p = icalcomponent_get_next_property(e->comp, ICAL_EXDATE_PROPERTY)) {
        icaltimetype v = icalproperty_get_exdate(p);
        ics_frame f;
        if (!v.is_date && !icaltime_is_null_time(v) &&
            frame_of(st, p, v, prop_line(st, e->span, "EXDATE"), &f) == 0)
            out[n++] = frame_instant(&f, v);
    }
    return n;
}

static bool overridden(const ics_state *st, const char *uid, bb_instant when)
{
    for (int i = 0; i < st->n_overrides; i++)
        if (st->overrides[i].when == when && strcmp(st->overrides[i].uid, uid) == 0)
            return true;
    return false;
}

static int add_talk(ics_state *st, const ics_event *e, bb_instant start, const char *suffix,
                    bool first)
{
    bb_importer *im = st->im;
    bb_talk *t = bb_imp_new_talk(im, e->line);
    if (!t || bb_imp_set_id(im, t, e->uid, suffix, e->line) < 0)
        return -1;
    /* Fields that draw nothing are warned about once per event, not per
     * occurrence. */
    char what[UID_NEEDLE_BUF + 8];
    snprintf(what, sizeof what, "event %.60s", e->uid);
    t->title = bb_imp_text(e->title);
    t->forum = bb_imp_field(im, st->forum, NULL, what, e->line);
    t->venue = bb_imp_field(im, icalcomponent_get_location(e->comp), NULL, what, e->line);
    t->room = bb_imp_field(im, icalcomponent_get_location(e->comp), first ? "LOCATION" : NULL,
                           what, e->line);
    icalproperty *url = icalcomponent_get_first_property(e->comp, ICAL_URL_PROPERTY);
    if (url)
        t->url = bb_imp_url(im, icalproperty_get_url(url), e->uid, e->line);
    t->status = e->status;
    t->has_start = true;
    t->start = start;
    t->end = start + e->duration_s;
    t->tz = frame_venue(st, &e->frame, start);
    for (icalproperty *p = icalcomponent_get_first_property(e->comp, ICAL_ATTENDEE_PROPERTY);
         p && t->participants.n < BB_IMPORT_MAX_PERSONS;
         p = icalcomponent_get_next_property(e->comp, ICAL_ATTENDEE_PROPERTY)) {
        icalparameter *cn = icalproperty_get_first_parameter(p, ICAL_CN_PARAMETER);
        if (cn && bb_imp_push_field(im, &t->participants, icalparameter_get_cn(cn),
                                    first ? "ATTENDEE" : NULL, what, e->line) < 0)
            goto oom;
    }
    for (icalproperty *p = icalcomponent_get_first_property(e->comp, ICAL_CATEGORIES_PROPERTY);
         p && t->topics.n < BB_IMPORT_MAX_PERSONS;
         p = icalcomponent_get_next_property(e->comp, ICAL_CATEGORIES_PROPERTY)) {
        char *all = bb_imp_text(icalproperty_get_categories(p));
        char *save = NULL;
        for (char *w = all ? strtok_r(all, ",", &save) : NULL;
             w && t->topics.n < BB_IMPORT_MAX_PERSONS; w = strtok_r(NULL, ",", &save))
            if (bb_imp_push_text(&t->topics, w) < 0) {
                free(all);
                goto oom;
            }
        free(all);
    }
    if (!t->title)
        goto oom;
    return 0;
oom:
    bb_imp_error(im, e->line, "out of memory");
    return -1;
}

/* The frame of a property's time; -1 after an error at line (none when
 * line is negative). */
static int frame_of(ics_state *st, icalproperty *prop, icaltimetype v, int line,
                    ics_frame *out)
{
    icalparameter *param = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
    const char *tzid = param ? icalparameter_get_tzid(param) : NULL;
    if (icaltime_is_utc(v)) {
        *out = (ics_frame){.kind = FRAME_UTC};
    } else if (blank(tzid)) {
        *out = (ics_frame){.kind = FRAME_ZONE, .tz = st->im->cfg->display.tz};
    } else if ((out->tz = zone_for_tzid(st->im, tzid))) {
        out->kind = FRAME_ZONE;
    } else if ((out->vtz = icalcomponent_get_timezone(st->cal, tzid))) {
        out->kind = FRAME_VTIMEZONE;
    } else {
        if (line >= 0)
            bb_imp_error(st->im, line,
                     "TZID \"%.60s\" is neither a tz database zone nor a VTIMEZONE in the file",
                     tzid);
        return -1;
    }
    return 0;
}

/* "Europe/Brussels", or the zone name at the end of a prefixed TZID. */
static const bb_tz *zone_for_tzid(bb_importer *im, const char *tzid)
{
    const bb_tz *tz = bb_imp_zone(im, tzid[0] == '/' ? NULL : tzid);
    int tries = 0;
    for (const char *p = strchr(tzid, '/'); !tz && p && tries < MAX_TZID_TRIES;
         p = strchr(p + 1, '/'))
        if (p[1] >= 'A' && p[1] <= 'Z' && strchr(p + 1, '/')) {
            tz = bb_imp_zone(im, p + 1);
            tries++;
        }
    return tz;
}

static bb_instant frame_instant(const ics_frame *f, icaltimetype v)
{
    bb_civil c = {v.year, v.month, v.day, v.hour, v.minute, v.second};
    switch (f->kind) {
    case FRAME_ZONE:
        return bb_imp_local_instant(f->tz, &c);
    case FRAME_VTIMEZONE: {
        int dst = 0;
        v.zone = NULL;
        return bb_civil_to_instant(&c, icaltimezone_get_utc_offset(f->vtz, &v, &dst));
    }
    default:
        return bb_civil_to_instant(&c, 0);
    }
}

/* The venue's zone of a talk starting at `at`. */
static const bb_tz *frame_venue(ics_state *st, const ics_frame *f, bb_instant at)
{
    const bb_tz *screen = st->im->cfg->display.tz;
    if (f->kind == FRAME_ZONE)
        return f->tz;
    if (f->kind == FRAME_UTC)
        return screen;
    struct icaltimetype utc = icaltime_from_timet_with_zone((time_t)at, 0,
                                                            icaltimezone_get_utc_timezone());
    int dst = 0;
    const bb_tz *fixed = bb_imp_zone_fixed(st->im,
                                           icaltimezone_get_utc_offset_of_utc_time(f->vtz, &utc,
                                                                                   &dst));
    return fixed ? fixed : screen;
}

static void stamp(bb_instant t, char *buf, size_t len)
{
    bb_civil c;
    bb_instant_to_civil(t, 0, &c);
    snprintf(buf, len, "%04d%02d%02dT%02d%02d%02dZ", c.year % 10000, c.month, c.day, c.hour,
             c.minute, c.second);
}

static bool blank(const char *s)
{
    if (!s)
        return true;
    while (*s == ' ' || *s == '\t')
        s++;
    return *s == '\0';
}
