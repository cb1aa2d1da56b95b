/* placeholder until the feed reader lands */
#include "bb_scene_private.h"
int bb_slide_build_feed(bb_scene *s, const bb_frame_clock *clock)
{
    (void)s;
    (void)clock;
    return 0;
}
