/*
 * bb_uevent: the kernel's "a display was plugged or unplugged" events.
 *
 * When a TV is switched off and on, its input switched, or the cable
 * re-plugged, the DRM driver sends a uevent (ACTION=change, SUBSYSTEM=drm,
 * HOTPLUG=1) on the kernel's NETLINK_KOBJECT_UEVENT socket.  Listening there
 * directly needs no library and no udev daemon, and costs nothing until an
 * event comes: the socket sits in the loop's one poll(2).
 *
 * A "change" on the DRM device that the kernel synthesised on request
 * (SYNTH_UUID: `udevadm trigger --action=change --subsystem-match=drm`, or
 * "change" written to its uevent file) counts too: it is how an installer
 * or a test asks the display to look at its connector again, and the only
 * event a driver that does not poll its connectors sends after its status
 * was forced through sysfs (virtio-gpu, the boot test's).
 *
 * No SDL.  Parsing is separate from the socket so tests feed it messages.
 */
#ifndef BB_UEVENT_H
#define BB_UEVENT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct bb_uevent bb_uevent;

/* One parsed message. */
typedef struct bb_uevent_info {
    bool drm_hotplug;    /* SUBSYSTEM=drm, and HOTPLUG=1 (a connector changed) or a
                          * synthesised "change" (SYNTH_UUID) */
    char action[16];     /* "change", "add", ... ("" if none) */
    char devname[32];    /* "dri/card0" ("" if none) */
    int connector;       /* CONNECTOR=<id> when the driver names it, else -1 */
} bb_uevent_info;

/*
 * Open the kernel's uevent socket (non-blocking).  Returns a handle the
 * caller owns (bb_uevent_destroy), or NULL when it cannot be opened (no
 * netlink in a sandbox, out of memory): the display then does without
 * hot-plug recovery, which the caller logs.
 */
bb_uevent *bb_uevent_open(void);

/* Closes the socket; NULL is a no-op. */
void bb_uevent_destroy(bb_uevent *u);

/* The socket, for poll(2); owned by the handle. */
int bb_uevent_fd(const bb_uevent *u);

/*
 * Read every waiting message without blocking.  Returns true when one of
 * them was a DRM hot-plug event (*info then describes the last such one;
 * info may be NULL).
 */
bool bb_uevent_read(bb_uevent *u, bb_uevent_info *info);

/*
 * Parse one kernel uevent message ("change@/devices/...\0ACTION=change\0
 * SUBSYSTEM=drm\0HOTPLUG=1\0..."), len bytes.  Returns true for a DRM
 * hot-plug event, or a "change" on a DRM device synthesised on request.  Messages from udev (they start "libudev") are ignored.
 */
bool bb_uevent_parse(const char *msg, size_t len, bb_uevent_info *info);

#endif
