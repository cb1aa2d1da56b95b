/*
 * test_wakeups: the loop's one sleep (bb_wait, bb_inputs, bb_wakeups) with
 * descriptors the test controls -- FIFOs named event0, event1 in a
 * temporary directory stand in for /dev/input's evdev nodes, pipes for the
 * watcher and the signal pipe -- plus the kernel uevent parser and the
 * hot-plug decisions.  Times are measured on the monotonic clock: a sleep
 * that should last its deadline must, and one that a descriptor ends must
 * end at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bb_hotplug.h"
#include "bb_inputs.h"
#include "bb_test.h"
#include "bb_uevent.h"
#include "bb_wait.h"
#include "bb_wakeups.h"

/* A deadline the test waits for, and how much later than it (or before an
 * event) the wait may end on a loaded machine. */
#define DEADLINE_MS 150
#define LATE_MS 400

static char root[] = "/tmp/bb_test_wakeups_XXXXXX";

static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Make dir/name a FIFO and open its writing end (the "device" sending). */
static int fake_device(const char *dir, const char *name, int *reader_keepalive)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (mkfifo(path, 0600) < 0)
        return -1;
    /* A FIFO's writer can only open once a reader exists: hold one open. */
    *reader_keepalive = open(path, O_RDONLY | O_NONBLOCK);
    return open(path, O_WRONLY | O_NONBLOCK);
}

static void test_wait_deadline_and_fds(void)
{
    int p[2];
    bb_wait *w = bb_wait_create();
    CHECK(w != NULL);
    CHECK(pipe(p) == 0);
    CHECK_INT(bb_wait_add(w, -1, BB_WAIT_SIGNAL), -1);
    CHECK_INT(bb_wait_add(w, p[0], BB_WAIT_WATCHER), 0);

    /* Nothing ready: the deadline, not earlier. */
    uint64_t t0 = mono_ms();
    CHECK_INT(bb_wait_for(w, DEADLINE_MS), 0);
    uint64_t took = mono_ms() - t0;
    CHECK(took >= DEADLINE_MS - 5 && took < DEADLINE_MS + LATE_MS);
    CHECK(!bb_wait_ready(w, BB_WAIT_WATCHER));

    /* Ready: at once, with the right tag only. */
    CHECK_INT(write(p[1], "x", 1), 1);
    t0 = mono_ms();
    CHECK_INT(bb_wait_for(w, 10000), 1);
    CHECK(mono_ms() - t0 < LATE_MS);
    CHECK(bb_wait_ready(w, BB_WAIT_WATCHER));
    CHECK(!bb_wait_ready(w, BB_WAIT_INPUT));

    /* Cleared tags are no longer watched. */
    bb_wait_clear(w, BB_WAIT_WATCHER);
    CHECK_INT(bb_wait_count(w), 0);
    CHECK_INT(bb_wait_for(w, 0), 0);
    close(p[0]);
    close(p[1]);
    bb_wait_destroy(w);
    bb_wait_destroy(NULL);
}

/* No input device, no watcher, no signal: only the deadline ends a wait. */
static void test_no_input_only_deadline(void)
{
    char dir[300];
    snprintf(dir, sizeof dir, "%s/none", root);   /* does not exist */
    bb_wakeups_params wp = { dir, false, -1, -1 };
    bb_wakeups *wk = bb_wakeups_create(&wp);
    bb_wake_reason why;
    CHECK(wk != NULL);
    CHECK_INT(bb_wakeups_input_devices(wk), 0);
    int woke = 0;
    uint64_t t0 = mono_ms();
    for (int i = 0; i < 3; i++)
        woke += bb_wakeups_wait(wk, DEADLINE_MS, &why);
    uint64_t took = mono_ms() - t0;
    CHECK_INT(woke, 0);
    CHECK(!why.input && !why.signal && !why.watcher && !why.display && !why.devices);
    CHECK(took >= 3 * DEADLINE_MS - 15 && took < 3 * DEADLINE_MS + LATE_MS);
    bb_wakeups_destroy(wk);
}

