/*
 * bb_scene_qr: a QR code on a slide -- an announcement's link, a talk's
 * page on its countdown or room slide.
 *
 * The code is drawn at a whole number of pixels per module (bb_qr), so its
 * side is the largest multiple that fits, never scaled afterwards.
 */
#include "bb_scene_build.h"

#include "bb_log.h"
#include "bb_qr.h"

/* The code's share of the slide's box when it sits beside other content:
 * large enough to scan from a few metres, small enough to leave the text
 * its room. */
#define QR_SIDE_SHARE_W 0.30   /* of the box's width, landscape */
#define QR_SIDE_SHARE_H 0.46   /* of the box's height, landscape */
#define QR_SIDE_SHARE_PORTRAIT 0.30   /* of the box's height, portrait */

int bb_scene_qr(bb_scene *s, const char *url, const char *caption, SDL_Rect area,
                bb_align align, SDL_Rect *used)
{
    *used = (SDL_Rect){ area.x, area.y, 0, 0 };
    bb_qr *qr = bb_qr_encode(url);
    if (!qr) {
        bb_log_once(BB_LOG_WARNING, "slide %d: cannot make a QR code of \"%.60s\"", s->index + 1,
                    url ? url : "");
        return 0;
    }
    const bb_palette *pal = &s->cfg->display.palette;
    int cap_h = 0, cap_line = (int)(s->m.small_px * 1.3);
    if (caption && *caption)
        cap_h = 2 * cap_line + s->m.gap / 3;
    int max_side = area.w < area.h - cap_h ? area.w : area.h - cap_h;
    int module = bb_qr_module_px(qr, max_side);
    int rc = 0;
    if (module == 0 || s->n_items >= SCENE_MAX_ITEMS) {
        bb_scene_note_overflow(s, url);
        goto done;
    }
    SDL_Texture *tex = bb_qr_texture(s->renderer, qr, module);
    if (!tex) {
        rc = -1;
        goto done;
    }
    int side = bb_qr_side_px(qr, module);
    int x = area.x + bb_text_align_x(align, false, area.w, side);
    scene_item *it = &s->items[s->n_items++];
    it->tex = tex;
    it->dst = (SDL_Rect){ x, area.y, side, side };
    if (s->n_boxes < SCENE_MAX_BOXES)
        s->boxes[s->n_boxes++] = it->dst;
    *used = it->dst;
    if (cap_h > 0) {
        /* The caption under the code, as wide as the area: a short line
         * ("Slides and video") centred on the code, a long one wraps. */
        SDL_Rect cbox = { area.x, area.y + side + s->m.gap / 3, area.w, 2 * cap_line };
        int ch = bb_scene_text(s, caption, BB_WEIGHT_REGULAR, bb_scene_color(pal->muted),
                               align, cbox, s->m.small_px, s->m.min_px, 2, true, NULL);
        if (ch < 0) {
            rc = -1;
            goto done;
        }
        if (ch > 0)
            used->h = side + s->m.gap / 3 + ch;
    }
done:
    bb_qr_destroy(qr);
    return rc;
}

int bb_scene_qr_corner(bb_scene *s, const char *url, SDL_Rect *box)
{
    if (!url)
        return 0;
    bool portrait = s->h > s->w;
    int side = portrait ? (int)(box->h * QR_SIDE_SHARE_PORTRAIT)
                        : (int)(box->w * QR_SIDE_SHARE_W) < (int)(box->h * QR_SIDE_SHARE_H)
                              ? (int)(box->w * QR_SIDE_SHARE_W)
                              : (int)(box->h * QR_SIDE_SHARE_H);
    /* Landscape: the code at the bottom right, the text beside it keeps
     * the full height; portrait: at the bottom, the text above it. */
    SDL_Rect area = portrait ? (SDL_Rect){ box->x, box->y + box->h - side, box->w, side }
                             : (SDL_Rect){ box->x + box->w - side, box->y + box->h - side, side,
                                           side };
    SDL_Rect used;
    if (bb_scene_qr(s, url, NULL, area, portrait ? BB_ALIGN_START : BB_ALIGN_END, &used) < 0)
        return -1;
    if (used.w <= 0)
        return 0;
    /* The code sits on the box's bottom edge (its side rounds down to
     * whole modules). */
    int dy = area.y + area.h - used.h - used.y;
    s->items[s->n_items - 1].dst.y += dy;
    s->boxes[s->n_boxes - 1].y += dy;
    if (portrait)
        box->h -= side + s->m.gap;
    else
        box->w -= side + s->m.gap;
    return 0;
}
