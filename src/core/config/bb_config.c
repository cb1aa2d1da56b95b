/*
 * bb_config: defaults, ownership, palettes and the small lookups.
 * Reading a file is in bb_config_load.c and its helpers.
 */
#include "bb_config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bb_config_private.h"

/* Where the config is looked for after --config: the variable, a source
 * checkout, the installed conffile (docs/config.md, "Where the file is"). */
#define CONFIG_ENV "BRIEFBOARD_CONFIG"
#define CONFIG_LOCAL "./config/briefboard.cfg"
#define CONFIG_SYSTEM "/etc/briefboard/briefboard.cfg"

/* WCAG 2: sRGB channels at or below this are on the linear segment. */
#define SRGB_LINEAR_LIMIT 0.03928
#define CONTRAST_FLARE 0.05   /* WCAG's allowance for ambient light */

static const bb_tz *adopt_zone(bb_config *cfg, bb_tz *tz);
static char *config_state_dir;   /* bb_config_set_state_dir; owned */
static void talk_free(bb_talk *t);
static void slide_free(bb_slide *s);
static double srgb_to_linear(unsigned channel);
static double relative_luminance(bb_rgb c);
static double fifth_root(double x);

static const char *const slide_type_names[BB_SLIDE_TYPE_COUNT] = {
    "takeaways", "stat", "quote", "countdown", "agenda", "image", "room", "board", "text",
    "feed"};
static const char *const transition_names[] = {"cut", "fade", "slide"};
static const char *const theme_names[BB_THEME_COUNT] = {"dark", "light"};
static const char *const status_names[BB_STATUS_COUNT] = {"confirmed", "postponed", "cancelled"};

/* Both themes keep every text colour >= 7:1 on background and panel
 * (checked by test_config): dark is a deep blue-black with warm accents,
 * light is near-white paper with dark inks. */
static const bb_palette theme_palettes[BB_THEME_COUNT] = {
    [BB_THEME_DARK] = {.background = 0x101820, .text = 0xF4F4F4, .heading = 0xFFFFFF,
                       .accent = 0xFFC857, .muted = 0xB9C3CD, .panel = 0x1E2A36,
                       .alert = 0xFF9E8F},
    [BB_THEME_LIGHT] = {.background = 0xFAFAF7, .text = 0x111418, .heading = 0x000000,
                        .accent = 0x0A3A66, .muted = 0x39424C, .panel = 0xE6EBEF,
                        .alert = 0x8A1010},
};

bb_config *bb_config_create_default(void)
{
    bb_config *cfg = calloc(1, sizeof *cfg);
    if (!cfg)
        return NULL;

    cfg->version = BB_CONFIG_VERSION;
    cfg->display.fullscreen = true;
    cfg->display.theme = BB_THEME_DARK;
    bb_palette_for_theme(BB_THEME_DARK, &cfg->display.palette);
    if (bb_strv_push(&cfg->display.fonts, "Noto Sans") < 0 ||
        bb_strv_push(&cfg->display.fonts, "DejaVu Sans") < 0)
        goto fail;

    cfg->cycle.default_duration_ms = BB_DEFAULT_SLIDE_DURATION_S * 1000;
    cfg->cycle.transition = BB_TRANSITION_FADE;
    cfg->cycle.transition_ms = BB_DEFAULT_TRANSITION_MS;

    cfg->footer.enabled = true;
    cfg->footer.clock = true;
    cfg->footer.ticker = true;

    cfg->timing.imminent_s = BB_DEFAULT_IMMINENT_S;
    cfg->timing.agenda_grace_s = BB_DEFAULT_AGENDA_GRACE_S;
    cfg->timing.now_grace_s = BB_DEFAULT_NOW_GRACE_S;
    cfg->timing.change_s = BB_DEFAULT_CHANGE_HOURS * 3600;

    cfg->replay.speed = 1.0;

    /* The screen's zone: the system's until the file names one. */
    bb_tz *system = bb_tz_load_system();
    if (!system)
        goto fail;
    bb_tz **zones = malloc(sizeof *zones);
    if (!zones) {
        bb_tz_destroy(system);
        goto fail;
    }
    zones[0] = system;
    cfg->zones = zones;
    cfg->n_zones = 1;
    cfg->display.tz = system;
    return cfg;

fail:
    bb_config_destroy(cfg);
    return NULL;
}

