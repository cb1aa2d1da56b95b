/*
 * test_loop: the display loop driven by a fake clock on a headless screen.
 *
 * The test sleeps exactly as long as the loop asks (bb_show_step's return
 * value) by moving the fake clock, so it sees what the real loop would do:
 * which slide is on screen when, how many frames are drawn, and how many
 * textures exist.  Textures are counted at the SDL boundary (the linker
 * wraps SDL_CreateTexture & co.), so every module's textures count.
 *
 * The same source builds two tests.  test_loop links a scene double in
 * place of the real scenes (-Wl,--wrap=bb_scene_*): the loop's own
 * behaviour, independent of how slides are drawn -- a countdown double
 * changes once a second, every other slide never.  test_loop_scenes links
 * the real scenes, so the same checks hold for what the product draws.
 */
#define _GNU_SOURCE   /* dl_iterate_phdr, for bb_test_pin.h */
#include <SDL.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_show.h"
#include "bb_clock.h"
#include "bb_config.h"
#include "bb_diag.h"
#include "bb_feedcache.h"
#include "bb_log.h"
#include "bb_picture.h"
#include "bb_scene.h"
#include "bb_screen.h"
#include "bb_test.h"
#include "bb_test_images.h"
#include "bb_test_pin.h"

/* 2022-01-08T12:00:00Z: two days before the Geneva talk. */
#define T0 ((bb_instant)1641643200)
/* A small screen keeps thousands of frames fast. */
#define SCREEN_W 480
#define SCREEN_H 270
/* Most steps in a row that may ask for no sleep at all. */
#define MAX_ZERO_WAITS 8

/* ---- texture counting at the SDL boundary (-Wl,--wrap) ---- */

SDL_Texture *__real_SDL_CreateTexture(SDL_Renderer *r, Uint32 f, int a, int w, int h);
SDL_Texture *__real_SDL_CreateTextureFromSurface(SDL_Renderer *r, SDL_Surface *s);
void __real_SDL_DestroyTexture(SDL_Texture *t);
SDL_Texture *__wrap_SDL_CreateTexture(SDL_Renderer *r, Uint32 f, int a, int w, int h);
SDL_Texture *__wrap_SDL_CreateTextureFromSurface(SDL_Renderer *r, SDL_Surface *s);
void __wrap_SDL_DestroyTexture(SDL_Texture *t);

static long textures_live;
static long textures_made;

SDL_Texture *__wrap_SDL_CreateTexture(SDL_Renderer *r, Uint32 f, int a, int w, int h)
{
    SDL_Texture *t = __real_SDL_CreateTexture(r, f, a, w, h);
    if (t) {
        textures_live++;
        textures_made++;
    }
    return t;
}

SDL_Texture *__wrap_SDL_CreateTextureFromSurface(SDL_Renderer *r, SDL_Surface *s)
{
    SDL_Texture *t = __real_SDL_CreateTextureFromSurface(r, s);
    if (t) {
        textures_live++;
        textures_made++;
    }
    return t;
}

void __wrap_SDL_DestroyTexture(SDL_Texture *t)
{
    if (t)
        textures_live--;
    __real_SDL_DestroyTexture(t);
}

/* ---- the scene double (used when linked with --wrap=bb_scene_*) ---- */

typedef struct fake_scene {
    bb_slide_type type;
    int index;
    bb_instant wall;
    SDL_Texture *tex;   /* one texture per scene, as a real one has some */
    int w, h;
} fake_scene;

void __wrap_bb_scene_destroy(bb_scene *scene);
bool __wrap_bb_scene_update(bb_scene *scene, const bb_frame_clock *clock, SDL_Rect *dirty);
SDL_Rect __wrap_bb_scene_bounds(const bb_scene *scene);
SDL_Rect __wrap_bb_scene_bounds(const bb_scene *scene)
{
    const fake_scene *f = (const fake_scene *)scene;
    return (SDL_Rect){ f->w / 4, f->h / 4, f->w / 2, f->h / 2 };
}

int __wrap_bb_scene_parts(const bb_scene *scene, SDL_Rect *out, int max);
int __wrap_bb_scene_parts(const bb_scene *scene, SDL_Rect *out, int max)
{
    if (max > 0)
        out[0] = __wrap_bb_scene_bounds(scene);
    return 1;
}

