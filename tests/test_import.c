/*
 * test_import: schedules from frab/pretalx XML and JSON and iCalendar.
 *
 * The real-shaped files in tests/data/import describe a conference in
 * Brussels from Friday 2025-03-28 to Monday 2025-03-31; summer time starts
 * on Sunday 30 at 01:00 UTC (02:00 CET -> 03:00 CEST).  Every expected
 * instant below is worked out by hand next to it.  Bad inputs are a table:
 * each with the line and the words its message must have.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_config.h"
#include "bb_diag.h"
#include "bb_import.h"
#include "bb_test.h"
#include "bb_time.h"
#include "bb_tz.h"

#define PATH_BUF 1024

/* 2025-03-27T11:00:00Z: the replay clock of schedules.cfg. */
#define ANCHOR 1743073200LL

static bb_instant utc(const char *iso)
{
    bb_iso p;
    if (bb_iso_parse(iso, &p, NULL, 0) < 0 || !p.has_offset) {
        fprintf(stderr, "bad test instant %s\n", iso);
        exit(1);
    }
    return bb_civil_to_instant(&p.civil, p.offset_s);
}

static const bb_talk *talk(const bb_config *cfg, const char *id)
{
    int i = bb_config_find_talk(cfg, id);
    if (i < 0)
        fprintf(stderr, "no talk '%s'\n", id);
    return i >= 0 ? &cfg->talks[i] : NULL;
}

/* The talk's start and end in UTC, checked. */
static void check_times(const bb_config *cfg, const char *id, const char *start,
                        const char *end)
{
    const bb_talk *t = talk(cfg, id);
    CHECK(t != NULL);
    if (!t)
        return;
    CHECK(t->has_start);
    char got[BB_ISO_BUF];
    bb_format_utc(t->start, got, sizeof got);
    CHECK_STR(got, start);
    bb_format_utc(t->end, got, sizeof got);
    CHECK_STR(got, end);
}

static const bb_diag *find_diag(const bb_diag_list *d, const char *words)
{
    for (int i = 0; i < bb_diag_count(d); i++)
        if (strstr(bb_diag_get(d, i)->message, words))
            return bb_diag_get(d, i);
    return NULL;
}

static bb_config *load_data(const char *name, bb_diag_list *diags)
{
    const char *data = getenv("BB_TEST_DATA");
    char path[PATH_BUF];
    snprintf(path, sizeof path, "%s/import/%s", data ? data : "tests/data", name);
    return bb_config_load_file(path, diags);
}

static void test_sniff(void)
{
    CHECK_INT(bb_import_sniff("\xEF\xBB\xBF  <?xml", 10), BB_IMPORT_XML);
    CHECK_INT(bb_import_sniff("\n{\"schedule\"", 12), BB_IMPORT_JSON);
    CHECK_INT(bb_import_sniff("begin:vcalendar\r\n", 17), BB_IMPORT_ICS);
    CHECK_INT(bb_import_sniff("BEGIN:VEVENT", 12), BB_IMPORT_UNKNOWN);
    CHECK_INT(bb_import_sniff("   ", 3), BB_IMPORT_UNKNOWN);
    CHECK_STR(bb_import_format_name(BB_IMPORT_ICS), "iCalendar");
}

/* The frab XML: offsets change inside the conference. */
static void check_xml(const bb_config *cfg)
{
    /* Friday 10:00+01:00 = 09:00Z, 45 min. */
    check_times(cfg, "schedule-101", "2025-03-28T09:00:00Z", "2025-03-28T09:45:00Z");
    const bb_talk *t = talk(cfg, "schedule-101");
    if (t) {
        CHECK_STR(t->title, "Opening: the state of European security");
        CHECK_STR(t->forum, "Briefing Days 2025");
        CHECK_STR(t->room, "Main Hall");
        CHECK_STR(t->venue, "Main Hall");
        CHECK_STR(t->track, "Security");
        CHECK_INT(t->participants.n, 2);
        if (t->participants.n == 2)
            CHECK_STR(t->participants.v[1], "Jonas Peeters");
        CHECK_STR(bb_tz_name(t->tz), "Europe/Brussels");
        CHECK_CONTAINS(t->src.file, "import/schedule.xml");
        CHECK_INT(t->src.line, 21);
        CHECK_INT(t->status, BB_STATUS_CONFIRMED);
    }
    t = talk(cfg, "schedule-102");
    if (t)
        CHECK_STR(t->title, "Forced displacement & the numbers behind it");
    /* Either side of the change: 01:30+01:00 = 00:30Z, 03:30+02:00 = 01:30Z. */
    check_times(cfg, "schedule-103", "2025-03-30T00:30:00Z", "2025-03-30T00:55:00Z");
    check_times(cfg, "schedule-104", "2025-03-30T01:30:00Z", "2025-03-30T02:00:00Z");
    /* Sunday 10:00+02:00 = 08:00Z. */
    check_times(cfg, "schedule-105", "2025-03-30T08:00:00Z", "2025-03-30T09:30:00Z");
    /* Monday 16:00+02:00 = 14:00Z, cancelled ("canceled" in the file). */
    check_times(cfg, "schedule-106", "2025-03-31T14:00:00Z", "2025-03-31T14:50:00Z");
    t = talk(cfg, "schedule-106");
    if (t) {
        CHECK_INT(t->status, BB_STATUS_CANCELLED);
        CHECK_INT(bb_tz_offset_at(t->tz, t->start, NULL), 2 * 3600);
    }
}

