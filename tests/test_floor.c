/*
 * test_floor: the legibility floor of the four promised screens and the
 * rotations, rounding up (a floor is a minimum), and the clamp.
 */
#include <stdio.h>

#include "bb_floor.h"
#include "bb_test.h"

int main(void)
{
    static const struct { int w, h, rot, text, title; } cases[] = {
        /* 2.5 % and 3.5 % of the shorter side as seen, rounded up */
        { 1280, 720, 0, 18, 26 },     /* 18.0, 25.2 */
        { 1920, 1080, 0, 27, 38 },    /* 27.0, 37.8 */
        { 3840, 2160, 0, 54, 76 },    /* 54.0, 75.6 */
        { 1080, 1920, 0, 27, 38 },    /* portrait: the width */
        { 1920, 1080, 90, 27, 38 },   /* turned: the same shorter side */
        { 1920, 1080, 270, 27, 38 },
        { 1366, 768, 180, 20, 27 },   /* 19.2, 26.88 */
        { 320, 200, 0, 12, 12 },      /* the absolute minimum */
        { 0, 0, 0, 12, 12 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bb_floor f = bb_floor_for_screen(cases[i].w, cases[i].h, cases[i].rot);
        CHECK_INT(f.text_px, cases[i].text);
        CHECK_INT(f.title_px, cases[i].title);
        CHECK_INT(bb_floor_px(&f, BB_ROLE_SECONDARY), cases[i].text);
        CHECK_INT(bb_floor_px(&f, BB_ROLE_TITLE), cases[i].title);
    }
    bb_floor f = bb_floor_for_canvas(1920, 1080);
    CHECK(bb_floor_ok(&f, BB_ROLE_SECONDARY, 27));
    CHECK(!bb_floor_ok(&f, BB_ROLE_SECONDARY, 26));
    CHECK(!bb_floor_ok(&f, BB_ROLE_TITLE, 37));
    CHECK_INT(bb_floor_clamp(&f, BB_ROLE_TITLE, 20), 38);
    CHECK_INT(bb_floor_clamp(&f, BB_ROLE_TITLE, 60), 60);
    CHECK_INT(bb_floor_clamp(&f, BB_ROLE_SECONDARY, 3), 27);
    return bb_test_finish("test_floor");
}
