/*
 * Text engine tests with real fonts (Debian fonts-noto-core, fonts-noto-cjk,
 * fonts-dejavu-core), rendered headless: surfaces are read back pixel by
 * pixel, and textures are counted through the linker's --wrap of
 * SDL_CreateTextureFromSurface / SDL_DestroyTexture (see CMakeLists.txt).
 */
#include <SDL.h>
#include <SDL_image.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bb_digits.h"
#include "bb_fonts.h"
#include "bb_layout.h"
#include "bb_log.h"
#include "bb_test.h"
#include "bb_text.h"

#define PX 48
#define INK 64  /* alpha above which a pixel counts as ink */

/* ---- texture accounting (the linker routes SDL's calls through here) ---- */

static int textures_live;
SDL_Texture *__real_SDL_CreateTextureFromSurface(SDL_Renderer *r, SDL_Surface *s);
void __real_SDL_DestroyTexture(SDL_Texture *t);
SDL_Texture *__wrap_SDL_CreateTextureFromSurface(SDL_Renderer *r, SDL_Surface *s);
void __wrap_SDL_DestroyTexture(SDL_Texture *t);

SDL_Texture *__wrap_SDL_CreateTextureFromSurface(SDL_Renderer *r, SDL_Surface *s)
{
    SDL_Texture *t = __real_SDL_CreateTextureFromSurface(r, s);
    textures_live += t != NULL;
    return t;
}

void __wrap_SDL_DestroyTexture(SDL_Texture *t)
{
    textures_live -= t != NULL;
    __real_SDL_DestroyTexture(t);
}

/* A small GPU texture limit, as on a Pi 3, when the test asks for one. */
static int fake_max_texture;
int __real_SDL_GetRendererInfo(SDL_Renderer *r, SDL_RendererInfo *info);
int __wrap_SDL_GetRendererInfo(SDL_Renderer *r, SDL_RendererInfo *info);

int __wrap_SDL_GetRendererInfo(SDL_Renderer *r, SDL_RendererInfo *info)
{
    int rc = __real_SDL_GetRendererInfo(r, info);
    if (rc == 0 && fake_max_texture)
        info->max_texture_width = info->max_texture_height = fake_max_texture;
    return rc;
}

/* ---- helpers ---- */

static const bb_text_style WHITE = {BB_WEIGHT_REGULAR, PX, {255, 255, 255, 255}, BB_ALIGN_START,
                                    BB_DIR_AUTO};

static Uint8 alpha_at(const SDL_Surface *s, int x, int y)
{
    const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
    return (Uint8)(row[x] >> 24);
}

/* Ink columns: [first, last] with any ink; -1 when none. */
static void ink_columns(const SDL_Surface *s, int *first, int *last)
{
    *first = *last = -1;
    for (int x = 0; x < s->w; x++)
        for (int y = 0; y < s->h; y++)
            if (alpha_at(s, x, y) > INK) {
                if (*first < 0)
                    *first = x;
                *last = x;
                break;
            }
}

static int ink_count(const SDL_Surface *s)
{
    int n = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            n += alpha_at(s, x, y) > INK;
    return n;
}

/*
 * Does `part` appear in `whole` at column offset dx (same baseline)?  Mean
 * absolute alpha difference over part's ink columns, 0-255; runs rendered
 * alone and inside a line differ only at their joins.
 */
static double diff_at(const SDL_Surface *whole, const SDL_Surface *part, int dx)
{
    long sum = 0, n = 0;
    int h = whole->h < part->h ? whole->h : part->h;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < part->w; x++) {
            int wx = dx + x;
            if (wx < 0 || wx >= whole->w)
                continue;
            sum += abs((int)alpha_at(whole, wx, y) - (int)alpha_at(part, x, y));
            n++;
        }
    return n ? (double)sum / (double)n : 255.0;
}

/* The column offset where part matches whole best, and how well. */
static int best_offset(const SDL_Surface *whole, const SDL_Surface *part, double *diff)
{
    int best = 0;
    *diff = 1e9;
    for (int dx = -2; dx <= whole->w - part->w + 2; dx++) {
        double d = diff_at(whole, part, dx);
        if (d < *diff) {
            *diff = d;
            best = dx;
        }
    }
    return best;
}

static SDL_Surface *render(bb_fonts *fonts, const char *text)
{
    SDL_Surface *s = bb_text_render_surface(fonts, text, &WHITE);
    CHECK(s != NULL);
    if (!s)
        fprintf(stderr, "render \"%s\": %s\n", text, SDL_GetError());
    return s;
}

static int width_of(bb_fonts *fonts, const char *text)
{
    int w = -1;
    CHECK_INT(bb_text_size(fonts, BB_WEIGHT_REGULAR, PX, text, strlen(text), &w, NULL), 0);
    return w;
}

/* Every character of text comes from a face that really has it. */
static void check_real_glyphs(bb_fonts *fonts, const char *text)
{
    for (size_t i = 0, adv; text[i]; i += adv) {
        uint32_t cp = bb_utf8_decode(text + i, strlen(text + i), &adv);
        if (cp == ' ')
            continue;
        int face = bb_fonts_face_for(fonts, BB_WEIGHT_REGULAR, cp);
        if (!bb_fonts_face_has(fonts, BB_WEIGHT_REGULAR, face, cp))
            fprintf(stderr, "U+%04X has no face\n", (unsigned)cp);
        CHECK(bb_fonts_face_has(fonts, BB_WEIGHT_REGULAR, face, cp));
    }
}

/* ---- tests ---- */

/* Cyrillic and Greek come out as letters, not as the primary face's
 * .notdef box: each rendered letter differs from the box. */