/* The double's content never moves on: never out of date. */
bool __wrap_bb_scene_stale(const bb_scene *scene, const bb_frame_clock *clock);
bool __wrap_bb_scene_stale(const bb_scene *scene, const bb_frame_clock *clock)
{
    (void)scene;
    (void)clock;
    return false;
}

/* The double has no pictures: it never waits for one. */
bool __wrap_bb_scene_waiting(const bb_scene *scene);
bool __wrap_bb_scene_waiting(const bb_scene *scene)
{
    (void)scene;
    return false;
}

void __wrap_bb_scene_draw(const bb_scene *scene, SDL_Renderer *renderer, int x, int y, Uint8 alpha);
int __wrap_bb_scene_ms_until_change(const bb_scene *scene, const bb_frame_clock *clock);

bb_scene *__wrap_bb_scene_make(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                               const bb_scene_spec *spec, const bb_frame_clock *clock);
int __wrap_bb_scene_pages(const bb_scene *scene);

/* The compositor makes scenes through bb_scene_make (a page of a slide). */
bb_scene *__wrap_bb_scene_make(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                               const bb_scene_spec *spec, const bb_frame_clock *clock)
{
    fake_scene *f = calloc(1, sizeof *f);
    int index = spec->index, w = spec->w, h = spec->h;
    (void)fonts;
    if (!f)
        return NULL;
    f->type = cfg->slides[index].type;
    f->index = index;
    f->wall = clock->wall;
    f->w = w;
    f->h = h;
    f->tex = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, 8, 8);
    return (bb_scene *)f;
}

int __wrap_bb_scene_pages(const bb_scene *scene)
{
    (void)scene;
    return 1;
}

void __wrap_bb_scene_destroy(bb_scene *scene)
{
    fake_scene *f = (fake_scene *)scene;
    if (!f)
        return;
    SDL_DestroyTexture(f->tex);
    free(f);
}

bool __wrap_bb_scene_update(bb_scene *scene, const bb_frame_clock *clock, SDL_Rect *dirty)
{
    fake_scene *f = (fake_scene *)scene;
    bool changed = f->type == BB_SLIDE_COUNTDOWN && clock->wall != f->wall;
    f->wall = clock->wall;
    /* The double draws its block (see below): that is what changes. */
    if (changed && dirty)
        *dirty = (SDL_Rect){ f->w / 4, f->h / 4, f->w / 2, f->h / 2 };
    return changed;
}

void __wrap_bb_scene_draw(const bb_scene *scene, SDL_Renderer *renderer, int x, int y, Uint8 alpha)
{
    const fake_scene *f = (const fake_scene *)scene;
    SDL_Rect r = { x + f->w / 4, y + f->h / 4, f->w / 2, f->h / 2 };
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer, (Uint8)(40 * f->index), 160, 200, alpha);
    SDL_RenderFillRect(renderer, &r);
}

int __wrap_bb_scene_ms_until_change(const bb_scene *scene, const bb_frame_clock *clock)
{
    const fake_scene *f = (const fake_scene *)scene;
    return f->type == BB_SLIDE_COUNTDOWN ? clock->ms_to_next_second : -1;
}

/* ---- configs ---- */

#define CFG_HEAD                                                                    \
    "version = 1;\n"                                                                \
    "display = { fullscreen = false; time_zone = \"UTC\"; fonts = [ \"DejaVu Sans\" ]; };\n" \
    "talks = ( { id = \"geneva\"; title = \"Strategic Stability Dialogue\";\n"      \
    "            venue = \"Geneva\"; start = \"2022-01-10T09:00\";\n"               \
    "            zone = \"Europe/Zurich\"; duration_min = 240; } );\n"

