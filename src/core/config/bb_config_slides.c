/*
 * bb_config_slides: the `slides` list -> bb_slide.
 *
 * Every slide has a type and the common settings (enabled, duration,
 * show_from, show_until); the rest depends on the type.  A key that belongs
 * to another type is named as such, since copying a slide and changing its
 * type is the usual way to get one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_config_private.h"

#define COMMON_KEYS "type", "enabled", "duration", "show_from", "show_until", "hours"

static void read_slide(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void check_slide_keys(bb_reader *r, const config_setting_t *g, bb_slide_type type);
static void read_window(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_takeaways(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_countdown(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_agenda(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_room(bb_reader *r, const config_setting_t *g, bb_slide *s);
static bool talk_matches(const bb_config *cfg, const char *room, const char *track);

static const char *const type_words[BB_SLIDE_TYPE_COUNT] = {
    "takeaways", "stat", "quote", "countdown", "agenda", "image", "room"};
static bb_keys takeaways_keys = {COMMON_KEYS, "heading", "items", "source", "date", NULL};
static bb_keys stat_keys = {COMMON_KEYS, "figure", "caption", "source", NULL};
static bb_keys quote_keys = {COMMON_KEYS, "text", "translation", "attribution", NULL};
static bb_keys countdown_keys = {COMMON_KEYS, "talk", NULL};
static bb_keys agenda_keys = {COMMON_KEYS, "title", "max_rows", "room", "track", NULL};
static bb_keys image_keys = {COMMON_KEYS, "file", "caption", NULL};
static bb_keys room_keys = {COMMON_KEYS, "room", "title", NULL};
static const char *const *const keys_by_type[BB_SLIDE_TYPE_COUNT] = {
    takeaways_keys, stat_keys, quote_keys, countdown_keys, agenda_keys, image_keys, room_keys};

void bb_cfg_read_slides(bb_reader *r, const config_setting_t *list)
{
    int n = config_setting_length(list);
    bb_slide *slides = calloc(n > 0 ? (size_t)n : 1, sizeof *slides);
    if (!slides) {
        bb_rd_error(r, list, "out of memory");
        return;
    }
    r->cfg->slides = slides;
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
            bb_rd_error(r, g, "each slide must be a group { type = \"...\"; ... }");
            continue;
        }
        /* Counted before reading, so destroy frees a half-read slide. */
        read_slide(r, g, &slides[r->cfg->n_slides++]);
    }
}

/* --- static functions --- */

static void read_slide(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    s->src = bb_rd_source(r, g);
    s->enabled = true;
    s->talk_index = -1;
    s->max_rows = BB_DEFAULT_AGENDA_ROWS;

    int type;
    int got = bb_rd_enum(r, g, "type", type_words, BB_SLIDE_TYPE_COUNT, &type);
    if (got == 0)
        bb_rd_error(r, g, "slide is missing the required setting 'type' (one of: takeaways, "
                          "stat, quote, countdown, agenda, image, room)");
    if (got <= 0)
        return;
    s->type = (bb_slide_type)type;
    check_slide_keys(r, g, s->type);

    bb_rd_bool(r, g, "enabled", &s->enabled);
    double seconds;
    if (bb_rd_number(r, g, "duration", BB_MIN_SLIDE_DURATION_S, BB_MAX_SLIDE_DURATION_S, "s",
                     &seconds) > 0)
        s->duration_ms = (int)(seconds * 1000.0 + 0.5);
    read_window(r, g, s);
    const config_setting_t *hours = config_setting_get_member(g, "hours");
    if (hours)
        bb_cfg_read_dayparts(r, hours, "hours", &s->hours, &s->n_hours);

    char what[32];
    snprintf(what, sizeof what, "%s slide", type_words[type]);
    switch (s->type) {
    case BB_SLIDE_TAKEAWAYS:
        read_takeaways(r, g, s);
        break;
    case BB_SLIDE_STAT:
        bb_rd_string(r, g, "figure", what, true, &s->figure);
        bb_rd_string(r, g, "caption", what, true, &s->caption);
        bb_rd_string(r, g, "source", what, false, &s->source);
        break;
    case BB_SLIDE_QUOTE:
        bb_rd_string(r, g, "text", what, true, &s->quote);
        bb_rd_string(r, g, "translation", what, false, &s->translation);
        bb_rd_string(r, g, "attribution", what, false, &s->attribution);
        break;
    case BB_SLIDE_COUNTDOWN:
        read_countdown(r, g, s);
        break;
    case BB_SLIDE_AGENDA:
        read_agenda(r, g, s);
        break;
    case BB_SLIDE_ROOM:
        read_room(r, g, s);
        break;
    case BB_SLIDE_IMAGE:
        bb_rd_file_path(r, g, "file", what, true, true, &s->image);
        bb_rd_string(r, g, "caption", what, false, &s->caption);
        break;
    default:
        break;
    }
}

static void check_slide_keys(bb_reader *r, const config_setting_t *g, bb_slide_type type)
{
    const char *const *allowed = keys_by_type[type];
    int n_allowed = 0;
    while (allowed[n_allowed])
        n_allowed++;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *k = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(k);
        bool known = false;
        for (int j = 0; j < n_allowed && !known; j++)
            known = strcmp(name, allowed[j]) == 0;
        if (known)
            continue;
        int owner = -1;
        for (int t = 0; t < BB_SLIDE_TYPE_COUNT && owner < 0; t++)
            for (int j = 0; keys_by_type[t][j] && owner < 0; j++)
                if (strcmp(name, keys_by_type[t][j]) == 0)
                    owner = t;
        const char *close = bb_rd_suggest(name, allowed, n_allowed);
        if (close)
            bb_rd_warning(r, k, "unknown setting '%s' in %s slide (ignored); did you mean '%s'?",
                          name, type_words[type], close);
        else if (owner >= 0)
            bb_rd_warning(r, k, "'%s' belongs to %s slides, not %s slides (ignored)", name,
                          type_words[owner], type_words[type]);
        else
            bb_rd_warning(r, k, "unknown setting '%s' in %s slide (ignored)", name,
                          type_words[type]);
    }
}

