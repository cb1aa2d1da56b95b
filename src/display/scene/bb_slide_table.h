/*
 * bb_slide_table: which class (bb_scene_class) draws each slide type.  A
 * new slide type is one new bb_slide_<type>.c defining its class and one
 * entry in bb_slide_table.c.
 */
#ifndef BB_SLIDE_TABLE_H
#define BB_SLIDE_TABLE_H

#include "bb_scene_private.h"

/* The class of slide's type, or of the idle scene when slide is NULL.
 * Never NULL: a type with no entry yet gets a placeholder that names it. */
const bb_scene_class *bb_slide_class_of(const bb_slide *slide);

#endif
