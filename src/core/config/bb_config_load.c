/*
 * bb_config_load: libconfig text -> bb_config, with defaults first, then the
 * file's settings overlaid, then validation.  Talks and slides are read in
 * bb_config_talks.c and bb_config_slides.c.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_config_private.h"
#include "bb_fetch.h"
#include "bb_file.h"
#include "bb_import.h"

/* A config larger than this is surely not a config (bytes). */
#define CONFIG_MAX_BYTES (4 * 1024 * 1024)
/* @include nesting deeper than this is a loop or a mistake. */
#define INCLUDE_MAX_DEPTH 16
/* @include expansions, every repeat counted: real configs use a handful. */
#define INCLUDE_MAX_EXPANDED_FILES 256
#define MAX_SECONDS_SETTING (7 * BB_SECONDS_PER_DAY)
#define MIN_REPLAY_SPEED 0.01

enum palette_slot { PAL_BACKGROUND, PAL_PANEL, PAL_TEXT, PAL_HEADING, PAL_ACCENT, PAL_MUTED,
                    PAL_ALERT, PAL_COUNT };

/* What the @include scan has read so far, every repeat counted. */
typedef struct include_budget {
    int files;
    size_t bytes;
} include_budget;

static bb_config *load_text(const char *text, const char *name, const char *main_path,
                            const char *base_dir, const char *include_prefix, bool urls_only,
                            const bb_instant *now, bb_diag_list *diags);
static bb_config *load_file(const char *path, bool urls_only, const bb_instant *now,
                            bb_diag_list *diags);
static char *absolute_dir(const char *dir);
static char *dir_prefix_of(const char *path);
static int scan_includes(bb_reader *r, const char *text, const char *shown, int depth,
                         include_budget *budget);
static int include_one(bb_reader *r, const char *full, const char *name, const char *inner_shown,
                       const char *shown, int line_no, int depth, include_budget *budget);
static int check_text(bb_reader *r, const bb_file_data *file, const char *shown);
static bool is_blank(const char *text);
static void report_syntax_error(bb_reader *r, const config_t *lc);
static void read_root(bb_reader *r, const config_setting_t *root);
static const config_setting_t *get_list(bb_reader *r, const config_setting_t *root,
                                        const char *key);
static void read_schedule_url(bb_reader *r, const config_setting_t *g, const char *url);
static const bb_schedule_url *url_of_path(const bb_config *cfg, const char *path);
static void check_root_keys(bb_reader *r, const config_setting_t *root);
static const config_setting_t *get_group(bb_reader *r, const config_setting_t *parent,
                                         const char *key);
static void read_version(bb_reader *r, const config_setting_t *root);
static void read_display(bb_reader *r, const config_setting_t *g);
static void read_colors(bb_reader *r, const config_setting_t *g);
static void read_cycle(bb_reader *r, const config_setting_t *g);
static void read_footer(bb_reader *r, const config_setting_t *g);
static void read_timing(bb_reader *r, const config_setting_t *g);
static void read_clock(bb_reader *r, const config_setting_t *g);
static void read_schedules(bb_reader *r, const config_setting_t *list);
static void import_schedules(bb_reader *r);
static bb_rgb *palette_slot(bb_palette *p, int slot);

static bb_keys root_keys = {"version", "display", "cycle", "footer", "timing", "clock",
                            "kiosk", "talks", "slides", "schedules", "override", "quiet",
                            "quiet_style", NULL};
static bb_keys display_keys = {"width", "height", "fullscreen", "rotation", "safe_area",
                               "theme", "colors", "fonts", "time_zone", "language",
                               "clock_format", "cec", "cec_device", NULL};
static bb_keys cycle_keys = {"duration", "transition", "transition_time", "sync", NULL};
static bb_keys footer_keys = {"enabled", "clock", "ticker", "logo", NULL};
static bb_keys timing_keys = {"imminent", "ended_grace", "agenda_grace", "now_grace", "change_hours",
                              NULL};
static bb_keys clock_keys = {"start", "speed", "enabled", NULL};
static bb_keys kiosk_keys = {"lock", NULL};
static bb_keys schedule_keys = {"file", "url", "refresh", NULL};
/* In enum palette_slot order; also the keys of display.colors. */
static const char *const palette_names[PAL_COUNT + 1] = {
    "background", "panel", "text", "heading", "accent", "muted", "alert", NULL};
