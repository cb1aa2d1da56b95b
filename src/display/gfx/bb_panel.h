/*
 * bb_panel: the physical screen's power and its connector.
 *
 * Off means really off, not a black picture with the backlight on:
 *   - on KMS/DRM, the connector's DPMS property (monitors go to standby;
 *     the CRTC stops scanning out), set on SDL's own DRM descriptor, which
 *     holds the DRM master (SDL_GetWindowWMInfo gives it);
 *   - with cec = true, HDMI-CEC <Standby> to the TV, and on again
 *     <Image View On> + <Active Source> (bb_cec), for TVs that ignore DPMS
 *     or only show "no signal" with the backlight on.
 * Elsewhere (x11, wayland, offscreen) only the state is kept: the caller
 * stops presenting, and the CEC part works where an adapter exists.
 *
 * The same connector tells hot-plug recovery what came back: connected or
 * not, and at which mode (bb_panel_probe).
 */
#ifndef BB_PANEL_H
#define BB_PANEL_H

#include <SDL.h>
#include <stdbool.h>

struct bb_cec_io;

typedef struct bb_panel_params {
    bool cec;                      /* also switch the TV over HDMI-CEC */
    const char *cec_device;        /* NULL: BB_CEC_DEFAULT_DEVICE */
    const struct bb_cec_io *cec_io; /* NULL: the real system calls (tests pass a fake) */
} bb_panel_params;

/* What the connector reports now. */
typedef struct bb_panel_output {
    bool known;         /* there is a DRM connector to ask (KMS/DRM only) */
    bool connected;
    int width, height;  /* its preferred mode (0 when disconnected) */
    int refresh_hz;
    char name[32];      /* "HDMI-A-1", "Virtual-1" */
} bb_panel_output;

typedef struct bb_panel bb_panel;

/*
 * The panel of window (borrowed; may be NULL: no DRM, only CEC).  Finds the
 * connector SDL drives (the one with an encoder, else the first connected).
 * A CEC adapter that cannot be opened is logged and left out; it is not a
 * failure.  Returns a panel the caller owns (bb_panel_destroy), powered on,
 * or NULL when out of memory.
 */
bb_panel *bb_panel_create(SDL_Window *window, const bb_panel_params *params);

/* Closes the CEC adapter (the DRM descriptor is SDL's); NULL is a no-op. */
void bb_panel_destroy(bb_panel *p);

/*
 * Switch the panel off or on: DPMS, then CEC.  Logs one line saying what
 * was done and what failed.  Returns 0 when the panel is now in that state
 * as far as anything can tell, -1 when every available means failed.
 */
int bb_panel_set_power(bb_panel *p, bool on);

/* The real state: the connector's DPMS property read back where there is
 * one, else the last state set. */
bool bb_panel_power(const bb_panel *p);

/* Re-read the connector (after a hot-plug event) into *out.  Returns 0, or
 * -1 when there is no DRM connector (out->known false). */
int bb_panel_probe(bb_panel *p, bb_panel_output *out);

#endif
