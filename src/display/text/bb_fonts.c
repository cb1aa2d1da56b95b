/*
 * bb_fonts: font chains from fontconfig and a small LRU cache of TTF_Fonts.
 *
 * Fontconfig always answers FcFontMatch with *some* font, so a family that is
 * not installed is detected by comparing the requested name with the
 * families of the match.  Glyph coverage is asked of the font itself
 * (TTF_GlyphIsProvided32 on a small "probe" instance per face), because that
 * is what will draw; a codepoint -> face table keeps the per-character cost
 * of measuring low.
 */
#include "bb_fonts.h"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_log.h"
#include "bb_textmemo.h"

/* Size the probe fonts are opened at: glyph coverage does not depend on it. */
#define PROBE_PX 16
/* Faces fontconfig's sorted "sans-serif" list adds as a last resort. */
#define LAST_RESORT_FACES 3
/* Codepoint -> face memo entries per weight (direct mapped). */
#define FACE_MEMO_SIZE 512
/* Codepoints remembered as covered by no font on the system. */
#define UNCOVERED_MEMO_SIZE 64

typedef struct font_face {
    char *file;        /* absolute path from fontconfig */
    int index;         /* face index inside a collection (.ttc) */
    char *family;
    bool synth_bold;   /* bold was asked, the face is lighter: SDL_ttf emboldens */
    TTF_Font *probe;   /* opened on first use, for glyph coverage */
    bool probe_failed;
    void *map;         /* the file mapped read-only (face_open); NULL: not (yet) */
    size_t map_len;
    bool map_failed;   /* mapping failed once: open by name from then on */
} font_face;

typedef struct chain {
    font_face faces[BB_FONTS_MAX_FACES];
    int n;
    struct { uint32_t cp; int face; } memo[FACE_MEMO_SIZE];  /* face + 1; 0 = empty */
} chain;

typedef struct cache_entry {
    TTF_Font *font;
    int weight, face, px;
    unsigned long long used;  /* LRU clock */
} cache_entry;

struct bb_fonts {
    chain chains[BB_WEIGHT_COUNT];
    cache_entry cache[BB_FONTS_CACHE_MAX];
    int n_cache;
    unsigned long long clock;
    int missing;
    bool ttf_ready;
    uint32_t uncovered[UNCOVERED_MEMO_SIZE];
    int n_uncovered;
    bb_textmemo *measures;    /* shaped pieces' measures (bb_textline) */
};

static int chain_add_family(chain *c, const char *family, bb_weight weight, bool exact);
static int chain_add_pattern(chain *c, FcPattern *match, bb_weight weight);
static void chain_add_last_resort(chain *c, bb_weight weight);
static int chain_add_for_codepoint(chain *c, bb_weight weight, uint32_t cp);
static bool face_provides(font_face *f, uint32_t cp);
static bool family_matches(FcPattern *match, const char *family);
static FcPattern *pattern_for(const char *family, bb_weight weight);
static void chain_free(chain *c);
static bool chain_has_family(const chain *c, const char *family);
static bool needs_embolden(FcPattern *match);
static bool uncovered(const bb_fonts *fonts, uint32_t cp);
static void remember_uncovered(bb_fonts *fonts, uint32_t cp);
static const char *dedicated_family(uint32_t cp);
static int glyph_top(bb_fonts *fonts, bb_weight weight, int px, uint32_t cp);
static TTF_Font *face_open(font_face *f, int px);

/* Script fallbacks, in order, after the configured families. */
static const char *const FALLBACK_FAMILIES[] = {
    "Noto Sans",                                /* Latin, Cyrillic, Greek */
    "Noto Sans Arabic", "Noto Naskh Arabic",    /* Arabic */
    "Noto Sans Hebrew",                         /* Hebrew */
    "Noto Sans CJK SC", "Noto Sans CJK JP",     /* Chinese, Japanese, Korean */
    "DejaVu Sans",    /* much else, and Arabic and Hebrew where Noto's are missing */
    "Noto Sans Symbols", "Noto Sans Symbols 2", /* arrows, dingbats */
};

