/*
 * bb_damage: a short list of changed rectangles.
 */
#include "bb_damage.h"

static bool rects_touch(const SDL_Rect *a, const SDL_Rect *b)
{
    return a->x <= b->x + b->w && b->x <= a->x + a->w && a->y <= b->y + b->h &&
           b->y <= a->y + a->h;
}

void bb_damage_clear(bb_damage *d)
{
    d->full = false;
    d->n = 0;
}

void bb_damage_all(bb_damage *d)
{
    d->full = true;
    d->n = 0;
}

void bb_damage_add(bb_damage *d, SDL_Rect r)
{
    if (d->full || r.w <= 0 || r.h <= 0)
        return;
    /* Merging can make the grown rect touch another: repeat until stable. */
    for (int i = 0; i < d->n;) {
        if (rects_touch(&d->rects[i], &r)) {
            SDL_UnionRect(&d->rects[i], &r, &r);
            d->rects[i] = d->rects[--d->n];
            i = 0;
        } else {
            i++;
        }
    }
    if (d->n == BB_DAMAGE_MAX_RECTS) {
        for (int i = 0; i < d->n; i++)
            SDL_UnionRect(&d->rects[i], &r, &r);
        d->n = 0;
    }
    d->rects[d->n++] = r;
}

bool bb_damage_any(const bb_damage *d)
{
    return d->full || d->n > 0;
}
