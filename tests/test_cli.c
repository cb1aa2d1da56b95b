/*
 * test_cli: the command line (table-driven: each argv, the options it must
 * give or the one error line it must print) and the --print-schedule lines
 * (talks built by hand; no config file).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_cli.h"
#include "bb_config.h"
#include "bb_diag.h"
#include "bb_schedule.h"
#include "bb_talk.h"
#include "bb_test.h"

#define MAX_ARGS 8
#define ERR_BUF 512

/* One argv that must be refused, and words its error line must contain. */
typedef struct bad_case {
    const char *args[MAX_ARGS];
    const char *want1;
    const char *want2;
} bad_case;

static const bad_case bad_cases[] = {
    {{"--rotate", "45"}, "briefboard: --rotate: expected 0, 90, 180 or 270, got '45'", NULL},
    {{"--rotate=360"}, "--rotate: expected 0, 90, 180 or 270, got '360'", NULL},
    {{"--rotate", "-90"}, "--rotate", "'-90'"},
    {{"--rotate", "90deg"}, "--rotate", "'90deg'"},
    {{"--frobnicate"}, "unknown option '--frobnicate'", "--help"},
    {{"--frobnicate=3"}, "unknown option '--frobnicate'", NULL},
    {{"-x"}, "unknown option '-x'", NULL},
    {{"briefboard.cfg"}, "unexpected argument 'briefboard.cfg'", NULL},
    {{"--check=yes"}, "--check takes no value", "'yes'"},
    {{"--window=1"}, "--window takes no value", NULL},
    {{"--config"}, "--config: missing value", NULL},
    {{"--config", "--check"}, "--config: missing value", NULL},
    {{"--config="}, "--config: empty value", NULL},
    {{"--now", "2022-01-09T18:00:00"}, "--now: '2022-01-09T18:00:00' needs", "offset"},
    {{"--now", "2022-01-09"}, "--now: '2022-01-09' needs", NULL},
    {{"--now", "yesterday"}, "--now: expected an ISO 8601 time", "'yesterday'"},
    {{"--now=2022-13-09T18:00:00Z"}, "--now", "'2022-13-09T18:00:00Z'"},
    {{"--now=2022-02-29T18:00:00Z"}, "--now", "'2022-02-29T18:00:00Z'"},
    {{"--size", "1920"}, "--size: expected WIDTHxHEIGHT", "'1920'"},
    {{"--size", "0x0"}, "--size", "'0x0'"},
    {{"--size", "1920x1080x3"}, "--size", "'1920x1080x3'"},
    {{"--size", "x1080"}, "--size", "'x1080'"},
    {{"--size", "axb"}, "--size", "'axb'"},
    {{"--size", "99999x1080"}, "--size", "'99999x1080'"},
    {{"--size", "8193x1080"}, "--size: expected WIDTHxHEIGHT between 64x64 and 8192x8192", NULL},
    {{"--size", "1920x63"}, "--size", "'1920x63'"},
    {{"--size", "+1920x1080"}, "--size", NULL},
    {{"--slide", "0"}, "--slide: expected a slide number from 1, got '0'", NULL},
    {{"--slide", "-1"}, "--slide", "'-1'"},
    {{"--slide", "2a"}, "--slide", "'2a'"},
    {{"--slide", ""}, "--slide: empty value", NULL},
    {{"--screenshot", "frame.jpg"}, "--screenshot: expected a file name ending in .png", NULL},
    {{"--screenshot", ".png"}, "--screenshot", NULL},
    {{"--render-all"}, "--render-all: missing value", NULL},
    {{"--check", "--print-schedule"}, "--print-schedule cannot be combined with --check", NULL},
    {{"--screenshot", "a.png", "--render-all", "dir"}, "--render-all cannot be combined", NULL},
    {{"--power", "maybe"}, "--power", "neither 'on' nor 'off'"},
    {{"--power"}, "--power: missing value", NULL},
    {{"--power", "off", "--check"}, "--check cannot be combined with --power", NULL},
};

/* Parse args; the error text (if any) goes to err_text. */
static int parse(const char *const *args, bb_options *o, char *err_text)
{
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = (char *)(uintptr_t) "briefboard";
    for (int i = 0; i < MAX_ARGS && args[i]; i++)
        argv[argc++] = (char *)(uintptr_t)args[i];
    argv[argc] = NULL;
    FILE *err = tmpfile();
    int rc = bb_cli_parse(argc, argv, o, err);
    rewind(err);
    size_t n = fread(err_text, 1, ERR_BUF - 1, err);
    err_text[n] = '\0';
    fclose(err);
    return rc;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_bad_options(void)
{
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *bc = &bad_cases[i];
        bb_options o;
        char err[ERR_BUF];
        int rc = parse(bc->args, &o, err);
        if (rc != -1)
            fprintf(stderr, "case %zu (%s) was accepted\n", i, bc->args[0]);
        CHECK_INT(rc, -1);
        /* Exactly one line, starting with the program's name. */
        CHECK_INT(count_lines(err), 1);
        CHECK(strncmp(err, "briefboard: ", 12) == 0);
        CHECK_CONTAINS(err, bc->want1);
        if (bc->want2)
            CHECK_CONTAINS(err, bc->want2);
    }
}