/* Slides 1 (5 s), 2 (3 s), 3 expired long ago, 4 a countdown (4 s). */
#define CFG_SLIDES                                                                  \
    "slides = (\n"                                                                  \
    "  { type = \"takeaways\"; heading = \"Key takeaways\";\n"                      \
    "    items = [ \"Talks within two weeks\", \"Advances near Kupyansk\" ]; duration = 5; },\n" \
    "  { type = \"stat\"; figure = \"110 million\"; caption = \"forcibly displaced\";\n" \
    "    source = \"Wilson Center\"; duration = 3; },\n"                            \
    "  { type = \"quote\"; text = \"Nuclear war cannot be won.\"; attribution = \"Joint statement\";\n" \
    "    show_until = \"2021-06-01T00:00Z\"; },\n"                                  \
    "  { type = \"countdown\"; talk = \"geneva\"; duration = 4; }\n"                \
    ");\n"

static const char cfg_cut[] =
    CFG_HEAD "cycle = { duration = 10; transition = \"cut\"; };\n"
    "footer = { enabled = false; };\n" CFG_SLIDES;

static const char cfg_fade[] =
    CFG_HEAD "cycle = { duration = 10; transition = \"fade\"; transition_time = 1.0; };\n"
    "footer = { enabled = false; };\n" CFG_SLIDES;

static const char cfg_slide_footer[] =
    CFG_HEAD "cycle = { duration = 10; transition = \"slide\"; transition_time = 0.5; };\n"
    "footer = { enabled = true; clock = true; ticker = true; };\n" CFG_SLIDES;

/* ---- harness ---- */

typedef struct rig {
    bb_clock *clock;
    bb_screen *screen;
    bb_show *show;
    uint64_t frames_at_start;
} rig;

static bb_config *load(const char *text)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = bb_config_load_string(text, "test.cfg", NULL, diags);
    if (!cfg)
        bb_diag_print(diags, stderr);
    bb_diag_list_destroy(diags);
    return cfg;
}

static bool rig_open(rig *r, const char *text, const char *path)
{
    bb_screen_params sp = { BB_SCREEN_HEADLESS, SCREEN_W, SCREEN_H, 0, "test_loop" };
    bb_config *cfg = load(text);
    memset(r, 0, sizeof *r);
    CHECK(cfg != NULL);
    if (!cfg)
        return false;
    r->clock = bb_clock_create_fake(T0);
    r->screen = bb_screen_create(&sp);
    CHECK(r->clock && r->screen);
    if (!r->clock || !r->screen) {
        fprintf(stderr, "rig: %s\n", SDL_GetError());
        bb_config_destroy(cfg);
        return false;
    }
    bb_test_pin_libraries();
    r->show = bb_show_create(r->screen, cfg, r->clock, path);
    CHECK(r->show != NULL);
    if (!r->show)
        fprintf(stderr, "rig: %s\n", SDL_GetError());
    return r->show != NULL;
}

static void rig_close(rig *r)
{
    bb_show_destroy(r->show);
    bb_screen_destroy(r->screen);
    bb_clock_destroy(r->clock);
    memset(r, 0, sizeof *r);
}

static uint64_t frames(const rig *r)
{
    bb_show_stats st;
    bb_show_stats_get(r->show, &st);
    return st.frames;
}

/* Slide changes seen while running: when (ms) and which slide. */
typedef struct change_log {
    int n;
    uint64_t at[64];
    int slide[64];
} change_log;

/*
 * Run the loop until the fake monotonic clock reaches end_ms, sleeping as
 * the loop asks.  Records slide changes in log (may be NULL).  Returns the
 * longest single sleep the loop asked for during a transition (or 0).
 */
static uint64_t run_until(rig *r, uint64_t end_ms, change_log *log)
{
    int zero_waits = 0;
    int last = log && log->n ? log->slide[log->n - 1] : -2;
    uint64_t worst_transition_wait = 0;
    for (;;) {
        int wait = bb_show_step(r->show);
        uint64_t now = bb_clock_mono_ms(r->clock);
        int cur = bb_show_current(r->show);
        if (log && cur != last && log->n < 64) {
            log->at[log->n] = now;
            log->slide[log->n++] = cur;
            last = cur;
        }
        CHECK(wait >= 0);
        if (now >= end_ms)
            return worst_transition_wait;
        if (wait == 0) {
            /* Nothing left to do at this instant must not repeat forever. */
            if (++zero_waits > MAX_ZERO_WAITS) {
                CHECK(!"the loop spins without sleeping");
                return worst_transition_wait;
            }
            continue;
        }
        zero_waits = 0;
        uint64_t step = (uint64_t)wait < end_ms - now ? (uint64_t)wait : end_ms - now;
        bb_clock_fake_advance(r->clock, step);
    }
}

