/*
 * bb_config_private: what the parts of the config loader share
 * (bb_config.c, bb_config_read.c, bb_config_load.c, bb_config_talks.c,
 * bb_config_slides.c), and the schedule importer (bb_import*.c), which
 * appends talks and zones to the config being loaded.  Not for use outside
 * the config module and the importer.
 */
#ifndef BB_CONFIG_PRIVATE_H
#define BB_CONFIG_PRIVATE_H

#include <libconfig.h>
#include <stdbool.h>

#include "bb_config.h"

/* "did you mean" is offered when the edit distance is at most this. */
#define BB_SUGGEST_MAX_DISTANCE 2

/* One load in progress: where messages go and how to name their files. */
typedef struct bb_reader {
    bb_config *cfg;
    bb_diag_list *diags;
    const char *name;        /* the main file, as named in messages */
    char *include_prefix;    /* prepended to @include names in messages ("config/"); owned */
    bool has_now;            /* the caller gave the display's "now" ... */
    bb_instant now;          /* ... this one (bb_config_load_file_at) */
} bb_reader;

/* Allowed keys of a group, NULL-terminated. */
typedef const char *const bb_keys[];

/* --- bb_config.c: ownership helpers --- */

/* strdup that survives NULL (returns NULL). */
char *bb_cfg_strdup(const char *s);
/* Append a copy of s; returns 0, or -1 when out of memory. */
int bb_strv_push(bb_strv *v, const char *s);
void bb_strv_free(bb_strv *v);
/* A copy of file owned by the config (deduplicated), for bb_source. */
const char *bb_cfg_intern_file(bb_config *cfg, const char *file);
/* The zone named `name`, loaded once and owned by the config; NULL when unknown. */
const bb_tz *bb_cfg_zone(bb_config *cfg, const char *name);
/* A fixed-offset zone owned by the config; NULL when out of memory. */
const bb_tz *bb_cfg_zone_fixed(bb_config *cfg, int offset_s);
/* path resolved against cfg->base_dir (absolute paths kept); caller frees. */
char *bb_cfg_resolve_path(const bb_config *cfg, const char *path);
/* An asset (image, logo, schedule): path against cfg->base_dir; when that
 * does not exist and path is relative, the install data directory
 * (BB_DATADIR) with leading "../" removed.  Returns the first that exists,
 * else the config-relative one (for the message); caller frees. */
char *bb_cfg_find_asset(const bb_config *cfg, const char *path);
/* Parse "#RRGGBB"; returns 0, or -1 when malformed. */
int bb_parse_rgb(const char *text, bb_rgb *out);

/* --- bb_config_read.c: typed reads that report problems --- */

/* The line of a setting (0 for the root). */
int bb_rd_line(const config_setting_t *s);
void bb_rd_error(bb_reader *r, const config_setting_t *s, const char *fmt, ...) BB_PRINTF(3, 4);
void bb_rd_warning(bb_reader *r, const config_setting_t *s, const char *fmt, ...) BB_PRINTF(3, 4);
/* Where s was set (file named as in messages), for bb_talk.src / bb_slide.src. */
bb_source bb_rd_source(bb_reader *r, const config_setting_t *s);

/* Warn about every key of group not in allowed ("did you mean" when close).
 * what names the group in messages ("display", "talk"). */
void bb_rd_check_keys(bb_reader *r, const config_setting_t *group, bb_keys allowed,
                      const char *what);
/* The allowed word closest to word within BB_SUGGEST_MAX_DISTANCE, or NULL. */
const char *bb_rd_suggest(const char *word, const char *const *candidates, int n);

/* Each reader below returns 1 when the key is set and valid (*out written),
 * 0 when it is absent (or it is required and missing: an error was added),
 * -1 when it is set but wrong (an error was added).  `what` names the
 * enclosing group in the "missing" message.  An empty string counts as
 * absent for an optional string (*out becomes NULL) and is an error for a
 * required one or an enumeration. */
int bb_rd_string(bb_reader *r, const config_setting_t *group, const char *key,
                 const char *what, bool required, char **out);
