/*
 * bb_cli: the command line, parsed into plain options.
 *
 * Every option takes its value either as the next argument ("--rotate 90")
 * or after an equals sign ("--rotate=90").  A mistake is reported on one line
 * that names the option and what was wrong, so a typo in a systemd unit file
 * reads plainly in the journal.
 */
#include "bb_cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bb_config.h"
#include "bb_diag.h"

#define PROGRAM "briefboard"
/* --size limits, pixels: below this nothing is legible; above 8K no panel,
 * and the renderer (bb_screen.h, BB_SCREEN_*_SIDE) takes the same range. */
#define CLI_MIN_SIDE_PX 64
#define CLI_MAX_SIDE_PX 8192
#define CLI_MAX_SLIDE 100000

typedef enum cli_arg { CLI_FLAG, CLI_VALUE } cli_arg;

typedef enum cli_opt {
    OPT_HELP, OPT_VERSION, OPT_CONFIG, OPT_CHECK, OPT_PRINT_SCHEDULE, OPT_NOW,
    OPT_SCREENSHOT, OPT_RENDER_ALL, OPT_SIZE, OPT_SLIDE, OPT_ROTATE, OPT_WINDOW,
    OPT_STATE_DIR, OPT_LIST_URLS, OPT_CHECK_SCHEDULE, OPT_CHECK_FEED,
    OPT_CONTROL, OPT_ALL, OPT_POWER
} cli_opt;

typedef struct cli_spec {
    const char *name;
    cli_opt opt;
    cli_arg arg;
} cli_spec;

static int set_mode(bb_options *o, bb_mode mode, const char **mode_name, const char *name,
                    FILE *err);
static int parse_value(bb_options *o, cli_opt opt, const char *name, const char *value,
                       FILE *err);
static int parse_int(const char *text, long min, long max, long *out);
static int parse_size(const char *text, int *w, int *h);
static bool ends_with_png(const char *path);

static const cli_spec cli_specs[] = {
    {"--help", OPT_HELP, CLI_FLAG},
    {"-h", OPT_HELP, CLI_FLAG},
    {"--version", OPT_VERSION, CLI_FLAG},
    {"--config", OPT_CONFIG, CLI_VALUE},
    {"--check", OPT_CHECK, CLI_FLAG},
    {"--print-schedule", OPT_PRINT_SCHEDULE, CLI_FLAG},
    {"--now", OPT_NOW, CLI_VALUE},
    {"--screenshot", OPT_SCREENSHOT, CLI_VALUE},
    {"--render-all", OPT_RENDER_ALL, CLI_VALUE},
    {"--size", OPT_SIZE, CLI_VALUE},
    {"--slide", OPT_SLIDE, CLI_VALUE},
    {"--rotate", OPT_ROTATE, CLI_VALUE},
    {"--window", OPT_WINDOW, CLI_FLAG},
    {"--power", OPT_POWER, CLI_VALUE},
    {"--state-dir", OPT_STATE_DIR, CLI_VALUE},
    {"--list-urls", OPT_LIST_URLS, CLI_FLAG},
    {"--check-schedule", OPT_CHECK_SCHEDULE, CLI_VALUE},
    {"--check-feed", OPT_CHECK_FEED, CLI_VALUE},
    {"--control", OPT_CONTROL, CLI_VALUE},
    {"--all", OPT_ALL, CLI_FLAG},
};