static void check_json(const bb_config *cfg)
{
    /* 09:00+01:00 = 08:00Z; 01:45+01:00 = 00:45Z; 09:00+02:00 = 07:00Z;
     * Monday 11:15+02:00 = 09:15Z. */
    check_times(cfg, "schedule-201", "2025-03-28T08:00:00Z", "2025-03-28T08:30:00Z");
    check_times(cfg, "schedule-202", "2025-03-30T00:45:00Z", "2025-03-30T00:55:00Z");
    check_times(cfg, "schedule-203", "2025-03-30T07:00:00Z", "2025-03-30T08:15:00Z");
    check_times(cfg, "schedule-204", "2025-03-31T09:15:00Z", "2025-03-31T10:00:00Z");
    const bb_talk *t = talk(cfg, "schedule-203");
    if (t) {
        CHECK_STR(t->title, "Кто говорит с кем: channels to Moscow");
        CHECK_INT(t->participants.n, 2);
        CHECK_STR(t->room, "Main Hall");
        CHECK_CONTAINS(t->src.file, "import/schedule.json");
        CHECK_INT(t->src.line, 83);   /* the line of its guid */
    }
    t = talk(cfg, "schedule-201");
    if (t && t->participants.n == 1)
        CHECK_STR(t->participants.v[0], "Ana Lopes");
}

static void check_ics(const bb_config *cfg)
{
    const char *weekly = "briefings-weekly-briefing_embassy.example-";
    char id[128];
    /* Mondays at 09:00 in Brussels: 08:00Z before the change, 07:00Z after. */
    static const char *const occurrences[][2] = {
        {"20250324T080000Z", "2025-03-24T08:00:00Z"},
        {"20250331T070000Z", "2025-03-31T07:00:00Z"},
        {"20250407T070000Z", "2025-04-07T07:00:00Z"},   /* overridden: cancelled */
        {"20250414T070000Z", "2025-04-14T09:00:00Z"},   /* overridden: 11:00+02:00 */
        {"20250428T070000Z", "2025-04-28T07:00:00Z"},
        {"20250505T070000Z", "2025-05-05T07:00:00Z"},
    };
    for (size_t i = 0; i < sizeof occurrences / sizeof occurrences[0]; i++) {
        snprintf(id, sizeof id, "%s%s", weekly, occurrences[i][0]);
        const bb_talk *t = talk(cfg, id);
        CHECK(t != NULL);
        if (!t)
            continue;
        char got[BB_ISO_BUF];
        bb_format_utc(t->start, got, sizeof got);
        CHECK_STR(got, occurrences[i][1]);
        CHECK_INT(t->end - t->start, 30 * 60);
        CHECK_STR(bb_tz_name(t->tz), "Europe/Brussels");
        CHECK_INT(t->status, i == 2 ? BB_STATUS_CANCELLED : BB_STATUS_CONFIRMED);
    }
    /* Easter Monday is an EXDATE; COUNT=8 ends on May 5; March 17 ended
     * more than BB_IMPORT_RECUR_BEFORE_S before the anchor (March 27). */
    snprintf(id, sizeof id, "%s%s", weekly, "20250421T070000Z");
    CHECK_INT(bb_config_find_talk(cfg, id), -1);
    snprintf(id, sizeof id, "%s%s", weekly, "20250317T080000Z");
    CHECK_INT(bb_config_find_talk(cfg, id), -1);
    int n_weekly = 0;
    for (int i = 0; i < cfg->n_talks; i++)
        n_weekly += strncmp(cfg->talks[i].id, weekly, strlen(weekly)) == 0;
    CHECK_INT(n_weekly, 6);

    snprintf(id, sizeof id, "%s%s", weekly, "20250324T080000Z");
    const bb_talk *t = talk(cfg, id);
    if (t) {
        CHECK_STR(t->title, "Weekly security briefing");
        CHECK_STR(t->forum, "Embassy briefings");
        CHECK_STR(t->venue, "Situation room");
        CHECK_INT(t->participants.n, 2);
        if (t->participants.n == 2)
            CHECK_STR(t->participants.v[1], "Defence attaché");
        CHECK_INT(t->topics.n, 2);
        CHECK_INT(t->src.line, 41);
    }
    /* A prefixed TZID is read with the tz database: 15:00+01:00 = 14:00Z. */
    check_times(cfg, "briefings-ssd-follow-up-2025_embassy.example", "2025-03-28T14:00:00Z",
                "2025-03-28T15:30:00Z");
    t = talk(cfg, "briefings-ssd-follow-up-2025_embassy.example");
    if (t) {
        CHECK_STR(bb_tz_name(t->tz), "Europe/Brussels");
        CHECK_INT(t->topics.n, 2);
        if (t->topics.n == 2)
            CHECK_STR(t->topics.v[1], "Nuclear deterrence");
    }
    check_times(cfg, "briefings-press-call-0330_embassy.example", "2025-03-30T12:00:00Z",
                "2025-03-30T13:00:00Z");
    /* Outlook's zone name, through the file's VTIMEZONE: 14:00+02:00. */
    const char *outlook = "briefings-040000008200E00074C5B7101A82E00800000000A1B2C3D4E5F6";
    check_times(cfg, outlook, "2025-03-31T12:00:00Z", "2025-03-31T13:00:00Z");
    t = talk(cfg, outlook);
    if (t)
        CHECK_STR(bb_tz_name(t->tz), "UTC+02:00");
    CHECK_INT(bb_config_find_talk(cfg, "briefings-holiday-0329_embassy.example"), -1);
}

