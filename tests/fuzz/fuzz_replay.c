/*
 * fuzz_replay: run a fuzz harness without libFuzzer, over files.
 *
 *   fuzz_replay_NAME [FILE|DIR]...
 *
 * With no arguments it replays $BB_SOURCE_DIR/tests/fuzz/corpus/NAME and
 * tests/fuzz/regressions/NAME (NAME is the harness, set at build time), so
 * CTest runs every seed and every crash ever found through the normal and
 * the sanitizer builds.  Exits 1 when a path cannot be read or nothing was
 * replayed; a crash or a broken invariant aborts as it would under
 * libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_common.h"

#ifndef BB_FUZZ_NAME
#error "BB_FUZZ_NAME must name the harness"
#endif

/* libFuzzer treats LLVMFuzzerInitialize as optional: so do we. */
extern int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Largest file replayed, bytes: the harnesses cap their own input lower. */
#define REPLAY_MAX_BYTES (16 * 1024 * 1024)

static int replayed;

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    uint8_t *buf = malloc(REPLAY_MAX_BYTES);
    size_t n = buf ? fread(buf, 1, REPLAY_MAX_BYTES, f) : 0;
    fclose(f);
    if (!buf)
        return -1;
    /* An exact-size copy, so ASan sees a read past the input's end. */
    uint8_t *exact = malloc(n ? n : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    replayed++;
    return 0;
}

static int replay_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path);
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort);
    if (n < 0) {
        perror(path);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        if (name[0] != '.') {   /* ".", "..", ".gitkeep" */
            char full[4096];
            snprintf(full, sizeof full, "%s/%s", path, name);
            if (replay_path(full) < 0)
                rc = -1;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int rc = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            if (replay_path(argv[i]) < 0)
                rc = 1;
    } else {
        const char *src = getenv("BB_SOURCE_DIR");
        if (!src) {
            fprintf(stderr, "fuzz_replay: set BB_SOURCE_DIR or name files\n");
            return 1;
        }
        static const char *const sets[] = {"corpus", "regressions"};
        for (int i = 0; i < 2; i++) {
            char dir[4096];
            snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", src, sets[i], BB_FUZZ_NAME);
            if (replay_path(dir) < 0)
                rc = 1;
        }
    }
    printf("fuzz_replay %s: %d inputs replayed\n", BB_FUZZ_NAME, replayed);
    return rc || replayed == 0 ? 1 : 0;
}
