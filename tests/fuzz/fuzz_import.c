/*
 * fuzz_import: external schedules -- frab/pretalx XML and JSON, iCalendar
 * with its recurrence rules -- read from memory by bb_import_buffer into a
 * default config, then every imported talk through bb_talk.
 *
 * Invariants beyond "no crash, no leak, no undefined behaviour": a failed
 * import says why (an error in the list); a successful one added exactly
 * the talks it reports, each with an id, a zone and an end after its start.
 * The first byte picks a format hint nowhere: the importer sniffs it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bb_config.h"
#include "bb_diag.h"
#include "bb_import.h"
#include "bb_log.h"
#include "fuzz_common.h"

/* Largest input, bytes: real schedules are up to a few MiB, but the
 * parsers' interesting states are all reachable in far less. */
#define FUZZ_IMPORT_MAX_INPUT (256 * 1024)
/* Recurrences expand around 2022-01-10T00:00:00Z. */
#define FUZZ_ANCHOR 1641772800LL

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bb_log_set_level(BB_LOG_ERROR);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_IMPORT_MAX_INPUT)
        return 0;
    /* An exact-size copy, not NUL-terminated: the importer must honour len. */
    char *copy = malloc(size ? size : 1);
    FUZZ_ASSERT(copy != NULL);
    memcpy(copy, data, size);

    bb_config *cfg = bb_config_create_default();
    bb_diag_list *diags = bb_diag_list_create();
    FUZZ_ASSERT(cfg != NULL && diags != NULL);
    (void)bb_import_sniff(copy, size);
    int added = bb_import_buffer(cfg, copy, size, "fuzz.schedule", NULL, FUZZ_ANCHOR, diags);
    if (added < 0) {
        FUZZ_ASSERT(bb_diag_error_count(diags) > 0);
    } else {
        FUZZ_ASSERT(added == cfg->n_talks);
        fuzz_exercise_talks(cfg, FUZZ_ANCHOR);
    }
    for (int i = 0; i < bb_diag_count(diags); i++) {
        const bb_diag *d = bb_diag_get(diags, i);
        FUZZ_ASSERT(d && d->message && d->message[0]);
    }
    bb_diag_list_destroy(diags);
    bb_config_destroy(cfg);
    free(copy);
    return 0;
}