static void test_files(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = load_data("schedules.cfg", diags);
    CHECK(cfg != NULL);
    if (!cfg) {
        bb_diag_print(diags, stderr);
        bb_diag_list_destroy(diags);
        return;
    }
    CHECK_INT(bb_diag_error_count(diags), 0);
    /* 1 of the config's own, 6 + 4 + 6 + 3 imported. */
    CHECK_INT(cfg->n_talks, 20);
    check_xml(cfg);
    check_json(cfg);
    check_ics(cfg);

    /* The all-day event is skipped with a warning at its DTSTART. */
    const bb_diag *d = find_diag(diags, "lasts all day");
    CHECK(d != NULL);
    if (d) {
        CHECK_CONTAINS(d->file, "import/briefings.ics");
        CHECK_INT(d->line, 107);
        CHECK_INT(d->severity, BB_WARNING);
    }
    /* Countdown slides may name imported talks. */
    CHECK_INT(cfg->slides[0].talk_index, bb_config_find_talk(cfg, "schedule-105"));
    CHECK(cfg->slides[1].talk_index >= 0);

    /* A reload gives the same ids in the same order. */
    bb_diag_list *again_diags = bb_diag_list_create();
    bb_config *again = load_data("schedules.cfg", again_diags);
    CHECK(again != NULL);
    if (again) {
        CHECK_INT(again->n_talks, cfg->n_talks);
        for (int i = 0; i < cfg->n_talks && i < again->n_talks; i++) {
            CHECK_STR(again->talks[i].id, cfg->talks[i].id);
            CHECK_INT(again->talks[i].start, cfg->talks[i].start);
        }
    }
    bb_config_destroy(again);
    bb_diag_list_destroy(again_diags);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

/* An input, the line its first error names and words of that message. */
typedef struct bad_case {
    const char *text;
    int line;
    const char *words;
} bad_case;

#define XML_HEAD "<?xml version=\"1.0\"?>\n<schedule>\n"                     \
                 "<conference><title>C</title></conference>\n"              \
                 "<day date=\"2025-03-30\"><room name=\"R\">\n"
#define XML_TAIL "</room></day>\n</schedule>\n"
#define JSON_HEAD "{\"schedule\": {\"conference\": {\"title\": \"C\",\n\"days\": [{\"date\": " \
                  "\"2025-03-30\", \"rooms\": {\"R\": [\n"
#define JSON_TAIL "]}}]}}}\n"
#define ICS_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n"
#define ICS_TAIL "END:VCALENDAR\r\n"

static const bad_case bad_cases[] = {
    {"<schedule>\n<conference>\n<title>x</title>\n</conf>\n</schedule>\n", 4,
     "XML: Opening and ending tag mismatch"},
    {"<?xml version=\"1.0\"?>\n<calendar/>\n", 2, "root element is <calendar>"},
    {"<schedule>\n<conference>\n<time_zone_name>Europe/Bruxelles</time_zone_name>\n"
     "</conference>\n</schedule>\n", 3, "\"Europe/Bruxelles\" is not in the tz database"},
    {XML_HEAD "<event id=\"1\"><title>T</title>\n<date>2025-03-30T25:00:00+02:00</date>"
              "</event>\n" XML_TAIL, 5, "'date' \"2025-03-30T25:00:00+02:00\" is not"},
    {XML_HEAD "\n<event><title>No id</title><date>2025-03-30T10:00:00+02:00</date></event>\n"
              XML_TAIL, 6, "event 'No id' has neither 'id' nor 'guid'"},
    {XML_HEAD "<event id=\"1\"><title>A</title><date>2025-03-30T10:00:00+02:00</date></event>\n"
              "<event id=\"1\"><title>B</title><date>2025-03-30T11:00:00+02:00</date></event>\n"
              XML_TAIL, 6, "duplicate talk id 'x-1' (first used at x.xml:5)"},
    {XML_HEAD "<event id=\"1\"><title>T</title><date>2025-03-30T10:00:00+02:00</date>\n"
              "<duration>1h</duration></event>\n" XML_TAIL, 5, "'duration' \"1h\" is not HH:MM"},
    {XML_HEAD "<event id=\"1\">\n<date>2025-03-30T10:00:00+02:00</date></event>\n" XML_TAIL, 5,
     "event 1 has no title"},
    {"{\"schedule\": {\n\"conference\": {\n\"title\": \"C\",,\n}}}\n", 3, "JSON: "},
    {"{\"schedule\": {\n\"conference\": {\n", 3, "JSON: unexpected end of file"},
    {"{\"schedule\": {\"conference\": {}}}\n}\n", 2, "text after the end"},
    {"{\"version\": 1}\n", 1, "no \"schedule\": { \"conference\""},
    {JSON_HEAD "{\"id\": 7, \"title\": \"T\",\n\"guid\": \"g-7\", \"date\": "
               "\"2025-03-30T10:00:00+02:00\", \"duration\": \"00:75\"}\n" JSON_TAIL, 4,
     "'duration' \"00:75\""},
    {JSON_HEAD "{\"id\": 7,\n \"title\": \"T\"}\n" JSON_TAIL, 0, "event 7 'T' has no 'date'"},
    {ICS_HEAD "BEGIN:VEVENT\r\nSUMMARY:No uid\r\nDTSTART:20250330T100000Z\r\nEND:VEVENT\r\n"
              ICS_TAIL, 4, "VEVENT has no UID"},
    {ICS_HEAD "BEGIN:VEVENT\r\nUID:u1\r\nSUMMARY:S\r\nDTSTART:20250330T100000Z\r\n"
              "DTEND:20250330T090000Z\r\nEND:VEVENT\r\n" ICS_TAIL, 8,
     "event u1 ends before it starts"},
    {ICS_HEAD "BEGIN:VEVENT\r\nUID:u2\r\nSUMMARY:S\r\n"
              "DTSTART;TZID=Mars/Olympus_Mons:20250330T100000\r\nEND:VEVENT\r\n" ICS_TAIL, 7,
     "TZID \"Mars/Olympus_Mons\" is neither"},
    {ICS_HEAD "BEGIN:VEVENT\r\nUID:u3\r\nSUMMARY:S\r\nEND:VEVENT\r\n" ICS_TAIL, 4,
     "event u3 has no DTSTART"},
    /* libical drops a time it cannot read: that must not pass silently. */
    {ICS_HEAD "BEGIN:VEVENT\r\nUID:u4\r\nSUMMARY:S\r\nDTSTART:20250330T100000Z\r\n"
              "FOO:bar\r\nDTEND:2025033\r\nEND:VEVENT\r\n" ICS_TAIL, 9,
     "iCalendar: Can't parse as DATE-TIME value in DTEND property"},
    {"title = \"a libconfig file\";\n", 1, "not a schedule this program reads"},
    {"<schedule>\0</schedule>", 1, "NUL byte"},
};

static void test_bad_inputs(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        size_t len = strlen(c->text);
        if (strstr(c->words, "NUL"))
            len += 1 + strlen(c->text + len + 1);
        bb_config *cfg = bb_config_create_default();
        bb_diag_list *diags = bb_diag_list_create();
        int rc = bb_import_buffer(cfg, c->text, len, "x.xml", "x", ANCHOR, diags);
        CHECK_INT(rc, -1);
        const bb_diag *d = NULL;
        for (int k = 0; k < bb_diag_count(diags) && !d; k++)
            if (bb_diag_get(diags, k)->severity == BB_ERROR)
                d = bb_diag_get(diags, k);
        CHECK(d != NULL);
        if (d) {
            if (d->line != c->line || !strstr(d->message, c->words))
                fprintf(stderr, "case %zu: got %s:%d: %s\n", i, d->file, d->line, d->message);
            CHECK_INT(d->line, c->line);
            CHECK_CONTAINS(d->message, c->words);
            CHECK_STR(d->file, "x.xml");
        }
        bb_diag_list_destroy(diags);
        bb_config_destroy(cfg);
    }
}

