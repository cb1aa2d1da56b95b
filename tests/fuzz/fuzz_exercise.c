/*
 * fuzz_exercise: run every talk of a config that loaded through the code
 * that shows it -- states, countdown and agenda texts, agenda order, the
 * next talk -- at instants around its start and end.  Shared by the config
 * and the schedule-import harnesses.
 */
#include <stdlib.h>
#include <string.h>

#include "bb_talk.h"
#include "fuzz_common.h"

void fuzz_exercise_talks(const bb_config *cfg, bb_instant wall)
{
    for (int i = 0; i < cfg->n_talks; i++) {
        const bb_talk *t = &cfg->talks[i];
        FUZZ_ASSERT(t->id != NULL && t->tz != NULL);
        FUZZ_ASSERT(!t->has_start || t->end > t->start);
        bb_instant base = t->has_start ? t->start : wall;
        const bb_instant probes[] = {base - BB_SECONDS_PER_DAY, base - 60, base, base + 60,
                                     t->has_start ? t->end : base, base + BB_SECONDS_PER_DAY};
        for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
            bb_countdown cd;
            char rel[BB_COUNTDOWN_BUF];
            for (int synced = 0; synced < 2; synced++) {
                bb_talk_countdown(t, &cfg->timing, probes[k], synced, &cd);
                FUZZ_ASSERT(memchr(cd.text, '\0', sizeof cd.text) != NULL);
                bb_talk_relative(t, &cfg->timing, probes[k], synced, rel, sizeof rel);
                FUZZ_ASSERT(memchr(rel, '\0', sizeof rel) != NULL);
            }
            (void)bb_talk_state_name(cd.state);
            (void)bb_talk_in_agenda(t, &cfg->timing, probes[k]);
        }
    }
    if (cfg->n_talks > 0) {
        int *order = malloc((size_t)cfg->n_talks * sizeof *order);
        FUZZ_ASSERT(order != NULL);
        int n = bb_talk_agenda_order(cfg->talks, cfg->n_talks, &cfg->timing, wall, order);
        FUZZ_ASSERT(n >= 0 && n <= cfg->n_talks);
        for (int i = 0; i < n; i++)
            FUZZ_ASSERT(order[i] >= 0 && order[i] < cfg->n_talks);
        free(order);
    }
    int next = bb_talk_next(cfg->talks, cfg->n_talks, &cfg->timing, wall);
    FUZZ_ASSERT(next >= -1 && next < cfg->n_talks);
}