static const char *const theme_words[] = {"dark", "light"};
static const char *const transition_words[] = {"cut", "fade", "slide"};

bb_config *bb_config_load_file(const char *path, bb_diag_list *diags)
{
    return load_file(path, false, NULL, diags);
}

bb_config *bb_config_load_file_at(const char *path, const bb_instant *now, bb_diag_list *diags)
{
    return load_file(path, false, now, diags);
}

bb_config *bb_config_load_urls(const char *path, bb_diag_list *diags)
{
    return load_file(path, true, NULL, diags);
}

static bb_config *load_file(const char *path, bool urls_only, const bb_instant *now,
                            bb_diag_list *diags)
{
    char err[256];
    bb_file_data file;
    bb_file_status status = bb_file_read(path, CONFIG_MAX_BYTES, 0, &file);
    if (status != BB_FILE_OK) {
        bb_file_describe(status, &file, "the config file", CONFIG_MAX_BYTES, err, sizeof err);
        bb_diag_add(diags, BB_ERROR, path, 0, "%s", err);
        return NULL;
    }
    char *text = file.data;
    bb_reader probe = {.diags = diags, .name = path};
    if (check_text(&probe, &file, path) < 0) {
        free(text);
        return NULL;
    }
    char *dir = NULL, *base_dir = NULL;
    char *prefix = dir_prefix_of(path);
    const char *slash = strrchr(path, '/');
    if (slash) {
        size_t len = slash == path ? 1 : (size_t)(slash - path);
        dir = malloc(len + 1);
        if (dir) {
            memcpy(dir, path, len);
            dir[len] = '\0';
        }
    }
    base_dir = absolute_dir(slash ? dir : ".");
    bb_config *cfg = NULL;
    if (!base_dir || (slash && !dir))
        bb_diag_add(diags, BB_ERROR, path, 0, "cannot resolve the directory of the file");
    else
        cfg = load_text(text, path, path, base_dir, prefix, urls_only, now, diags);
    free(base_dir);
    free(dir);
    free(prefix);
    free(text);
    return cfg;
}

bb_config *bb_config_load_string(const char *text, const char *name, const char *base_dir,
                                 bb_diag_list *diags)
{
    char *abs_dir = absolute_dir(base_dir ? base_dir : ".");
    char *prefix = NULL;
    if (base_dir) {
        size_t len = strlen(base_dir) + 2;
        prefix = malloc(len);
        if (prefix)
            snprintf(prefix, len, "%s/", base_dir);
    }
    bb_config *cfg = NULL;
    if (!abs_dir || (base_dir && !prefix))
        bb_diag_add(diags, BB_ERROR, name, 0, "cannot resolve the directory '%s'",
                    base_dir ? base_dir : ".");
    else
        cfg = load_text(text, name ? name : "<string>", NULL, abs_dir, prefix, false, NULL, diags);
    free(abs_dir);
    free(prefix);
    return cfg;
}

/* --- static functions --- */