bb_fonts *bb_fonts_create(const char *const *families, int n)
{
    bb_fonts *fonts = calloc(1, sizeof *fonts);
    if (!fonts) {
        SDL_OutOfMemory();
        return NULL;
    }
    if (TTF_Init() < 0)
        goto fail;
    fonts->ttf_ready = true;
    fonts->measures = bb_textmemo_create();
    if (!fonts->measures)
        goto oom;
    if (!FcInit()) {
        SDL_SetError("no usable font: fontconfig did not initialise");
        goto fail;
    }
    for (int i = 0; i < n; i++) {
        if (!families[i] || !*families[i])
            continue;
        /* A family is present or missing for every weight alike: decide on
         * regular, and do not warn twice. */
        int found = chain_add_family(&fonts->chains[BB_WEIGHT_REGULAR], families[i],
                                     BB_WEIGHT_REGULAR, true);
        if (found < 0)
            goto oom;
        if (found == 0) {
            bb_log(BB_LOG_WARNING, "font family \"%s\" is not installed; falling back to the next",
                   families[i]);
            fonts->missing++;
            continue;
        }
        if (chain_add_family(&fonts->chains[BB_WEIGHT_BOLD], families[i], BB_WEIGHT_BOLD, true) < 0)
            goto oom;
    }
    for (int w = 0; w < BB_WEIGHT_COUNT; w++) {
        for (size_t i = 0; i < sizeof FALLBACK_FAMILIES / sizeof FALLBACK_FAMILIES[0]; i++)
            if (chain_add_family(&fonts->chains[w], FALLBACK_FAMILIES[i], (bb_weight)w, true) < 0)
                goto oom;
        chain_add_last_resort(&fonts->chains[w], (bb_weight)w);
        /* Drop leading faces that cannot be opened: face 0 must work. */
        chain *c = &fonts->chains[w];
        while (c->n > 0 && !face_provides(&c->faces[0], 'x') && c->faces[0].probe_failed) {
            bb_log(BB_LOG_WARNING, "font file %s cannot be opened; skipped", c->faces[0].file);
            if (c->faces[0].map)
                munmap(c->faces[0].map, c->faces[0].map_len);
            SDL_free(c->faces[0].file);
            SDL_free(c->faces[0].family);
            memmove(&c->faces[0], &c->faces[1], (size_t)(c->n - 1) * sizeof c->faces[0]);
            c->n--;
        }
        if (c->n == 0) {
            SDL_SetError("no usable font: fontconfig found none of the configured families, "
                         "no fallback (Noto Sans, DejaVu Sans) and no sans-serif font");
            goto fail;
        }
    }
    bb_log(BB_LOG_DEBUG, "fonts: primary %s (%s), %d faces in the chain",
           fonts->chains[0].faces[0].family, fonts->chains[0].faces[0].file,
           fonts->chains[0].n);
    return fonts;
oom:
    SDL_OutOfMemory();
fail:
    bb_fonts_destroy(fonts);
    return NULL;
}

void bb_fonts_destroy(bb_fonts *fonts)
{
    if (!fonts)
        return;
    for (int i = 0; i < fonts->n_cache; i++)
        TTF_CloseFont(fonts->cache[i].font);
    for (int w = 0; w < BB_WEIGHT_COUNT; w++)
        chain_free(&fonts->chains[w]);
    bb_textmemo_destroy(fonts->measures);
    if (fonts->ttf_ready)
        TTF_Quit();
    free(fonts);
}

bool bb_fonts_family_available(const char *family)
{
    if (!family || !*family || !FcInit())
        return false;
    FcPattern *pat = pattern_for(family, BB_WEIGHT_REGULAR);
    if (!pat)
        return false;
    FcResult res;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    bool found = match && family_matches(match, family);
    if (match)
        FcPatternDestroy(match);
    return found;
}

const char *bb_fonts_face_file(const bb_fonts *fonts, bb_weight weight, int face)
{
    const chain *c = &fonts->chains[weight];
    return face >= 0 && face < c->n ? c->faces[face].file : NULL;
}

const char *bb_fonts_face_family(const bb_fonts *fonts, bb_weight weight, int face)
{
    const chain *c = &fonts->chains[weight];
    return face >= 0 && face < c->n ? c->faces[face].family : NULL;
}

int bb_fonts_missing_count(const bb_fonts *fonts) { return fonts->missing; }

