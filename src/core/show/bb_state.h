/*
 * bb_state: the programme's baseline and change marks (bb_changes) kept in
 * the state directory, so a restart -- the watchdog's included -- keeps
 * showing what changed.
 *
 * One file, DIR/changes.state: a versioned, line-based text format (a
 * header "briefboard-changes 1", one tab-separated line per talk, and a
 * closing "end N" that proves the file is whole).  It is written with
 * bb_file_replace (a new temporary file, synced and renamed over the old
 * one), so a power cut leaves the old state or the new one, and a planted
 * symlink is never followed.  A file that cannot be
 * read back (corrupt, truncated, another version) is a warning and a fresh
 * baseline, never a failure.
 */
#ifndef BB_STATE_H
#define BB_STATE_H

#include <stddef.h>

#include "bb_changes.h"

#define BB_STATE_FILE "changes.state"
#define BB_STATE_VERSION 1
/* A state file larger than this is not ours (bytes): ten thousand talks
 * take about 2 MB. */
#define BB_STATE_MAX_BYTES (32 * 1024 * 1024)

/*
 * The baseline kept in dir.  A missing file (first start) gives an empty
 * baseline; an unreadable or corrupt one too, after one warning line in the
 * log naming the file and the reason.  Returns a baseline the caller owns
 * (bb_changes_destroy); NULL only when out of memory.
 */
bb_changes *bb_state_load(const char *dir);

/*
 * Write ch to dir atomically (see above); dir is created (one level, mode
 * 0755) when missing.  Returns 0, or -1 after one warning line in the log
 * (the display runs on; the marks live in memory until a save succeeds).
 */
int bb_state_save(const char *dir, const bb_changes *ch);

/*
 * Apply cfg to ch at now (bb_changes_apply) and, when anything changed and
 * dir is not NULL, save.  The one step every path that loads a programme
 * for the display takes.  Returns what bb_changes_apply returns.
 */
int bb_state_apply(bb_changes *ch, const char *dir, bb_config *cfg, bb_instant now);

#endif