/* Import text into a fresh config, expecting no error. */
static bb_config *import_ok(const char *text, bb_instant anchor, bb_diag_list *diags)
{
    bb_config *cfg = bb_config_create_default();
    int rc = bb_import_buffer(cfg, text, strlen(text), "t.ics", "t", anchor, diags);
    CHECK(rc >= 0);
    if (rc < 0)
        bb_diag_print(diags, stderr);
    return cfg;
}

static void test_recurrence_window(void)
{
    /* Daily at 08:00Z since 2020, anchor 2025-06-01T00:00Z: the window is
     * [2025-05-25T00:00Z, 2026-06-02T00:00Z], so 2025-05-25 to 2026-06-01
     * inclusive: 7 + 366 days = 373 occurrences. */
    const char *text = ICS_HEAD "BEGIN:VEVENT\r\nUID:daily\r\nSUMMARY:Daily\r\n"
                                "DTSTART:20200101T080000Z\r\nDURATION:PT1H\r\n"
                                "RRULE:FREQ=DAILY\r\nEND:VEVENT\r\n" ICS_TAIL;
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = import_ok(text, utc("2025-06-01T00:00:00Z"), diags);
    CHECK_INT(cfg->n_talks, 373);
    if (cfg->n_talks == 373) {
        CHECK_STR(cfg->talks[0].id, "t-daily-20250525T080000Z");
        CHECK_STR(cfg->talks[372].id, "t-daily-20260601T080000Z");
        CHECK_STR(bb_tz_name(cfg->talks[0].tz), bb_tz_name(cfg->display.tz));
    }
    bb_config_destroy(cfg);
    bb_diag_clear(diags);

    /* UNTIL in UTC against local times: 09:00 Brussels daily until
     * 07:30Z on the 30th keeps the 30th (09:00+02:00 = 07:00Z). */
    text = ICS_HEAD "BEGIN:VEVENT\r\nUID:until\r\nSUMMARY:U\r\n"
                    "DTSTART;TZID=Europe/Brussels:20250328T090000\r\n"
                    "RRULE:FREQ=DAILY;UNTIL=20250330T073000Z\r\nEND:VEVENT\r\n" ICS_TAIL;
    cfg = import_ok(text, ANCHOR, diags);
    CHECK_INT(cfg->n_talks, 3);
    if (cfg->n_talks == 3) {
        CHECK_INT(cfg->talks[1].start, utc("2025-03-29T08:00:00Z"));
        CHECK_INT(cfg->talks[2].start, utc("2025-03-30T07:00:00Z"));
        CHECK_STR(cfg->talks[2].id, "t-until-20250330T070000Z");
        CHECK_INT(cfg->talks[2].end - cfg->talks[2].start, 60 * 60);
    }
    bb_config_destroy(cfg);
    bb_diag_clear(diags);

    /* Hourly for ever: capped, with a warning. */
    text = ICS_HEAD "BEGIN:VEVENT\r\nUID:h\r\nSUMMARY:H\r\nDTSTART:20250301T000000Z\r\n"
                    "RRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n" ICS_TAIL;
    cfg = import_ok(text, ANCHOR, diags);
    CHECK_INT(cfg->n_talks, BB_IMPORT_MAX_OCCURRENCES);
    CHECK(find_diag(diags, "only the first 1000 occurrences") != NULL);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

static void test_text_and_fallbacks(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    /* An unknown property is only a warning, at its own line. */
    const char *unknown = ICS_HEAD "BEGIN:VEVENT\r\nUID:u5\r\nSUMMARY:S\r\n"
                                   "DTSTART:20250330T100000Z\r\nFOO:bar\r\nEND:VEVENT\r\n"
                                   ICS_TAIL;
    bb_config *cfg = import_ok(unknown, ANCHOR, diags);
    CHECK_INT(cfg->n_talks, 1);
    const bb_diag *d = find_diag(diags, "Parse error in property name: FOO");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->line, 8);
        CHECK_INT(d->severity, BB_WARNING);
    }
    bb_config_destroy(cfg);
    bb_diag_clear(diags);

    /* A stray line outside any event, and an RDATE: warnings at their lines. */
    const char *stray = ICS_HEAD "GARBAGE LINE\r\nBEGIN:VEVENT\r\nUID:u6\r\nSUMMARY:S\r\n"
                                 "DTSTART:20250330T100000Z\r\nRDATE:20250331T100000Z\r\n"
                                 "END:VEVENT\r\n" ICS_TAIL;
    cfg = import_ok(stray, ANCHOR, diags);
    CHECK_INT(cfg->n_talks, 1);
    d = find_diag(diags, "GARBAGE LINE");
    CHECK(d != NULL);
    if (d)
        CHECK_INT(d->line, 4);
    d = find_diag(diags, "RDATE is not supported");
    CHECK(d != NULL);
    if (d)
        CHECK_INT(d->line, 9);
    bb_config_destroy(cfg);
    bb_diag_clear(diags);

    /* Invalid UTF-8 and control characters from a calendar. */
    const char *text = ICS_HEAD "BEGIN:VEVENT\r\nUID:x y@z\r\nSUMMARY:Bad \xFF byte\\n\tand "
                                "tab\r\nDTSTART:20250330T100000Z\r\nEND:VEVENT\r\n" ICS_TAIL;
    cfg = import_ok(text, ANCHOR, diags);
    CHECK_INT(cfg->n_talks, 1);
    if (cfg->n_talks == 1) {
        CHECK_STR(cfg->talks[0].title, "Bad \xEF\xBF\xBD byte and tab");
        CHECK_STR(cfg->talks[0].id, "t-x_y_z");
        /* Neither DTEND nor DURATION: the config's default length. */
        CHECK_INT(cfg->talks[0].end - cfg->talks[0].start, BB_DEFAULT_TALK_MINUTES * 60);
    }
    bb_config_destroy(cfg);
    bb_diag_clear(diags);

    /* Lead bytes F8-FC are no UTF-8 (RFC 3629), even before three
     * continuation bytes that would make a code point below U+10FFFF:
     * each byte is replaced. */
    const char *lead = ICS_HEAD "BEGIN:VEVENT\r\nUID:lead@z\r\nSUMMARY:Lead \xFC\x80\x80\x80 "
                                "byte\r\nDTSTART:20250330T100000Z\r\nEND:VEVENT\r\n" ICS_TAIL;
    cfg = import_ok(lead, ANCHOR, diags);
    CHECK_INT(cfg->n_talks, 1);
    if (cfg->n_talks == 1)
        CHECK_STR(cfg->talks[0].title, "Lead \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD byte");
    bb_config_destroy(cfg);
    bb_diag_clear(diags);

    /* An old frab export: no <date>, the day's date and a local start in
     * the spring-forward gap (02:30 does not exist on 2025-03-30 in
     * Brussels: read with the offset before it, 02:30+01:00 = 01:30Z). */
    text = "<schedule><conference><time_zone_name>Europe/Brussels</time_zone_name>"
           "</conference>\n<day date=\"2025-03-30\"><room name=\"R\">\n"
           "<event guid=\"g-1\"><title>Gap</title><start>02:30</start><duration>0:20"
           "</duration></event>\n</room></day></schedule>\n";
    cfg = bb_config_create_default();
    CHECK_INT(bb_import_buffer(cfg, text, strlen(text), "old.xml", NULL, ANCHOR, diags), 1);
    if (cfg->n_talks == 1) {
        CHECK_STR(cfg->talks[0].id, "old-g-1");
        CHECK_INT(cfg->talks[0].start, utc("2025-03-30T01:30:00Z"));
        CHECK_INT(cfg->talks[0].end - cfg->talks[0].start, 20 * 60);
        CHECK_STR(cfg->talks[0].room, "R");
        CHECK_INT(cfg->talks[0].src.line, 3);
    }
    bb_config_destroy(cfg);

    /* frab's and older exports' shapes of persons; a numeric id as text. */
    bb_diag_clear(diags);
    text = JSON_HEAD "{\"id\": 42, \"title\": \"P\", \"date\": \"2025-03-30T10:00:00.000+02:00\","
                     " \"persons\": [\"Plain\", {\"full_public_name\": \"Full\"},"
                     " {\"name\": \"Named\"}, 5, {\"public_name\": \"  \"}]}\n" JSON_TAIL;
    cfg = bb_config_create_default();
    CHECK_INT(bb_import_buffer(cfg, text, strlen(text), "p.json", NULL, ANCHOR, diags), 1);
    if (cfg->n_talks == 1) {
        const bb_talk *t = &cfg->talks[0];
        CHECK_STR(t->id, "p-42");
        CHECK_INT(t->start, utc("2025-03-30T08:00:00Z"));
        CHECK_STR(bb_tz_name(t->tz), "UTC+02:00");   /* no time_zone_name: the offset */
        CHECK_STR(t->room, "R");
        CHECK_INT(t->participants.n, 3);
        if (t->participants.n == 3)
            CHECK_STR(t->participants.v[2], "Named");
    }
    bb_config_destroy(cfg);

    /* A date whose offset disagrees with time_zone_name: a warning, and
     * the offset wins. */
    bb_diag_clear(diags);
    text = "<schedule><conference><time_zone_name>Europe/Brussels</time_zone_name>"
           "</conference>\n<day date=\"2025-03-31\"><room name=\"R\">\n<event id=\"5\">"
           "<title>W</title><date>2025-03-31T10:00:00+01:00</date></event>\n"
           "</room></day></schedule>\n";
    cfg = bb_config_create_default();
    CHECK_INT(bb_import_buffer(cfg, text, strlen(text), "w.xml", NULL, ANCHOR, diags), 1);
    if (cfg->n_talks == 1)
        CHECK_INT(cfg->talks[0].start, utc("2025-03-31T09:00:00Z"));
    d = find_diag(diags, "does not match time_zone_name Europe/Brussels (+02:00");
    CHECK(d != NULL);
    if (d)
        CHECK_INT(d->line, 3);
    bb_config_destroy(cfg);

    /* Twelve such events: ten listed, the other two counted in one line. */
    bb_diag_clear(diags);
    char many[4096] = "<schedule><conference><time_zone_name>Europe/Brussels</time_zone_name>"
                      "</conference>\n<day date=\"2025-03-31\"><room name=\"R\">\n";
    for (int i = 0; i < 12; i++) {
        char ev[160];
        snprintf(ev, sizeof ev, "<event id=\"%d\"><title>W</title>"
                 "<date>2025-03-31T%02d:00:00+01:00</date></event>\n", i, 8 + i);
        strncat(many, ev, sizeof many - strlen(many) - 1);
    }
    strncat(many, "</room></day></schedule>\n", sizeof many - strlen(many) - 1);
    cfg = bb_config_create_default();
    CHECK_INT(bb_import_buffer(cfg, many, strlen(many), "m.xml", NULL, ANCHOR, diags), 12);
    CHECK_INT(bb_diag_count(diags), 11);
    d = find_diag(diags, "2 more warnings in this file (not listed)");
    CHECK(d != NULL);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

