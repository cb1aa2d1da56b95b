/*
 * bb_screen: window, renderer, canvas and the app's own rotation.
 */
#include "bb_screen.h"

#include <SDL_image.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bb_log.h"

/* Refresh rate assumed when the display does not report one, Hz. */
#define BB_SCREEN_FALLBACK_HZ 60
/* Largest safe-area margin per edge, percent of the side (two of them must
 * leave something to draw on). */
#define BB_SCREEN_MAX_SAFE_PERCENT 45.0

struct bb_screen {
    bb_screen_kind kind;
    bool video_inited;      /* this screen called SDL_InitSubSystem(VIDEO) */
    SDL_Window *window;     /* NULL for the software-surface fallback */
    SDL_Surface *surface;   /* the software fallback's "screen" */
    SDL_Renderer *renderer;
    SDL_Texture *canvas;    /* logical size: every frame is drawn here */
    SDL_Texture *frame;     /* headless with a window: the physical "back
                               buffer", a texture we can always read back */
    bool vsync;
    bool software;          /* SDL's software renderer: a CPU-side surface */
    bool direct;            /* software, unturned: draw straight into the
                               window's surface, which keeps the last frame
                               (no canvas, no copy) */
    bool page_flipped;      /* presents flip between scan-out buffers (KMS/DRM) */
    int refresh_hz;
    int pw, ph;             /* physical pixels */
    int lw, lh;             /* logical pixels: the canvas */
    bool scaled;            /* the canvas is smaller than the screen (GPU limit) */
    int rotation;
    int textures_created, textures_destroyed;
};

static void screen_route_sdl_log(void);
static bool screen_has_gpu(void);
static bool screen_wants_software(const char *driver);
static int screen_fail(const char *step);
static int screen_open_window(bb_screen *s, const bb_screen_params *p);
static int screen_open_surface(bb_screen *s, int w, int h);
static int screen_make_targets(bb_screen *s);
static void screen_drop_targets(bb_screen *s);
static SDL_Texture *screen_target_texture(bb_screen *s, int w, int h);

/* ---- geometry ---- */

bool bb_rotation_valid(int deg)
{
    return deg == 0 || deg == 90 || deg == 180 || deg == 270;
}

void bb_rotation_logical_size(int rotation, int pw, int ph, int *lw, int *lh)
{
    bool swap = rotation == 90 || rotation == 270;
    *lw = swap ? ph : pw;
    *lh = swap ? pw : ph;
}

void bb_rotation_copy_rect(int rotation, int pw, int ph, SDL_FRect *dst, double *angle)
{
    int lw, lh;
    bb_rotation_logical_size(rotation, pw, ph, &lw, &lh);
    /* SDL rotates about the rectangle's centre: centre the unrotated canvas
     * on the screen and the turned canvas covers it exactly.  Floats keep an
     * odd difference of sides from shifting the picture by half a pixel. */
    dst->x = (float)(pw - lw) / 2.0f;
    dst->y = (float)(ph - lh) / 2.0f;
    dst->w = (float)lw;
    dst->h = (float)lh;
    *angle = bb_rotation_valid(rotation) ? (double)rotation : 0.0;
}

SDL_Rect bb_safe_area_rect(int w, int h, double percent)
{
    SDL_Rect r;
    int mx, my;
    if (!(percent > 0.0))   /* also catches NaN */
        percent = 0.0;
    if (percent > BB_SCREEN_MAX_SAFE_PERCENT)
        percent = BB_SCREEN_MAX_SAFE_PERCENT;
    mx = (int)(w * percent / 100.0 + 0.5);
    my = (int)(h * percent / 100.0 + 0.5);
    r.x = mx;
    r.y = my;
    r.w = w - 2 * mx;
    r.h = h - 2 * my;
    return r;
}

/* ---- the screen ---- */