static void test_cyrillic_greek(bb_fonts *fonts)
{
    TTF_Font *primary = bb_fonts_get(fonts, BB_WEIGHT_REGULAR, 0, PX);
    CHECK(primary != NULL);
    if (!primary)
        return;
    SDL_Color white = {255, 255, 255, 255};
    /* U+10FFFD: a private-use codepoint no font has: SDL_ttf draws .notdef. */
    SDL_Surface *box = TTF_RenderGlyph32_Blended(primary, 0x10FFFD, white);
    CHECK(box != NULL);
    const char *letters[] = {"\xD0\x96", "\xD0\xB4", "\xD0\xAF", "\xCE\xA9", "\xCE\xBB", "\xCE\xBE"};
    for (size_t i = 0; box && i < sizeof letters / sizeof letters[0]; i++) {
        SDL_Surface *s = render(fonts, letters[i]);
        if (!s)
            continue;
        CHECK(ink_count(s) > 50);
        double d;
        best_offset(s, box, &d);
        CHECK(d > 10.0);  /* clearly not the box */
        SDL_FreeSurface(s);
    }
    SDL_FreeSurface(box);
    check_real_glyphs(fonts, "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82 "  /* Привет */
                             "\xCE\x9A\xCE\xB1\xCE\xBB\xCE\xB7\xCE\xBC\xCE\xAD\xCF\x81\xCE\xB1");
}

/* "سلام": shaped (joined forms and the lam-alef ligature make it narrower
 * than its letters set apart), right to left, in an Arabic face. */
static void test_arabic(bb_fonts *fonts)
{
    const char *salam = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";
    const char *letters[] = {"\xD8\xB3", "\xD9\x84", "\xD8\xA7", "\xD9\x85"};
    int sum = 0;
    for (int i = 0; i < 4; i++)
        sum += width_of(fonts, letters[i]);
    int shaped = width_of(fonts, salam);
    CHECK(shaped > 0);
    CHECK(abs(shaped - sum) >= PX / 8);
    CHECK(bb_text_is_rtl(salam, strlen(salam)));
    bb_text_run run;
    CHECK_INT(bb_text_runs(fonts, BB_WEIGHT_REGULAR, PX, BB_DIR_AUTO, salam, strlen(salam), &run, 1), 1);
    CHECK(run.rtl);
    CHECK(strstr(bb_fonts_face_family(fonts, BB_WEIGHT_REGULAR, run.face), "Arabic") != NULL);
    check_real_glyphs(fonts, salam);

    /* Right to left: the final meem (last in memory) is the leftmost ink,
     * the initial seen the rightmost.  Seen alone (isolated) and the line's
     * right end agree better than seen against the left end. */
    SDL_Surface *line = render(fonts, salam);
    SDL_Surface *seen = render(fonts, "\xD8\xB3\xE2\x80\x8D");  /* seen + ZWJ: its initial form */
    if (line && seen) {
        double d;
        int at = best_offset(line, seen, &d);
        CHECK(at > line->w / 2);
        CHECK(d < 20.0);
    }
    SDL_FreeSurface(line);
    SDL_FreeSurface(seen);
}

static long alpha_sum(const SDL_Surface *s)
{
    long sum = 0;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++)
            sum += alpha_at(s, x, y);
    return sum;
}

/* Nothing of text is clipped: the line as bb_text renders it holds all the
 * ink SDL_ttf draws for it with the same font (one face, one piece). */
static void check_unclipped(bb_fonts *fonts, const char *text, bool rtl, const char *script)
{
    bb_text_run run;
    CHECK_INT(bb_text_runs(fonts, BB_WEIGHT_REGULAR, PX, BB_DIR_AUTO, text, strlen(text), &run, 1), 1);
    SDL_Surface *ours = render(fonts, text);
    TTF_Font *font = bb_fonts_get(fonts, BB_WEIGHT_REGULAR, run.face, PX);
    CHECK(font != NULL);
    if (!ours || !font) {
        SDL_FreeSurface(ours);
        return;
    }
    TTF_SetFontDirection(font, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font, script);
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *raw = TTF_RenderUTF8_Blended(font, text, white);
    CHECK(raw != NULL);
    if (raw) {
        CHECK(raw->h > TTF_FontHeight(font) || strcmp(script, "Arab") == 0);  /* the case is real */
        CHECK_INT(alpha_sum(ours), alpha_sum(raw));
    }
    SDL_FreeSurface(raw);
    SDL_FreeSurface(ours);
}

/* Ink outside the font's declared box -- stacked accents above, stacked
 * dots below -- and Arabic vowel marks all stay inside the line box. */
static void test_marks(bb_fonts *fonts)
{
    check_unclipped(fonts, "A\xCC\x81\xCC\x81\xCC\x81", false, "Latn");  /* A with three acutes */
    check_unclipped(fonts, "g\xCC\xA3\xCC\xA3\xCC\xA3", false, "Latn");  /* g with three dots below */
    /* "al-hamdu lillahi" with fatha, sukun, damma, kasra and shadda */
    const char *marked = "\xD8\xA7\xD9\x84\xD9\x92\xD8\xAD\xD9\x8E\xD9\x85\xD9\x92\xD8\xAF\xD9\x8F "
                         "\xD9\x84\xD9\x90\xD9\x84\xD9\x91\xD9\x8E\xD9\x87\xD9\x90";
    check_unclipped(fonts, marked, true, "Arab");
    check_unclipped(fonts, "\xD8\xB1\xD9\x88\xD8\xB3\xD9\x8A\xD8\xA7 \xD9\x88\xD8\xA7\xD9\x84\xD9\x88\xD9\x84\xD8\xA7\xD9\x8A\xD8\xA7\xD8\xAA", true, "Arab");

    /* With DejaVu Sans first, Arabic still comes from the face made for it. */
    const char *families[] = {"DejaVu Sans"};
    bb_fonts *f = bb_fonts_create(families, 1);
    CHECK(f != NULL);
    if (!f)
        return;
    int face = bb_fonts_face_for(f, BB_WEIGHT_REGULAR, 0x644);
    CHECK_CONTAINS(bb_fonts_face_family(f, BB_WEIGHT_REGULAR, face), "Arabic");
    check_unclipped(f, marked, true, "Arab");
    bb_fonts_destroy(f);
}

