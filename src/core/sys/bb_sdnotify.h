/*
 * bb_sdnotify: tell systemd how the display is doing (sd_notify(3)).
 *
 * With `Type=notify` systemd waits for READY=1 -- sent after the first frame
 * is on screen, so "started" means "showing something".  With
 * `WatchdogSec=` systemd restarts the service when WATCHDOG=1 stops coming:
 * the pings are sent from the display loop itself (bb_sdnotify_tick on every
 * iteration), so a loop that hangs -- a driver stuck in a present, a
 * deadlock -- stops pinging and gets restarted.  Never ping from a thread or
 * a timer: that would keep a frozen screen alive.
 *
 * Outside systemd (no $NOTIFY_SOCKET) every call is a cheap no-op.
 * Time is the caller's monotonic clock in milliseconds.
 */
#ifndef BB_SDNOTIFY_H
#define BB_SDNOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "bb_log.h"

/* Longest STATUS= text sent, bytes (longer text is cut). */
#define BB_SDNOTIFY_STATUS_MAX 256

typedef struct bb_sdnotify bb_sdnotify;

/*
 * Read the service manager's environment ($NOTIFY_SOCKET, $WATCHDOG_USEC,
 * $WATCHDOG_PID).  The variables are left in place (the program does not
 * fork children that would misuse them).  Returns a handle the caller owns,
 * inert when not under systemd, or NULL only when out of memory.
 */
bb_sdnotify *bb_sdnotify_create(void);

/* Frees the handle; NULL is a no-op.  Sends nothing: call
 * bb_sdnotify_stopping() first on a clean exit. */
void bb_sdnotify_destroy(bb_sdnotify *n);

/* Is a service manager listening? (false for a NULL handle) */
bool bb_sdnotify_active(const bb_sdnotify *n);

/* The watchdog interval systemd asked for, ms, or 0 when there is none. */
uint64_t bb_sdnotify_watchdog_ms(const bb_sdnotify *n);

/* READY=1: the first frame has been presented, or a reload has finished.
 * Also pings the watchdog.  now_ms is the monotonic clock. */
void bb_sdnotify_ready(bb_sdnotify *n, uint64_t now_ms);

/* RELOADING=1 (with MONOTONIC_USEC, as Type=notify-reload wants): a reload
 * starts; follow it with bb_sdnotify_ready() whatever the outcome, since the
 * old config keeps showing when the new one is refused. */
void bb_sdnotify_reloading(bb_sdnotify *n, uint64_t now_ms);

/* STOPPING=1: a clean shutdown has begun. */
void bb_sdnotify_stopping(bb_sdnotify *n);

/*
 * STATUS=<text> for `systemctl status`: "showing slide 3/9", "config error
 * at /etc/briefboard/briefboard.cfg:12".  Sent only when the text differs
 * from the last one sent, so the loop may call it every frame.
 */
void bb_sdnotify_status(bb_sdnotify *n, const char *fmt, ...) BB_PRINTF(2, 3);

/*
 * Call on every loop iteration: sends WATCHDOG=1 when half the watchdog
 * interval has passed since the last ping.  Returns true when it pinged.
 */
bool bb_sdnotify_tick(bb_sdnotify *n, uint64_t now_ms);

/* Milliseconds from now_ms until the next ping is due (0: now), or -1 when
 * there is no watchdog; the loop sleeps no longer than this. */
int64_t bb_sdnotify_ms_until_ping(const bb_sdnotify *n, uint64_t now_ms);

#endif
