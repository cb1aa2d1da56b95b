/*
 * test_watch: bb_watch against the ways people and tools really change
 * files -- in place, vim's rename dance, sed -i, mv from elsewhere, delete
 * and recreate, a symlinked release directory swapped atomically, a
 * Kubernetes ConfigMap update, a directory removed and re-created -- each
 * with real files in a temporary directory.  The clock is driven by hand:
 * inotify queues events synchronously with the syscall that caused them, so
 * no sleeping is needed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_config.h"
#include "bb_diag.h"
#include "bb_test.h"
#include "bb_watch.h"

/* How far reloads are counted after a change, ms of fake time. */
#define SETTLE_MS 5000
#define STEP_MS 10

static char root[] = "/tmp/bb_test_watch_XXXXXX";
static uint64_t now_ms = 1000;

/* root/rel in a string that lives until the end of the test (freed by
 * free_paths), so paths can be kept in arrays for bb_watch_create. */
static char *kept[256];
static int n_kept;

static char *at(const char *rel)
{
    char *b = malloc(strlen(root) + strlen(rel) + 2);
    if (!b || n_kept == (int)(sizeof kept / sizeof kept[0]))
        abort();
    sprintf(b, "%s/%s", root, rel);
    kept[n_kept++] = b;
    return b;
}

static void free_paths(void)
{
    while (n_kept > 0)
        free(kept[--n_kept]);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
        exit(1);
    }
    fputs(text, f);
    fclose(f);
}

/* Let fake time run for SETTLE_MS; how many times was a reload due? */
static int settle(bb_watch *w)
{
    int reloads = 0;
    for (uint64_t end = now_ms + SETTLE_MS; now_ms < end; now_ms += STEP_MS)
        reloads += bb_watch_poll(w, now_ms);
    return reloads;
}

static void run(const char *cmd)
{
    if (system(cmd) != 0) {
        fprintf(stderr, "command failed: %s\n", cmd);
        exit(1);
    }
}

