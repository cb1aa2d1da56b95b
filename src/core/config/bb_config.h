/*
 * bb_config: the program's configuration, read from one libconfig file into
 * plain C structs.
 *
 * Loading applies defaults first, then overlays what the file sets, then
 * validates everything (types, ranges, required fields, cross references,
 * time zones, DST gaps and folds).  Every problem goes to a bb_diag_list with
 * the file and line of the offending setting, including inside @include'd
 * files.  All strings are copied: nothing here points into libconfig's memory,
 * which dies with config_destroy().
 */
#ifndef BB_CONFIG_H
#define BB_CONFIG_H

#include <stdbool.h>
#include <stdint.h>

#include "bb_daypart.h"
#include "bb_diag.h"
#include "bb_i18n.h"
#include "bb_time.h"
#include "bb_tz.h"

/* Limits, each with its unit. */
/* Items of one takeaways slide: more than fit at the legibility floor page. */
#define BB_MAX_TAKEAWAY_ITEMS 40
#define BB_MAX_PAGES 50                /* max_pages, the most a slide may ask for */
#define BB_DEFAULT_MAX_PAGES 6         /* --check warns past this many pages */
#define BB_MAX_FILTER_ITEMS 64         /* entries of a rooms/tracks list */
#define BB_MIN_SLIDE_DURATION_S 2
#define BB_MAX_SLIDE_DURATION_S 3600
#define BB_MAX_TRANSITION_MS 5000
#define BB_MAX_SAFE_AREA_PERCENT 20
#define BB_MAX_FONTS 8
/* Longest text setting, in bytes.  Far more than any slide can show
 * legibly; laying out megabytes of text would stall the display for
 * seconds (long enough for the systemd watchdog to restart it, into the
 * same config, again and again). */
#define BB_MAX_TEXT_BYTES 4000
#define BB_MAX_AGENDA_ROWS 20
#define BB_MAX_PARAGRAPHS 8            /* of an announcement (text slide) */
#define BB_MAX_FEED_ITEMS 8
#define BB_DEFAULT_FEED_ITEMS 5
#define BB_DEFAULT_FEED_REFRESH_S 900  /* how often a feed is expected to be fetched */
#define BB_FEED_STALE_PERIODS 4        /* stale_after's default, in refresh periods */
#define BB_MIN_FEED_REFRESH_S 60
#define BB_MAX_FEED_REFRESH_S 86400
#define BB_DEFAULT_AGENDA_ROWS 6
#define BB_DEFAULT_SLIDE_DURATION_S 10
#define BB_DEFAULT_TRANSITION_MS 600
#define BB_DEFAULT_IMMINENT_S 300
#define BB_DEFAULT_AGENDA_GRACE_S 300   /* timing.ended_grace */
#define BB_DEFAULT_NOW_GRACE_S 600    /* a room slide keeps a talk "now" this long after its start */
#define BB_MAX_NOW_GRACE_S 7200
#define BB_DEFAULT_TALK_MINUTES 60     /* a talk with neither end nor duration_min */
#define BB_MAX_TALK_MINUTES 20160      /* 14 days: longer is surely a typo */
#define BB_MAX_SCREEN_PIXELS 16384     /* per side */
#define BB_MAX_REPLAY_SPEED 3600.0     /* times real time */
#define BB_MAX_QR_URL_BYTES 256        /* a talk's or a QR code's address */
#define BB_MIN_CONTRAST 7.0            /* WCAG 2 AAA, for every text colour */
#define BB_CONFIG_VERSION 1            /* the only `version` this program reads */
#define BB_DEFAULT_CHANGE_HOURS 12     /* a programme change stays marked this long */
#define BB_MAX_CHANGE_HOURS 168        /* a week */
#define BB_DEFAULT_REFRESH_S 300       /* a `url` schedule is fetched this often */
#define BB_MIN_REFRESH_S 30
#define BB_MAX_REFRESH_S 86400
#define BB_MAX_URL_BYTES 2048

/* Programme change marks (bb_changes): the flags of bb_talk.change. */
#define BB_CHANGE_NEW 0x1u        /* not in the previous version of the programme */
#define BB_CHANGE_TIME 0x2u       /* its start or end moved */
#define BB_CHANGE_ROOM 0x4u       /* its room (or venue) changed */
#define BB_CHANGE_CANCELLED 0x8u  /* cancelled by status, or removed from the file */
#define BB_CHANGE_ALL 0xFu

typedef enum bb_slide_type {
    BB_SLIDE_TAKEAWAYS,
    BB_SLIDE_STAT,
    BB_SLIDE_QUOTE,
    BB_SLIDE_COUNTDOWN,
    BB_SLIDE_AGENDA,
    BB_SLIDE_IMAGE,
    BB_SLIDE_ROOM,        /* now and next in one room */
    BB_SLIDE_BOARD,       /* now and next in every room */
    BB_SLIDE_TEXT,        /* an announcement: heading, paragraphs, a QR code */
    BB_SLIDE_FEED,        /* the latest items of an RSS or Atom feed */
    BB_SLIDE_TYPE_COUNT
} bb_slide_type;

