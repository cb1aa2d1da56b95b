/*
 * bb_statsfile: the running display's vital signs in a small text file, for
 * the soak and hostile-reload tests and for anyone debugging a kiosk.
 *
 * Only when $BRIEFBOARD_STATS_FILE names a file: the loop then rewrites it
 * (write a temporary, rename over: a reader never sees half a file) at most
 * every BB_STATSFILE_INTERVAL_MS, one "key value" per line:
 *
 *   pid 1234            mono_ms 81234         wall 1641805200
 *   synced 1            frames 512            presents 1010
 *   reloads 3           reload_failures 17    config_error 1
 *   slide 4             slides 12             talks 5
 *   paused 0            scenes_live 2         scenes_created 40
 *   textures_live 3     wakeups 3600          panel_power on
 *   display_resets 0
 *
 * slide is 1-based (0: nothing eligible); config_error is 1 while the last
 * reload was refused and the last good config is still showing.
 */
#ifndef BB_STATSFILE_H
#define BB_STATSFILE_H

#include <stdbool.h>
#include <stdint.h>

#include "bb_show.h"
#include "bb_clock.h"

#define BB_STATSFILE_ENV "BRIEFBOARD_STATS_FILE"
/* Least time between two rewrites, ms of the monotonic clock. */
#define BB_STATSFILE_INTERVAL_MS 200

typedef struct bb_statsfile bb_statsfile;

/* The stats file named by $BRIEFBOARD_STATS_FILE, or NULL when the variable
 * is unset or empty (or out of memory).  Caller owns it. */
bb_statsfile *bb_statsfile_create_from_env(void);

/* Frees the handle (the file stays); NULL is a no-op. */
void bb_statsfile_destroy(bb_statsfile *sf);

/* Is a write due at now_ms (monotonic ms)?  False for a NULL handle and
 * until BB_STATSFILE_INTERVAL_MS have passed since the last write; the
 * caller takes a snapshot only when one is. */
bool bb_statsfile_due(const bb_statsfile *sf, uint64_t now_ms);

/*
 * Rewrite the file with snap (the show's state, borrowed) at clock when a
 * write is due (bb_statsfile_due) or the panel's power changed.  A NULL handle does nothing.  A write
 * that fails is logged once and retried next time.
 */
void bb_statsfile_update(bb_statsfile *sf, const bb_show_snapshot *snap,
                         const bb_frame_clock *clock);

#endif