static void test_editors(void)
{
    const char *cfg = at("plain/briefboard.cfg");
    mkdir(at("plain"), 0755);
    write_file(cfg, "a = 1;\n");
    const char *paths[] = {cfg};
    bb_watch *w = bb_watch_create(paths, 1);
    CHECK(w != NULL);
    if (!w)
        return;
    CHECK(bb_watch_fd(w) >= 0);
    CHECK_INT(bb_watch_count_dirs(w), 1);
    CHECK_INT(settle(w), 0);

    /* In place: due exactly once, after the debounce and not before. */
    write_file(cfg, "a = 2;\n");
    CHECK(!bb_watch_poll(w, now_ms));
    CHECK_INT(bb_watch_ms_until_due(w, now_ms), BB_WATCH_DEBOUNCE_MS);
    CHECK(!bb_watch_poll(w, now_ms + BB_WATCH_DEBOUNCE_MS - 1));
    CHECK(bb_watch_poll(w, now_ms + BB_WATCH_DEBOUNCE_MS));
    CHECK_INT(bb_watch_ms_until_due(w, now_ms + BB_WATCH_DEBOUNCE_MS), -1);
    now_ms += BB_WATCH_DEBOUNCE_MS;
    CHECK_INT(settle(w), 0);

    /* vim (backupcopy=no): original renamed to a backup, new file written,
     * backup deleted.  Three steps, one reload. */
    CHECK_INT(rename(cfg, at("plain/briefboard.cfg~")), 0);
    write_file(cfg, "a = 3;\n");
    CHECK_INT(unlink(at("plain/briefboard.cfg~")), 0);
    CHECK_INT(settle(w), 1);

    /* sed -i: a temporary in the same directory renamed over the file. */
    write_file(at("plain/sedAbC123"), "a = 4;\n");
    CHECK_INT(rename(at("plain/sedAbC123"), cfg), 0);
    CHECK_INT(settle(w), 1);

    /* mv from another directory on the same file system. */
    write_file(at("elsewhere.cfg"), "a = 5;\n");
    CHECK_INT(rename(at("elsewhere.cfg"), cfg), 0);
    CHECK_INT(settle(w), 1);

    /* chmod/touch: an attribute change is a reason to look again. */
    CHECK_INT(chmod(cfg, 0600), 0);
    CHECK_INT(settle(w), 1);

    /* Other files in the same directory do not count. */
    write_file(at("plain/notes.txt"), "x\n");
    CHECK_INT(rename(at("plain/notes.txt"), at("plain/notes2.txt")), 0);
    CHECK_INT(unlink(at("plain/notes2.txt")), 0);
    CHECK_INT(settle(w), 0);

    /* Deleted, then created again much later: both are changes. */
    CHECK_INT(unlink(cfg), 0);
    CHECK_INT(settle(w), 1);
    write_file(cfg, "a = 6;\n");
    CHECK_INT(settle(w), 1);

    /* A 3-step save spread over 300 ms (each step inside the debounce) is
     * one reload, due 200 ms after the last step. */
    uint64_t start = now_ms;
    write_file(at("plain/tmp1"), "a = 7;\n");
    CHECK(!bb_watch_poll(w, now_ms));
    CHECK_INT(rename(at("plain/tmp1"), cfg), 0);
    now_ms += 150;
    CHECK(!bb_watch_poll(w, now_ms));
    CHECK_INT(chmod(cfg, 0644), 0);
    now_ms += 150;
    CHECK(!bb_watch_poll(w, now_ms));
    CHECK_INT(bb_watch_ms_until_due(w, now_ms), BB_WATCH_DEBOUNCE_MS);
    uint64_t fired = 0;
    for (; now_ms < start + SETTLE_MS; now_ms += STEP_MS)
        if (bb_watch_poll(w, now_ms) && !fired)
            fired = now_ms;
    CHECK_INT(fired, start + 300 + BB_WATCH_DEBOUNCE_MS);

    /* A writer that never goes quiet still gets a reload, within the cap. */
    start = now_ms;
    fired = 0;
    for (int i = 0; i < 40 && !fired; i++, now_ms += 100) {
        write_file(cfg, i % 2 ? "a = 8;\n" : "a = 9;\n");
        if (bb_watch_poll(w, now_ms))
            fired = now_ms;
    }
    CHECK(fired != 0);
    CHECK(fired - start <= BB_WATCH_MAX_DELAY_MS);
    settle(w);

    bb_watch_destroy(w);
}

/* current -> release-1, swapped to release-2 the way deploy tools do it:
 * a new link under a temporary name renamed over the old one. */
static void test_symlink_swap(void)
{
    mkdir(at("site"), 0755);
    mkdir(at("site/release-1"), 0755);
    mkdir(at("site/release-2"), 0755);
    write_file(at("site/release-1/briefboard.cfg"), "r = 1;\n");
    write_file(at("site/release-2/briefboard.cfg"), "r = 2;\n");
    CHECK_INT(symlink("release-1", at("site/current")), 0);
    const char *paths[] = {at("site/current/briefboard.cfg")};
    bb_watch *w = bb_watch_create(paths, 1);
    CHECK(w != NULL);
    if (!w)
        return;
    CHECK_INT(bb_watch_count_dirs(w), 2);   /* site (the link) and release-1 */

    write_file(at("site/release-1/briefboard.cfg"), "r = 11;\n");
    CHECK_INT(settle(w), 1);

    CHECK_INT(symlink("release-2", at("site/current.tmp")), 0);
    CHECK_INT(rename(at("site/current.tmp"), at("site/current")), 0);
    CHECK_INT(settle(w), 1);

    /* The old release is no longer what the path means: not watched. */
    write_file(at("site/release-1/briefboard.cfg"), "r = 111;\n");
    CHECK_INT(settle(w), 0);
    write_file(at("site/release-2/briefboard.cfg"), "r = 22;\n");
    CHECK_INT(settle(w), 1);
    CHECK_INT(bb_watch_count_dirs(w), 2);
    bb_watch_destroy(w);
}