/* Errors reach the config loader's list with the schedule's name. */
/* Issue #16 row 8: fields that draw nothing (only format characters such as
 * U+061C, U+200B, U+FEFF, ZWJ) are empty at load, each with a warning at its
 * line; a title that draws nothing leaves the event out. */
static void test_invisible_text(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    const char *ics = ICS_HEAD
        "BEGIN:VEVENT\r\nUID:alm\r\nDTSTART:20250330T100000Z\r\n"   /* 4-6 */
        "SUMMARY:\xD8\x9C\r\nEND:VEVENT\r\n"                         /* 7: U+061C */
        "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20250330T110000Z\r\n"    /* 9-11 */
        "SUMMARY:Visible\r\nLOCATION:\xE2\x80\x8B \xEF\xBB\xBF\r\n" /* 12, 13 */
        "ATTENDEE;CN=\xE2\x80\x8D:mailto:a@b\r\nATTENDEE;CN=Ann:mailto:c@d\r\n"
        "END:VEVENT\r\n" ICS_TAIL;
    bb_config *cfg = import_ok(ics, ANCHOR, diags);
    CHECK_INT(cfg->n_talks, 1);
    const bb_diag *d = find_diag(diags, "event alm: its SUMMARY has only characters that draw "
                                        "nothing");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->line, 7);
        CHECK_INT(d->severity, BB_WARNING);
        CHECK_STR(d->file, "t.ics");
    }
    const bb_talk *t = talk(cfg, "t-ok");
    CHECK(t != NULL);
    if (t) {
        CHECK(t->room == NULL);
        CHECK(t->venue == NULL);
        CHECK_INT(t->participants.n, 1);
        if (t->participants.n == 1)
            CHECK_STR(t->participants.v[0], "Ann");
    }
    d = find_diag(diags, "event ok: its LOCATION has only characters that draw nothing");
    CHECK(d != NULL);
    if (d)
        CHECK_INT(d->line, 9);
    CHECK(find_diag(diags, "event ok: its ATTENDEE has only") != NULL);
    bb_config_destroy(cfg);
    bb_diag_clear(diags);

    /* frab JSON: the title leaves the event out, the room is dropped. */
    const char *json = JSON_HEAD
        "{\"id\": 1, \"guid\": \"g1\", \"title\": \"\xEF\xBB\xBF\xE2\x80\x8B\", "
        "\"date\": \"2025-03-30T10:00:00+02:00\", \"duration\": \"00:30\"},\n"
        "{\"id\": 2, \"guid\": \"g2\", \"title\": \"Shown\", \"room\": \"\xE2\x81\xA0\", "
        "\"date\": \"2025-03-30T11:00:00+02:00\", \"duration\": \"00:30\"}\n"
        JSON_TAIL;
    cfg = bb_config_create_default();
    int rc = bb_import_buffer(cfg, json, strlen(json), "t.json", "t", ANCHOR, diags);
    CHECK_INT(rc, 1);
    if (rc != 1)
        bb_diag_print(diags, stderr);
    CHECK(find_diag(diags, "its title has only characters that draw nothing") != NULL);
    t = talk(cfg, "t-2");
    CHECK(t != NULL);
    if (t)
        CHECK(t->room == NULL);
    CHECK(find_diag(diags, "event 2 'Shown': its room has only characters") != NULL);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

