/*
 * bb_cec: TV standby and wake-up through the kernel's CEC API.
 */
#include "bb_cec.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/cec.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The name a TV shows for us in its source list (at most 14 bytes). */
#define OSD_NAME "briefboard"

struct bb_cec {
    const bb_cec_io *io;
    int fd;
    unsigned char from;     /* our logical address, or 15 (unregistered) */
    unsigned short phys;    /* our physical address, 0xffff when unknown */
};

static int sys_open(void *ctx, const char *path);
static int sys_ioctl(void *ctx, int fd, unsigned long request, void *arg);
static void sys_close(void *ctx, int fd);
static int cec_claim(bb_cec *c, char *err, int err_cap);
static int cec_send(bb_cec *c, unsigned char to, const unsigned char *bytes, int n,
                    const char *what, char *err, int err_cap);

static const bb_cec_io system_io = { sys_open, sys_ioctl, sys_close, NULL };

const bb_cec_io *bb_cec_io_system(void)
{
    return &system_io;
}

bb_cec *bb_cec_open(const char *path, const bb_cec_io *io, char *err, int err_cap)
{
    bb_cec *c = calloc(1, sizeof *c);
    if (!path)
        path = BB_CEC_DEFAULT_DEVICE;
    if (!c) {
        snprintf(err, (size_t)err_cap, "out of memory");
        return NULL;
    }
    c->io = io;
    c->from = CEC_LOG_ADDR_UNREGISTERED;
    c->phys = CEC_PHYS_ADDR_INVALID;
    c->fd = io->open(io->ctx, path);
    if (c->fd < 0) {
        snprintf(err, (size_t)err_cap, "cannot open %s: %s", path, strerror(errno));
        goto fail;
    }
    if (cec_claim(c, err, err_cap) < 0)
        goto fail;
    return c;

fail:
    bb_cec_destroy(c);
    return NULL;
}

void bb_cec_destroy(bb_cec *c)
{
    if (!c)
        return;
    if (c->fd >= 0)
        c->io->close(c->io->ctx, c->fd);
    free(c);
}

int bb_cec_set_power(bb_cec *c, bool on, char *err, int err_cap)
{
    if (!on) {
        const unsigned char standby[] = { CEC_MSG_STANDBY };
        return cec_send(c, CEC_LOG_ADDR_TV, standby, 1, "standby", err, err_cap);
    }
    const unsigned char view_on[] = { CEC_MSG_IMAGE_VIEW_ON };
    if (cec_send(c, CEC_LOG_ADDR_TV, view_on, 1, "image view on", err, err_cap) < 0)
        return -1;
    /* The physical address may have changed since we opened (another
     * input, a replug): ask again. */
    unsigned short phys = c->phys;
    if (c->io->ioctl(c->io->ctx, c->fd, CEC_ADAP_G_PHYS_ADDR, &phys) == 0)
        c->phys = phys;
    if (c->phys == CEC_PHYS_ADDR_INVALID)
        return 0;   /* the TV is on; it just cannot tell which input is ours */
    const unsigned char active[] = { CEC_MSG_ACTIVE_SOURCE, (unsigned char)(c->phys >> 8),
                                     (unsigned char)(c->phys & 0xff) };
    return cec_send(c, CEC_LOG_ADDR_BROADCAST, active, 3, "active source", err, err_cap);
}

/* ---- static ---- */

static int sys_open(void *ctx, const char *path)
{
    (void)ctx;
    return open(path, O_RDWR | O_CLOEXEC);
}

static int sys_ioctl(void *ctx, int fd, unsigned long request, void *arg)
{
    (void)ctx;
    int rc;
    do
        rc = ioctl(fd, request, arg);
    while (rc < 0 && errno == EINTR);
    return rc;
}

static void sys_close(void *ctx, int fd)
{
    (void)ctx;
    close(fd);
}

/* Use the adapter's logical address, or claim one as a playback device. */
static int cec_claim(bb_cec *c, char *err, int err_cap)
{
    struct cec_caps caps;
    struct cec_log_addrs las;
    unsigned short phys;

    memset(&caps, 0, sizeof caps);
    if (c->io->ioctl(c->io->ctx, c->fd, CEC_ADAP_G_CAPS, &caps) < 0) {
        snprintf(err, (size_t)err_cap, "not a CEC adapter: %s", strerror(errno));
        return -1;
    }
    if (c->io->ioctl(c->io->ctx, c->fd, CEC_ADAP_G_PHYS_ADDR, &phys) == 0)
        c->phys = phys;
    memset(&las, 0, sizeof las);
    if (c->io->ioctl(c->io->ctx, c->fd, CEC_ADAP_G_LOG_ADDRS, &las) < 0) {
        snprintf(err, (size_t)err_cap, "cannot read the logical addresses: %s", strerror(errno));
        return -1;
    }
    if (las.num_log_addrs > 0 && las.log_addr[0] != CEC_LOG_ADDR_INVALID) {
        c->from = las.log_addr[0];
        return 0;
    }
    if (!(caps.capabilities & CEC_CAP_LOG_ADDRS)) {
        /* Something else configures this adapter (a daemon): it has not
         * yet, so send unregistered, which <Standby> and <Image View On>
         * allow. */
        return 0;
    }
    memset(&las, 0, sizeof las);
    las.cec_version = CEC_OP_CEC_VERSION_1_4;
    las.vendor_id = CEC_VENDOR_ID_NONE;
    las.num_log_addrs = 1;
    las.flags = CEC_LOG_ADDRS_FL_ALLOW_UNREG_FALLBACK;
    snprintf(las.osd_name, sizeof las.osd_name, "%s", OSD_NAME);
    las.log_addr_type[0] = CEC_LOG_ADDR_TYPE_PLAYBACK;
    las.primary_device_type[0] = CEC_OP_PRIM_DEVTYPE_PLAYBACK;
    las.all_device_types[0] = CEC_OP_ALL_DEVTYPE_PLAYBACK;
    if (c->io->ioctl(c->io->ctx, c->fd, CEC_ADAP_S_LOG_ADDRS, &las) < 0) {
        snprintf(err, (size_t)err_cap, "cannot claim a logical address: %s", strerror(errno));
        return -1;
    }
    if (las.num_log_addrs > 0 && las.log_addr[0] != CEC_LOG_ADDR_INVALID)
        c->from = las.log_addr[0];
    return 0;
}

/* Transmit one message (opcode and operands in bytes[0..n-1]) to `to`. */
static int cec_send(bb_cec *c, unsigned char to, const unsigned char *bytes, int n,
                    const char *what, char *err, int err_cap)
{
    struct cec_msg msg;
    memset(&msg, 0, sizeof msg);
    msg.len = (unsigned)n + 1;
    msg.msg[0] = (unsigned char)((c->from << 4) | (to & 0xf));
    memcpy(msg.msg + 1, bytes, (size_t)n);
    msg.timeout = 0;   /* no reply awaited: only the transmission's status */
    if (c->io->ioctl(c->io->ctx, c->fd, CEC_TRANSMIT, &msg) < 0) {
        snprintf(err, (size_t)err_cap, "cannot send <%s>: %s", what, strerror(errno));
        return -1;
    }
    /* Broadcasts are never acknowledged; a direct message that nobody
     * acknowledged (NACK) means no TV listens. */
    if (msg.tx_status && !(msg.tx_status & CEC_TX_STATUS_OK)) {
        snprintf(err, (size_t)err_cap, "<%s> was not acknowledged (tx status 0x%x)", what,
                 msg.tx_status);
        return -1;
    }
    return 0;
}