static bb_config *load_text(const char *text, const char *name, const char *main_path,
                            const char *base_dir, const char *include_prefix, bool urls_only,
                            const bb_instant *now, bb_diag_list *diags)
{
    int errors_before = bb_diag_error_count(diags);
    bb_reader r = {.diags = diags, .name = name, .has_now = now != NULL, .now = now ? *now : 0};
    config_t lc;
    config_init(&lc);

    bb_config *cfg = bb_config_create_default();
    if (!cfg) {
        bb_diag_add(diags, BB_ERROR, name, 0, "out of memory (or no time zone data)");
        goto fail;
    }
    r.cfg = cfg;
    cfg->path = bb_cfg_strdup(main_path ? main_path : name);
    cfg->base_dir = bb_cfg_strdup(base_dir);
    r.include_prefix = bb_cfg_strdup(include_prefix);
    if (!cfg->path || !cfg->base_dir || (include_prefix && !r.include_prefix) ||
        (main_path && bb_strv_push(&cfg->files, main_path) < 0)) {
        bb_diag_add(diags, BB_ERROR, name, 0, "out of memory");
        goto fail;
    }
    include_budget budget = {.files = 0, .bytes = strlen(text)};
    if (scan_includes(&r, text, name, 0, &budget) < 0)
        goto fail;
    if (is_blank(text)) {
        /* An empty file (or one that lost its content) is not an empty show. */
        bb_diag_add(diags, BB_ERROR, name, 0,
                    "the config file is empty: there is nothing to show");
        goto fail;
    }

    /* Without this libconfig resolves @include against the working
     * directory, which under systemd is "/". */
    config_set_include_dir(&lc, base_dir);
    if (!config_read_string(&lc, text)) {
        report_syntax_error(&r, &lc);
        goto fail;
    }
    if (urls_only) {
        /* The fetch service's view: nothing but the schedules and the feed
         * slides' URLs. */
        const config_setting_t *list = get_list(&r, config_root_setting(&lc), "schedules");
        if (list)
            read_schedules(&r, list);
        list = get_list(&r, config_root_setting(&lc), "slides");
        if (list)
            bb_cfg_read_feed_urls(&r, list);
    } else {
        read_root(&r, config_root_setting(&lc));
    }
    bb_diag_sort(diags);
    if (bb_diag_error_count(diags) > errors_before)
        goto fail;

    config_destroy(&lc);
    free(r.include_prefix);
    return cfg;

fail:
    bb_diag_sort(diags);
    config_destroy(&lc);
    free(r.include_prefix);
    bb_config_destroy(cfg);
    return NULL;
}

static char *absolute_dir(const char *dir)
{
    char resolved[PATH_MAX];
    if (realpath(dir, resolved))
        return bb_cfg_strdup(resolved);
    return NULL;
}

/* "config/briefboard.cfg" -> "config/": how @include'd names are shown. */
static char *dir_prefix_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return NULL;
    size_t len = (size_t)(slash - path) + 1;
    char *prefix = malloc(len + 1);
    if (prefix) {
        memcpy(prefix, path, len);
        prefix[len] = '\0';
    }
    return prefix;
}

/*
 * Collect every @include'd file for cfg->files (the reload watcher needs
 * them), and refuse before libconfig sees them what libconfig cannot take:
 * its scanner calls exit() on an include it cannot read (a directory,
 * /proc/self/mem), blocks on a FIFO, and reads a file again for every
 * @include of it -- ten includes of a file that includes another ten times
 * is a hundred reads.  So every include is read here through bb_file_read,
 * and the whole expansion (every repeat counted) is held to a budget of
 * files and bytes.  libconfig 1.5 resolves every @include, nested ones too,
 * against the include directory, so this does the same.  `shown` names the
 * file being scanned in messages.  Returns 0, or -1 after an error.
 */
