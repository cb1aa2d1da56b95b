/*
 * Languages on screen: a countdown, an agenda and the footer rendered in
 * every shipped language, checked by their words -- the texts the scenes
 * and the footer were given to draw (no OCR) -- and, for Arabic, that the
 * layout is mirrored: the agenda's heading, its highlight bar and the
 * countdown's words start on the right.  The board's and the feed slide's
 * own words and the change badges are checked in every language too.  Real fonts, SDL's software
 * renderer, LC_ALL=C (no glibc locale needed).
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_changes.h"
#include "bb_config.h"
#include "bb_diag.h"
#include "bb_fonts.h"
#include "bb_footer.h"
#include "bb_i18n.h"
#include "bb_scene_build.h"
#include "bb_scene_private.h"
#include "bb_test.h"

#define W 1920
#define H 988          /* the slide area of a 1080p screen with its footer */
#define NBSP "\xC2\xA0"
#define CFG_BUF 2048

typedef struct lang_case {
    const char *lang;
    const char *starts;     /* the word above the countdown */
    const char *countdown;  /* the big countdown, two days ahead */
    const char *agenda;     /* the agenda's default heading */
    const char *day;        /* the first rows' day header (tomorrow, the zone) */
    const char *rel;        /* the first row's relative time */
    const char *date;       /* the footer's date (with the replay marker) */
    const char *ticker;     /* the footer's next talk */
    const char *board;      /* the board's default heading */
    const char *now;        /* its column headers (landscape) */
    const char *next;
    const char *now_row;    /* portrait rows: "Now: <title>", "Next: <nothing more today>" */
    const char *next_row;
    const char *nothing;    /* the board with no talk left today */
    const char *feed_na;    /* a feed that cannot be read */
    const char *badge_new;  /* change badges: added, moved in time (to 10:00) */
    const char *badge_now;
    const char *start;      /* the countdown's place and start, joined the language's way */
} lang_case;

/* At Sun 9 Jan 2022 19:00 CET: Plenary (Geneva) Mon 10 Jan 09:00 CET is in
 * 14 h; Council (Brussels) Wed 12 Jan 10:00 CET in 2 d 15 h. */
static const lang_case CASES[] = {
    { "en", "STARTS IN", "2 d 15:00:00", "Upcoming talks", "Tomorrow · CET", "in 14 h 00 min",
      "replay · Sun, 9 Jan 2022", "Next: Plenary · Geneva · in 14 h 00 min",
      "Now and next", "Now", "Next", "Now: Keynote", "Next: nothing more today",
      "Nothing more today", "Feed not available", "new", "now 10:00",
      "Brussels · Wed, 12 Jan 2022, 10:00" NBSP "CET" },
    { "de", "BEGINNT IN", "2 T 15:00:00", "Nächste Termine", "Morgen · CET", "in 14 Std. 00 Min.",
      "Wiedergabe · So., 9. Jan. 2022", "Als Nächstes: Plenary · Geneva · in 14 Std. 00 Min.",
      "Jetzt und danach", "Jetzt", "Danach", "Jetzt: Keynote", "Danach: heute nichts mehr",
      "Heute nichts mehr", "Feed nicht verfügbar", "neu", "jetzt 10:00",
      "Brussels · Mi., 12. Jan. 2022, 10:00" NBSP "CET" },
    { "fr", "COMMENCE DANS", "2 j 15:00:00", "Prochains rendez-vous", "Demain · CET",
      "dans 14 h 00 min", "rejeu · dim. 9 janv. 2022",
      "Ensuite" NBSP ": Plenary · Geneva · dans 14 h 00 min",
      "En cours et à suivre", "En cours", "À suivre", "En cours" NBSP ": Keynote",
      "À suivre" NBSP ": plus rien aujourd’hui", "Plus rien aujourd’hui", "Flux indisponible",
      "nouveau", "désormais 10:00",
      "Brussels · mer. 12 janv. 2022 à 10:00" NBSP "CET" },
    { "es", "EMPIEZA EN", "2 d 15:00:00", "Próximas reuniones", "Mañana · CET", "en 14 h 00 min",
      "reproducción · dom, 9 ene 2022", "A continuación: Plenary · Geneva · en 14 h 00 min",
      "Ahora y a continuación", "Ahora", "A continuación", "Ahora: Keynote",
      "A continuación: nada más por hoy", "Nada más por hoy", "Fuente no disponible", "nuevo",
      "ahora 10:00", "Brussels · mié, 12 ene 2022, 10:00" NBSP "CET" },
    { "uk", "ПОЧАТОК ЧЕРЕЗ", "2 д 15:00:00", "Найближчі зустрічі", "Завтра · CET",
      "через 14 год 00 хв", "повтор · нд, 9 січ. 2022" NBSP "р.",
      "Далі: Plenary · Geneva · через 14 год 00 хв",
      "Зараз і далі", "Зараз", "Далі", "Зараз: Keynote", "Далі: сьогодні більше нічого",
      "Сьогодні більше нічого", "Стрічка недоступна", "нове", "тепер о 10:00",
      "Brussels · ср, 12 січ. 2022" NBSP "р. о 10:00" NBSP "CET" },
    { "ar", "يبدأ خلال", "2 ي 15:00:00", "الاجتماعات القادمة", "غدًا · CET",
      "خلال 14 س 00 د", "إعادة عرض · الأحد، 9 يناير 2022",
      "التالي: Plenary · Geneva · خلال 14 س 00 د",
      "الآن والتالي", "الآن", "التالي", "الآن: Keynote", "التالي: لا شيء آخر اليوم",
      "لا شيء آخر اليوم", "الموجز غير متاح", "جديد", "الآن 10:00",
      "Brussels · الأربعاء، 12 يناير 2022، 10:00 ص" NBSP "CET" },
    { "zh", "距开始", "2天15:00:00", "即将举行的会谈", "明天 · CET", "14小时00分钟后",
      "回放 · 2022年1月9日周日", "下一场：Plenary · Geneva · 14小时00分钟后",
      "当前与接下来", "当前", "接下来", "当前：Keynote", "接下来：今天没有更多安排",
      "今天没有更多安排", "订阅源不可用", "新增", "改为10:00",
      "Brussels · 2022年1月12日周三 10:00" NBSP "CET" },
};