/* A Kubernetes ConfigMap volume: briefboard.cfg -> ..data/briefboard.cfg,
 * ..data -> ..<timestamp>; an update writes a new timestamped directory,
 * renames a fresh ..data_tmp link over ..data and removes the old one. */
static void test_configmap(void)
{
    mkdir(at("cm"), 0755);
    mkdir(at("cm/..2025_01"), 0755);
    write_file(at("cm/..2025_01/briefboard.cfg"), "k = 1;\n");
    CHECK_INT(symlink("..2025_01", at("cm/..data")), 0);
    CHECK_INT(symlink("..data/briefboard.cfg", at("cm/briefboard.cfg")), 0);
    const char *paths[] = {at("cm/briefboard.cfg")};
    bb_watch *w = bb_watch_create(paths, 1);
    CHECK(w != NULL);
    if (!w)
        return;
    CHECK_INT(settle(w), 0);

    mkdir(at("cm/..2025_02"), 0755);
    write_file(at("cm/..2025_02/briefboard.cfg"), "k = 2;\n");
    CHECK_INT(symlink("..2025_02", at("cm/..data_tmp")), 0);
    CHECK_INT(rename(at("cm/..data_tmp"), at("cm/..data")), 0);
    CHECK_INT(unlink(at("cm/..2025_01/briefboard.cfg")), 0);
    CHECK_INT(rmdir(at("cm/..2025_01")), 0);
    CHECK_INT(settle(w), 1);

    write_file(at("cm/..2025_02/briefboard.cfg"), "k = 3;\n");
    CHECK_INT(settle(w), 1);
    bb_watch_destroy(w);
}

/* The whole directory removed and made again (rm -rf; mkdir; cp), polled
 * both between the steps and only after all of them. */
static void test_directory_recreated(void)
{
    mkdir(at("gone"), 0755);
    mkdir(at("gone/sub"), 0755);
    write_file(at("gone/sub/briefboard.cfg"), "d = 1;\n");
    const char *paths[] = {at("gone/sub/briefboard.cfg")};
    bb_watch *w = bb_watch_create(paths, 1);
    CHECK(w != NULL);
    if (!w)
        return;

    run("rm -rf \"$BB_WATCH_ROOT/gone/sub\"");
    CHECK_INT(settle(w), 1);
    mkdir(at("gone/sub"), 0755);
    CHECK(!bb_watch_poll(w, now_ms));
    write_file(at("gone/sub/briefboard.cfg"), "d = 2;\n");
    CHECK_INT(settle(w), 1);
    write_file(at("gone/sub/briefboard.cfg"), "d = 3;\n");
    CHECK_INT(settle(w), 1);

    /* All at once, between two polls: still noticed, still once. */
    run("rm -rf \"$BB_WATCH_ROOT/gone/sub\" && mkdir \"$BB_WATCH_ROOT/gone/sub\" && "
        "echo 'd = 4;' > \"$BB_WATCH_ROOT/gone/sub/briefboard.cfg\"");
    CHECK_INT(settle(w), 1);
    write_file(at("gone/sub/briefboard.cfg"), "d = 5;\n");
    CHECK_INT(settle(w), 1);

    /* A directory that does not exist yet at start. */
    const char *later[] = {at("later/deeper/briefboard.cfg")};
    CHECK_INT(bb_watch_set_files(w, later, 1), 0);
    CHECK_INT(settle(w), 0);
    run("mkdir -p \"$BB_WATCH_ROOT/later/deeper\" && "
        "echo 'd = 6;' > \"$BB_WATCH_ROOT/later/deeper/briefboard.cfg\"");
    CHECK_INT(settle(w), 1);
    write_file(at("later/deeper/briefboard.cfg"), "d = 7;\n");
    CHECK_INT(settle(w), 1);
    bb_watch_destroy(w);
}

