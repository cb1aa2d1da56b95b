/*
 * test_file: the one file reader -- a regular file read whole, the size cap
 * (an error, or a prefix on request), and everything that is not a regular
 * file refused without blocking: a directory, a FIFO with no writer, a
 * character device, a missing file.  Each refusal reads the same way.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_file.h"
#include "bb_test.h"

static char root[] = "/tmp/bb_test_file_XXXXXX";

static void write_file(const char *path, const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fwrite(bytes, 1, len, f);
    fclose(f);
}

static void test_regular(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/ten", root);
    write_file(path, "0123456789", 10);
    bb_file_data d;
    CHECK_INT(bb_file_read(path, 10, 0, &d), BB_FILE_OK);
    CHECK_INT(d.len, 10);
    CHECK_STR(d.data, "0123456789");
    CHECK(!d.truncated);
    free(d.data);

    /* One byte over the cap is refused, and named in the message. */
    CHECK_INT(bb_file_read(path, 9, 0, &d), BB_FILE_TOO_LARGE);
    CHECK(d.data == NULL);
    char msg[128];
    CHECK_STR(bb_file_describe(BB_FILE_TOO_LARGE, &d, "the schedule", 9, msg, sizeof msg),
              "the schedule is larger than 9 bytes");

    /* ...or cut, when the caller shows what fits. */
    CHECK_INT(bb_file_read(path, 4, BB_FILE_PREFIX, &d), BB_FILE_OK);
    CHECK_INT(d.len, 4);
    CHECK_STR(d.data, "0123");
    CHECK(d.truncated);
    free(d.data);

    /* An empty file is read as empty text, not refused. */
    snprintf(path, sizeof path, "%s/empty", root);
    write_file(path, "", 0);
    CHECK_INT(bb_file_read(path, 10, 0, &d), BB_FILE_OK);
    CHECK_INT(d.len, 0);
    CHECK_STR(d.data, "");
    free(d.data);
}

static void test_not_regular(void)
{
    char path[256], msg[160];
    bb_file_data d;

    CHECK_INT(bb_file_read(root, 1024, 0, &d), BB_FILE_NOT_REGULAR);
    CHECK_STR(bb_file_describe(BB_FILE_NOT_REGULAR, &d, "the config file", 1024, msg, sizeof msg),
              "the config file is not a regular file");

    /* A FIFO with no writer would block a plain open() for ever. */
    snprintf(path, sizeof path, "%s/fifo", root);
    CHECK(mkfifo(path, 0600) == 0);
    CHECK_INT(bb_file_read(path, 1024, 0, &d), BB_FILE_NOT_REGULAR);
    CHECK(d.data == NULL);

    CHECK_INT(bb_file_read("/dev/zero", 1024, 0, &d), BB_FILE_NOT_REGULAR);

    snprintf(path, sizeof path, "%s/absent", root);
    CHECK_INT(bb_file_read(path, 1024, 0, &d), BB_FILE_ABSENT);
    CHECK_CONTAINS(bb_file_describe(BB_FILE_ABSENT, &d, "the schedule", 1024, msg, sizeof msg),
                   "cannot open the schedule: No such file");

    /* /proc files claim to be regular: /proc/self/mem cannot be read, and a
     * symlink to /proc/self/environ would show the process's environment. */
    CHECK_INT(bb_file_read("/proc/self/mem", 1024, 0, &d), BB_FILE_NOT_REGULAR);
    snprintf(path, sizeof path, "%s/environ-link", root);
    CHECK(symlink("/proc/self/environ", path) == 0);
    CHECK_INT(bb_file_read(path, 1024, 0, &d), BB_FILE_NOT_REGULAR);
    CHECK_INT(bb_file_read("/sys/kernel/uevent_seqnum", 1024, 0, &d), BB_FILE_NOT_REGULAR);
}

int main(void)
{
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    test_regular();
    test_not_regular();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return bb_test_finish("test_file");
}
