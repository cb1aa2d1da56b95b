/*
 * bb_config_signage: the signage settings of a config -- `override`,
 * `quiet`, `quiet_style` -- and the weekly windows (`quiet`, a slide's
 * `hours`) they share with slides.
 *
 *   override = { file = "/run/briefboard/override.txt"; };
 *   quiet = ( { days = [ "mon", "tue" ]; from = "22:00"; until = "06:30"; } );
 *   quiet_style = "clock";      # or "black" (the default), or "off" (the panel)
 */
#include <stdlib.h>
#include <string.h>

#include "bb_config_private.h"

static int read_window(bb_reader *r, const config_setting_t *g, const char *what,
                       bb_daypart *out);
static int read_days(bb_reader *r, const config_setting_t *g, const char *what,
                     unsigned *days);
static int read_hhmm(bb_reader *r, const config_setting_t *g, const char *key,
                     const char *what, bool allow_24, int *minutes);

static bb_keys override_keys = {"file", NULL};
static bb_keys window_keys = {"days", "from", "until", NULL};
static const char *const quiet_style_words[BB_QUIET_STYLE_COUNT] = {"black", "clock", "off"};

void bb_cfg_read_signage(bb_reader *r, const config_setting_t *root)
{
    bb_signage_settings *sg = &r->cfg->signage;
    const config_setting_t *g = config_setting_get_member(root, "override");
    if (g && config_setting_type(g) != CONFIG_TYPE_GROUP) {
        bb_rd_error(r, g, "'override' must be a group: override = { file = \"...\"; };");
    } else if (g) {
        bb_rd_check_keys(r, g, override_keys, "override");
        char *file = NULL;
        if (bb_rd_string(r, g, "file", "override", true, &file) > 0) {
            /* The file is normally absent: it only has to be nameable. */
            sg->override_file = bb_cfg_resolve_path(r->cfg, file);
            if (!sg->override_file)
                bb_rd_error(r, g, "out of memory");
        }
        free(file);
    }
    const config_setting_t *q = config_setting_get_member(root, "quiet");
    if (q)
        bb_cfg_read_dayparts(r, q, "quiet", &sg->quiet, &sg->n_quiet);
    int style;
    if (bb_rd_enum(r, root, "quiet_style", quiet_style_words, BB_QUIET_STYLE_COUNT, &style) > 0)
        sg->quiet_style = (bb_quiet_style)style;
    if (config_setting_get_member(root, "quiet_style") && !q)
        bb_rd_warning(r, config_setting_get_member(root, "quiet_style"),
                      "'quiet_style' without 'quiet' windows has no effect");
}

int bb_cfg_read_dayparts(bb_reader *r, const config_setting_t *s, const char *what,
                         bb_daypart **out, int *n)
{
    int type = config_setting_type(s);
    bool single = type == CONFIG_TYPE_GROUP;
    if (!single && type != CONFIG_TYPE_LIST) {
        bb_rd_error(r, s, "'%s' must be a group { days = [ \"mon\", ... ]; from = \"HH:MM\"; "
                          "until = \"HH:MM\"; } or a list of them", what);
        return -1;
    }
    int count = single ? 1 : config_setting_length(s);
    if (count < 1 || count > BB_DAYPART_MAX_WINDOWS) {
        bb_rd_error(r, s, "'%s' needs 1 to %d windows, not %d", what, BB_DAYPART_MAX_WINDOWS,
                    count);
        return -1;
    }
    bb_daypart *w = calloc((size_t)count, sizeof *w);
    if (!w) {
        bb_rd_error(r, s, "out of memory");
        return -1;
    }
    int bad = 0;
    for (int i = 0; i < count; i++) {
        const config_setting_t *g = single ? s : config_setting_get_elem(s, (unsigned)i);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
            bb_rd_error(r, g, "each '%s' window must be a group { days = [...]; from = "
                              "\"HH:MM\"; until = \"HH:MM\"; }", what);
            bad++;
            continue;
        }
        if (read_window(r, g, what, &w[i]) < 0)
            bad++;
    }
    if (bad) {
        free(w);
        return -1;
    }
    free(*out);
    *out = w;
    *n = count;
    return 1;
}

/* --- static functions --- */

static int read_window(bb_reader *r, const config_setting_t *g, const char *what,
                       bb_daypart *out)
{
    bb_rd_check_keys(r, g, window_keys, what);
    int rc = 0;
    if (read_days(r, g, what, &out->days) < 0)
        rc = -1;
    if (read_hhmm(r, g, "from", what, false, &out->from_min) < 0)
        rc = -1;
    if (read_hhmm(r, g, "until", what, true, &out->until_min) < 0)
        rc = -1;
    return rc;
}

/* days: an array of weekday words; absent means every day. */
static int read_days(bb_reader *r, const config_setting_t *g, const char *what,
                     unsigned *days)
{
    const config_setting_t *d = config_setting_get_member(g, "days");
    if (!d) {
        *days = BB_DAYPART_ALL_DAYS;
        return 0;
    }
    int type = config_setting_type(d);
    if ((type != CONFIG_TYPE_ARRAY && type != CONFIG_TYPE_LIST) || config_setting_length(d) == 0) {
        bb_rd_error(r, d, "'days' of a %s window must be a non-empty list of weekdays: "
                          "[ \"mon\", \"tue\", ... ]", what);
        return -1;
    }
    unsigned bits = 0;
    for (int i = 0; i < config_setting_length(d); i++) {
        const config_setting_t *e = config_setting_get_elem(d, (unsigned)i);
        const char *word = config_setting_get_string(e);
        unsigned bit = bb_daypart_day_bit(word);
        if (!bit) {
            bb_rd_error(r, e, "'%s' is not a weekday (mon, tue, wed, thu, fri, sat, sun)",
                        word ? word : "(not a string)");
            return -1;
        }
        if (bits & bit)
            bb_rd_warning(r, e, "weekday '%s' is listed twice", word);
        bits |= bit;
    }
    *days = bits;
    return 0;
}

static int read_hhmm(bb_reader *r, const config_setting_t *g, const char *key,
                     const char *what, bool allow_24, int *minutes)
{
    const config_setting_t *k = config_setting_get_member(g, key);
    if (!k) {
        bb_rd_error(r, g, "%s window is missing the required setting '%s' (\"HH:MM\")", what,
                    key);
        return -1;
    }
    const char *text = config_setting_get_string(k);
    if (!text || bb_daypart_parse_hhmm(text, allow_24, minutes) < 0) {
        bb_rd_error(r, k, "'%s' must be a local time \"HH:MM\" (00:00 to %s), not %s%s%s", key,
                    allow_24 ? "24:00" : "23:59", text ? "\"" : "a non-string",
                    text ? text : "", text ? "\"" : "");
        return -1;
    }
    return 0;
}
