/*
 * bb_test_notify: a stand-in for systemd's notification socket, shared by
 * the tests that listen to bb_sdnotify (test_sdnotify) and to the running
 * program (reliability/notify.c, reliability/decoder.c): a datagram socket
 * bound at a path (what $NOTIFY_SOCKET names), and the count of watchdog
 * pings read from it with the longest gap between two.
 */
#ifndef BB_TEST_NOTIFY_H
#define BB_TEST_NOTIFY_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* A datagram socket bound at path (shorter than sun_path), close-on-exec:
 * the caller owns it and unlinks path.  -1 after a message on stderr. */
static inline int bb_test_notify_bind(const char *path)
{
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (strlen(path) >= sizeof addr.sun_path) {
        fprintf(stderr, "notify socket: path too long: %s\n", path);
    } else if (fd >= 0) {
        memcpy(addr.sun_path, path, strlen(path) + 1);
        if (bind(fd, (struct sockaddr *)&addr, sizeof addr) == 0)
            return fd;
    }
    perror("notify socket");
    if (fd >= 0)
        close(fd);
    return -1;
}

/* Watchdog pings seen, when the last came and the longest gap, ms. */
typedef struct bb_test_pings {
    int count;
    uint64_t last_ms, max_gap_ms;
} bb_test_pings;

/* Counts msg (one datagram) when it holds WATCHDOG=1, received at now_ms. */
static inline void bb_test_pings_note(bb_test_pings *p, const char *msg, uint64_t now_ms)
{
    if (!strstr(msg, "WATCHDOG=1"))
        return;
    if (p->last_ms && now_ms - p->last_ms > p->max_gap_ms)
        p->max_gap_ms = now_ms - p->last_ms;
    p->last_ms = now_ms;
    p->count++;
}

#endif
