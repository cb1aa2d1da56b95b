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

/* The scene's area inside its margins (pad_x, pad_y), where a slide's
 * content goes. */
SDL_Rect bb_scene_content_box(const bb_scene *s);

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

/* The lines text takes when wrapped into w px at exactly px in weight,
 * between 1 and max_lines (what bb_scene_text will draw it in, so a row can
 * be sized before it is drawn). */
int bb_scene_count_lines(bb_scene *s, bb_weight weight, const char *text, int px, int w,
                         int max_lines);

/* A list slide's top: *box gets the content box (bb_scene_content_box),
 * title goes on one line at its top (at most a fifth of its height, and
 * reserve_right px short of its right edge: room for a page indicator), and
 * *y gets where the content below it starts, after the gap.  Returns 0, or
 * -1 on renderer/font failure. */
int bb_scene_heading(bb_scene *s, const char *title, int reserve_right, SDL_Rect *box, int *y);

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

/* Note a static text the scene shows (s->texts, for tests of its words),
 * for a builder that lays it out itself (bb_scene_layout_item); bb_scene_text
 * notes its own.  Copied; dropped when the list is full or memory runs out. */
void bb_scene_note_text(bb_scene *s, const char *text);

/* "Mon 10 Jan 09:00" of an instant in a zone, in the scene's language and
 * clock format; returns the offset used. */
int bb_scene_format_local(const bb_scene *s, bb_instant t, const bb_tz *tz, bool with_date,
                          char *buf, size_t len);

/* The language of the scene's own words (its slide's `lang`, else
 * display.language, else "en"); never NULL. */
const char *bb_scene_lang(const bb_scene *s);

/* A translated message of the scene's language (bb_tr). */
const char *bb_scene_tr(const bb_scene *s, const char *msgid);

/* The height in pixels of one line of a row at px: the line box of Latin
 * ("Ag") and of the scene's own words -- its day name and its times of day,
 * whose letters in a fallback face (Arabic) may reach deeper than Latin --
 * or the line advance when taller.  What a one-line box in a list row
 * needs to hold its text whole. */
int bb_scene_line_h(bb_scene *s, bb_weight weight, int px);

/* ---- paging of list slides (bb_scene_list.c) ---- */

/*
 * Split n rows, row i heights[i] px tall with `gap` px between rows, into
 * pages of `avail` px, in order: every page as full as it can be but the
 * last two, which share the rest evenly (no lone row on the last page).
 * With group (may be NULL), a row whose group differs from
 * the row before it -- and the first row of every page -- is preceded by a
 * group header head_h px tall (plus gap): an agenda's day.  A page holds at
 * most max_per_page rows (0: no limit).  A row taller than a page gets a
 * page of its own.  Sets s->pages and clamps s->page to the last; *first
 * and *count get the rows of s->page.
 */
void bb_scene_paginate(bb_scene *s, const int *heights, const int *group, int n, int head_h,
                       int gap, int avail, int max_per_page, int *first, int *count);

/* Width to keep free at the right of a list's heading line for the page
 * indicator ("12/12" at the indicator's size), px. */
int bb_scene_page_indicator_width(bb_scene *s);

/* Draw "2/3" right-aligned in box (the heading line) when the scene has
 * more than one page.  Returns 0, or -1 on renderer/font failure. */
int bb_scene_page_indicator(bb_scene *s, SDL_Rect box);

/* A list's stale test (its class's stale): the rows changed at s->stale_at. */
bool bb_scene_list_stale(const bb_scene *s, const bb_frame_clock *clock);

/* A heading of up to two lines with the accent rule under it, as on
 * text and feed slides; *y moves below it.  Returns 0, or -1 on
 * renderer/font failure.  (bb_slide_text.c) */
int bb_scene_rule_heading(bb_scene *s, const char *title, SDL_Rect box, int *y);

/*
 * A QR code of url (bb_qr: whole pixels per module, quiet zone, black on
 * white) as large as fits `area`, aligned in it horizontally, top-aligned,
 * with an optional caption of up to two lines under it.  *used gets the
 * code's and caption's rectangle (w == 0 when nothing was drawn: a url that
 * cannot be encoded or an area too small, which is logged and noted as an
 * overflow).  Returns 0, or -1 when the renderer fails.  (bb_scene_qr.c)
 */
int bb_scene_qr(bb_scene *s, const char *url, const char *caption, SDL_Rect area,
                bb_align align, SDL_Rect *used);

/*
 * A talk's QR code in the corner of a slide's content box: bottom right in
 * landscape (the box gets narrower by it), bottom left in portrait (the box
 * gets shorter).  url NULL: nothing happens.  Returns 0, or -1 when the
 * renderer fails.  (bb_scene_qr.c)
 */
int bb_scene_qr_corner(bb_scene *s, const char *url, SDL_Rect *box);

#endif
