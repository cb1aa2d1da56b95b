/*
 * hostile: while the real program runs (headless, offscreen), replace its
 * config 200 times with random corruptions of the sample -- truncations,
 * deleted braces, wrong types, binary junk, a 10 MB string (and a 1 MB
 * one under the loader's size cap), deep nesting, a
 * missing include, a deleted file -- and check after each one that
 *
 *  - the process is alive and still drawing (frames keep coming),
 *  - a corruption that does not validate was refused: the config-error
 *    marker is up and the last good config (its slide count) still shows,
 *  - a change that does validate (a truncation can end on a statement) was
 *    taken, and becomes the new "last good",
 *
 * and that the original file brings everything back (marker gone), and the
 * program then quits cleanly on SIGTERM (exit 0; under ASan: no leaks).
 *
 * Whether a corruption validates is decided by the same loader the program
 * uses (bb_config_load_file), on the same files, before the program sees
 * them.  Environment: BB_SOURCE_DIR (the sample config and its assets),
 * BB_HOSTILE_ROUNDS (default 200), BB_HOSTILE_SEED (default fixed).
 */
#include "rel_common.h"

#include "bb_config.h"
#include "bb_diag.h"
#include "bb_test.h"

#define DEFAULT_ROUNDS 200
#define DEFAULT_SEED 0x5eed2022u
/* A reload is noticed within the debounce plus one loop slice.  Allow far
 * more: the loop is blocked while it lays out a new slide, and a 1 MB
 * heading takes 12 s to fit on this machine (several times that under
 * ASan); the longest stall is measured and printed. */
#define RELOAD_TIMEOUT_MS 180000
#define BIG_STRING_BYTES (10 * 1024 * 1024)
/* Under the loader's file-size cap, so a huge heading reaches the layout:
 * 1 MB once per run, 64 KB after that. */
#define LARGE_STRING_BYTES (1024 * 1024)
#define MEDIUM_STRING_BYTES (64 * 1024)
#define DEEP_NESTING_LEVELS 20000
/* Some frame is drawn in any window this long (slides of 2-3 s), ms. */
#define DRAW_WINDOW_MS 5000
#define JUNK_MAX_BYTES 65536

typedef enum corruption {
    C_TRUNCATE,
    C_DELETE_BRACES,
    C_WRONG_TYPE,
    C_BINARY_JUNK,
    C_JUNK_INSIDE,
    C_BIG_STRING,
    C_DEEP_NESTING,
    C_MISSING_INCLUDE,
    C_BAD_INCLUDED_FILE,
    C_DELETE_INCLUDED_FILE,
    C_DELETE_MAIN,
    C_EMPTY,
    C_COUNT
} corruption;

static const char *const corruption_names[C_COUNT] = {
    "truncation",     "deleted braces",     "wrong type",           "binary junk",
    "junk inside",    "huge string",       "deep nesting",         "missing include",
    "bad included file", "deleted included file", "deleted config", "empty file"};

/* Type swaps on settings the sample has; one that is not found falls back
 * to a truncation. */
static const char *const type_swaps[][2] = {
    {"fullscreen = true;", "fullscreen = \"yes\";"},
    {"rotation = 0;", "rotation = 0.5;"},
    {"theme = \"dark\";", "theme = [ \"dark\" ];"},
    {"transition = \"fade\";", "transition = 3;"},
    {"imminent = 300;", "imminent = \"300\";"},
    {"max_rows = 6;", "max_rows = 6000;"},
    {"talk = \"ssd-geneva\";", "talk = \"no-such-talk\";"},
    {"items = [", "items = 12; x = ["},
    {"start = \"2022-01-10T09:00\";", "start = \"2022-02-30T09:00\";"},
    {"zone = \"Europe/Zurich\";", "zone = \"Europe/Geneva\";"},
};

