/*
 * bb_file: the one file reader (see bb_file.h).
 */
#include "bb_file.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

/* First allocation when the size is unknown (a regular file's st_size can
 * be 0 for /proc-like files, or change while read). */
#define FIRST_CHUNK_BYTES (64 * 1024)

static bool is_pseudo_file(int fd);
static void sync_parent(const char *path);
static bb_file_status read_fd(int fd, size_t size_hint, size_t max_bytes, unsigned flags,
                              bb_file_data *out);

bb_file_status bb_file_read(const char *path, size_t max_bytes, unsigned flags,
                            bb_file_data *out)
{
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        out->err_no = errno;
        return (errno == ENOENT || errno == ENOTDIR) ? BB_FILE_ABSENT : BB_FILE_IO;
    }
    struct stat st;
    bb_file_status status;
    if (fstat(fd, &st) != 0) {
        out->err_no = errno;
        status = BB_FILE_IO;
    } else if (!S_ISREG(st.st_mode) || is_pseudo_file(fd)) {
        status = BB_FILE_NOT_REGULAR;
    } else if (!(flags & BB_FILE_PREFIX) && st.st_size > 0 && (size_t)st.st_size > max_bytes) {
        status = BB_FILE_TOO_LARGE;
    } else {
        status = read_fd(fd, st.st_size > 0 ? (size_t)st.st_size : 0, max_bytes, flags, out);
    }
    close(fd);
    return status;
}

const char *bb_file_describe(bb_file_status status, const bb_file_data *data, const char *what,
                             size_t max_bytes, char *buf, size_t len)
{
    switch (status) {
    case BB_FILE_OK:
        snprintf(buf, len, "%s was read", what);
        break;
    case BB_FILE_ABSENT:
        snprintf(buf, len, "cannot open %s: %s", what, strerror(data ? data->err_no : ENOENT));
        break;
    case BB_FILE_IO:
        snprintf(buf, len, "cannot read %s: %s", what, strerror(data ? data->err_no : EIO));
        break;
    case BB_FILE_NOT_REGULAR:
        snprintf(buf, len, "%s is not a regular file", what);
        break;
    case BB_FILE_TOO_LARGE:
        snprintf(buf, len, "%s is larger than %zu bytes", what, max_bytes);
        break;
    case BB_FILE_NO_MEMORY:
        snprintf(buf, len, "out of memory reading %s", what);
        break;
    }
    return buf;
}

/* --- static functions --- */

/* /proc and /sys files call themselves regular, but they are the kernel's
 * or the process's state: a symlink to /proc/self/environ would put the
 * environment on screen, /proc/self/mem makes readers fail or exit. */
int bb_file_write_all(int fd, const void *p, size_t n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = 0;
            return -1;
        }
        c += w;
        n -= (size_t)w;
    }
    return 0;
}

int bb_file_replace(const char *path, const void *data, size_t n, mode_t mode, unsigned flags)
{
    char tmp[PATH_MAX];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0)
        return -1;
    /* The umask may have taken bits the file needs (a request file the
     * display, another user, must be able to remove is mode 0666). */
    if (fchmod(fd, mode) < 0 || bb_file_write_all(fd, data, n) < 0
        || ((flags & BB_FILE_DURABLE) && fsync(fd) < 0)) {
        int saved = errno;
        close(fd);
        unlink(tmp);
        errno = saved;
        return -1;
    }
    if (close(fd) < 0 || rename(tmp, path) < 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        return -1;
    }
    if (flags & BB_FILE_DURABLE)
        sync_parent(path);
    return 0;
}

static bool is_pseudo_file(int fd)
{
    struct statfs fs;
    if (fstatfs(fd, &fs) != 0)
        return false;
    return fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC;
}

static bb_file_status read_fd(int fd, size_t size_hint, size_t max_bytes, unsigned flags,
                              bb_file_data *out)
{
    /* One byte past the cap tells "exactly the cap" from "more". */
    size_t limit = max_bytes + 1;
    size_t cap = size_hint ? size_hint + 1 : FIRST_CHUNK_BYTES;
    if (cap > limit)
        cap = limit;
    char *buf = malloc(cap + 1);
    size_t len = 0;
    if (!buf)
        return BB_FILE_NO_MEMORY;
    for (;;) {
        if (len == cap) {
            if (cap >= limit)
                break;
            size_t grown_cap = cap * 2 < limit ? cap * 2 : limit;
            char *grown = realloc(buf, grown_cap + 1);
            if (!grown) {
                free(buf);
                return BB_FILE_NO_MEMORY;
            }
            buf = grown;
            cap = grown_cap;
        }
        ssize_t n = read(fd, buf + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            out->err_no = errno;
            free(buf);
            return BB_FILE_IO;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > max_bytes) {
        if (!(flags & BB_FILE_PREFIX)) {
            free(buf);
            return BB_FILE_TOO_LARGE;
        }
        out->truncated = true;
        len = max_bytes;
    }
    buf[len] = '\0';
    out->data = buf;
    out->len = len;
    return BB_FILE_OK;
}

/* fsync the directory holding path, so that a rename in it is on disk. */
static void sync_parent(const char *path)
{
    char dir[PATH_MAX];
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
}
