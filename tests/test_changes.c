/*
 * test_changes: programme change marks (bb_changes), their state file
 * (bb_state), the badges the slides draw (bb_scene_change_badge), and the
 * fetched copies of `url` schedules (bb_fetch).
 *
 * The two versions of tests/data/changes/programme-v*.xml differ by one
 * talk moved in time (1: 13:00 -> 14:30), one moved room (2: Saal 1 ->
 * Saal 2), one removed (3), one cancelled by status (5) and one added (6);
 * talk 4 stays as it is.
 */
#include <SDL.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "bb_changes.h"
#include "bb_compose.h"
#include "bb_config.h"
#include "bb_fetch.h"
#include "bb_fonts.h"
#include "bb_scene_private.h"
#include "bb_state.h"
#include "bb_test.h"

#define HOUR 3600
/* Sat 1 Feb 2025, 10:00 in Brussels. */
#define T0 ((bb_instant)1738400400)

static const char CONFIG[] =
    "version = 1;\n"
    "display = { time_zone = \"Europe/Brussels\"; };\n"
    "schedules = ( { file = \"programme.xml\"; } );\n"
    "slides = ( { type = \"agenda\"; max_rows = 8; },\n"
    "           { type = \"countdown\"; talk = \"programme-1\"; },\n"
    "           { type = \"room\"; room = \"Saal 2\"; },\n"
    "           { type = \"board\"; } );\n";

