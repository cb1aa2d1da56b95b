/*
 * bb_import_json: the frab/pretalx schedule.json, through json-c.
 *
 *   { "schedule": { "conference": {
 *       "title": "..", "time_zone_name": "Europe/Brussels",
 *       "days": [ { "date": "2025-03-28", "rooms": {
 *           "Main Hall": [ { "guid": "..", "id": 101, "date": "2025-03-28T10:00:00+01:00",
 *                            "start": "10:00", "duration": "00:45", "room": "Main Hall",
 *                            "title": "..", "track": "..",
 *                            "persons": [ { "public_name": ".." } ] } ] } } ] } } }
 *
 * json-c reports a syntax error as a byte offset, turned into a line here.
 * It keeps no positions for values, so an event's line is found by its guid
 * (unique by definition) in the text, searching on from the previous
 * event's: objects keep their members in document order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "bb_import_readers.h"

#define GUID_NEEDLE_BUF 160
/* Searches from the top for an event out of order, per file: each is a scan
 * of the file, and a guid spelled with escapes is never found -- thousands
 * of such events would make the import quadratic (issue #16 row 10). */
#define MAX_RESCANS 16

/* Where the last event was found, so the search for the next goes on. */
typedef struct json_cursor {
    size_t offset;
    int line;
    int rescans;
} json_cursor;

static int parse(bb_importer *im, json_object **out);
static const char *str(json_object *obj, const char *key);
static json_object *member(json_object *obj, const char *key, json_type type);
static int read_conference(bb_importer *im, json_object *conf_obj, bb_frab_conference *conf);
static void read_day(bb_importer *im, const bb_frab_conference *conf, json_object *day,
                     json_cursor *cursor);
static void read_event(bb_importer *im, const bb_frab_conference *conf, const char *day,
                       const char *room, json_object *obj, json_cursor *cursor);
static int locate(bb_importer *im, json_cursor *cursor, const char *guid);

int bb_import_read_json(bb_importer *im)
{
    json_object *root = NULL;
    if (parse(im, &root) < 0)
        return -1;
    int rc = -1;
    json_object *schedule = member(root, "schedule", json_type_object);
    json_object *conf_obj = member(schedule ? schedule : root, "conference", json_type_object);
    if (!conf_obj) {
        bb_imp_error(im, 1, "not a frab/pretalx schedule: no \"schedule\": { \"conference\": "
                            "{ ... } } object");
        goto done;
    }
    bb_frab_conference conf = {0};
    if (read_conference(im, conf_obj, &conf) < 0)
        goto done;
    json_object *days = member(conf_obj, "days", json_type_array);
    json_cursor cursor = {0, 1, 0};
    size_t n = days ? json_object_array_length(days) : 0;
    for (size_t i = 0; i < n && !im->full; i++)
        read_day(im, &conf, json_object_array_get_idx(days, i), &cursor);
    rc = 0;
done:
    json_object_put(root);
    return rc;
}

/* --- static functions --- */