int bb_fonts_face_for(bb_fonts *fonts, bb_weight weight, uint32_t cp)
{
    chain *c = &fonts->chains[weight];
    unsigned slot = (unsigned)(cp * 2654435761u) % FACE_MEMO_SIZE;
    if (c->memo[slot].face && c->memo[slot].cp == cp)
        return c->memo[slot].face - 1;
    /* A face made for the script beats a general one that merely covers it,
     * even the primary: DejaVu Sans's Arabic has neither the design nor the
     * vertical room of Noto Sans Arabic.  Configuring such a family (say
     * "Noto Naskh Arabic") picks which one. */
    int found = -1;
    const char *made_for = dedicated_family(cp);
    for (int i = 0; made_for && i < c->n && found < 0; i++)
        if (strstr(c->faces[i].family, made_for) && face_provides(&c->faces[i], cp))
            found = i;
    for (int i = 0; i < c->n && found < 0; i++)
        if (face_provides(&c->faces[i], cp))
            found = i;
    /* Controls and the like are drawn by nobody: asking fontconfig would
     * only waste time. */
    if (found < 0 && cp >= 0x20 && !uncovered(fonts, cp)) {
        found = chain_add_for_codepoint(c, weight, cp);
        if (found < 0)
            remember_uncovered(fonts, cp);
    }
    if (found < 0)
        found = 0;
    c->memo[slot].cp = cp;
    c->memo[slot].face = found + 1;
    return found;
}

bool bb_fonts_face_has(bb_fonts *fonts, bb_weight weight, int face, uint32_t cp)
{
    chain *c = &fonts->chains[weight];
    return face >= 0 && face < c->n && face_provides(&c->faces[face], cp);
}

TTF_Font *bb_fonts_get(bb_fonts *fonts, bb_weight weight, int face_index, int px)
{
    chain *c = &fonts->chains[weight];
    if (face_index < 0 || face_index >= c->n) {
        SDL_SetError("font face %d out of range", face_index);
        return NULL;
    }
    if (px < BB_FONTS_MIN_PX || px > BB_FONTS_MAX_PX) {
        SDL_SetError("font size %d px out of range", px);
        return NULL;
    }
    fonts->clock++;
    for (int i = 0; i < fonts->n_cache; i++) {
        cache_entry *e = &fonts->cache[i];
        if (e->weight == (int)weight && e->face == face_index && e->px == px) {
            e->used = fonts->clock;
            return e->font;
        }
    }
    font_face *f = &c->faces[face_index];
    TTF_Font *font = face_open(f, px);
    if (!font)
        return NULL;
    if (f->synth_bold)
        TTF_SetFontStyle(font, TTF_STYLE_BOLD);
    /* Light hinting keeps glyph shapes and advances closer to the design at
     * the large sizes a wall display uses. */
    TTF_SetFontHinting(font, TTF_HINTING_LIGHT);
    int slot = fonts->n_cache;
    if (slot == BB_FONTS_CACHE_MAX) {
        slot = 0;
        for (int i = 1; i < fonts->n_cache; i++)
            if (fonts->cache[i].used < fonts->cache[slot].used)
                slot = i;
        TTF_CloseFont(fonts->cache[slot].font);
    } else {
        fonts->n_cache++;
    }
    fonts->cache[slot] = (cache_entry){font, (int)weight, face_index, px, fonts->clock};
    return font;
}

int bb_fonts_metrics(bb_fonts *fonts, bb_weight weight, int px, int *ascent, int *descent,
                     int *height)
{
    TTF_Font *font = bb_fonts_get(fonts, weight, 0, px);
    if (!font)
        return -1;
    int a = TTF_FontAscent(font), d = -TTF_FontDescent(font);
    if (d < 0)
        d = 0;
    if (ascent)
        *ascent = a;
    if (descent)
        *descent = d;
    if (height)
        *height = a + d;
    return 0;
}

int bb_fonts_cap_height(bb_fonts *fonts, bb_weight weight, int px)
{
    return glyph_top(fonts, weight, px, 'H');
}

int bb_fonts_x_height(bb_fonts *fonts, bb_weight weight, int px)
{
    return glyph_top(fonts, weight, px, 'x');
}

int bb_fonts_cache_count(const bb_fonts *fonts) { return fonts->n_cache; }

bb_textmemo *bb_fonts_textmemo(bb_fonts *fonts) { return fonts ? fonts->measures : NULL; }

/* ---- chains ---- */

/* Adds the face fontconfig matches for family.  exact: only when the match
 * really is that family.  Returns 1 when added or already present, 0 when
 * the family is not installed, -1 when out of memory. */
static int chain_add_family(chain *c, const char *family, bb_weight weight, bool exact)
{
    FcPattern *pat = pattern_for(family, weight);
    if (!pat)
        return -1;
    FcResult res;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    FcPatternDestroy(pat);
    if (!match)
        return 0;
    int r = 0;
    if (!exact || family_matches(match, family))
        r = chain_add_pattern(c, match, weight);
    FcPatternDestroy(match);
    return r;
}

/* Appends match's face unless the chain has it.  1 added or present, 0 not
 * usable (relative path, bitmap font, chain full), -1 out of memory. */
