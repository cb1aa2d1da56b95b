/*
 * test_screen: the app's own rotation and the safe area.
 *
 * Geometry is checked against hand-worked expectations, then a real frame is
 * rendered headless -- on the offscreen driver with its software renderer
 * (drawing straight into the window's surface when unturned) and with GL,
 * and on the software-surface fallback -- with a coloured block in each
 * corner of the canvas, and the physical back buffer is read to see where
 * each corner went.  A partial redraw must change only its rectangles.
 * The damage list's merging is checked on its own first.
 */
#define _GNU_SOURCE   /* dl_iterate_phdr, for bb_test_pin.h */
#include <SDL.h>

#include "bb_screen.h"
#include "bb_veil.h"
#include "bb_test.h"
#include "bb_test_pin.h"

/* Side of each corner block, logical pixels. */
#define BLOCK_PX 24
/* Per-channel tolerance between renderers: SDL's software renderer and Mesa's
 * GL differ by at most 1-2 per channel on the same frame. */
#define TOLERANCE 4

enum { RED = 0xff0000, GREEN = 0x00ff00, BLUE = 0x0000ff, WHITE = 0xffffff, GREY = 0x404040 };

static void test_logical_size(void)
{
    int w, h;
    bb_rotation_logical_size(0, 1920, 1080, &w, &h);
    CHECK_INT(w, 1920); CHECK_INT(h, 1080);
    bb_rotation_logical_size(90, 1920, 1080, &w, &h);
    CHECK_INT(w, 1080); CHECK_INT(h, 1920);
    bb_rotation_logical_size(180, 1920, 1080, &w, &h);
    CHECK_INT(w, 1920); CHECK_INT(h, 1080);
    bb_rotation_logical_size(270, 1080, 1920, &w, &h);
    CHECK_INT(w, 1920); CHECK_INT(h, 1080);

    CHECK(bb_rotation_valid(0) && bb_rotation_valid(90) && bb_rotation_valid(180) && bb_rotation_valid(270));
    CHECK(!bb_rotation_valid(45) && !bb_rotation_valid(-90) && !bb_rotation_valid(360));
}

static void test_damage(void)
{
    bb_damage d;
    bb_damage_clear(&d);
    CHECK(!bb_damage_any(&d));
    bb_damage_add(&d, (SDL_Rect){ 10, 10, 0, 5 });          /* empty: ignored */
    CHECK(!bb_damage_any(&d));
    bb_damage_add(&d, (SDL_Rect){ 0, 0, 10, 10 });
    bb_damage_add(&d, (SDL_Rect){ 100, 100, 10, 10 });      /* apart: kept apart */
    CHECK_INT(d.n, 2);
    CHECK(bb_damage_share(&d, 1000, 100) > 0.0019 && bb_damage_share(&d, 1000, 100) < 0.0021);
    bb_damage_add(&d, (SDL_Rect){ 10, 0, 10, 10 });         /* touches the first: merged */
    CHECK_INT(d.n, 2);
    int first = d.rects[0].x == 0 ? 0 : 1;   /* the order is not kept */
    CHECK_INT(d.rects[first].x, 0); CHECK_INT(d.rects[first].w, 20);
    /* Bridging two rects merges all three. */
    bb_damage_add(&d, (SDL_Rect){ 15, 5, 90, 100 });
    CHECK_INT(d.n, 1);
    CHECK_INT(d.rects[0].x, 0); CHECK_INT(d.rects[0].y, 0);
    CHECK_INT(d.rects[0].w, 110); CHECK_INT(d.rects[0].h, 110);
    /* Past the limit everything becomes one bounding box. */
    bb_damage_clear(&d);
    for (int i = 0; i <= BB_DAMAGE_MAX_RECTS; i++)
        bb_damage_add(&d, (SDL_Rect){ i * 100, 0, 10, 10 });
    CHECK_INT(d.n, 1);
    CHECK_INT(d.rects[0].w, BB_DAMAGE_MAX_RECTS * 100 + 10);
    /* Full swallows everything. */
    bb_damage other;
    bb_damage_all(&other);
    bb_damage_merge(&d, &other);
    CHECK(d.full && bb_damage_any(&d));
    CHECK(bb_damage_share(&d, 10, 10) == 1.0);
    bb_damage_add(&d, (SDL_Rect){ 0, 0, 1, 1 });
    CHECK(d.full && d.n == 0);
}

