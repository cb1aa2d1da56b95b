/*
 * bb_picture_decode: see bb_picture_decode.h.  A bitmap is cut and
 * box-filtered down to its plan, an SVG rasterised at the area's size.
 * Runs only in the child (bb_sandbox), but for the plan and the budget,
 * which the display uses too.
 */
#define _GNU_SOURCE   /* memmem */
#include "bb_picture_decode.h"

#include <SDL.h>
#include <SDL_image.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bb_file.h"

/* Test hook: with this variable set, a file containing one of the markers
 * below makes the decoder child crash, hang or take its time, so tests can
 * check what the display does then (tests/test_picture.c,
 * tests/reliability/decoder.c).
 * It can do nothing a hostile file could not already try. */
#define TEST_HOOK_ENV "BRIEFBOARD_TEST_DECODER"
#define TEST_MARK_CRASH "briefboard-test-decoder:crash"
#define TEST_MARK_HANG "briefboard-test-decoder:hang"
#define TEST_MARK_SLOW "briefboard-test-decoder:slow"
#define TEST_SLOW_MS 2000

static int child_refuse(int fd, const char *fmt, ...) SDL_PRINTF_VARARG_FUNC(2);
static int child_send(int fd, SDL_Surface *surf, const picture_plan *plan, bool vector);
static SDL_Surface *svg_sized(const bb_file_data *file, int w, int h);

int bb_picture_over_budget(const bb_img_head *head, char *why, size_t why_len)
{
    if (head->width <= 0 || head->height <= 0)
        return 0;
    /* Both sides are below 2^31: the product fits in a double exactly
     * enough to compare, where it would overflow a 32-bit long. */
    double pixels = (double)head->width * (double)head->height;
    if (pixels <= (double)BB_PICTURE_MAX_PIXELS)
        return 0;
    snprintf(why, why_len,
             "its %s header declares %ld x %ld pixels (%.0f megapixels), more than the %ld "
             "megapixels a picture may have; scale it down",
             bb_imghead_format_name(head->format), head->width, head->height, pixels / 1e6,
             BB_PICTURE_MAX_PIXELS / 1000000);
    return -1;
}

picture_plan bb_picture_plan(int iw, int ih, int aw, int ah, bool cover)
{
    picture_plan p = {0, 0, iw, ih, iw, ih};
    if (aw <= 0 || ah <= 0 || iw <= 0 || ih <= 0)
        return p;
    double sx = (double)aw / iw, sy = (double)ah / ih;
    double sc = cover ? (sx > sy ? sx : sy) : (sx < sy ? sx : sy);
    if (cover && (iw > aw || ih > ah)) {
        /* Keep only what shows: the middle, in the area's shape.  (One
         * that fits inside the area is kept whole: it serves other areas
         * too, and is no larger than the area anyway.) */
        int cw = (int)(aw / sc + 0.5), ch = (int)(ah / sc + 0.5);
        p.crop_w = cw < iw ? (cw > 0 ? cw : 1) : iw;
        p.crop_h = ch < ih ? (ch > 0 ? ch : 1) : ih;
        p.crop_x = (iw - p.crop_w) / 2;
        p.crop_y = (ih - p.crop_h) / 2;
    }
    p.out_w = p.crop_w;
    p.out_h = p.crop_h;
    if (sc < 1.0) {
        /* Down only: the GPU scales up as well as anything here. */
        p.out_w = (int)(p.crop_w * sc + 0.5);
        p.out_h = (int)(p.crop_h * sc + 0.5);
        if (p.out_w > aw)
            p.out_w = aw;
        if (p.out_h > ah)
            p.out_h = ah;
        if (p.out_w < 1)
            p.out_w = 1;
        if (p.out_h < 1)
            p.out_h = 1;
    }
    return p;
}

int bb_picture_decode_in_child(void *arg, int out_fd)
{
    const picture_job *job = arg;
    bb_file_data file;
    bb_file_status st = bb_file_read(job->path, BB_PICTURE_MAX_BYTES, 0, &file);
    if (st != BB_FILE_OK) {
        char why[BB_PICTURE_WHY];
        return child_refuse(out_fd, "%s",
                            bb_file_describe(st, &file, "it", BB_PICTURE_MAX_BYTES, why, sizeof why));
    }
    if (getenv(TEST_HOOK_ENV)) {
        if (memmem(file.data, file.len, TEST_MARK_CRASH, strlen(TEST_MARK_CRASH)))
            raise(SIGSEGV);
        if (memmem(file.data, file.len, TEST_MARK_HANG, strlen(TEST_MARK_HANG)))
            for (;;)
                pause();
        if (memmem(file.data, file.len, TEST_MARK_SLOW, strlen(TEST_MARK_SLOW)))
            SDL_Delay(TEST_SLOW_MS);
    }
    /* The whole file this time: a frame header past the display's look. */
    bb_img_head head;
    char why[BB_PICTURE_WHY];
    int hr = bb_imghead_read((const unsigned char *)file.data, file.len, &head, why, sizeof why);
    if (hr == BB_IMGHEAD_PARTIAL)
        return child_refuse(out_fd, "the %s file ends before its frame header",
                            bb_imghead_format_name(head.format));
    if (hr == BB_IMGHEAD_BAD || bb_picture_over_budget(&head, why, sizeof why) < 0)
        return child_refuse(out_fd, "%s", why);

    SDL_Surface *surf = NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(file.data, (int)file.len);
    bool vector = head.format == BB_IMG_SVG;
    int w = job->area_w, h = job->area_h;
    if (rw && vector && w > 0 && h > 0) {
        /* Width first; when the result is too tall to fit (contain) or too
         * short to cover, draw it again at the height instead. */
        surf = svg_sized(&file, w, 0);
        if (surf && (job->cover ? surf->h < h : surf->h > h)) {
            SDL_FreeSurface(surf);
            surf = svg_sized(&file, 0, h);
        }
    } else if (rw) {
        surf = IMG_Load_RW(rw, 0);
    }
    if (rw)
        SDL_RWclose(rw);
    free(file.data);
    if (!surf)
        return child_refuse(out_fd, "it cannot be decoded: %s", IMG_GetError());
    picture_plan plan;
    if (vector) {
        /* Drawn at the area's size; what overflows it would be cut. */
        plan = (picture_plan){0, 0, surf->w < w ? surf->w : w, surf->h < h ? surf->h : h, 0, 0};
        plan.crop_x = (surf->w - plan.crop_w) / 2;
        plan.crop_y = (surf->h - plan.crop_h) / 2;
        plan.out_w = plan.crop_w;
        plan.out_h = plan.crop_h;
    } else {
        plan = bb_picture_plan(surf->w, surf->h, w, h, job->cover);
    }
    int rc = child_send(out_fd, surf, &plan, vector);
    SDL_FreeSurface(surf);
    return rc;
}

