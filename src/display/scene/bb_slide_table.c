/*
 * bb_slide_table: slide type -> class.  Add a type here: its class's
 * declaration and one line in slide_classes.
 */
#include "bb_slide_table.h"

#include <stdio.h>

#include "bb_scene_build.h"

/* Defined in bb_slide_<type>.c. */
extern const bb_scene_class bb_slide_takeaways_class;
extern const bb_scene_class bb_slide_stat_class;
extern const bb_scene_class bb_slide_quote_class;
extern const bb_scene_class bb_slide_countdown_class;
extern const bb_scene_class bb_slide_agenda_class;
extern const bb_scene_class bb_slide_image_class;
extern const bb_scene_class bb_slide_room_class;
/* The screen when no slide is eligible (BB_SCENE_IDLE). */
extern const bb_scene_class bb_slide_idle_class;

static int missing_build(bb_scene *s, const bb_frame_clock *clock);

static const bb_scene_class *const slide_classes[BB_SLIDE_TYPE_COUNT] = {
    [BB_SLIDE_TAKEAWAYS] = &bb_slide_takeaways_class,
    [BB_SLIDE_STAT] = &bb_slide_stat_class,
    [BB_SLIDE_QUOTE] = &bb_slide_quote_class,
    [BB_SLIDE_COUNTDOWN] = &bb_slide_countdown_class,
    [BB_SLIDE_AGENDA] = &bb_slide_agenda_class,
    [BB_SLIDE_IMAGE] = &bb_slide_image_class,
    [BB_SLIDE_ROOM] = &bb_slide_room_class,
};

/* A type the config knows and the table does not yet: say so on screen
 * rather than crash or go black. */
static const bb_scene_class missing_class = { .build = missing_build };

const bb_scene_class *bb_slide_class_of(const bb_slide *slide)
{
    if (!slide)
        return &bb_slide_idle_class;
    if ((int)slide->type < 0 || slide->type >= BB_SLIDE_TYPE_COUNT || !slide_classes[slide->type])
        return &missing_class;
    return slide_classes[slide->type];
}

/* ---- static ---- */

static int missing_build(bb_scene *s, const bb_frame_clock *clock)
{
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    char text[96];
    (void)clock;
    snprintf(text, sizeof text, "no drawing for %s slides", bb_slide_type_name(s->slide->type));
    return bb_scene_text(s, text, BB_WEIGHT_REGULAR,
                         bb_scene_color(s->cfg->display.palette.muted), BB_ALIGN_CENTER, box,
                         m->body_px, m->min_px, 2, false, NULL) < 0 ? -1 : 0;
}
