/*
 * bb_slide_image: a picture scaled to fit (aspect kept), an optional
 * caption; a picture that will not load becomes a visible placeholder.
 */
#include "bb_scene_build.h"

#include <SDL_image.h>
#include <stdio.h>
#include <string.h>

#include "bb_log.h"

#define BORDER_SHARE 0.004

static int placeholder(bb_scene *s, SDL_Rect area, const char *path);

static int image_build(bb_scene *s, const bb_frame_clock *clock);

const bb_scene_class bb_slide_image_class = { .build = image_build };

static int image_build(bb_scene *s, const bb_frame_clock *clock)
{
    (void)clock;
    const bb_slide *sl = s->slide;
    const bb_palette *pal = &s->cfg->display.palette;
    const scene_metrics *m = &s->m;
    SDL_Rect box = { m->pad_x, m->pad_y / 2, s->w - 2 * m->pad_x, s->h - m->pad_y };

    int bottom = box.y + box.h;
    /* The caption's item and box, placed with the picture below. */
    int caption = -1, caption_box = -1, caption_h = 0;
    if (sl->caption) {
        int cap_h = (int)(m->body_px * 1.3 * 2);
        SDL_Rect cbox = { box.x, bottom - cap_h, box.w, cap_h };
        int ch = bb_scene_text(s, sl->caption, BB_WEIGHT_REGULAR, bb_scene_color(pal->text),
                               BB_ALIGN_CENTER, cbox, m->body_px, m->min_px, 2, true, NULL);
        if (ch < 0)
            return -1;
        s->items[s->n_items - 1].dst.y = bottom - ch;
        s->boxes[s->n_boxes - 1].y = bottom - ch;
        if (ch > 0) {
            caption = s->n_items - 1;
            caption_box = s->n_boxes - 1;
            caption_h = ch;
        }
        bottom -= ch + m->gap / 2;
    }
    SDL_Rect area = { box.x, box.y, box.w, bottom - box.y };
    if (area.h <= 0)
        return 0;

    SDL_Texture *tex = sl->image ? IMG_LoadTexture(s->renderer, sl->image) : NULL;
    if (!tex) {
        bb_log_once(BB_LOG_ERROR, "%s:%d: cannot show image %s: %s",
                    sl->src.file ? sl->src.file : "", sl->src.line, sl->image ? sl->image : "(none)",
                    IMG_GetError());
        return placeholder(s, area, sl->image);
    }
    int iw = 0, ih = 0;
    SDL_QueryTexture(tex, NULL, NULL, &iw, &ih);
    /* Scale to fit; never upscale a small picture past 2x, it only blurs. */
    double sc = (double)area.w / iw < (double)area.h / ih ? (double)area.w / iw
                                                           : (double)area.h / ih;
    if (sc > 2.0)
        sc = 2.0;
    int dw = (int)(iw * sc + 0.5), dh = (int)(ih * sc + 0.5);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    SDL_SetTextureScaleMode(tex, SDL_ScaleModeLinear);
    if (s->n_items >= SCENE_MAX_ITEMS) {
        SDL_DestroyTexture(tex);
        return 0;
    }
    /* Picture and caption are one group, centred together: a picture that
     * is narrower than the area (portrait screens) would otherwise float
     * far above a caption pinned to the bottom. */
    int group_h = dh + (caption >= 0 ? m->gap / 2 + caption_h : 0);
    int top = box.y + (box.h - group_h) / 2;
    if (caption >= 0) {
        int cy = top + dh + m->gap / 2;
        s->items[caption].dst.y = cy;
        if (caption_box >= 0)
            s->boxes[caption_box].y = cy;
    }
    scene_item *it = &s->items[s->n_items++];
    it->tex = tex;
    it->dst = (SDL_Rect){ area.x + (area.w - dw) / 2, top, dw, dh };
    if (s->n_boxes < SCENE_MAX_BOXES)
        s->boxes[s->n_boxes++] = it->dst;
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
    snprintf(msg, sizeof msg, "Picture not available\n%s", name ? name + 1 : path ? path : "");
    SDL_Rect tbox = { area.x + 4 * b, area.y + area.h / 3, area.w - 8 * b, area.h / 3 };
    return bb_scene_text(s, msg, BB_WEIGHT_BOLD, bb_scene_color(pal->text), BB_ALIGN_CENTER, tbox,
                         s->m.body_px, s->m.min_px, 3, false, NULL) < 0 ? -1 : 0;
}