static int chain_add_pattern(chain *c, FcPattern *match, bb_weight weight)
{
    FcChar8 *file = NULL, *family = NULL;
    static FcChar8 no_name[] = "";
    int index = 0;
    FcBool scalable = FcTrue;
    if (FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch || file[0] != '/')
        return 0;  /* never a font relative to the working directory */
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    FcPatternGetBool(match, FC_SCALABLE, 0, &scalable);
    if (!scalable)
        return 0;
    if (FcPatternGetString(match, FC_FAMILY, 0, &family) != FcResultMatch)
        family = no_name;
    for (int i = 0; i < c->n; i++)
        if (c->faces[i].index == index && strcmp(c->faces[i].file, (const char *)file) == 0)
            return 1;
    if (c->n == BB_FONTS_MAX_FACES)
        return 0;
    font_face *f = &c->faces[c->n];
    memset(f, 0, sizeof *f);
    f->file = SDL_strdup((const char *)file);
    f->family = SDL_strdup((const char *)family);
    if (!f->file || !f->family) {
        SDL_free(f->file);
        SDL_free(f->family);
        return -1;
    }
    f->index = index;
    f->synth_bold = weight == BB_WEIGHT_BOLD && needs_embolden(match);
    c->n++;
    return 1;
}

/* Fontconfig's own best sans-serif fonts, in its order of preference. */
static void chain_add_last_resort(chain *c, bb_weight weight)
{
    FcPattern *pat = pattern_for("sans-serif", weight);
    if (!pat)
        return;
    FcResult res;
    FcFontSet *set = FcFontSort(NULL, pat, FcTrue, NULL, &res);
    for (int i = 0, added = 0; set && i < set->nfont && added < LAST_RESORT_FACES; i++) {
        /* Sorted by closeness, the list goes on with the italic and other
         * weights of families already here: new families only, upright. */
        FcChar8 *family = NULL;
        int slant = FC_SLANT_ROMAN;
        FcPatternGetInteger(set->fonts[i], FC_SLANT, 0, &slant);
        if (slant != FC_SLANT_ROMAN
            || FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &family) != FcResultMatch
            || chain_has_family(c, (const char *)family))
            continue;
        FcPattern *match = FcFontRenderPrepare(NULL, pat, set->fonts[i]);
        if (!match)
            continue;
        int before = c->n;
        chain_add_pattern(c, match, weight);
        added += c->n > before;
        FcPatternDestroy(match);
    }
    if (set)
        FcFontSetDestroy(set);
    FcPatternDestroy(pat);
}

/* Asks fontconfig for any font with cp; returns the new face's index, or -1. */
static int chain_add_for_codepoint(chain *c, bb_weight weight, uint32_t cp)
{
    FcPattern *pat = pattern_for("sans-serif", weight);
    FcCharSet *cs = FcCharSetCreate();
    int found = -1;
    if (!pat || !cs || !FcCharSetAddChar(cs, cp) || !FcPatternAddCharSet(pat, FC_CHARSET, cs))
        goto done;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    if (!match)
        goto done;
    FcCharSet *has = NULL;
    int before = c->n;
    if (FcPatternGetCharSet(match, FC_CHARSET, 0, &has) == FcResultMatch && FcCharSetHasChar(has, cp)
        && chain_add_pattern(c, match, weight) > 0) {
        for (int i = 0; i < c->n; i++)
            if (face_provides(&c->faces[i], cp)) {
                found = i;
                break;
            }
        if (found >= 0 && c->n > before)
            bb_log(BB_LOG_DEBUG, "fonts: U+%04X from %s", (unsigned)cp, c->faces[found].file);
    }
    FcPatternDestroy(match);
done:
    if (cs)
        FcCharSetDestroy(cs);
    if (pat)
        FcPatternDestroy(pat);
    return found;
}

static FcPattern *pattern_for(const char *family, bb_weight weight)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return NULL;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(pat, FC_WEIGHT, weight == BB_WEIGHT_BOLD ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    return pat;
}

