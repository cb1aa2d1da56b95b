/*
 * test_file: the one file reader -- a regular file read whole, the size cap
 * (an error, or a prefix on request), and everything that is not a regular
 * file refused without blocking: a directory, a FIFO with no writer, a
 * character device, a missing file.  Each refusal reads the same way.
 * And the one writer: a file replaced whole, never through a symlink
 * planted under its temporary name, nothing left behind on failure.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

static void test_replace(void)
{
    char path[256], tmp[300], victim[256];
    bb_file_data d;
    snprintf(path, sizeof path, "%s/state", root);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    snprintf(victim, sizeof victim, "%s/victim", root);

    CHECK_INT(bb_file_replace(path, "first\n", 6, 0640, 0), 0);
    CHECK_INT(bb_file_read(path, 64, 0, &d), BB_FILE_OK);
    CHECK_STR(d.data, "first\n");
    free(d.data);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640);

    /* A symlink planted under the temporary name is removed, not followed. */
    write_file(victim, "keep", 4);
    CHECK(symlink(victim, tmp) == 0);
    CHECK_INT(bb_file_replace(path, "second", 6, 0644, BB_FILE_DURABLE), 0);
    CHECK_INT(bb_file_read(path, 64, 0, &d), BB_FILE_OK);
    CHECK_STR(d.data, "second");
    free(d.data);
    CHECK_INT(bb_file_read(victim, 64, 0, &d), BB_FILE_OK);
    CHECK_STR(d.data, "keep");
    free(d.data);
    CHECK(access(tmp, F_OK) != 0);

    /* A failed rename (the target is a directory) leaves the old entry and
     * no temporary file. */
    snprintf(path, sizeof path, "%s/adir", root);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(mkdir(path, 0700) == 0);
    CHECK_INT(bb_file_replace(path, "x", 1, 0644, 0), -1);
    CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
    CHECK(access(tmp, F_OK) != 0);

    /* Written whole through a pipe larger than its buffer would hold in
     * one write: the reader gets every byte. */
    int fds[2];
    CHECK(pipe(fds) == 0);
    static char big[256 * 1024];
    memset(big, 'b', sizeof big);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        _exit(bb_file_write_all(fds[1], big, sizeof big) == 0 ? 0 : 1);
    }
    close(fds[1]);
    size_t got = 0;
    char buf[4096];
    for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
        got += (size_t)n;
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK_INT(got, sizeof big);
}

int main(void)
{
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    test_regular();
    test_not_regular();
    test_replace();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
    return bb_test_finish("test_file");
}
