/*
 * Render tests: whole frames -- slide, footer, rotation -- through the real
 * compositor and scenes, drawn by SDL's software renderer on a surface (pure
 * CPU, so the same on every machine with the same Debian fonts), compared
 * with reference PNGs in tests/render/ref/.
 *
 * The config is fixed (tests/data/render/render.cfg) and so is the instant,
 * so every picture is the same from run to run.  A pixel differs when any of
 * its channels is off by more than REF_CHANNEL_TOLERANCE; a frame fails when
 * more than REF_MAX_BAD_PIXELS differ.  On failure the frame made is written
 * as <name>_err.png into the working directory (CTest's: the build tree) and
 * the first bad pixel is printed.  A missing reference fails; references are
 * written only with BB_UPDATE_REFERENCES=1 -- look at every one before
 * committing it.
 */
#include <SDL.h>
#include <SDL_image.h>
#include <stdlib.h>
#include <string.h>

#include "bb_compose.h"
#include "bb_config.h"
#include "bb_diag.h"
#include "bb_fonts.h"
#include "bb_screen.h"
#include "bb_test.h"
#include "bb_time.h"

/* Antialiased edges may move by a shade between FreeType builds; a layout
 * change moves whole glyphs, thousands of pixels. */
#define REF_CHANNEL_TOLERANCE 24
#define REF_MAX_BAD_PIXELS 200
/* A frame with fewer pixels off the background than this is not a slide. */
#define MIN_INK_PIXELS 2000
#define PATH_MAX_LEN 1024

typedef struct render_case {
    const char *name;   /* reference file name, without .png */
    int slide;          /* index in render.cfg */
    int pw, ph;         /* physical size, pixels */
    int rotation;       /* degrees clockwise */
} render_case;

/* Slide indices in render.cfg. */
enum { TAKEAWAYS, STAT, QUOTE, COUNTDOWN, AGENDA, IMAGE, ARABIC };

static const render_case CASES[] = {
    { "takeaways_1920x1080", TAKEAWAYS, 1920, 1080, 0 },
    { "takeaways_1080x1920", TAKEAWAYS, 1080, 1920, 0 },
    { "stat_1920x1080", STAT, 1920, 1080, 0 },
    { "stat_1080x1920", STAT, 1080, 1920, 0 },
    /* Cyrillic quote, English translation */
    { "quote_1920x1080", QUOTE, 1920, 1080, 0 },
    { "quote_1080x1920", QUOTE, 1080, 1920, 0 },
    { "countdown_1920x1080", COUNTDOWN, 1920, 1080, 0 },
    { "countdown_1080x1920", COUNTDOWN, 1080, 1920, 0 },
    { "agenda_1920x1080", AGENDA, 1920, 1080, 0 },
    { "agenda_1080x1920", AGENDA, 1080, 1920, 0 },
    { "image_1920x1080", IMAGE, 1920, 1080, 0 },
    { "image_1080x1920", IMAGE, 1080, 1920, 0 },
    /* Arabic heading, a mixed Arabic/English bullet, right to left */
    { "rtl_takeaways_1920x1080", ARABIC, 1920, 1080, 0 },
    { "rtl_takeaways_1080x1920", ARABIC, 1080, 1920, 0 },
    /* A landscape slide on a panel mounted on its side, both ways. */
    { "countdown_rot90", COUNTDOWN, 1080, 1920, 90 },
    { "countdown_rot270", COUNTDOWN, 1080, 1920, 270 },
    /* No slide eligible: the next talk, large (see render_frame). */
    { "idle_1920x1080", BB_SCENE_IDLE, 1920, 1080, 0 },
    { "idle_1080x1920", BB_SCENE_IDLE, 1080, 1920, 0 },
};