/* ---- tests ---- */

/* A whole cycle: order 1, 2, 4 (3 has expired), durations 5, 3, 4 s. */
static void test_cycle_order_and_durations(void)
{
    rig r;
    change_log log = { 0 };
    if (!rig_open(&r, cfg_cut, NULL))
        goto done;
    run_until(&r, 25000, &log);
    static const int want_slide[] = { 0, 1, 3, 0, 1, 3, 0 };
    static const uint64_t want_at[] = { 0, 5000, 8000, 12000, 17000, 20000, 24000 };
    CHECK_INT(log.n, 7);
    for (int i = 0; i < log.n && i < 7; i++) {
        CHECK_INT(log.slide[i], want_slide[i]);
        CHECK_INT(log.at[i], want_at[i]);
    }
done:
    rig_close(&r);
}

/* An idle second on a live countdown costs exactly one frame; a static
 * slide costs none; presents come in pairs only where they flip buffers (KMS/DRM). */
static void test_idle_cost(void)
{
    rig r;
    bb_show_stats st0, st1;
    if (!rig_open(&r, cfg_cut, NULL))
        goto done;
    /* Static stat slide, 5 s - 8 s: after its first frame, nothing. */
    run_until(&r, 5500, NULL);
    uint64_t f = frames(&r);
    run_until(&r, 7900, NULL);
    CHECK_INT(frames(&r) - f, 0);

    /* Countdown, 8 s - 12 s: one frame per second, no more. */
    run_until(&r, 8500, NULL);
    CHECK_INT(bb_show_current(r.show), 3);
    bb_show_stats_get(r.show, &st0);
    run_until(&r, 11500, NULL);
    bb_show_stats_get(r.show, &st1);
    CHECK_INT(st1.frames - st0.frames, 3);
    /* A second present per idle frame only where presents flip buffers. */
    CHECK_INT(st1.presents - st0.presents,
              (bb_screen_page_flipped(r.screen) ? 2 : 1) * (st1.frames - st0.frames));
    rig_close(&r);

    /* With the footer's clock (hours and minutes) on a static slide: the
     * loop wakes each second to look, but draws nothing within a minute. */
    if (!rig_open(&r, cfg_slide_footer, NULL))
        goto done;
    run_until(&r, 5800, NULL);
    f = frames(&r);
    run_until(&r, 7900, NULL);
    CHECK_INT(frames(&r) - f, 0);
done:
    rig_close(&r);
}

/* Read the screen as it shows now; NULL on failure (checked). */
static SDL_Surface *shot_now(rig *r)
{
    SDL_Surface *shot = NULL;
    CHECK(bb_screen_finish(r->screen) == 0 && (shot = bb_screen_read(r->screen)) != NULL);
    return shot;
}

/* Idle ticks redraw only what changed, and what they leave on screen is
 * exactly what a full redraw at the same instant draws: on the software
 * renderer (straight into the window's surface) and on GL (a canvas). */
static void test_partial_redraw(const char *renderer)
{
    rig r;
    bb_show_stats st0, st1;
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, renderer);
    if (!rig_open(&r, cfg_slide_footer, NULL))
        goto done;
    /* The countdown shows from 8 s (its transition ends at 8.5 s). */
    run_until(&r, 9500, NULL);
    CHECK_INT(bb_show_current(r.show), 3);
    bb_show_stats_get(r.show, &st0);
    run_until(&r, 11500, NULL);
    bb_show_stats_get(r.show, &st1);
    CHECK_INT(st1.frames - st0.frames, 2);
    CHECK_INT(st1.partial_frames - st0.partial_frames, 2);

    SDL_Surface *ticked = shot_now(&r);
    bb_show_invalidate(r.show);
    bb_show_step(r.show);
    SDL_Surface *full = shot_now(&r);
    if (ticked && full) {
        int differ = 0;
        for (int y = 0; y < full->h; y++)
            differ += memcmp((const Uint8 *)ticked->pixels + y * ticked->pitch,
                             (const Uint8 *)full->pixels + y * full->pitch, (size_t)full->w * 4) != 0;
        if (differ)
            fprintf(stderr, "partial redraw (%s): %d rows differ from a full redraw\n", renderer, differ);
        CHECK_INT(differ, 0);
    }
    SDL_FreeSurface(ticked);
    SDL_FreeSurface(full);
