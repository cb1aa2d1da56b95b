/*
 * bb_footer: the persistent strip at the bottom of the screen -- the logo,
 * the next-talk ticker, and the clock and date in the screen's zone.
 *
 * It stays put while slides transition beneath it.  Its text is rendered
 * when it changes (the minute turns, the next talk changes), never per frame;
 * the clock's digits come from a digit cache.
 */
#ifndef BB_FOOTER_H
#define BB_FOOTER_H

#include <SDL.h>
#include <stdbool.h>

#include "bb_config.h"
#include "bb_floor.h"
#include "bb_fonts.h"
#include "bb_scene.h"

typedef struct bb_footer bb_footer;

/* Height in pixels of the footer on a canvas lw x lh (0 when disabled). */
int bb_footer_height(const bb_config *cfg, int lw, int lh);

/*
 * Lay out the footer in `area` (the bottom strip of the safe area) of a
 * canvas whose legibility floor is *floor (bb_floor_for_canvas): its text
 * shrinks to fit, but never below floor->text_px.  cfg and fonts are
 * borrowed and must outlive it.  A logo that will not load is logged once
 * and left out.  Returns NULL (SDL_GetError()) when the renderer or fonts
 * fail.
 */
bb_footer *bb_footer_create(SDL_Renderer *renderer, bb_fonts *fonts, const bb_config *cfg,
                            SDL_Rect area, const bb_floor *floor, const bb_frame_clock *clock);

void bb_footer_destroy(bb_footer *footer);

/* Was the footer made while its logo was still being decoded in the
 * background, which has ended since?  Then the caller makes it again (with
 * the logo, or without it and the refusal logged).  False for NULL. */
bool bb_footer_stale(const bb_footer *footer);

/* Bring clock, date and ticker to `clock`; true when what it draws changed. */
bool bb_footer_update(bb_footer *footer, const bb_frame_clock *clock);

void bb_footer_draw(const bb_footer *footer, SDL_Renderer *renderer);

/* The talk the slide on screen is about (a countdown's), or -1: the ticker
 * then does not announce it a second time.  Takes effect at the next
 * bb_footer_update. */
void bb_footer_set_showing(bb_footer *footer, int talk);

/* What the footer says now (borrowed, "" when nothing): its date (with the
 * replay marker) and its ticker.  For tests and diagnostics. */
const char *bb_footer_date_text(const bb_footer *footer);
const char *bb_footer_ticker_text(const bb_footer *footer);
/* The size the ticker is drawn at now, px (0 when it draws nothing). */
int bb_footer_ticker_px(const bb_footer *footer);

/* Milliseconds from clock until the footer may change (the next wall
 * second). */
int bb_footer_ms_until_change(const bb_footer *footer, const bb_frame_clock *clock);

#endif
