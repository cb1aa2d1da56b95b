/*
 * test_statsfile: the run statistics file is written whole (temporary +
 * rename) and never through a symlink planted at its temporary name -- the
 * target of such a link keeps its content.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_statsfile.h"
#include "bb_test.h"

static char root[] = "/tmp/bb_test_statsfile_XXXXXX";

static char *slurp(const char *path)
{
    static char buf[4096];
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

int main(void)
{
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    char path[256], tmp[300], victim[256];
    snprintf(path, sizeof path, "%s/stats", root);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    snprintf(victim, sizeof victim, "%s/victim", root);

    FILE *v = fopen(victim, "w");
    CHECK(v != NULL);
    if (v) {
        fputs("precious\n", v);
        fclose(v);
    }
    CHECK(symlink(victim, tmp) == 0);

    setenv(BB_STATSFILE_ENV, path, 1);
    bb_statsfile *sf = bb_statsfile_create_from_env();
    CHECK(sf != NULL);
    bb_show_snapshot snap;
    memset(&snap, 0, sizeof snap);
    snap.current = 2;
    snap.n_slides = 5;
    bb_statsfile_update(sf, &snap, 1000, 1641805200, true);

    CHECK_STR(slurp(victim), "precious\n");
    const char *stats = slurp(path);
    CHECK_CONTAINS(stats, "slide 3\n");
    CHECK_CONTAINS(stats, "slides 5\n");
    CHECK(access(tmp, F_OK) != 0);   /* renamed over the file, not left behind */
    bb_statsfile_destroy(sf);

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return bb_test_finish("test_statsfile");
}