static int scan_includes(bb_reader *r, const char *text, const char *shown, int depth,
                         include_budget *budget)
{
    if (depth >= INCLUDE_MAX_DEPTH)
        return 0;   /* libconfig reports the loop itself */
    int line_no = 0;
    for (const char *line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        line_no++;
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (strncmp(p, "@include", 8) != 0)
            continue;
        p += 8;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p != '"')
            continue;
        const char *end = strchr(p + 1, '"');
        const char *eol = strchr(p + 1, '\n');
        if (!end || (eol && eol < end))
            continue;
        char name[PATH_MAX];
        snprintf(name, sizeof name, "%.*s", (int)(end - p - 1), p + 1);
        char *full = bb_cfg_resolve_path(r->cfg, name);
        if (!full)
            continue;
        char inner_shown[PATH_MAX];
        snprintf(inner_shown, sizeof inner_shown, "%s%s", r->include_prefix ? r->include_prefix : "",
                 name);
        int rc = include_one(r, full, name, inner_shown, shown, line_no, depth, budget);
        free(full);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* One @include at shown:line_no: read, checked, counted, scanned in turn. */
static int include_one(bb_reader *r, const char *full, const char *name, const char *inner_shown,
                       const char *shown, int line_no, int depth, include_budget *budget)
{
    if (++budget->files > INCLUDE_MAX_EXPANDED_FILES) {
        bb_diag_add(r->diags, BB_ERROR, shown, line_no,
                    "@include \"%s\": the includes expand to more than %d files "
                    "(an include inside a repeated include counts each time)",
                    name, INCLUDE_MAX_EXPANDED_FILES);
        return -1;
    }
    bool seen = false;
    for (int i = 0; i < r->cfg->files.n && !seen; i++)
        seen = strcmp(r->cfg->files.v[i], full) == 0;
    if (!seen && bb_strv_push(&r->cfg->files, full) < 0)
        return -1;
    bb_file_data file;
    bb_file_status status = bb_file_read(full, CONFIG_MAX_BYTES, 0, &file);
    if (status == BB_FILE_ABSENT)
        return 0;   /* libconfig says "cannot open include file" at the line */
    if (status != BB_FILE_OK) {
        char why[PATH_MAX + 64];
        bb_file_describe(status, &file, "the included file", CONFIG_MAX_BYTES, why, sizeof why);
        bb_diag_add(r->diags, BB_ERROR, shown, line_no, "@include \"%s\": %s", name, why);
        return -1;
    }
    budget->bytes += file.len;
    int rc = 0;
    if (budget->bytes > CONFIG_MAX_BYTES) {
        bb_diag_add(r->diags, BB_ERROR, shown, line_no,
                    "@include \"%s\": the config and its includes come to more than %d bytes "
                    "(an include inside a repeated include counts each time)",
                    name, CONFIG_MAX_BYTES);
        rc = -1;
    } else if (check_text(r, &file, inner_shown) < 0) {
        rc = -1;
    } else {
        rc = scan_includes(r, file.data, inner_shown, depth + 1, budget);
    }
    free(file.data);
    return rc;
}

/* Nothing but white space and comments: libconfig would read an empty show. */
static bool is_blank(const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            continue;
        if (*p == '#' || (p[0] == '/' && p[1] == '/')) {
            p = strchr(p, '\n');
            if (!p)
                return true;
            continue;
        }
        if (p[0] == '/' && p[1] == '*') {
            p = strstr(p + 2, "*/");
            if (!p)
                return true;
            p++;
            continue;
        }
        return false;
    }
    return true;
}

/* A config file must be text: a NUL byte (a zero-filled block after a power
 * cut) would end libconfig's reading silently, half-way. */
static int check_text(bb_reader *r, const bb_file_data *file, const char *shown)
{
    const char *nul = memchr(file->data, '\0', file->len);
    if (!nul)
        return 0;
    int line = 1;
    for (const char *c = file->data; c < nul; c++)
        line += *c == '\n';
    bb_diag_add(r->diags, BB_ERROR, shown, line,
                "the file contains a NUL byte: it is not a text file (damaged storage?)");
    return -1;
}

static void report_syntax_error(bb_reader *r, const config_t *lc)
{
    const char *file = config_error_file(lc);
    char shown[PATH_MAX];
    if (file && r->include_prefix)
        snprintf(shown, sizeof shown, "%s%s", r->include_prefix, file);
    else
        snprintf(shown, sizeof shown, "%s", file ? file : r->name);
    const char *text = config_error_text(lc);
    if (text && strcmp(text, "syntax error") == 0)
        bb_diag_add(r->diags, BB_ERROR, shown, config_error_line(lc),
                    "syntax error (look for a missing ';', quote or bracket here or just above)");
    else
        bb_diag_add(r->diags, BB_ERROR, shown, config_error_line(lc), "%s",
                    text ? text : "cannot parse the file");
}

static void read_root(bb_reader *r, const config_setting_t *root)
{
    check_root_keys(r, root);
    read_version(r, root);

    /* The screen's zone first: talks, show_from and clock.start read local
     * times in it. */
    const config_setting_t *g;
    if ((g = get_group(r, root, "display")))
        read_display(r, g);
    if ((g = get_group(r, root, "cycle")))
        read_cycle(r, g);
    if ((g = get_group(r, root, "footer")))
        read_footer(r, g);
    if ((g = get_group(r, root, "timing")))
        read_timing(r, g);
    if ((g = get_group(r, root, "clock")))
        read_clock(r, g);
    if ((g = get_group(r, root, "kiosk"))) {
        bb_rd_check_keys(r, g, kiosk_keys, "kiosk");
        bb_rd_bool(r, g, "lock", &r->cfg->kiosk_lock);
    }
    bb_cfg_read_signage(r, root);

    const char *const lists[] = {"schedules", "talks", "slides"};
    const config_setting_t *found[3] = {NULL, NULL, NULL};
    for (int i = 0; i < 3; i++)
        found[i] = get_list(r, root, lists[i]);
    if (found[0])
        read_schedules(r, found[0]);
    /* Talks before slides: countdown slides name talks. */
    if (found[1])
        bb_cfg_read_talks(r, found[1]);
    /* Imported talks join the list before the slides, whose countdowns
     * may name them. */
    import_schedules(r);
    if (found[2])
        bb_cfg_read_slides(r, found[2]);
}