static char dir[] = "/tmp/bb_hostile_XXXXXX";
static char main_path[512], extra_path[512], stats_path[512], log_path[512];
static char *good_text;
static size_t good_len;
static const char extra_good[] = "# included by briefboard.cfg: the hostile test corrupts it too\n";
static uint32_t rng_state;
/* Per corruption (and restores, last): how many were refused / taken. */
static int tally_refused[C_COUNT + 1], tally_taken[C_COUNT + 1];
/* Does the config the program shows include extra.cfg (so it is watched)? */
static bool extra_watched = true;

static uint32_t rng(void)
{
    /* xorshift32: reproducible from the seed the log prints. */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static size_t rng_below(size_t n)
{
    return n ? rng() % n : 0;
}

/* Does the config on disk validate, and with how many slides?  *includes
 * tells whether it includes extra.cfg. */
static bool classify(int *slides, bool *includes)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = bb_config_load_file(main_path, diags);
    *slides = cfg ? cfg->n_slides : -1;
    *includes = false;
    for (int i = 0; cfg && i < cfg->files.n; i++)
        *includes |= strstr(cfg->files.v[i], "/extra.cfg") != NULL;
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    return cfg != NULL;
}

static void put(const char *path, const char *data, size_t len, bool in_place)
{
    if (in_place) {
        /* `cat > file`: truncate and write the same inode. */
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
            perror(path);
            exit(1);
        }
        return;
    }
    if (rel_write_atomic(path, data, len) != 0) {
        perror(path);
        exit(1);
    }
}

static char *with_prefix(const char *prefix, const char *text, size_t *len)
{
    size_t pl = strlen(prefix), tl = strlen(text);
    char *out = malloc(pl + tl + 1);
    if (!out)
        abort();
    memcpy(out, prefix, pl);
    memcpy(out + pl, text, tl + 1);
    *len = pl + tl;
    return out;
}

/* Apply corruption `kind`; returns its name (after a fallback, the one
 * applied). */
