/*
 * fuzz_tz: bb_tz's TZif reader (RFC 8536 v1-v4 blocks and the POSIX TZ
 * footer) on arbitrary bytes, then every query on whatever it accepts.
 *
 * bb_tz only reads zones by name from $TZDIR, and its file is not ours to
 * change, so the bytes go into a memfd and $TZDIR points at /proc/self/fd:
 * zone name "7" is then the memfd itself.  Nothing touches the disk and no
 * temporary file is left behind.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bb_time.h"
#include "bb_tz.h"
#include "fuzz_common.h"

/* Real TZif files are under 100 KiB; bb_tz refuses more than 1 MiB. */
#define FUZZ_TZ_MAX_INPUT (256 * 1024)
/* Offsets RFC 8536 allows: -25:59:59 .. +25:59:59 */
#define FUZZ_TZ_MAX_OFFSET_S 93599

static int memfd = -1;
static char zone_name[16];

/* Instants from year 1 to 9999: the range civil times can name.  Around the
 * 32-bit limits, the epoch, and far in the future where only the POSIX
 * footer's rule applies. */
static const bb_instant probes[] = {
    -62135596800LL, -2208988800LL, -2147483649LL, -2147483648LL, -1, 0, 1,
    946684800LL,    1000000000LL,  1647740000LL,  1667696400LL, 1700000000LL,
    2147483647LL,   2147483648LL,  4102444800LL,  253402300799LL,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    memfd = memfd_create("bb_fuzz_tz", MFD_CLOEXEC);
    if (memfd < 0) {
        perror("memfd_create");
        abort();
    }
    snprintf(zone_name, sizeof zone_name, "%d", memfd);
    setenv("TZDIR", "/proc/self/fd", 1);
    return 0;
}

static void query(const bb_tz *tz)
{
    FUZZ_ASSERT(bb_tz_name(tz) != NULL);
    for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        const char *abbr = NULL;
        int off = bb_tz_offset_at(tz, probes[i], &abbr);
        FUZZ_ASSERT(off >= -FUZZ_TZ_MAX_OFFSET_S && off <= FUZZ_TZ_MAX_OFFSET_S);
        FUZZ_ASSERT(abbr != NULL);
        (void)strlen(abbr);

        bb_civil c;
        int off2 = bb_tz_to_civil(tz, probes[i], &c);
        FUZZ_ASSERT(off2 == off);
        bb_instant earlier, later;
        bb_local_kind kind = bb_tz_from_civil(tz, &c, &earlier, &later);
        FUZZ_ASSERT(kind == BB_LOCAL_UNIQUE || kind == BB_LOCAL_GAP || kind == BB_LOCAL_FOLD);
        FUZZ_ASSERT(earlier <= later);

        /* Readings a DST change makes odd: on the hour, near the year's
         * change dates. */
        c.minute = 30;
        c.hour = 2;
        (void)bb_tz_from_civil(tz, &c, &earlier, &later);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_TZ_MAX_INPUT || memfd < 0)
        return 0;
    if (ftruncate(memfd, 0) != 0 || pwrite(memfd, data, size, 0) != (ssize_t)size)
        abort();
    bb_tz *tz = bb_tz_load(zone_name);
    if (tz)
        query(tz);
    bb_tz_destroy(tz);
    return 0;
}