typedef enum bb_transition { BB_TRANSITION_CUT, BB_TRANSITION_FADE, BB_TRANSITION_SLIDE } bb_transition;

/* How a picture fills its area. */
typedef enum bb_fit {
    BB_FIT_CONTAIN,      /* all of it, letterboxed: the default */
    BB_FIT_COVER,        /* the whole area, cropped at the sides or top and bottom */
    BB_FIT_COUNT
} bb_fit;

typedef enum bb_theme { BB_THEME_DARK, BB_THEME_LIGHT, BB_THEME_COUNT } bb_theme;

typedef enum bb_talk_status {
    BB_STATUS_CONFIRMED,  /* the default */
    BB_STATUS_POSTPONED,
    BB_STATUS_CANCELLED,
    BB_STATUS_COUNT
} bb_talk_status;

/* 0xRRGGBB */
typedef uint32_t bb_rgb;

/* A list of owned strings. */
typedef struct bb_strv {
    char **v;
    int n;
} bb_strv;

/* Where a setting came from, for messages. file is owned by the config. */
typedef struct bb_source {
    const char *file;
    int line;
} bb_source;

typedef struct bb_palette {
    bb_rgb background;
    bb_rgb text;       /* body text */
    bb_rgb heading;    /* headings and big figures */
    bb_rgb accent;     /* highlights, bullets, live state */
    bb_rgb muted;      /* secondary text: sources, dates, footer */
    bb_rgb panel;      /* background of the footer and highlighted rows */
    bb_rgb alert;      /* imminent / live / cancelled */
} bb_palette;

typedef struct bb_display_settings {
    int width, height;        /* 0 = the desktop mode's size */
    bool fullscreen;          /* false: a window of width x height (development) */
    int rotation;             /* 0, 90, 180, 270 degrees clockwise */
    double safe_area_percent; /* margin on each edge for TV overscan, % of the side */
    bb_theme theme;
    bb_palette palette;       /* the theme's colours with any custom ones applied */
    bb_strv fonts;            /* family names, first choice first (fontconfig) */
    char *time_zone;          /* the screen's IANA zone; NULL = the system's */
    const bb_tz *tz;          /* the screen zone (owned by the config), never NULL */
    char *language;           /* language tag of the words on screen ("de", "en-US");
                                 NULL = English (bb_i18n.h) */
    bb_clock_format clock_format;  /* 12/24 hours; AUTO = the language's custom */
    bool cec;                 /* also switch the TV over HDMI-CEC (panel power) */
    char *cec_device;         /* the CEC adapter; NULL = /dev/cec0 */
} bb_display_settings;

typedef struct bb_cycle_settings {
    int default_duration_ms;
    bb_transition transition;
    int transition_ms;
    bool sync;          /* position from the synchronized wall clock (screens in step) */
} bb_cycle_settings;

typedef struct bb_footer_settings {
    bool enabled;
    bool clock;
    bool ticker;        /* the next talk, with its countdown */
    char *logo;         /* absolute path, or NULL */
} bb_footer_settings;

typedef struct bb_timing_settings {
    int imminent_s;      /* a talk within this many seconds of its start is "imminent" */
    int agenda_grace_s;  /* timing.ended_grace: an ended talk stays in the agenda at
                            most this long (and never once the next talk in its
                            room has started) */
    int now_grace_s;     /* a room slide shows a talk as "now" at least this long
                            after its start (late starts, short talks) */
    int change_s;        /* a programme change stays marked this long (change_hours);
                            0: no marks */
} bb_timing_settings;

/* The replay/preview clock: the display's wall clock starts at `start`. */
typedef struct bb_replay_settings {
    bool enabled;
    bb_instant start;
    double speed;        /* 1.0 = real time */
} bb_replay_settings;

/* What the screen shows during quiet hours. */
typedef enum bb_quiet_style {
    BB_QUIET_BLACK,
    BB_QUIET_CLOCK,
    BB_QUIET_OFF,          /* the panel itself off (DPMS, HDMI-CEC standby) */
    BB_QUIET_STYLE_COUNT
} bb_quiet_style;

/* Quiet hours and the emergency override. */
typedef struct bb_signage_settings {
    bb_daypart *quiet;        /* windows in the screen's zone; owned; NULL when none */
    int n_quiet;
    bb_quiet_style quiet_style;
    char *override_file;      /* absolute path of the drop-in message file, or NULL */
} bb_signage_settings;

