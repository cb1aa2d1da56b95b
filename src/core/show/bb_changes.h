/*
 * bb_changes: what changed in the programme since the version before --
 * new talks, talks moved in time or to another room, talks cancelled or
 * removed -- so the screen can say so for a while.
 *
 * A baseline is the programme as last seen: one record per talk id (its
 * title, place, times, whether cancelled) with the mark it carries and when
 * that mark was set.  bb_changes_apply compares a freshly loaded config
 * with it, marks the config's talks (bb_talk.change, .change_until), puts
 * a removed talk back into the config as a cancelled one until its start
 * has passed (a talk never silently vanishes from the screen), and makes
 * the config the new baseline.  The first apply on an empty baseline marks
 * nothing: there is nothing to compare with.
 *
 * Pure: no files, no clock.  Marks are stamped with the instant passed in
 * (the display's clock), so --now previews and replays mark as the screen
 * would.  bb_state keeps a baseline on disk across restarts.
 */
#ifndef BB_CHANGES_H
#define BB_CHANGES_H

#include <stdbool.h>

#include "bb_config.h"
#include "bb_i18n.h"

typedef struct bb_changes bb_changes;

/* One talk as last seen.  Strings are owned by the baseline. */
typedef struct bb_change_record {
    char *id;
    char *title;
    char *place;          /* room, else venue; NULL when neither */
    bool has_start;
    bb_instant start, end;
    bool cancelled;       /* by status (or removed) */
    bool removed;         /* gone from the programme: kept as cancelled */
    unsigned mark;        /* BB_CHANGE_* flags; 0 = none */
    bb_instant marked_at; /* when mark was set (display clock) */
} bb_change_record;

/* An empty baseline (nothing seen yet).  Caller owns it; NULL when out of
 * memory. */
bb_changes *bb_changes_create(void);

/* Frees everything; NULL is a no-op. */
void bb_changes_destroy(bb_changes *ch);

/* Has a programme been seen (an apply, or a record added from a state file
 * -- bb_changes_set_seen)? */
bool bb_changes_seen(const bb_changes *ch);
void bb_changes_set_seen(bb_changes *ch);

/* The records, in the order of the programme last applied (removed talks
 * last).  The pointer is borrowed and valid until the next apply or add. */
int bb_changes_count(const bb_changes *ch);
const bb_change_record *bb_changes_get(const bb_changes *ch, int i);

/* Add a copy of rec (a state file being read).  Returns 0, or -1 when out
 * of memory or rec has no id. */
int bb_changes_add(bb_changes *ch, const bb_change_record *rec);

/*
 * Compare cfg's talks (a config just loaded, with no marks yet) with the
 * baseline at instant now, and:
 *   - mark each talk: NEW (an id not seen before), TIME (start or end
 *     moved), ROOM (room, else venue, differs), CANCELLED (status became
 *     cancelled); a mark lasts cfg->timing.change_s from when it was set,
 *     and an unchanged talk keeps the mark it had;
 *   - append each talk of the baseline that cfg lacks to cfg->talks as a
 *     cancelled talk (removed = true, in the screen's zone), until its
 *     start has passed (an undated one: until its mark expires);
 *   - make cfg's talks, with those, the new baseline.
 * With change_s == 0 nothing is marked or kept.  Talk indices already in
 * cfg (countdown slides) stay valid: kept talks go at the end.
 * Returns the number of records whose mark changed or that came or went
 * (> 0: the baseline is worth saving), or -1 when out of memory (cfg and
 * the baseline are then unchanged or only partly marked, never broken).
 */
int bb_changes_apply(bb_changes *ch, bb_config *cfg, bb_instant now);

/*
 * The mark showing on talk at now (0 when none or expired).  The word for
 * one (--print-schedule's sixth column): "cancelled", "new",
 * "time-changed", "room-changed" in that order of precedence, or "-".
 */
unsigned bb_talk_change_at(const bb_talk *talk, bb_instant now);
const char *bb_change_name(unsigned mark);

/* Size of a buffer that holds any badge text, with NUL. */
#define BB_CHANGE_TEXT_BUF 160

/*
 * The words of a talk's badge for mark (from bb_talk_change_at), UTF-8, in
 * language lang (NULL: English) with clock format cf, times in the talk's
 * own zone as its rows show them:
 *   "cancelled"                 cancelled or removed
 *   "new"                       added
 *   "now 14:30"                 moved in time ("new time" when it lost its start)
 *   "moved to Saal 2"           moved room ("moved" when it lost its room)
 *   "now 14:30 · Saal 2"        both
 * "" for no mark.  buf gets at most len bytes, cut, never overrun.
 */
void bb_change_badge_text(const bb_talk *talk, unsigned mark, const char *lang,
                          bb_clock_format cf, char *buf, size_t len);

/* Flags from a word of bb_change_name ("-" -> 0); -1 when unknown. */
int bb_change_parse(const char *word);

#endif
