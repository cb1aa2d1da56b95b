/*
 * bb_cec: switch a TV to standby and back on over HDMI-CEC, with the
 * kernel's CEC API (linux/cec.h ioctls on /dev/cec*; no libcec, whose
 * cec-client does not run under full KMS on the Pi).
 *
 *   off: <Standby> to the TV
 *   on:  <Image View On> to the TV, then <Active Source> (our physical
 *        address) to everyone, so the TV also switches to our input
 *
 * The adapter needs a logical address to send from: if nothing has
 * configured one (cec-ctl --playback does, so does this module), we claim
 * one as a playback device named "briefboard".
 *
 * Every system call goes through a bb_cec_io table, so the unit test runs
 * against a fake adapter (no emulator offers one).  No SDL.
 */
#ifndef BB_CEC_H
#define BB_CEC_H

#include <stdbool.h>

/* The adapter tried when none is named. */
#define BB_CEC_DEFAULT_DEVICE "/dev/cec0"

/* The system calls bb_cec makes; ctx is passed back to each. */
typedef struct bb_cec_io {
    int (*open)(void *ctx, const char *path);                    /* fd or -1 (errno) */
    int (*ioctl)(void *ctx, int fd, unsigned long request, void *arg); /* 0 or -1 (errno) */
    void (*close)(void *ctx, int fd);
    void *ctx;
} bb_cec_io;

typedef struct bb_cec bb_cec;

/* The real system calls (open O_RDWR, ioctl, close). */
const bb_cec_io *bb_cec_io_system(void);

/*
 * Open the adapter at path (NULL: BB_CEC_DEFAULT_DEVICE) through io
 * (borrowed; must outlive the handle) and make sure it has a logical
 * address.  Returns a handle the caller owns (bb_cec_destroy), or NULL with
 * a reason in err (err_cap bytes): no such device, no permission, an adapter
 * that cannot claim an address.
 */
bb_cec *bb_cec_open(const char *path, const bb_cec_io *io, char *err, int err_cap);

/* Closes the adapter; NULL is a no-op. */
void bb_cec_destroy(bb_cec *c);

/*
 * <Standby> to the TV (on = false), or <Image View On> and <Active Source>
 * (on = true).  Blocks until the adapter reports the transmission (a few
 * hundred ms at most).  Returns 0 when every message was acknowledged, -1
 * otherwise (err says what: the TV did not answer, the cable is out).
 */
int bb_cec_set_power(bb_cec *c, bool on, char *err, int err_cap);

#endif
