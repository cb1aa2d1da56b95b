/*
 * test_signage: the full-screen states drawn on SDL's software renderer and
 * read back -- the override message (alert panel edge to edge, text in the
 * background colour at >= 7:1, a long and an Arabic message), quiet hours
 * black (every pixel) and as a dim clock (a few grey pixels, 7:1 on black)
 * -- and when quiet hours hold and how long the loop may sleep.
 */
#include <SDL.h>
#include <stdlib.h>
#include <string.h>

#include "bb_compose.h"
#include "bb_config.h"
#include "bb_fonts.h"
#include "bb_override.h"
#include "bb_signage.h"
#include "bb_test.h"

#define W 640
#define H 360

typedef struct counts {
    int total, alert, background, black, grey, other;
} counts;

static bb_rgb pixel_rgb(const SDL_Surface *s, int x, int y)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
    return row[x] & 0xFFFFFFu;   /* ARGB8888 */
}

static void count_pixels(const SDL_Surface *s, const bb_palette *pal, counts *c)
{
    memset(c, 0, sizeof *c);
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            bb_rgb p = pixel_rgb(s, x, y);
            c->total++;
            if (p == pal->alert)
                c->alert++;
            else if (p == pal->background)
                c->background++;
            else if (p == 0)
                c->black++;
            else if (p == BB_QUIET_CLOCK_RGB)
                c->grey++;
            else
                c->other++;
        }
}

static bb_config *load(const char *text)
{
    bb_diag_list *d = bb_diag_list_create();
    bb_config *cfg = bb_config_load_string(text, "t.cfg", NULL, d);
    if (!cfg)
        bb_diag_print(d, stderr);
    bb_diag_list_destroy(d);
    return cfg;
}

static bb_instant utc(int y, int mo, int d, int h, int mi, int s)
{
    bb_civil c = {y, mo, d, h, mi, s};
    return bb_civil_to_instant(&c, 0);
}