static void check_board_and_feed(SDL_Renderer *r, bb_fonts *fonts, const lang_case *c);
static void check_badge_framed(const bb_scene *s, const lang_case *c);
static void check_safe_area(const bb_scene *s, int w, int h);
static void check_fills_at_start(const bb_scene *s, int w, bool rtl);
static void check_footer_floor(SDL_Renderer *r, bb_fonts *fonts);

static bool scene_says(const bb_scene *s, const char *text)
{
    for (int i = 0; i < s->n_texts; i++)
        if (s->texts[i] && strcmp(s->texts[i], text) == 0)
            return true;
    return false;
}

static const scene_live *live_of(const bb_scene *s, scene_live_kind kind)
{
    for (int i = 0; i < s->n_live; i++)
        if (s->live[i].kind == kind)
            return &s->live[i];
    return NULL;
}

/* Index of the scene item drawn from text `text`: items and texts are added
 * together by bb_scene_text, one each. */
static int item_of(const bb_scene *s, const char *text)
{
    for (int i = 0; i < s->n_texts && i < s->n_items; i++)
        if (s->texts[i] && strcmp(s->texts[i], text) == 0)
            return i;
    return -1;
}

static void check_language(SDL_Renderer *r, bb_fonts *fonts, const lang_case *c)
{
    char text[CFG_BUF];
    snprintf(text, sizeof text,
             "version = 1;\n"
             "display = { time_zone = \"Europe/Zurich\"; language = \"%s\"; };\n"
             "clock = { start = \"2022-01-09T19:00:00+01:00\"; };\n"
             "talks = (\n"
             "  { id = \"a\"; title = \"Plenary\"; venue = \"Geneva\"; start = \"2022-01-10T09:00\";\n"
             "    zone = \"Europe/Zurich\"; },\n"
             "  { id = \"b\"; title = \"Council\"; venue = \"Brussels\"; start = \"2022-01-12T10:00\";\n"
             "    zone = \"Europe/Brussels\"; } );\n"
             "slides = ( { type = \"countdown\"; talk = \"b\"; }, { type = \"agenda\"; } );\n",
             c->lang);
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = diags ? bb_config_load_string(text, "lang.cfg", NULL, diags) : NULL;
    CHECK(cfg != NULL);
    CHECK_INT(diags ? bb_diag_count(diags) : -1, 0);
    if (!cfg) {
        bb_diag_list_destroy(diags);
        return;
    }
    bb_frame_clock clock = { .wall = cfg->replay.start, .synced = true, .replay = true };

    bb_scene *cd = bb_scene_create(r, fonts, cfg, 0, W, H, &clock);
    CHECK(cd != NULL);
    if (cd) {
        const scene_live *label = live_of(cd, LIVE_STATE_LABEL);
        const scene_live *big = live_of(cd, LIVE_COUNTDOWN);
        CHECK(label && big);
        if (label && big) {
            CHECK_STR(label->text, c->starts);
            CHECK_STR(big->text, c->countdown);
            /* Right to left: the words start at the right margin. */
            SDL_Rect at = bb_scene_live_rect(label);
            if (bb_i18n_rtl(c->lang))
                CHECK(at.x + at.w >= W - cd->m.pad_x - 2 && at.x > W / 2);
            else
                CHECK(at.x <= cd->m.pad_x + 2);
        }
        CHECK(scene_says(cd, c->start));
        bb_scene_destroy(cd);
    }

    bb_scene *ag = bb_scene_create(r, fonts, cfg, 1, W, H, &clock);
    CHECK(ag != NULL);
    if (ag) {
        CHECK(scene_says(ag, c->agenda));
        CHECK(scene_says(ag, c->day));
        const scene_live *rel = live_of(ag, LIVE_RELATIVE);
        CHECK(rel != NULL);
        if (rel)
            CHECK_STR(rel->text, c->rel);
        int title = item_of(ag, c->agenda);
        CHECK(title >= 0);
        /* The highlight's bar (its second fill) marks the row's start. */
        CHECK(ag->n_fills >= 2);
        if (title >= 0 && ag->n_fills >= 2) {
            SDL_Rect t = ag->items[title].dst, bar = ag->fills[1].rect;
            if (bb_i18n_rtl(c->lang)) {
                CHECK(t.x + t.w >= W - ag->m.pad_x - 2);
                CHECK(bar.x > W / 2);
            } else {
                CHECK(t.x <= ag->m.pad_x + 2);
                CHECK(bar.x < W / 2);
            }
            /* The panel stays inside the slide's margins. */
            CHECK(ag->fills[0].rect.x >= ag->m.pad_x - 1);
            CHECK(ag->fills[0].rect.x + ag->fills[0].rect.w <= W - ag->m.pad_x + 1);
        }
        bb_scene_destroy(ag);
    }

    SDL_Rect area = { 144, 988, W - 288, 92 };
    bb_floor floor = bb_floor_for_canvas(W, 1080);
    bb_footer *f = bb_footer_create(r, fonts, cfg, area, &floor, &clock);
    CHECK(f != NULL);
    if (f) {
        CHECK_STR(bb_footer_date_text(f), c->date);
        CHECK_STR(bb_footer_ticker_text(f), c->ticker);
        /* On the countdown of the next talk, the ticker does not repeat it. */
        bb_footer_set_showing(f, 0);
        bb_footer_update(f, &clock);
        CHECK_STR(bb_footer_ticker_text(f), "");
        /* No replay: the plain date. */
        clock.replay = false;
        bb_footer_update(f, &clock);
        CHECK(strstr(c->date, bb_footer_date_text(f)) != NULL);
        CHECK(strlen(bb_footer_date_text(f)) < strlen(c->date));
        bb_footer_destroy(f);
    }
    /* Change badges in the slide's language: added; moved to Council's
     * 10:00 (Brussels). */
    char badge[BB_CHANGE_TEXT_BUF];
    bb_change_badge_text(&cfg->talks[0], BB_CHANGE_NEW, c->lang, BB_CLOCK_24H, badge, sizeof badge);
    CHECK_STR(badge, c->badge_new);
    bb_change_badge_text(&cfg->talks[1], BB_CHANGE_TIME, c->lang, BB_CLOCK_24H, badge,
                         sizeof badge);
    CHECK_STR(badge, c->badge_now);
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
    check_board_and_feed(r, fonts, c);
}