static const char *corrupt(corruption kind, bool in_place)
{
    char *text = NULL;
    size_t len = 0;
    struct stat st;
    /* A change the program cannot see (the file is not watched, or already
     * gone) would make no reload: truncate instead. */
    if (((kind == C_BAD_INCLUDED_FILE || kind == C_DELETE_INCLUDED_FILE) && !extra_watched) ||
        (kind == C_DELETE_INCLUDED_FILE && stat(extra_path, &st) != 0) ||
        (kind == C_DELETE_MAIN && stat(main_path, &st) != 0))
        kind = C_TRUNCATE;
    switch (kind) {
    case C_DELETE_BRACES: {
        text = malloc(good_len + 1);
        memcpy(text, good_text, good_len + 1);
        int deleted = 0;
        for (int tries = 0; tries < 1000 && deleted < 1 + (int)rng_below(3); tries++) {
            size_t at = rng_below(good_len);
            if (strchr("{}()[]", text[at]) && text[at]) {
                text[at] = ' ';
                deleted++;
            }
        }
        len = good_len;
        break;
    }
    case C_WRONG_TYPE: {
        const char *const *swap = type_swaps[rng_below(sizeof type_swaps / sizeof type_swaps[0])];
        text = malloc(good_len + 1);
        memcpy(text, good_text, good_len + 1);
        if (rel_replace_all(&text, swap[0], swap[1]) == 0) {
            free(text);
            return corrupt(C_TRUNCATE, in_place);
        }
        len = strlen(text);
        break;
    }
    case C_BINARY_JUNK:
    case C_JUNK_INSIDE: {
        size_t junk = 1 + rng_below(JUNK_MAX_BYTES);
        size_t at = kind == C_JUNK_INSIDE ? rng_below(good_len) : 0;
        size_t keep = kind == C_JUNK_INSIDE ? good_len : 0;
        text = malloc(keep + junk + 1);
        memcpy(text, good_text, at);
        for (size_t i = 0; i < junk; i++)
            text[at + i] = (char)rng();
        memcpy(text + at + junk, good_text + at, keep - at);
        len = keep + junk;
        text[len] = '\0';
        break;
    }
    case C_BIG_STRING: {
        /* A 10 MB heading (over the loader's size cap), or a 1 MB one that
         * is valid syntax and reaches the display's text fitting. */
        static bool large_done;
        size_t bytes = rng() & 2 ? BIG_STRING_BYTES
                                 : large_done ? MEDIUM_STRING_BYTES : LARGE_STRING_BYTES;
        if (bytes == LARGE_STRING_BYTES)
            large_done = true;
        char *big = malloc(bytes + 64);
        strcpy(big, "heading = \"");
        size_t p = strlen(big);
        for (size_t i = 0; i < bytes; i++)
            big[p + i] = i % 7 == 6 ? ' ' : (char)('a' + i % 26);
        strcpy(big + p + bytes, "\"; items = [");
        text = malloc(good_len + 1);
        memcpy(text, good_text, good_len + 1);
        /* Replace the first takeaways slide's heading line start. */
        char *at = strstr(text, "items = [");
        if (!at) {
            free(big);
            free(text);
            return corrupt(C_TRUNCATE, in_place);
        }
        size_t off = (size_t)(at - text);
        char *out = malloc(good_len + strlen(big) + 1);
        memcpy(out, text, off);
        strcpy(out + off, big);
        strcat(out + off, text + off + strlen("items = ["));
        free(text);
        free(big);
        text = out;
        len = strlen(text);
        /* Two headings in one slide is a duplicate setting: drop the real one
         * half of the time so both the syntax-error and the valid path run. */
        if (rng() & 1)
            rel_replace_all(&text, "heading = \"Talks with Russia", "subtitle = \"Talks with Russia");
        len = strlen(text);
        break;
    }
    case C_DEEP_NESTING: {
        size_t levels = DEEP_NESTING_LEVELS / 2 + rng_below(DEEP_NESTING_LEVELS);
        bool lists = rng() & 1;
        text = malloc(good_len + levels * 10 + 64);   /* "{ a = " and "; }" per level */
        memcpy(text, good_text, good_len);
        len = good_len;
        len += (size_t)sprintf(text + len, "\nnested = ");
        for (size_t i = 0; i < levels; i++)
            len += (size_t)sprintf(text + len, lists ? "( " : "{ a = ");
        len += (size_t)sprintf(text + len, "1");
        for (size_t i = 0; i < levels; i++)
            len += (size_t)sprintf(text + len, lists ? " )" : "; }");
        len += (size_t)sprintf(text + len, ";\n");
        break;
    }
    case C_MISSING_INCLUDE:
        text = with_prefix("@include \"no-such-file.cfg\"\n", good_text, &len);
        break;
    case C_BAD_INCLUDED_FILE: {
        static const char *const bad[] = {"version = 1;\n", "talks = ( { id = 5; } );\n",
                                          "\x01\x02{{{\n", "x = \"unterminated\n"};
        const char *b = bad[rng_below(4)];
        put(extra_path, b, strlen(b), in_place);
        return corruption_names[kind];
    }
    case C_DELETE_INCLUDED_FILE:
        unlink(extra_path);
        return corruption_names[kind];
    case C_DELETE_MAIN:
        unlink(main_path);
        return corruption_names[kind];
    case C_EMPTY:
        text = malloc(1);
        text[0] = '\0';
        break;
    case C_TRUNCATE:
    default:
        len = rng_below(good_len);
        text = malloc(len + 1);
        memcpy(text, good_text, len);
        text[len] = '\0';
        kind = C_TRUNCATE;
        break;
    }
    if (!text)
        abort();
    put(main_path, text, len, in_place);
    free(text);
    return corruption_names[kind];
}

static void restore_good(void)
{
    put(extra_path, extra_good, strlen(extra_good), false);
    put(main_path, good_text, good_len, false);
}

/* The longest time between two rewrites of the stats file (ms of the
 * program's clock): how long the loop was busy and drew nothing. */
static long long max_stall_ms, last_stats_mono;