/* "Geneva جنيف 2022" in a left-to-right paragraph: "Geneva" on the left,
 * the Arabic run on the right (with "2022", which Unicode's bidi rules
 * attach to it), each where rendering it alone says it is. */
static void test_mixed_line(bb_fonts *fonts)
{
    const char *mixed = "Geneva \xD8\xAC\xD9\x86\xD9\x8A\xD9\x81 2022";
    bb_text_run runs[8];
    int n = bb_text_runs(fonts, BB_WEIGHT_REGULAR, PX, BB_DIR_AUTO, mixed, strlen(mixed), runs, 8);
    CHECK(n >= 2 && n <= 8);
    int latin = -1, arabic = -1;
    for (int i = 0; i < n && i < 8; i++) {
        if (runs[i].start == 0)
            latin = i;
        if (runs[i].start <= 7 && runs[i].start + runs[i].len > 7)
            arabic = i;
    }
    CHECK(latin >= 0 && arabic >= 0);
    if (latin < 0 || arabic < 0)
        return;
    CHECK(!runs[latin].rtl);
    CHECK(runs[arabic].rtl);
    CHECK(runs[latin].x + runs[latin].w <= runs[arabic].x);

    SDL_Surface *line = render(fonts, mixed);
    SDL_Surface *geneva = render(fonts, "Geneva");
    SDL_Surface *jneif = render(fonts, "\xD8\xAC\xD9\x86\xD9\x8A\xD9\x81");
    if (line && geneva && jneif) {
        double dg, dj;
        int at_g = best_offset(line, geneva, &dg);
        int at_j = best_offset(line, jneif, &dj);
        CHECK(abs(at_g) <= 2);          /* Latin at the left edge */
        CHECK(dg < 12.0);
        CHECK(at_j + jneif->w >= line->w - 4);  /* Arabic at the right edge */
        CHECK(dj < 12.0);
        CHECK(at_g < at_j);
    }
    SDL_FreeSurface(line);
    SDL_FreeSurface(geneva);
    SDL_FreeSurface(jneif);

    /* The same words in a right-to-left paragraph: the Arabic word, first
     * in memory, is read first, so it stands at the right. */
    const char *rtl = "\xD8\xAC\xD9\x86\xD9\x8A\xD9\x81 Geneva";
    n = bb_text_runs(fonts, BB_WEIGHT_REGULAR, PX, BB_DIR_AUTO, rtl, strlen(rtl), runs, 8);
    CHECK(n >= 2);
    CHECK(runs[0].start > 0);          /* leftmost: Geneva */
    CHECK(runs[n - 1].start == 0);     /* rightmost: the Arabic word */
}

static void test_hebrew(bb_fonts *fonts)
{
    const char *shalom = "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D";  /* שלום */
    CHECK(bb_text_is_rtl(shalom, strlen(shalom)));
    check_real_glyphs(fonts, shalom);
    bb_text_run run;
    CHECK_INT(bb_text_runs(fonts, BB_WEIGHT_REGULAR, PX, BB_DIR_AUTO, shalom, strlen(shalom), &run, 1), 1);
    CHECK(run.rtl);
    /* Shin, first in memory, is drawn at the right end. */
    SDL_Surface *line = render(fonts, shalom);
    SDL_Surface *shin = render(fonts, "\xD7\xA9");
    if (line && shin) {
        double d;
        int at = best_offset(line, shin, &d);
        CHECK(at + shin->w >= line->w - 3);
        CHECK(d < 12.0);
    }
    SDL_FreeSurface(line);
    SDL_FreeSurface(shin);
}

static void test_cjk(bb_fonts *fonts)
{
    const char *tokyo = "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAE\xE4\xBC\x9A\xE8\xAD\xB0";  /* 東京の会議 */
    check_real_glyphs(fonts, tokyo);
    int face = bb_fonts_face_for(fonts, BB_WEIGHT_REGULAR, 0x6771);
    CHECK(face > 0);  /* not the primary (Latin) face: a fallback */
    CHECK(strstr(bb_fonts_face_family(fonts, BB_WEIGHT_REGULAR, face), "CJK") != NULL);
    SDL_Surface *s = render(fonts, tokyo);
    if (s) {
        /* Five full-width characters of about one em each. */
        CHECK(s->w >= 5 * PX * 9 / 10 && s->w <= 5 * PX * 11 / 10);
        CHECK(ink_count(s) > 5 * PX);
    }
    SDL_FreeSurface(s);
}

/* A real measurer with bb_layout; an RTL block aligned to the start lands at
 * the right of its box. */
