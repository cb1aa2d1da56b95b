/*
 * bb_uevent: DRM hot-plug events from the kernel's uevent netlink socket.
 */
#include "bb_uevent.h"

#include <errno.h>
#include <linux/netlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A uevent message is at most a few kB (the kernel's limit is 2 kB of
 * environment plus the header). */
#define MSG_BYTES 8192
/* The kernel's multicast group (udev's re-broadcast is group 2). */
#define KERNEL_GROUP 1u

struct bb_uevent {
    int fd;
};

static void copy_value(char *dst, size_t cap, const char *value);

bb_uevent *bb_uevent_open(void)
{
    struct sockaddr_nl addr;
    bb_uevent *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
    if (u->fd < 0)
        goto fail;
    memset(&addr, 0, sizeof addr);
    addr.nl_family = AF_NETLINK;
    addr.nl_groups = KERNEL_GROUP;
    if (bind(u->fd, (struct sockaddr *)&addr, sizeof addr) < 0)
        goto fail;
    return u;

fail:
    bb_uevent_destroy(u);
    return NULL;
}

void bb_uevent_destroy(bb_uevent *u)
{
    if (!u)
        return;
    if (u->fd >= 0)
        close(u->fd);
    free(u);
}

int bb_uevent_fd(const bb_uevent *u)
{
    return u->fd;
}

bool bb_uevent_read(bb_uevent *u, bb_uevent_info *info)
{
    static char buf[MSG_BYTES];
    bool hotplug = false;
    for (;;) {
        bb_uevent_info one;
        ssize_t got = recv(u->fd, buf, sizeof buf - 1, 0);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;   /* EAGAIN: all read; ENOBUFS: lost some, the caller rechecks anyway */
        if (bb_uevent_parse(buf, (size_t)got, &one)) {
            hotplug = true;
            if (info)
                *info = one;
        }
    }
    return hotplug;
}

bool bb_uevent_parse(const char *msg, size_t len, bb_uevent_info *info)
{
    bool drm = false, hotplug = false, synthetic = false;
    size_t at = 0;
    bb_uevent_info tmp;
    if (!info)
        info = &tmp;
    memset(info, 0, sizeof *info);
    info->connector = -1;
    /* udev's messages on group 2 carry a binary header: not ours. */
    if (len >= 7 && memcmp(msg, "libudev", 7) == 0)
        return false;
    /* Fields are NUL-terminated; the first is "action@devpath". */
    while (at < len) {
        const char *field = msg + at;
        size_t n = strnlen(field, len - at);
        if (n == len - at)
            break;   /* not terminated: ignore the rest */
        if (strncmp(field, "ACTION=", 7) == 0)
            copy_value(info->action, sizeof info->action, field + 7);
        else if (strcmp(field, "SUBSYSTEM=drm") == 0)
            drm = true;
        else if (strcmp(field, "HOTPLUG=1") == 0)
            hotplug = true;
        else if (strncmp(field, "SYNTH_UUID=", 11) == 0)
            synthetic = true;
        else if (strncmp(field, "DEVNAME=", 8) == 0)
            copy_value(info->devname, sizeof info->devname, field + 8);
        else if (strncmp(field, "CONNECTOR=", 10) == 0)
            info->connector = atoi(field + 10);
        at += n + 1;
    }
    info->drm_hotplug = drm && (hotplug || (synthetic && strcmp(info->action, "change") == 0));
    return info->drm_hotplug;
}

/* ---- static ---- */

static void copy_value(char *dst, size_t cap, const char *value)
{
    snprintf(dst, cap, "%s", value);
}