done:
    rig_close(&r);
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "");
}

/* Transition frames come at the refresh rate, only while it runs. */
static void test_transition_frames(void)
{
    rig r;
    if (!rig_open(&r, cfg_fade, NULL))
        goto done;
    run_until(&r, 4000, NULL);
    uint64_t f0 = frames(&r);
    /* The fade from slide 1 to 2 runs 5.0 s - 6.0 s. */
    uint64_t worst = run_until(&r, 5000, NULL);
    uint64_t f1 = frames(&r);
    CHECK_INT(f1 - f0, 1);   /* the frame that starts the fade */
    (void)worst;
    run_until(&r, 6000, NULL);
    uint64_t f2 = frames(&r);
    /* 60 Hz for one second: about 60 frames, well above one a second. */
    CHECK(f2 - f1 >= 50 && f2 - f1 <= 70);
    run_until(&r, 7900, NULL);
    /* After it: only the frame that ends it. */
    CHECK(frames(&r) - f2 <= 1);
    /* Ask a running transition how long to sleep: one frame. */
    rig_close(&r);
    if (!rig_open(&r, cfg_fade, NULL))
        goto done;
    run_until(&r, 5200, NULL);
    int wait = bb_show_step(r.show);
    CHECK(wait > 0 && wait <= 17);
done:
    rig_close(&r);
}

/* An NTP step of the wall clock neither stalls nor skips the cycle. */
static void test_wall_jump(void)
{
    rig r;
    change_log log = { 0 };
    if (!rig_open(&r, cfg_cut, NULL))
        goto done;
    run_until(&r, 2500, &log);
    bb_clock_fake_step_wall(r.clock, -6 * 3600);   /* six hours back */
    run_until(&r, 9000, &log);
    bb_clock_fake_step_wall(r.clock, +12 * 3600);  /* twelve forward */
    run_until(&r, 13000, &log);
    static const int want_slide[] = { 0, 1, 3, 0 };
    static const uint64_t want_at[] = { 0, 5000, 8000, 12000 };
    CHECK_INT(log.n, 4);
    for (int i = 0; i < log.n && i < 4; i++) {
        CHECK_INT(log.slide[i], want_slide[i]);
        CHECK_INT(log.at[i], want_at[i]);
    }
done:
    rig_close(&r);
}

/* Operator keys: next, previous, pause keeps the slide past its time. */
static void test_commands(void)
{
    rig r;
    if (!rig_open(&r, cfg_cut, NULL))
        goto done;
    run_until(&r, 1000, NULL);
    bb_show_command(r.show, BB_CMD_NEXT);
    run_until(&r, 1100, NULL);
    CHECK_INT(bb_show_current(r.show), 1);
    bb_show_command(r.show, BB_CMD_NEXT);
    run_until(&r, 1200, NULL);
    CHECK_INT(bb_show_current(r.show), 3);   /* the expired quote is skipped */
    bb_show_command(r.show, BB_CMD_PREVIOUS);
    run_until(&r, 1300, NULL);
    CHECK_INT(bb_show_current(r.show), 1);
    bb_show_command(r.show, BB_CMD_PAUSE);
    run_until(&r, 60000, NULL);
    CHECK_INT(bb_show_current(r.show), 1);
    CHECK(bb_show_paused(r.show));
    bb_show_command(r.show, BB_CMD_PAUSE);
    run_until(&r, 63500, NULL);   /* 0.1 s of its 3 s had passed */
    CHECK_INT(bb_show_current(r.show), 3);
    CHECK_INT(bb_show_goto(r.show, 2), 0);    /* previews may show anything */
    run_until(&r, 63600, NULL);
    CHECK_INT(bb_show_current(r.show), 2);
    CHECK_INT(bb_show_goto(r.show, 4), -1);
done:
    rig_close(&r);
}