static void test_layout_render(bb_fonts *fonts)
{
    bb_measurer m = bb_text_measurer(fonts, BB_WEIGHT_REGULAR);
    bb_fit_params p = {600, 300, 96, 24, 0, 0, 0};
    const char *text = "Ryabkov predicts U.S.\xE2\x80\x93Russia talks \xE2\x80\x9Cwithin the next two weeks\xE2\x80\x9D "
                       "in an unspecified third country";
    bb_layout *l = bb_layout_fit(text, &m, &p);
    CHECK(l != NULL);
    if (!l)
        return;
    CHECK(bb_layout_fits(l));
    CHECK(bb_layout_line_count(l) >= 2);
    CHECK(bb_layout_height(l) <= 300);
    for (int i = 0; i < bb_layout_line_count(l); i++)
        CHECK(bb_layout_line_width(l, i) <= 600);
    SDL_Surface *s = bb_text_render_layout_surface(fonts, l, &WHITE, 600);
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(s->w, 600);
        CHECK_INT(s->h, bb_layout_height(l));
        int first, last;
        ink_columns(s, &first, &last);
        CHECK(first >= 0 && first < 10);
        CHECK(last <= bb_layout_width(l));
    }
    /* The first baseline is where the ink of "x" ends, in a rendered block. */
    {
        bb_layout *xl = bb_layout_fit("xxxx xxxx", &m, &p);
        int base = xl ? bb_text_layout_baseline(fonts, xl, BB_WEIGHT_REGULAR) : -1;
        SDL_Surface *xs = xl ? bb_text_render_layout_surface(fonts, xl, &WHITE, 600) : NULL;
        CHECK(base > 0 && xs != NULL);
        if (xs) {
            int top = -1, bottom = -1;
            for (int y = 0; y < xs->h; y++)
                for (int x = 0; x < xs->w; x++)
                    if (alpha_at(xs, x, y) > 128) {
                        if (top < 0)
                            top = y;
                        bottom = y;
                        break;
                    }
            CHECK(abs(bottom + 1 - base) <= 1);
            int xh_px = bb_fonts_x_height(fonts, BB_WEIGHT_REGULAR, bb_layout_px(xl));
            CHECK(abs((base - top) - xh_px) <= 2);
        }
        SDL_FreeSurface(xs);
        bb_layout_destroy(xl);
    }
    /* The tight texture, placed where bb_text_align_x says, draws the same
     * pixels as the full-width one, for each alignment. */
    for (int a = BB_ALIGN_START; a <= BB_ALIGN_END; a++) {
        bb_text_style st = WHITE;
        st.align = (bb_align)a;
        SDL_Surface *full = bb_text_render_layout_surface(fonts, l, &st, 600);
        SDL_Surface *tight = bb_text_render_layout_surface(fonts, l, &st, 0);
        CHECK(full && tight);
        if (full && tight) {
            CHECK_INT(tight->w, bb_layout_width(l));
            int x = bb_text_align_x(st.align, bb_text_layout_is_rtl(l, st.dir), 600, tight->w);
            CHECK(diff_at(full, tight, x) < 0.5);
            CHECK_INT(alpha_sum(full), alpha_sum(tight));
        }
        SDL_FreeSurface(full);
        SDL_FreeSurface(tight);
    }
    SDL_FreeSurface(s);
    bb_layout_destroy(l);

    const char *arabic = "\xD9\x85\xD9\x81\xD8\xA7\xD9\x88\xD8\xB6\xD8\xA7\xD8\xAA \xD8\xAC\xD9\x86\xD9\x8A\xD9\x81";
    l = bb_layout_fit(arabic, &m, &p);
    CHECK(l != NULL);
    if (!l)
        return;
    CHECK(bb_text_layout_is_rtl(l, BB_DIR_AUTO));
    CHECK(!bb_text_layout_is_rtl(l, BB_DIR_LTR));
    /* The line box is at least the primary face's, and holds the Arabic
     * ink (checked at the bottom row below), but not Noto Sans Arabic's
     * declared 2.1 em. */
    int primary_h = 0;
    bb_fonts_metrics(fonts, BB_WEIGHT_REGULAR, bb_layout_px(l), NULL, NULL, &primary_h);
    CHECK(bb_layout_line_box(l) >= primary_h);
    CHECK(bb_layout_line_box(l) < bb_layout_px(l) * 16 / 10);
    s = bb_text_render_layout_surface(fonts, l, &WHITE, 600);
    CHECK(s != NULL);
    if (s) {
        int first, last;
        ink_columns(s, &first, &last);
        CHECK(last >= 600 - 6);                        /* starts at the right */
        CHECK(first >= 600 - bb_layout_width(l) - 6);  /* nothing at the left */
        /* Nothing touches the bottom row: descenders fit the box. */
        int bottom = 0;
        for (int x = 0; x < s->w; x++)
            bottom += alpha_at(s, x, s->h - 1) > INK;
        CHECK_INT(bottom, 0);
    }
    SDL_FreeSurface(s);
    bb_layout_destroy(l);
}

/* "Welcome" over "أهلا وسهلا": each paragraph its own direction, so with
 * start alignment one stands left and the other right. */