bb_screen *bb_screen_create(const bb_screen_params *p)
{
    bb_screen *s = calloc(1, sizeof *s);
    if (!s) {
        SDL_OutOfMemory();
        return NULL;
    }
    s->kind = p->kind;
    s->rotation = bb_rotation_valid(p->rotation) ? p->rotation : 0;
    s->refresh_hz = BB_SCREEN_FALLBACK_HZ;
    screen_route_sdl_log();

    if (screen_open_window(s, p) < 0) {
        if (p->kind != BB_SCREEN_HEADLESS)
            goto fail;
        /* No usable video driver at all: previews still work on a plain
         * software surface, which needs no display and no GL. */
        bb_log(BB_LOG_INFO, "no video driver (%s); rendering on a software surface",
               SDL_GetError());
        if (screen_open_surface(s, p->width > 0 ? p->width : BB_SCREEN_DEFAULT_SHOT_W,
                                p->height > 0 ? p->height : BB_SCREEN_DEFAULT_SHOT_H) < 0)
            goto fail;
    }
    if (SDL_GetRendererOutputSize(s->renderer, &s->pw, &s->ph) < 0) {
        screen_fail("cannot read the screen's size");
        goto fail;
    }
    bb_log(BB_LOG_DEBUG, "screen: %dx%d pixels, turned %d degrees", s->pw, s->ph, s->rotation);
    if (screen_make_targets(s) < 0) {
        screen_fail("cannot make the drawing canvas");
        goto fail;
    }
    return s;

fail: {
        /* Tearing down can set SDL's error again (KMS/DRM restoring its
         * cursor): keep the cause. */
        char cause[256];
        SDL_strlcpy(cause, SDL_GetError(), sizeof cause);
        bb_screen_destroy(s);
        SDL_SetError("%s", cause);
        return NULL;
    }
}

void bb_screen_destroy(bb_screen *s)
{
    if (!s)
        return;
    screen_drop_targets(s);
    if (s->renderer)
        SDL_DestroyRenderer(s->renderer);
    if (s->window)
        SDL_DestroyWindow(s->window);
    SDL_FreeSurface(s->surface);
    if (s->video_inited)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    free(s);
}

SDL_Renderer *bb_screen_renderer(const bb_screen *s)
{
    return s->renderer;
}

SDL_Window *bb_screen_window(const bb_screen *s)
{
    return s->window;
}

void bb_screen_physical_size(const bb_screen *s, int *w, int *h)
{
    *w = s->pw;
    *h = s->ph;
}

void bb_screen_logical_size(const bb_screen *s, int *w, int *h)
{
    *w = s->lw;
    *h = s->lh;
}

int bb_screen_rotation(const bb_screen *s)
{
    return s->rotation;
}

bool bb_screen_page_flipped(const bb_screen *s)
{
    return s->page_flipped;
}

int bb_screen_refresh_hz(const bb_screen *s)
{
    return s->refresh_hz;
}

int bb_screen_set_rotation(bb_screen *s, int rotation)
{
    if (!bb_rotation_valid(rotation))
        return SDL_SetError("rotation %d is not 0, 90, 180 or 270", rotation);
    if (rotation == s->rotation)
        return 0;
    s->rotation = rotation;
    return bb_screen_reset(s);
}

int bb_screen_reset(bb_screen *s)
{
    screen_drop_targets(s);
    return screen_make_targets(s);
}

int bb_screen_begin(bb_screen *s)
{
    return SDL_SetRenderTarget(s->renderer, s->direct ? NULL : s->canvas);
}

int bb_screen_finish(bb_screen *s)
{
    SDL_FRect dst;
    double angle;

    if (s->direct)
        return 0;   /* the frame is already where it is shown */
    if (SDL_SetRenderTarget(s->renderer, s->frame) < 0)
        return -1;
    if (s->rotation == 0)
        return SDL_RenderCopy(s->renderer, s->canvas, NULL, NULL);
    /* The canvas covers the whole screen once turned, so no clear is needed
     * first: every back-buffer pixel is written. */
    bb_rotation_copy_rect(s->rotation, s->pw, s->ph, &dst, &angle);
    return SDL_RenderCopyExF(s->renderer, s->canvas, NULL, &dst, angle, NULL, SDL_FLIP_NONE);
}

