/*
 * bb_check_layout: does every slide fit at 1280x720, 1920x1080, 3840x2160
 * and 1080x1920?  (--check)
 */
#ifndef BB_CHECK_LAYOUT_H
#define BB_CHECK_LAYOUT_H

#include "bb_config.h"
#include "bb_diag.h"
#include "bb_fonts.h"

/*
 * Lay out every enabled slide at the four sizes with `fonts` (borrowed),
 * live texts as at `now`, and add a warning with the slide's file:line to
 * diags for each slide whose text had to be shortened.  Returns 0, or -1
 * when no renderer could be made (SDL_GetError()).
 */
int bb_check_layout_fit(const bb_config *cfg, bb_fonts *fonts, bb_instant now,
                        bb_diag_list *diags);

#endif