static void note_stall(const rel_stats *s)
{
    if (!s->valid || s->mono_ms == last_stats_mono)
        return;
    if (last_stats_mono && s->mono_ms - last_stats_mono > max_stall_ms)
        max_stall_ms = s->mono_ms - last_stats_mono;
    last_stats_mono = s->mono_ms;
}

/* Wait until the program has handled one more reload than `handled`;
 * returns its stats then (valid = false on timeout or death). */
static rel_stats wait_handled(pid_t pid, int handled)
{
    rel_stats s;
    memset(&s, 0, sizeof s);
    for (uint64_t end = rel_now_ms() + RELOAD_TIMEOUT_MS; rel_now_ms() < end; rel_sleep_ms(20)) {
        if (!rel_alive(pid))
            break;
        s = rel_read_stats(stats_path);
        note_stall(&s);
        if (s.valid && s.reloads + s.reload_failures > handled)
            return s;
    }
    s.valid = false;
    return s;
}

static bool setup(void)
{
    const char *src = getenv("BB_SOURCE_DIR");
    char sample[512], assets[600];
    if (!src || !mkdtemp(dir))
        return false;
    snprintf(sample, sizeof sample, "%s/config/briefboard.cfg", src);
    snprintf(assets, sizeof assets, "\"%s/assets/", src);
    good_text = rel_read_file(sample, NULL);
    if (!good_text)
        return false;
    /* The copy lives elsewhere: point its assets at the source tree, keep
     * slides short so the cycle visibly moves, and include a second file. */
    rel_replace_all(&good_text, "\"../assets/", assets);
    rel_replace_all(&good_text, "duration = 20;", "duration = 3;");
    rel_replace_all(&good_text, "duration = 12;", "duration = 2;");
    char *joined = with_prefix("@include \"extra.cfg\"\n", good_text, &good_len);
    free(good_text);
    good_text = joined;

    snprintf(main_path, sizeof main_path, "%s/briefboard.cfg", dir);
    snprintf(extra_path, sizeof extra_path, "%s/extra.cfg", dir);
    snprintf(stats_path, sizeof stats_path, "%s/stats", dir);
    snprintf(log_path, sizeof log_path, "%s/briefboard.log", dir);
    restore_good();
    return true;
}

