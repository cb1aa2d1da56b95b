/*
 * Layout tests: every enabled slide of the sample config
 * (config/briefboard.cfg) at the four promised screen sizes, at instants
 * before the talks, just before one, during one (live), after all of them,
 * and with the clock not yet synchronized -- so countdowns, state words and
 * agenda rows show each of their texts -- and the screen shown when no
 * slide is eligible (BB_SCENE_IDLE).  For every scene:
 *   - nothing was shortened ("…"): the scene reports no overflow;
 *   - every text box lies inside the scene's area;
 *   - no two text boxes overlap, where a live text counts as the rectangle
 *     it draws now (bb_scene_live_rect), which must lie inside the box
 *     reserved for it.
 * Scenes are made with the real fonts on SDL's software renderer.
 */
#include <SDL.h>
#include <string.h>

#include "bb_compose.h"
#include "bb_config.h"
#include "bb_diag.h"
#include "bb_fonts.h"
#include "bb_log.h"
#include "bb_scene_build.h"
#include "bb_test.h"
#include "bb_time.h"

#define PATH_MAX_LEN 1024

static const struct {
    int w, h;
} SIZES[] = { { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 }, { 1080, 1920 } };

typedef struct fit_instant {
    const char *what;
    bb_civil utc;
    bool synced;
} fit_instant;

/* The sample's talks: Geneva Mon 10 Jan 2022 09:00 CET (08:00Z) for 8 h,
 * Brussels Wed 12 Jan 10:00 CET, Vienna Thu 13 Jan 10:00 CET, and one
 * expected by 8 Mar 2025. */
static const fit_instant INSTANTS[] = {
    { "the evening before", { 2022, 1, 9, 18, 0, 0 }, true },
    { "three minutes before Geneva", { 2022, 1, 10, 7, 57, 0 }, true },
    { "Geneva live", { 2022, 1, 10, 10, 0, 0 }, true },
    { "after all of January's talks", { 2022, 1, 14, 12, 0, 0 }, true },
    { "the Feb 2025 talks expected", { 2025, 2, 25, 12, 0, 0 }, true },
    { "clock not synchronized", { 2022, 1, 10, 7, 0, 0 }, false },
};

static bool rect_inside(SDL_Rect r, SDL_Rect area)
{
    return r.x >= area.x && r.y >= area.y && r.x + r.w <= area.x + area.w &&
           r.y + r.h <= area.y + area.h;
}

static bool rect_empty(SDL_Rect r)
{
    return r.w <= 0 || r.h <= 0;
}

