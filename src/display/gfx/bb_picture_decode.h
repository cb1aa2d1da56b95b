/*
 * bb_picture_decode: the decoder child's half of the pictures -- the whole
 * file read, its header checked again, SDL_image's decode, and only the
 * pixels shown sent back -- with the limits and the wire format both
 * halves share.  The display's half (bb_picture: the cache, the decoders
 * under way) is the only user; everyone else uses bb_picture.h.
 *
 * The child's reply on the pipe: a picture_reply header, then either
 * msg_len bytes of reason (a clean refusal: a header over budget found only
 * in the whole file, a file SDL_image cannot read) or w * h ARGB8888
 * pixels, rows packed.  The display checks the length against the header
 * before it believes any of it.
 */
#ifndef BB_PICTURE_DECODE_H
#define BB_PICTURE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bb_imghead.h"

/* Largest picture file read, bytes. */
#define BB_PICTURE_MAX_BYTES (64 * 1024 * 1024)
/* The decoded-pixel budget: width x height a header may declare.  40 MP
 * holds an 8K frame (7680x4320, 33 MP) and a 36 MP camera's photo; decoding
 * one takes ~120-360 MiB in the child, within its 512 MiB. */
#define BB_PICTURE_MAX_PIXELS 40000000L
/* Room for a refusal's reason. */
#define BB_PICTURE_WHY 256

#define PICTURE_REPLY_MAGIC 0x62625049u   /* "bbPI" */

typedef struct picture_reply {
    uint32_t magic;
    int32_t refused;     /* 1: msg_len bytes of reason follow */
    int32_t w, h;        /* the pixels that follow */
    int32_t vector;
    int32_t src_w, src_h;   /* a bitmap's own size */
    uint32_t msg_len;
} picture_reply;

/* What to make of a bitmap for an area: the part of it kept (cover crops to
 * the area's shape) and the size it is scaled to (down only). */
typedef struct picture_plan {
    int crop_x, crop_y, crop_w, crop_h;
    int out_w, out_h;
} picture_plan;

/* What the child is asked to decode (borrowed; the child has a copy of the
 * display's memory). */
typedef struct picture_job {
    const char *path;
    int area_w, area_h;
    bool cover;
} picture_job;

/* The plan for a bitmap of iw x ih in an area of aw x ah (cover or contain). */
picture_plan bb_picture_plan(int iw, int ih, int aw, int ah, bool cover);

/* 0 when head's declared size is within BB_PICTURE_MAX_PIXELS (or not
 * known), else -1 with the reason in why. */
int bb_picture_over_budget(const bb_img_head *head, char *why, size_t why_len);

/* The decoder child's function (bb_sandbox_fn): arg is a picture_job;
 * writes the reply to out_fd.  0, or non-zero when even that failed. */
int bb_picture_decode_in_child(void *arg, int out_fd);

#endif