/* Hours of running: scenes and textures stay flat. */
static void test_flat_resources(void)
{
    rig r;
    bb_show_stats st;
    if (!rig_open(&r, cfg_slide_footer, NULL))
        goto done;
    run_until(&r, 12000 * 2, NULL);
    long live_early = textures_live;
    bb_show_stats_get(r.show, &st);
    int scenes_early = st.scenes_live;
    /* 25 rounds of the cycle (5 minutes) with the footer clock ticking. */
    run_until(&r, 12000 * 27, NULL);
    bb_show_stats_get(r.show, &st);
    CHECK_INT(textures_live, live_early);
    CHECK_INT(st.scenes_live, scenes_early);
    CHECK(st.scenes_live <= 3);
    CHECK(st.scenes_created - st.scenes_destroyed == st.scenes_live);
    /* Scenes are made per appearance, not per frame. */
    CHECK(st.scenes_created <= 3 * 27 + 3);
    CHECK(st.frames > 300);
done:
    rig_close(&r);
}

/* Amber pixels in the top-right corner, where the marker sits. */
static int amber_pixels(rig *r)
{
    int count = 0;
    SDL_Surface *shot;
    if (bb_screen_finish(r->screen) < 0 || !(shot = bb_screen_read(r->screen)))
        return -1;
    for (int y = 0; y < shot->h / 6; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)shot->pixels + y * shot->pitch);
        for (int x = shot->w / 2; x < shot->w; x++) {
            int red = (int)((row[x] >> 16) & 0xff), green = (int)((row[x] >> 8) & 0xff);
            int blue = (int)(row[x] & 0xff);
            count += red > 0xf0 && green > 0xa0 && green < 0xc0 && blue < 0x20;
        }
    }
    SDL_FreeSurface(shot);
    return count;
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* A bad reload keeps the old config and shows the marker; a good one swaps. */
static void test_reload(void)
{
    rig r;
    char dir[] = "/tmp/test_loop_XXXXXX";
    char path[64];
    char logbuf[4096] = "";
    FILE *logf;
    bb_show_stats st;

    CHECK(mkdtemp(dir) != NULL);
    snprintf(path, sizeof path, "%s/briefboard.cfg", dir);
    write_file(path, cfg_cut);
    if (!rig_open(&r, cfg_cut, path))
        goto done;
    run_until(&r, 1000, NULL);
    const bb_config *before = bb_show_config(r.show);
    int amber_before = amber_pixels(&r);
    CHECK(amber_before >= 0);

    /* A missing closing parenthesis, line 8 onwards. */
    write_file(path, CFG_HEAD "cycle = { duration = 10; };\nslides = ( { type = \"stat\"; figure = \"1\"; }\n");
    logf = tmpfile();
    bb_log_set_stream(logf);
    uint64_t f0 = frames(&r);
    CHECK_INT(bb_show_reload(r.show), -1);
    CHECK_INT(bb_show_reload(r.show), -1);   /* the same error: not logged again */
    bb_log_set_stream(NULL);
    if (logf) {
        rewind(logf);
        size_t n = fread(logbuf, 1, sizeof logbuf - 1, logf);
        logbuf[n] = '\0';
        fclose(logf);
    }
    CHECK_CONTAINS(logbuf, path);
    CHECK_CONTAINS(logbuf, "config not reloaded");
    CHECK(strchr(logbuf, '\n') == strrchr(logbuf, '\n'));   /* exactly one line */
    CHECK(bb_show_config(r.show) == before);
    CHECK(bb_show_config_error(r.show));
    run_until(&r, 1100, NULL);
    CHECK(frames(&r) > f0);                  /* the marker was drawn */
    int amber_marked = amber_pixels(&r);
    CHECK(amber_marked > amber_before + 20); /* a dot at least 5 px across */
    CHECK_INT(bb_show_current(r.show), 0);   /* the old show goes on */

    /* Fixed: one slide fewer, marker gone, the cycle continues. */
    write_file(path, CFG_HEAD "cycle = { duration = 10; transition = \"cut\"; };\n"
                              "footer = { enabled = false; };\n"
                              "slides = ( { type = \"stat\"; figure = \"110 million\"; caption = \"displaced\"; },\n"
                              "           { type = \"countdown\"; talk = \"geneva\"; } );\n");
    CHECK_INT(bb_show_reload(r.show), 0);
    CHECK(!bb_show_config_error(r.show));
    CHECK_INT(bb_show_config(r.show)->n_slides, 2);
    run_until(&r, 1200, NULL);
    CHECK_INT(bb_show_current(r.show), 0);
    CHECK(amber_pixels(&r) < amber_marked - 20);
    run_until(&r, 11300, NULL);
    CHECK_INT(bb_show_current(r.show), 1);
    bb_show_stats_get(r.show, &st);
    CHECK_INT(st.reloads, 1);
    CHECK_INT(st.reload_failures, 2);
done:
    rig_close(&r);
    unlink(path);
    rmdir(dir);
}