static bool rect_overlap(SDL_Rect a, SDL_Rect b)
{
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/* Each box as drawn: a live text's reserved box replaced by what it draws. */
static int drawn_boxes(const bb_scene *s, SDL_Rect *out)
{
    for (int i = 0; i < s->n_boxes; i++)
        out[i] = s->boxes[i];
    for (int i = 0; i < s->n_live; i++) {
        const scene_live *l = &s->live[i];
        if (l->box_index >= 0)
            out[l->box_index] = bb_scene_live_rect(l);
    }
    return s->n_boxes;
}

static void check_scene(const bb_scene *s, const char *where)
{
    SDL_Rect area = { 0, 0, s->w, s->h };
    SDL_Rect drawn[SCENE_MAX_BOXES];
    int n = drawn_boxes(s, drawn);

    if (s->overflow)
        fprintf(stderr, "%s: shortened: %s\n", where, s->overflow_what);
    CHECK(!s->overflow);
    CHECK(n > 0);
    for (int i = 0; i < s->n_live; i++) {
        const scene_live *l = &s->live[i];
        SDL_Rect at = bb_scene_live_rect(l);
        if (!rect_empty(at) && !rect_inside(at, l->box)) {
            fprintf(stderr, "%s: live text \"%s\" draws %dx%d+%d+%d outside its box "
                    "%dx%d+%d+%d\n", where, l->text, at.w, at.h, at.x, at.y, l->box.w, l->box.h,
                    l->box.x, l->box.y);
            CHECK(rect_inside(at, l->box));
        }
    }
    for (int i = 0; i < n; i++) {
        SDL_Rect a = drawn[i];
        if (rect_empty(a))
            continue;
        if (!rect_inside(a, area)) {
            fprintf(stderr, "%s: box %d (%dx%d+%d+%d) leaves the %dx%d area\n", where, i, a.w,
                    a.h, a.x, a.y, s->w, s->h);
            CHECK(rect_inside(a, area));
        }
        for (int j = i + 1; j < n; j++) {
            SDL_Rect b = drawn[j];
            if (!rect_empty(b) && rect_overlap(a, b)) {
                fprintf(stderr, "%s: boxes %d (%dx%d+%d+%d) and %d (%dx%d+%d+%d) overlap\n",
                        where, i, a.w, a.h, a.x, a.y, j, b.w, b.h, b.x, b.y);
                CHECK(!rect_overlap(a, b));
            }
        }
    }
}

/* The checks themselves must bite: an overlap and a box outside are seen. */
static void test_checks_bite(void)
{
    SDL_Rect area = { 0, 0, 100, 100 };
    CHECK(rect_overlap((SDL_Rect){ 0, 0, 10, 10 }, (SDL_Rect){ 9, 9, 10, 10 }));
    CHECK(!rect_overlap((SDL_Rect){ 0, 0, 10, 10 }, (SDL_Rect){ 10, 0, 10, 10 }));
    CHECK(!rect_inside((SDL_Rect){ 95, 0, 10, 10 }, area));
    CHECK(rect_inside((SDL_Rect){ 90, 90, 10, 10 }, area));
}

static int fit_all(const bb_config *cfg, bb_fonts *fonts, int w, int h, const fit_instant *at)
{
    int scenes = 0;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    /* The area slides really get: inside the safe area, above the footer. */
    bb_compose *c = r ? bb_compose_create(r, fonts, cfg, w, h) : NULL;
    CHECK(c != NULL);
    if (!c)
        goto done;
    SDL_Rect area = bb_compose_slide_area(c);
    bb_frame_clock clock = { bb_civil_to_instant(&at->utc, 0), at->synced };
    for (int i = 0; i < cfg->n_slides; i++) {
        const bb_slide *sl = &cfg->slides[i];
        if (!sl->enabled)
            continue;
        bb_scene *s = bb_scene_create(r, fonts, cfg, i, area.w, area.h, &clock);
        CHECK(s != NULL);
        if (!s)
            continue;
        char where[160];
        snprintf(where, sizeof where, "slide %d (%s, line %d) at %dx%d, %s", i + 1,
                 bb_slide_type_name(sl->type), sl->src.line, w, h, at->what);
        check_scene(s, where);
        bb_scene_destroy(s);
        scenes++;
    }
    /* The screen shown when no slide is eligible fits too. */
    bb_scene *idle = bb_scene_create(r, fonts, cfg, BB_SCENE_IDLE, area.w, area.h, &clock);
    CHECK(idle != NULL);
    if (idle) {
        char where[160];
        snprintf(where, sizeof where, "the idle screen at %dx%d, %s", w, h, at->what);
        check_scene(idle, where);
        bb_scene_destroy(idle);
    }
done:
    bb_compose_destroy(c);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
    return scenes;
}

int main(void)
{
    const char *src = getenv("BB_SOURCE_DIR");
    char path[PATH_MAX_LEN];
    snprintf(path, sizeof path, "%s/config/briefboard.cfg", src ? src : ".");
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = diags ? bb_config_load_file(path, diags) : NULL;
    bb_fonts *fonts = NULL;

    test_checks_bite();
    if (diags)
        bb_diag_print(diags, stderr);
    CHECK(cfg != NULL);
    if (!cfg)
        goto done;
    fonts = bb_fonts_create((const char *const *)cfg->display.fonts.v, cfg->display.fonts.n);
    CHECK(fonts != NULL);
    if (!fonts)
        goto done;
    int enabled = 0;
    for (int i = 0; i < cfg->n_slides; i++)
        enabled += cfg->slides[i].enabled;
    CHECK(enabled > 0);
    for (size_t k = 0; k < sizeof SIZES / sizeof SIZES[0]; k++)
        for (size_t t = 0; t < sizeof INSTANTS / sizeof INSTANTS[0]; t++)
            CHECK_INT(fit_all(cfg, fonts, SIZES[k].w, SIZES[k].h, &INSTANTS[t]), enabled);
done:
    bb_fonts_destroy(fonts);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    SDL_Quit();
    return bb_test_finish("test_fit");
}
