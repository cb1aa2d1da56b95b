/*
 * bb_slide_feed: the latest items of an RSS or Atom feed, shown as
 * takeaways -- a heading (the slide's title or the feed's), one bullet per
 * item with its age under it ("2 h ago"), and a source line saying when the
 * feed file last changed; "not updated since ..." in the alert colour once
 * that is longer ago than stale_after.
 *
 * The feed is asked for when the scene is made (each time the slide comes
 * up, and once a minute while it stays: bb_scene_stale), so ages and the
 * stale marker follow the display's clock; bb_feedcache reads the file
 * again only when it changed.  A feed that becomes unreadable or is
 * refused (missing, no longer parses, its decoder stopped) keeps its last
 * good items on screen, with "not updated since" that copy's time in the
 * alert colour; the refusal is logged once, with the feed's file and line.
 * Only a feed that never had a good copy is a visible placeholder naming
 * the file.  The running display reads a changed feed in the background
 * (bb_feedcache_set_background): the slide shows the last good items, or
 * only its heading the first time, and is made again when the reading
 * ends (bb_scene_waiting), so a slow feed never stops the screen.
 *
 * A feed named by `url` is never fetched here: the fetch service keeps a
 * checked copy (bb_fetch), and the slide reads that.  Its age is when the
 * server last confirmed the copy (bb_fetch_as_of), not the file's time,
 * which is the server's Last-Modified.  Every word is the slide's language.
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bb_feed.h"
#include "bb_feedcache.h"
#include "bb_fetch.h"
#include "bb_i18n.h"
#include "bb_fonts.h"
#include "bb_log.h"

#define BULLET_SHARE 0.32         /* as on a takeaways slide */
#define BULLET_INDENT_SHARE 1.1
#define BLOCK_GAP_SHARE 0.5
#define AGE_LINE_SHARE 1.3        /* the age line's height, of small_px */

/* The scene's priv: when it was made, for feed_stale. */
typedef struct feed_state {
    bb_instant built;
} feed_state;

static int feed_build(bb_scene *s, const bb_frame_clock *clock);
static bool feed_stale(const bb_scene *s, const bb_frame_clock *clock);
static void feed_destroy(bb_scene *s);
static int source_line(bb_scene *s, const bb_feed *feed, const bb_frame_clock *clock,
                       SDL_Rect box, bool kept, bb_instant changed, int *bottom);
static void log_refusal(const bb_scene *s, const bb_diag_list *diags, bool kept);
static int unavailable(bb_scene *s, SDL_Rect box, int y, const bb_diag_list *diags);
static const bb_diag *first_error(const bb_diag_list *diags);
static bool feed_as_of(const bb_slide *sl, bb_instant *out);
static void item_age(const bb_scene *s, bb_instant when, bb_instant now, char *buf, size_t len);

const bb_scene_class bb_slide_feed_class = {
    .build = feed_build,
    .stale = feed_stale,
    .destroy = feed_destroy,
};

/* --- static functions --- */

