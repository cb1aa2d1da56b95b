/*
 * bb_scene_build: what the per-type builders (bb_slide_*.c) build a scene
 * with -- fitted text, fills, live texts, moving a group of parts.  They
 * only add to the scene's common parts (bb_scene_private.h); drawing them
 * is bb_scene.c's.
 */
#ifndef BB_SCENE_BUILD_H
#define BB_SCENE_BUILD_H

#include "bb_scene_private.h"

SDL_Color bb_scene_color(bb_rgb rgb);

/*
 * Fit `text` into box (largest size in [min_px, max_px], wrapping, then an
 * ellipsis), render it, add it as an item aligned in the box, top-aligned.
 * max_lines 0 = any.  balance evens out the lines of headings and quotes.
 * Returns the height used in px (0 for empty text), or -1 on renderer/font
 * failure.  *px_out (may be NULL) gets the size chosen.
 */
int bb_scene_text(bb_scene *s, const char *text, bb_weight weight, SDL_Color color,
                  bb_align align, SDL_Rect box, int max_px, int min_px, int max_lines,
                  bool balance, int *px_out);

/* A list slide's one-line heading at the top of `box` (at most a fifth of
 * its height); *y moves below it and the gap.  Returns 0, or -1 on
 * renderer/font failure. */
int bb_scene_heading(bb_scene *s, const char *title, SDL_Rect box, int *y);

/* Add an already laid-out block at (x, y) inside a box box_w wide. */
int bb_scene_layout_item(bb_scene *s, const bb_layout *layout, bb_weight weight,
                         SDL_Color color, bb_align align, int x, int y, int box_w);

void bb_scene_fill(bb_scene *s, SDL_Rect rect, SDL_Color color);

/* Everything added so far; what is added after it can be moved as a group. */
scene_mark bb_scene_mark(const bb_scene *s);

/* Move everything added since `from` down by dy pixels (measure, then
 * place: a block is laid out from y = 0 or the top, then centred). */
void bb_scene_shift_since(bb_scene *s, scene_mark from, int dy);

/* Move what was added between two marks down by dy pixels. */
void bb_scene_shift_range(bb_scene *s, scene_mark from, scene_mark to, int dy);

/*
 * Draw only rows [top, bottom) of the last item added (and shrink its box
 * to them): for a display glyph whose line box is far taller than its ink,
 * so the text beside it can come close without the boxes overlapping.
 */
void bb_scene_crop_last(bb_scene *s, int top, int bottom);

/* Add a live text; its first text is set by bb_scene_update at creation. */
scene_live *bb_scene_live_add(bb_scene *s, scene_live_kind kind, int talk, SDL_Rect box,
                              const bb_text_style *style, SDL_Color urgent);

/* Where a live text draws now, relative to the scene's top-left: inside
 * its reserved box, as wide as its current text (empty when it draws
 * nothing).  bb_scene_draw uses it; layout tests check it. */
SDL_Rect bb_scene_live_rect(const scene_live *l);

/*
 * The change badge of talk t at now (bb_talk_change_at; nothing when it has
 * none): its words (bb_change_badge_text) in the alert colour on a panel
 * framed in the alert colour, one line at px (never below the scene's
 * floor), inside box, at its start or end (align).  The one way every slide
 * draws a programme change (bb_scene_badge.c).  Returns the badge's width
 * in px (0 when there is none), or -1 on renderer/font failure.
 */
int bb_scene_change_badge(bb_scene *s, const bb_talk *t, bb_instant now, SDL_Rect box, int px,
                          bb_align align);

/* Note a text that did not fit (for --check and the log). */
void bb_scene_note_overflow(bb_scene *s, const char *what);

/* "Mon 10 Jan 09:00" of an instant in a zone; returns the offset used. */
int bb_scene_format_local(bb_instant t, const bb_tz *tz, bool with_date, char *buf, size_t len);

#endif
