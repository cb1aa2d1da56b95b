/*
 * test_sdnotify: bb_sdnotify against a real notification socket, the way
 * systemd provides one: $NOTIFY_SOCKET names a datagram socket, and each
 * message is one datagram of newline-separated assignments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "bb_sdnotify.h"
#include "bb_test.h"
#include "bb_test_notify.h"

static char dir[] = "/tmp/bb_test_sdnotify_XXXXXX";
static char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static int sock = -1;

/* The next datagram, or "" when none is waiting. */
static const char *next_message(void)
{
    static char buf[1024];
    ssize_t got = recv(sock, buf, sizeof buf - 1, MSG_DONTWAIT);
    buf[got > 0 ? got : 0] = '\0';
    return buf;
}

static void set_watchdog(const char *usec, long pid)
{
    char pidtext[32];
    snprintf(pidtext, sizeof pidtext, "%ld", pid);
    setenv("WATCHDOG_USEC", usec, 1);
    setenv("WATCHDOG_PID", pidtext, 1);
}

static void test_outside_systemd(void)
{
    unsetenv("NOTIFY_SOCKET");
    set_watchdog("2000000", (long)getpid());
    bb_sdnotify *n = bb_sdnotify_create();
    CHECK(n != NULL);
    CHECK(!bb_sdnotify_active(n));
    CHECK_INT(bb_sdnotify_watchdog_ms(n), 0);
    CHECK_INT(bb_sdnotify_ms_until_ping(n, 0), -1);
    CHECK(!bb_sdnotify_tick(n, 0));
    bb_sdnotify_ready(n, 0);
    bb_sdnotify_status(n, "showing slide %d/%d", 1, 2);
    bb_sdnotify_stopping(n);
    CHECK_STR(next_message(), "");
    bb_sdnotify_destroy(n);

    /* NULL handles behave like "not under systemd". */
    CHECK(!bb_sdnotify_active(NULL));
    CHECK_INT(bb_sdnotify_ms_until_ping(NULL, 0), -1);
    bb_sdnotify_destroy(NULL);
}

static void test_messages(void)
{
    setenv("NOTIFY_SOCKET", sock_path, 1);
    unsetenv("WATCHDOG_USEC");
    unsetenv("WATCHDOG_PID");
    bb_sdnotify *n = bb_sdnotify_create();
    CHECK(bb_sdnotify_active(n));
    CHECK_INT(bb_sdnotify_watchdog_ms(n), 0);
    CHECK_INT(bb_sdnotify_ms_until_ping(n, 0), -1);
    CHECK(!bb_sdnotify_tick(n, 100000));
    CHECK_STR(next_message(), "");

    bb_sdnotify_ready(n, 10);
    CHECK_STR(next_message(), "READY=1");

    bb_sdnotify_status(n, "showing slide %d/%d", 3, 9);
    CHECK_STR(next_message(), "STATUS=showing slide 3/9");
    bb_sdnotify_status(n, "showing slide %d/%d", 3, 9);   /* same text: not resent */
    CHECK_STR(next_message(), "");
    bb_sdnotify_status(n, "config error at %s:%d\nsecond line", "/etc/b.cfg", 12);
    CHECK_STR(next_message(), "STATUS=config error at /etc/b.cfg:12 second line");

    bb_sdnotify_reloading(n, 5000);
    CHECK_STR(next_message(), "RELOADING=1\nMONOTONIC_USEC=5000000");
    bb_sdnotify_ready(n, 5100);
    CHECK_STR(next_message(), "READY=1");

    /* Long status text is cut, not overflowed. */
    char long_text[BB_SDNOTIFY_STATUS_MAX * 2];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    bb_sdnotify_status(n, "%s", long_text);
    CHECK_INT(strlen(next_message()), strlen("STATUS=") + BB_SDNOTIFY_STATUS_MAX - 1);

    bb_sdnotify_stopping(n);
    CHECK_STR(next_message(), "STOPPING=1");
    bb_sdnotify_destroy(n);
}

static void test_watchdog(void)
{
    setenv("NOTIFY_SOCKET", sock_path, 1);
    set_watchdog("2000000", (long)getpid());   /* WatchdogSec=2 */
    bb_sdnotify *n = bb_sdnotify_create();
    CHECK_INT(bb_sdnotify_watchdog_ms(n), 2000);

    /* The first tick pings at once, then every half interval. */
    CHECK_INT(bb_sdnotify_ms_until_ping(n, 0), 0);
    CHECK(bb_sdnotify_tick(n, 0));
    CHECK_STR(next_message(), "WATCHDOG=1");
    CHECK(!bb_sdnotify_tick(n, 999));
    CHECK_STR(next_message(), "");
    CHECK_INT(bb_sdnotify_ms_until_ping(n, 400), 600);
    CHECK(bb_sdnotify_tick(n, 1000));
    CHECK_STR(next_message(), "WATCHDOG=1");

    /* READY pings too, and restarts the half interval. */
    bb_sdnotify_ready(n, 1500);
    CHECK_STR(next_message(), "READY=1\nWATCHDOG=1");
    CHECK(!bb_sdnotify_tick(n, 2000));
    CHECK_INT(bb_sdnotify_ms_until_ping(n, 2000), 500);
    CHECK(bb_sdnotify_tick(n, 2600));

    /* A loop that stops calling tick sends nothing: that is what makes
     * systemd restart a hung display. */
    while (next_message()[0])
        ;
    CHECK_STR(next_message(), "");
    bb_sdnotify_destroy(n);

    /* A watchdog meant for another process (a parent's) is not ours. */
    set_watchdog("2000000", (long)getpid() + 1);
    n = bb_sdnotify_create();
    CHECK_INT(bb_sdnotify_watchdog_ms(n), 0);
    CHECK(!bb_sdnotify_tick(n, 0));
    bb_sdnotify_destroy(n);
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    if (snprintf(sock_path, sizeof sock_path, "%s/notify", dir) >= (int)sizeof sock_path)
        return 1;
    sock = bb_test_notify_bind(sock_path);
    if (sock < 0)
        return 1;

    test_outside_systemd();
    test_messages();
    test_watchdog();

    close(sock);
    unlink(sock_path);
    rmdir(dir);
    return bb_test_finish("test_sdnotify");
}