/* The board at 19:00 with Keynote on in Hall A (nothing after it) and Panel
 * next in Hall B; landscape has column headers, portrait prefixes each
 * line.  An hour later, after both: nothing more today.  And a feed slide
 * whose feed is broken. */
static void check_board_and_feed(SDL_Renderer *r, bb_fonts *fonts, const lang_case *c)
{
    char text[CFG_BUF];
    snprintf(text, sizeof text,
             "version = 1;\n"
             "display = { time_zone = \"Europe/Zurich\"; language = \"%s\"; };\n"
             "talks = (\n"
             "  { id = \"k\"; title = \"Keynote\"; room = \"Hall A\"; start = \"2022-01-09T18:30\";\n"
             "    end = \"2022-01-09T19:30\"; zone = \"Europe/Zurich\"; },\n"
             "  { id = \"p\"; title = \"Panel\"; room = \"Hall B\"; start = \"2022-01-09T19:40\";\n"
             "    end = \"2022-01-09T20:30\"; zone = \"Europe/Zurich\"; } );\n"
             "slides = ( { type = \"board\"; }, { type = \"feed\"; file = \"%s/feed/broken.rss\"; },\n"
             "  { type = \"takeaways\"; heading = \"%s\"; items = [ \"%s\", \"%s\", \"%s\" ]; },\n"
             "  { type = \"text\"; heading = \"%s\"; paragraphs = [ \"%s\" ];\n"
             "    qr_url = \"https://example.org/\"; qr_caption = \"%s\"; },\n"
             "  { type = \"agenda\"; } );\n",
             c->lang, getenv("BB_TEST_DATA"), c->board, c->now, c->next, c->nothing, c->board,
             c->nothing, c->next);
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = diags ? bb_config_load_string(text, "board.cfg", NULL, diags) : NULL;
    CHECK(cfg != NULL);
    if (!cfg) {
        bb_diag_print(diags, stderr);
        bb_diag_list_destroy(diags);
        return;
    }
    bb_civil seven = { .year = 2022, .month = 1, .day = 9, .hour = 19 };
    bb_instant at = bb_civil_to_instant(&seven, 3600);
    bb_frame_clock clock = { .wall = at, .synced = true };
    /* Panel was added to the programme: its row carries the badge. */
    cfg->talks[1].change = BB_CHANGE_NEW;
    cfg->talks[1].change_until = at + 24 * 3600;

    bb_scene *land = bb_scene_create(r, fonts, cfg, 0, W, H, &clock);
    CHECK(land != NULL);
    if (land) {
        CHECK(scene_says(land, c->board));
        CHECK(scene_says(land, c->now));
        CHECK(scene_says(land, c->next));
        check_badge_framed(land, c);
        check_safe_area(land, W, H);
        bb_scene_destroy(land);
    }
    /* The agenda's badge leads a small second line: framed there too. */
    bb_scene *ag = bb_scene_create(r, fonts, cfg, 4, W, H, &clock);
    CHECK(ag != NULL);
    if (ag) {
        check_badge_framed(ag, c);
        check_safe_area(ag, W, H);
        bb_scene_destroy(ag);
    }
    /* Every part of a takeaways and a text slide (in the language's own
     * script) inside the margins, at both orientations; the heading's rule
     * and the bullets on the side the text starts from. */
    for (int slide = 2; slide <= 3; slide++) {
        const int sizes[2][2] = { { W, H }, { 1080, 1800 } };
        for (int k = 0; k < 2; k++) {
            int w = sizes[k][0], h = sizes[k][1];
            bb_scene *sc = bb_scene_create(r, fonts, cfg, slide, w, h, &clock);
            CHECK(sc != NULL);
            if (!sc)
                continue;
            check_safe_area(sc, w, h);
            if (slide == 2)
                check_fills_at_start(sc, w, bb_i18n_rtl(c->lang));
            bb_scene_destroy(sc);
        }
    }
    bb_scene *port = bb_scene_create(r, fonts, cfg, 0, 1080, 1800, &clock);
    CHECK(port != NULL);
    if (port) {
        CHECK(scene_says(port, c->now_row));
        CHECK(scene_says(port, c->next_row));
        bb_scene_destroy(port);
    }
    clock.wall = at + 2 * 3600;
    bb_scene *late = bb_scene_create(r, fonts, cfg, 0, W, H, &clock);
    CHECK(late != NULL);
    if (late) {
        CHECK(scene_says(late, c->nothing));
        bb_scene_destroy(late);
    }
    bb_scene *feed = bb_scene_create(r, fonts, cfg, 1, W, H, &clock);
    CHECK(feed != NULL);
    if (feed) {
        bool found = false;
        for (int i = 0; i < feed->n_texts; i++)
            if (feed->texts[i] && strncmp(feed->texts[i], c->feed_na, strlen(c->feed_na)) == 0 &&
                feed->texts[i][strlen(c->feed_na)] == '\n')
                found = true;
        CHECK(found);
        bb_scene_destroy(feed);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

static bool inside(SDL_Rect in, SDL_Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}

/* The badge's words sit inside its frame (a script with a taller line
 * box than Latin, Arabic's, once spilled out of it). */
static void check_badge_framed(const bb_scene *s, const lang_case *c)
{
    CHECK_INT(s->n_badges, 1);
    if (s->n_badges >= 1)
        CHECK_STR(s->badges[0], c->badge_new);
    /* The frame: the one fill in the alert colour; some item inside it. */
    SDL_Color alert = { (Uint8)(s->cfg->display.palette.alert >> 16),
                        (Uint8)(s->cfg->display.palette.alert >> 8),
                        (Uint8)s->cfg->display.palette.alert, 255 };
    int frames = 0;
    for (int i = 0; i < s->n_fills; i++) {
        SDL_Color col = s->fills[i].color;
        if (col.r != alert.r || col.g != alert.g || col.b != alert.b)
            continue;
        frames++;
        bool framed = false;
        for (int k = 0; k < s->n_items; k++)
            if (inside(s->items[k].dst, s->fills[i].rect))
                framed = true;
        CHECK(framed);
    }
    CHECK_INT(frames, 1);
}

/* Every text and fill inside the slide's margins (1 px of rounding). */
static void check_safe_area(const bb_scene *s, int w, int h)
{
    SDL_Rect safe = { s->m.pad_x - 1, s->m.pad_y - 1, w - 2 * s->m.pad_x + 2,
                      h - 2 * s->m.pad_y + 2 };
    for (int i = 0; i < s->n_items; i++)
        if (!inside(s->items[i].dst, safe)) {
            fprintf(stderr, "item %d \"%s\" at %d,%d %dx%d outside the margins\n", i,
                    i < s->n_texts && s->texts[i] ? s->texts[i] : "", s->items[i].dst.x,
                    s->items[i].dst.y, s->items[i].dst.w, s->items[i].dst.h);
            CHECK(false);
        }
    for (int i = 0; i < s->n_fills; i++)
        if (!inside(s->fills[i].rect, safe)) {
            fprintf(stderr, "fill %d at %d,%d %dx%d outside the margins %dx%d\n", i,
                    s->fills[i].rect.x, s->fills[i].rect.y, s->fills[i].rect.w,
                    s->fills[i].rect.h, w, h);
            CHECK(false);
        }
}

/* A takeaways slide's fills (the heading's rule, the bullets) lead the
 * text: at the left margin left to right, at the right one right to left. */
static void check_fills_at_start(const bb_scene *s, int w, bool rtl)
{
    CHECK(s->n_fills >= 4);
    for (int i = 0; i < s->n_fills; i++) {
        SDL_Rect f = s->fills[i].rect;
        if (rtl)
            CHECK(f.x + f.w >= w - s->m.pad_x - 1);
        else
            CHECK(f.x <= s->m.pad_x + 1);
    }
}

/* The footer's ticker names the next talk to start, never a running one:
 * at 09:20 the Plenary (09:00-10:00) runs and the Council (12:00) is next;
 * at 12:20, with nothing left to start, the running Council is "Now:". */
static void check_footer_running(SDL_Renderer *r, bb_fonts *fonts, const char *lang,
                                 const char *at_0920, const char *at_1220)
{
    char text[CFG_BUF];
    snprintf(text, sizeof text,
             "version = 1;\n"
             "display = { time_zone = \"Europe/Zurich\"; language = \"%s\"; };\n"
             "talks = (\n"
             "  { id = \"a\"; title = \"Plenary\"; venue = \"Geneva\"; start = \"2022-01-10T09:00\";\n"
             "    zone = \"Europe/Zurich\"; duration_min = 60; },\n"
             "  { id = \"b\"; title = \"Council\"; venue = \"Brussels\"; start = \"2022-01-10T12:00\";\n"
             "    zone = \"Europe/Zurich\"; duration_min = 60; } );\n"
             "slides = ( { type = \"agenda\"; } );\n", lang);
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = diags ? bb_config_load_string(text, "running.cfg", NULL, diags) : NULL;
    CHECK(cfg != NULL);
    bb_civil c0920 = { 2022, 1, 10, 8, 20, 0 }, c1220 = { 2022, 1, 10, 11, 20, 0 };
    bb_frame_clock clock = { .wall = bb_civil_to_instant(&c0920, 0), .synced = true };
    SDL_Rect area = { 144, 988, W - 288, 92 };
    bb_floor floor = bb_floor_for_canvas(W, 1080);
    bb_footer *f = cfg ? bb_footer_create(r, fonts, cfg, area, &floor, &clock) : NULL;
    CHECK(f != NULL);
    if (f) {
        CHECK_STR(bb_footer_ticker_text(f), at_0920);
        clock.wall = bb_civil_to_instant(&c1220, 0);
        bb_footer_update(f, &clock);
        CHECK_STR(bb_footer_ticker_text(f), at_1220);
        bb_footer_destroy(f);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

/* A ticker too long for its line shrinks to the screen's legibility floor
 * and no further (then it is cut): at 1080p the footer's strip is 77 px
 * high (bb_compose), and a floor worked out from that strip instead of the
 * screen let it go down to 23 px, under the floor's 27. */
static void check_footer_floor(SDL_Renderer *r, bb_fonts *fonts)
{
    const char *text =
        "version = 1;\n"
        "display = { time_zone = \"Europe/Zurich\"; };\n"
        "talks = ( { id = \"a\"; title = \"A very long title for a talk that goes on and on "
        "about the many ways a title can be far too long for the one line of a footer\";\n"
        "    venue = \"The Great Hall of the Palais des Nations\"; start = \"2022-01-10T09:00\";\n"
        "    zone = \"Europe/Zurich\"; duration_min = 60; } );\n"
        "slides = ( { type = \"agenda\"; } );\n";
    bb_diag_list *diags = bb_diag_list_create();
    bb_config *cfg = diags ? bb_config_load_string(text, "floor.cfg", NULL, diags) : NULL;
    CHECK(cfg != NULL);
    bb_civil c = { 2022, 1, 10, 7, 0, 0 };
    bb_frame_clock clock = { .wall = bb_civil_to_instant(&c, 0), .synced = true };
    int fh = cfg ? bb_footer_height(cfg, W, 1080) : 0;
    SDL_Rect area = { 144, 1080 - fh, W - 288, fh - fh / 6 };
    bb_floor floor = bb_floor_for_canvas(W, 1080);
    bb_footer *f = cfg ? bb_footer_create(r, fonts, cfg, area, &floor, &clock) : NULL;
    CHECK(f != NULL);
    if (f) {
        CHECK(strstr(bb_footer_ticker_text(f), "A very long title") != NULL);
        CHECK_INT(bb_footer_ticker_px(f), floor.text_px);
        bb_footer_destroy(f);
    }
    bb_config_destroy(cfg);
    bb_diag_list_destroy(diags);
}

int main(void)
{
    setenv("LC_ALL", "C", 1);
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, W, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    const char *families[] = { "Noto Sans", "DejaVu Sans" };
    bb_fonts *fonts = r ? bb_fonts_create(families, 2) : NULL;
    CHECK(fonts != NULL);
    if (fonts)
        for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++)
            check_language(r, fonts, &CASES[i]);
    if (fonts) {
        check_footer_running(r, fonts, "en", "Next: Council · Brussels · in 2 h 40 min",
                             "Now: Council · Brussels · LIVE");
        check_footer_running(r, fonts, "de", "Als Nächstes: Council · Brussels · in 2 Std. 40 Min.",
                             "Jetzt: Council · Brussels · LIVE");
        check_footer_floor(r, fonts);
    }
    bb_fonts_destroy(fonts);
    if (r)
        SDL_DestroyRenderer(r);
    SDL_FreeSurface(surface);
    bb_i18n_shutdown();
    SDL_Quit();
    return bb_test_finish("test_i18n_render");
}
