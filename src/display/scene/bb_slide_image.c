/*
 * bb_slide_image: a picture on the slides' grid -- its top-left corner at
 * the margins where every other slide starts its heading, no frame -- and
 * an optional caption under it, start-aligned and muted like other slides'
 * secondary text (a takeaways slide's source line).
 *
 * fit "contain" shows the whole picture in the area, "cover" fills the
 * area and crops the middle of the picture.  An SVG is rasterised at the
 * size it is shown (bb_picture), so it is sharp at any resolution; a bitmap
 * is scaled (never past 2x for contain: that only blurs).  A picture that
 * is refused (bb_picture: over the pixel budget, undecodable, its decoder
 * crashed or timed out) keeps its last good version on screen, or becomes
 * a visible placeholder when it never had one.  On the running display a
 * picture is decoded in the background: until it is ready the scene shows
 * its last good version (or nothing) and waits (bb_scene_waiting).
 */
#include "bb_scene_build.h"

#include <stdio.h>
#include <string.h>

#include "bb_log.h"
#include "bb_picture.h"

#define BORDER_SHARE 0.004
#define MAX_UPSCALE 2.0           /* a bitmap under contain */
#define CAPTION_LINE_SHARE 1.3    /* caption line height, of small_px */
/* On a portrait screen the picture and caption would leave the lower half
 * empty: they sit this share of the leftover height down, as the other
 * slides' blocks do. */
#define PORTRAIT_DROP_SHARE 0.45

static int placeholder(bb_scene *s, SDL_Rect area, const char *path);
static int add_picture(bb_scene *s, SDL_Texture *tex, SDL_Rect src, SDL_Rect dst);

static int image_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_image_class = { .build = image_build };

static int image_build(bb_scene *s, const bb_frame_clock *clock)
{
    (void)clock;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y, s->w - 2 * m->pad_x, s->h - 2 * m->pad_y };
    bool cover = sl->fit == BB_FIT_COVER;

    /* Room for a caption of up to two lines under the picture. */
    int cap_line = (int)(m->small_px * CAPTION_LINE_SHARE);
    int cap_room = sl->caption ? 2 * cap_line + m->gap / 2 : 0;
    SDL_Rect area = { box.x, box.y, box.w, box.h - cap_room };
    if (area.h <= 0 || area.w <= 0)
        return 0;

    bb_picture pic;
    bb_picture_get(sl->image, area.w, area.h, cover, &pic);
    SDL_Surface *surf = pic.surf;
    bool vector = pic.vector;
    if (pic.pending) {
        /* Decoded in the background: the last good version meanwhile, or
         * an empty slide (not "not available": it is on its way, usually in
         * well under a second, and the cycle passes over a slide still
         * waiting when its turn comes); made again once it is there. */
        s->awaiting = true;
        s->awaiting_gen = bb_scene_decode_generation();
        if (!surf)
            return 0;
    }
    /* Once per file and reason (a refused file is not decoded again until
     * it changes); a refused replacement keeps the last good picture. */
    if (pic.refused)
        bb_log_once(BB_LOG_ERROR, "%s:%d: image %s was refused: %s%s",
                    sl->src.file ? sl->src.file : "", sl->src.line, sl->image ? sl->image : "(none)",
                    pic.why, surf ? "; its last good version stays on screen" : "");
    SDL_Texture *tex = surf ? SDL_CreateTextureFromSurface(s->renderer, surf) : NULL;
    if (!tex) {
        if (surf)
            bb_log_once(BB_LOG_ERROR, "%s:%d: cannot show image %s: %s",
                        sl->src.file ? sl->src.file : "", sl->src.line, sl->image, SDL_GetError());
        return placeholder(s, area, sl->image);
    }
    int iw = surf->w, ih = surf->h;
    SDL_Rect src = { 0, 0, iw, ih }, dst;
    if (vector) {
        /* Drawn at its own size: crop what overflows the area (cover). */
        src.w = iw < area.w ? iw : area.w;
        src.h = ih < area.h ? ih : area.h;
        src.x = (iw - src.w) / 2;
        src.y = (ih - src.h) / 2;
        dst = (SDL_Rect){ area.x, area.y, src.w, src.h };
    } else if (cover) {
        double sc = (double)area.w / iw > (double)area.h / ih ? (double)area.w / iw
                                                              : (double)area.h / ih;
        src.w = (int)(area.w / sc);
        src.h = (int)(area.h / sc);
        src.x = (iw - src.w) / 2;
        src.y = (ih - src.h) / 2;
        dst = area;
    } else {
        double sc = (double)area.w / iw < (double)area.h / ih ? (double)area.w / iw
                                                              : (double)area.h / ih;
        if (sc > MAX_UPSCALE)
            sc = MAX_UPSCALE;
        dst = (SDL_Rect){ area.x, area.y, (int)(iw * sc + 0.5), (int)(ih * sc + 0.5) };
    }
    /* Pixel for pixel stays sharp; a scaled bitmap is smoothed. */
    SDL_SetTextureScaleMode(tex, vector ? SDL_ScaleModeNearest : SDL_ScaleModeLinear);
    scene_mark start = bb_scene_mark(s);
    if (add_picture(s, tex, src, dst) < 0)
        return 0;

    int bottom = dst.y + dst.h;
    if (sl->caption) {
        SDL_Rect cbox = { box.x, dst.y + dst.h + m->gap / 2, box.w, 2 * cap_line };
        int ch = bb_scene_text(s, sl->caption, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted),
                               BB_ALIGN_START, cbox, m->small_px, m->min_px, 2, true, NULL);
        if (ch < 0)
            return -1;
        bottom = cbox.y + ch;
    }
    if (s->h > s->w && box.y + box.h > bottom)
        bb_scene_shift_since(s, start, (int)((box.y + box.h - bottom) * PORTRAIT_DROP_SHARE));
    return 0;
}

/* --- static functions --- */

static int add_picture(bb_scene *s, SDL_Texture *tex, SDL_Rect src, SDL_Rect dst)
{
    if (s->n_items >= SCENE_MAX_ITEMS) {
        SDL_DestroyTexture(tex);
        return -1;
    }
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    scene_item *it = &s->items[s->n_items++];
    it->tex = tex;
    it->src = src;
    it->dst = dst;
    if (s->n_boxes < SCENE_MAX_BOXES)
        s->boxes[s->n_boxes++] = dst;
    return 0;
}

/* A framed panel saying which picture is missing: an author walking past
 * sees what to fix, and the screen is never black. */
static int placeholder(bb_scene *s, SDL_Rect area, const char *path)
{
    const bb_palette *pal = &s->cfg->display.palette;
    int b = (int)(s->m.u * BORDER_SHARE) < 2 ? 2 : (int)(s->m.u * BORDER_SHARE);
    bb_scene_fill(s, area, bb_scene_color(pal->muted));
    bb_scene_fill(s, (SDL_Rect){ area.x + b, area.y + b, area.w - 2 * b, area.h - 2 * b },
                  bb_scene_color(pal->panel));
    const char *name = path ? strrchr(path, '/') : NULL;
    char msg[512];
    snprintf(msg, sizeof msg, "%s\n%s", bb_scene_tr(s, "Picture not available"),
             name ? name + 1 : path ? path : "");
    SDL_Rect tbox = { area.x + 4 * b, area.y + area.h / 3, area.w - 8 * b, area.h / 3 };
    return bb_scene_text(s, msg, BB_WEIGHT_BOLD, bb_scene_color(pal->text), BB_ALIGN_CENTER, tbox,
                         s->m.body_px, s->m.min_px, 3, false, NULL) < 0 ? -1 : 0;
}
