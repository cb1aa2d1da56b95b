/*
 * bb_floor: the legibility floor -- the smallest text a screen may show.
 *
 * Secondary text (rooms, sources, captions) is at least 2.5 % of the
 * screen's height in landscape (of its width in portrait: always the
 * shorter side of the screen as the viewer sees it, after rotation);
 * titles and times at least 3.5 %.  Sizes are the font's pixel size (its em),
 * rounded up.  Layout never goes below the floor: content that would need
 * smaller text pages, and a single over-long text wraps, then ellipsises at
 * the floor.  docs/conference.md gives the reasoning (viewing distance).
 *
 * Pure and SDL-free; the numbers are the whole module, so that the scenes,
 * --check and the tests derive the floor the same way.
 */
#ifndef BB_FLOOR_H
#define BB_FLOOR_H

#include <stdbool.h>

/* Shares of the screen's shorter side (after rotation). */
#define BB_FLOOR_TEXT_SHARE 0.025
#define BB_FLOOR_TITLE_SHARE 0.035
/* Below this many pixels no glyph is legible whatever the screen (a tiny
 * preview window): the floor never drops under it. */
#define BB_FLOOR_ABSOLUTE_PX 12

/* What a text is, for the floor. */
typedef enum bb_text_role {
    BB_ROLE_SECONDARY,   /* rooms, sources, dates, captions: the text floor */
    BB_ROLE_TITLE        /* headings, talk titles, times and countdowns */
} bb_text_role;

/* The floor of one screen, in font pixels. */
typedef struct bb_floor {
    int text_px;         /* secondary text */
    int title_px;        /* titles and times */
} bb_floor;

/*
 * The floor of a screen w x h physical pixels shown at `rotation` degrees
 * (0, 90, 180, 270; a quarter turn swaps the sides).  The shorter side as
 * seen is the basis: the height of a landscape screen, the width of a
 * portrait one.  Sides <= 0 give the absolute minimum.
 */
bb_floor bb_floor_for_screen(int w, int h, int rotation);

/* The floor of a logical canvas of lw x lh pixels (already rotated). */
bb_floor bb_floor_for_canvas(int lw, int lh);

/* The floor for a role, px. */
int bb_floor_px(const bb_floor *floor, bb_text_role role);

/* Is px at or above the floor for role? */
bool bb_floor_ok(const bb_floor *floor, bb_text_role role, int px);

/* px raised to the floor for role (never lowered). */
int bb_floor_clamp(const bb_floor *floor, bb_text_role role, int px);

#endif