static int child_refuse(int fd, const char *fmt, ...)
{
    char msg[BB_PICTURE_WHY];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    picture_reply r = {PICTURE_REPLY_MAGIC, 1, 0, 0, 0, 0, 0, (uint32_t)strlen(msg)};
    return bb_file_write_all(fd, &r, sizeof r) == 0 && bb_file_write_all(fd, msg, r.msg_len) == 0 ? 0 : 1;
}

/*
 * The plan's crop of surf, box-filtered down to out_w x out_h, as ARGB8888
 * on fd.  Colour is averaged weighted by alpha, so transparent pixels do
 * not darken the edges of what is opaque.  Source rows are converted one
 * at a time: no second full-size copy of a large photo.
 */
static int child_send(int fd, SDL_Surface *surf, const picture_plan *plan, bool vector)
{
    SDL_Surface *conv = NULL;
    if (surf->format->palette || SDL_HasColorKey(surf)) {
        /* Let SDL apply the palette and the transparent colour. */
        conv = SDL_ConvertSurfaceFormat(surf, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!conv)
            return child_refuse(fd, "it cannot be converted: %s", SDL_GetError());
        surf = conv;
    }
    int ow = plan->out_w, oh = plan->out_h, cw = plan->crop_w, ch = plan->crop_h;
    Uint32 *row = malloc((size_t)cw * 4);
    Uint32 *out = malloc((size_t)ow * 4);
    uint64_t *acc = calloc((size_t)ow * 5, sizeof *acc);   /* a, r*a, g*a, b*a, count */
    picture_reply r = {PICTURE_REPLY_MAGIC, 0, ow, oh, vector, surf->w, surf->h, 0};
    int rc = (row && out && acc && bb_file_write_all(fd, &r, sizeof r) == 0) ? 0 : 1;
    if (SDL_MUSTLOCK(surf))
        SDL_LockSurface(surf);
    int dy_now = 0;
    for (int sy = 0; rc == 0 && sy <= ch; sy++) {
        int dy = sy < ch ? (int)((long long)sy * oh / ch) : oh;
        if (dy != dy_now) {
            /* Source rows for output row dy_now are all in: emit it. */
            for (int x = 0; x < ow; x++) {
                uint64_t *s = acc + (size_t)x * 5;
                uint64_t a = s[4] ? s[0] / s[4] : 0;
                uint64_t rr = s[0] ? s[1] / s[0] : 0, gg = s[0] ? s[2] / s[0] : 0,
                         bb = s[0] ? s[3] / s[0] : 0;
                out[x] = (Uint32)(a << 24 | rr << 16 | gg << 8 | bb);
            }
            memset(acc, 0, (size_t)ow * 5 * sizeof *acc);
            rc = bb_file_write_all(fd, out, (size_t)ow * 4);
            dy_now = dy;
        }
        if (sy == ch || rc)
            break;
        const Uint8 *src = (const Uint8 *)surf->pixels + (size_t)(plan->crop_y + sy) * surf->pitch +
                           (size_t)plan->crop_x * surf->format->BytesPerPixel;
        if (SDL_ConvertPixels(cw, 1, surf->format->format, src, surf->pitch,
                              SDL_PIXELFORMAT_ARGB8888, row, cw * 4) < 0) {
            rc = 1;
            break;
        }
        for (int sx = 0; sx < cw; sx++) {
            uint64_t *s = acc + (size_t)((long long)sx * ow / cw) * 5;
            Uint32 px = row[sx];
            uint64_t a = px >> 24;
            s[0] += a;
            s[1] += ((px >> 16) & 0xFF) * a;
            s[2] += ((px >> 8) & 0xFF) * a;
            s[3] += (px & 0xFF) * a;
            s[4]++;
        }
    }
    if (SDL_MUSTLOCK(surf))
        SDL_UnlockSurface(surf);
    free(acc);
    free(out);
    free(row);
    SDL_FreeSurface(conv);
    return rc;
}

static SDL_Surface *svg_sized(const bb_file_data *file, int w, int h)
{
    SDL_RWops *rw = SDL_RWFromConstMem(file->data, (int)file->len);
    if (!rw)
        return NULL;
    SDL_Surface *surf = IMG_LoadSizedSVG_RW(rw, w, h);
    SDL_RWclose(rw);
    return surf;
}