int bb_cli_parse(int argc, char **argv, bb_options *opts, FILE *err)
{
    const char *mode_name = NULL;
    memset(opts, 0, sizeof *opts);
    opts->mode = BB_MODE_DISPLAY;

    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *eq = strchr(arg, '=');
        size_t name_len = eq && strncmp(arg, "--", 2) == 0 ? (size_t)(eq - arg) : strlen(arg);
        const cli_spec *spec = NULL;
        for (size_t k = 0; k < sizeof cli_specs / sizeof cli_specs[0]; k++) {
            if (strlen(cli_specs[k].name) == name_len &&
                strncmp(cli_specs[k].name, arg, name_len) == 0) {
                spec = &cli_specs[k];
                break;
            }
        }
        if (!spec) {
            if (arg[0] == '-')
                fprintf(err, PROGRAM ": unknown option '%.*s' (see " PROGRAM " --help)\n",
                        (int)name_len, arg);
            else
                fprintf(err, PROGRAM ": unexpected argument '%s' (see " PROGRAM " --help)\n",
                        arg);
            return -1;
        }
        const char *value = NULL;
        if (spec->arg == CLI_FLAG) {
            if (arg[name_len] == '=') {
                fprintf(err, PROGRAM ": %s takes no value, got '%s'\n", spec->name,
                        arg + name_len + 1);
                return -1;
            }
        } else if (arg[name_len] == '=') {
            value = arg + name_len + 1;
        } else if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
            /* "--config --check" forgot the file; it does not name one. */
            value = argv[++i];
        } else {
            fprintf(err, PROGRAM ": %s: missing value\n", spec->name);
            return -1;
        }
        if (value && !*value) {
            fprintf(err, PROGRAM ": %s: empty value\n", spec->name);
            return -1;
        }
        if (parse_value(opts, spec->opt, spec->name, value, err) < 0)
            return -1;
        bb_mode mode = opts->mode;
        switch (spec->opt) {
        case OPT_HELP: mode = BB_MODE_HELP; break;
        case OPT_VERSION: mode = BB_MODE_VERSION; break;
        case OPT_CHECK: mode = BB_MODE_CHECK; break;
        case OPT_PRINT_SCHEDULE: mode = BB_MODE_PRINT_SCHEDULE; break;
        case OPT_SCREENSHOT: mode = BB_MODE_SCREENSHOT; break;
        case OPT_RENDER_ALL: mode = BB_MODE_RENDER_ALL; break;
        case OPT_POWER: mode = BB_MODE_POWER; break;
        case OPT_LIST_URLS: mode = BB_MODE_LIST_URLS; break;
        case OPT_CHECK_SCHEDULE: mode = BB_MODE_CHECK_SCHEDULE; break;
        case OPT_CHECK_FEED: mode = BB_MODE_CHECK_FEED; break;
        default: continue;
        }
        if (set_mode(opts, mode, &mode_name, spec->name, err) < 0)
            return -1;
    }
    if (opts->all && opts->mode != BB_MODE_RENDER_ALL) {
        fprintf(err, PROGRAM ": --all only goes with --render-all\n");
        return -1;
    }
    return 0;
}