static void test_draw(bb_config *cfg, bb_fonts *fonts)
{
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    bb_signage *sg = r ? bb_signage_create(r, fonts, cfg) : NULL;
    CHECK(sg != NULL);
    if (!sg)
        goto done;
    const bb_palette *pal = &cfg->display.palette;
    counts c;

    /* Override: the emergency red edge to edge, whatever the theme, the
     * text white on it at >= 7:1 (counted as "alert" and "background"). */
    bb_palette emergency = *pal;
    emergency.alert = BB_EMERGENCY_PANEL_RGB;
    emergency.background = BB_EMERGENCY_TEXT_RGB;
    CHECK(bb_contrast_ratio(emergency.alert, emergency.background) >= BB_MIN_CONTRAST);
    CHECK_INT(bb_signage_draw_override(sg, "Fire alarm: leave by the north stairs.", W, H), 0);
    count_pixels(surface, &emergency, &c);
    CHECK(pixel_rgb(surface, 0, 0) == emergency.alert);
    CHECK(pixel_rgb(surface, W - 1, H - 1) == emergency.alert);
    CHECK(c.background > W * H / 50);     /* big text: over 2 % of the screen */
    CHECK(c.alert > W * H / 2);
    CHECK_INT(c.black, 0);
    /* Big: the text's rows span a good part of the height. */
    int top = H, bottom = -1;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            if (pixel_rgb(surface, x, y) == emergency.background) {
                top = y < top ? y : top;
                bottom = y;
            }
    CHECK(bottom - top > H / 5);

    /* A 2 KB message and an Arabic one still draw (fitted, cut if need be). */
    char big[BB_OVERRIDE_MAX_BYTES + 1];
    for (int i = 0; i < BB_OVERRIDE_MAX_BYTES; i++)
        big[i] = i % 7 == 6 ? ' ' : 'W';
    big[BB_OVERRIDE_MAX_BYTES] = '\0';
    CHECK_INT(bb_signage_draw_override(sg, big, W, H), 0);
    count_pixels(surface, &emergency, &c);
    CHECK(c.background > 0 && pixel_rgb(surface, 0, 0) == emergency.alert);
    CHECK_INT(bb_signage_draw_override(sg, "إخلاء المبنى فوراً", W, H), 0);
    count_pixels(surface, &emergency, &c);
    CHECK(c.background > 0);

    /* Quiet, black: every pixel. */
    cfg->signage.quiet_style = BB_QUIET_BLACK;
    bb_frame_clock fc = { .wall = utc(2025, 3, 10, 23, 17, 5), .synced = true };
    CHECK_INT(bb_signage_draw_quiet(sg, &fc, W, H), 0);
    count_pixels(surface, pal, &c);
    CHECK_INT(c.black, W * H);

    /* Quiet, dim clock: a few grey pixels, the rest black or anti-aliased. */
    cfg->signage.quiet_style = BB_QUIET_CLOCK;
    CHECK(bb_contrast_ratio(BB_QUIET_CLOCK_RGB, 0) >= BB_MIN_CONTRAST);
    CHECK_INT(bb_signage_draw_quiet(sg, &fc, W, H), 0);
    count_pixels(surface, pal, &c);
    CHECK(c.grey > 50);
    CHECK(c.black > W * H * 9 / 10);
    CHECK_INT(c.alert + c.background, 0);
    /* A different minute is drawn somewhere else (the clock wanders). */
    int first_x = -1;
    for (int i = 0; i < W * H && first_x < 0; i++)
        if (pixel_rgb(surface, i % W, i / W) != 0)
            first_x = i % W;
    fc.wall += 60;
    CHECK_INT(bb_signage_draw_quiet(sg, &fc, W, H), 0);
    int second_x = -1;
    for (int i = 0; i < W * H && second_x < 0; i++)
        if (pixel_rgb(surface, i % W, i / W) != 0)
            second_x = i % W;
    CHECK(first_x >= 0 && second_x >= 0 && first_x != second_x);

    bb_signage_drop_textures(sg);
    bb_signage_set_config(sg, cfg, fonts);
done:
    bb_signage_destroy(sg);
    bb_signage_destroy(NULL);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
}

static void test_quiet_times(bb_config *cfg, bb_fonts *fonts)
{
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    bb_signage *sg = r ? bb_signage_create(r, fonts, cfg) : NULL;
    CHECK(sg != NULL);
    if (!sg)
        goto done;
    /* Quiet Mon-Fri 22:00-06:30 in Zurich (UTC+1 in March before the 30th). */
    bb_frame_clock fc = { .wall = utc(2025, 3, 10, 20, 59, 59), .synced = true };   /* Mon 21:59:59 */
    CHECK(!bb_signage_quiet_at(cfg, &fc));
    /* The loop may sleep to the boundary: 1 s, less the part already gone. */
    cfg->signage.quiet_style = BB_QUIET_BLACK;
    CHECK_INT((int)bb_signage_quiet_ms_until_change(sg, &fc, 400), 400);
    fc.wall += 1;
    CHECK(bb_signage_quiet_at(cfg, &fc));
    /* Black: sleep until 06:30 (8.5 h), no wake-ups in between. */
    CHECK_INT((int)(bb_signage_quiet_ms_until_change(sg, &fc, 1000) / 1000), 8 * 3600 + 1800);
    /* Dim clock: wake at the next minute. */
    cfg->signage.quiet_style = BB_QUIET_CLOCK;
    CHECK_INT((int)bb_signage_quiet_ms_until_change(sg, &fc, 1000), 60000);
    /* Unsynchronized: never quiet. */
    /* The cached boundary is dropped when the wall clock jumps back. */
    cfg->signage.quiet_style = BB_QUIET_BLACK;
    fc.wall = utc(2025, 3, 10, 20, 0, 0);                          /* Mon 21:00 */
    CHECK_INT((int)(bb_signage_quiet_ms_until_change(sg, &fc, 1000) / 1000), 3600);
    fc.synced = false;
    CHECK(!bb_signage_quiet_at(cfg, &fc));
done:
    bb_signage_destroy(sg);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
}