void bb_screen_present(bb_screen *s)
{
    bb_screen_present_damage(s, NULL);
}

void bb_screen_present_damage(bb_screen *s, const bb_damage *damage)
{
    if (s->direct && s->window && damage && !damage->full) {
        /* Only the changed rectangles go to the display: for a countdown
         * tick a few percent of the screen instead of all of it. */
        SDL_RenderFlush(s->renderer);
        if (damage->n > 0 && SDL_UpdateWindowSurfaceRects(s->window, damage->rects, damage->n) < 0)
            bb_log_once(BB_LOG_WARNING, "cannot show the frame: %s", SDL_GetError());
        return;
    }
    if (bb_screen_finish(s) < 0)
        bb_log_once(BB_LOG_WARNING, "cannot show the frame: %s", SDL_GetError());
    SDL_RenderPresent(s->renderer);
}

bool bb_screen_is_software(const bb_screen *s)
{
    return s->software;
}

int bb_screen_write_png(bb_screen *s, const char *path)
{
    SDL_Surface *frame = NULL, *rgb = NULL;
    int rc = -1;

    if (bb_screen_finish(s) < 0 || !(frame = bb_screen_read(s)))
        goto fail;
    /* No alpha channel: the screen is opaque, and an RGB PNG is smaller. */
    rgb = SDL_ConvertSurfaceFormat(frame, SDL_PIXELFORMAT_RGB24, 0);
    if (!rgb || IMG_SavePNG(rgb, path) < 0)
        goto fail;
    /* The MQTT bridge reads it as a member of the group; the display
     * unit's umask would leave it private. */
    chmod(path, 0640);
    bb_log(BB_LOG_INFO, "wrote %s (%dx%d)", path, rgb->w, rgb->h);
    rc = 0;

fail:
    if (rc < 0)
        bb_log(BB_LOG_ERROR, "cannot write %s: %s", path, SDL_GetError());
    SDL_FreeSurface(rgb);
    SDL_FreeSurface(frame);
    return rc;
}

SDL_Surface *bb_screen_read(bb_screen *s)
{
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, s->pw, s->ph, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!out)
        return NULL;
    if (SDL_RenderReadPixels(s->renderer, NULL, SDL_PIXELFORMAT_ARGB8888, out->pixels, out->pitch) < 0) {
        SDL_FreeSurface(out);
        return NULL;
    }
    return out;
}

void bb_screen_texture_counts(const bb_screen *s, int *created, int *destroyed)
{
    *created = s->textures_created;
    *destroyed = s->textures_destroyed;
}

/* ---- static ---- */

/* SDL's own messages (why KMS/DRM picked a mode, why EGL failed) in our log,
 * at debug level: $BRIEFBOARD_DEBUG=1 shows them. */
static void screen_sdl_log(void *userdata, int category, SDL_LogPriority priority, const char *message)
{
    (void)userdata;
    (void)category;
    bb_log(priority >= SDL_LOG_PRIORITY_WARN ? BB_LOG_WARNING : BB_LOG_DEBUG, "SDL: %s", message);
}

static void screen_route_sdl_log(void)
{
    if (!bb_log_enabled(BB_LOG_DEBUG))
        return;
    SDL_LogSetOutputFunction(screen_sdl_log, NULL);
    SDL_LogSetAllPriority(SDL_LOG_PRIORITY_DEBUG);
}

/* Is there a GPU that a desktop GL could run on?  Mesa without one
 * rasterises GL on the CPU (llvmpipe): JIT-compiled shaders, tens of MiB
 * of LLVM and a full-frame pipeline, where SDL's own software renderer
 * only copies the few rectangles that changed. */
static bool screen_has_gpu(void)
{
    glob_t g;
    bool found = glob("/dev/dri/renderD*", 0, NULL, &g) == 0 && g.gl_pathc > 0;
    globfree(&g);
    return found;
}