/* The fast veil blends as SDL does, within one level per channel. */
static void test_veil_pixel(void)
{
    static const Uint32 pixels[] = { 0x000000, 0xffffff, 0x12345678, 0xff80c020, 0x00010203 };
    static const SDL_Color colours[] = { { 0, 0, 0, 0 }, { 255, 255, 255, 0 }, { 16, 24, 32, 0 },
                                         { 250, 5, 128, 0 } };
    int worst = 0;
    for (int a = 0; a <= 255; a++)
        for (size_t p = 0; p < SDL_arraysize(pixels); p++)
            for (size_t k = 0; k < SDL_arraysize(colours); k++) {
                SDL_Color c = colours[k];
                c.a = (Uint8)a;
                Uint32 got = bb_veil_pixel(pixels[p], c);
                CHECK_INT(got >> 24, pixels[p] >> 24);   /* the top byte is kept */
                for (int sh = 0; sh <= 16; sh += 8) {
                    int px = (int)(pixels[p] >> sh) & 0xff;
                    int cc = sh == 16 ? c.r : sh == 8 ? c.g : c.b;
                    double want = (px * (255 - a) + cc * a) / 255.0;
                    int diff = (int)((got >> sh) & 0xff) - (int)(want + 0.5);
                    if (diff < 0)
                        diff = -diff;
                    if (diff > worst)
                        worst = diff;
                }
            }
    CHECK(worst <= 1);
    /* The ends are exact. */
    CHECK_INT(bb_veil_pixel(0x00336699, (SDL_Color){ 1, 2, 3, 0 }), 0x00336699);
    CHECK_INT(bb_veil_pixel(0x00336699, (SDL_Color){ 1, 2, 3, 255 }), 0x00010203);
}

static void test_map_point(void)
{
    /* A 4x2 logical canvas; (0,0) is its top-left corner. */
    int x, y;
    bb_rotation_map_point(0, 4, 2, 3, 1, &x, &y);
    CHECK_INT(x, 3); CHECK_INT(y, 1);
    /* Turned clockwise: the top-left corner goes to the top-right of a 2x4
     * screen, the top-right corner to the bottom-right. */
    bb_rotation_map_point(90, 4, 2, 0, 0, &x, &y);
    CHECK_INT(x, 1); CHECK_INT(y, 0);
    bb_rotation_map_point(90, 4, 2, 3, 0, &x, &y);
    CHECK_INT(x, 1); CHECK_INT(y, 3);
    bb_rotation_map_point(90, 4, 2, 0, 1, &x, &y);
    CHECK_INT(x, 0); CHECK_INT(y, 0);
    bb_rotation_map_point(180, 4, 2, 0, 0, &x, &y);
    CHECK_INT(x, 3); CHECK_INT(y, 1);
    bb_rotation_map_point(270, 4, 2, 0, 0, &x, &y);
    CHECK_INT(x, 0); CHECK_INT(y, 3);
    bb_rotation_map_point(270, 4, 2, 3, 0, &x, &y);
    CHECK_INT(x, 0); CHECK_INT(y, 0);
}

static void test_copy_rect(void)
{
    SDL_FRect r;
    double angle;
    bb_rotation_copy_rect(0, 1920, 1080, &r, &angle);
    CHECK(r.x == 0.0f && r.y == 0.0f && r.w == 1920.0f && r.h == 1080.0f && angle == 0.0);
    /* The 1080x1920 canvas centred on a 1920x1080 screen, then turned. */
    bb_rotation_copy_rect(90, 1920, 1080, &r, &angle);
    CHECK(r.x == 420.0f && r.y == -420.0f && r.w == 1080.0f && r.h == 1920.0f && angle == 90.0);
    bb_rotation_copy_rect(270, 1081, 1920, &r, &angle);
    CHECK(r.x == -419.5f && r.y == 419.5f && r.w == 1920.0f && r.h == 1081.0f && angle == 270.0);
    bb_rotation_copy_rect(180, 800, 600, &r, &angle);
    CHECK(r.x == 0.0f && r.y == 0.0f && r.w == 800.0f && r.h == 600.0f && angle == 180.0);
}

static void test_safe_area(void)
{
    SDL_Rect r = bb_safe_area_rect(1920, 1080, 0.0);
    CHECK(r.x == 0 && r.y == 0 && r.w == 1920 && r.h == 1080);
    r = bb_safe_area_rect(1920, 1080, 5.0);   /* 96 px and 54 px per edge */
    CHECK_INT(r.x, 96); CHECK_INT(r.y, 54); CHECK_INT(r.w, 1728); CHECK_INT(r.h, 972);
    r = bb_safe_area_rect(1080, 1920, 2.5);   /* 27 px and 48 px per edge */
    CHECK_INT(r.x, 27); CHECK_INT(r.y, 48); CHECK_INT(r.w, 1026); CHECK_INT(r.h, 1824);
    r = bb_safe_area_rect(1280, 720, -3.0);   /* nonsense: no margin */
    CHECK_INT(r.x, 0); CHECK_INT(r.w, 1280);
    r = bb_safe_area_rect(1000, 1000, 80.0);  /* clamped: something is left */
    CHECK(r.w > 0 && r.h > 0);
}