static Uint32 pixel_at(const SDL_Surface *s, int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

static int channel_delta(Uint32 a, Uint32 b)
{
    int worst = 0;
    for (int shift = 0; shift < 24; shift += 8) {
        int d = abs((int)((a >> shift) & 0xFF) - (int)((b >> shift) & 0xFF));
        if (d > worst)
            worst = d;
    }
    return worst;
}

/*
 * Draw one frame as the display would: the compositor on a logical canvas
 * (the slide area, footer, safe area), turned onto the physical screen the
 * way bb_screen does it.  Returns an ARGB8888 surface the caller frees.
 */
static SDL_Surface *render_frame(const bb_config *cfg, bb_fonts *fonts, const render_case *rc,
                                 bb_instant now)
{
    SDL_Surface *frame = SDL_CreateRGBSurfaceWithFormat(0, rc->pw, rc->ph, 32,
                                                        SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = frame ? SDL_CreateSoftwareRenderer(frame) : NULL;
    SDL_Texture *canvas = NULL;
    bb_compose *c = NULL;
    int lw, lh;

    CHECK(r != NULL);
    if (!r)
        goto fail;
    bb_rotation_logical_size(rc->rotation, rc->pw, rc->ph, &lw, &lh);
    if (rc->rotation) {
        canvas = SDL_CreateTexture(r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, lw, lh);
        CHECK(canvas != NULL);
        if (!canvas || SDL_SetRenderTarget(r, canvas) < 0)
            goto fail;
    }
    c = bb_compose_create(r, fonts, cfg, lw, lh);
    CHECK(c != NULL);
    if (!c)
        goto fail;
    bb_cycle_view view = { rc->slide, -1, 1.0f, false };
    bb_frame_clock clock = { now, true, false };
    bb_compose_prepare(c, &view, -1, &clock);
    bb_compose_update(c, &view, &clock);
    bb_compose_draw(c, &view, false);
    if (rc->slide == BB_SCENE_IDLE) {
        /* The compositor draws background and footer for "no slide";
         * the idle scene goes into its slide area. */
        SDL_Rect area = bb_compose_slide_area(c);
        bb_scene *idle = bb_scene_create(r, fonts, cfg, BB_SCENE_IDLE, area.w, area.h, &clock);
        CHECK(idle != NULL);
        if (idle)
            bb_scene_draw(idle, r, area.x, area.y, 255);
        bb_scene_destroy(idle);
    }
    if (canvas) {
        SDL_FRect dst;
        double angle;
        SDL_SetRenderTarget(r, NULL);
        bb_rotation_copy_rect(rc->rotation, rc->pw, rc->ph, &dst, &angle);
        SDL_RenderCopyExF(r, canvas, NULL, &dst, angle, NULL, SDL_FLIP_NONE);
    }
    SDL_RenderFlush(r);
    bb_compose_destroy(c);
    SDL_DestroyTexture(canvas);
    SDL_DestroyRenderer(r);
    return frame;
fail:
    if (r)
        fprintf(stderr, "%s: %s\n", rc->name, SDL_GetError());
    bb_compose_destroy(c);
    SDL_DestroyTexture(canvas);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(frame);
    return NULL;
}

/* Pixels that are not the frame's top-left (background) colour. */
static int ink_pixels(const SDL_Surface *s)
{
    Uint32 bg = pixel_at(s, 0, 0);
    int n = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            n += channel_delta(pixel_at(s, x, y), bg) > REF_CHANNEL_TOLERANCE;
    return n;
}

static int save_png(SDL_Surface *s, const char *path)
{
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
    int rc = rgb ? IMG_SavePNG(rgb, path) : -1;
    SDL_FreeSurface(rgb);
    return rc;
}

static SDL_Surface *load_reference(const char *path)
{
    SDL_Surface *loaded = IMG_Load(path);
    SDL_Surface *ref = loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0)
                              : NULL;
    SDL_FreeSurface(loaded);
    return ref;
}

static void compare_case(const bb_config *cfg, bb_fonts *fonts, const render_case *rc,
                         bb_instant now)
{
    char ref_path[PATH_MAX_LEN], err_path[PATH_MAX_LEN];
    const char *src = getenv("BB_SOURCE_DIR");
    const char *update = getenv("BB_UPDATE_REFERENCES");
    SDL_Surface *made = render_frame(cfg, fonts, rc, now);
    SDL_Surface *ref = NULL;
    int bad = 0, first_x = -1, first_y = -1;
    Uint32 got = 0, want = 0;

    if (!made)
        return;
    snprintf(ref_path, sizeof ref_path, "%s/tests/render/ref/%s.png", src ? src : ".", rc->name);
    snprintf(err_path, sizeof err_path, "%s_err.png", rc->name);
    /* A blank or background-only frame is never a good reference. */
    int ink = ink_pixels(made);
    if (ink < MIN_INK_PIXELS)
        fprintf(stderr, "%s: only %d pixels drawn\n", rc->name, ink);
    CHECK(ink >= MIN_INK_PIXELS);
    if (update && strcmp(update, "1") == 0) {
        CHECK_INT(save_png(made, ref_path), 0);
        fprintf(stderr, "wrote %s: look at it before committing\n", ref_path);
    }
    ref = load_reference(ref_path);
    if (!ref) {
        fprintf(stderr, "%s: missing or unreadable (BB_UPDATE_REFERENCES=1 writes it)\n",
                ref_path);
        bad = -1;
    } else if (ref->w != made->w || ref->h != made->h) {
        fprintf(stderr, "%s: reference is %dx%d, frame %dx%d\n", rc->name, ref->w, ref->h,
                made->w, made->h);
        bad = -1;
    } else {
        for (int y = 0; y < made->h; y++)
            for (int x = 0; x < made->w; x++) {
                Uint32 a = pixel_at(made, x, y), b = pixel_at(ref, x, y);
                if (channel_delta(a, b) > REF_CHANNEL_TOLERANCE && bad++ == 0) {
                    first_x = x;
                    first_y = y;
                    got = a;
                    want = b;
                }
            }
    }
    if (bad < 0 || bad > REF_MAX_BAD_PIXELS) {
        save_png(made, err_path);
        if (bad > 0)
            fprintf(stderr, "%s: %d pixels differ (at most %d may); first at (%d, %d): "
                    "got #%06X, want #%06X; wrote %s\n", rc->name, bad, REF_MAX_BAD_PIXELS,
                    first_x, first_y, (unsigned)(got & 0xFFFFFF), (unsigned)(want & 0xFFFFFF),
                    err_path);
        else
            fprintf(stderr, "%s: wrote %s\n", rc->name, err_path);
    }
    CHECK(bad >= 0 && bad <= REF_MAX_BAD_PIXELS);
    SDL_FreeSurface(ref);
    SDL_FreeSurface(made);
}

/* The comparison itself must be able to fail: a frame of another slide
 * differs from this one's reference by far more than the tolerance. */
static void test_comparison_bites(const bb_config *cfg, bb_fonts *fonts, bb_instant now)
{
    render_case a = CASES[0], b = CASES[0];
    b.slide = STAT;
    SDL_Surface *sa = render_frame(cfg, fonts, &a, now);
    SDL_Surface *sb = render_frame(cfg, fonts, &b, now);
    int bad = 0;
    for (int y = 0; sa && sb && y < sa->h; y++)
        for (int x = 0; x < sa->w; x++)
            bad += channel_delta(pixel_at(sa, x, y), pixel_at(sb, x, y)) > REF_CHANNEL_TOLERANCE;
    CHECK(sa && sb);
    CHECK(bad > REF_MAX_BAD_PIXELS * 10);
    SDL_FreeSurface(sa);
    SDL_FreeSurface(sb);
}

int main(void)
{
    const char *data = getenv("BB_TEST_DATA");
    char cfg_path[PATH_MAX_LEN];
    snprintf(cfg_path, sizeof cfg_path, "%s/render/render.cfg", data ? data : "tests/data");
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = diags ? bb_config_load_file(cfg_path, diags) : NULL;
    bb_fonts *fonts = NULL;

    if (diags)
        bb_diag_print(diags, stderr);
    CHECK(cfg != NULL);
    if (!cfg)
        goto done;
    CHECK_INT(cfg->n_slides, ARABIC + 1);
    fonts = bb_fonts_create((const char *const *)cfg->display.fonts.v, cfg->display.fonts.n);
    CHECK(fonts != NULL);
    if (!fonts)
        goto done;
    /* 08:30 in Geneva on Monday 10 January 2022: the first talk is half an
     * hour away, the others days away, one has no date yet. */
    bb_civil at = { 2022, 1, 10, 7, 30, 0 };
    bb_instant now = bb_civil_to_instant(&at, 0);

    test_comparison_bites(cfg, fonts, now);
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++)
        compare_case(cfg, fonts, &CASES[i], now);
done:
    bb_fonts_destroy(fonts);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    IMG_Quit();
    SDL_Quit();
    return bb_test_finish("test_render");
}
