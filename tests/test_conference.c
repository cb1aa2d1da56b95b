/*
 * test_conference: FOSDEM 2025's published programme (943 talks, 40 rooms,
 * tests/data/conference) on boards, agendas and a twelve-item takeaways
 * slide, at the four promised sizes and at many instants of both days in
 * Brussels: every text drawn -- every page of every slide, live texts
 * included -- is at or above the screen's legibility floor (titles and
 * times at the title floor), nothing needs "…" where paging could avoid
 * it, and every takeaway appears on exactly one page.
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_compose.h"
#include "bb_config.h"
#include "bb_diag.h"
#include "bb_fonts.h"
#include "bb_log.h"
#include "bb_scene_build.h"
#include "bb_scene_private.h"
#include "bb_test.h"
#include "bb_time.h"

#define PATH_LEN 4096
#define MAX_PAGES_CHECKED 40

static const struct { int w, h; } SIZES[] = {
    { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 }, { 1080, 1920 },
};

static long texts_checked;

static int rooms_listed(const bb_config *cfg, const bb_scene *s);

/* Every text item and live text of a scene against the floor. */
static void check_floor(const bb_scene *s, const bb_floor *f, const char *where)
{
    for (int i = 0; i < s->n_items; i++) {
        const scene_item *it = &s->items[i];
        if (it->px == 0)
            continue;
        texts_checked++;
        if (!bb_floor_ok(f, it->role, it->px)) {
            CHECK(bb_floor_ok(f, it->role, it->px));
            fprintf(stderr, "%s: text %d at %d px, floor %d\n", where, i, it->px,
                    bb_floor_px(f, it->role));
        }
    }
    for (int i = 0; i < s->n_live; i++) {
        const scene_live *l = &s->live[i];
        if (!l->text[0])
            continue;
        texts_checked++;
        bb_text_role role = l->kind == LIVE_STATE_LABEL ? BB_ROLE_SECONDARY : BB_ROLE_TITLE;
        if (!bb_floor_ok(f, role, l->drawn_px)) {
            CHECK(bb_floor_ok(f, role, l->drawn_px));
            fprintf(stderr, "%s: live \"%s\" at %d px, floor %d\n", where, l->text, l->drawn_px,
                    bb_floor_px(f, role));
        }
    }
}

/* Count a takeaways page's bullets: its accent fills but the rule. */
static int bullets(const bb_scene *s)
{
    int n = 0;
    for (int i = 0; i < s->n_fills; i++)
        if (s->fills[i].rect.w == s->fills[i].rect.h)
            n++;
    return n;
}

static void check_size(const bb_config *cfg, bb_fonts *fonts, int w, int h, bb_instant at,
                       const char *when)
{
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    bb_compose *c = r ? bb_compose_create(r, fonts, cfg, w, h) : NULL;
    CHECK(c != NULL);
    if (!c)
        goto done;
    SDL_Rect area = bb_compose_slide_area(c);
    bb_floor f = bb_floor_for_canvas(w, h);
    bb_frame_clock clock = { .wall = at, .synced = true };
    for (int i = 0; i < cfg->n_slides; i++) {
        const bb_slide *sl = &cfg->slides[i];
        int pages = 1, items = 0;
        for (int p = 0; p < pages && p < MAX_PAGES_CHECKED; p++) {
            bb_scene_spec spec = { i, p, area.w, area.h, w, h, false };
            bb_scene *s = bb_scene_make(r, fonts, cfg, &spec, &clock);
            CHECK(s != NULL);
            if (!s)
                break;
            pages = bb_scene_pages(s);
            CHECK_INT(bb_scene_page(s), p);
            char where[200];
            snprintf(where, sizeof where, "slide %d (%s) page %d/%d at %dx%d, %s", i + 1,
                     bb_slide_type_name(sl->type), p + 1, pages, w, h, when);
            check_floor(s, &f, where);
            if (s->overflow) {
                CHECK(!s->overflow);
                fprintf(stderr, "%s: %s does not fit\n", where, s->overflow_what);
            }
            if (sl->type == BB_SLIDE_TAKEAWAYS)
                items += bullets(s);
            bb_scene_destroy(s);
        }
        if (sl->type == BB_SLIDE_TAKEAWAYS) {
            /* Twelve items, each on one page, none cut; at 1080 lines
             * (and 720) they need more than one page. */
            CHECK_INT(items, sl->items.n);
            if (w == 1920 || w == 1280)
                CHECK(pages >= 2);
        }
        if (sl->type == BB_SLIDE_AGENDA)
            CHECK(pages <= sl->max_pages);
    }
done:
    bb_compose_destroy(c);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
}

