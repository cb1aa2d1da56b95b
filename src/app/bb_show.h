/*
 * bb_show: the state of the running display and one step of its loop, with
 * the clock and the screen handed in, so a test can drive it with a fake
 * clock on a headless screen and count what it draws.  The display
 * (bb_app_run) and the previews (bb_app_render) run the same show.
 */
#ifndef BB_SHOW_H
#define BB_SHOW_H

#include <stdbool.h>
#include <stdint.h>

struct bb_config;
struct bb_clock;
struct bb_screen;

typedef struct bb_show bb_show;

/* Operator commands (keys, signals). */
typedef enum bb_command {
    BB_CMD_NEXT,
    BB_CMD_PREVIOUS,
    BB_CMD_PAUSE,     /* toggles */
    BB_CMD_RELOAD
} bb_command;

/* What the show has done, for tests and debug logs.  Texture and scene
 * counts must stay flat over hours of running. */
typedef struct bb_show_stats {
    uint64_t frames;          /* frames composed */
    uint64_t partial_frames;  /* of which only the changed parts were redrawn */
    uint64_t presents;        /* SDL_RenderPresent calls */
    int reloads;              /* configs swapped in */
    int reload_failures;      /* reloads refused (the old config kept) */
    int scenes_created, scenes_destroyed, scenes_live;
    int textures_created, textures_destroyed; /* canvas, frame, marker */
    uint64_t wakeups;         /* steps: one per wake-up of the loop */
    int display_resets;       /* screens remade after a hot-plug */
    bool panel_on;            /* the panel's real power state (bb_show_power) */
} bb_show_stats;

/*
 * A show of cfg on screen, timed by clock.  Takes ownership of cfg (also when
 * it fails); screen and clock are borrowed and must outlive the show.
 * config_path (copied; may be NULL: no reload from file) is what
 * BB_CMD_RELOAD reads.  Opens the config's fonts.  Draws nothing yet.
 * Returns NULL with SDL_GetError() set when no font is usable or out of
 * memory (an environment failure).
 */
bb_show *bb_show_create(struct bb_screen *screen, struct bb_config *cfg, struct bb_clock *clock,
                        const char *config_path);

/* Frees everything the show owns (config, fonts, scenes); NULL is a no-op. */
void bb_show_destroy(bb_show *show);

/*
 * One turn of the loop: sample the clock once, update the cycle and the live
 * parts, and when anything visible changed draw the frame and present it
 * (twice when no transition runs: see show_draw in bb_show.c).  Returns the
 * milliseconds until the next deadline -- the next transition frame, the
 * next visible second, the slide's end -- never negative.
 */
int bb_show_step(bb_show *show);

/* Apply an operator command; the next step shows its effect. */
void bb_show_command(bb_show *show, bb_command cmd);

/*
 * Reload the config from the show's path.  A config with errors is refused:
 * the last good one keeps showing, one line names the first error's
 * file:line, and the "config error" marker shows until a good reload.
 * Returns 0 when the new config was swapped in, -1 when refused.
 */
int bb_show_reload(bb_show *show);

/* Swap in an already loaded config (taken over), as a good reload does. */
void bb_show_swap_config(bb_show *show, struct bb_config *cfg);

/* Compare every reloaded config with this programme baseline and mark its
 * talks (bb_state_apply), saving it in state_dir (may be NULL: memory
 * only).  Both borrowed; they must outlive the show.  NULL: no marks. */
struct bb_changes;
void bb_show_set_changes(bb_show *show, struct bb_changes *changes, const char *state_dir);

/* Jump to slide index (0-based, config order) with no transition, whether
 * or not it is eligible now (previews); -1 when out of range. */
int bb_show_goto(bb_show *show, int index);

/* The same, to page `page` (0-based) of a list slide that pages (a page past
 * the last shows the last); -1 when index is out of range. */
int bb_show_goto_page(bb_show *show, int index, int page);

/* How many pages the slide on screen has, as last laid out (1 when it does
 * not page, or before the first step). */
int bb_show_pages(const bb_show *show);

/* Keep this rotation whatever a reloaded config says (--rotate). */
void bb_show_force_rotation(bb_show *show, int rotation);