void bb_cli_usage(FILE *out)
{
    fputs("Usage: " PROGRAM " [OPTION]...\n"
          "Full-screen briefing slides and talk countdowns for kiosks and lobby screens.\n"
          "\n"
          "Modes (default: run the display full screen):\n"
          "  --check                validate the config and its content; print\n"
          "                         FILE:LINE: error/warning lines; exit 0 when valid, 1 when not\n"
          "  --print-schedule       one tab-separated line per talk: id, start in UTC,\n"
          "                         start in the venue's zone, state, countdown text,\n"
          "                         change mark (new, time-changed, room-changed,\n"
          "                         cancelled or -)\n"
          "  --screenshot FILE.png  render one frame without a display and exit\n"
          "  --render-all DIR       render into DIR one PNG per slide the loop would show\n"
          "                         at that instant, and exit\n"
          "  --power on|off         switch the running display's panel on or off now\n"
          "                         (DPMS, HDMI-CEC); holds until quiet hours next begin or end\n"
          "  --list-urls            the config's `url` schedules and feeds, one tab-separated\n"
          "                         line each: URL, refresh in seconds, path of the fetched\n"
          "                         copy, kind (schedule or feed) (for briefboard-fetch)\n"
          "  --check-schedule FILE  is FILE a schedule briefboard reads? errors as\n"
          "                         FILE:LINE: error: ...; exit 0 when it is, 1 when not\n"
          "  --check-feed FILE      is FILE an RSS or Atom feed briefboard reads? the same\n"
          "  --help                 show this text;  --version  show the version\n"
          "\n"
          "Options:\n"
          "  --config FILE          the config file; otherwise $BRIEFBOARD_CONFIG,\n"
          "                         ./config/briefboard.cfg, /etc/briefboard/briefboard.cfg\n"
          "  --now TIME             start the wall clock at TIME, ISO 8601 with Z or an\n"
          "                         offset (2022-01-09T18:00:00Z); for previews and tests.\n"
          "                         Without it the config's clock.start (replay) is used when\n"
          "                         set, else the system clock\n"
          "  --size WxH             screen size for rendering, e.g. 1920x1080\n"
          "  --slide N              render (or start at) slide N, counting from 1\n"
          "  --rotate DEG           rotate the picture 0, 90, 180 or 270 degrees clockwise\n"
          "  --window               run in a desktop window instead of full screen\n"
          "  --state-dir DIR        where the programme's change marks are kept and fetched\n"
          "                         schedules are found; otherwise $STATE_DIRECTORY, else\n"
          "                         none (marks in memory only)\n"
          "  --control PATH         the control socket (default: $RUNTIME_DIRECTORY/control;\n"
          "                         none without either); see briefboardctl(1)\n"
          "  --all                  with --render-all: every slide, those the loop would\n"
          "                         skip named NN-TYPE-skipped.png\n"
          "\n"
          "Every option also takes its value as --option=value.\n"
          "Exit status: 0 ok, 1 invalid config, 2 usage or environment failure\n"
          "(no display, no usable font).\n",
          out);
}

const char *bb_cli_state_dir(const bb_options *opts, char *buf, size_t len)
{
    if (opts && opts->state_dir)
        return opts->state_dir;
    const char *env = getenv("STATE_DIRECTORY");
    if (!env || !*env || !len)
        return NULL;
    size_t n = strcspn(env, ":");
    if (n == 0 || n >= len)
        return NULL;
    memcpy(buf, env, n);
    buf[n] = '\0';
    return buf;
}

int bb_cli_check(const char *path, bb_layout_check_fn layout, FILE *out)
{
    int rc = BB_EXIT_ENVIRONMENT;
    bb_config *cfg = NULL;
    bb_diag_list *diags = bb_diag_list_create();
    if (!diags) {
        fprintf(stderr, PROGRAM ": out of memory\n");
        goto fail;
    }
    cfg = bb_config_load_file(path, diags);
    /* Content (layout, images) can only be judged on a config that loaded. */
    bool layout_failed = cfg && layout && layout(cfg, diags) < 0;
    bb_diag_sort(diags);
    bb_diag_print(diags, out);
    if (layout_failed)
        goto fail;
    rc = cfg && bb_diag_error_count(diags) == 0 ? BB_EXIT_OK : BB_EXIT_INVALID_CONFIG;
fail:
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    return rc;
}

/* One mode per run: "--check --print-schedule" is a mistake, not a choice.
 * Only --help (then --version) wins over anything: "--check --help" is
 * someone asking how --check works. */
static int set_mode(bb_options *o, bb_mode mode, const char **mode_name, const char *name,
                    FILE *err)
{
    if (o->mode == BB_MODE_HELP || (o->mode == BB_MODE_VERSION && mode != BB_MODE_HELP))
        return 0;
    if (*mode_name && o->mode != mode && mode != BB_MODE_HELP && mode != BB_MODE_VERSION) {
        fprintf(err, PROGRAM ": %s cannot be combined with %s\n", name, *mode_name);
        return -1;
    }
    o->mode = mode;
    *mode_name = name;
    return 0;
}