/* Includes and images join the set after a reload, and leave it. */
static void test_set_files(void)
{
    mkdir(at("set"), 0755);
    mkdir(at("set/img"), 0755);
    write_file(at("set/main.cfg"), "@include \"extra.cfg\"\n");
    write_file(at("set/extra.cfg"), "e = 1;\n");
    write_file(at("set/img/logo.png"), "png");
    const char *one[] = {at("set/main.cfg")};
    bb_watch *w = bb_watch_create(one, 1);
    CHECK(w != NULL);
    if (!w)
        return;
    write_file(at("set/extra.cfg"), "e = 2;\n");
    CHECK_INT(settle(w), 0);

    const char *three[] = {at("set/main.cfg"), at("set/extra.cfg"), at("set/img/logo.png")};
    CHECK_INT(bb_watch_set_files(w, three, 3), 0);
    CHECK_INT(bb_watch_count_dirs(w), 2);
    write_file(at("set/extra.cfg"), "e = 3;\n");
    CHECK_INT(settle(w), 1);
    write_file(at("set/img/logo.png"), "png2");
    CHECK_INT(settle(w), 1);

    CHECK_INT(bb_watch_set_files(w, one, 1), 0);
    CHECK_INT(bb_watch_count_dirs(w), 1);
    write_file(at("set/img/logo.png"), "png3");
    write_file(at("set/extra.cfg"), "e = 4;\n");
    CHECK_INT(settle(w), 0);

    /* A change seen before set_files is still reported after it. */
    write_file(at("set/main.cfg"), "m = 1;\n");
    CHECK(!bb_watch_poll(w, now_ms));
    CHECK_INT(bb_watch_set_files(w, one, 1), 0);
    CHECK_INT(settle(w), 1);

    CHECK_INT(bb_watch_set_files(w, NULL, 0), 0);
    CHECK_INT(bb_watch_count_dirs(w), 0);
    write_file(at("set/main.cfg"), "m = 2;\n");
    CHECK_INT(settle(w), 0);
    bb_watch_destroy(w);
}