static const config_setting_t *get_list(bb_reader *r, const config_setting_t *root,
                                        const char *key)
{
    const config_setting_t *s = config_setting_get_member(root, key);
    if (s && config_setting_type(s) != CONFIG_TYPE_LIST) {
        bb_rd_error(r, s, "'%s' must be a list of groups: %s = ( { ... }, { ... } );", key,
                    key);
        return NULL;
    }
    return s;
}

/* Like bb_rd_check_keys, but a group's key written at the top level
 * ("time_zone = ...;") is named with the group it belongs in. */
static void check_root_keys(bb_reader *r, const config_setting_t *root)
{
    static const char *const group_names[] = {"display", "cycle", "footer", "timing", "clock",
                                              "kiosk"};
    const char *const *group_keys[] = {display_keys, cycle_keys, footer_keys, timing_keys,
                                       clock_keys, kiosk_keys};
    const int n_groups = (int)(sizeof group_names / sizeof group_names[0]);
    const int n_root = (int)(sizeof root_keys / sizeof root_keys[0]) - 1;
    for (int i = 0; i < config_setting_length(root); i++) {
        const config_setting_t *s = config_setting_get_elem(root, (unsigned)i);
        const char *name = config_setting_name(s);
        int owner = -1;
        for (int k = 0; k < n_root && owner == -1; k++)
            if (strcmp(name, root_keys[k]) == 0)
                owner = n_groups;
        for (int g = 0; g < n_groups && owner == -1; g++)
            for (int k = 0; group_keys[g][k] && owner == -1; k++)
                if (strcmp(name, group_keys[g][k]) == 0)
                    owner = g;
        if (owner == n_groups)
            continue;
        const char *close = bb_rd_suggest(name, root_keys, n_root);
        if (owner >= 0)
            bb_rd_warning(r, s, "'%s' belongs in the %s group: %s = { %s = ...; }; (ignored here)",
                          name, group_names[owner], group_names[owner], name);
        else if (close)
            bb_rd_warning(r, s, "unknown setting '%s' in the file (ignored); did you mean '%s'?",
                          name, close);
        else
            bb_rd_warning(r, s, "unknown setting '%s' in the file (ignored)", name);
    }
}

static const config_setting_t *get_group(bb_reader *r, const config_setting_t *parent,
                                         const char *key)
{
    const config_setting_t *g = config_setting_get_member(parent, key);
    if (g && config_setting_type(g) != CONFIG_TYPE_GROUP) {
        bb_rd_error(r, g, "'%s' must be a group: %s = { ... };", key, key);
        return NULL;
    }
    return g;
}

static void read_version(bb_reader *r, const config_setting_t *root)
{
    const config_setting_t *s = config_setting_get_member(root, "version");
    if (!s) {
        bb_rd_warning(r, NULL, "no 'version' setting; assuming version = %d;",
                      BB_CONFIG_VERSION);
        return;
    }
    int type = config_setting_type(s);
    if (type != CONFIG_TYPE_INT && type != CONFIG_TYPE_INT64) {
        bb_rd_error(r, s, "'version' must be the whole number %d", BB_CONFIG_VERSION);
        return;
    }
    long long v = config_setting_get_int64(s);
    if (v != BB_CONFIG_VERSION)
        bb_rd_error(r, s, "unsupported version %lld: this briefboard reads version %d", v,
                    BB_CONFIG_VERSION);
    else
        r->cfg->version = (int)v;
}