static Uint32 pixel_at(SDL_Surface *s, int x, int y)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
    return row[x] & 0xffffff;
}

static bool close_to(Uint32 got, Uint32 want)
{
    for (int shift = 0; shift <= 16; shift += 8) {
        int g = (int)((got >> shift) & 0xff), w = (int)((want >> shift) & 0xff);
        if (g - w > TOLERANCE || w - g > TOLERANCE)
            return false;
    }
    return true;
}

static void fill(SDL_Renderer *r, int x, int y, int w, int h, Uint32 rgb)
{
    SDL_Rect rect = { x, y, w, h };
    SDL_SetRenderDrawColor(r, (Uint8)(rgb >> 16), (Uint8)(rgb >> 8), (Uint8)rgb, 255);
    SDL_RenderFillRect(r, &rect);
}

/* Physical pixel (x, y) must be `want`; on failure save the frame. */
static void check_pixel(SDL_Surface *shot, const char *name, int x, int y, Uint32 want)
{
    Uint32 got = pixel_at(shot, x, y);
    bb_test_checks++;
    if (!close_to(got, want)) {
        char path[128];
        bb_test_failures++;
        SDL_snprintf(path, sizeof path, "%s_err.bmp", name);
        SDL_SaveBMP(shot, path);
        fprintf(stderr, "%s: pixel (%d,%d) is %06x, want %06x (frame saved to %s)\n",
                name, x, y, (unsigned)got, (unsigned)want, path);
    }
}

/*
 * Render the corner pattern at `rotation` on a pw x ph screen and check
 * where each corner landed: expectations are written out per rotation, not
 * derived from bb_rotation_map_point.
 */
