/*
 * bb_damage: the parts of the canvas a frame changes.
 *
 * A countdown ticking once a second changes a few percent of the screen;
 * redrawing (and, on the software renderer, sending to the display) only
 * those rectangles is most of what keeps an idle screen cheap.  A damage
 * list holds a few rectangles; past that, or when anything moves, it is
 * simply "everything".
 */
#ifndef BB_DAMAGE_H
#define BB_DAMAGE_H

#include <SDL.h>
#include <stdbool.h>

/* Rectangles kept before they are merged into their bounding box. */
#define BB_DAMAGE_MAX_RECTS 4

typedef struct bb_damage {
    bool full;                        /* the whole canvas */
    int n;                            /* rects, when not full */
    SDL_Rect rects[BB_DAMAGE_MAX_RECTS];
} bb_damage;

/* Nothing damaged. */
void bb_damage_clear(bb_damage *d);

/* The whole canvas. */
void bb_damage_all(bb_damage *d);

/* Add a rectangle (empty ones are ignored).  A rectangle that overlaps or
 * touches one already there is merged with it; when the list is full, all
 * are merged into their bounding box. */
void bb_damage_add(bb_damage *d, SDL_Rect r);

/* Is there anything to redraw? */
bool bb_damage_any(const bb_damage *d);

#endif