static void read_display(bb_reader *r, const config_setting_t *g)
{
    bb_display_settings *d = &r->cfg->display;
    bb_rd_check_keys(r, g, display_keys, "display");
    int got_w = bb_rd_int(r, g, "width", 0, BB_MAX_SCREEN_PIXELS, "px", &d->width);
    int got_h = bb_rd_int(r, g, "height", 0, BB_MAX_SCREEN_PIXELS, "px", &d->height);
    if (got_w >= 0 && got_h >= 0 && (d->width == 0) != (d->height == 0))
        bb_rd_error(r, config_setting_get_member(g, d->width ? "width" : "height"),
                    "set both 'width' and 'height', or neither (0: the screen's own size)");
    bb_rd_bool(r, g, "fullscreen", &d->fullscreen);

    int rotation = 0;
    /* Any whole number passes the range: the message lists the four allowed. */
    if (bb_rd_int(r, g, "rotation", INT_MIN, INT_MAX, "degrees", &rotation) > 0) {
        if (rotation != 0 && rotation != 90 && rotation != 180 && rotation != 270)
            bb_rd_error(r, config_setting_get_member(g, "rotation"),
                        "'rotation' is %d; it must be 0, 90, 180 or 270", rotation);
        else
            d->rotation = rotation;
    }
    bb_rd_number(r, g, "safe_area", 0, BB_MAX_SAFE_AREA_PERCENT, "%", &d->safe_area_percent);

    int theme;
    if (bb_rd_enum(r, g, "theme", theme_words, BB_THEME_COUNT, &theme) > 0) {
        d->theme = (bb_theme)theme;
        bb_palette_for_theme(d->theme, &d->palette);
    }
    const config_setting_t *colors = get_group(r, g, "colors");
    if (colors)
        read_colors(r, colors);

    bb_rd_strv(r, g, "fonts", 1, BB_MAX_FONTS, &d->fonts);
    bb_rd_bool(r, g, "cec", &d->cec);
    char *cec_device = NULL;
    if (bb_rd_string(r, g, "cec_device", "display", false, &cec_device) > 0) {
        free(d->cec_device);
        d->cec_device = cec_device;
    }

    char *zone = NULL;
    if (bb_rd_string(r, g, "time_zone", "display", false, &zone) > 0) {
        const bb_tz *tz = bb_cfg_zone(r->cfg, zone);
        if (tz) {
            free(d->time_zone);
            d->time_zone = zone;
            d->tz = tz;
            zone = NULL;
        } else {
            bb_rd_unknown_zone(r, config_setting_get_member(g, "time_zone"), zone);
        }
    }
    free(zone);
    bb_cfg_read_language(r, g, "language", &d->language);
    static const char *const clock_words[BB_CLOCK_FORMAT_COUNT] = {"auto", "24h", "12h"};
    int cf;
    if (bb_rd_enum(r, g, "clock_format", clock_words, BB_CLOCK_FORMAT_COUNT, &cf) > 0)
        d->clock_format = (bb_clock_format)cf;
}

/* Custom colours over the theme's; every text colour must keep 7:1 against
 * both surfaces it is drawn on: WCAG 2 level AAA, so a lobby screen stays
 * readable from across the room (docs/config.md, "colors"). */
static void read_colors(bb_reader *r, const config_setting_t *g)
{
    bb_palette *p = &r->cfg->display.palette;
    const config_setting_t *set[PAL_COUNT] = {NULL};
    bb_rd_check_keys(r, g, palette_names, "colors");
    for (int i = 0; i < PAL_COUNT; i++) {
        char *text = NULL;
        if (bb_rd_string(r, g, palette_names[i], "colors", false, &text) <= 0)
            continue;
        const config_setting_t *s = config_setting_get_member(g, palette_names[i]);
        if (bb_parse_rgb(text, palette_slot(p, i)) < 0)
            bb_rd_error(r, s, "colour '%s' is \"%s\"; write it as \"#RRGGBB\"", palette_names[i],
                        text);
        else
            set[i] = s;
        free(text);
    }
    for (int fg = PAL_TEXT; fg < PAL_COUNT; fg++)
        for (int bg = PAL_BACKGROUND; bg <= PAL_PANEL; bg++) {
            if (!set[fg] && !set[bg])
                continue;
            bb_rgb f = *palette_slot(p, fg), b = *palette_slot(p, bg);
            double ratio = bb_contrast_ratio(f, b);
            if (ratio >= BB_MIN_CONTRAST)
                continue;
            bb_rd_error(r, set[fg] ? set[fg] : set[bg],
                        "contrast of %s #%06X on %s #%06X is %.2f:1; text needs at least %.0f:1",
                        palette_names[fg], (unsigned)f, palette_names[bg], (unsigned)b, ratio,
                        BB_MIN_CONTRAST);
        }
}

