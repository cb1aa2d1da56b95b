/*
 * bb_shot: headless previews -- --screenshot and --render-all -- written as
 * PNG through SDL2_image, with no display at all.
 *
 * A preview runs the same show as the display (same compositor, same
 * scenes), on a headless screen and a fake clock stopped at the preview's
 * instant, so a PNG is exactly what the panel would show at that moment:
 * at the panel's physical size, turned by the configured or given rotation.
 */
#include "bb_app.h"

#include <SDL.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bb_check_layout.h"
#include "bb_clock.h"
#include "bb_config.h"
#include "bb_slide.h"
#include "bb_diag.h"
#include "bb_feed.h"
#include "bb_fonts.h"
#include "bb_log.h"
#include "bb_picture.h"
#include "bb_screen.h"
#include "bb_show.h"
#include "bb_start.h"

/* Room for "DIR/NN-takeaways.png". */
#define SHOT_PATH_MAX 4096
/* --check decodes pictures for a full-HD screen's slide area. */
#define CHECK_PICTURE_W 1920
#define CHECK_PICTURE_H 1080

static int shot_check_options(const bb_options *opts);
static int shot_make_dir(const char *dir);
static void shot_check_image(const char *path, const char *file, int line, bb_diag_list *diags);
static void shot_check_feed(const bb_slide *slide, bb_diag_list *diags);

int bb_app_render(const char *config_path, const bb_options *opts)
{
    bb_started st;
    int rc;

    if (shot_check_options(opts) < 0)
        return BB_EXIT_USAGE;
    rc = bb_start_open(BB_START_PREVIEW, config_path, opts, NULL, &st);
    if (rc != BB_EXIT_OK)
        return rc;
    rc = BB_EXIT_ENVIRONMENT;
    bb_show *show = st.show;
    bb_screen *screen = st.screen;
    int n_slides = bb_show_config(show)->n_slides;

    if (opts->mode == BB_MODE_RENDER_ALL) {
        if (shot_make_dir(opts->output) < 0)
            goto fail;
        const bb_config *shown = bb_show_config(show);
        bb_instant wall = bb_clock_wall(st.clock);
        int written = 0;
        for (int i = 0; i < n_slides; i++) {
            char path[SHOT_PATH_MAX];
            const bb_slide *slide = &shown->slides[i];
            /* What the loop would show at this instant: a disabled or
             * expired slide, or the countdown of an ended talk, only with
             * --all, and named so it cannot pass for one on screen. */
            bool skipped = !bb_slide_eligible(shown, i, wall, true);
            if (skipped && !opts->all)
                continue;
            snprintf(path, sizeof path, "%s/%02d-%s%s.png", opts->output, i + 1,
                     bb_slide_type_name(slide->type), skipped ? "-skipped" : "");
            written++;
            bb_show_goto(show, i);
            bb_show_step(show);
            if (bb_screen_write_png(screen, path) < 0)
                goto fail;
            /* A list slide that pages: one more PNG per page,
             * "NN-type-p2.png" on (its pages are known once laid out). */
            int pages = bb_show_pages(show);
            for (int p = 1; p < pages; p++) {
                snprintf(path, sizeof path, "%s/%02d-%s-p%d.png", opts->output, i + 1,
                         bb_slide_type_name(slide->type), p + 1);
                bb_show_goto_page(show, i, p);
                bb_show_step(show);
                if (bb_screen_write_png(screen, path) < 0)
                    goto fail;
            }
        }
        if (written == 0)
            bb_log(BB_LOG_WARNING, "no slide would show at this instant (the screen shows the "
                                   "next talk or the clock); --all renders them all");
    } else {
        bb_show_step(show);   /* on --slide's slide: bb_start_open went there */
        if (bb_screen_write_png(screen, opts->output) < 0)
            goto fail;
    }
    rc = BB_EXIT_OK;

fail:
    bb_start_close(&st);
    return rc;
}

/* --check's options (its --now), set by main before the check runs. */
static const bb_options *check_opts;

void bb_app_check_options(const bb_options *opts)
{
    check_opts = opts;
}