typedef struct bb_talk {
    char *id;
    char *title;
    char *forum;          /* forum or series; may be NULL */
    char *venue;          /* venue or place; may be NULL */
    char *room;           /* may be NULL */
    char *track;          /* may be NULL */
    char *url;            /* the talk's web page (http or https), or NULL */
    bb_strv participants;
    bb_strv topics;
    bb_talk_status status;

    /* A talk has an exact start, or an expected_by window, or neither (TBA). */
    bool has_start;
    bb_instant start;     /* UTC */
    bb_instant end;       /* UTC; > start */
    const bb_tz *tz;      /* the venue's zone (owned by the config); never NULL */

    bool has_expected_by;
    bb_civil expected_from; /* year 0 when not given */
    bb_civil expected_by;   /* the last day (inclusive), in the venue's zone */

    /* Programme change marks, set after loading by bb_changes_apply (0 on a
     * config just loaded).  The mark shows while now < change_until. */
    unsigned change;        /* BB_CHANGE_* flags */
    bb_instant change_until;
    bool removed;           /* gone from its file: kept, cancelled, until its start */

    bb_source src;
} bb_talk;

/* What a fetched URL holds: the fetch service checks each download with
 * briefboard's own checker for that kind before it replaces the copy. */
typedef enum bb_url_kind {
    BB_URL_SCHEDULE,      /* a schedule's `url`: read like a `file` schedule */
    BB_URL_FEED           /* a feed slide's `url`: read by the slide */
} bb_url_kind;

/* A schedule or feed named by `url`: the fetch service (briefboard-fetch)
 * keeps a copy at `path`, which the display reads like a local file. */
typedef struct bb_schedule_url {
    char *url;            /* as configured */
    bb_url_kind kind;
    int refresh_s;        /* how often the fetch service asks for it */
    char *path;           /* the fetched copy (absolute, bb_fetch_cache_path), or
                             NULL when there is no state directory */
    bb_source src;
} bb_schedule_url;

typedef struct bb_slide {
    bb_slide_type type;
    bool enabled;
    int duration_ms;      /* 0 = the cycle's default */
    bool has_show_from, has_show_until;
    bb_instant show_from, show_until;

    /* takeaways */
    char *heading;
    bb_strv items;
    char *source;         /* also stat; may be NULL */
    bool has_date;
    bb_civil date;        /* the date line of a takeaways slide */

    /* stat */
    char *figure;
    char *caption;        /* also image */

    /* quote */
    char *quote;
    char *original;       /* the quote in its original language, or NULL
                             (`original`; read from the deprecated `translation`) */
    char *attribution;    /* may be NULL */

    /* countdown */
    char *talk_id;
    int talk_index;       /* index into bb_config.talks, resolved at load; -1 for
                             other slide types */

    /* agenda */
    char *title;          /* agenda heading; NULL = default */
    int max_rows;         /* 1..BB_MAX_AGENDA_ROWS, default BB_DEFAULT_AGENDA_ROWS */
    char *room_filter;    /* NULL = all; for a room slide, its room (required) */
    char *track_filter;   /* NULL = all */
    /* agenda and board: filters, each empty = all */
    bb_strv rooms;        /* rooms, in the order a board shows them */
    bb_strv tracks;
    char *room_prefix;    /* a room name's start (a building: "H.", "UB"); NULL = all */
    bool today_only;      /* agenda: only talks of the screen's today */

    /* list slides (takeaways, agenda, board): what does not fit pages */
    int page_seconds;     /* one page's time; 0 = the slide's duration */
    int max_pages;        /* --check warns past this many (BB_DEFAULT_MAX_PAGES) */

    /* image */
    char *image;          /* absolute path */
    bb_fit fit;

    /* text (announcement); heading as for takeaways */
    bb_strv paragraphs;
    char *qr_url;         /* a link shown as a QR code, or NULL */
    char *qr_caption;     /* the line under the code, or NULL */

    /* countdown and room: the talk's url as a QR code */
    bool qr;

    /* feed; title as for agenda (NULL: the feed's own) */
    char *feed_file;      /* absolute path of the feed document, or NULL */
    char *feed_url;       /* fetched by the fetch service, or NULL; one of the two is set */
    int max_items;        /* 1..BB_MAX_FEED_ITEMS */
    int refresh_s;        /* expected fetch period */
    int stale_after_s;    /* older than this: the slide says so */

    /* any type: `hours`, weekly windows (screen's zone) when the slide may
     * show; owned; NULL = always */
    bb_daypart *hours;
    int n_hours;

    char *lang;           /* `lang`: this slide's language tag; NULL = display.language */

    bb_source src;
} bb_slide;