/* A door display that is the only slide: its scene is made again when the
 * room's now/next changes, and only then. */
static void test_room_rebuild(bb_fonts *fonts)
{
    bb_config *cfg = load("version = 1;\n"
                          "talks = ( { id = \"a\"; title = \"Opening\"; room = \"A\";\n"
                          "            start = \"2025-03-10T09:00:00Z\"; duration_min = 30; },\n"
                          "          { id = \"b\"; title = \"Panel\"; room = \"A\";\n"
                          "            start = \"2025-03-10T10:00:00Z\"; duration_min = 30; } );\n"
                          "timing = { now_grace = 0; };\n"
                          "slides = ( { type = \"room\"; room = \"A\"; } );\n");
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    bb_compose *c = cfg && r ? bb_compose_create(r, fonts, cfg, W, H) : NULL;
    CHECK(c != NULL);
    if (!c)
        goto done;
    bb_cycle_view view = { 0, -1, 1.0f, false, 0, 1 };
    bb_frame_clock fc = { .wall = utc(2025, 3, 10, 9, 10, 0), .synced = true };   /* a is on, b next */
    bb_compose_stats st;
    CHECK(bb_compose_prepare(c, &view, -1, &fc));
    bb_compose_stats_get(c, &st);
    CHECK_INT(st.scenes_created, 1);
    fc.wall += 60;                                               /* nothing changes */
    bb_compose_prepare(c, &view, -1, &fc);
    bb_compose_stats_get(c, &st);
    CHECK_INT(st.scenes_created, 1);
    fc.wall = utc(2025, 3, 10, 9, 30, 0);                        /* a ends: only b, next */
    CHECK(bb_compose_prepare(c, &view, -1, &fc));
    bb_compose_stats_get(c, &st);
    CHECK_INT(st.scenes_created, 2);
    CHECK_INT(st.scenes_destroyed, 1);
    fc.wall = utc(2025, 3, 10, 10, 0, 0);                        /* b starts */
    bb_compose_prepare(c, &view, -1, &fc);
    fc.wall += 1;
    bb_compose_prepare(c, &view, -1, &fc);
    bb_compose_stats_get(c, &st);
    CHECK_INT(st.scenes_created, 3);
    /* In a transition the rebuild waits. */
    bb_cycle_view moving = { 0, 0, 0.5f, false, 0, 1 };
    fc.wall = utc(2025, 3, 10, 10, 30, 0);                       /* b ends */
    bb_compose_prepare(c, &moving, -1, &fc);
    bb_compose_stats_get(c, &st);
    CHECK_INT(st.scenes_created, 3);
    bb_compose_prepare(c, &view, -1, &fc);
    bb_compose_stats_get(c, &st);
    CHECK_INT(st.scenes_created, 4);
    CHECK(!bb_scene_stale(NULL, &fc));
done:
    bb_compose_destroy(c);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
    bb_config_destroy(cfg);
}

int main(void)
{
    bb_config *cfg = load("version = 1;\n"
                          "display = { time_zone = \"Europe/Zurich\"; };\n"
                          "quiet = { days = [ \"mon\", \"tue\", \"wed\", \"thu\", \"fri\" ];"
                          " from = \"22:00\"; until = \"06:30\"; };\n");
    CHECK(cfg != NULL);
    bb_fonts *fonts = cfg ? bb_fonts_create((const char *const *)cfg->display.fonts.v,
                                            cfg->display.fonts.n)
                          : NULL;
    CHECK(fonts != NULL);
    if (cfg && fonts) {
        test_draw(cfg, fonts);
        test_quiet_times(cfg, fonts);
        test_room_rebuild(fonts);
    }
    bb_fonts_destroy(fonts);
    bb_config_destroy(cfg);
    SDL_Quit();
    return bb_test_finish("test_signage");
}
