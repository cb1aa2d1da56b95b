/*
 * bb_check_layout: --check's layout pass.  Every enabled slide is laid out
 * at the screen sizes the product promises, with the real fonts, and a text
 * that only fits shortened ("…") is reported with the slide's line.
 */
#include "bb_check_layout.h"

#include <stdlib.h>

#include "bb_compose.h"
#include "bb_cycle.h"
#include "bb_log.h"
#include "bb_scene_private.h"

/* The canvas the check's renderer draws into: nothing is drawn (the scenes
 * are laid out only), so it need not be the screen's size. */
#define CHECK_CANVAS_PX 64

static const struct { int w, h; } check_sizes[] = {
    { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 }, { 1080, 1920 },
};

int bb_check_layout_fit(const bb_config *cfg, bb_fonts *fonts, bb_instant now,
                        bb_diag_list *diags)
{
    bb_frame_clock clock = { .wall = now, .synced = true };
    int rc = 0;
    /* Scenes log what does not fit; here it becomes a diagnostic instead. */
    bb_log_set_level(BB_LOG_ERROR);
    for (size_t k = 0; k < sizeof check_sizes / sizeof check_sizes[0] && rc == 0; k++) {
        int w = check_sizes[k].w, h = check_sizes[k].h;
        SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, CHECK_CANVAS_PX, CHECK_CANVAS_PX,
                                                              32, SDL_PIXELFORMAT_ARGB8888);
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
                /* Laid out, not drawn: what fits is decided by layout, and
                 * each part gets the size its picture would have. */
                bb_scene_spec spec = { i, 0, area.w, area.h, w, h, true };
                bb_scene *s = bb_scene_make(r, fonts, cfg, &spec, &clock);
                int pages = bb_scene_pages(s);
                /* Content that pages fits; only a text that still needs
                 * "…" at the floor (on any page of a takeaways slide: its
                 * items are the author's; list rows end in "…" by design)
                 * is reported. */
                for (int p = 1; s && !s->overflow && p < pages && sl->type == BB_SLIDE_TAKEAWAYS;
                     p++) {
                    bb_scene_destroy(s);
                    spec.page = p;
                    s = bb_scene_make(r, fonts, cfg, &spec, &clock);
                }
                if (s && s->overflow)
                    bb_diag_add(diags, BB_WARNING, sl->src.file, sl->src.line,
                                "%s slide does not fit at %dx%d: %s is shortened with \"…\"",
                                bb_slide_type_name(sl->type), w, h, s->overflow_what);
                /* The agenda is a window onto what is coming: it stops at
                 * max_pages by design. */
                if (pages > sl->max_pages && sl->type != BB_SLIDE_AGENDA)
                    bb_diag_add(diags, BB_WARNING, sl->src.file, sl->src.line,
                                "%s slide needs %d pages at %dx%d, more than max_pages (%d): "
                                "a round of it takes %d s; narrow it (rooms, tracks, "
                                "room_prefix) or raise max_pages",
                                bb_slide_type_name(sl->type), pages, w, h, sl->max_pages,
                                pages * bb_slide_page_ms(cfg, i) / 1000);
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