static void read_cycle(bb_reader *r, const config_setting_t *g)
{
    bb_cycle_settings *c = &r->cfg->cycle;
    bb_rd_check_keys(r, g, cycle_keys, "cycle");
    double seconds;
    if (bb_rd_number(r, g, "duration", BB_MIN_SLIDE_DURATION_S, BB_MAX_SLIDE_DURATION_S, "s",
                     &seconds) > 0)
        c->default_duration_ms = (int)(seconds * 1000.0 + 0.5);
    int transition;
    if (bb_rd_enum(r, g, "transition", transition_words, 3, &transition) > 0)
        c->transition = (bb_transition)transition;
    if (bb_rd_number(r, g, "transition_time", 0, BB_MAX_TRANSITION_MS / 1000.0, "s",
                     &seconds) > 0)
        c->transition_ms = (int)(seconds * 1000.0 + 0.5);
    bb_rd_bool(r, g, "sync", &c->sync);
}

static void read_footer(bb_reader *r, const config_setting_t *g)
{
    bb_footer_settings *f = &r->cfg->footer;
    bb_rd_check_keys(r, g, footer_keys, "footer");
    bb_rd_bool(r, g, "enabled", &f->enabled);
    bb_rd_bool(r, g, "clock", &f->clock);
    bb_rd_bool(r, g, "ticker", &f->ticker);
    bb_rd_file_path(r, g, "logo", "footer", false, true, &f->logo);
}

static void read_timing(bb_reader *r, const config_setting_t *g)
{
    bb_timing_settings *t = &r->cfg->timing;
    bb_rd_check_keys(r, g, timing_keys, "timing");
    double seconds;
    if (bb_rd_number(r, g, "imminent", 0, BB_SECONDS_PER_DAY, "s", &seconds) > 0)
        t->imminent_s = (int)seconds;
    /* ended_grace is the name; agenda_grace, its older one, still reads. */
    if (bb_rd_number(r, g, "agenda_grace", 0, MAX_SECONDS_SETTING, "s", &seconds) > 0)
        t->agenda_grace_s = (int)seconds;
    if (bb_rd_number(r, g, "ended_grace", 0, MAX_SECONDS_SETTING, "s", &seconds) > 0)
        t->agenda_grace_s = (int)seconds;
    if (bb_rd_number(r, g, "now_grace", 0, BB_MAX_NOW_GRACE_S, "s", &seconds) > 0)
        t->now_grace_s = (int)seconds;
    double hours;
    if (bb_rd_number(r, g, "change_hours", 0, BB_MAX_CHANGE_HOURS, "h", &hours) > 0)
        t->change_s = (int)(hours * 3600.0 + 0.5);
}

static void read_clock(bb_reader *r, const config_setting_t *g)
{
    bb_replay_settings *rp = &r->cfg->replay;
    bb_rd_check_keys(r, g, clock_keys, "clock");
    bool enabled = true;
    bb_rd_bool(r, g, "enabled", &enabled);
    bb_rd_number(r, g, "speed", MIN_REPLAY_SPEED, BB_MAX_REPLAY_SPEED, "x real time",
                 &rp->speed);
    const config_setting_t *start = config_setting_get_member(g, "start");
    if (!start) {
        if (enabled && config_setting_length(g) > 0)
            bb_rd_warning(r, g, "'clock' has no 'start': the display runs on the real clock");
        return;
    }
    if (bb_rd_instant(r, start, r->cfg->display.tz, true, NULL, &rp->start) == 0)
        rp->enabled = enabled;
}