/* The renderer losing its textures: everything is made again. */
static void test_textures_lost(void)
{
    rig r;
    bb_show_stats st0, st1;
    if (!rig_open(&r, cfg_cut, NULL))
        goto done;
    run_until(&r, 1000, NULL);
    bb_show_stats_get(r.show, &st0);
    bb_show_textures_lost(r.show);
    run_until(&r, 1100, NULL);
    bb_show_stats_get(r.show, &st1);
    CHECK(st1.frames > st0.frames);
    CHECK(st1.scenes_created > st0.scenes_created);
    CHECK_INT(st1.scenes_live, st0.scenes_live);
done:
    rig_close(&r);
}

#ifdef BB_LOOP_REAL_SCENES
/* Pixels close to rgb (0xRRGGBB) on the screen as it shows now. */
static int pixels_of(rig *r, Uint32 rgb)
{
    int count = 0;
    SDL_Surface *shot = shot_now(r);
    for (int y = 0; shot && y < shot->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)shot->pixels + y * shot->pitch);
        for (int x = 0; x < shot->w; x++) {
            int near = 1;
            for (int sh = 0; sh < 24; sh += 8) {
                int d = (int)((row[x] >> sh) & 0xff) - (int)((rgb >> sh) & 0xff);
                near = near && d < 12 && d > -12;
            }
            count += near;
        }
    }
    SDL_FreeSurface(shot);
    return count;
}

/* A decoder module's view for the background tests: its running
 * decoders' descriptors and the time to its next deadline (< 0: none). */
typedef struct decoders {
    int (*pollfds)(struct pollfd *fds, int max);
    int64_t (*ms_until_due)(void);
} decoders;

static const decoders picture_decoders = { bb_picture_pollfds, bb_picture_ms_until_due };
static const decoders feed_decoders = { bb_feedcache_pollfds, bb_feedcache_ms_until_due };

/*
 * The round both background tests share: a 4 s takeaways slide, `middle`
 * (a slide whose content decodes slowly, 3 s), a 3 s figure, no footer.
 * The first round runs while the decode does: the loop never waits for it
 * (6 s of the cycle pass in a moment), and the middle slide is passed over
 * at its own time.  Then the loop sleeps on the decoders' pipes and
 * deadlines (as bb_app's does) until the decode has ended, and the next
 * round shows slide 0 at 7 s and the middle slide at 11 s.  Returns false
 * when the rig could not be opened; the caller closes it.
 */
static bool background_rounds(rig *r, const char *middle, const decoders *dec, change_log *log)
{
    char cfg[2048];
    snprintf(cfg, sizeof cfg,
             CFG_HEAD "cycle = { transition = \"cut\"; };\nfooter = { enabled = false; };\n"
             "slides = (\n"
             "  { type = \"takeaways\"; heading = \"Key takeaways\"; items = [ \"One\" ];"
             " duration = 4; },\n"
             "  %s,\n"
             "  { type = \"stat\"; figure = \"3\"; caption = \"three\"; duration = 3; }\n"
             ");\n", middle);
    if (!rig_open(r, cfg, NULL))
        return false;
    double t0 = ti_now_ms();
    run_until(r, 6000, log);
    double ms = ti_now_ms() - t0;
    printf("background: 6 s of the cycle in %.0f ms while a %d ms decode runs\n", ms, TI_SLOW_MS);
    CHECK(ms < TI_SLOW_MS / 2);
    CHECK_INT(log->n, 2);
    CHECK_INT(log->slide[0], 0);
    CHECK_INT(log->slide[1], 2);   /* the middle slide passed over ... */
    CHECK_INT(log->at[1], 4000);   /* ... at its own time */
    for (double end = ti_now_ms() + 10000; dec->ms_until_due() >= 0 && ti_now_ms() < end;) {
        struct pollfd fds[16];
        int n = dec->pollfds(fds, (int)(sizeof fds / sizeof fds[0]));
        int64_t due = dec->ms_until_due();
        poll(fds, (nfds_t)n, due < 100 ? (int)due : 100);
        bb_show_step(r->show);
    }
    CHECK(dec->ms_until_due() < 0);
    run_until(r, 11500, log);
    CHECK_INT(log->n, 4);
    CHECK_INT(log->slide[2], 0);
    CHECK_INT(log->at[2], 7000);
    CHECK_INT(log->slide[3], 1);
    CHECK_INT(log->at[3], 11000);
    return true;
}

