/*
 * bb_inputs: know when an input device has something to say, without
 * reading it for real.  On KMS/DRM SDL reads the evdev devices itself
 * (/dev/input/event*) but offers nothing to sleep on; this module opens the
 * same devices read-only a second time -- every evdev reader gets its own
 * copy of the events -- so the loop can poll(2) them and let SDL pump its
 * events only when a key was really pressed.  Our copies are read and
 * thrown away (bb_inputs_drain), or poll would report them forever.
 *
 * Devices come and go: an inotify watch on the directory notices a keyboard
 * plugged in later (and udev changing a new node's permissions, which is
 * when it becomes readable to the display's user).
 *
 * No SDL.  The directory is a parameter: tests use a temporary directory
 * with FIFOs named event0, event1, ... as fake devices.
 */
#ifndef BB_INPUTS_H
#define BB_INPUTS_H

#include <stdbool.h>

/* The kernel's input devices. */
#define BB_INPUTS_DIR "/dev/input"
/* Most devices watched; more are ignored with a log line. */
#define BB_INPUTS_MAX 32

typedef struct bb_inputs bb_inputs;

/*
 * Watch the event* nodes in dir (copied).  A missing directory is not an
 * error (a kiosk without any input device): nothing is watched until it
 * appears, if its parent can be watched.  Returns a handle the caller owns
 * (bb_inputs_destroy), or NULL when out of memory or without inotify.
 */
bb_inputs *bb_inputs_create(const char *dir);

/* Closes every descriptor; NULL is a no-op. */
void bb_inputs_destroy(bb_inputs *in);

/*
 * The descriptors to poll, into fds (at most max): the directory's watch
 * and each open device.  Owned by the module; valid until the next
 * bb_inputs_drain that reports a change.  Returns how many.
 */
int bb_inputs_fds(const bb_inputs *in, int *fds, int max);

/*
 * Read (and discard) whatever is waiting on every descriptor, without
 * blocking; open new devices and close unplugged ones.  *input: some device
 * had events (SDL should pump now).  Returns true when the set of
 * descriptors changed (call bb_inputs_fds again).
 */
bool bb_inputs_drain(bb_inputs *in, bool *input);

/* How many devices are open. */
int bb_inputs_count(const bb_inputs *in);

#endif