static char dir[64];

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[4096];
    size_t n;
    CHECK(in && out);
    while (in && out && (n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    if (in)
        fclose(in);
    if (out)
        fclose(out);
}

/* The config with version v of the programme as programme.xml. */
static bb_config *load_version(int v)
{
    char from[1024], to[128];
    snprintf(from, sizeof from, "%s/changes/programme-v%d.xml", getenv("BB_TEST_DATA"), v);
    snprintf(to, sizeof to, "%s/programme.xml", dir);
    copy_file(from, to);
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = bb_config_load_string(CONFIG, "changes.cfg", dir, diags);
    if (!cfg)
        bb_diag_print(diags, stderr);
    bb_diag_list_destroy(diags);
    CHECK(cfg != NULL);
    return cfg;
}

static const bb_talk *talk(const bb_config *cfg, const char *id)
{
    int i = bb_config_find_talk(cfg, id);
    return i >= 0 ? &cfg->talks[i] : NULL;
}

static const char *mark(const bb_config *cfg, const char *id, bb_instant now)
{
    const bb_talk *t = talk(cfg, id);
    return t ? bb_change_name(bb_talk_change_at(t, now)) : "(missing)";
}

/* The marks of version 2 against version 1, as every test expects them. */
static void check_v2_marks(const bb_config *cfg, bb_instant now)
{
    CHECK_STR(mark(cfg, "programme-1", now), "time-changed");
    CHECK_STR(mark(cfg, "programme-2", now), "room-changed");
    CHECK_STR(mark(cfg, "programme-3", now), "cancelled");
    CHECK_STR(mark(cfg, "programme-4", now), "-");
    CHECK_STR(mark(cfg, "programme-5", now), "cancelled");
    CHECK_STR(mark(cfg, "programme-6", now), "new");
    const bb_talk *gone = talk(cfg, "programme-3");
    CHECK(gone && gone->removed && gone->status == BB_STATUS_CANCELLED);
    CHECK(gone && gone->room && strcmp(gone->room, "Saal 2") == 0);
}

static void test_diff(void)
{
    bb_changes *ch = bb_changes_create();
    bb_config *v1 = load_version(1);
    CHECK(!bb_changes_seen(ch));
    /* The first programme is the baseline: nothing to compare it with. */
    CHECK(bb_changes_apply(ch, v1, T0) > 0);
    for (int i = 0; i < v1->n_talks; i++)
        CHECK_INT(v1->talks[i].change, 0);
    CHECK_INT(v1->n_talks, 5);

    bb_config *v2 = load_version(2);
    int n_loaded = v2->n_talks;
    CHECK(bb_changes_apply(ch, v2, T0 + 60) > 0);
    CHECK_INT(v2->n_talks, n_loaded + 1);   /* the removed talk, kept */
    check_v2_marks(v2, T0 + 120);
    char text[BB_CHANGE_TEXT_BUF];
    bb_change_badge_text(talk(v2, "programme-1"), BB_CHANGE_TIME, "en", BB_CLOCK_AUTO, text,
                         sizeof text);
    CHECK_STR(text, "now 14:30");
    bb_change_badge_text(talk(v2, "programme-2"), BB_CHANGE_ROOM, "en", BB_CLOCK_AUTO, text,
                         sizeof text);
    CHECK_STR(text, "moved to Saal 2");
    bb_change_badge_text(talk(v2, "programme-2"), BB_CHANGE_ROOM | BB_CHANGE_TIME, "en",
                         BB_CLOCK_AUTO, text, sizeof text);
    CHECK_STR(text, "now 14:00 \xC2\xB7 Saal 2");

    /* The same file again an hour later: the marks stay, nothing new. */
    bb_config *again = load_version(2);
    CHECK_INT(bb_changes_apply(ch, again, T0 + HOUR), 0);
    check_v2_marks(again, T0 + HOUR);
    /* 12 hours after the change (timing.change_hours) the marks are gone,
     * and the removed talk, whose start has passed, with them. */
    bb_config *late = load_version(2);
    CHECK(bb_changes_apply(ch, late, T0 + 60 + 12 * HOUR) > 0);
    CHECK_STR(mark(late, "programme-1", T0 + 60 + 12 * HOUR), "-");
    CHECK(talk(late, "programme-3") == NULL);

    bb_config_destroy(v1);
    bb_config_destroy(v2);
    bb_config_destroy(again);
    bb_config_destroy(late);
    bb_changes_destroy(ch);
}

/* A removed talk stays until its start, however far off that is. */
static void test_removed_until_start(void)
{
    bb_changes *ch = bb_changes_create();
    bb_config *v1 = load_version(1);
    bb_changes_apply(ch, v1, T0 - 24 * HOUR);
    bb_config *v2 = load_version(2);
    bb_changes_apply(ch, v2, T0 - 24 * HOUR);
    bb_config *later = load_version(2);
    /* 14 h after the removal, an hour before its start (15:00). */
    bb_changes_apply(ch, later, T0 + 4 * HOUR);
    CHECK_STR(mark(later, "programme-3", T0 + 4 * HOUR), "cancelled");
    CHECK_STR(mark(later, "programme-1", T0 + 4 * HOUR), "-");
    bb_config_destroy(v1);
    bb_config_destroy(v2);
    bb_config_destroy(later);
    bb_changes_destroy(ch);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_state(void)
{
    char state[128], file[160], target[160], link[192];
    snprintf(state, sizeof state, "%s/state", dir);
    snprintf(file, sizeof file, "%s/" BB_STATE_FILE, state);

    bb_changes *ch = bb_state_load(state);   /* no directory yet: empty */
    CHECK(ch && !bb_changes_seen(ch));
    bb_config *v1 = load_version(1);
    bb_state_apply(ch, state, v1, T0);
    bb_config *v2 = load_version(2);
    bb_state_apply(ch, state, v2, T0 + 60);
    bb_changes_destroy(ch);

    /* A restart: the marks come back from the file. */
    ch = bb_state_load(state);
    CHECK(bb_changes_seen(ch));
    bb_config *after = load_version(2);
    bb_changes_apply(ch, after, T0 + HOUR);
    check_v2_marks(after, T0 + HOUR);
    bb_changes_destroy(ch);
    bb_config_destroy(after);

    /* A planted symlink at the temporary name is not followed. */
    snprintf(target, sizeof target, "%s/target", dir);
    snprintf(link, sizeof link, "%s.tmp", file);
    write_text(target, "precious\n");
    CHECK_INT(symlink(target, link), 0);
    ch = bb_state_load(state);
    CHECK_INT(bb_state_save(state, ch), 0);
    bb_changes_destroy(ch);
    FILE *f = fopen(target, "r");
    char buf[32] = "";
    CHECK(f && fgets(buf, sizeof buf, f));
    if (f)
        fclose(f);
    CHECK_STR(buf, "precious\n");

    /* Corrupt, cut short, another version: a fresh baseline, no crash. */
    static const char *const bad[] = {
        "",
        "garbage\n",
        "briefboard-changes 2\nend 0\n",
        "briefboard-changes 1\ntalk\tx\t1\t2\t-\t0\t0\t\tTitle\n",          /* no end */
        "briefboard-changes 1\ntalk\tx\t1\t2\t-\t0\t0\t\tTitle\nend 2\n",  /* wrong count */
        "briefboard-changes 1\ntalk\tx\tone\t2\t-\t0\t0\t\tTitle\nend 1\n",
        "briefboard-changes 1\ntalk\tx\t1\t2\t-\t99\t0\t\tTitle\nend 1\n",
        "briefboard-changes 1\ntalk\tx\t1\t2\t-\t0\t0\t\tTitle\textra\nend 1\n",
        "briefboard-changes 1\ntalk\tx\t1\t2\t-\t0\t0\t\tTi",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        write_text(file, bad[i]);
        ch = bb_state_load(state);
        CHECK(ch != NULL);
        CHECK(!bb_changes_seen(ch));
        bb_changes_destroy(ch);
    }
    /* A good one with escapes reads back. */
    write_text(file, "briefboard-changes 1\ntalk\tx\t-\t-\tcr\t8\t5\tSaal\\t2\tA\\\\B\nend 1\n");
    ch = bb_state_load(state);
    CHECK(bb_changes_seen(ch) && bb_changes_count(ch) == 1);
    const bb_change_record *r = bb_changes_get(ch, 0);
    CHECK(r && r->removed && r->cancelled && !r->has_start && r->mark == BB_CHANGE_CANCELLED);
    CHECK(r && strcmp(r->place, "Saal\t2") == 0 && strcmp(r->title, "A\\B") == 0);
    bb_changes_destroy(ch);
    bb_config_destroy(v1);
    bb_config_destroy(v2);
}

static bool has_badge(const bb_scene *s, const char *text)
{
    for (int i = 0; i < s->n_badges; i++)
        if (strcmp(s->badges[i], text) == 0)
            return true;
    return false;
}

/* The badges on screen: agenda rows, the countdown, the room slide, the
 * board. */
static void test_badges(void)
{
    bb_changes *ch = bb_changes_create();
    bb_config *v1 = load_version(1);
    bb_changes_apply(ch, v1, T0);
    bb_config *cfg = load_version(2);
    bb_changes_apply(ch, cfg, T0 + 60);
    bb_fonts *fonts = bb_fonts_create((const char *const *)cfg->display.fonts.v,
                                      cfg->display.fonts.n);
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    CHECK(fonts && r);
    if (!fonts || !r)
        goto done;
    static const int sizes[][2] = {{1280, 720}, {1920, 1080}, {3840, 2160}, {1080, 1920}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        bb_frame_clock at_10 = {.wall = T0 + 120, .synced = true};
        bb_frame_clock at_1330 = {.wall = T0 + 3 * HOUR + 1800, .synced = true};
        bb_scene *agenda = bb_scene_create(r, fonts, cfg, 0, sizes[k][0], sizes[k][1], &at_10);
        bb_scene *countdown = bb_scene_create(r, fonts, cfg, 1, sizes[k][0], sizes[k][1], &at_10);
        bb_scene *room = bb_scene_create(r, fonts, cfg, 2, sizes[k][0], sizes[k][1], &at_1330);
        bb_scene *board = bb_scene_create(r, fonts, cfg, 3, sizes[k][0], sizes[k][1], &at_1330);
        CHECK(agenda && countdown && room && board);
        if (agenda) {
            CHECK(has_badge(agenda, "now 14:30"));
            CHECK(has_badge(agenda, "moved to Saal 2"));
            CHECK(has_badge(agenda, "cancelled"));
            CHECK(has_badge(agenda, "new"));
            CHECK_INT(agenda->n_badges, 5);   /* 1, 2, 3, 5, 6; not 4 */
            /* Never below the floor: the badge text is at least min_px. */
            for (int i = 0; i < agenda->n_boxes; i++)
                CHECK(agenda->boxes[i].h >= agenda->m.min_px);
        }
        if (countdown) {
            CHECK_INT(countdown->n_badges, 1);
            CHECK(has_badge(countdown, "now 14:30"));
        }
        /* At 13:30 in Saal 2 the next talk is the one that moved there. */
        if (room)
            CHECK(has_badge(room, "moved to Saal 2"));
        /* The board's Saal 2 row names the same talk, with the same badge. */
        if (board)
            CHECK(has_badge(board, "moved to Saal 2"));
        bb_scene_destroy(board);
        bb_scene_destroy(agenda);
        bb_scene_destroy(countdown);
        bb_scene_destroy(room);
    }
    /* Past change_hours no badge is drawn. */
    bb_frame_clock late = {.wall = T0 + 60 + 12 * HOUR, .synced = true};
    bb_scene *s = bb_scene_create(r, fonts, cfg, 0, 1920, 1080, &late);
    CHECK(s && s->n_badges == 0);
    bb_scene_destroy(s);
done:
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
    bb_fonts_destroy(fonts);
    bb_config_destroy(v1);
    bb_config_destroy(cfg);
    bb_changes_destroy(ch);
}

static void test_fetch_paths(void)
{
    char a[512], b[512], why[128];
    CHECK_INT(bb_fetch_cache_path("/s", "https://example.org/2025/schedule.json", a, sizeof a), 0);
    CHECK(strncmp(a, "/s/fetched/schedule.json-", 25) == 0 && strlen(a) == 25 + 16);
    CHECK_INT(bb_fetch_cache_path("/s", "https://example.org/2026/schedule.json", b, sizeof b), 0);
    CHECK(strcmp(a, b) != 0);
    CHECK_INT(bb_fetch_cache_path("/s", "https://example.org/a/..%2F.x?y=1", a, sizeof a), 0);
    /* No directory, no hidden file, nothing but safe characters. */
    CHECK(strchr(a + 11, '/') == NULL && strchr(a, '%') == NULL && a[11] == '_');
    CHECK_INT(bb_fetch_cache_path("/s", "https://example.org/", a, sizeof a), 0);
    CHECK(strncmp(a, "/s/fetched/schedule-", 20) == 0);
    CHECK_INT(bb_fetch_cache_path("/s", "https://example.org/x", a, 8), -1);
    CHECK_INT(bb_fetch_url_check("https://example.org/s.xml", why, sizeof why), 0);
    CHECK_INT(bb_fetch_url_check("ftp://example.org/s.xml", why, sizeof why), -1);
    CHECK_INT(bb_fetch_url_check("https://example.org/a b", why, sizeof why), -1);
    CHECK_INT(bb_fetch_url_check("https://", why, sizeof why), -1);
    CHECK_INT(bb_fetch_url_check("file:///srv/x\n", why, sizeof why), -1);

    /* The age of a copy: "programme as of 14:05" past three refreshes. */
    char state[128];
    snprintf(state, sizeof state, "%s/fstate", dir);
    bb_config_set_state_dir(state);
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = bb_config_load_string(
        "version = 1;\ndisplay = { time_zone = \"Europe/Brussels\"; };\n"
        "schedules = ( { url = \"https://example.org/s.xml\"; refresh = 1200; } );\n",
        "url.cfg", dir, diags);
    bb_config_set_state_dir(NULL);
    CHECK(cfg && cfg->n_urls == 1 && cfg->urls[0].path && cfg->urls[0].refresh_s == 1200);
    CHECK(cfg && cfg->schedules.n == 1);
    char text[BB_FETCH_STALE_BUF];
    if (cfg && cfg->urls[0].path) {
        bb_fetch_stale_text(cfg, T0, text, sizeof text);
        CHECK_STR(text, "programme not fetched yet");
        char stamp[600];
        mkdir(state, 0755);
        snprintf(a, sizeof a, "%s/fetched", state);
        mkdir(a, 0755);
        write_text(cfg->urls[0].path, "x");
        snprintf(stamp, sizeof stamp, "%s.ok", cfg->urls[0].path);
        write_text(stamp, "");
        struct utimbuf when = { T0 - 3000, T0 - 3000 };   /* 09:10 */
        utime(stamp, &when);
        bb_fetch_stale_text(cfg, T0, text, sizeof text);
        CHECK_STR(text, "");   /* 50 min: under three refreshes */
        bb_fetch_stale_text(cfg, T0 + 1000, text, sizeof text);
        CHECK_STR(text, "programme as of 09:10");
        bb_fetch_stale_text(cfg, T0 + 24 * HOUR, text, sizeof text);
        CHECK_STR(text, "programme as of Sat, 1 Feb 09:10");
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/test_changes.XXXXXX");
    if (!mkdtemp(dir) || SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "test_changes: cannot set up\n");
        return EXIT_FAILURE;
    }
    test_diff();
    test_removed_until_start();
    test_state();
    test_badges();
    test_fetch_paths();
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "test_changes: could not remove %s\n", dir);
    SDL_Quit();
    return bb_test_finish("test_changes");
}