/* Should this driver get SDL's software renderer?  An explicit
 * SDL_RENDER_DRIVER always wins. */
static bool screen_wants_software(const char *driver)
{
    const char *asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (asked && *asked)
        return SDL_strcasecmp(asked, "software") == 0;
    /* Offscreen and dummy show nothing: a GPU would only slow previews. */
    if (SDL_strcasecmp(driver, "offscreen") == 0 || SDL_strcasecmp(driver, "dummy") == 0)
        return true;
    return !screen_has_gpu();
}

/* Name the step that failed in SDL's error and return -1.  SDL's message is
 * copied first: it is the buffer SDL_SetError writes into. */
static int screen_fail(const char *step)
{
    char cause[256];
    SDL_strlcpy(cause, SDL_GetError(), sizeof cause);
    if (!cause[0])
        SDL_strlcpy(cause, "no reason given", sizeof cause);
    return SDL_SetError("%s: %s", step, cause);
}

static int screen_open_window(bb_screen *s, const bb_screen_params *p)
{
    Uint32 wflags = SDL_WINDOW_ALLOW_HIGHDPI;
    Uint32 rflags = SDL_RENDERER_ACCELERATED | SDL_RENDERER_TARGETTEXTURE;
    int w = p->width, h = p->height;
    SDL_DisplayMode mode = {0};
    SDL_RendererInfo info;

    if (p->kind == BB_SCREEN_HEADLESS && !SDL_getenv("SDL_VIDEODRIVER"))
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    /* A kiosk must not minimise when some other client takes the focus. */
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) < 0)
        return screen_fail("cannot start SDL video");
    s->video_inited = true;
    bb_log(BB_LOG_DEBUG, "screen: video driver %s", SDL_GetCurrentVideoDriver());
    /* With no display at all SDL falls back to a driver that shows nothing;
     * a kiosk silently "running" on it is worse than an exit systemd can
     * see.  Asking for such a driver by name is fine (tests, soak runs). */
    if (p->kind != BB_SCREEN_HEADLESS && !SDL_getenv("SDL_VIDEODRIVER") &&
        (strcmp(SDL_GetCurrentVideoDriver(), "offscreen") == 0 ||
         strcmp(SDL_GetCurrentVideoDriver(), "dummy") == 0))
        return SDL_SetError("no display found (no X11, Wayland or KMS/DRM); "
                            "set SDL_VIDEODRIVER=offscreen to run without one");

    if (SDL_GetDesktopDisplayMode(0, &mode) == 0 && mode.refresh_rate > 0)
        s->refresh_hz = mode.refresh_rate;

    switch (p->kind) {
    case BB_SCREEN_FULLSCREEN:
        if (w <= 0 || h <= 0 || (w == mode.w && h == mode.h) || mode.w <= 0) {
            /* Created at the desktop mode's size straight away: a window
             * made small and then switched to full screen can keep a GL
             * drawable of the old size and read back wrong or white (seen
             * with Mesa GL). */
            if (SDL_GetDesktopDisplayMode(0, &mode) < 0)
                return screen_fail("cannot read the display's mode");
            w = mode.w;
            h = mode.h;
            wflags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        } else {
            /* An explicit size different from the desktop: a real mode
             * change (e.g. 1080p on a 4K TV to spare a Pi's GPU). */
            wflags |= SDL_WINDOW_FULLSCREEN;
        }
        rflags |= SDL_RENDERER_PRESENTVSYNC;
        break;
    case BB_SCREEN_WINDOW:
        if (w <= 0 || h <= 0) {
            w = BB_SCREEN_DEFAULT_WINDOW_W;
            h = BB_SCREEN_DEFAULT_WINDOW_H;
        }
        rflags |= SDL_RENDERER_PRESENTVSYNC;
        break;
    case BB_SCREEN_HEADLESS:
        if (w <= 0 || h <= 0) {
            w = BB_SCREEN_DEFAULT_SHOT_W;
            h = BB_SCREEN_DEFAULT_SHOT_H;
        }
        wflags |= SDL_WINDOW_HIDDEN;
        wflags &= ~(Uint32)SDL_WINDOW_ALLOW_HIGHDPI;
        break;
    }

    s->window = SDL_CreateWindow(p->title ? p->title : "briefboard",
                                 SDL_WINDOWPOS_CENTERED_DISPLAY(0), SDL_WINDOWPOS_CENTERED_DISPLAY(0),
                                 w, h, wflags);
    if (!s->window)
        return screen_fail("cannot make the window");
    bb_log(BB_LOG_DEBUG, "screen: window %dx%d made", w, h);
    /* On KMS/DRM the GPU speaks OpenGL ES (a Pi's vc4/v3d, Mesa's GBM
     * platform); SDL's desktop-GL renderer would load libGLESv2 as if it were
     * libGL and then have no render targets.  An explicit SDL_RENDER_DRIVER
     * still wins, and SDL tries the others when this one fails. */
    if (SDL_strcasecmp(SDL_GetCurrentVideoDriver(), "kmsdrm") == 0)
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
    else if (screen_wants_software(SDL_GetCurrentVideoDriver())) {
        rflags = (rflags & ~(Uint32)SDL_RENDERER_ACCELERATED) | SDL_RENDERER_SOFTWARE;
        /* Else SDL shows the window's surface through a GL texture of its
         * own -- the very GL this avoids: on x11 the surface goes to the
         * server through shared memory instead, rectangle by rectangle. */
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
    }
    s->renderer = SDL_CreateRenderer(s->window, -1, rflags);
    if (!s->renderer) {
        bb_log(BB_LOG_INFO, "no accelerated renderer (%s); using software", SDL_GetError());
        rflags &= ~(Uint32)SDL_RENDERER_ACCELERATED;
        s->renderer = SDL_CreateRenderer(s->window, -1, rflags | SDL_RENDERER_SOFTWARE);
        if (!s->renderer)
            return screen_fail("cannot make a renderer");
    }
    /* Every frame is drawn on a canvas texture (rotation, redraw on change). */
    if (!SDL_RenderTargetSupported(s->renderer)) {
        SDL_GetRendererInfo(s->renderer, &info);
        return SDL_SetError("the %s renderer cannot draw into textures (render targets); "
                            "try SDL_RENDER_DRIVER=opengles2 or software", info.name);
    }
    if (SDL_GetRendererInfo(s->renderer, &info) == 0) {
        s->vsync = (info.flags & SDL_RENDERER_PRESENTVSYNC) != 0;
        s->software = (info.flags & SDL_RENDERER_SOFTWARE) != 0;
        /* X11 and Wayland compositors keep showing the last buffer they
         * got; KMS/DRM flips between two that SDL owns, so one present and
         * then sleep left the screen black there. */
        s->page_flipped = SDL_GetCurrentVideoDriver() &&
                          SDL_strcasecmp(SDL_GetCurrentVideoDriver(), "kmsdrm") == 0;
        bb_log(BB_LOG_INFO, "video %s, renderer %s%s", SDL_GetCurrentVideoDriver(), info.name,
               s->vsync ? " with vsync" : "");
    }
    /* Hiding the cursor can fail on KMS/DRM (no cursor plane); that is no
     * reason not to start, and its message must not stand in for a later,
     * real error. */
    if (p->kind == BB_SCREEN_FULLSCREEN && SDL_ShowCursor(SDL_DISABLE) < 0) {
        bb_log(BB_LOG_DEBUG, "cannot hide the cursor: %s", SDL_GetError());
        SDL_ClearError();
    }
    if (p->kind != BB_SCREEN_HEADLESS)
        SDL_DisableScreenSaver();
    /* Whatever SDL noted on the way (a cursor plane it could not use) was
     * not fatal; it must not stand in for a later error's cause. */
    SDL_ClearError();
    return 0;
}

