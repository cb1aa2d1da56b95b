/*
 * bb_deadline: the earliest of several deadlines (see bb_deadline.h).
 */
#include "bb_deadline.h"

int64_t bb_deadline_min(int64_t a, int64_t b)
{
    if (a < 0)
        return b < 0 ? BB_DEADLINE_NONE : b;
    if (b < 0)
        return a;
    return a < b ? a : b;
}

int bb_deadline_to_int(int64_t d)
{
    return d < 0 || d > INT32_MAX ? INT32_MAX : (int)d;
}
