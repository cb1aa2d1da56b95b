/*
 * bb_slide: a slide's eligibility and duration (see bb_slide.h).
 */
#include "bb_slide.h"

#include "bb_daypart.h"
#include "bb_talk.h"

/* Used only when a hand-made config has no positive default duration. */
#define SLIDE_FALLBACK_DURATION_MS 10000

bool bb_slide_eligible(const bb_config *cfg, int i, bb_instant wall, bool clock_synced)
{
    if (i < 0 || i >= cfg->n_slides)
        return false;
    const bb_slide *s = &cfg->slides[i];
    if (!s->enabled)
        return false;
    /*
     * Before the clock is synchronized the wall time may be 1970 or last
     * week's fake-hwclock save, so show_from/show_until cannot be judged.
     * Showing everything for the minute until NTP answers is the lesser evil:
     * hiding everything would leave a blank board at every boot.
     */
    if (!clock_synced)
        return true;
    if (s->has_show_from && wall < s->show_from)
        return false;
    if (s->has_show_until && wall >= s->show_until)
        return false;
    if (s->n_hours > 0 && !bb_daypart_inside(s->hours, s->n_hours, cfg->display.tz, wall))
        return false;
    if (s->type == BB_SLIDE_COUNTDOWN && s->talk_index >= 0 && s->talk_index < cfg->n_talks) {
        const bb_talk *t = &cfg->talks[s->talk_index];
        if (bb_talk_state_at(t, &cfg->timing, wall, true) == BB_STATE_ENDED)
            return false;
    }
    return true;
}

int bb_slide_duration_ms(const bb_config *cfg, int i)
{
    if (i >= 0 && i < cfg->n_slides && cfg->slides[i].duration_ms > 0)
        return cfg->slides[i].duration_ms;
    /* A config that slipped past validation must not make the cycle spin. */
    if (cfg->cycle.default_duration_ms <= 0)
        return SLIDE_FALLBACK_DURATION_MS;
    return cfg->cycle.default_duration_ms;
}

