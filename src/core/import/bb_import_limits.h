/*
 * bb_import_limits: the bounds every schedule reader holds untrusted files
 * to.  Apart so the readers need not see the importer's public interface.
 */
#ifndef BB_IMPORT_LIMITS_H
#define BB_IMPORT_LIMITS_H

#include "bb_time.h"

/* Limits for untrusted files, each with its unit. */
#define BB_IMPORT_MAX_BYTES (16 * 1024 * 1024)   /* per file; big congresses are ~3 MiB */
#define BB_IMPORT_MAX_TALKS 10000                /* talks one file may add */
#define BB_IMPORT_MAX_TEXT 1000                  /* bytes of one title, name, room */
#define BB_IMPORT_MAX_PERSONS 64                 /* participants per talk */
/* A recurring event is expanded over [anchor - BEFORE, anchor + AFTER] and
 * to at most MAX_OCCURRENCES talks: see bb_import_anchor. */
#define BB_IMPORT_RECUR_BEFORE_S (7 * BB_SECONDS_PER_DAY)
#define BB_IMPORT_RECUR_AFTER_S (366 * BB_SECONDS_PER_DAY)
#define BB_IMPORT_MAX_OCCURRENCES 1000
/* Wall-clock time all schedules of one config load may take together, ms:
 * well under the unit's WatchdogSec=30s.  The last file needs at least
 * BB_IMPORT_MIN_SLICE_MS of it to be tried. */
#define BB_IMPORT_LOAD_BUDGET_MS 10000
#define BB_IMPORT_MIN_SLICE_MS 200

#endif
