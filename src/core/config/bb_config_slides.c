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

#define COMMON_KEYS "type", "enabled", "duration", "show_from", "show_until", "hours", "lang"
/* The list slides' (takeaways, agenda, board): what does not fit pages. */
#define PAGING_KEYS "page_seconds", "max_pages"

static void read_slide(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void check_slide_keys(bb_reader *r, const config_setting_t *g, bb_slide_type type);
static void read_window(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_takeaways(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_countdown(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_agenda(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_room(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_board(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_filters(bb_reader *r, const config_setting_t *g, bb_slide *s, const char *what);
static void read_paging(bb_reader *r, const config_setting_t *g, bb_slide *s, const char *what);
static void read_text(bb_reader *r, const config_setting_t *g, bb_slide *s);
static void read_feed(bb_reader *r, const config_setting_t *g, bb_slide *s);
static bool has_external_schedules(const bb_config *cfg);
static void read_qr(bb_reader *r, const config_setting_t *g, bb_slide *s, const char *what);
static bool talk_matches(const bb_config *cfg, const char *room, const char *track);
static void read_original(bb_reader *r, const config_setting_t *g, const char *what, bb_slide *s);

static const char *const type_words[BB_SLIDE_TYPE_COUNT] = {
    "takeaways", "stat", "quote", "countdown", "agenda", "image", "room", "board", "text", "feed"};
static const char *const fit_words[BB_FIT_COUNT] = {"contain", "cover"};
static bb_keys takeaways_keys = {COMMON_KEYS, PAGING_KEYS, "heading", "items", "source", "date",
                                 NULL};
static bb_keys stat_keys = {COMMON_KEYS, "figure", "caption", "source", NULL};
static bb_keys quote_keys = {COMMON_KEYS, "text", "original", "translation", "attribution", NULL};
static bb_keys countdown_keys = {COMMON_KEYS, "talk", "qr", NULL};
static bb_keys agenda_keys = {COMMON_KEYS, PAGING_KEYS, "title", "max_rows", "room", "track",
                              "rooms", "tracks", "room_prefix", "today_only", NULL};
static bb_keys image_keys = {COMMON_KEYS, "file", "caption", "fit", NULL};
static bb_keys room_keys = {COMMON_KEYS, "room", "title", "qr", NULL};
static bb_keys board_keys = {COMMON_KEYS, PAGING_KEYS, "title", "rooms", "tracks", "room_prefix",
                             NULL};
static bb_keys text_keys = {COMMON_KEYS, "heading", "paragraphs", "qr_url", "qr_caption", NULL};
static bb_keys feed_keys = {COMMON_KEYS, "file", "url", "title", "max_items", "refresh",
                            "stale_after", NULL};
static const char *const *const keys_by_type[BB_SLIDE_TYPE_COUNT] = {
    takeaways_keys, stat_keys, quote_keys, countdown_keys, agenda_keys, image_keys, room_keys,
    board_keys, text_keys, feed_keys};

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
    s->max_pages = BB_DEFAULT_MAX_PAGES;
    s->max_items = BB_DEFAULT_FEED_ITEMS;
    s->refresh_s = BB_DEFAULT_FEED_REFRESH_S;

    int type;
    int got = bb_rd_enum(r, g, "type", type_words, BB_SLIDE_TYPE_COUNT, &type);
    if (got == 0)
        bb_rd_error(r, g, "slide is missing the required setting 'type' (one of: takeaways, "
                          "stat, quote, countdown, agenda, image, room, board, text, feed)");
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
    bb_cfg_read_language(r, g, "lang", &s->lang);

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
        read_original(r, g, what, s);
        bb_rd_string(r, g, "attribution", what, false, &s->attribution);
        break;
    case BB_SLIDE_COUNTDOWN:
        read_countdown(r, g, s);
        read_qr(r, g, s, what);
        break;
    case BB_SLIDE_AGENDA:
        read_agenda(r, g, s);
        break;
    case BB_SLIDE_ROOM:
        read_room(r, g, s);
        read_qr(r, g, s, what);
        break;
    case BB_SLIDE_BOARD:
        read_board(r, g, s);
        break;
    case BB_SLIDE_IMAGE: {
        bb_rd_file_path(r, g, "file", what, true, true, &s->image);
        bb_rd_string(r, g, "caption", what, false, &s->caption);
        int fit;
        if (bb_rd_enum(r, g, "fit", fit_words, BB_FIT_COUNT, &fit) > 0)
            s->fit = (bb_fit)fit;
        break;
    }
    case BB_SLIDE_TEXT:
        read_text(r, g, s);
        break;
    case BB_SLIDE_FEED:
        read_feed(r, g, s);
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
    read_paging(r, g, s, "takeaways slide");
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
    bb_rd_bool(r, g, "today_only", &s->today_only);
    read_filters(r, g, s, "agenda slide");
    read_paging(r, g, s, "agenda slide");
    /* A filter that matches nothing is an empty slide on the wall.  Talks of
     * external schedules are not known here: no warning then. */
    if (has_external_schedules(r->cfg))
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
    if (s->enabled && !has_external_schedules(r->cfg) &&
        !talk_matches(r->cfg, s->room_filter, NULL))
        bb_rd_warning(r, config_setting_get_member(g, "room"),
                      "no talk is in room '%s': this room slide will read \"nothing scheduled\"",
                      s->room_filter);
}

/* A board: now and next in every room the filters let through. */
static void read_board(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    bb_rd_string(r, g, "title", "board slide", false, &s->title);
    read_filters(r, g, s, "board slide");
    read_paging(r, g, s, "board slide");
}

/* rooms, tracks (lists of names) and room_prefix. */
static void read_filters(bb_reader *r, const config_setting_t *g, bb_slide *s, const char *what)
{
    bb_rd_strv(r, g, "rooms", 1, BB_MAX_FILTER_ITEMS, &s->rooms);
    bb_rd_strv(r, g, "tracks", 1, BB_MAX_FILTER_ITEMS, &s->tracks);
    bb_rd_string(r, g, "room_prefix", what, false, &s->room_prefix);
    if (r->cfg->schedules.n > 0)
        return;
    for (int i = 0; i < s->rooms.n; i++)
        if (!talk_matches(r->cfg, s->rooms.v[i], NULL))
            bb_rd_warning(r, config_setting_get_member(g, "rooms"),
                          "no talk is in room '%s' of 'rooms'", s->rooms.v[i]);
    for (int i = 0; i < s->tracks.n; i++)
        if (!talk_matches(r->cfg, NULL, s->tracks.v[i]))
            bb_rd_warning(r, config_setting_get_member(g, "tracks"),
                          "no talk is in track '%s' of 'tracks'", s->tracks.v[i]);
}

/* page_seconds and max_pages of a list slide. */
static void read_paging(bb_reader *r, const config_setting_t *g, bb_slide *s, const char *what)
{
    (void)what;
    double seconds;
    if (bb_rd_number(r, g, "page_seconds", BB_MIN_SLIDE_DURATION_S, BB_MAX_SLIDE_DURATION_S, "s",
                     &seconds) > 0)
        s->page_seconds = (int)(seconds + 0.5);
    bb_rd_int(r, g, "max_pages", 1, BB_MAX_PAGES, "pages", &s->max_pages);
}

/* An announcement: a heading and paragraphs, or a QR code, or both. */
static void read_text(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    bb_rd_string(r, g, "heading", "text slide", true, &s->heading);
    bb_rd_strv(r, g, "paragraphs", 0, BB_MAX_PARAGRAPHS, &s->paragraphs);
    const config_setting_t *url = config_setting_get_member(g, "qr_url");
    if (bb_rd_string(r, g, "qr_url", "text slide", false, &s->qr_url) > 0 &&
        !bb_config_url_ok(s->qr_url))
        bb_rd_error(r, url, "'qr_url' \"%.60s\" is not an http:// or https:// address of at "
                            "most %d bytes", s->qr_url, BB_MAX_QR_URL_BYTES);
    bb_rd_string(r, g, "qr_caption", "text slide", false, &s->qr_caption);
    if (s->qr_caption && !s->qr_url)
        bb_rd_warning(r, config_setting_get_member(g, "qr_caption"),
                      "'qr_caption' without 'qr_url' is not shown");
}

/* A feed slide reads `file`, or the copy the fetch service keeps of `url`
 * (the display never fetches): feed_file is then that copy's path. */
static void read_feed(bb_reader *r, const config_setting_t *g, bb_slide *s)
{
    const config_setting_t *file = config_setting_get_member(g, "file");
    const config_setting_t *url = config_setting_get_member(g, "url");
    if (file && url)
        bb_rd_error(r, url, "feed slide has both 'file' and 'url'; give one");
    else if (!file && !url)
        bb_rd_error(r, g, "feed slide is missing the required setting 'file' (an RSS or Atom "
                          "file, relative to this file) or 'url'");
    bb_rd_int(r, g, "refresh", BB_MIN_FEED_REFRESH_S, BB_MAX_FEED_REFRESH_S, "s", &s->refresh_s);
    if (file && !url)
        bb_rd_file_path(r, g, "file", "feed slide", true, false, &s->feed_file);
    if (url && !file && bb_rd_string(r, g, "url", "feed slide", true, &s->feed_url) > 0) {
        const char *path = NULL;
        if (bb_cfg_add_url(r, url, s->feed_url, s->refresh_s, BB_URL_FEED, &path) == 0 && path &&
            !(s->feed_file = bb_cfg_strdup(path)))
            bb_rd_error(r, url, "out of memory");
    }
    bb_rd_string(r, g, "title", "feed slide", false, &s->title);
    bb_rd_int(r, g, "max_items", 1, BB_MAX_FEED_ITEMS, "items", &s->max_items);
    s->stale_after_s = s->refresh_s * BB_FEED_STALE_PERIODS;
    bb_rd_int(r, g, "stale_after", 60, 30 * BB_MAX_FEED_REFRESH_S, "s", &s->stale_after_s);
}

void bb_cfg_read_feed_urls(bb_reader *r, const config_setting_t *list)
{
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        const char *type = NULL, *url = NULL;
        if (!config_setting_is_group(g) || !config_setting_lookup_string(g, "type", &type) ||
            strcmp(type, "feed") != 0 || !config_setting_lookup_string(g, "url", &url) ||
            config_setting_get_member(g, "file"))
            continue;
        int refresh = BB_DEFAULT_FEED_REFRESH_S;
        const config_setting_t *rs = config_setting_get_member(g, "refresh");
        if (rs && config_setting_type(rs) == CONFIG_TYPE_INT &&
            config_setting_get_int(rs) >= BB_MIN_FEED_REFRESH_S &&
            config_setting_get_int(rs) <= BB_MAX_FEED_REFRESH_S)
            refresh = config_setting_get_int(rs);
        const char *path;
        bb_cfg_add_url(r, config_setting_get_member(g, "url"), url, refresh, BB_URL_FEED, &path);
    }
}

/* Talks from schedule files or URLs, unknown while the config is read?
 * (A feed slide's `url` brings no talks.) */
static bool has_external_schedules(const bb_config *cfg)
{
    if (cfg->schedules.n > 0)
        return true;
    for (int i = 0; i < cfg->n_urls; i++)
        if (cfg->urls[i].kind == BB_URL_SCHEDULE)
            return true;
    return false;
}

/* `qr = true` on a countdown or room slide: the talk's url as a QR code.  A
 * countdown's talk without one is worth a warning; a room's talks change. */
static void read_qr(bb_reader *r, const config_setting_t *g, bb_slide *s, const char *what)
{
    if (bb_rd_bool(r, g, "qr", &s->qr) <= 0 || !s->qr)
        return;
    if (s->type == BB_SLIDE_COUNTDOWN && s->talk_index >= 0 &&
        !r->cfg->talks[s->talk_index].url)
        bb_rd_warning(r, config_setting_get_member(g, "qr"),
                      "%s: talk '%s' has no 'url': no QR code is shown", what, s->talk_id);
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

/* `original`: the quote as it was said.  Its old name `translation` said the
 * opposite of what it held; it is still read, with a warning at its line. */
static void read_original(bb_reader *r, const config_setting_t *g, const char *what, bb_slide *s)
{
    const config_setting_t *old = config_setting_get_member(g, "translation");
    if (old && config_setting_get_member(g, "original")) {
        bb_rd_error(r, old, "quote slide sets both 'original' and its old name 'translation'; "
                            "keep 'original'");
        return;
    }
    if (old) {
        bb_rd_warning(r, old, "'translation' is deprecated: it holds the quote's original "
                              "wording, so it is now called 'original'");
        bb_rd_string(r, g, "translation", what, false, &s->original);
        return;
    }
    bb_rd_string(r, g, "original", what, false, &s->original);
}