void bb_config_destroy(bb_config *cfg)
{
    if (!cfg)
        return;
    for (int i = 0; i < cfg->n_talks; i++)
        talk_free(&cfg->talks[i]);
    free(cfg->talks);
    for (int i = 0; i < cfg->n_slides; i++)
        slide_free(&cfg->slides[i]);
    free(cfg->slides);
    for (int i = 0; i < cfg->n_zones; i++)
        bb_tz_destroy(cfg->zones[i]);
    free(cfg->zones);
    bb_strv_free(&cfg->display.fonts);
    free(cfg->display.time_zone);
    free(cfg->display.language);
    free(cfg->display.cec_device);
    free(cfg->footer.logo);
    free(cfg->signage.quiet);
    free(cfg->signage.override_file);
    bb_strv_free(&cfg->schedules);
    for (int i = 0; i < cfg->n_urls; i++) {
        free(cfg->urls[i].url);
        free(cfg->urls[i].path);
    }
    free(cfg->urls);
    bb_strv_free(&cfg->files);
    bb_strv_free(&cfg->source_files);
    free(cfg->path);
    free(cfg->base_dir);
    free(cfg);
}

char *bb_config_find(const char *cli_path)
{
    if (cli_path)
        return bb_cfg_strdup(cli_path);
    const char *env = getenv(CONFIG_ENV);
    if (env && *env)
        return bb_cfg_strdup(env);
    if (access(CONFIG_LOCAL, F_OK) == 0)
        return bb_cfg_strdup(CONFIG_LOCAL);
    /* Returned even when missing, so the error names the last place looked. */
    return bb_cfg_strdup(CONFIG_SYSTEM);
}

void bb_config_set_state_dir(const char *dir)
{
    free(config_state_dir);
    config_state_dir = dir && *dir ? bb_cfg_strdup(dir) : NULL;
}

const char *bb_config_state_dir(void)
{
    return config_state_dir;
}

int bb_config_find_talk(const bb_config *cfg, const char *id)
{
    for (int i = 0; cfg && id && i < cfg->n_talks; i++)
        if (cfg->talks[i].id && strcmp(cfg->talks[i].id, id) == 0)
            return i;
    return -1;
}

bool bb_config_url_ok(const char *text)
{
    if (!text)
        return false;
    size_t skip = strncasecmp(text, "https://", 8) == 0  ? 8
                  : strncasecmp(text, "http://", 7) == 0 ? 7
                                                         : 0;
    size_t len = strlen(text);
    if (skip == 0 || len == skip || len > BB_MAX_QR_URL_BYTES)
        return false;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if (*p <= ' ' || *p == 0x7F)
            return false;
    return true;
}

const char *bb_slide_type_name(bb_slide_type type)
{
    return (unsigned)type < BB_SLIDE_TYPE_COUNT ? slide_type_names[type] : "?";
}

const char *bb_transition_name(bb_transition t)
{
    return (unsigned)t <= BB_TRANSITION_SLIDE ? transition_names[t] : "?";
}

const char *bb_theme_name(bb_theme theme)
{
    return (unsigned)theme < BB_THEME_COUNT ? theme_names[theme] : "?";
}

const char *bb_talk_status_name(bb_talk_status status)
{
    return (unsigned)status < BB_STATUS_COUNT ? status_names[status] : "?";
}

void bb_palette_for_theme(bb_theme theme, bb_palette *out)
{
    *out = theme_palettes[(unsigned)theme < BB_THEME_COUNT ? theme : BB_THEME_DARK];
}

double bb_contrast_ratio(bb_rgb a, bb_rgb b)
{
    double la = relative_luminance(a), lb = relative_luminance(b);
    double hi = la > lb ? la : lb, lo = la > lb ? lb : la;
    return (hi + CONTRAST_FLARE) / (lo + CONTRAST_FLARE);
}

/* --- shared with the loader (bb_config_private.h) --- */

char *bb_cfg_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, s, len);
    return copy;
}

