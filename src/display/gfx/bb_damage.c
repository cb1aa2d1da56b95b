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

void bb_damage_merge(bb_damage *d, const bb_damage *other)
{
    if (other->full) {
        bb_damage_all(d);
        return;
    }
    for (int i = 0; i < other->n; i++)
        bb_damage_add(d, other->rects[i]);
}

bool bb_damage_any(const bb_damage *d)
{
    return d->full || d->n > 0;
}

double bb_damage_share(const bb_damage *d, int w, int h)
{
    double area = 0.0;
    if (d->full)
        return 1.0;
    if (w <= 0 || h <= 0)
        return 0.0;
    for (int i = 0; i < d->n; i++)
        area += (double)d->rects[i].w * d->rects[i].h;
    return area / ((double)w * h);
}