static void test_paragraph_directions(bb_fonts *fonts)
{
    bb_measurer m = bb_text_measurer(fonts, BB_WEIGHT_REGULAR);
    bb_fit_params p = {800, 0, 40, 40, 0, 0, 0};
    const char *text = "Welcome\n\xD8\xA3\xD9\x87\xD9\x84\xD8\xA7 \xD9\x88\xD8\xB3\xD9\x87\xD9\x84\xD8\xA7";
    bb_layout *l = bb_layout_fit(text, &m, &p);
    CHECK(l && bb_layout_line_count(l) == 2);
    if (!l || bb_layout_line_count(l) != 2) {
        bb_layout_destroy(l);
        return;
    }
    SDL_Surface *s = bb_text_render_layout_surface(fonts, l, &WHITE, 800);
    CHECK(s != NULL);
    if (s) {
        /* Ink columns of each line's band. */
        int adv = bb_layout_advance(l), first[2] = {-1, -1}, last[2] = {-1, -1};
        for (int band = 0; band < 2; band++)
            for (int x = 0; x < s->w; x++)
                for (int y = band * adv; y < band * adv + adv && y < s->h; y++)
                    if (alpha_at(s, x, y) > INK) {
                        if (first[band] < 0)
                            first[band] = x;
                        last[band] = x;
                        break;
                    }
        CHECK(first[0] >= 0 && first[0] < 8);    /* Welcome: at the left */
        CHECK(last[0] < 400);
        CHECK(last[1] > 800 - 8);                /* the Arabic: at the right */
        CHECK(first[1] > 400);
    }
    SDL_FreeSurface(s);
    bb_layout_destroy(l);
}

/* Colour and alpha: every pixel has the text colour, coverage scaled. */
static void test_colour(bb_fonts *fonts)
{
    bb_text_style st = WHITE;
    st.color = (SDL_Color){200, 100, 50, 128};
    SDL_Surface *s = bb_text_render_surface(fonts, "Hx", &st);
    CHECK(s != NULL);
    if (!s)
        return;
    int max_a = 0;
    bool colour_ok = true;
    for (int y = 0; y < s->h; y++)
        for (int x = 0; x < s->w; x++) {
            const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
            Uint32 p = row[x];
            colour_ok &= (p & 0xFFFFFF) == 0xC86432;
            if ((int)(p >> 24) > max_a)
                max_a = (int)(p >> 24);
        }
    CHECK(colour_ok);
    CHECK(max_a >= 120 && max_a <= 128);
    SDL_FreeSurface(s);
}

/* A tab or a stray control character is a space, not a .notdef box; a
 * soft hyphen is nothing until a line breaks there. */
static void test_controls(bb_fonts *fonts)
{
    CHECK_INT(width_of(fonts, "a\tb"), width_of(fonts, "a b"));
    CHECK_INT(width_of(fonts, "a\x01" "b"), width_of(fonts, "a b"));
    /* An untaken soft hyphen takes no room and draws nothing. */
    CHECK_INT(width_of(fonts, "Bundes\xC2\xADminister"), width_of(fonts, "Bundesminister"));
    SDL_Surface *tab = render(fonts, "a\tb"), *space = render(fonts, "a b");
    if (tab && space)
        CHECK_INT(ink_count(tab), ink_count(space));
    SDL_FreeSurface(tab);
    SDL_FreeSurface(space);
    /* Issue #16 row 8: a piece of only format characters (U+061C, whose
     * face is the Arabic fallback; U+200B) draws nothing and takes no room,
     * and never fails the line it is in ("Text has zero width"). */
    SDL_Surface *marked = render(fonts, "Next: \xD8\x9C \xC2\xB7 \xE2\x80\x8B \xC2\xB7 LIVE");
    SDL_Surface *plain = render(fonts, "Next:  \xC2\xB7  \xC2\xB7 LIVE");
    if (marked && plain)
        CHECK_INT(ink_count(marked), ink_count(plain));
    SDL_FreeSurface(marked);
    SDL_FreeSurface(plain);
    SDL_FreeSurface(render(fonts, "x\xE2\x80\x8D\xEF\xBB\xBF"));
}

/* Tabular digits: equal widths whatever the digits, glyphs really drawn,
 * and no texture made while drawing. */
