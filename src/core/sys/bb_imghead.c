/*
 * bb_imghead: see bb_imghead.h.  The layouts read here:
 *   PNG  (ISO/IEC 15948): 8-byte signature, then the IHDR chunk first:
 *        length 13, "IHDR", width and height as 4-byte big-endian numbers.
 *   JPEG (ITU T.81): SOI (FF D8), then marker segments FF xx with a 2-byte
 *        big-endian length that counts itself; the frame header (SOF0-SOF15
 *        but DHT C4, JPG C8, DAC CC) holds precision, height, width.  It must
 *        come before the first scan (SOS, FF DA).
 *   SVG: text; '<' first (after a byte order mark and white space) and an
 *        <svg element early on -- what SDL_image itself looks for.
 */
#include "bb_imghead.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* PNG says a side may be up to 2^31 - 1 pixels. */
#define PNG_MAX_SIDE 0x7FFFFFFFL
#define PNG_HEADER_BYTES 24
#define PNG_IHDR_LENGTH 13
/* A frame header's length: 8 bytes plus 3 per component, at least one. */
#define JPEG_SOF_MIN_LENGTH 11

static int refuse(char *why, size_t why_len, const char *fmt, ...);
static int read_png(const unsigned char *p, size_t len, bb_img_head *out, char *why,
                    size_t why_len);
static int read_jpeg(const unsigned char *p, size_t len, bb_img_head *out, char *why,
                     size_t why_len);
static int looks_svg(const unsigned char *p, size_t len);

int bb_imghead_read(const unsigned char *p, size_t len, bb_img_head *out, char *why,
                    size_t why_len)
{
    static const unsigned char png_sig[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    memset(out, 0, sizeof *out);
    if (why && why_len)
        why[0] = '\0';
    if (len >= sizeof png_sig && memcmp(p, png_sig, sizeof png_sig) == 0) {
        out->format = BB_IMG_PNG;
        return read_png(p, len, out, why, why_len);
    }
    if (len >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF) {
        out->format = BB_IMG_JPEG;
        return read_jpeg(p, len, out, why, why_len);
    }
    if (looks_svg(p, len)) {
        /* Drawn at the size it is shown: what it declares does not matter. */
        out->format = BB_IMG_SVG;
        return BB_IMGHEAD_OK;
    }
    return refuse(why, why_len, "it is not a PNG, JPEG or SVG image");
}

const char *bb_imghead_format_name(bb_img_format format)
{
    switch (format) {
    case BB_IMG_PNG: return "PNG";
    case BB_IMG_JPEG: return "JPEG";
    case BB_IMG_SVG: return "SVG";
    case BB_IMG_UNKNOWN:
    default: return "unknown";
    }
}

/* --- static functions --- */

static int refuse(char *why, size_t why_len, const char *fmt, ...)
{
    if (why && why_len) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, why_len, fmt, ap);
        va_end(ap);
    }
    return BB_IMGHEAD_BAD;
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

static unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static int read_png(const unsigned char *p, size_t len, bb_img_head *out, char *why,
                    size_t why_len)
{
    if (len < PNG_HEADER_BYTES)
        return refuse(why, why_len, "the PNG file ends inside its header");
    if (be32(p + 8) != PNG_IHDR_LENGTH || memcmp(p + 12, "IHDR", 4) != 0)
        return refuse(why, why_len, "the PNG file does not start with its header chunk (IHDR)");
    unsigned long w = be32(p + 16), h = be32(p + 20);
    if (w == 0 || h == 0 || w > (unsigned long)PNG_MAX_SIDE || h > (unsigned long)PNG_MAX_SIDE)
        return refuse(why, why_len, "the PNG header declares an impossible size of %lu x %lu pixels",
                      w, h);
    out->width = (long)w;
    out->height = (long)h;
    return BB_IMGHEAD_OK;
}

static int is_sof(unsigned m)
{
    return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
}

static int read_jpeg(const unsigned char *p, size_t len, bb_img_head *out, char *why,
                     size_t why_len)
{
    size_t i = 2;   /* past SOI */
    /* Every turn moves i forward by at least 2: bounded by len. */
    while (i < len) {
        if (p[i] != 0xFF)
            return refuse(why, why_len, "the JPEG file has stray bytes where a marker should be "
                                        "(offset %zu)", i);
        while (i < len && p[i] == 0xFF)   /* fill bytes */
            i++;
        if (i >= len)
            break;
        unsigned m = p[i++];
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue;   /* no length */
        if (m == 0xD8 || m == 0xD9 || m == 0xDA || m == 0x00)
            return refuse(why, why_len, "the JPEG file has no frame header before its %s",
                          m == 0xDA ? "image data" : m == 0xD9 ? "end" : "next marker");
        if (i + 2 > len)
            break;
        unsigned seg = be16(p + i);
        if (seg < 2)
            return refuse(why, why_len, "the JPEG file has a marker segment of length %u", seg);
        if (is_sof(m)) {
            if (seg < JPEG_SOF_MIN_LENGTH)
                return refuse(why, why_len, "the JPEG frame header is %u bytes long", seg);
            if (i + 7 > len)
                break;
            unsigned h = be16(p + i + 3), w = be16(p + i + 5);
            if (h == 0)
                return refuse(why, why_len, "the JPEG frame header leaves the height to later "
                                            "in the file (DNL), which is not supported");
            if (w == 0)
                return refuse(why, why_len, "the JPEG frame header declares a width of 0");
            out->width = (long)w;
            out->height = (long)h;
            return BB_IMGHEAD_OK;
        }
        i += seg;
    }
    return BB_IMGHEAD_PARTIAL;
}

/* "<svg" within the n bytes at p (not NUL-terminated). */
static int has_svg_tag(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if (memcmp(p + i, "<svg", 4) == 0)
            return 1;
    return 0;
}

static int looks_svg(const unsigned char *p, size_t len)
{
    size_t i = len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    return i < len && p[i] == '<' && has_svg_tag(p + i, len - i);
}