int bb_strv_push(bb_strv *v, const char *s)
{
    char *copy = bb_cfg_strdup(s);
    char **grown = copy ? realloc(v->v, (size_t)(v->n + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(copy);
        return -1;
    }
    grown[v->n++] = copy;
    v->v = grown;
    return 0;
}

void bb_strv_free(bb_strv *v)
{
    for (int i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
    v->v = NULL;
    v->n = 0;
}

const char *bb_cfg_intern_file(bb_config *cfg, const char *file)
{
    for (int i = 0; i < cfg->source_files.n; i++)
        if (strcmp(cfg->source_files.v[i], file) == 0)
            return cfg->source_files.v[i];
    if (bb_strv_push(&cfg->source_files, file) < 0)
        return "";
    return cfg->source_files.v[cfg->source_files.n - 1];
}

const bb_tz *bb_cfg_zone(bb_config *cfg, const char *name)
{
    for (int i = 0; i < cfg->n_zones; i++)
        if (strcmp(bb_tz_name(cfg->zones[i]), name) == 0)
            return cfg->zones[i];
    return adopt_zone(cfg, bb_tz_load(name));
}

const bb_tz *bb_cfg_zone_fixed(bb_config *cfg, int offset_s)
{
    bb_tz *tz = bb_tz_fixed(offset_s);
    if (!tz)
        return NULL;
    /* Reuse one already loaded under the same name ("UTC+01:00"). */
    for (int i = 0; i < cfg->n_zones; i++)
        if (strcmp(bb_tz_name(cfg->zones[i]), bb_tz_name(tz)) == 0) {
            bb_tz_destroy(tz);
            return cfg->zones[i];
        }
    return adopt_zone(cfg, tz);
}

char *bb_cfg_resolve_path(const bb_config *cfg, const char *path)
{
    if (path[0] == '/' || !cfg->base_dir)
        return bb_cfg_strdup(path);
    size_t len = strlen(cfg->base_dir) + 1 + strlen(path) + 1;
    char *full = malloc(len);
    if (full)
        snprintf(full, len, "%s/%s", cfg->base_dir, path);
    return full;
}

char *bb_cfg_find_asset(const bb_config *cfg, const char *path)
{
    char *full = bb_cfg_resolve_path(cfg, path);
    if (!full || path[0] == '/' || access(full, F_OK) == 0)
        return full;
#ifdef BB_DATADIR
    /* An installed config (/etc/briefboard) keeps the sample's
     * "../assets/logo.png": the assets are in the data directory. */
    const char *rest = path;
    while (strncmp(rest, "../", 3) == 0 || strncmp(rest, "./", 2) == 0)
        rest += rest[1] == '/' ? 2 : 3;
    size_t len = strlen(BB_DATADIR) + 1 + strlen(rest) + 1;
    char *installed = malloc(len);
    if (installed) {
        snprintf(installed, len, "%s/%s", BB_DATADIR, rest);
        if (access(installed, F_OK) == 0) {
            free(full);
            return installed;
        }
        free(installed);
    }
#endif
    return full;
}

int bb_parse_rgb(const char *text, bb_rgb *out)
{
    if (text[0] != '#' || strlen(text) != 7)
        return -1;
    bb_rgb value = 0;
    for (int i = 1; i < 7; i++) {
        char c = text[i];
        int digit = c >= '0' && c <= '9' ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0)
            return -1;
        value = value << 4 | (bb_rgb)digit;
    }
    *out = value;
    return 0;
}

/* --- static functions --- */

/* Hand tz (may be NULL) to the config; returns it, or NULL when it could not
 * be kept (and was freed). */
static const bb_tz *adopt_zone(bb_config *cfg, bb_tz *tz)
{
    if (!tz)
        return NULL;
    bb_tz **zones = realloc(cfg->zones, (size_t)(cfg->n_zones + 1) * sizeof *zones);
    if (!zones) {
        bb_tz_destroy(tz);
        return NULL;
    }
    zones[cfg->n_zones++] = tz;
    cfg->zones = zones;
    return tz;
}

static void talk_free(bb_talk *t)
{
    free(t->id);
    free(t->title);
    free(t->forum);
    free(t->venue);
    free(t->room);
    free(t->track);
    free(t->url);
    bb_strv_free(&t->participants);
    bb_strv_free(&t->topics);
}

static void slide_free(bb_slide *s)
{
    free(s->heading);
    bb_strv_free(&s->items);
    free(s->source);
    free(s->figure);
    free(s->caption);
    free(s->quote);
    free(s->original);
    free(s->lang);
    free(s->attribution);
    free(s->talk_id);
    free(s->title);
    free(s->room_filter);
    free(s->track_filter);
    free(s->room_prefix);
    bb_strv_free(&s->rooms);
    bb_strv_free(&s->tracks);
    free(s->image);
    bb_strv_free(&s->paragraphs);
    free(s->qr_url);
    free(s->qr_caption);
    free(s->feed_file);
    free(s->feed_url);
    free(s->hours);
}

/* WCAG 2 sRGB linearisation: ((c + 0.055) / 1.055) ^ 2.4 above the limit. */
static double srgb_to_linear(unsigned channel)
{
    double c = channel / 255.0;
    if (c <= SRGB_LINEAR_LIMIT)
        return c / 12.92;
    double x = (c + 0.055) / 1.055;
    /* x^2.4 = x^2 * x^(2/5): computed without libm, which bbcore does not link. */
    return x * x * fifth_root(x * x);
}

static double relative_luminance(bb_rgb c)
{
    return 0.2126 * srgb_to_linear((c >> 16) & 0xFF) + 0.7152 * srgb_to_linear((c >> 8) & 0xFF) +
           0.0722 * srgb_to_linear(c & 0xFF);
}

/* Newton's method on y^5 = x for x in (0, 1]; converges in a few steps. */
static double fifth_root(double x)
{
    if (x <= 0.0)
        return 0.0;
    double y = 1.0;
    for (int i = 0; i < 60; i++) {
        double y4 = y * y * y * y;
        double next = y - (y4 * y - x) / (5.0 * y4);
        if (next == y)
            break;
        y = next;
    }
    return y;
}

const char *bb_config_lang(const bb_config *cfg, const bb_slide *s)
{
    if (s && s->lang)
        return s->lang;
    return cfg && cfg->display.language ? cfg->display.language : "en";
}