static void read_schedules(bb_reader *r, const config_setting_t *list)
{
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
            bb_rd_error(r, g, "each schedule must be a group { file = \"...\"; }");
            continue;
        }
        bb_rd_check_keys(r, g, schedule_keys, "schedule");
        char *url = NULL;
        if (bb_rd_string(r, g, "url", "schedule", false, &url) > 0) {
            if (config_setting_get_member(g, "file"))
                bb_rd_error(r, g, "a schedule has either 'file' or 'url', not both");
            else
                read_schedule_url(r, g, url);
            free(url);
            continue;
        }
        char *path = NULL;
        if (bb_rd_file_path(r, g, "file", "schedule", true, false, &path) > 0 &&
            bb_strv_push(&r->cfg->schedules, path) < 0)
            bb_rd_error(r, g, "out of memory");
        free(path);
    }
}

/* A `url` schedule: its fetched copy joins the schedule files (read, and
 * watched, like any other) when there is a state directory to find it in. */
static void read_schedule_url(bb_reader *r, const config_setting_t *g, const char *url)
{
    const config_setting_t *us = config_setting_get_member(g, "url");
    char why[128];
    /* The URL first: its error is the one to read when both are wrong. */
    if (bb_fetch_url_check(url, why, sizeof why) < 0) {
        bb_rd_error(r, us, "schedule url \"%.200s\": %s", url, why);
        return;
    }
    double refresh = BB_DEFAULT_REFRESH_S;
    if (bb_rd_number(r, g, "refresh", BB_MIN_REFRESH_S, BB_MAX_REFRESH_S, "s", &refresh) < 0)
        return;
    const char *path = NULL;
    if (bb_cfg_add_url(r, us, url, (int)refresh, BB_URL_SCHEDULE, &path) == 0 && path &&
        bb_strv_push(&r->cfg->schedules, path) < 0)
        bb_rd_error(r, g, "out of memory");
}

static const bb_schedule_url *url_of_path(const bb_config *cfg, const char *path)
{
    for (int i = 0; i < cfg->n_urls; i++)
        if (cfg->urls[i].path && strcmp(cfg->urls[i].path, path) == 0)
            return &cfg->urls[i];
    return NULL;
}

/* Each schedule's talks appended to cfg->talks (bb_import), its problems
 * named with the file as the config's own messages name files. */
static void import_schedules(bb_reader *r)
{
    bb_config *cfg = r->cfg;
    /* The display's "now" when the caller knows it (--now, the running
     * clock at a reload): a preview of 2022 expands 2022's occurrences. */
    bb_instant anchor = r->has_now ? r->now : bb_import_anchor(cfg);
    size_t base_len = strlen(cfg->base_dir);
    /* One deadline for all: N slow files must not block a reload N times
     * the decoder's limit (issue #16). */
    long long deadline = bb_import_now_ms() + BB_IMPORT_LOAD_BUDGET_MS;
    for (int i = 0; i < cfg->schedules.n; i++) {
        const char *path = cfg->schedules.v[i];
        char shown[PATH_MAX];
        const bb_schedule_url *u = url_of_path(cfg, path);
        if (u) {
            /* Named by its URL in messages (and its talks' ids take their
             * prefix from the URL's file name, as a file's do). */
            if (access(path, F_OK) < 0) {
                bb_diag_add(r->diags, BB_WARNING, u->src.file, u->src.line,
                            "schedule url \"%s\" is not fetched yet (no copy at %s); "
                            "briefboard-fetch.service brings it", u->url, path);
                continue;
            }
            bb_import_file_by(cfg, path, u->url, anchor, deadline, r->diags);
            continue;
        }
        if (strncmp(path, cfg->base_dir, base_len) == 0 && path[base_len] == '/')
            snprintf(shown, sizeof shown, "%s%s", r->include_prefix ? r->include_prefix : "",
                     path + base_len + 1);
        else
            snprintf(shown, sizeof shown, "%s", path);
        bb_import_file_by(cfg, path, shown, anchor, deadline, r->diags);
    }
}

static bb_rgb *palette_slot(bb_palette *p, int slot)
{
    switch (slot) {
    case PAL_BACKGROUND: return &p->background;
    case PAL_PANEL: return &p->panel;
    case PAL_TEXT: return &p->text;
    case PAL_HEADING: return &p->heading;
    case PAL_ACCENT: return &p->accent;
    case PAL_MUTED: return &p->muted;
    default: return &p->alert;
    }
}