/* Devices present at start, a key press, devices plugged in later. */
static void test_input_devices(void)
{
    char dir[300];
    int keep0, keep1, sig[2], watch[2];
    snprintf(dir, sizeof dir, "%s/input", root);
    CHECK(mkdir(dir, 0700) == 0);
    int dev0 = fake_device(dir, "event0", &keep0);
    CHECK(dev0 >= 0);
    CHECK(pipe(sig) == 0);
    CHECK(pipe(watch) == 0);
    fcntl(sig[0], F_SETFL, O_NONBLOCK);

    bb_wakeups_params wp = { dir, false, watch[0], sig[0] };
    bb_wakeups *wk = bb_wakeups_create(&wp);
    bb_wake_reason why;
    CHECK(wk != NULL);
    CHECK_INT(bb_wakeups_input_devices(wk), 1);

    /* Idle: the deadline. */
    CHECK_INT(bb_wakeups_wait(wk, DEADLINE_MS, &why), 0);
    CHECK(!why.input);

    /* A "key press" (24 bytes, an input_event) wakes it at once... */
    char ev[24] = { 0 };
    CHECK_INT(write(dev0, ev, sizeof ev), (long long)sizeof ev);
    uint64_t t0 = mono_ms();
    CHECK(bb_wakeups_wait(wk, 10000, &why) > 0);
    CHECK(mono_ms() - t0 < LATE_MS);
    CHECK(why.input);
    /* ...and is drained: the next wait sleeps to its deadline again. */
    t0 = mono_ms();
    CHECK_INT(bb_wakeups_wait(wk, DEADLINE_MS, &why), 0);
    CHECK(mono_ms() - t0 >= DEADLINE_MS - 5);
    CHECK(!why.input);

    /* A keyboard plugged in later: the directory's watch wakes the loop,
     * and from then on its keys do too. */
    int dev1 = fake_device(dir, "event1", &keep1);
    CHECK(dev1 >= 0);
    CHECK(bb_wakeups_wait(wk, 10000, &why) > 0);
    CHECK(why.devices);
    CHECK_INT(bb_wakeups_input_devices(wk), 2);
    CHECK_INT(write(dev1, ev, sizeof ev), (long long)sizeof ev);
    CHECK(bb_wakeups_wait(wk, 10000, &why) > 0);
    CHECK(why.input);

    /* Something that is not an event node is ignored. */
    char other[320];
    snprintf(other, sizeof other, "%s/mouse0", dir);
    CHECK(mkfifo(other, 0600) == 0);
    bb_wakeups_wait(wk, DEADLINE_MS, &why);
    CHECK_INT(bb_wakeups_input_devices(wk), 2);

    /* Unplugged: the node goes, the device is closed. */
    char gone[320];
    snprintf(gone, sizeof gone, "%s/event0", dir);
    CHECK(unlink(gone) == 0);
    CHECK(bb_wakeups_wait(wk, 10000, &why) > 0);
    CHECK(why.devices);
    CHECK_INT(bb_wakeups_input_devices(wk), 1);

    /* The signal pipe and the watcher. */
    CHECK_INT(write(sig[1], "s", 1), 1);
    CHECK(bb_wakeups_wait(wk, 10000, &why) > 0);
    CHECK(why.signal && !why.input && !why.watcher);
    CHECK_INT(bb_wakeups_wait(wk, 0, &why), 0);   /* drained */
    CHECK_INT(write(watch[1], "w", 1), 1);
    CHECK(bb_wakeups_wait(wk, 10000, &why) > 0);
    CHECK(why.watcher && !why.signal);

    bb_wakeups_destroy(wk);
    bb_wakeups_destroy(NULL);
    close(dev0);
    close(dev1);
    close(keep0);
    close(keep1);
    close(sig[0]);
    close(sig[1]);
    close(watch[0]);
    close(watch[1]);
}

/* /dev/input appears only with the first input device. */
static void test_input_dir_appears(void)
{
    char dir[300], node[320];
    int keep;
    snprintf(dir, sizeof dir, "%s/late", root);
    bb_inputs *in = bb_inputs_create(dir);
    bool input;
    int fds[8];
    CHECK(in != NULL);
    CHECK_INT(bb_inputs_count(in), 0);
    CHECK_INT(bb_inputs_fds(in, fds, 8), 1);   /* the inotify descriptor */
    CHECK(mkdir(dir, 0700) == 0);
    snprintf(node, sizeof node, "%s/event7", dir);
    CHECK(mkfifo(node, 0600) == 0);
    keep = open(node, O_RDONLY | O_NONBLOCK);
    /* The parent's watch saw the directory; the rescan finds the node. */
    CHECK(bb_inputs_drain(in, &input));
    CHECK_INT(bb_inputs_count(in), 1);
    CHECK_INT(bb_inputs_fds(in, fds, 8), 2);
    close(keep);
    bb_inputs_destroy(in);
}