static int feed_build(bb_scene *s, const bb_frame_clock *clock)
{
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    feed_state *state = calloc(1, sizeof *state);
    if (!state) {
        SDL_OutOfMemory();
        return -1;
    }
    state->built = clock->wall;
    s->priv = state;

    const char *path = sl->feed_file;
    const char *shown = path ? strrchr(path, '/') : NULL;
    shown = sl->feed_url ? sl->feed_url : shown ? shown + 1 : path ? path : "";
    bb_instant as_of = 0;
    bool fetched = feed_as_of(sl, &as_of);
    bb_feedcache_result got = {0};
    if (path)
        bb_feedcache_get(path, shown, as_of, &got);
    const bb_feed *feed = got.feed;
    if (got.pending) {
        /* Read in the background: the last good items meanwhile, or only
         * the heading (no placeholder: it is on its way, and the cycle
         * passes over a slide still waiting when its turn comes); made
         * again once it is read. */
        s->awaiting = true;
        s->awaiting_gen = bb_scene_decode_generation();
    }
    if (got.refused && got.news && (!sl->feed_url || fetched))
        log_refusal(s, got.diags, feed != NULL);
    int y = box.y;
    const char *title = sl->title           ? sl->title
                        : feed && feed->title ? feed->title
                                              : bb_scene_tr(s, "News");
    int rc = bb_scene_rule_heading(s, title, box, &y);
    if (rc == 0 && !feed && !got.pending)
        rc = unavailable(s, box, y, got.diags);
    if (rc < 0 || !feed)
        return rc;

    int bottom = box.y + box.h;
    if (source_line(s, feed, clock, box, got.refused, got.as_of, &bottom) < 0)
        return -1;
    int n = feed->n_items < sl->max_items ? feed->n_items : sl->max_items;
    if (n > BB_MAX_FEED_ITEMS)
        n = BB_MAX_FEED_ITEMS;
    int age_h = (int)(m->small_px * AGE_LINE_SHARE);
    int indent = (int)(m->body_px * BULLET_INDENT_SHARE);
    const char *titles[BB_MAX_FEED_ITEMS];
    for (int i = 0; i < n; i++)
        titles[i] = feed->items[i].title;
    bb_measurer meas = bb_text_measurer(s->fonts, BB_WEIGHT_REGULAR);
    bb_fit_params p = { .box_w = box.w - indent, .box_h = bottom - y - n * age_h,
                        .max_px = m->body_px, .min_px = m->min_px, .block_gap = BLOCK_GAP_SHARE };
    bb_layout *blocks[BB_MAX_FEED_ITEMS] = { 0 };
    int px = n > 0 && p.box_h > 0 ? bb_layout_fit_blocks(titles, n, &meas, &p, blocks) : 0;
    if (px < 0)
        return -1;
    int x_height = px > 0 ? bb_fonts_x_height(s->fonts, BB_WEIGHT_REGULAR, px) : 0;
    for (int i = 0; i < n && blocks[i] && rc == 0; i++) {
        if (!bb_layout_fits(blocks[i]))
            bb_scene_note_overflow(s, titles[i]);
        bb_scene_note_text(s, titles[i]);
        /* Right-to-left text on a left-to-right screen; a mirrored (RTL language)
         * scene is built left to right and flipped whole (bb_scene_create). */
        bool rtl = !s->mirror && bb_text_layout_is_rtl(blocks[i], BB_DIR_AUTO);
        int dot = (int)(px * BULLET_SHARE);
        int base = bb_text_layout_baseline(s->fonts, blocks[i], BB_WEIGHT_REGULAR);
        int mid = base > 0 && x_height > 0 ? base - x_height / 2
                                           : (int)(bb_layout_line_box(blocks[i]) * 0.56);
        int text_x = rtl ? box.x : box.x + indent;
        bb_scene_fill(s, (SDL_Rect){ rtl ? box.x + box.w - dot : box.x, y + mid - dot / 2, dot, dot },
                      bb_scene_color(pal->accent));
        int h = bb_scene_layout_item(s, blocks[i], BB_WEIGHT_REGULAR, bb_scene_color(pal->text),
                                     BB_ALIGN_START, text_x, y, box.w - indent);
        if (h < 0) {
            rc = -1;
            break;
        }
        y += h;
        if (feed->items[i].has_time) {
            char age[BB_FEED_AGE_BUF * 2];
            item_age(s, feed->items[i].time, clock->wall, age, sizeof age);
            SDL_Rect abox = { text_x, y, box.w - indent, age_h };
            if (bb_scene_text(s, age, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted),
                              BB_ALIGN_START, abox, m->small_px, m->min_px, 1, false, NULL) < 0)
                rc = -1;
        }
        y += age_h + (int)(px * BLOCK_GAP_SHARE + 0.5);
    }
    for (int i = 0; i < n; i++)
        bb_layout_destroy(blocks[i]);
    return rc;
}

/* Ages and the stale marker move on by the minute. */
static bool feed_stale(const bb_scene *s, const bb_frame_clock *clock)
{
    const feed_state *state = s->priv;
    return state && clock->wall / 60 != state->built / 60;
}

static void feed_destroy(bb_scene *s)
{
    free(s->priv);
    s->priv = NULL;
}

/* "Example Institute · updated 12 min ago" at the bottom, or "not updated
 * since Sat 1 Feb 09:40" in the alert colour when the copy shown (changed:
 * the file's time, a `url` feed's last confirmation by the server; 0
 * unknown) is older than stale_after -- or is the last good copy of a file
 * now refused (kept).  *bottom moves above it. */