static int parse_value(bb_options *o, cli_opt opt, const char *name, const char *value,
                       FILE *err)
{
    long n;
    char why[64] = "";
    bb_iso iso;
    switch (opt) {
    case OPT_CONFIG:
        o->config = value;
        break;
    case OPT_POWER:
        if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0) {
            fprintf(err, PROGRAM ": %s: '%s' is neither 'on' nor 'off'\n", name, value);
            return -1;
        }
        o->power_on = strcmp(value, "on") == 0;
        break;
    case OPT_SCREENSHOT:
        if (!ends_with_png(value)) {
            fprintf(err, PROGRAM ": %s: expected a file name ending in .png, got '%s'\n", name,
                    value);
            return -1;
        }
        o->output = value;
        break;
    case OPT_RENDER_ALL:
        o->output = value;
        break;
    case OPT_NOW:
        if (bb_iso_parse(value, &iso, why, sizeof why) < 0) {
            fprintf(err, PROGRAM ": %s: expected an ISO 8601 time like 2022-01-09T18:00:00Z, "
                    "got '%s' (%s)\n", name, value, why[0] ? why : "malformed");
            return -1;
        }
        if (!iso.has_time || !iso.has_offset) {
            /* A bare local time would silently depend on the machine's zone. */
            fprintf(err, PROGRAM ": %s: '%s' needs a time of day and Z or an offset, "
                    "e.g. 2022-01-09T18:00:00Z or 2022-01-09T19:00:00+01:00\n", name, value);
            return -1;
        }
        o->has_now = true;
        o->now = bb_civil_to_instant(&iso.civil, iso.offset_s);
        break;
    case OPT_SIZE:
        if (parse_size(value, &o->width, &o->height) < 0) {
            fprintf(err, PROGRAM ": %s: expected WIDTHxHEIGHT between %dx%d and %dx%d, got '%s'\n",
                    name, CLI_MIN_SIDE_PX, CLI_MIN_SIDE_PX, CLI_MAX_SIDE_PX, CLI_MAX_SIDE_PX,
                    value);
            return -1;
        }
        break;
    case OPT_SLIDE:
        if (parse_int(value, 1, CLI_MAX_SLIDE, &n) < 0) {
            fprintf(err, PROGRAM ": %s: expected a slide number from 1, got '%s'\n", name, value);
            return -1;
        }
        o->slide = (int)n;
        break;
    case OPT_ROTATE:
        if (parse_int(value, 0, 270, &n) < 0 || n % 90 != 0) {
            fprintf(err, PROGRAM ": %s: expected 0, 90, 180 or 270, got '%s'\n", name, value);
            return -1;
        }
        o->has_rotate = true;
        o->rotate = (int)n;
        break;
    case OPT_WINDOW:
        o->windowed = true;
        break;
    case OPT_STATE_DIR:
        o->state_dir = value;
        break;
    case OPT_CHECK_SCHEDULE:
    case OPT_CHECK_FEED:
        o->schedule = value;
        break;
    case OPT_CONTROL:
        o->control = value;
        break;
    case OPT_ALL:
        o->all = true;
        break;
    default:
        break;
    }
    return 0;
}

/* A whole decimal number in [min, max], nothing else around it. */
static int parse_int(const char *text, long min, long max, long *out)
{
    char *end;
    if (!(*text >= '0' && *text <= '9'))
        return -1;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || *end || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

static int parse_size(const char *text, int *w, int *h)
{
    const char *x = strpbrk(text, "xX");
    long lw, lh;
    char buf[32];
    size_t wl = x ? (size_t)(x - text) : 0;
    if (!x || wl == 0 || wl >= sizeof buf)
        return -1;
    memcpy(buf, text, wl);
    buf[wl] = '\0';
    if (parse_int(buf, CLI_MIN_SIDE_PX, CLI_MAX_SIDE_PX, &lw) < 0 ||
        parse_int(x + 1, CLI_MIN_SIDE_PX, CLI_MAX_SIDE_PX, &lh) < 0)
        return -1;
    *w = (int)lw;
    *h = (int)lh;
    return 0;
}

static bool ends_with_png(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcasecmp(path + n - 4, ".png") == 0;
}
