/*
 * bb_sdnotify: readiness, reload, status and watchdog messages to systemd
 * through libsystemd's sd_notify().
 */
#include "bb_sdnotify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

/* sd_watchdog_enabled() reports microseconds. */
#define USEC_PER_MS 1000
/* Ping at this fraction of the interval, as sd_watchdog_enabled(3) advises:
 * one late frame must not cost a restart. */
#define WATCHDOG_PING_DIVISOR 2

struct bb_sdnotify {
    bool active;                /* $NOTIFY_SOCKET was set */
    uint64_t watchdog_ms;       /* 0: no watchdog */
    bool pinged;                /* a ping has been sent */
    uint64_t last_ping_ms;
    char status[BB_SDNOTIFY_STATUS_MAX];
};

static void notify_send(bb_sdnotify *n, const char *msg);

bb_sdnotify *bb_sdnotify_create(void)
{
    bb_sdnotify *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    const char *socket = getenv("NOTIFY_SOCKET");
    n->active = socket && *socket;
    uint64_t usec = 0;
    /* > 0 only when $WATCHDOG_USEC is set and $WATCHDOG_PID, if set, is us. */
    if (n->active && sd_watchdog_enabled(0, &usec) > 0)
        n->watchdog_ms = usec / USEC_PER_MS;
    if (n->active)
        bb_log(BB_LOG_DEBUG, "systemd notification socket %s, watchdog %llu ms", socket,
               (unsigned long long)n->watchdog_ms);
    return n;
}

void bb_sdnotify_destroy(bb_sdnotify *n)
{
    free(n);
}

bool bb_sdnotify_active(const bb_sdnotify *n)
{
    return n && n->active;
}

uint64_t bb_sdnotify_watchdog_ms(const bb_sdnotify *n)
{
    return n && n->active ? n->watchdog_ms : 0;
}

void bb_sdnotify_ready(bb_sdnotify *n, uint64_t now_ms)
{
    if (!bb_sdnotify_active(n))
        return;
    notify_send(n, n->watchdog_ms ? "READY=1\nWATCHDOG=1" : "READY=1");
    n->pinged = true;
    n->last_ping_ms = now_ms;
}

void bb_sdnotify_reloading(bb_sdnotify *n, uint64_t now_ms)
{
    if (!bb_sdnotify_active(n))
        return;
    char msg[64];
    snprintf(msg, sizeof msg, "RELOADING=1\nMONOTONIC_USEC=%llu",
             (unsigned long long)now_ms * USEC_PER_MS);
    notify_send(n, msg);
}

void bb_sdnotify_stopping(bb_sdnotify *n)
{
    if (bb_sdnotify_active(n))
        notify_send(n, "STOPPING=1");
}

void bb_sdnotify_status(bb_sdnotify *n, const char *fmt, ...)
{
    if (!bb_sdnotify_active(n))
        return;
    char text[BB_SDNOTIFY_STATUS_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    /* A newline would start a new assignment in the datagram. */
    for (char *p = text; *p; p++)
        if (*p == '\n')
            *p = ' ';
    if (strcmp(text, n->status) == 0)
        return;
    memcpy(n->status, text, sizeof text);
    char msg[BB_SDNOTIFY_STATUS_MAX + 8];
    snprintf(msg, sizeof msg, "STATUS=%s", text);
    notify_send(n, msg);
}

bool bb_sdnotify_tick(bb_sdnotify *n, uint64_t now_ms)
{
    if (bb_sdnotify_ms_until_ping(n, now_ms) != 0)
        return false;
    notify_send(n, "WATCHDOG=1");
    n->pinged = true;
    n->last_ping_ms = now_ms;
    return true;
}

int64_t bb_sdnotify_ms_until_ping(const bb_sdnotify *n, uint64_t now_ms)
{
    if (!bb_sdnotify_active(n) || n->watchdog_ms == 0)
        return -1;
    if (!n->pinged)
        return 0;
    uint64_t due = n->last_ping_ms + n->watchdog_ms / WATCHDOG_PING_DIVISOR;
    return now_ms >= due ? 0 : (int64_t)(due - now_ms);
}

/* ---- static functions ---- */

static void notify_send(bb_sdnotify *n, const char *msg)
{
    int rc = sd_notify(0, msg);
    /* A manager that stopped listening is worth one line, not one per ping. */
    if (rc < 0)
        bb_log_once(BB_LOG_WARNING, "cannot notify systemd: %s", strerror(-rc));
    (void)n;
}
