/*
 * bb_file: the one way briefboard reads a whole file, and the one way it
 * writes one.
 *
 * Everything briefboard reads -- the config, its includes, schedules, zone
 * files, the override file -- may be something else than it claims: a
 * directory, a FIFO that never delivers, /proc/self/mem, a device, or a file
 * far larger than any real one.  bb_file_read opens without blocking, refuses
 * anything but a regular file, and stops at a size cap, so no caller has to
 * think about it again and every refusal reads the same way.
 */
#ifndef BB_FILE_H
#define BB_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef enum bb_file_status {
    BB_FILE_OK = 0,
    BB_FILE_ABSENT,       /* no such file (ENOENT, ENOTDIR) */
    BB_FILE_NOT_REGULAR,  /* a directory, FIFO, socket, device, or a /proc or /sys file */
    BB_FILE_TOO_LARGE,    /* over max_bytes (without BB_FILE_PREFIX) */
    BB_FILE_IO,           /* open or read failed: errno in err_no */
    BB_FILE_NO_MEMORY
} bb_file_status;

/* Flags for bb_file_read. */
enum {
    /* A file over the cap is not an error: its first max_bytes are returned
     * and `truncated` is set (the override file shows what fits). */
    BB_FILE_PREFIX = 1u << 0
};

typedef struct bb_file_data {
    char *data;       /* owned by the caller (free()); NUL-terminated at len; NULL on failure */
    size_t len;       /* bytes read, without the terminating NUL */
    bool truncated;   /* BB_FILE_PREFIX only: the file had more than max_bytes */
    int err_no;       /* the errno behind BB_FILE_IO, else 0 */
} bb_file_data;

/*
 * Read the regular file at path, at most max_bytes of it, into out.  Opens
 * with O_NONBLOCK | O_NOCTTY | O_CLOEXEC and checks the opened descriptor
 * with fstat, so neither a FIFO nor a device can block or be read.  Returns
 * BB_FILE_OK with out->data set (the caller frees it), or another status
 * with out->data NULL.
 */
bb_file_status bb_file_read(const char *path, size_t max_bytes, unsigned flags,
                            bb_file_data *out);

/*
 * The reason a read failed, as one phrase naming the file by `what` (e.g.
 * "the config file", "the schedule"), into buf (len bytes):
 *   "cannot open the schedule: No such file or directory"
 *   "cannot read the schedule: Permission denied"
 *   "the schedule is larger than 8388608 bytes"
 *   "the schedule is not a regular file"
 * status and data are what bb_file_read returned and filled.  Returns buf.
 */
const char *bb_file_describe(bb_file_status status, const bb_file_data *data, const char *what,
                             size_t max_bytes, char *buf, size_t len);

/* Flags for bb_file_replace. */
enum {
    /* fsync the file before the rename and the directory after it, so the
     * new content survives a power cut (the show's state); without it the
     * rename is atomic but may be lost with the page cache (run statistics). */
    BB_FILE_DURABLE = 1u << 0
};

/*
 * Write all n bytes at p to fd, going on after short writes and EINTR.
 * Returns 0, or -1 with errno set (0 for a write that wrote nothing).
 */
int bb_file_write_all(int fd, const void *p, size_t n);

/*
 * Replace the file at path with the n bytes at data, atomically: readers see
 * the old content or the new, never a part.  The bytes go to path + ".tmp",
 * which is renamed over path.  The temporary file is always a new one
 * (O_CREAT | O_EXCL | O_NOFOLLOW; a leftover from a crash is removed, not
 * followed), so a symlink planted under that name cannot make the writer
 * overwrite its target.  mode is the new file's permission bits.  Returns 0,
 * or -1 with errno set and the temporary file removed.
 */
int bb_file_replace(const char *path, const void *data, size_t n, mode_t mode, unsigned flags);

#endif