int bb_app_check_layout(const struct bb_config *cfg, struct bb_diag_list *diags)
{
    bb_fonts *fonts;

    /* Fonts: a family fontconfig does not have is skipped at run time, so
     * it is a warning; no usable font at all is an environment failure. */
    for (int i = 0; i < cfg->display.fonts.n; i++)
        if (!bb_fonts_family_available(cfg->display.fonts.v[i]))
            bb_diag_add(diags, BB_WARNING, cfg->path, 0,
                        "font family '%s' is not installed; the next one in 'fonts' is used",
                        cfg->display.fonts.v[i]);
    fonts = bb_fonts_create((const char *const *)cfg->display.fonts.v, cfg->display.fonts.n);
    if (!fonts) {
        bb_log(BB_LOG_ERROR, "no usable font: %s", SDL_GetError());
        return -1;
    }
    /* Layout at the promised sizes, live texts as the screen starts. */
    bb_clock *clock = bb_start_clock(BB_START_PREVIEW, cfg, check_opts ? check_opts : &(bb_options){ 0 });
    int fit = clock ? bb_check_layout_fit(cfg, fonts, bb_clock_wall(clock), diags) : -1;
    bb_clock_destroy(clock);
    bb_fonts_destroy(fonts);
    if (fit < 0) {
        bb_log(BB_LOG_ERROR, "cannot lay out slides: %s", SDL_GetError());
        return -1;
    }

    /* Images: the loader checked that each file exists and looks like a
     * PNG or JPEG; only decoding it shows that it really is one. */
    for (int i = 0; i < cfg->n_slides; i++) {
        const bb_slide *slide = &cfg->slides[i];
        if (slide->type == BB_SLIDE_IMAGE && slide->image)
            shot_check_image(slide->image, slide->src.file, slide->src.line, diags);
        else if (slide->type == BB_SLIDE_FEED && slide->feed_file)
            shot_check_feed(slide, diags);
    }
    if (cfg->footer.logo)
        shot_check_image(cfg->footer.logo, cfg->path, 0, diags);
    return 0;
}

/* ---- static ---- */

/* The CLI checks these too; a preview must not trust its caller. */
static int shot_check_options(const bb_options *opts)
{
    if (!opts->output || !*opts->output) {
        bb_log(BB_LOG_ERROR, "no output file or directory given");
        return -1;
    }
    if (opts->has_rotate && !bb_rotation_valid(opts->rotate)) {
        bb_log(BB_LOG_ERROR, "--rotate %d: use 0, 90, 180 or 270", opts->rotate);
        return -1;
    }
    if ((opts->width || opts->height) &&
        (opts->width < BB_SCREEN_MIN_SIDE || opts->width > BB_SCREEN_MAX_SIDE ||
         opts->height < BB_SCREEN_MIN_SIDE || opts->height > BB_SCREEN_MAX_SIDE)) {
        bb_log(BB_LOG_ERROR, "--size %dx%d: each side must be %d to %d pixels", opts->width,
               opts->height, BB_SCREEN_MIN_SIDE, BB_SCREEN_MAX_SIDE);
        return -1;
    }
    if (opts->slide < 0) {
        bb_log(BB_LOG_ERROR, "--slide %d: slides are numbered from 1", opts->slide);
        return -1;
    }
    return 0;
}

static int shot_make_dir(const char *dir)
{
    struct stat st;
    if (mkdir(dir, 0777) == 0 || (errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode)))
        return 0;
    bb_log(BB_LOG_ERROR, "cannot make the directory %s: %s", dir,
           errno == EEXIST ? "a file of that name exists" : strerror(errno));
    return -1;
}

/* The picture through the display's own path (bb_picture: the pixel budget
 * from its header, then the sandboxed decoder), at a common screen size:
 * what the screen would refuse, --check refuses, for the same reason. */
static void shot_check_image(const char *path, const char *file, int line, bb_diag_list *diags)
{
    bb_picture pic;
    if (bb_picture_get(path, CHECK_PICTURE_W, CHECK_PICTURE_H, false, &pic) < 0 || pic.refused)
        bb_diag_add(diags, BB_ERROR, file, line, "image %s was refused: %s", path, pic.why);
}

/* A feed slide's file as the slide will read it: its problems as warnings
 * at the feed's own file and line (the feed changes on its own schedule;
 * the config is not wrong for it). */
static void shot_check_feed(const bb_slide *slide, bb_diag_list *diags)
{
    struct stat st;
    if (slide->feed_url && stat(slide->feed_file, &st) != 0) {
        /* Not an error: the fetch service has not brought it yet. */
        bb_diag_add(diags, BB_WARNING, slide->src.file, slide->src.line,
                    "feed slide url \"%s\" is not fetched yet (no copy at %s); the slide "
                    "says so until briefboard-fetch brings it", slide->feed_url, slide->feed_file);
        return;
    }
    bb_diag_list *found = bb_diag_list_create();
    if (!found)
        return;
    /* A fetched copy is named by its URL, as a `url` schedule is. */
    const char *shown = slide->feed_url ? slide->feed_url : slide->feed_file;
    bb_feed_destroy(bb_feed_load(slide->feed_file, shown, found));
    for (int i = 0; i < bb_diag_count(found); i++) {
        const bb_diag *d = bb_diag_get(found, i);
        bb_diag_add(diags, BB_WARNING, d->file, d->line, "feed slide (%s:%d): %s",
                    slide->src.file ? slide->src.file : "", slide->src.line, d->message);
    }
    bb_diag_list_destroy(found);
}
