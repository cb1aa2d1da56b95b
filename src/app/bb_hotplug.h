/*
 * bb_hotplug: what to do when the kernel says a display connector changed.
 *
 * Switching a TV off and on, changing its input or re-plugging the cable
 * makes the connector disconnect and reconnect (the TV may come back with
 * another preferred mode).  SDL 2.26's KMS/DRM driver never notices: it
 * picked a connector and a mode at start-up.  So after a reconnection, or
 * a mode that differs from the screen's, the display remakes its screen --
 * SDL's video subsystem, window and renderer, which sets the mode again --
 * and the show goes on at the same slide; a change that leaves the same
 * connector at the same mode only needs a fresh frame.
 *
 * The decision is kept apart from SDL so the test can walk it through
 * unplug/replug sequences.
 */
#ifndef BB_HOTPLUG_H
#define BB_HOTPLUG_H

#include <stdbool.h>

/* Wait this long after a hot-plug event before looking: a TV switching on
 * bounces its hot-plug line several times within a second. */
#define BB_HOTPLUG_SETTLE_MS 700

typedef enum bb_hotplug_action {
    BB_HOTPLUG_NONE,     /* nothing to do (disconnected, or nothing known) */
    BB_HOTPLUG_REDRAW,   /* same connector, same mode: a full fresh frame */
    BB_HOTPLUG_REMAKE    /* reconnected or a new mode: remake the screen */
} bb_hotplug_action;

typedef struct bb_hotplug {
    bool connected;      /* as last seen; true at start (SDL found it connected) */
} bb_hotplug;

/* The state at start-up: the display is connected. */
void bb_hotplug_init(bb_hotplug *h);

/*
 * Decide from what the connector reports now (known: there is a DRM
 * connector; connected; its preferred mode mode_w x mode_h) and the screen's
 * current physical size.  Updates h.
 */
bb_hotplug_action bb_hotplug_decide(bb_hotplug *h, bool known, bool connected, int mode_w,
                                    int mode_h, int screen_w, int screen_h);

#endif
