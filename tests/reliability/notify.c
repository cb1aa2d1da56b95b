/*
 * notify: the real program under a stand-in for systemd.  A datagram socket
 * is passed as $NOTIFY_SOCKET with a 1 s watchdog ($WATCHDOG_USEC,
 * $WATCHDOG_PID), as a `Type=notify` unit with `WatchdogSec=1` would, and
 * the test checks what arrives:
 *
 *  - READY=1 once, after the first frame;
 *  - WATCHDOG=1 at least every 0.8 s for 5 s (half the interval, with
 *    room for a loaded machine), and STATUS= naming the slide;
 *  - SIGHUP: RELOADING=1 with MONOTONIC_USEC, then READY=1;
 *  - a stopped (hung) process sends nothing -- the watchdog's whole point;
 *  - SIGTERM: STOPPING=1 and exit status 0.
 */
#include "rel_common.h"

#include <sys/socket.h>
#include <sys/un.h>

#include "bb_test.h"
#include "bb_test_notify.h"

#define WATCHDOG_USEC "1000000"
#define MAX_PING_GAP_MS 800
#define WATCH_MS 5000

static char dir[] = "/tmp/bb_notify_XXXXXX";
static char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static char cfg_path[512], stats_path[512], log_path[512];
static int sock = -1;

/* Next datagram within timeout_ms into buf; false when none came. */
static bool next_message(char *buf, size_t len, unsigned timeout_ms)
{
    for (uint64_t end = rel_now_ms() + timeout_ms;; rel_sleep_ms(5)) {
        ssize_t got = recv(sock, buf, len - 1, MSG_DONTWAIT);
        if (got >= 0) {
            buf[got] = '\0';
            return true;
        }
        if (rel_now_ms() >= end)
            return false;
    }
}

/* Wait for a message starting with `prefix`; counts watchdog pings seen on
 * the way and the longest gap between them. */
static bool expect(const char *prefix, unsigned timeout_ms, bb_test_pings *pings)
{
    char msg[512];
    for (uint64_t end = rel_now_ms() + timeout_ms; rel_now_ms() < end;) {
        if (!next_message(msg, sizeof msg, (unsigned)(end - rel_now_ms())))
            break;
        bb_test_pings_note(pings, msg, rel_now_ms());
        if (strncmp(msg, prefix, strlen(prefix)) == 0)
            return true;
    }
    fprintf(stderr, "notify: no \"%s\" within %u ms\n", prefix, timeout_ms);
    return false;
}

int main(void)
{
    const char *src = getenv("BB_SOURCE_DIR");
    if (!src || !mkdtemp(dir))
        return 1;
    snprintf(sock_path, sizeof sock_path, "%s/notify", dir);
    snprintf(cfg_path, sizeof cfg_path, "%s/briefboard.cfg", dir);
    snprintf(stats_path, sizeof stats_path, "%s/stats", dir);
    snprintf(log_path, sizeof log_path, "%s/briefboard.log", dir);

    char sample[512], assets[600];
    snprintf(sample, sizeof sample, "%s/config/briefboard.cfg", src);
    snprintf(assets, sizeof assets, "\"%s/assets/", src);
    char *text = rel_read_file(sample, NULL);
    if (!text || rel_replace_all(&text, "\"../assets/", assets) == 0 ||
        rel_write_atomic(cfg_path, text, strlen(text)) != 0)
        return 1;
    free(text);

    sock = bb_test_notify_bind(sock_path);
    if (sock < 0)
        return 1;
    char env_socket[sizeof sock_path + 32];
    snprintf(env_socket, sizeof env_socket, "NOTIFY_SOCKET=%s", sock_path);
    const char *env[] = {env_socket, "WATCHDOG_USEC=" WATCHDOG_USEC, "WATCHDOG_PID=$PID",
                         "BRIEFBOARD_ASSUME_SYNC=1", NULL};
    /* rel_spawn clears the notify variables it inherits, then sets these. */
    pid_t pid = rel_spawn(cfg_path, stats_path, log_path, env);
    CHECK(pid > 0);

    bb_test_pings pings = {0};
    char msg[512];
    CHECK(expect("READY=1", REL_START_TIMEOUT_MS, &pings));
    rel_stats st = rel_read_stats(stats_path);
    /* READY comes after the first frame, not before. */
    CHECK(!st.valid || st.frames >= 1);

    /* Steady state: pings and a status line. */
    bool status = false;
    pings.max_gap_ms = 0;
    for (uint64_t end = rel_now_ms() + WATCH_MS; rel_now_ms() < end;) {
        if (!next_message(msg, sizeof msg, 100))
            continue;
        bb_test_pings_note(&pings, msg, rel_now_ms());
        if (strncmp(msg, "STATUS=showing slide ", 21) == 0)
            status = true;
    }
    printf("notify: %d pings, longest gap %llu ms\n", pings.count,
           (unsigned long long)pings.max_gap_ms);
    CHECK(pings.count >= WATCH_MS / MAX_PING_GAP_MS);
    CHECK(pings.max_gap_ms <= MAX_PING_GAP_MS);
    CHECK(status);

    /* Reload: RELOADING=1 then READY=1. */
    kill(pid, SIGHUP);
    CHECK(expect("RELOADING=1\nMONOTONIC_USEC=", 5000, &pings));
    CHECK(expect("READY=1", 5000, &pings));

    /* Hung: not a word while stopped. */
    kill(pid, SIGSTOP);
    rel_sleep_ms(100);
    while (next_message(msg, sizeof msg, 0))
        ;
    CHECK(!next_message(msg, sizeof msg, 1500));
    kill(pid, SIGCONT);
    CHECK(expect("WATCHDOG=1", 2000, &pings));

    /* Clean stop. */
    kill(pid, SIGTERM);
    CHECK(expect("STOPPING=1", 10000, &pings));
    int status_code = rel_stop(pid, 20000);
    CHECK(status_code != -1 && WIFEXITED(status_code) && WEXITSTATUS(status_code) == 0);

    close(sock);
    unlink(sock_path);
    rel_finish(bb_test_failures > 0, dir, log_path);
    return bb_test_finish("notify");
}