static void test_good_options(void)
{
    bb_options o;
    char err[ERR_BUF];

    CHECK_INT(parse((const char *[]){NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_DISPLAY);
    CHECK(o.config == NULL && o.output == NULL && !o.has_now && !o.has_rotate && !o.windowed);
    CHECK_INT(o.width, 0);
    CHECK_INT(o.slide, 0);
    CHECK_STR(err, "");

    CHECK_INT(parse((const char *[]){"--power", "off", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_POWER);
    CHECK(!o.power_on);
    CHECK_INT(parse((const char *[]){"--power=on", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_POWER);
    CHECK(o.power_on);

    CHECK_INT(parse((const char *[]){"--help", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_HELP);
    CHECK_INT(parse((const char *[]){"-h", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_HELP);
    CHECK_INT(parse((const char *[]){"--version", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_VERSION);
    /* --help wins over every other mode, --version over all but --help. */
    CHECK_INT(parse((const char *[]){"--check", "--help", "--print-schedule", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_HELP);
    CHECK_INT(parse((const char *[]){"--version", "--help", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_HELP);
    CHECK_INT(parse((const char *[]){"--render-all", "d", "--version", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_VERSION);

    CHECK_INT(parse((const char *[]){"--config", "a.cfg", "--check", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_CHECK);
    CHECK_STR(o.config, "a.cfg");
    CHECK_INT(parse((const char *[]){"--check", "--config=b=c.cfg", "--check", NULL}, &o, err), 0);
    CHECK_STR(o.config, "b=c.cfg");
    CHECK_INT(o.mode, BB_MODE_CHECK);

    /* --now: Z and an offset name the same instant. */
    CHECK_INT(parse((const char *[]){"--print-schedule", "--now", "2022-01-09T18:00:00Z", NULL},
                    &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_PRINT_SCHEDULE);
    CHECK(o.has_now);
    CHECK_INT(o.now, 1641751200);
    CHECK_INT(parse((const char *[]){"--now=2022-01-09T19:00:00+01:00", NULL}, &o, err), 0);
    CHECK_INT(o.now, 1641751200);
    CHECK_INT(o.mode, BB_MODE_DISPLAY);
    CHECK_INT(parse((const char *[]){"--now", "2022-01-09T13:00:00-05:00", NULL}, &o, err), 0);
    CHECK_INT(o.now, 1641751200);

    CHECK_INT(parse((const char *[]){"--screenshot", "out/frame.PNG", "--size", "1080x1920",
                                     "--slide", "3", "--rotate=90", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_SCREENSHOT);
    CHECK_STR(o.output, "out/frame.PNG");
    CHECK_INT(o.width, 1080);
    CHECK_INT(o.height, 1920);
    CHECK_INT(o.slide, 3);
    CHECK(o.has_rotate);
    CHECK_INT(o.rotate, 90);

    CHECK_INT(parse((const char *[]){"--render-all=previews", "--rotate", "0", NULL}, &o, err), 0);
    CHECK_INT(o.mode, BB_MODE_RENDER_ALL);
    CHECK_STR(o.output, "previews");
    CHECK(o.has_rotate);
    CHECK_INT(o.rotate, 0);
    CHECK_INT(parse((const char *[]){"--rotate", "270", "--size=3840X2160", "--window", NULL},
                    &o, err), 0);
    CHECK_INT(o.rotate, 270);
    CHECK_INT(o.width, 3840);
    CHECK(o.windowed);
    CHECK_STR(err, "");
    CHECK_INT(parse((const char *[]){"--size", "8192x64", NULL}, &o, err), 0);
    CHECK_INT(o.width, 8192);
    CHECK_INT(o.height, 64);
}

static void test_usage(void)
{
    char text[4096];
    FILE *f = tmpfile();
    bb_cli_usage(f);
    rewind(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    const char *names[] = {"--help", "--version", "--config", "--check", "--print-schedule",
                           "--now", "--screenshot", "--render-all", "--size", "--slide",
                           "--rotate", "--window", "clock.start", "BRIEFBOARD_CONFIG",
                           "/etc/briefboard/briefboard.cfg", "--option=value"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        CHECK_CONTAINS(text, names[i]);
}

static void test_schedule_lines(void)
{
    bb_tz *cet = bb_tz_load("Europe/Zurich");
    CHECK(cet != NULL);
    if (!cet)
        return;
    bb_timing_settings timing = {.imminent_s = 300, .agenda_grace_s = 900};
    bb_civil start = {2022, 1, 10, 8, 0, 0};
    bb_instant now = bb_civil_to_instant(&(bb_civil){2022, 1, 9, 18, 0, 0}, 0);
    bb_talk t;
    memset(&t, 0, sizeof t);
    t.id = (char *)(uintptr_t) "geneva-ssd";
    t.has_start = true;
    t.start = bb_civil_to_instant(&start, 0);
    t.end = t.start + 8 * 3600;
    t.tz = cet;
    char line[BB_SCHEDULE_LINE_BUF];
    bb_schedule_format_line(&t, &timing, now, true, line, sizeof line);
    CHECK_STR(line, "geneva-ssd\t2022-01-10T08:00:00Z\t2022-01-10T09:00:00+01:00\tscheduled\t"
                    "14:00:00\t-");
    bb_schedule_format_line(&t, &timing, now, false, line, sizeof line);
    CHECK_STR(line, "geneva-ssd\t2022-01-10T08:00:00Z\t2022-01-10T09:00:00+01:00\tunsynced\t"
                    "waiting for time sync\t-");
    /* The venue's offset at the start, not today's: summer time in July. */
    t.start += 181 * 86400;
    t.end = t.start + 3600;
    bb_schedule_format_line(&t, &timing, now, true, line, sizeof line);
    CHECK_STR(line, "geneva-ssd\t2022-07-10T08:00:00Z\t2022-07-10T10:00:00+02:00\tscheduled\t"
                    "in 181 d 14:00:00\t-");
    bb_schedule_format_line(&t, &timing, t.start + 60, true, line, sizeof line);
    CHECK_CONTAINS(line, "\tlive\tLIVE \xc2\xb7 started 1 min ago");

    /* No exact date: "-" in both time columns. */
    bb_talk e;
    memset(&e, 0, sizeof e);
    e.id = (char *)(uintptr_t) "us-russia-third-country";
    e.has_expected_by = true;
    e.expected_by = (bb_civil){2025, 3, 8, 0, 0, 0};
    e.tz = cet;
    bb_schedule_format_line(&e, &timing, now, true, line, sizeof line);
    CHECK_STR(line, "us-russia-third-country\t-\t-\texpected\texpected by Sat 8 Mar 2025\t-");

    /* A short buffer is cut, and the full length is still reported. */
    char tiny[8];
    int full = bb_schedule_format_line(&e, &timing, now, true, tiny, sizeof tiny);
    CHECK_STR(tiny, "us-russ");
    CHECK_INT(full, (long long)strlen(line));
    CHECK_INT(bb_schedule_format_line(NULL, &timing, now, true, line, sizeof line), -1);
    bb_tz_destroy(cet);
}

/* Read a tmpfile's whole text into buf. */
static void slurp(FILE *f, char *buf, size_t len)
{
    rewind(f);
    size_t n = fread(buf, 1, len - 1, f);
    buf[n] = '\0';
}

static char data_path[512];

static const char *data_file(const char *name)
{
    const char *dir = getenv("BB_TEST_DATA");
    snprintf(data_path, sizeof data_path, "%s/cli/%s", dir ? dir : "tests/data", name);
    return data_path;
}

static int layout_calls;

static int layout_ok(const bb_config *cfg, bb_diag_list *diags)
{
    (void)cfg;
    (void)diags;
    layout_calls++;
    return 0;
}

/* A slide that does not fit: a warning at the first slide's line. */
static int layout_warns(const bb_config *cfg, bb_diag_list *diags)
{
    layout_calls++;
    bb_diag_add(diags, BB_WARNING, cfg->slides[0].src.file, cfg->slides[0].src.line,
                "text does not fit");
    return 0;
}

static int layout_no_fonts(const bb_config *cfg, bb_diag_list *diags)
{
    (void)cfg;
    (void)diags;
    layout_calls++;
    return -1;
}

static void test_check_run(void)
{
    char text[4096];
    FILE *out = tmpfile();

    /* A valid file: nothing printed, the layout check ran once. */
    layout_calls = 0;
    CHECK_INT(bb_cli_check(data_file("schedule.cfg"), NULL, layout_ok, out), BB_EXIT_OK);
    CHECK_INT(layout_calls, 1);
    slurp(out, text, sizeof text);
    CHECK_STR(text, "");

    /* The layout's warnings join the config's, sorted by line. */
    out = freopen(NULL, "w+", out);
    CHECK_INT(bb_cli_check(data_file("warnings-only.cfg"), NULL, layout_warns, out), BB_EXIT_OK);
    slurp(out, text, sizeof text);
    CHECK_INT(count_lines(text), 3);
    const char *clok = strstr(text, "warnings-only.cfg:3: warning: ");
    const char *fit = strstr(text, "warnings-only.cfg:9: warning: text does not fit");
    const char *fold = strstr(text, "warnings-only.cfg:7: warning: ");
    CHECK(clok && fit && fold && clok < fold && fold < fit);

    /* Errors: exit 1, and the layout is not judged on a config that failed. */
    out = freopen(NULL, "w+", out);
    layout_calls = 0;
    CHECK_INT(bb_cli_check(data_file("broken-many.cfg"), NULL, layout_ok, out), BB_EXIT_INVALID_CONFIG);
    CHECK_INT(layout_calls, 0);
    slurp(out, text, sizeof text);
    CHECK_INT(count_lines(text), 10);
    CHECK_CONTAINS(text, "broken-many.cfg:16: error: ");

    /* No usable font: the environment, exit 2. */
    out = freopen(NULL, "w+", out);
    CHECK_INT(bb_cli_check(data_file("schedule.cfg"), NULL, layout_no_fonts, out), BB_EXIT_ENVIRONMENT);

    /* A missing file; and no layout check at all. */
    out = freopen(NULL, "w+", out);
    CHECK_INT(bb_cli_check(data_file("missing.cfg"), NULL, NULL, out), BB_EXIT_INVALID_CONFIG);
    slurp(out, text, sizeof text);
    CHECK_CONTAINS(text, "missing.cfg: error: cannot open");
    CHECK_INT(count_lines(text), 1);
    fclose(out);
}

static void test_schedule_instant(void)
{
    bb_options opts;
    memset(&opts, 0, sizeof opts);
    bb_config *cfg = bb_config_create_default();
    bb_clock *clock = bb_clock_create_fake(1700000000);
    bool synced = false;
    CHECK(cfg && clock);
    if (!cfg || !clock)
        goto done;

    /* The system clock, with its synchronized flag. */
    bb_clock_fake_set_synchronized(clock, false);
    CHECK_INT(bb_schedule_instant(&opts, cfg, clock, &synced), 1700000000);
    CHECK(!synced);
    bb_clock_fake_set_synchronized(clock, true);
    CHECK_INT(bb_schedule_instant(&opts, cfg, clock, &synced), 1700000000);
    CHECK(synced);
    /* The replay clock's start beats it, and is always trusted. */
    bb_clock_fake_set_synchronized(clock, false);
    cfg->replay.enabled = true;
    cfg->replay.start = 1641751200;
    CHECK_INT(bb_schedule_instant(&opts, cfg, clock, &synced), 1641751200);
    CHECK(synced);
    /* --now beats both. */
    opts.has_now = true;
    opts.now = 1600000000;
    synced = false;
    CHECK_INT(bb_schedule_instant(&opts, cfg, clock, &synced), 1600000000);
    CHECK(synced);
    /* A real system clock when none is given: some time after 2020. */
    opts.has_now = false;
    cfg->replay.enabled = false;
    CHECK(bb_schedule_instant(&opts, cfg, NULL, &synced) > 1577836800);
done:
    bb_clock_destroy(clock);
    bb_config_destroy(cfg);
}

static void test_schedule_run(void)
{
    char text[4096], errs[4096];
    FILE *out = tmpfile(), *err = tmpfile();
    bb_options opts;
    memset(&opts, 0, sizeof opts);
    opts.has_now = true;
    opts.now = bb_civil_to_instant(&(bb_civil){2023, 3, 26, 0, 30, 0}, 0);
    CHECK_INT(bb_schedule_run(data_file("schedule.cfg"), &opts, out, err), BB_EXIT_OK);
    slurp(out, text, sizeof text);
    slurp(err, errs, sizeof errs);
    CHECK_INT(count_lines(text), 9);
    CHECK(strncmp(text, "after-dst\t2023-03-26T08:00:00Z\t2023-03-26T10:00:00+02:00\tscheduled\t"
                        "07:30:00\t-\nlive\t", 79) == 0);
    CHECK_STR(errs, "");

    out = freopen(NULL, "w+", out);
    err = freopen(NULL, "w+", err);
    CHECK_INT(bb_schedule_run(data_file("broken-syntax.cfg"), &opts, out, err),
              BB_EXIT_INVALID_CONFIG);
    slurp(out, text, sizeof text);
    slurp(err, errs, sizeof errs);
    CHECK_STR(text, "");
    CHECK_CONTAINS(errs, "broken-syntax.cfg:6: error: ");
    fclose(out);
    fclose(err);
}

int main(void)
{
    test_bad_options();
    test_good_options();
    test_usage();
    test_schedule_lines();
    test_check_run();
    test_schedule_instant();
    test_schedule_run();
    return bb_test_finish("test_cli");
}
