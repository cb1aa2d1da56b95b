/*
 * bb_screen: the window, the renderer, and the app's own rotation.
 *
 * KMS/DRM ignores the panel rotation set for a desktop, so the app rotates
 * by itself: everything is drawn at the *logical* size (1080x1920 for a
 * 1920x1080 panel turned 90 degrees) into an off-screen canvas texture, which
 * is then copied rotated onto the physical back buffer.  The canvas also
 * keeps the last frame, so presenting it again costs one copy, not a redraw
 * (see bb_screen_present).
 *
 * The geometry helpers at the top are pure and need no SDL video.
 */
#ifndef BB_SCREEN_H
#define BB_SCREEN_H

#include <SDL.h>
#include <stdbool.h>

#include "bb_damage.h"

/* Default size of a desktop window and of headless previews, pixels. */
#define BB_SCREEN_DEFAULT_WINDOW_W 1280
#define BB_SCREEN_DEFAULT_WINDOW_H 720
#define BB_SCREEN_DEFAULT_SHOT_W 1920
#define BB_SCREEN_DEFAULT_SHOT_H 1080
/* Accepted screen sizes, pixels per side. */
#define BB_SCREEN_MIN_SIDE 64
#define BB_SCREEN_MAX_SIDE 8192

/* ---- geometry (pure) ---- */

/* Is deg one of 0, 90, 180, 270? */
bool bb_rotation_valid(int deg);

/* The logical (drawing) size of a physical screen of pw x ph turned by
 * `rotation` degrees clockwise: the sides swap at 90 and 270. */
void bb_rotation_logical_size(int rotation, int pw, int ph, int *lw, int *lh);

/* The destination rectangle and angle for SDL_RenderCopyExF that show a
 * lw x lh canvas turned `rotation` degrees clockwise on a pw x ph screen
 * (the canvas is rotated about its centre, which sits on the screen's). */
void bb_rotation_copy_rect(int rotation, int pw, int ph, SDL_FRect *dst, double *angle);

/* The safe area of a w x h canvas: `percent` of the width off the left and
 * right edges, of the height off the top and bottom (TV overscan).  percent
 * is clamped to 0-45. */
SDL_Rect bb_safe_area_rect(int w, int h, double percent);

/* ---- the screen ---- */

typedef enum bb_screen_kind {
    BB_SCREEN_FULLSCREEN, /* the desktop mode's size, no decorations (kiosk) */
    BB_SCREEN_WINDOW,     /* a normal window of width x height (desktop use) */
    BB_SCREEN_HEADLESS    /* hidden: offscreen driver, else a software surface */
} bb_screen_kind;

typedef struct bb_screen_params {
    bb_screen_kind kind;
    int width, height;    /* physical pixels; 0 = the default for the kind */
    int rotation;         /* 0, 90, 180, 270 degrees clockwise */
    const char *title;    /* window title; NULL = "briefboard" */
} bb_screen_params;

typedef struct bb_screen bb_screen;

/*
 * Initialise SDL video (except for a headless screen that falls back to a
 * software surface), create the window at its final size -- never resized
 * afterwards: a GL window switched to full screen can keep a drawable of its
 * old size -- and a renderer: accelerated with vsync
 * where it exists, else software.  Hides the cursor and disables the
 * screensaver for the full-screen kind.  Returns a screen the caller owns,
 * or NULL with SDL_GetError() set.
 */
bb_screen *bb_screen_create(const bb_screen_params *params);

/* Destroys the canvas, renderer and window and quits SDL video if this
 * screen initialised it; NULL is a no-op. */
void bb_screen_destroy(bb_screen *screen);

/* Borrowed; valid while the screen lives. */
SDL_Renderer *bb_screen_renderer(const bb_screen *screen);

/* The window (borrowed), or NULL for the software-surface fallback. */
SDL_Window *bb_screen_window(const bb_screen *screen);

/* Physical (back buffer) and logical (canvas) sizes in pixels. */
void bb_screen_physical_size(const bb_screen *screen, int *w, int *h);
void bb_screen_logical_size(const bb_screen *screen, int *w, int *h);
int bb_screen_rotation(const bb_screen *screen);

/* The display's refresh rate in Hz (60 when unknown or headless). */
int bb_screen_refresh_hz(const bb_screen *screen);
/* True when a present flips between two scan-out buffers that the program
 * does not control (SDL's kmsdrm driver): the last frame before going idle
 * must then be presented twice to be sure it is the one on screen. */
bool bb_screen_page_flipped(const bb_screen *screen);

/* Turn the canvas to a new rotation (a reload changed it); recreates the
 * canvas when the logical size changes.  Returns 0, or -1 (SDL_GetError). */
int bb_screen_set_rotation(bb_screen *screen, int rotation);

/* Recreate the canvas after SDL_RENDER_TARGETS_RESET or
 * SDL_RENDER_DEVICE_RESET; its content is lost.  Returns 0 or -1. */
int bb_screen_reset(bb_screen *screen);

/* Make the canvas the render target; draw the frame after this, in logical
 * coordinates.  Returns 0 or -1. */
int bb_screen_begin(bb_screen *screen);

/* Copy the canvas, rotated, onto the back buffer (render target reset to the
 * window).  After this the back buffer can be read (bb_screen_read). */
int bb_screen_finish(bb_screen *screen);

/* bb_screen_finish, then SDL_RenderPresent.  Calling it again without a new
 * bb_screen_begin shows the same frame again: that is how the loop makes a
 * change reach a double-buffered KMS/DRM scan-out. */
void bb_screen_present(bb_screen *screen);

/* As bb_screen_present, when only `damage` changed since the last present
 * (NULL or full: everything).  On the software renderer only those
 * rectangles are sent to the display; elsewhere the whole canvas is. */
void bb_screen_present_damage(bb_screen *screen, const bb_damage *damage);

/* Is this SDL's software renderer (no GPU, or a headless screen)? */
bool bb_screen_is_software(const bb_screen *screen);

/*
 * Read the back buffer (physical size) after bb_screen_finish into a new
 * ARGB8888 surface the caller frees.  Returns NULL with SDL_GetError() set.
 */
SDL_Surface *bb_screen_read(bb_screen *screen);

/*
 * bb_screen_finish, then write the frame (physical size, RGB) to path as
 * PNG, file mode 0640 so the group may read it (--screenshot, and the
 * control socket's `screenshot` for the MQTT bridge).  Returns 0, or -1 with
 * one log line naming the path and the cause.
 */
int bb_screen_write_png(bb_screen *screen, const char *path);

/* How many textures this screen has created and destroyed (the canvas). */
void bb_screen_texture_counts(const bb_screen *screen, int *created, int *destroyed);

#endif
