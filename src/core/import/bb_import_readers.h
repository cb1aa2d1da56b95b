/*
 * bb_import_readers: the schedule readers, one per format, that bb_import.c
 * dispatches to; and the frab/pretalx event mapping the XML and JSON readers
 * share (bb_import_frab.c).
 */
#ifndef BB_IMPORT_READERS_H
#define BB_IMPORT_READERS_H

#include "bb_import_common.h"

/* A frab/pretalx event as the XML and JSON readers find it; strings are
 * borrowed from the parsed document, NULL when absent. */
typedef struct bb_frab_event {
    const char *id;            /* the numeric id, as text */
    const char *guid;
    const char *title;
    const char *room;
    const char *track;
    const char *date;          /* ISO 8601 with offset, normally */
    const char *day;           /* the day's date "YYYY-MM-DD" (fallback) */
    const char *start;         /* "HH:MM" (fallback) */
    const char *duration;      /* "HH:MM" or "HH:MM:SS" */
    const char *state;         /* "confirmed", "canceled", ... or NULL */
    const char *const *persons;
    int n_persons;
    int line;                  /* 0 when unknown */
} bb_frab_event;

/* The frab conference the events belong to. */
typedef struct bb_frab_conference {
    const char *title;         /* becomes every talk's forum */
    const bb_tz *tz;           /* time_zone_name's zone, or NULL */
} bb_frab_conference;

/* Map a frab/pretalx event to a talk; returns 0, or -1 after an error. */
int bb_imp_frab_event(bb_importer *im, const bb_frab_conference *conf,
                      const bb_frab_event *ev);

/* The readers: each returns 0, or -1 after at least one error. */
int bb_import_read_xml(bb_importer *im);
int bb_import_read_json(bb_importer *im);
int bb_import_read_ics(bb_importer *im);

#endif
