/*
 * fuzz_iso: the ISO 8601 parser (bb_iso_parse) and the instant arithmetic
 * behind it.
 *
 * Beyond "no crash, no undefined behaviour", every accepted text must keep
 * the parser's promises -- fields in range -- and survive a round trip:
 * civil -> instant -> civil gives the same fields, and formatting the
 * instant and parsing that text gives the same instant.  A violation aborts,
 * so libFuzzer reports it like a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_time.h"
#include "fuzz_common.h"

/* Longest input worth parsing, bytes: a date-time with offset is 25. */
#define FUZZ_ISO_MAX_INPUT 256
#define ERR_BUF 128

static void check_fields(const bb_iso *iso)
{
    const bb_civil *c = &iso->civil;
    FUZZ_ASSERT(c->year >= 0 && c->year <= 9999);
    FUZZ_ASSERT(c->month >= 1 && c->month <= 12);
    FUZZ_ASSERT(c->day >= 1 && c->day <= bb_days_in_month(c->year, c->month));
    FUZZ_ASSERT(c->hour >= 0 && c->hour <= 23);
    FUZZ_ASSERT(c->minute >= 0 && c->minute <= 59);
    FUZZ_ASSERT(c->second >= 0 && c->second <= 59);
    FUZZ_ASSERT(!iso->has_time ? !iso->has_offset && c->hour == 0 && c->minute == 0 : 1);
    FUZZ_ASSERT(iso->offset_s > -24 * BB_SECONDS_PER_HOUR &&
                iso->offset_s < 24 * BB_SECONDS_PER_HOUR);
}

static void check_round_trip(const bb_iso *iso)
{
    int offset = iso->has_offset ? iso->offset_s : 0;
    bb_instant t = bb_civil_to_instant(&iso->civil, offset);
    bb_civil back;
    bb_instant_to_civil(t, offset, &back);
    FUZZ_ASSERT(memcmp(&back, &iso->civil, sizeof back) == 0);

    int64_t days = bb_days_from_civil(iso->civil.year, iso->civil.month, iso->civil.day);
    bb_civil day;
    bb_civil_from_days(days, &day);
    FUZZ_ASSERT(day.year == iso->civil.year && day.month == iso->civil.month &&
                day.day == iso->civil.day);
    int wd = bb_weekday_from_days(days);
    FUZZ_ASSERT(wd >= 0 && wd <= 6);

    char text[BB_ISO_BUF];
    bb_format_offset(t, offset, text, sizeof text);
    bb_iso again;
    FUZZ_ASSERT(bb_iso_parse(text, &again, NULL, 0) == 0);
    FUZZ_ASSERT(bb_civil_to_instant(&again.civil, again.offset_s) == t);

    /* Civil years 0-9999 seen at UTC may spill into -1 or 10000: still one
     * complete, terminated string. */
    bb_format_utc(t, text, sizeof text);
    FUZZ_ASSERT(memchr(text, '\0', sizeof text) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_ISO_MAX_INPUT)
        return 0;
    char text[FUZZ_ISO_MAX_INPUT + 1];
    memcpy(text, data, size);
    text[size] = '\0';

    bb_iso iso;
    memset(&iso, 0x5A, sizeof iso);
    bb_iso before = iso;
    char err[ERR_BUF] = "";
    if (bb_iso_parse(text, &iso, err, sizeof err) != 0) {
        /* Failure leaves *out alone and always says why. */
        FUZZ_ASSERT(memcmp(&iso, &before, sizeof iso) == 0);
        FUZZ_ASSERT(err[0] != '\0');
        FUZZ_ASSERT(memchr(err, '\0', sizeof err) != NULL);
        return 0;
    }
    check_fields(&iso);
    check_round_trip(&iso);
    return 0;
}
