/*
 * fuzz_config: the config loader and validator (bb_config_load_string) on
 * arbitrary text, then the modules that consume a config that loaded: talk
 * states and countdown texts, the agenda order and the slide cycle.
 *
 * Invariants beyond "no crash, no leak, no undefined behaviour": a refused
 * config has at least one error and every message has text; an
 * accepted one has none.
 *
 * Sandbox: @include would let the input read any file (and libconfig would
 * happily parse /dev/urandom forever), so inputs mentioning it are refused,
 * as are inputs naming the kernel's pseudo file systems, which an image or
 * schedule path could otherwise open.  Relative paths resolve against an
 * empty directory of the harness's own.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_config.h"
#include "bb_cycle.h"
#include "bb_slide.h"
#include "bb_diag.h"
#include "bb_talk.h"
#include "fuzz_common.h"

/* Largest input, bytes: the sample config is ~10 KiB. */
#define FUZZ_CONFIG_MAX_INPUT (64 * 1024)
/* Simulated cycle run: steps of this many ms, this many steps. */
#define FUZZ_CYCLE_STEP_MS 700
#define FUZZ_CYCLE_STEPS 64
/* 2022-01-10T00:00:00Z, the week of the sample's talks. */
#define FUZZ_WALL 1641772800LL

static char sandbox[] = "/tmp/bb_fuzz_config_XXXXXX";
static bool sandbox_ready;

/* Words that must not appear anywhere in the input (case-insensitive). */
static const char *const refused[] = {"@include", "/dev", "/proc", "/sys", "/run"};

static bool contains_nocase(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* Created empty, so relative paths find nothing; removed by the OS's
     * tmp cleaning (libFuzzer exits through _exit paths we cannot hook). */
    sandbox_ready = mkdtemp(sandbox) != NULL;
    bb_log_set_level(BB_LOG_ERROR);
    return 0;
}

static void exercise_cycle(const bb_config *cfg)
{
    uint64_t now = 0;
    bb_instant wall = FUZZ_WALL;
    bb_cycle *cycle = bb_cycle_create(cfg, now, wall, true);
    FUZZ_ASSERT(cycle != NULL);
    for (int i = 0; i < FUZZ_CYCLE_STEPS; i++) {
        now += FUZZ_CYCLE_STEP_MS;
        wall += (i % 8 == 7) ? BB_SECONDS_PER_DAY : 1;   /* and a wall jump now and then */
        (void)bb_cycle_update(cycle, now, wall, i % 5 != 0);
        bb_cycle_view view;
        bb_cycle_view_get(cycle, now, &view);
        FUZZ_ASSERT(view.current >= -1 && view.current < cfg->n_slides);
        FUZZ_ASSERT(view.previous >= -1 && view.previous < cfg->n_slides);
        FUZZ_ASSERT(bb_cycle_ms_until_change(cycle, now) <= (uint64_t)BB_SECONDS_PER_DAY * 1000);
        if (i == 10)
            bb_cycle_next(cycle, now, wall, true);
        if (i == 20)
            bb_cycle_previous(cycle, now, wall, true);
        if (i == 30 || i == 31)
            bb_cycle_toggle_pause(cycle, now);
        if (i == 40)
            bb_cycle_set_config(cycle, cfg, now, wall, true);
    }
    for (int i = 0; i < cfg->n_slides; i++) {
        (void)bb_slide_eligible(cfg, i, wall, true);
        FUZZ_ASSERT(bb_slide_duration_ms(cfg, i) > 0);
    }
    bb_cycle_destroy(cycle);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_CONFIG_MAX_INPUT || !sandbox_ready)
        return 0;
    char *text = malloc(size + 1);
    FUZZ_ASSERT(text != NULL);
    memcpy(text, data, size);
    text[size] = '\0';
    /* libconfig reads up to the first NUL, as it would from a file. */
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        if (contains_nocase(text, refused[i])) {
            free(text);
            return 0;
        }
    }

    bb_diag_list *diags = bb_diag_list_create();
    FUZZ_ASSERT(diags != NULL);
    bb_config *cfg = bb_config_load_string(text, "fuzz.cfg", sandbox, diags);
    if (cfg) {
        FUZZ_ASSERT(bb_diag_error_count(diags) == 0);
        fuzz_exercise_talks(cfg, FUZZ_WALL);
        exercise_cycle(cfg);
    } else {
        FUZZ_ASSERT(bb_diag_error_count(diags) > 0);
    }
    for (int i = 0; i < bb_diag_count(diags); i++) {
        const bb_diag *d = bb_diag_get(diags, i);
        FUZZ_ASSERT(d && d->message && d->message[0]);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    free(text);
    return 0;
}