/* A valid calendar of n events with a 1.5 KB DESCRIPTION each (9,000: ~15
 * MB, heavy), written to a temporary file; the path is malloc'd. */
static char *heavy_calendar(int n)
{
    char *path = strdup("/tmp/test_import_XXXXXX");
    int fd = path ? mkstemp(path) : -1;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    CHECK(f != NULL);
    if (!f) {
        free(path);
        return NULL;
    }
    char desc[1501];
    memset(desc, 'd', sizeof desc - 1);
    desc[sizeof desc - 1] = '\0';
    fputs(ICS_HEAD, f);
    for (int i = 0; i < n; i++)
        fprintf(f, "BEGIN:VEVENT\r\nUID:h%d\r\nDTSTART:20250330T100000Z\r\nSUMMARY:S\r\n"
                   "DESCRIPTION:%s\r\nEND:VEVENT\r\n", i, desc);
    fputs(ICS_TAIL, f);
    fclose(f);
    return path;
}

/* Issue #16: the schedules of one load share one deadline.  Three heavy
 * files given 600 ms in all take about that, not three times the decoder's
 * 5 s; a file reached with nothing left is not read, with a message. */
static void test_load_deadline(void)
{
    char *path = heavy_calendar(9000);
    if (!path)
        return;
    bb_config *cfg = bb_config_create_default();
    bb_diag_list *diags = bb_diag_list_create();
    long long start = bb_import_now_ms();
    long long deadline = start + 600;
    for (int i = 0; i < 3; i++)
        CHECK_INT(bb_import_file_by(cfg, path, "heavy.ics", ANCHOR, deadline, diags), -1);
    long long took = bb_import_now_ms() - start;
    fprintf(stderr, "three heavy schedules with 600 ms in all: %lld ms\n", took);
    CHECK(took < 1500);
    CHECK(find_diag(diags, "the schedule was refused: its decoder took longer than 0.") != NULL);
    CHECK(find_diag(diags, "not read: the schedules of one config may take 10 s in all") != NULL);
    const bb_diag *d = bb_diag_count(diags) > 0 ? bb_diag_get(diags, 0) : NULL;
    CHECK_STR(d ? d->file : "", "heavy.ics");
    bb_diag_list_destroy(diags);
    bb_config_destroy(cfg);

    unlink(path);
    free(path);

    /* Within the load's deadline a file is read as without one. */
    path = heavy_calendar(100);
    if (!path)
        return;
    cfg = bb_config_create_default();
    diags = bb_diag_list_create();
    CHECK_INT(bb_import_file_by(cfg, path, "light.ics", ANCHOR,
                                bb_import_now_ms() + BB_IMPORT_LOAD_BUDGET_MS, diags), 100);
    bb_diag_list_destroy(diags);
    bb_config_destroy(cfg);
    unlink(path);
    free(path);
}

static void test_config_errors(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    const char *data = getenv("BB_TEST_DATA");
    char dir[PATH_BUF];
    snprintf(dir, sizeof dir, "%s/import", data ? data : "tests/data");
    bb_config *cfg = bb_config_load_string("version = 1;\n"
                                           "schedules = ( { file = \"broken.json\"; } );\n",
                                           "inline.cfg", dir, diags);
    CHECK(cfg == NULL);
    const bb_diag *d = find_diag(diags, "JSON: ");
    CHECK(d != NULL);
    if (d) {
        CHECK_CONTAINS(d->file, "import/broken.json");
        CHECK_INT(d->line, 6);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

int main(void)
{
    test_sniff();
    test_files();
    test_bad_inputs();
    test_recurrence_window();
    test_text_and_fallbacks();
    test_invisible_text();
    test_load_deadline();
    test_config_errors();
    return bb_test_finish("test_import");
}