static void test_digits(bb_fonts *fonts, SDL_Renderer *r, SDL_Surface *target)
{
    int before = textures_live;
    bb_digits *d = bb_digits_create(r, fonts, BB_WEIGHT_BOLD, 64, NULL);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(textures_live, before + 1);
    CHECK_INT(bb_digits_texture_count(d), 1);
    int w1 = bb_digits_width(d, "11:11:11"), w0 = bb_digits_width(d, "00:00:00");
    CHECK(w1 > 0);
    CHECK_INT(w1, w0);
    CHECK_INT(bb_digits_width(d, "in 2 d 03:14:05"), bb_digits_width(d, "in 9 d 18:47:59"));
    CHECK_INT(bb_digits_width(d, "Q"), -1);
    CHECK(!bb_digits_has(d, "12:00 Q"));
    CHECK(bb_digits_has(d, "LIVE \xC2\xB7 started 12 min ago"));

    /* Draw a second's worth of countdowns; read the pixels back. */
    SDL_Color white = {255, 255, 255, 255};
    for (int sec = 0; sec < 60; sec++) {
        char buf[32];
        snprintf(buf, sizeof buf, "in 2 d 03:14:%02d", sec);
        SDL_SetRenderDrawColor(r, 0, 0, 0, 255);
        SDL_RenderClear(r);
        CHECK_INT(bb_digits_draw(d, r, buf, 10, 10, white), bb_digits_width(d, buf));
    }
    SDL_RenderPresent(r);
    CHECK_INT(textures_live, before + 1);  /* sixty frames, no new texture */
    CHECK_INT(bb_digits_draw(d, r, "x?", 0, 0, white), -1);

    /* Ink where the text was drawn, none far right of it. */
    SDL_LockSurface(target);
    int ink_in = 0, ink_out = 0, w = bb_digits_width(d, "in 2 d 03:14:59");
    for (int y = 10; y < 10 + bb_digits_height(d) && y < target->h; y++)
        for (int x = 0; x < target->w; x++) {
            const Uint32 *row = (const Uint32 *)((const Uint8 *)target->pixels + (size_t)y * target->pitch);
            Uint8 g = (Uint8)(row[x] >> 8);
            if (g > 128)
                *(x < 10 + w + 2 ? &ink_in : &ink_out) += 1;
        }
    SDL_UnlockSurface(target);
    CHECK(ink_in > 200);
    CHECK_INT(ink_out, 0);
    bb_digits_destroy(d);
    CHECK_INT(textures_live, before);
    bb_digits_destroy(NULL);

    /* Sized before it is made: the largest size whose widest countdown
     * fits 600 x 200, and one pixel more would not. */
    int px = bb_digits_fit_px(fonts, BB_WEIGHT_BOLD, "in 99 d 00:00:00", 600, 200, 8, 300);
    CHECK(px > 8 && px < 300);
    bb_digits *fit = bb_digits_create(r, fonts, BB_WEIGHT_BOLD, px, NULL);
    bb_digits *over = bb_digits_create(r, fonts, BB_WEIGHT_BOLD, px + 1, NULL);
    CHECK(fit && over);
    if (fit && over) {
        CHECK(bb_digits_width(fit, "in 12 d 34:56:78") <= 600 && bb_digits_height(fit) <= 200);
        CHECK(bb_digits_width(over, "in 12 d 34:56:78") > 600 || bb_digits_height(over) > 200);
    }
    bb_digits_destroy(fit);
    bb_digits_destroy(over);
    CHECK_INT(bb_digits_fit_px(fonts, BB_WEIGHT_BOLD, "in 99 d 00:00:00", 10, 10, 8, 300), 8);

    /* Noto Serif CJK JP has proportional digits ("1" narrower than "0"):
     * set as text the two times differ, from the cache they do not. */
    const char *serif[] = {"Noto Serif CJK JP"};
    bb_fonts *prop = bb_fonts_create(serif, 1);
    CHECK(prop != NULL);
    if (!prop)
        return;
    int t1 = 0, t0 = 0;
    bb_text_size(prop, BB_WEIGHT_REGULAR, 64, "11:11:11", 8, &t1, NULL);
    bb_text_size(prop, BB_WEIGHT_REGULAR, 64, "00:00:00", 8, &t0, NULL);
    CHECK(t1 < t0);
    d = bb_digits_create(r, prop, BB_WEIGHT_REGULAR, 64, "0123456789:");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(bb_digits_width(d, "11:11:11"), bb_digits_width(d, "00:00:00"));
        CHECK(bb_digits_width(d, "00:00:00") >= t0);
    }
    bb_digits_destroy(d);
    bb_fonts_destroy(prop);
}

/* Text textures: one per render, all gone after destroy. */
static void test_no_leaks(bb_fonts *fonts, SDL_Renderer *r)
{
    int before = textures_live;
    SDL_Texture *t[10];
    for (int i = 0; i < 10; i++) {
        int w = 0, h = 0;
        t[i] = bb_text_render(r, fonts, i % 2 ? "Kupyansk" : "\xD8\xAC\xD9\x86\xD9\x8A\xD9\x81", &WHITE, &w, &h);
        CHECK(t[i] != NULL);
        CHECK(w > 0 && h > 0);
    }
    CHECK_INT(textures_live, before + 10);
    for (int i = 0; i < 10; i++)
        SDL_DestroyTexture(t[i]);
    CHECK_INT(textures_live, before);
    /* The font cache stays bounded however many sizes are asked for. */
    for (int px = 8; px < 8 + 3 * BB_FONTS_CACHE_MAX; px++)
        width_of(fonts, "cache");
    CHECK(bb_fonts_cache_count(fonts) <= BB_FONTS_CACHE_MAX);
    for (int px = 8; px < 8 + 3 * BB_FONTS_CACHE_MAX; px++) {
        int w = 0;
        bb_text_size(fonts, BB_WEIGHT_REGULAR, px, "cache", 5, &w, NULL);
        CHECK(w > 0);
    }
    CHECK(bb_fonts_cache_count(fonts) <= BB_FONTS_CACHE_MAX);
}

/* Text wider than the GPU's textures is scaled into one, drawn full size. */
static void test_texture_limit(bb_fonts *fonts, SDL_Renderer *r)
{
    fake_max_texture = 256;
    int w = 0, h = 0;
    SDL_Texture *t = bb_text_render(r, fonts, "Strategic Stability Dialogue", &WHITE, &w, &h);
    fake_max_texture = 0;
    CHECK(t != NULL);
    if (!t)
        return;
    int tw = 0, th = 0;
    SDL_QueryTexture(t, NULL, NULL, &tw, &th);
    CHECK(w > 256);
    CHECK_INT(tw, 256);
    CHECK_INT(th, h);
    SDL_DestroyTexture(t);
}

/*
 * The whole engine against a reference picture: one block per script and a
 * mixed line, white on transparent, compared by alpha.  Pure CPU rendering
 * (FreeType, HarfBuzz, the Debian fonts), so the tolerance is small: a
 * pixel differs when its alpha is off by more than REF_ALPHA_TOLERANCE, and
 * at most REF_MAX_BAD_PIXELS may.  A missing reference fails; set
 * BB_UPDATE_REFERENCES=1 to write it (then look at it).  On failure the
 * picture made is written as multiscript_err.png in the working directory.
 */
#define REF_ALPHA_TOLERANCE 24
#define REF_MAX_BAD_PIXELS 40