/* The board really lists rooms, pages, and keeps the `rooms` order. */
static void check_board(const bb_config *cfg, bb_fonts *fonts)
{
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    bb_civil sat = { 2025, 2, 1, 10, 20, 0 };   /* 11:20 in Brussels */
    bb_frame_clock clock = { .wall = bb_civil_to_instant(&sat, 0), .synced = true };
    bb_scene_spec spec = { 0, 0, 1920, 988, 1920, 1080, false };  /* 1080p less its footer */
    bb_scene *s = r ? bb_scene_make(r, fonts, cfg, &spec, &clock) : NULL;
    CHECK(s != NULL);
    if (s) {
        /* 40 rooms at 11:20 on the Saturday: far more than one page, and
         * the first holds the four rows (three lines each at the floor)
         * that fit at 1080 lines. */
        CHECK(bb_scene_pages(s) >= 4);
        CHECK_INT(rooms_listed(cfg, s), 4);
        CHECK(s->n_live >= 4);
        CHECK(s->stale_at > clock.wall);
    }
    bb_scene_destroy(s);
    /* After the last talk of the Sunday: nothing more, one page. */
    bb_civil late = { 2025, 2, 2, 22, 0, 0 };
    clock.wall = bb_civil_to_instant(&late, 0);
    s = r ? bb_scene_make(r, fonts, cfg, &spec, &clock) : NULL;
    CHECK(s != NULL);
    if (s) {
        CHECK_INT(bb_scene_pages(s), 1);
        CHECK_INT(s->n_live, 0);
    }
    bb_scene_destroy(s);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
}

/* Pages are full but the last two, which share the rest: 29 rows of which
 * 4 fit a page are 4 4 4 4 4 4 3 2 (not 4 rows and a lone one, nor pages
 * of 3 where 4 fit). */
static void check_paginate(void)
{
    bb_scene *s = calloc(1, sizeof *s);
    CHECK(s != NULL);
    if (!s)
        return;
    int heights[29];
    for (int i = 0; i < 29; i++)
        heights[i] = 100;
    static const int want[] = { 4, 4, 4, 4, 4, 4, 3, 2 };
    int next = 0;
    for (int p = 0; p < 8; p++) {
        int first = -1, count = -1;
        s->page = p;
        bb_scene_paginate(s, heights, NULL, 29, 0, 10, 450, 0, &first, &count);
        CHECK_INT(s->pages, 8);
        CHECK_INT(first, next);
        CHECK_INT(count, want[p]);
        next = first + count;
    }
    CHECK_INT(next, 29);
    /* Two pages: shared evenly (5 rows: 3 and 2). */
    int first, count;
    s->page = 0;
    bb_scene_paginate(s, heights, NULL, 5, 0, 10, 450, 0, &first, &count);
    CHECK_INT(s->pages, 2);
    CHECK_INT(count, 3);
    /* One page: all of it. */
    bb_scene_paginate(s, heights, NULL, 3, 0, 10, 450, 0, &first, &count);
    CHECK_INT(s->pages, 1);
    CHECK_INT(count, 3);
    free(s);
}

/* Rooms a board scene lists: its texts that name a talk's room. */
static int rooms_listed(const bb_config *cfg, const bb_scene *s)
{
    int n = 0;
    for (int i = 0; i < s->n_texts; i++) {
        bool room = false;
        for (int t = 0; t < cfg->n_talks && !room && s->texts[i]; t++)
            room = cfg->talks[t].room && strcmp(cfg->talks[t].room, s->texts[i]) == 0;
        n += room;
    }
    return n;
}

/* Two scenes of one page agree on every part's place and size, on what
 * did not fit and on the pages. */
static void check_same_layout(const bb_scene *a, const bb_scene *b, const char *where)
{
    bool same = a->n_items == b->n_items && a->n_live == b->n_live && a->n_fills == b->n_fills &&
                a->n_boxes == b->n_boxes && a->overflow == b->overflow &&
                bb_scene_pages(a) == bb_scene_pages(b);
    for (int i = 0; same && i < a->n_items; i++)
        same = SDL_RectEquals(&a->items[i].dst, &b->items[i].dst) &&
               a->items[i].px == b->items[i].px;
    for (int i = 0; same && i < a->n_live; i++) {
        SDL_Rect ra = bb_scene_live_rect(&a->live[i]), rb = bb_scene_live_rect(&b->live[i]);
        same = SDL_RectEquals(&ra, &rb) && a->live[i].drawn_px == b->live[i].drawn_px &&
               strcmp(a->live[i].text, b->live[i].text) == 0;
    }
    for (int i = 0; same && i < a->n_boxes; i++)
        same = SDL_RectEquals(&a->boxes[i], &b->boxes[i]);
    CHECK(same);
    if (!same)
        fprintf(stderr, "%s: the laid-out scene differs from the drawn one\n", where);
}

/* --check lays scenes out without drawing them (layout_only): every page
 * of every slide at the four sizes is the same as the drawn scene. */