static void check_pattern(const char *how, int pw, int ph, int rotation)
{
    bb_screen_params p = { BB_SCREEN_HEADLESS, pw, ph, rotation, "test" };
    bb_screen *s = bb_screen_create(&p);
    int lw, lh, w, h;
    char name[64];
    SDL_Surface *shot;

    SDL_snprintf(name, sizeof name, "screen_%s_%d", how, rotation);
    CHECK(s != NULL);
    if (!s) {
        fprintf(stderr, "%s: %s\n", name, SDL_GetError());
        return;
    }
    bb_test_pin_libraries();
    bb_screen_physical_size(s, &w, &h);
    CHECK_INT(w, pw); CHECK_INT(h, ph);
    bb_screen_logical_size(s, &lw, &lh);
    CHECK_INT(lw, rotation % 180 ? ph : pw);
    CHECK_INT(lh, rotation % 180 ? pw : ph);

    CHECK_INT(bb_screen_begin(s), 0);
    SDL_Renderer *r = bb_screen_renderer(s);
    fill(r, 0, 0, lw, lh, GREY);
    fill(r, 0, 0, BLOCK_PX, BLOCK_PX, RED);                          /* top-left */
    fill(r, lw - BLOCK_PX, 0, BLOCK_PX, BLOCK_PX, GREEN);            /* top-right */
    fill(r, 0, lh - BLOCK_PX, BLOCK_PX, BLOCK_PX, BLUE);             /* bottom-left */
    fill(r, lw - BLOCK_PX, lh - BLOCK_PX, BLOCK_PX, BLOCK_PX, WHITE); /* bottom-right */
    CHECK_INT(bb_screen_finish(s), 0);
    shot = bb_screen_read(s);
    CHECK(shot != NULL);
    if (shot) {
        /* Physical corners: top-left, top-right, bottom-left, bottom-right. */
        Uint32 tl, tr, bl, br;
        switch (rotation) {
        case 90:  tl = BLUE;  tr = RED;   bl = WHITE; br = GREEN; break;
        case 180: tl = WHITE; tr = BLUE;  bl = GREEN; br = RED;   break;
        case 270: tl = GREEN; tr = WHITE; bl = RED;   br = BLUE;  break;
        default:  tl = RED;   tr = GREEN; bl = BLUE;  br = WHITE; break;
        }
        check_pixel(shot, name, 0, 0, tl);
        check_pixel(shot, name, pw - 1, 0, tr);
        check_pixel(shot, name, 0, ph - 1, bl);
        check_pixel(shot, name, pw - 1, ph - 1, br);
        /* The block's inner edge is sharp: one pixel past it is background. */
        check_pixel(shot, name, BLOCK_PX, BLOCK_PX, GREY);
        check_pixel(shot, name, BLOCK_PX - 1, BLOCK_PX - 1, tl);
        check_pixel(shot, name, pw / 2, ph / 2, GREY);
        SDL_FreeSurface(shot);
    }

    /* A partial redraw: one small block changes, the rest of the frame
     * (drawn by the full present above) stays. */
    CHECK_INT(bb_screen_begin(s), 0);
    bb_damage d;
    bb_damage_clear(&d);
    SDL_Rect part = { lw / 2 - BLOCK_PX / 2, lh / 2 - BLOCK_PX / 2, BLOCK_PX, BLOCK_PX };
    bb_damage_add(&d, part);
    SDL_RenderSetClipRect(r, &part);
    fill(r, 0, 0, lw, lh, WHITE);   /* clipped to the part */
    SDL_RenderSetClipRect(r, NULL);
    bb_screen_present_damage(s, &d);
    CHECK_INT(bb_screen_finish(s), 0);
    shot = bb_screen_read(s);
    CHECK(shot != NULL);
    if (shot) {
        check_pixel(shot, name, pw / 2, ph / 2, WHITE);
        check_pixel(shot, name, pw / 4, ph / 2, GREY);
        check_pixel(shot, name, 0, 0, rotation == 0 ? RED : rotation == 90 ? BLUE
                                      : rotation == 180 ? WHITE : GREEN);
        SDL_FreeSurface(shot);
    }

    /* A veil, clipped: inside the clip it covers (fully opaque here), a
     * pixel outside it stays. */
    CHECK_INT(bb_screen_begin(s), 0);
    SDL_Rect left = { 0, 0, lw / 2, lh };
    SDL_RenderSetClipRect(r, &left);
    bb_veil_rects(r, &(SDL_Rect){ 0, lh / 2 - BLOCK_PX, lw, 2 * BLOCK_PX }, 1,
                  (SDL_Color){ 0xff, 0x00, 0x00, 255 });
    SDL_RenderSetClipRect(r, NULL);
    bb_screen_present(s);
    shot = bb_screen_read(s);
    CHECK(shot != NULL);
    if (shot) {
        int px, py;
        bb_rotation_map_point(rotation, lw, lh, lw / 4, lh / 2, &px, &py);
        check_pixel(shot, name, px, py, RED);             /* veiled */
        bb_rotation_map_point(rotation, lw, lh, lw / 2, lh / 2, &px, &py);
        check_pixel(shot, name, px, py, WHITE);           /* outside the clip */
        SDL_FreeSurface(shot);
    }

    /* A second rotation on the same screen swaps the canvas. */
    CHECK_INT(bb_screen_set_rotation(s, (rotation + 90) % 360), 0);
    bb_screen_logical_size(s, &w, &h);
    CHECK_INT(w, lh); CHECK_INT(h, lw);
    CHECK(bb_screen_set_rotation(s, 45) < 0);

    int made, gone;
    bb_screen_texture_counts(s, &made, &gone);
    /* The live canvas (and frame); none when software draws unturned
     * straight into the window's surface. */
    if (bb_screen_is_software(s) && (rotation + 90) % 360 == 0)
        CHECK_INT(made, gone);
    else
        CHECK(made > gone);
    bb_screen_destroy(s);
}

int main(void)
{
    test_logical_size();
    test_map_point();
    test_copy_rect();
    test_safe_area();

    test_damage();
    test_veil_pixel();

    static const int rotations[] = { 0, 90, 180, 270 };
    for (int i = 0; i < 4; i++)
        check_pattern("offscreen", 320, 200, rotations[i]);
    /* The GPU path (here Mesa's GL on the CPU): a canvas texture. */
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengl");
    for (int i = 0; i < 4; i++)
        check_pattern("offscreen-gl", 320, 200, rotations[i]);
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "");
    /* No usable video driver: the software-surface fallback. */
    SDL_setenv("SDL_VIDEODRIVER", "no-such-driver", 1);
    for (int i = 0; i < 4; i++)
        check_pattern("surface", 320, 200, rotations[i]);
    bb_screen_destroy(NULL);
    SDL_Quit();
    return bb_test_finish("test_screen");
}