static void test_reference(bb_fonts *fonts)
{
    static const char *const lines[] = {
        "Strategic Stability Dialogue, Geneva",
        "\xD0\x9F\xD0\xB5\xD1\x80\xD0\xB5\xD0\xB3\xD0\xBE\xD0\xB2\xD0\xBE\xD1\x80\xD1\x8B "
        "\xD0\xB2 \xD0\x96\xD0\xB5\xD0\xBD\xD0\xB5\xD0\xB2\xD0\xB5 \xC2\xB7 "
        "\xCE\x93\xCE\xB5\xCE\xBD\xCE\xB5\xCF\x8D\xCE\xB7",
        "\xD9\x85\xD9\x81\xD8\xA7\xD9\x88\xD8\xB6\xD8\xA7\xD8\xAA \xD8\xAC\xD9\x86\xD9\x8A\xD9\x81 "
        "(2022)",
        "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xC2\xB7 \xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAE"
        "\xE4\xBC\x9A\xE8\xAD\xB0",
        "Geneva \xD8\xAC\xD9\x86\xD9\x8A\xD9\x81 2022",
    };
    const int width = 720, gap = 8;
    SDL_Surface *made[5] = {0};
    int height = 0;
    for (int i = 0; i < 5; i++) {
        bb_text_style st = WHITE;
        st.px = 36;
        made[i] = bb_text_render_surface(fonts, lines[i], &st);
        CHECK(made[i] != NULL);
        if (!made[i])
            goto done;
        height += made[i]->h + gap;
    }
    SDL_Surface *pic = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(pic != NULL);
    if (!pic)
        goto done;
    SDL_FillRect(pic, NULL, 0xFF101820);
    for (int i = 0, y = 0; i < 5; i++) {
        /* RTL paragraphs to the right, as a slide would set them. */
        bool rtl = bb_text_is_rtl(lines[i], strlen(lines[i]));
        SDL_Rect at = {bb_text_align_x(BB_ALIGN_START, rtl, width, made[i]->w), y, 0, 0};
        SDL_SetSurfaceBlendMode(made[i], SDL_BLENDMODE_BLEND);
        SDL_BlitSurface(made[i], NULL, pic, &at);
        y += made[i]->h + gap;
    }

    const char *data = getenv("BB_TEST_DATA");
    char ref_path[512], err_path[512];
    snprintf(ref_path, sizeof ref_path, "%s/text/multiscript.png", data ? data : "tests/data");
    /* The failure picture goes to the working directory (CTest's: the build
     * tree), never into the sources. */
    snprintf(err_path, sizeof err_path, "multiscript_err.png");
    const char *update = getenv("BB_UPDATE_REFERENCES");
    if (update && strcmp(update, "1") == 0) {
        CHECK_INT(IMG_SavePNG(pic, ref_path), 0);
        fprintf(stderr, "wrote %s: look at it before committing\n", ref_path);
    }
    SDL_Surface *loaded = IMG_Load(ref_path);
    SDL_Surface *ref = loaded ? SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    SDL_FreeSurface(loaded);
    if (!ref)
        fprintf(stderr, "%s: missing or unreadable (BB_UPDATE_REFERENCES=1 writes it)\n", ref_path);
    CHECK(ref != NULL);
    int bad = 0, first_x = -1, first_y = -1;
    if (ref) {
        CHECK_INT(ref->w, pic->w);
        CHECK_INT(ref->h, pic->h);
        for (int y = 0; y < pic->h && y < ref->h; y++)
            for (int x = 0; x < pic->w && x < ref->w; x++) {
                /* Grey on a fixed background: the green channel carries the text. */
                int a = (int)((((const Uint32 *)((const Uint8 *)pic->pixels + (size_t)y * pic->pitch))[x] >> 8) & 0xFF);
                int b = (int)((((const Uint32 *)((const Uint8 *)ref->pixels + (size_t)y * ref->pitch))[x] >> 8) & 0xFF);
                if (abs(a - b) > REF_ALPHA_TOLERANCE && bad++ == 0) {
                    first_x = x;
                    first_y = y;
                }
            }
    }
    if (!ref || bad > REF_MAX_BAD_PIXELS || ref->w != pic->w || ref->h != pic->h) {
        IMG_SavePNG(pic, err_path);
        fprintf(stderr, "multiscript: %d pixels differ (first at %d,%d); wrote %s\n", bad, first_x,
                first_y, err_path);
    }
    CHECK(bad <= REF_MAX_BAD_PIXELS);
    SDL_FreeSurface(ref);
    SDL_FreeSurface(pic);
done:
    for (int i = 0; i < 5; i++)
        SDL_FreeSurface(made[i]);
}

/* A family that is not installed is skipped with a warning naming it. */
static void test_missing_family(void)
{
    FILE *log = tmpfile();
    CHECK(log != NULL);
    if (!log)
        return;
    bb_log_set_stream(log);
    const char *families[] = {"No Such Family Briefboard", "DejaVu Sans"};
    bb_fonts *f = bb_fonts_create(families, 2);
    bb_log_set_stream(NULL);
    CHECK(f != NULL);
    if (f) {
        CHECK_INT(bb_fonts_missing_count(f), 1);
        CHECK_STR(bb_fonts_face_family(f, BB_WEIGHT_REGULAR, 0), "DejaVu Sans");
        CHECK_CONTAINS(bb_fonts_face_family(f, BB_WEIGHT_BOLD, 0), "DejaVu Sans");
        CHECK(strstr(bb_fonts_face_file(f, BB_WEIGHT_BOLD, 0), "Bold") != NULL);
        CHECK(bb_fonts_face_file(f, BB_WEIGHT_REGULAR, 0)[0] == '/');
    }
    bb_fonts_destroy(f);
    char text[512] = "";
    rewind(log);
    size_t n = fread(text, 1, sizeof text - 1, log);
    text[n] = '\0';
    fclose(log);
    CHECK_CONTAINS(text, "warning: ");
    CHECK_CONTAINS(text, "No Such Family Briefboard");
    CHECK(!bb_fonts_family_available("No Such Family Briefboard"));
    CHECK(bb_fonts_family_available("DejaVu Sans"));
    CHECK(bb_fonts_family_available("noto sans"));  /* case does not matter */
    CHECK(!bb_fonts_family_available(""));
}