static void check_layout_only(const bb_config *cfg, bb_fonts *fonts)
{
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    bb_civil sat = { 2025, 2, 1, 10, 20, 0 };   /* 11:20 in Brussels */
    bb_frame_clock clock = { .wall = bb_civil_to_instant(&sat, 0), .synced = true };
    int compared = 0;
    for (size_t k = 0; r && k < sizeof SIZES / sizeof SIZES[0]; k++) {
        int w = SIZES[k].w, h = SIZES[k].h;
        bb_compose *c = bb_compose_create(r, fonts, cfg, w, h);
        CHECK(c != NULL);
        if (!c)
            continue;
        SDL_Rect area = bb_compose_slide_area(c);
        for (int i = 0; i < cfg->n_slides; i++) {
            int pages = 1;
            for (int p = 0; p < pages && p < MAX_PAGES_CHECKED; p++) {
                bb_scene_spec spec = { i, p, area.w, area.h, w, h, false };
                bb_scene *drawn = bb_scene_make(r, fonts, cfg, &spec, &clock);
                spec.layout_only = true;
                bb_scene *laid = bb_scene_make(r, fonts, cfg, &spec, &clock);
                CHECK(drawn != NULL && laid != NULL);
                if (drawn && laid) {
                    char where[96];
                    snprintf(where, sizeof where, "slide %d page %d at %dx%d", i + 1, p + 1, w, h);
                    check_same_layout(drawn, laid, where);
                    pages = bb_scene_pages(drawn);
                    compared++;
                    for (int j = 0; j < laid->n_items; j++)
                        CHECK(laid->items[j].tex == NULL);
                }
                bb_scene_destroy(drawn);
                bb_scene_destroy(laid);
            }
        }
        bb_compose_destroy(c);
    }
    CHECK(compared > 4 * 6);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
}

/* The packaged examples load with no message at all. */
static void check_examples(void)
{
    const char *src = getenv("BB_SOURCE_DIR");
    static const char *const names[] = { "lobby.cfg", "door.cfg" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[PATH_LEN];
        snprintf(path, sizeof path, "%s/config/examples/%s", src ? src : ".", names[i]);
        bb_diag_list *d = bb_diag_list_create();
        bb_config *cfg = d ? bb_config_load_file(path, d) : NULL;
        if (d)
            bb_diag_print(d, stderr);
        CHECK(cfg != NULL);
        CHECK_INT(d ? bb_diag_count(d) : -1, 0);
        CHECK(cfg && cfg->n_talks == 48);
        bb_config_destroy(cfg);
        bb_diag_list_destroy(d);
    }
}

int main(void)
{
    const char *data = getenv("BB_TEST_DATA");
    char path[PATH_LEN];
    snprintf(path, sizeof path, "%s/conference/fosdem.cfg", data ? data : "tests/data");
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = diags ? bb_config_load_file(path, diags) : NULL;
    bb_fonts *fonts = NULL;
    if (diags)
        bb_diag_print(diags, stderr);
    CHECK(cfg != NULL);
    if (!cfg)
        goto done;
    CHECK_INT(cfg->n_talks, 943);
    fonts = bb_fonts_create((const char *const *)cfg->display.fonts.v, cfg->display.fonts.n);
    CHECK(fonts != NULL);
    if (!fonts)
        goto done;
    bb_log_set_level(BB_LOG_ERROR);
    check_examples();
    check_board(cfg, fonts);
    check_layout_only(cfg, fonts);
    check_paginate();
    /* Both days, 08:40 to 19:40 in Brussels (UTC+1), every 100 minutes at
     * odd minutes: talks starting, running, just ended, between talks. */
    for (int day = 1; day <= 2; day++)
        for (int minute = 7 * 60 + 40; minute <= 18 * 60 + 40; minute += 100) {
            bb_civil utc = { 2025, 2, day, minute / 60, minute % 60, 0 };
            bb_instant at = bb_civil_to_instant(&utc, 0);
            char when[64];
            snprintf(when, sizeof when, "%d Feb %02d:%02d CET", day, minute / 60 + 1, minute % 60);
            for (size_t k = 0; k < sizeof SIZES / sizeof SIZES[0]; k++)
                check_size(cfg, fonts, SIZES[k].w, SIZES[k].h, at, when);
        }
    /* The same programme under an Arabic interface (mirrored, 12-hour
     * times with Arabic day-period letters, an Arabic day heading): every
     * row still holds its texts at the floor, with nothing shortened.  A
     * few instants: the layout is the same mirrored, the words differ. */
    free(cfg->display.language);
    cfg->display.language = strdup("ar");
    CHECK(cfg->display.language != NULL);
    for (int minute = 9 * 60 + 40; minute <= 13 * 60 + 40; minute += 200) {
        bb_civil utc = { 2025, 2, 1, minute / 60, minute % 60, 0 };
        bb_instant at = bb_civil_to_instant(&utc, 0);
        char when[64];
        snprintf(when, sizeof when, "1 Feb %02d:%02d CET, in Arabic", minute / 60 + 1, minute % 60);
        for (size_t k = 0; k < sizeof SIZES / sizeof SIZES[0]; k++)
            check_size(cfg, fonts, SIZES[k].w, SIZES[k].h, at, when);
    }
    /* The checks bite: a 20 px text at 1080 lines is below the floor. */
    bb_floor f = bb_floor_for_canvas(1920, 1080);
    CHECK(!bb_floor_ok(&f, BB_ROLE_SECONDARY, 20));
    CHECK(texts_checked > 10000);
    printf("texts checked against the floor: %ld\n", texts_checked);
done:
    bb_fonts_destroy(fonts);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    return bb_test_finish("test_conference");
}