static void test_uevent_parse(void)
{
    static const char hotplug[] = "change@/devices/pci0000:00/0000:00:01.0/virtio0/drm/card0\0"
                                  "ACTION=change\0DEVPATH=/devices/pci0000:00/drm/card0\0"
                                  "SUBSYSTEM=drm\0HOTPLUG=1\0CONNECTOR=36\0DEVNAME=dri/card0\0"
                                  "DEVTYPE=drm_minor\0SEQNUM=2291\0MAJOR=226\0MINOR=0";
    static const char other[] = "add@/devices/virtual/input/input5\0ACTION=add\0"
                                "SUBSYSTEM=input\0SEQNUM=2300";
    static const char no_hotplug[] = "change@/devices/drm/card0\0ACTION=change\0SUBSYSTEM=drm\0";
    static const char udev[] = "libudev\0\xfe\xed\xca\xfe junk";
    /* `udevadm trigger --action=change` on the card: a request to look again. */
    static const char synth[] = "change@/devices/drm/card0\0ACTION=change\0DEVPATH=/devices/drm/card0"
                                "\0SUBSYSTEM=drm\0SYNTH_UUID=0\0DEVNAME=dri/card0\0";
    static const char synth_add[] = "add@/devices/drm/card0\0ACTION=add\0SUBSYSTEM=drm\0SYNTH_UUID=0\0";
    static const char synth_other[] = "change@/devices/input/input3\0ACTION=change\0"
                                      "SUBSYSTEM=input\0SYNTH_UUID=0\0";
    bb_uevent_info info;
    CHECK(bb_uevent_parse(hotplug, sizeof hotplug, &info));
    CHECK(info.drm_hotplug);
    CHECK_STR(info.action, "change");
    CHECK_STR(info.devname, "dri/card0");
    CHECK_INT(info.connector, 36);
    CHECK(!bb_uevent_parse(other, sizeof other, &info));
    CHECK_STR(info.action, "add");
    CHECK(!bb_uevent_parse(no_hotplug, sizeof no_hotplug, &info));
    CHECK(!bb_uevent_parse(udev, sizeof udev, NULL));
    CHECK(bb_uevent_parse(synth, sizeof synth, &info));
    CHECK_STR(info.devname, "dri/card0");
    CHECK_INT(info.connector, -1);
    CHECK(!bb_uevent_parse(synth_add, sizeof synth_add, &info));
    CHECK(!bb_uevent_parse(synth_other, sizeof synth_other, &info));
    /* Cut short in the middle of a field: no crash, no match. */
    CHECK(!bb_uevent_parse(hotplug, 60, &info));
    CHECK(!bb_uevent_parse("", 0, &info));
}

static void test_hotplug_decisions(void)
{
    bb_hotplug h;
    bb_hotplug_init(&h);
    /* Not on KMS/DRM: nothing to do, ever. */
    CHECK_INT(bb_hotplug_decide(&h, false, false, 0, 0, 1280, 720), BB_HOTPLUG_NONE);
    /* An event while the same display stays: a fresh frame. */
    CHECK_INT(bb_hotplug_decide(&h, true, true, 1280, 720, 1280, 720), BB_HOTPLUG_REDRAW);
    /* TV off (or cable out), then back at the same mode: remake. */
    CHECK_INT(bb_hotplug_decide(&h, true, false, 0, 0, 1280, 720), BB_HOTPLUG_NONE);
    CHECK_INT(bb_hotplug_decide(&h, true, false, 0, 0, 1280, 720), BB_HOTPLUG_NONE);
    CHECK_INT(bb_hotplug_decide(&h, true, true, 1280, 720, 1280, 720), BB_HOTPLUG_REMAKE);
    /* The screen was remade (init again); another TV with another mode. */
    bb_hotplug_init(&h);
    CHECK_INT(bb_hotplug_decide(&h, true, true, 1920, 1080, 1280, 720), BB_HOTPLUG_REMAKE);
}

int main(void)
{
    if (!mkdtemp(root)) {
        perror("mkdtemp");
        return 1;
    }
    test_wait_deadline_and_fds();
    test_no_input_only_deadline();
    test_input_devices();
    test_input_dir_appears();
    test_uevent_parse();
    test_hotplug_decisions();

    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", root);
    return bb_test_finish("test_wakeups");
}