/* The show's wall clock is a replay (clock.start, or --now on a screen):
 * the footer marks it, with the replayed date.  Off by default. */
void bb_show_set_replay(bb_show *show, bool replay);

/* The renderer lost its textures: remake the canvas and every scene. */
void bb_show_textures_lost(bb_show *show);

/* Redraw on the next step (the window was exposed). */
void bb_show_invalidate(bb_show *show);

/* Re-read the emergency override file now (SIGUSR1).  Returns true when the
 * message went on, off or changed (the next step redraws). */
bool bb_show_override_refresh(bb_show *show);

/* The config showing now; borrowed, valid until the next reload. */
const struct bb_config *bb_show_config(const bb_show *show);

/* The slide on screen (0-based) or -1, and whether the cycle is paused. */
int bb_show_current(const bb_show *show);
bool bb_show_paused(const bb_show *show);

/* Is the "config error" marker showing? */
bool bb_show_config_error(const bb_show *show);

/* The longest error line kept for `status`, bytes. */
#define BB_SHOW_ERROR_LINE 512

/* While the last reload was refused: its first error, "FILE:LINE: error:
 * ...", borrowed until the next reload; else NULL. */
const char *bb_show_config_error_line(const bb_show *show);

/* The config file the show reloads from (borrowed), or NULL. */
const char *bb_show_config_path(const bb_show *show);

/* Pause (true) or resume (false) the cycle; nothing when already so. */
void bb_show_set_paused(bb_show *show, bool paused);

/*
 * Set (text) or clear (NULL) the override message of the control socket,
 * by the override file's rules (bb_override_set_message).  Returns 1 when
 * the screen changes, 0 when not, -1 when out of memory.
 */
int bb_show_override_set(bb_show *show, const char *text);

/* The override message on screen (control's or file's; borrowed until the
 * next step), or NULL; and whether it is the control socket's. */
const char *bb_show_override_text(const bb_show *show);
bool bb_show_override_from_control(const bb_show *show);

/* What the last step put on screen: "slides", "override", "quiet" (quiet
 * hours) or "off" (power off).  Static string. */
const char *bb_show_screen_state(const bb_show *show);

/* The screen and clock the show was made with (borrowed). */
struct bb_screen *bb_show_screen(const bb_show *show);
struct bb_clock *bb_show_clock(const bb_show *show);

void bb_show_stats_get(const bb_show *show, bb_show_stats *out);

/* What the stats file writes: the counters and the state on screen, taken
 * at one instant so the process needs no further calls into the show. */
typedef struct bb_show_snapshot {
    bb_show_stats stats;
    int current;          /* the slide on screen, 0-based, or -1 */
    int n_slides, n_talks;
    bool paused;
    bool config_error;    /* the last reload was refused */
} bb_show_snapshot;

/* Fill *out with the show's state now. */
void bb_show_snapshot_get(const bb_show *show, bb_show_snapshot *out);

/*
 * Ask for the panel off or on now (briefboard --power, the control socket's
 * `power on|off`).  The picture goes black at once while off (see
 * bb_signage_set_power); the panel itself (DPMS, HDMI-CEC) follows at the
 * next bb_show_step.  The request holds until the schedule's own wish
 * changes (quiet hours with quiet_style "off" begin or end).
 */
void bb_show_set_power(bb_show *show, bool on);

/* The panel's real power state: the connector's DPMS read back on KMS/DRM,
 * else the state last set. */
bool bb_show_power(const bb_show *show);

struct bb_panel;
/* The show's panel (owned by the show; NULL while detached). */
struct bb_panel *bb_show_panel(bb_show *show);

/*
 * Hot-plug recovery, in two halves around remaking the screen: detach drops
 * everything bound to the old screen's renderer and DRM descriptor (the
 * drawing caches, the panel); the cycle, config and fonts stay, so the show
 * goes on at the same slide.  Do not step the show while detached.  attach
 * rebuilds them on the new screen (borrowed) and marks a full redraw;
 * returns 0, or -1 (SDL_GetError) -- stay detached and try again then.
 */
void bb_show_detach_screen(bb_show *show);
int bb_show_attach_screen(bb_show *show, struct bb_screen *screen);

#endif