/*
 * Pictures decoded in the background, as the display does, on the real
 * scenes: background_rounds, and the picture slide shows with its picture
 * in the second round.
 */
static void test_picture_in_background(void)
{
    char dir[] = "/tmp/test_loop_XXXXXX", pic[128], slide[256];
    rig r;
    change_log log = { 0 };
    CHECK(mkdtemp(dir) != NULL);
    snprintf(pic, sizeof pic, "%s/slow.png", dir);
    CHECK(ti_solid_png(pic, 320, 180, 0xC02020, TI_MARK_SLOW) == 0);
    snprintf(slide, sizeof slide,
             "{ type = \"image\"; file = \"%s\"; fit = \"cover\"; duration = 3; }", pic);
    setenv("BRIEFBOARD_TEST_DECODER", "1", 1);
    bb_picture_set_background(true);
    if (background_rounds(&r, slide, &picture_decoders, &log)) {
        int red = pixels_of(&r, 0xC02020);
        printf("background: the picture slide shows %d red pixels\n", red);
        CHECK(red > SCREEN_W * SCREEN_H / 4);
    }
    rig_close(&r);
    bb_picture_set_background(false);
    unsetenv("BRIEFBOARD_TEST_DECODER");
    unlink(pic);
    rmdir(dir);
}

/*
 * The same for a feed read in the background (its decoder slowed by the
 * test hook): background_rounds, and the feed is read when it ends.
 */
static void test_feed_in_background(void)
{
    char dir[] = "/tmp/test_loop_XXXXXX", feed[128], slide[256];
    rig r;
    change_log log = { 0 };
    CHECK(mkdtemp(dir) != NULL);
    snprintf(feed, sizeof feed, "%s/slow.rss", dir);
    FILE *f = fopen(feed, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>T</title>\n"
              "<item><title>Talks resume in Geneva</title></item>\n</channel></rss>\n"
              "<!-- " TI_MARK_SLOW " -->\n", f);
        fclose(f);
    }
    snprintf(slide, sizeof slide, "{ type = \"feed\"; file = \"%s\"; duration = 3; }", feed);
    setenv("BRIEFBOARD_TEST_DECODER", "1", 1);
    bb_feedcache_set_background(true);
    if (background_rounds(&r, slide, &feed_decoders, &log)) {
        bb_feedcache_result got;
        CHECK_INT(bb_feedcache_get(feed, "slow.rss", 0, &got), 0);
        CHECK(got.feed && !got.pending && got.feed->n_items == 1);
    }
    rig_close(&r);
    bb_feedcache_set_background(false);
    unsetenv("BRIEFBOARD_TEST_DECODER");
    unlink(feed);
    rmdir(dir);
}
#endif

int main(void)
{
    bb_log_set_level(BB_LOG_WARNING);
    test_cycle_order_and_durations();
    test_idle_cost();
    test_partial_redraw("software");
    test_partial_redraw("opengl");
    test_transition_frames();
    test_wall_jump();
    test_commands();
    test_flat_resources();
    test_reload();
    test_textures_lost();
#ifdef BB_LOOP_REAL_SCENES
    test_picture_in_background();
    test_feed_in_background();
#endif
    CHECK_INT(textures_live, 0);
    SDL_Quit();
    return bb_test_finish("test_loop");
}