/* Fontconfig substitutes silently: did it give the family we asked for? */
static bool family_matches(FcPattern *match, const char *family)
{
    FcChar8 *name;
    for (int i = 0; FcPatternGetString(match, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (strcasecmp((const char *)name, family) == 0)
            return true;
    return false;
}

static bool face_provides(font_face *f, uint32_t cp)
{
    if (!f->probe && !f->probe_failed) {
        f->probe = face_open(f, PROBE_PX);
        f->probe_failed = f->probe == NULL;
    }
    return f->probe && TTF_GlyphIsProvided32(f->probe, cp);
}

static void chain_free(chain *c)
{
    for (int i = 0; i < c->n; i++) {
        if (c->faces[i].probe)
            TTF_CloseFont(c->faces[i].probe);
        if (c->faces[i].map)
            munmap(c->faces[i].map, c->faces[i].map_len);
        SDL_free(c->faces[i].file);
        SDL_free(c->faces[i].family);
    }
    c->n = 0;
}

/* Did fontconfig give a lighter face for a bold request?  Its own verdict
 * (FC_EMBOLDEN, from the stock 90-synthetic.conf) when it has one, else the
 * face's weight, which may be stored as an integer or a double. */
static bool needs_embolden(FcPattern *match)
{
    FcBool embolden;
    if (FcPatternGetBool(match, FC_EMBOLDEN, 0, &embolden) == FcResultMatch)
        return embolden;
    double w;
    int iw;
    if (FcPatternGetDouble(match, FC_WEIGHT, 0, &w) == FcResultMatch)
        return w < FC_WEIGHT_DEMIBOLD;
    if (FcPatternGetInteger(match, FC_WEIGHT, 0, &iw) == FcResultMatch)
        return iw < FC_WEIGHT_DEMIBOLD;
    return false;
}

static bool chain_has_family(const chain *c, const char *family)
{
    for (int i = 0; i < c->n; i++)
        if (strcasecmp(c->faces[i].family, family) == 0)
            return true;
    return false;
}

static bool uncovered(const bb_fonts *fonts, uint32_t cp)
{
    int n = fonts->n_uncovered < UNCOVERED_MEMO_SIZE ? fonts->n_uncovered : UNCOVERED_MEMO_SIZE;
    for (int i = 0; i < n; i++)
        if (fonts->uncovered[i] == cp)
            return true;
    return false;
}

static void remember_uncovered(bb_fonts *fonts, uint32_t cp)
{
    fonts->uncovered[fonts->n_uncovered++ % UNCOVERED_MEMO_SIZE] = cp;
}

/* The word in the family names of faces made for cp's script ("Noto Sans
 * Arabic", "Noto Sans CJK SC"), for scripts that have such faces; NULL for
 * the rest. */
static const char *dedicated_family(uint32_t cp)
{
    if ((cp >= 0x600 && cp <= 0x6FF) || (cp >= 0x750 && cp <= 0x77F) || (cp >= 0x8A0 && cp <= 0x8FF)
        || (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF))
        return "Arabic";
    if ((cp >= 0x590 && cp <= 0x5FF) || (cp >= 0xFB1D && cp <= 0xFB4F))
        return "Hebrew";
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x3FFFF))
        return "CJK";
    return NULL;
}

/* How far the primary face's glyph for cp reaches above the baseline, px. */
static int glyph_top(bb_fonts *fonts, bb_weight weight, int px, uint32_t cp)
{
    TTF_Font *font = bb_fonts_get(fonts, weight, 0, px);
    int minx, maxx, miny, maxy, advance;
    if (!font || TTF_GlyphMetrics32(font, cp, &minx, &maxx, &miny, &maxy, &advance) < 0)
        return -1;
    return maxy;
}

/*
 * Face f at px.  FreeType reads a face's tables and glyphs on demand, and
 * from a file each read is a seek and a read (SDL's stdio stream flushes
 * its buffer on every seek): some 20,000 system calls to lay out a large
 * programme.  So the file is mapped once, read-only, and every size of the
 * face reads from memory; the pages are the page cache's, shared, not a
 * copy.  (Package upgrades replace font files by renaming a new one into
 * place, so the mapped file itself never changes under us.)  When mapping
 * fails the face is opened by name, as before.
 */
static TTF_Font *face_open(font_face *f, int px)
{
    if (!f->map && !f->map_failed) {
        int fd = open(f->file, O_RDONLY | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
            st.st_size <= INT_MAX) {
            void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (m != MAP_FAILED) {
                f->map = m;
                f->map_len = (size_t)st.st_size;
            }
        }
        if (fd >= 0)
            close(fd);
        f->map_failed = f->map == NULL;
    }
    if (!f->map)
        return TTF_OpenFontIndex(f->file, px, f->index);
    SDL_RWops *rw = SDL_RWFromConstMem(f->map, (int)f->map_len);
    /* freesrc: the stream (not the mapping) goes with the font. */
    return rw ? TTF_OpenFontIndexRW(rw, 1, px, f->index) : NULL;
}
