/*
 * test_cec: bb_cec against a fake CEC adapter (no emulator offers one).
 * The fake answers the ioctls the way the kernel's CEC framework does --
 * capabilities, physical address, logical addresses (claimed on request),
 * transmissions with a status -- and records every message sent, so the
 * test checks the bytes a TV would see: <Standby> 0x36 to the TV,
 * <Image View On> 0x04 to the TV, <Active Source> 0x82 with our physical
 * address to everyone.
 */
#include <errno.h>
#include <linux/cec.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>

#include "bb_cec.h"
#include "bb_test.h"

#define FAKE_FD 42
#define MAX_SENT 16

typedef struct fake_adapter {
    bool exists;            /* open succeeds */
    bool can_claim;         /* CEC_CAP_LOG_ADDRS */
    bool configured;        /* a logical address is set (cec-ctl --playback did) */
    unsigned char log_addr; /* the address it has or gets */
    unsigned short phys;    /* 0x1000: HDMI input 1 of the TV */
    bool tv_answers;        /* direct messages are acknowledged */
    int opens, closes, claims;
    struct cec_msg sent[MAX_SENT];
    int n_sent;
} fake_adapter;

static int fake_open(void *ctx, const char *path)
{
    fake_adapter *a = ctx;
    if (!a->exists || strcmp(path, "/dev/cec0") != 0) {
        errno = ENOENT;
        return -1;
    }
    a->opens++;
    return FAKE_FD;
}

static int fake_ioctl(void *ctx, int fd, unsigned long request, void *arg)
{
    fake_adapter *a = ctx;
    if (fd != FAKE_FD) {
        errno = EBADF;
        return -1;
    }
    if (request == CEC_ADAP_G_CAPS) {
        struct cec_caps *caps = arg;
        memset(caps, 0, sizeof *caps);
        strcpy(caps->driver, "fake");
        caps->capabilities = CEC_CAP_TRANSMIT | (a->can_claim ? CEC_CAP_LOG_ADDRS : 0);
        caps->available_log_addrs = 1;
        return 0;
    }
    if (request == CEC_ADAP_G_PHYS_ADDR) {
        *(unsigned short *)arg = a->phys;
        return 0;
    }
    if (request == CEC_ADAP_G_LOG_ADDRS) {
        struct cec_log_addrs *las = arg;
        memset(las, 0, sizeof *las);
        if (a->configured) {
            las->num_log_addrs = 1;
            las->log_addr[0] = a->log_addr;
        }
        return 0;
    }
    if (request == CEC_ADAP_S_LOG_ADDRS) {
        struct cec_log_addrs *las = arg;
        if (!a->can_claim) {
            errno = ENOTTY;
            return -1;
        }
        /* The kernel checks what a playback device asks for. */
        if (las->num_log_addrs != 1 || las->log_addr_type[0] != CEC_LOG_ADDR_TYPE_PLAYBACK ||
            las->primary_device_type[0] != CEC_OP_PRIM_DEVTYPE_PLAYBACK) {
            errno = EINVAL;
            return -1;
        }
        a->claims++;
        a->configured = true;
        las->log_addr[0] = a->log_addr;
        return 0;
    }
    if (request == CEC_TRANSMIT) {
        struct cec_msg *msg = arg;
        bool broadcast = (msg->msg[0] & 0xf) == CEC_LOG_ADDR_BROADCAST;
        if (a->n_sent < MAX_SENT)
            a->sent[a->n_sent++] = *msg;
        msg->tx_status = broadcast || a->tv_answers ? CEC_TX_STATUS_OK
                                                    : CEC_TX_STATUS_NACK | CEC_TX_STATUS_MAX_RETRIES;
        return 0;
    }
    errno = ENOTTY;
    return -1;
}

static void fake_close(void *ctx, int fd)
{
    fake_adapter *a = ctx;
    if (fd == FAKE_FD)
        a->closes++;
}

static fake_adapter adapter(void)
{
    fake_adapter a;
    memset(&a, 0, sizeof a);
    a.exists = true;
    a.can_claim = true;
    a.log_addr = 4;   /* Playback Device 1 */
    a.phys = 0x1000;
    a.tv_answers = true;
    return a;
}

