/*
 * fuzz_feed: RSS and Atom documents through bb_feed_parse, then every item
 * through bb_feed_age.
 *
 * Invariants beyond "no crash, no leak, no undefined behaviour": a refused
 * feed says why (an error in the list); an accepted one keeps at most
 * BB_FEED_MAX_ITEMS items, each with a non-empty title, dated ones first
 * and newest first; every diagnostic has a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bb_diag.h"
#include "bb_feed.h"
#include "bb_log.h"
#include "fuzz_common.h"

/* Largest input, bytes: feeds' interesting parser states are all reachable
 * in far less than the 4 MiB cap. */
#define FUZZ_FEED_MAX_INPUT (256 * 1024)
/* Ages are taken at 2025-02-01T11:20:00+01:00. */
#define FUZZ_NOW 1738405200LL

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bb_log_set_level(BB_LOG_ERROR);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_FEED_MAX_INPUT)
        return 0;
    /* An exact-size copy, not NUL-terminated: the reader must honour len. */
    char *copy = malloc(size ? size : 1);
    FUZZ_ASSERT(copy != NULL);
    memcpy(copy, data, size);
    bb_diag_list *diags = bb_diag_list_create();
    FUZZ_ASSERT(diags != NULL);
    bb_feed *feed = bb_feed_parse(copy, size, "fuzz.feed", diags);
    if (!feed) {
        FUZZ_ASSERT(bb_diag_error_count(diags) > 0);
    } else {
        FUZZ_ASSERT(bb_diag_error_count(diags) == 0);
        FUZZ_ASSERT(feed->n_items >= 0 && feed->n_items <= BB_FEED_MAX_ITEMS);
        for (int i = 0; i < feed->n_items; i++) {
            const bb_feed_item *it = &feed->items[i];
            FUZZ_ASSERT(it->title && it->title[0]);
            if (i > 0 && it->has_time)
                FUZZ_ASSERT(feed->items[i - 1].has_time && feed->items[i - 1].time >= it->time);
            char age[BB_FEED_AGE_BUF];
            if (it->has_time) {
                bb_feed_age(it->time, FUZZ_NOW, age, sizeof age);
                FUZZ_ASSERT(age[0] != '\0');
            }
        }
    }
    for (int i = 0; i < bb_diag_count(diags); i++) {
        const bb_diag *d = bb_diag_get(diags, i);
        FUZZ_ASSERT(d && d->message && d->message[0]);
    }
    bb_feed_destroy(feed);
    bb_diag_list_destroy(diags);
    free(copy);
    return 0;
}
