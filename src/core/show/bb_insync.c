/*
 * bb_insync: the slide the wall clock says (see bb_insync.h).
 */
#include "bb_insync.h"

#include "bb_slide.h"

#define MS_PER_S 1000

bool bb_insync_at(const bb_config *cfg, int64_t wall_ms, bool clock_synced, bb_insync_pos *out)
{
    if (!cfg || !clock_synced)
        return false;
    /* Eligibility at the wall second, floored alike on every screen (also
     * before 1970, where C division would round toward zero). */
    bb_instant wall = wall_ms >= 0 ? wall_ms / MS_PER_S : -((-wall_ms + MS_PER_S - 1) / MS_PER_S);
    int64_t period = 0;
    for (int i = 0; i < cfg->n_slides; i++)
        if (bb_slide_eligible(cfg, i, wall, true))
            period += bb_slide_duration_ms(cfg, i);
    if (period <= 0)
        return false;
    int64_t pos = wall_ms % period;
    if (pos < 0)
        pos += period;
    for (int i = 0; i < cfg->n_slides; i++) {
        if (!bb_slide_eligible(cfg, i, wall, true))
            continue;
        int64_t d = bb_slide_duration_ms(cfg, i);
        if (pos < d) {
            out->slide = i;
            out->ms_into = pos;
            out->ms_left = d - pos;
            out->period_ms = period;
            return true;
        }
        pos -= d;
    }
    return false;   /* not reached: pos < period */
}
