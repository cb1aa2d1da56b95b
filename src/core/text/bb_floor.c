/*
 * bb_floor: the legibility floor, from the screen's shorter side.
 */
#include "bb_floor.h"

static int share_px(int side, double share);

bb_floor bb_floor_for_canvas(int lw, int lh)
{
    int side = lw < lh ? lw : lh;
    bb_floor f = { share_px(side, BB_FLOOR_TEXT_SHARE), share_px(side, BB_FLOOR_TITLE_SHARE) };
    return f;
}

bb_floor bb_floor_for_screen(int w, int h, int rotation)
{
    /* A quarter turn swaps what the viewer sees as width and height; the
     * shorter side stays the shorter side, but say so rather than rely on
     * it: the floor is defined on the screen as seen. */
    if (rotation == 90 || rotation == 270)
        return bb_floor_for_canvas(h, w);
    return bb_floor_for_canvas(w, h);
}

int bb_floor_px(const bb_floor *floor, bb_text_role role)
{
    return role == BB_ROLE_TITLE ? floor->title_px : floor->text_px;
}

bool bb_floor_ok(const bb_floor *floor, bb_text_role role, int px)
{
    return px >= bb_floor_px(floor, role);
}

int bb_floor_clamp(const bb_floor *floor, bb_text_role role, int px)
{
    int min = bb_floor_px(floor, role);
    return px < min ? min : px;
}

/* ---- static ---- */

/* share of side, rounded up: the floor is a minimum, 26.99 px is below 27. */
static int share_px(int side, double share)
{
    if (side <= 0)
        return BB_FLOOR_ABSOLUTE_PX;
    double v = side * share;
    int px = (int)v;
    if (px < v)
        px++;
    return px < BB_FLOOR_ABSOLUTE_PX ? BB_FLOOR_ABSOLUTE_PX : px;
}