/* show_from/show_until: local times in the screen's zone unless they carry
 * an offset.  A bare show_until date means "through that day". */
static void read_window(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    const bb_tz *tz = r->cfg->display.tz;
    const config_setting_t *from = config_setting_get_member(g, "show_from");
    const config_setting_t *until = config_setting_get_member(g, "show_until");
    bb_iso iso;
    if (from && bb_rd_instant(r, from, tz, false, NULL, &s->show_from) == 0)
        s->has_show_from = true;
    if (until && bb_rd_instant(r, until, tz, false, &iso, &s->show_until) == 0) {
        s->has_show_until = true;
        if (!iso.has_time) {
            bb_civil next;
            bb_civil_from_days(bb_days_from_civil(iso.civil.year, iso.civil.month,
                                                  iso.civil.day) + 1, &next);
            bb_instant later;
            if (iso.has_offset)
                s->show_until = bb_civil_to_instant(&next, iso.offset_s);
            else
                bb_tz_from_civil(tz, &next, &s->show_until, &later);
        }
    }
    if (s->has_show_from && s->has_show_until && s->show_until <= s->show_from)
        bb_rd_error(r, until, "'show_until' is not after 'show_from': the slide would never show");
}

static void read_takeaways(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    bb_rd_string(r, g, "heading", "takeaways slide", true, &s->heading);
    int got = bb_rd_strv(r, g, "items", 1, BB_MAX_TAKEAWAY_ITEMS, &s->items);
    if (got == 0)
        bb_rd_error(r, g, "takeaways slide is missing the required setting 'items' (1 to %d "
                          "bullet points)", BB_MAX_TAKEAWAY_ITEMS);
    bb_rd_string(r, g, "source", "takeaways slide", false, &s->source);
    const config_setting_t *date = config_setting_get_member(g, "date");
    if (date && bb_rd_date(r, date, &s->date) == 0)
        s->has_date = true;
}

static void read_countdown(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    if (bb_rd_string(r, g, "talk", "countdown slide", true, &s->talk_id) <= 0)
        return;
    const bb_config *cfg = r->cfg;
    s->talk_index = bb_config_find_talk(cfg, s->talk_id);
    if (s->talk_index >= 0)
        return;

    const char **ids = calloc(cfg->n_talks > 0 ? (size_t)cfg->n_talks : 1, sizeof *ids);
    int n = 0;
    for (int i = 0; ids && i < cfg->n_talks; i++)
        if (cfg->talks[i].id)
            ids[n++] = cfg->talks[i].id;
    const char *close = ids ? bb_rd_suggest(s->talk_id, ids, n) : NULL;
    const config_setting_t *k = config_setting_get_member(g, "talk");
    if (close)
        bb_rd_error(r, k, "countdown slide names unknown talk '%s'; did you mean '%s'?",
                    s->talk_id, close);
    else
        bb_rd_error(r, k, "countdown slide names unknown talk '%s' (no talk has this id)",
                    s->talk_id);
    free(ids);
}

static void read_agenda(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    bb_rd_string(r, g, "title", "agenda slide", false, &s->title);
    bb_rd_int(r, g, "max_rows", 1, BB_MAX_AGENDA_ROWS, "rows", &s->max_rows);
    bb_rd_string(r, g, "room", "agenda slide", false, &s->room_filter);
    bb_rd_string(r, g, "track", "agenda slide", false, &s->track_filter);
    /* A filter that matches nothing is an empty slide on the wall.  Talks of
     * external schedules are not known here: no warning then. */
    if (r->cfg->schedules.n > 0 || r->cfg->n_urls > 0)
        return;
    if (s->room_filter && !talk_matches(r->cfg, s->room_filter, NULL))
        bb_rd_warning(r, config_setting_get_member(g, "room"),
                      "no talk is in room '%s': this agenda will be empty", s->room_filter);
    if (s->track_filter && !talk_matches(r->cfg, NULL, s->track_filter))
        bb_rd_warning(r, config_setting_get_member(g, "track"),
                      "no talk is in track '%s': this agenda will be empty", s->track_filter);
}

/* A room slide: the room is required; its title defaults to the room.  An
 * enabled one for a room no talk names would read "nothing scheduled". */
static void read_room(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    if (bb_rd_string(r, g, "room", "room slide", true, &s->room_filter) <= 0)
        return;
    bb_rd_string(r, g, "title", "room slide", false, &s->title);
    if (s->enabled && r->cfg->schedules.n == 0 && r->cfg->n_urls == 0 &&
        !talk_matches(r->cfg, s->room_filter, NULL))
        bb_rd_warning(r, config_setting_get_member(g, "room"),
                      "no talk is in room '%s': this room slide will read \"nothing scheduled\"",
                      s->room_filter);
}

static bool talk_matches(const bb_config *cfg, const char *room, const char *track)
{
    for (int i = 0; i < cfg->n_talks; i++) {
        const bb_talk *t = &cfg->talks[i];
        if (room && t->room && strcmp(room, t->room) == 0)
            return true;
        if (track && t->track && strcmp(track, t->track) == 0)
            return true;
    }
    return false;
}