int main(void)
{
    const char *rounds_env = getenv("BB_HOSTILE_ROUNDS");
    const char *seed_env = getenv("BB_HOSTILE_SEED");
    int rounds = rounds_env ? atoi(rounds_env) : DEFAULT_ROUNDS;
    rng_state = seed_env ? (uint32_t)strtoul(seed_env, NULL, 0) : DEFAULT_SEED;
    if (!rng_state)
        rng_state = DEFAULT_SEED;
    printf("hostile: %d rounds, seed 0x%x\n", rounds, rng_state);

    if (!setup()) {
        fprintf(stderr, "hostile: cannot set up (BB_SOURCE_DIR, sample config, temp dir)\n");
        return 1;
    }
    int good_slides;
    bool includes;
    CHECK(classify(&good_slides, &includes));
    static const char *const env[] = {"BRIEFBOARD_ASSUME_SYNC=1", NULL};
    pid_t pid = rel_spawn(main_path, stats_path, log_path, env);
    CHECK(pid > 0);
    if (pid <= 0 || !rel_wait_started(pid, stats_path)) {
        fprintf(stderr, "hostile: the program did not start\n");
        rel_show_log(log_path);
        return 1;
    }

    rel_stats s = rel_read_stats(stats_path);
    CHECK_INT(s.slides, good_slides);
    CHECK_INT(s.config_error, 0);
    int handled = s.reloads + s.reload_failures;
    int expect_slides = good_slides;
    int refused = 0, taken = 0, lost = 0;
    long long last_frames = s.frames;
    uint64_t last_frame_check = rel_now_ms();

    for (int i = 0; i < rounds && lost == 0; i++) {
        corruption kind = (corruption)rng_below(C_COUNT);
        bool in_place = rng() & 1;
        /* Every few rounds go back to the good file, so corruptions of the
         * included file and truncations start from a valid state again. */
        const char *name = "restore";
        if (i % 10 == 9)
            restore_good();
        else
            name = corrupt(kind, in_place);
        int tally = C_COUNT;
        for (int k = 0; k < C_COUNT; k++)
            if (name == corruption_names[k])
                tally = k;
        int slides;
        bool valid = classify(&slides, &includes);

        s = wait_handled(pid, handled);
        /* While a config is refused the program retries it every few
         * seconds; a retry that read the file just before this round's
         * write shows the previous outcome.  The reload for this write is
         * still to come then: wait for it once more. */
        if (s.valid && (valid ? s.config_error != 0 || s.slides != slides
                              : s.config_error != 1 || s.slides != expect_slides)) {
            rel_stats again = wait_handled(pid, s.reloads + s.reload_failures);
            if (again.valid)
                s = again;
        }
        if (!s.valid) {
            /* A change that leaves the content the same (a restore over a
             * restore) may legitimately trigger nothing: check liveness. */
            if (!rel_alive(pid)) {
                fprintf(stderr, "round %d (%s): the program died\n", i, name);
                lost++;
            } else if (i % 10 != 9) {
                fprintf(stderr, "round %d (%s): no reload within %d ms\n", i, name,
                        RELOAD_TIMEOUT_MS);
                lost++;
            }
            continue;
        }
        handled = s.reloads + s.reload_failures;
        if (valid) {
            expect_slides = slides;
            extra_watched = includes;
            taken++;
            tally_taken[tally]++;
            if (s.config_error != 0 || s.slides != slides)
                fprintf(stderr, "round %d (%s): valid config not taken (error %d, %d slides, want %d)\n",
                        i, name, s.config_error, s.slides, slides);
            CHECK_INT(s.config_error, 0);
            CHECK_INT(s.slides, slides);
        } else {
            refused++;
            tally_refused[tally]++;
            if (s.config_error != 1 || s.slides != expect_slides)
                fprintf(stderr, "round %d (%s): bad config not refused (error %d, %d slides, want %d)\n",
                        i, name, s.config_error, s.slides, expect_slides);
            CHECK_INT(s.config_error, 1);
            CHECK_INT(s.slides, expect_slides);
        }
        /* Still drawing.  The loop draws only when something changes, but
         * slides here last at most 3 s (plus a 0.6 s fade): some frame
         * comes in any 5 s. */
        if (rel_now_ms() - last_frame_check >= DRAW_WINDOW_MS) {
            CHECK(s.frames > last_frames);
            last_frames = s.frames;
            last_frame_check = rel_now_ms();
        }
    }
    CHECK_INT(lost, 0);

    /* The good file comes back: the marker goes, the sample shows again. */
    restore_good();
    for (uint64_t end = rel_now_ms() + RELOAD_TIMEOUT_MS; rel_now_ms() < end; rel_sleep_ms(50)) {
        s = rel_read_stats(stats_path);
        if (s.valid && s.reloads + s.reload_failures > handled && s.config_error == 0)
            break;
    }
    CHECK_INT(s.config_error, 0);
    CHECK_INT(s.slides, good_slides);
    long long frames_before = s.frames;
    for (uint64_t end = rel_now_ms() + DRAW_WINDOW_MS; rel_now_ms() < end; rel_sleep_ms(50)) {
        s = rel_read_stats(stats_path);
        if (s.frames > frames_before)
            break;
    }
    CHECK(s.frames > frames_before);
    CHECK(rel_alive(pid));

    int status = rel_stop(pid, 20000);
    CHECK(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    printf("hostile: %d refused, %d taken as valid, %d lost; %lld frames; longest stall %lld ms\n",
           refused, taken, lost, s.frames, max_stall_ms);
    for (int k = 0; k <= C_COUNT; k++)
        printf("  %-22s refused %3d  taken %3d\n", k < C_COUNT ? corruption_names[k] : "restore",
               tally_refused[k], tally_taken[k]);
    rel_finish(bb_test_failures > 0, dir, log_path);
    free(good_text);
    return bb_test_finish("hostile");
}