static int parse(bb_importer *im, json_object **out)
{
    size_t skip = im->len >= 3 && memcmp(im->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    json_tokener *tok = json_tokener_new();
    if (!tok) {
        bb_imp_error(im, 0, "out of memory");
        return -1;
    }
    /* Titles go to the screen: refuse text that is not UTF-8 at once. */
    json_tokener_set_flags(tok, JSON_TOKENER_VALIDATE_UTF8);
    json_object *root = json_tokener_parse_ex(tok, im->text + skip, (int)(im->len - skip));
    enum json_tokener_error err = json_tokener_get_error(tok);
    size_t end = skip + json_tokener_get_parse_end(tok);
    json_tokener_free(tok);
    if (err == json_tokener_continue) {
        bb_imp_error(im, bb_imp_line_at(im, im->len), "JSON: unexpected end of file");
        return -1;
    }
    if (err != json_tokener_success || !root) {
        /* The offset is just past the byte that was refused. */
        bb_imp_error(im, bb_imp_line_at(im, end > skip ? end - 1 : end), "JSON: %s",
                     json_tokener_error_desc(err));
        json_object_put(root);
        return -1;
    }
    while (end < im->len && strchr(" \t\r\n", im->text[end]))
        end++;
    if (end < im->len) {
        bb_imp_error(im, bb_imp_line_at(im, end), "JSON: text after the end of the document");
        json_object_put(root);
        return -1;
    }
    *out = root;
    return 0;
}

/* A string member, or NULL; numbers are given as their text ("id": 101). */
static const char *str(json_object *obj, const char *key)
{
    json_object *v = NULL;
    if (!json_object_is_type(obj, json_type_object) || !json_object_object_get_ex(obj, key, &v))
        return NULL;
    if (json_object_is_type(v, json_type_string) || json_object_is_type(v, json_type_int))
        return json_object_get_string(v);
    return NULL;
}

static json_object *member(json_object *obj, const char *key, json_type type)
{
    json_object *v = NULL;
    if (!json_object_is_type(obj, json_type_object) || !json_object_object_get_ex(obj, key, &v))
        return NULL;
    return json_object_is_type(v, type) ? v : NULL;
}

static int read_conference(bb_importer *im, json_object *conf_obj, bb_frab_conference *conf)
{
    conf->title = str(conf_obj, "title");
    const char *zone = str(conf_obj, "time_zone_name");
    if (zone && zone[0]) {
        conf->tz = bb_imp_zone(im, zone);
        if (!conf->tz) {
            char needle[GUID_NEEDLE_BUF];
            snprintf(needle, sizeof needle, "\"%.100s\"", zone);
            bb_imp_error(im, bb_imp_line_of(im, needle),
                         "time_zone_name \"%.60s\" is not in the tz database", zone);
            return -1;
        }
    }
    return 0;
}

static void read_day(bb_importer *im, const bb_frab_conference *conf, json_object *day,
                     json_cursor *cursor)
{
    const char *date = str(day, "date");
    json_object *rooms = member(day, "rooms", json_type_object);
    if (!rooms)
        return;
    json_object_object_foreach(rooms, room_name, events) {
        if (!json_object_is_type(events, json_type_array))
            continue;
        size_t n = json_object_array_length(events);
        for (size_t i = 0; i < n && !im->full; i++)
            read_event(im, conf, date, room_name, json_object_array_get_idx(events, i),
                       cursor);
    }
}

static void read_event(bb_importer *im, const bb_frab_conference *conf, const char *day,
                       const char *room, json_object *obj, json_cursor *cursor)
{
    if (!json_object_is_type(obj, json_type_object))
        return;
    const char *persons[BB_IMPORT_MAX_PERSONS];
    bb_frab_event ev = {
        .id = str(obj, "id"),
        .guid = str(obj, "guid"),
        .title = str(obj, "title"),
        .room = str(obj, "room"),
        .track = str(obj, "track"),
        .date = str(obj, "date"),
        .day = day,
        .start = str(obj, "start"),
        .duration = str(obj, "duration"),
        .state = str(obj, "state"),
        .url = str(obj, "url"),
        .persons = persons,
    };
    if (!ev.room || !ev.room[0])
        ev.room = room;
    if (!ev.state)
        ev.state = str(obj, "status");
    ev.line = locate(im, cursor, ev.guid);
    json_object *list = member(obj, "persons", json_type_array);
    size_t n = list ? json_object_array_length(list) : 0;
    for (size_t i = 0; i < n && ev.n_persons < BB_IMPORT_MAX_PERSONS; i++) {
        json_object *p = json_object_array_get_idx(list, i);
        /* pretalx: public_name; frab: public_name or full_public_name; some: a string. */
        const char *name = json_object_is_type(p, json_type_string) ? json_object_get_string(p)
                         : str(p, "public_name") ? str(p, "public_name")
                         : str(p, "full_public_name") ? str(p, "full_public_name")
                         : str(p, "name");
        if (name)
            persons[ev.n_persons++] = name;
    }
    bb_imp_frab_event(im, conf, &ev);
}

/* The line of "guid" in the text, searching from the cursor first. */
static int locate(bb_importer *im, json_cursor *cursor, const char *guid)
{
    if (!guid || !guid[0] || strlen(guid) > GUID_NEEDLE_BUF - 3)
        return 0;
    char needle[GUID_NEEDLE_BUF];
    snprintf(needle, sizeof needle, "\"%s\"", guid);
    const char *hit = strstr(im->text + cursor->offset, needle);
    if (!hit) {
        /* Out of order after all: search from the top, a bounded number
         * of times per file. */
        if (cursor->rescans >= MAX_RESCANS)
            return 0;
        cursor->rescans++;
        hit = strstr(im->text, needle);
        if (!hit)
            return 0;
        cursor->offset = (size_t)(hit - im->text);
        cursor->line = bb_imp_line_at(im, cursor->offset);
        return cursor->line;
    }
    size_t at = (size_t)(hit - im->text);
    for (size_t i = cursor->offset; i < at; i++)
        if (im->text[i] == '\n')
            cursor->line++;
    cursor->offset = at;
    return cursor->line;
}