static int screen_open_surface(bb_screen *s, int w, int h)
{
    if (s->renderer)
        SDL_DestroyRenderer(s->renderer);
    if (s->window)
        SDL_DestroyWindow(s->window);
    s->renderer = NULL;
    s->window = NULL;
    if (s->video_inited)
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    s->video_inited = false;
    s->kind = BB_SCREEN_HEADLESS;

    s->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s->surface)
        return -1;
    s->renderer = SDL_CreateSoftwareRenderer(s->surface);
    s->software = true;
    return s->renderer ? 0 : -1;
}

static int screen_make_targets(bb_screen *s)
{
    SDL_RendererInfo info;
    bb_rotation_logical_size(s->rotation, s->pw, s->ph, &s->lw, &s->lh);
    /* A GPU that cannot hold a screen-sized texture (a Pi 3 has 2048x2048
     * at most) gets the largest canvas it can, scaled up when shown:
     * softer, but a picture instead of a failed start. */
    s->scaled = false;
    if (SDL_GetRendererInfo(s->renderer, &info) == 0 && info.max_texture_width > 0 &&
        info.max_texture_height > 0 &&
        (s->lw > info.max_texture_width || s->lh > info.max_texture_height)) {
        double fx = (double)info.max_texture_width / s->lw;
        double fy = (double)info.max_texture_height / s->lh;
        double f = fx < fy ? fx : fy;
        bb_log_once(BB_LOG_INFO, "the GPU's largest texture is %dx%d: drawing at %dx%d and scaling up",
                    info.max_texture_width, info.max_texture_height, (int)(s->lw * f), (int)(s->lh * f));
        s->lw = (int)(s->lw * f);
        s->lh = (int)(s->lh * f);
        s->scaled = true;
    }
    /* The software renderer draws into the window's own surface, which
     * keeps its pixels between frames: unturned, that is the canvas. */
    s->direct = s->software && s->rotation == 0 && !s->scaled;
    if (s->direct)
        return 0;
    s->canvas = screen_target_texture(s, s->lw, s->lh);
    if (!s->canvas)
        return -1;
    if (s->scaled)
        SDL_SetTextureScaleMode(s->canvas, SDL_ScaleModeLinear);
    /* A hidden window's default framebuffer is not guaranteed to keep
     * pixels (GL pixel ownership), so a headless window renders into a
     * texture of the physical size that can always be read back. */
    if (s->kind == BB_SCREEN_HEADLESS && s->window && !s->software) {
        s->frame = screen_target_texture(s, s->pw, s->ph);
        if (!s->frame)
            return -1;
    }
    return 0;
}