/* A config's own list: the main file, includes, images and the logo. */
static void test_config_paths(void)
{
    static const char png[] = "\x89PNG\r\n\x1a\n and then some";
    mkdir(at("cw"), 0755);
    mkdir(at("cw/img"), 0755);
    write_file(at("cw/img/pic.png"), png);
    write_file(at("cw/img/logo.png"), png);
    write_file(at("cw/inc.cfg"), "cycle = { duration = 5; };\n");
    write_file(at("cw/main.cfg"),
               "version = 1;\n@include \"inc.cfg\"\nfooter = { logo = \"img/logo.png\"; };\n"
               "slides = ( { type = \"image\"; file = \"img/pic.png\"; } );\n");
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = bb_config_load_file(at("cw/main.cfg"), diags);
    if (!cfg)
        bb_diag_print(diags, stderr);
    CHECK(cfg != NULL);
    bb_watch *w = cfg ? bb_watch_create_for_config(cfg) : NULL;
    CHECK(w != NULL);
    if (w) {
        CHECK_INT(bb_watch_count_dirs(w), 2);
        write_file(at("cw/img/pic.png"), png);
        CHECK_INT(settle(w), 1);
        write_file(at("cw/img/logo.png"), png);
        CHECK_INT(settle(w), 1);
        write_file(at("cw/inc.cfg"), "cycle = { duration = 6; };\n");
        CHECK_INT(settle(w), 1);
        write_file(at("cw/img/other.png"), png);
        CHECK_INT(settle(w), 0);

        bb_config *plain = bb_config_create_default();
        CHECK_INT(bb_watch_set_config(w, plain), 0);
        CHECK_INT(bb_watch_count_dirs(w), 0);
        write_file(at("cw/img/pic.png"), png);
        CHECK_INT(settle(w), 0);
        CHECK_INT(bb_watch_set_config(w, cfg), 0);
        CHECK_INT(bb_watch_count_dirs(w), 2);
        bb_config_destroy(plain);
    }
    bb_watch_destroy(w);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

/* A refused config names a file nobody watches yet: the retry notices it. */
static void test_retry(void)
{
    mkdir(at("retry"), 0755);
    write_file(at("retry/main.cfg"), "@include \"later.cfg\"\n");
    const char *paths[] = {at("retry/main.cfg")};
    bb_watch *w = bb_watch_create(paths, 1);
    CHECK(w != NULL);
    if (!w)
        return;
    CHECK_INT(bb_watch_ms_until_due(w, now_ms), -1);
    bb_watch_set_retry(w, BB_WATCH_RETRY_MS, now_ms);
    CHECK_INT(bb_watch_ms_until_due(w, now_ms), BB_WATCH_RETRY_MS);
    bb_watch_set_retry(w, BB_WATCH_RETRY_MS, now_ms + 1000);   /* same value: no restart */
    CHECK_INT(bb_watch_ms_until_due(w, now_ms), BB_WATCH_RETRY_MS);
    uint64_t start = now_ms;
    CHECK(!bb_watch_poll(w, start + BB_WATCH_RETRY_MS - 1));
    CHECK(bb_watch_poll(w, start + BB_WATCH_RETRY_MS));
    CHECK(!bb_watch_poll(w, start + BB_WATCH_RETRY_MS + 1));
    CHECK(bb_watch_poll(w, start + 2 * BB_WATCH_RETRY_MS));
    now_ms = start + 2 * BB_WATCH_RETRY_MS;

    /* A real change still comes after the debounce, and restarts the wait. */
    write_file(at("retry/main.cfg"), "@include \"later.cfg\"\n# edited\n");
    CHECK(!bb_watch_poll(w, now_ms));
    CHECK_INT(bb_watch_ms_until_due(w, now_ms), BB_WATCH_DEBOUNCE_MS);
    CHECK(bb_watch_poll(w, now_ms + BB_WATCH_DEBOUNCE_MS));
    now_ms += BB_WATCH_DEBOUNCE_MS;
    CHECK_INT(bb_watch_ms_until_due(w, now_ms), BB_WATCH_RETRY_MS);

    /* The missing include appears: unwatched, but the retry comes. */
    write_file(at("retry/later.cfg"), "x = 1;\n");
    CHECK_INT(settle(w), SETTLE_MS / BB_WATCH_RETRY_MS);

    /* Off again: nothing without a change. */
    bb_watch_set_retry(w, 0, now_ms);
    CHECK_INT(bb_watch_ms_until_due(w, now_ms), -1);
    CHECK_INT(settle(w), 0);
    bb_watch_destroy(w);
}

/* A relative path is taken against the working directory at the time. */
static void test_relative(void)
{
    char old[1024];
    CHECK(getcwd(old, sizeof old) != NULL);
    mkdir(at("rel"), 0755);
    write_file(at("rel/briefboard.cfg"), "x = 1;\n");
    CHECK_INT(chdir(at("rel")), 0);
    const char *paths[] = {"./briefboard.cfg"};
    bb_watch *w = bb_watch_create(paths, 1);
    CHECK_INT(chdir(old), 0);
    CHECK(w != NULL);
    if (!w)
        return;
    write_file(at("rel/briefboard.cfg"), "x = 2;\n");
    CHECK_INT(settle(w), 1);
    bb_watch_destroy(w);
}

int main(void)
{
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("BB_WATCH_ROOT", root, 1);
    bb_watch_destroy(NULL);

    test_editors();
    test_symlink_swap();
    test_configmap();
    test_directory_recreated();
    test_set_files();
    test_relative();
    test_config_paths();
    test_retry();

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    run(cmd);
    free_paths();
    return bb_test_finish("test_watch");
}
