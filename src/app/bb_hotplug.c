/*
 * bb_hotplug: redraw or remake the screen after a connector change.
 */
#include "bb_hotplug.h"

void bb_hotplug_init(bb_hotplug *h)
{
    h->connected = true;
}

bb_hotplug_action bb_hotplug_decide(bb_hotplug *h, bool known, bool connected, int mode_w,
                                    int mode_h, int screen_w, int screen_h)
{
    bool was = h->connected;
    if (!known)
        return BB_HOTPLUG_NONE;
    h->connected = connected;
    if (!connected)
        return BB_HOTPLUG_NONE;
    /* Back after a disconnection: the link is new even at the same mode
     * (HDMI sinks may need the mode set again to show anything). */
    if (!was)
        return BB_HOTPLUG_REMAKE;
    if (mode_w > 0 && mode_h > 0 && (mode_w != screen_w || mode_h != screen_h))
        return BB_HOTPLUG_REMAKE;
    return BB_HOTPLUG_REDRAW;
}