static void screen_drop_targets(bb_screen *s)
{
    if (s->renderer)
        SDL_SetRenderTarget(s->renderer, NULL);
    if (s->canvas) {
        SDL_DestroyTexture(s->canvas);
        s->textures_destroyed++;
    }
    if (s->frame) {
        SDL_DestroyTexture(s->frame);
        s->textures_destroyed++;
    }
    s->canvas = NULL;
    s->frame = NULL;
}

static SDL_Texture *screen_target_texture(bb_screen *s, int w, int h)
{
    /* In software, a canvas in the window's own pixel format is copied
     * with a plain memory copy instead of a per-pixel conversion. */
    Uint32 format = s->software && s->window ? SDL_GetWindowPixelFormat(s->window)
                                             : SDL_PIXELFORMAT_ARGB8888;
    SDL_Texture *t = SDL_CreateTexture(s->renderer, format == SDL_PIXELFORMAT_UNKNOWN
                                                        ? SDL_PIXELFORMAT_ARGB8888 : format,
                                       SDL_TEXTUREACCESS_TARGET, w, h);
    if (!t)
        return NULL;
    s->textures_created++;
    /* Opaque copy, pixel for pixel: a turned canvas must not be smoothed. */
    SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE);
    SDL_SetTextureScaleMode(t, SDL_ScaleModeNearest);
    return t;
}