static void test_off_and_on(void)
{
    fake_adapter a = adapter();
    bb_cec_io io = { fake_open, fake_ioctl, fake_close, &a };
    char err[160] = "";
    bb_cec *c = bb_cec_open(NULL, &io, err, sizeof err);
    CHECK(c != NULL);
    CHECK_INT(a.claims, 1);   /* nothing had configured the adapter */

    CHECK_INT(bb_cec_set_power(c, false, err, sizeof err), 0);
    CHECK_INT(a.n_sent, 1);
    CHECK_INT(a.sent[0].len, 2);
    CHECK_INT(a.sent[0].msg[0], 0x40);   /* from 4 to the TV (0) */
    CHECK_INT(a.sent[0].msg[1], CEC_MSG_STANDBY);

    CHECK_INT(bb_cec_set_power(c, true, err, sizeof err), 0);
    CHECK_INT(a.n_sent, 3);
    CHECK_INT(a.sent[1].len, 2);
    CHECK_INT(a.sent[1].msg[0], 0x40);
    CHECK_INT(a.sent[1].msg[1], CEC_MSG_IMAGE_VIEW_ON);
    CHECK_INT(a.sent[2].len, 4);
    CHECK_INT(a.sent[2].msg[0], 0x4f);   /* to everyone */
    CHECK_INT(a.sent[2].msg[1], CEC_MSG_ACTIVE_SOURCE);
    CHECK_INT(a.sent[2].msg[2], 0x10);
    CHECK_INT(a.sent[2].msg[3], 0x00);

    /* The TV moved us to another input: the new address is announced. */
    a.phys = 0x2000;
    CHECK_INT(bb_cec_set_power(c, true, err, sizeof err), 0);
    CHECK_INT(a.sent[4].msg[2], 0x20);
    bb_cec_destroy(c);
    CHECK_INT(a.closes, 1);
    bb_cec_destroy(NULL);
}

static void test_already_configured(void)
{
    fake_adapter a = adapter();
    bb_cec_io io = { fake_open, fake_ioctl, fake_close, &a };
    char err[160];
    a.configured = true;   /* cec-ctl --playback ran before us */
    a.log_addr = 8;        /* Playback Device 2 */
    bb_cec *c = bb_cec_open("/dev/cec0", &io, err, sizeof err);
    CHECK(c != NULL);
    CHECK_INT(a.claims, 0);
    CHECK_INT(bb_cec_set_power(c, false, err, sizeof err), 0);
    CHECK_INT(a.sent[0].msg[0], 0x80);
    bb_cec_destroy(c);
}

static void test_failures(void)
{
    fake_adapter a = adapter();
    bb_cec_io io = { fake_open, fake_ioctl, fake_close, &a };
    char err[160] = "";

    /* No adapter: a reason, no handle. */
    a.exists = false;
    CHECK(bb_cec_open(NULL, &io, err, sizeof err) == NULL);
    CHECK_CONTAINS(err, "/dev/cec0");
    a.exists = true;

    /* An adapter someone else must configure, not yet configured: send as
     * "unregistered" (15), which <Standby> allows. */
    a.can_claim = false;
    bb_cec *c = bb_cec_open(NULL, &io, err, sizeof err);
    CHECK(c != NULL);
    CHECK_INT(bb_cec_set_power(c, false, err, sizeof err), 0);
    CHECK_INT(a.sent[a.n_sent - 1].msg[0], 0xf0);
    bb_cec_destroy(c);

    /* No TV listening (cable out, TV unplugged): not acknowledged. */
    a = adapter();
    io.ctx = &a;
    a.tv_answers = false;
    c = bb_cec_open(NULL, &io, err, sizeof err);
    CHECK(c != NULL);
    CHECK_INT(bb_cec_set_power(c, false, err, sizeof err), -1);
    CHECK_CONTAINS(err, "standby");
    CHECK_INT(bb_cec_set_power(c, true, err, sizeof err), -1);
    CHECK_CONTAINS(err, "image view on");
    CHECK_INT(a.n_sent, 2);   /* no <Active Source> for a TV that is not there */
    bb_cec_destroy(c);
}

int main(void)
{
    test_off_and_on();
    test_already_configured();
    test_failures();
    return bb_test_finish("test_cec");
}