typedef struct bb_config {
    char *path;           /* the main file, as given */
    char *base_dir;       /* absolute directory of the main file: relative paths
                             resolve here */
    bb_strv files;        /* the main file (as given), then every @include'd file
                             (absolute), nested ones too: watched for reload */

    bb_display_settings display;
    bb_cycle_settings cycle;
    bb_footer_settings footer;
    bb_timing_settings timing;
    bb_replay_settings replay;
    bb_signage_settings signage;
    bool kiosk_lock;      /* true: Q/Esc do not quit */
    int version;          /* the file's `version` (BB_CONFIG_VERSION) */
    bb_strv schedules;    /* absolute paths of external schedule files, in order
                             (fetched copies of `url` schedules too) */
    bb_schedule_url *urls;  /* the `url` schedules, then the feed slides' `url`s, in order */
    int n_urls;

    bb_talk *talks;
    int n_talks;
    bb_slide *slides;
    int n_slides;

    /* zones loaded for talks and the screen, owned here */
    bb_tz **zones;
    int n_zones;
    /* source file names referenced by bb_source, owned here */
    bb_strv source_files;
} bb_config;

/*
 * Load and validate a config file.  Problems (errors and warnings) are
 * appended to diags.  Returns a config the caller owns (bb_config_destroy)
 * when there is no error -- warnings do not fail -- or NULL when there is.
 */
bb_config *bb_config_load_file(const char *path, bb_diag_list *diags);

/*
 * The same, with `now` the display's clock (--now, a replay, the running
 * clock at a reload): everything the load computes from "now" -- the
 * window recurring calendar events are expanded in -- is anchored on it.
 * NULL does what bb_config_load_file does: the config's clock.start when
 * its replay is on, else the system clock (bb_import_anchor).  now is read
 * during the call only.
 */
bb_config *bb_config_load_file_at(const char *path, const bb_instant *now, bb_diag_list *diags);

/*
 * The same, from text in memory (tests).  name is used in messages as the
 * file name; relative paths and @include resolve against base_dir (NULL: the
 * working directory).  cfg->files lists only the @include'd files.
 */
bb_config *bb_config_load_string(const char *text, const char *name,
                                 const char *base_dir, bb_diag_list *diags);

/*
 * Only the `schedules` list of a config file (no import, no talks, no
 * slides, nothing else read): what the fetch service needs, also while the
 * rest of the file has errors -- a countdown may name a talk of a schedule
 * that is not fetched yet.  Returns NULL only on a syntax error or an error
 * in `schedules`.  Caller owns the result.
 */
bb_config *bb_config_load_urls(const char *path, bb_diag_list *diags);

/*
 * The state directory (--state-dir, $STATE_DIRECTORY) the loader finds
 * fetched copies of `url` schedules in (bb_fetch_cache_path).  Process-wide,
 * like the tz database: set once at start, before the first load; NULL
 * (the default) means none, and `url` schedules are skipped with a warning.
 * The string is copied.
 */
void bb_config_set_state_dir(const char *dir);
const char *bb_config_state_dir(void);

/* A config of defaults only, with no slides and no talks, the screen in the
 * system's zone.  Caller owns it; NULL when out of memory. */
bb_config *bb_config_create_default(void);

/* The language of slide `s`'s own words: its `lang`, else display.language,
 * else "en".  Never NULL (s may be NULL: the display's). */
const char *bb_config_lang(const bb_config *cfg, const bb_slide *s);

/* Frees everything; NULL is a no-op. */
void bb_config_destroy(bb_config *cfg);

/*
 * The config file to use: `cli_path` when not NULL, else $BRIEFBOARD_CONFIG,
 * else ./config/briefboard.cfg when it exists, else
 * /etc/briefboard/briefboard.cfg.  Returns a string the caller frees.
 */
char *bb_config_find(const char *cli_path);

/* Index of the talk with `id` in cfg->talks, or -1 (also for NULL arguments). */
int bb_config_find_talk(const bb_config *cfg, const char *id);

/* Is text a web address a QR code may point a phone at: "http://" or
 * "https://" (any case) followed by at least one character, no white space
 * or control character, at most 256 bytes (a longer one gives a code too
 * dense to scan across a room)?  False for NULL. */
bool bb_config_url_ok(const char *text);

/* Names used in the file, for messages: "takeaways", "fade", "dark",
 * "postponed".  Static strings; "?" for a value out of range. */
const char *bb_slide_type_name(bb_slide_type type);
const char *bb_transition_name(bb_transition t);
const char *bb_theme_name(bb_theme theme);
const char *bb_talk_status_name(bb_talk_status status);

/* The built-in colours of a theme, before any custom colour is applied.
 * Every text colour has at least BB_MIN_CONTRAST against background and panel. */
void bb_palette_for_theme(bb_theme theme, bb_palette *out);

/* WCAG 2 contrast ratio of two colours (1.0 - 21.0). */
double bb_contrast_ratio(bb_rgb a, bb_rgb b);

#endif