int bb_rd_bool(bb_reader *r, const config_setting_t *group, const char *key, bool *out);
int bb_rd_int(bb_reader *r, const config_setting_t *group, const char *key, int min,
              int max, const char *unit, int *out);
/* Integer or float. */
int bb_rd_number(bb_reader *r, const config_setting_t *group, const char *key,
                 double min, double max, const char *unit, double *out);
/* One of words[0..n-1]; *out is the index. */
int bb_rd_enum(bb_reader *r, const config_setting_t *group, const char *key,
               const char *const *words, int n, int *out);
/* An array or list of non-empty strings with min..max entries. */
int bb_rd_strv(bb_reader *r, const config_setting_t *group, const char *key, int min,
               int max, bb_strv *out);
/* A string naming a file, relative to the config's directory, that must be
 * readable (and a PNG or JPEG when image); *out is its absolute path. */
int bb_rd_file_path(bb_reader *r, const config_setting_t *group, const char *key,
                    const char *what, bool required, bool image, char **out);

/* A language tag setting (`display.language`, a slide's `lang`) into *out
 * (owned): an error when malformed, a warning when briefboard has no
 * catalog for it (the words stay English; dates still follow it).
 * Returns 1, 0 when absent, -1 after an error. */
int bb_cfg_read_language(bb_reader *r, const config_setting_t *g, const char *key, char **out);

/*
 * The string setting s as a date or date-time.  A reading without an offset
 * is local time in tz: a DST gap is an error, a fold a warning (the first
 * occurrence is used).  A bare date is midnight at its start.  need_time:
 * a bare date is an error.  iso (optional) receives the parsed fields.
 * Returns 0, or -1 after adding an error.
 */
int bb_rd_instant(bb_reader *r, const config_setting_t *s, const bb_tz *tz, bool need_time,
                  bb_iso *iso, bb_instant *out);
/* A bare date "YYYY-MM-DD" into *out.  Returns 0, or -1 after an error. */
int bb_rd_date(bb_reader *r, const config_setting_t *s, bb_civil *out);

/* The error for a zone name the tz database lacks, with a suggestion. */
void bb_rd_unknown_zone(bb_reader *r, const config_setting_t *s, const char *name);

/* "2022-01-10T09:00" / "+01:00" for messages. */
void bb_format_civil(const bb_civil *c, bool with_time, char *buf, size_t len);
void bb_format_offset_only(int offset_s, char *buf, size_t len);

/* --- the parts of a config --- */
void bb_cfg_read_talks(bb_reader *r, const config_setting_t *list);
void bb_cfg_read_slides(bb_reader *r, const config_setting_t *list);
/* Only the feed slides' `url`s of the slides list into cfg->urls (the fetch
 * service's view, --list-urls): the rest of each slide is not read, so an
 * error elsewhere in a slide does not stop the fetching of its feed. */
void bb_cfg_read_feed_urls(bb_reader *r, const config_setting_t *list);
/* Add url (the setting us) of kind to cfg->urls, its copy's path in the
 * state directory (bb_fetch_cache_path) into *path_out (borrowed from cfg;
 * NULL, with a warning, when there is no state directory).  Returns 0, or
 * -1 after an error (a URL the fetch service would not take, no memory). */
int bb_cfg_add_url(bb_reader *r, const config_setting_t *us, const char *url, int refresh_s,
                   bb_url_kind kind, const char **path_out);

/* --- bb_config_signage.c --- */

/* The root's `override`, `quiet` and `quiet_style` settings. */
void bb_cfg_read_signage(bb_reader *r, const config_setting_t *root);
/* Weekly windows from s: one group { days = [...]; from = "HH:MM";
 * until = "HH:MM"; } or a list of them.  *out (owned by the caller, freed
 * with free) and *n are set only when every window is valid.  Returns 1, or
 * -1 after adding errors. */
int bb_cfg_read_dayparts(bb_reader *r, const config_setting_t *s, const char *what,
                         bb_daypart **out, int *n);

#endif