/* A family with no bold face gets SDL_ttf's synthetic bold for bold text;
 * one with a bold face gets that face, unstyled. */
static void test_bold(bb_fonts *fonts)
{
    const char *families[] = {"Noto Sans Avestan"};
    bb_fonts *f = bb_fonts_create(families, 1);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_STR(bb_fonts_face_file(f, BB_WEIGHT_BOLD, 0), bb_fonts_face_file(f, BB_WEIGHT_REGULAR, 0));
    TTF_Font *bold = bb_fonts_get(f, BB_WEIGHT_BOLD, 0, 32);
    CHECK(bold && (TTF_GetFontStyle(bold) & TTF_STYLE_BOLD));
    /* ...and it really is heavier: more ink for the same Avestan letter. */
    SDL_Color white = {255, 255, 255, 255};
    SDL_Surface *heavy = bold ? TTF_RenderGlyph32_Blended(bold, 0x10B00, white) : NULL;
    TTF_Font *regular = bb_fonts_get(f, BB_WEIGHT_REGULAR, 0, 32);
    CHECK(regular && TTF_GetFontStyle(regular) == TTF_STYLE_NORMAL);
    SDL_Surface *light = regular ? TTF_RenderGlyph32_Blended(regular, 0x10B00, white) : NULL;
    CHECK(heavy && light);
    if (heavy && light)
        CHECK(ink_count(heavy) > ink_count(light) * 11 / 10);
    SDL_FreeSurface(heavy);
    SDL_FreeSurface(light);
    bb_fonts_destroy(f);

    CHECK(strstr(bb_fonts_face_file(fonts, BB_WEIGHT_BOLD, 0), "Bold") != NULL);
    /* Bold is wider than regular for the same text. */
    int wb = 0, wr = 0;
    bb_text_size(fonts, BB_WEIGHT_BOLD, PX, "Strategic Stability", 19, &wb, NULL);
    bb_text_size(fonts, BB_WEIGHT_REGULAR, PX, "Strategic Stability", 19, &wr, NULL);
    CHECK(wb > wr);
}

/*
 * With no font at all (fontconfig pointed at an empty configuration) create
 * fails with a clear error.  In a child process: fontconfig initialises once
 * per process.  Must run before anything else touches fontconfig.
 */
static void test_no_font_at_all(void)
{
    char dir[] = "/tmp/bb_test_text_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char conf[256];
    snprintf(conf, sizeof conf, "%s/fonts.conf", dir);
    FILE *f = fopen(conf, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fprintf(f, "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>%s</cachedir></fontconfig>\n", dir);
    fclose(f);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        setenv("FONTCONFIG_FILE", conf, 1);
        bb_log_set_level(BB_LOG_ERROR);
        const char *families[] = {"Noto Sans"};
        bb_fonts *fonts = bb_fonts_create(families, 1);
        int ok = fonts == NULL && strstr(SDL_GetError(), "no usable font") != NULL;
        if (!ok)
            fprintf(stderr, "create with no fonts: %p, \"%s\"\n", (void *)fonts, SDL_GetError());
        _exit(ok ? 0 : 1);
    }
    int status = 0;
    CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    /* Leave no litter: the cache directory may hold fontconfig's files. */
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
}

int main(void)
{
    test_no_font_at_all();
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    const char *families[] = {"Noto Sans", "DejaVu Sans"};
    bb_fonts *fonts = bb_fonts_create(families, 2);
    CHECK(fonts != NULL);
    if (!fonts) {
        fprintf(stderr, "fonts: %s\n", SDL_GetError());
        return bb_test_finish("test_text");
    }
    CHECK_STR(bb_fonts_face_family(fonts, BB_WEIGHT_REGULAR, 0), "Noto Sans");
    CHECK_INT(bb_fonts_missing_count(fonts), 0);
    /* Noto Sans's capitals are 0.714 em tall, its x-height 0.536 em. */
    int cap = bb_fonts_cap_height(fonts, BB_WEIGHT_BOLD, 100);
    CHECK(cap >= 70 && cap <= 73);
    int xh = bb_fonts_x_height(fonts, BB_WEIGHT_REGULAR, 100);
    CHECK(xh >= 52 && xh <= 56);

    SDL_Surface *target = SDL_CreateRGBSurfaceWithFormat(0, 800, 120, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = target ? SDL_CreateSoftwareRenderer(target) : NULL;
    CHECK(r != NULL);

    test_cyrillic_greek(fonts);
    test_arabic(fonts);
    test_marks(fonts);
    test_mixed_line(fonts);
    test_hebrew(fonts);
    test_cjk(fonts);
    test_layout_render(fonts);
    test_colour(fonts);
    test_paragraph_directions(fonts);
    test_controls(fonts);
    test_reference(fonts);
    if (r) {
        test_digits(fonts, r, target);
        test_no_leaks(fonts, r);
        test_texture_limit(fonts, r);
    }
    test_missing_family();
    test_bold(fonts);

    bb_fonts_destroy(fonts);
    bb_fonts_destroy(NULL);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(target);
    SDL_Quit();
    return bb_test_finish("test_text");
}