static int source_line(bb_scene *s, const bb_feed *feed, const bb_frame_clock *clock,
                       SDL_Rect box, bool kept, bb_instant changed, int *bottom)
{
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    const char *lang = bb_scene_lang(s);
    if (!changed)
        return 0;
    bool stale = kept || (clock->synced && clock->wall - changed > sl->stale_after_s);
    char when[128], line[512];
    if (stale) {
        bb_scene_format_local(s, changed, s->cfg->display.tz, true, when, sizeof when);
        const char *arg = when;
        bb_trf(line, sizeof line, lang, "not updated since %s", &arg, 1);
    } else {
        item_age(s, changed, clock->wall, when, sizeof when);
        const char *name = sl->title && feed->title ? feed->title : NULL;
        const char *args[] = { name, when };
        if (name)
            bb_trf(line, sizeof line, lang, "%s \u00b7 updated %s", args, 2);
        else
            bb_trf(line, sizeof line, lang, "updated %s", &args[1], 1);
    }
    int line_h = (int)(m->small_px * 1.3);
    SDL_Rect sbox = { box.x, *bottom - line_h, box.w, line_h };
    if (bb_scene_text(s, line, stale ? BB_WEIGHT_BOLD : BB_WEIGHT_REGULAR,
                      bb_scene_color(stale ? pal->alert : pal->muted), BB_ALIGN_START, sbox,
                      m->small_px, m->min_px, 1, false, NULL) < 0)
        return -1;
    *bottom -= line_h + m->gap;
    return 0;
}

/* The file as it is now was refused: logged once per version of it (the
 * cache says when it is news), with the first problem's file and line. */
static void log_refusal(const bb_scene *s, const bb_diag_list *diags, bool kept)
{
    const bb_slide *sl = s->slide;
    const bb_diag *d = first_error(diags);
    if (!d)
        return;
    bb_log(BB_LOG_ERROR, "%s:%d: feed slide: %s:%d: %s%s", sl->src.file ? sl->src.file : "",
           sl->src.line, d->file, d->line, d->message,
           kept ? "; its last good items stay on screen" : "");
}

/* The feed could not be read and never could: say so on the slide (the
 * file and the first problem).  A `url` feed whose copy has not arrived
 * yet says that instead: it is no error of the feed. */
static int unavailable(bb_scene *s, SDL_Rect box, int y, const bb_diag_list *diags)
{
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const bb_diag *d = first_error(diags);
    const char *not_available = bb_scene_tr(s, "Feed not available");
    char msg[512];
    bb_instant as_of;
    if (sl->feed_url && !feed_as_of(sl, &as_of)) {
        snprintf(msg, sizeof msg, "%s\n%s", bb_scene_tr(s, "Feed not fetched yet"), sl->feed_url);
    } else if (d) {
        snprintf(msg, sizeof msg, "%s\n%s%s%.0d: %s", not_available, d->file,
                 d->line ? ":" : "", d->line, d->message);
    } else {
        snprintf(msg, sizeof msg, "%s", not_available);
    }
    SDL_Rect tbox = { box.x, y, box.w, box.y + box.h - y };
    return bb_scene_text(s, msg, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted), BB_ALIGN_START,
                         tbox, s->m.body_px, s->m.min_px, 4, false, NULL) < 0 ? -1 : 0;
}

/* The first error of a refused reading (its first problem when none is an
 * error), or NULL. */
static const bb_diag *first_error(const bb_diag_list *diags)
{
    int n = diags ? bb_diag_count(diags) : 0;
    for (int i = 0; i < n; i++)
        if (bb_diag_get(diags, i)->severity == BB_ERROR)
            return bb_diag_get(diags, i);
    return n > 0 ? bb_diag_get(diags, 0) : NULL;
}

/* When the feed last changed: a `url` feed's last confirmation by the
 * server, a `file` feed's modification time.  False when there is none. */
static bool feed_as_of(const bb_slide *sl, bb_instant *out)
{
    struct stat st;
    if (!sl->feed_file)
        return false;
    if (sl->feed_url)
        return bb_fetch_as_of(sl->feed_file, out);
    if (stat(sl->feed_file, &st) != 0)
        return false;
    *out = (bb_instant)st.st_mtime;
    return true;
}

/* "2 h ago" in the slide's language (CLDR through bb_fmt_relative); a time
 * less than a minute ago or ahead of now (a publisher's fast clock) is
 * "just now". */
static void item_age(const bb_scene *s, bb_instant when, bb_instant now, char *buf, size_t len)
{
    if (now - when < 60)
        snprintf(buf, len, "%s", bb_scene_tr(s, "just now"));
    else
        bb_fmt_relative(bb_scene_lang(s), (int64_t)(when - now), buf, len);
}
