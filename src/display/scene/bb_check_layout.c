/*
 * bb_check_layout: --check's layout pass.  Every enabled slide is laid out
 * at the screen sizes the product promises, with the real fonts, and a text
 * that only fits shortened ("…") is reported with the slide's line.
 */
#include "bb_check_layout.h"

#include <stdlib.h>

#include "bb_compose.h"
#include "bb_log.h"
#include "bb_scene_private.h"

static const struct { int w, h; } check_sizes[] = {
    { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 }, { 1080, 1920 },
};

int bb_check_layout_fit(const bb_config *cfg, bb_fonts *fonts, bb_instant now,
                        bb_diag_list *diags)
{
    bb_frame_clock clock = { now, true, false };
    int rc = 0;
    /* Scenes log what does not fit; here it becomes a diagnostic instead. */
    bb_log_set_level(BB_LOG_ERROR);
    for (size_t k = 0; k < sizeof check_sizes / sizeof check_sizes[0] && rc == 0; k++) {
        int w = check_sizes[k].w, h = check_sizes[k].h;
        SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32,
                                                              SDL_PIXELFORMAT_ARGB8888);
        SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
        bb_compose *c = r ? bb_compose_create(r, fonts, cfg, w, h) : NULL;
        if (!c) {
            rc = -1;
        } else {
            SDL_Rect area = bb_compose_slide_area(c);
            for (int i = 0; i < cfg->n_slides; i++) {
                const bb_slide *sl = &cfg->slides[i];
                if (!sl->enabled)
                    continue;
                bb_scene *s = bb_scene_create(r, fonts, cfg, i, area.w, area.h, &clock);
                if (s && s->overflow)
                    bb_diag_add(diags, BB_WARNING, sl->src.file, sl->src.line,
                                "%s slide does not fit at %dx%d: %s is shortened with \"…\"",
                                bb_slide_type_name(sl->type), w, h, s->overflow_what);
                bb_scene_destroy(s);
            }
        }
        bb_compose_destroy(c);
        SDL_DestroyRenderer(r);
        SDL_FreeSurface(surface);
    }
    bb_log_set_level(BB_LOG_INFO);
    return rc;
}
