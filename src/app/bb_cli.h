/*
 * bb_cli: the command line, parsed into plain options.
 */
#ifndef BB_CLI_H
#define BB_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "bb_time.h"

typedef enum bb_mode {
    BB_MODE_DISPLAY,        /* the default: run the display */
    BB_MODE_CHECK,          /* --check */
    BB_MODE_PRINT_SCHEDULE, /* --print-schedule */
    BB_MODE_SCREENSHOT,     /* --screenshot FILE */
    BB_MODE_RENDER_ALL,     /* --render-all DIR */
    BB_MODE_POWER,          /* --power on|off: ask the running display */
    BB_MODE_LIST_URLS,      /* --list-urls: the `url` schedules, for the fetch service */
    BB_MODE_CHECK_SCHEDULE, /* --check-schedule FILE: is FILE a schedule we read? */
    BB_MODE_CHECK_FEED,     /* --check-feed FILE: is FILE a feed we read? */
    BB_MODE_HELP,
    BB_MODE_VERSION
} bb_mode;

typedef struct bb_options {
    bb_mode mode;
    const char *config;      /* --config FILE (borrowed from argv), or NULL */
    const char *output;      /* --screenshot FILE / --render-all DIR */
    bool has_now;
    bb_instant now;          /* --now TIME */
    int width, height;       /* --size WxH; 0 = default */
    int slide;               /* --slide N (1-based as typed; 0 = not given) */
    bool has_rotate;
    int rotate;              /* --rotate DEG */
    bool windowed;           /* --window: a desktop window instead of full screen */
    bool power_on;           /* --power on (true) or off */
    const char *state_dir;   /* --state-dir DIR (borrowed), or NULL */
    const char *schedule;    /* --check-schedule or --check-feed FILE (borrowed) */
    const char *control;     /* --control PATH: the control socket (borrowed), or NULL */
    bool all;                /* --all: --render-all writes skipped slides too */
} bb_options;

/* Exit codes, as briefboard(1) lists them under EXIT STATUS. */
#define BB_EXIT_OK 0
#define BB_EXIT_INVALID_CONFIG 1
#define BB_EXIT_ENVIRONMENT 2
#define BB_EXIT_USAGE 2

/*
 * Parse argv into *opts.  Returns 0 on success; on a wrong option or value
 * writes one line "briefboard: <what is wrong>" (and a hint to --help) to err
 * and returns -1 (the caller exits BB_EXIT_USAGE).
 */
int bb_cli_parse(int argc, char **argv, bb_options *opts, FILE *err);

/*
 * The state directory to use: --state-dir, else the first directory of
 * $STATE_DIRECTORY (systemd's StateDirectory=; a colon-separated list),
 * else NULL (no state: change marks in memory only, no fetched schedules).
 * The result is borrowed from opts, the environment or buf (len bytes).
 */
const char *bb_cli_state_dir(const bb_options *opts, char *buf, size_t len);

/* The --help text. */
void bb_cli_usage(FILE *out);

/* The display's half of --check (bb_app_check_layout), passed in so that the
 * core stays free of SDL: adds layout problems to diags; 0, or -1 when the
 * environment (fonts) is unusable. */
struct bb_config;
struct bb_diag_list;
typedef int (*bb_layout_check_fn)(const struct bb_config *cfg, struct bb_diag_list *diags);

/*
 * The whole --check run: load the config at path; when it loads, run
 * `layout` (may be NULL) for the content problems; print every problem,
 * sorted by file and line, to out as "FILE:LINE: error: ..." / "warning:".
 * Returns the process exit code: BB_EXIT_OK when there is no error (warnings
 * allowed), BB_EXIT_INVALID_CONFIG when there is one, BB_EXIT_ENVIRONMENT when
 * the layout check cannot run.
 */
int bb_cli_check(const char *path, bb_layout_check_fn layout, FILE *out);

#endif
