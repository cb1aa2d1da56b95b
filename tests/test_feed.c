/*
 * test_feed: the feed reader (bb_feed) -- our RSS and Atom test feeds,
 * dates in both formats, ages, and bad feeds, each with the exact message
 * and line it must produce.
 *
 * A feed that goes bad keeps its last good items (bb_feedcache): read
 * again only when the file changes; refused when it no longer parses or
 * goes missing, with the good copy and its time kept; and on a feed slide
 * (drawn as the screen draws it) the items stay, marked "not updated
 * since", where a feed that never was good is a placeholder.
 */
#include <SDL.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bb_config.h"
#include "bb_diag.h"
#include "bb_feed.h"
#include "bb_feedcache.h"
#include "bb_fonts.h"
#include "bb_sandbox.h"
#include "bb_scene_private.h"
#include "bb_test.h"

typedef struct bad_feed {
    const char *text;
    bb_severity severity;
    int line;
    const char *message;   /* the whole message */
    bool parses;           /* a feed comes back (warnings only) */
} bad_feed;

#define XML "<?xml version=\"1.0\"?>\n"
#define RSS_OPEN XML "<rss version=\"2.0\"><channel><title>T</title>\n"
#define RSS_CLOSE "</channel></rss>\n"

static const bad_feed bad_feeds[] = {
    { "", BB_ERROR, 1, "XML: Document is empty", false },
    { "not xml at all\n", BB_ERROR, 1, "XML: Start tag expected, '<' not found", false },
    { XML "<rss>\n<channel>\n<title>T</title>\n</rss>\n", BB_ERROR, 5,
      "XML: Opening and ending tag mismatch: channel line 3 and rss", false },
    { XML "<schedule/>\n", BB_ERROR, 2,
      "the XML root element is <schedule>; a feed has <rss> (RSS 2.0) or <feed> (Atom)", false },
    { XML "<rss version=\"2.0\">\n</rss>\n", BB_ERROR, 2, "<rss> has no <channel>: not an RSS feed",
      false },
    { RSS_OPEN "<item>\n<link>https://example.org/</link></item>\n" RSS_CLOSE, BB_WARNING, 3,
      "item has no title (not shown)", true },
    { RSS_OPEN "<item><title>A</title>\n<pubDate>yesterday</pubDate></item>\n" RSS_CLOSE, BB_WARNING,
      4, "item's <pubDate> \"yesterday\" is not an RFC 822 date (\"Sat, 01 Feb 2025 09:40:00 "
         "+0000\") (shown without its age)", true },
    { RSS_OPEN "<item><title>A</title>\n<pubDate>Sat, 01 Feb 2025 09:40:00 XYZ</pubDate></item>\n"
      RSS_CLOSE, BB_WARNING, 4, "item's <pubDate> \"Sat, 01 Feb 2025 09:40:00 XYZ\" is not an RFC "
      "822 date (\"Sat, 01 Feb 2025 09:40:00 +0000\") (shown without its age)", true },
    { RSS_OPEN RSS_CLOSE, BB_WARNING, 0, "the feed has no items to show", true },
    { XML "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title>\n<entry>\n"
      "<title>A</title>\n<updated>2025-02-30T10:00:00Z</updated></entry></feed>\n", BB_WARNING, 5,
      "entry's <updated> \"2025-02-30T10:00:00Z\" is not an RFC 3339 date "
      "(\"2025-02-01T09:40:00Z\") (shown without its age)", true },
    /* An entity defined in the document is not expanded (no "billion
     * laughs"), and an external one is never fetched. */
    { XML "<!DOCTYPE rss [<!ENTITY a \"AAAAAAAAAA\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
      "<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>\n<rss><channel><title>T&b;&ext;</title>\n"
      "</channel></rss>\n", BB_WARNING, 0, "the feed has no items to show", true },
};

static void test_bad_feeds(void)
{
    for (size_t i = 0; i < sizeof bad_feeds / sizeof bad_feeds[0]; i++) {
        const bad_feed *c = &bad_feeds[i];
        bb_diag_list *diags = bb_diag_list_create();
        bb_feed *feed = bb_feed_parse(c->text, strlen(c->text), "news.xml", diags);
        int failures = bb_test_failures;
        CHECK(c->parses ? feed != NULL : feed == NULL);
        CHECK(bb_diag_count(diags) >= 1);
        const bb_diag *d = bb_diag_count(diags) > 0 ? bb_diag_get(diags, 0) : NULL;
        if (d) {
            CHECK_INT(d->severity, c->severity);
            CHECK_STR(d->file, "news.xml");
            CHECK_INT(d->line, c->line);
            CHECK_STR(d->message, c->message);
        }
        if (bb_test_failures != failures) {
            fprintf(stderr, "  in bad feed %zu, got:\n", i);
            bb_diag_print(diags, stderr);
        }
        if (feed && i == sizeof bad_feeds / sizeof bad_feeds[0] - 1)
            CHECK_STR(feed->title, "T");   /* neither entity expanded */
        bb_feed_destroy(feed);
        bb_diag_list_destroy(diags);
    }
}

static char *data_path(const char *name)
{
    static char path[1024];
    const char *base = getenv("BB_TEST_DATA");
    snprintf(path, sizeof path, "%s/feed/%s", base ? base : "tests/data", name);
    return path;
}

static void test_rss_file(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_feed *feed = bb_feed_load(data_path("briefings.rss"), "briefings.rss", diags);
    CHECK(feed != NULL);
    CHECK_INT(bb_diag_count(diags), 0);
    if (feed) {
        CHECK_INT(feed->kind, BB_FEED_RSS);
        CHECK_STR(feed->title, "Example Policy Institute – Daily Briefing");
        CHECK_INT(feed->n_items, 6);
        if (feed->n_items == 6) {
            CHECK_STR(feed->items[0].title, "Ceasefire talks resume in Geneva after a two-week pause");
            CHECK_INT(feed->items[0].time, 1738402800);   /* 2025-02-01T09:40:00Z */
            CHECK_STR(feed->items[1].title,
                      "Energy ministers agree on a joint gas storage target & a review in June");
            /* "+0100": 16:05 local is 15:05 UTC. */
            CHECK_INT(feed->items[2].time, 1738335900);
            CHECK_INT(feed->items[3].time, 1738231200);   /* GMT */
            CHECK_STR(feed->items[5].title, "Archive: the institute's 2024 annual review");
        }
    }
    bb_feed_destroy(feed);
    bb_diag_list_destroy(diags);
}

static void test_atom_file(void)
{
    bb_diag_list *diags = bb_diag_list_create();
    bb_feed *feed = bb_feed_load(data_path("briefings.atom"), "briefings.atom", diags);
    CHECK(feed != NULL);
    CHECK_INT(bb_diag_count(diags), 0);
    if (feed) {
        CHECK_INT(feed->kind, BB_FEED_ATOM);
        CHECK_STR(feed->title, "Example Centre for Regional Studies: Updates");
        CHECK_INT(feed->n_items, 3);
        if (feed->n_items == 3) {
            /* 10:05+01:00 is 09:05Z: newer than the entry published at
             * 18:30Z the day before (whose update at 06:00Z is ignored). */
            CHECK_STR(feed->items[0].title, "Regional assembly approves the 2025 transport budget");
            CHECK_INT(feed->items[0].time, 1738400700);
            CHECK_STR(feed->items[1].title, "Border crossings: waiting times halved since January");
            CHECK_INT(feed->items[1].time, 1738348200);
        }
    }
    bb_feed_destroy(feed);
    bb_diag_list_destroy(diags);

    diags = bb_diag_list_create();
    feed = bb_feed_load(data_path("no-such.atom"), "no-such.atom", diags);
    CHECK(feed == NULL);
    CHECK_INT(bb_diag_count(diags), 1);
    if (bb_diag_count(diags) == 1)
        CHECK_STR(bb_diag_get(diags, 0)->message,
                  "cannot open the feed: No such file or directory");
    bb_diag_list_destroy(diags);
}

static void test_dates_and_ages(void)
{
    bb_instant t = 0;
    CHECK_INT(bb_feed_parse_rfc822("Sat, 01 Feb 2025 09:40:00 +0000", &t), 0);
    CHECK_INT(t, 1738402800);
    CHECK_INT(bb_feed_parse_rfc822("1 Feb 2025 09:40 GMT", &t), 0);
    CHECK_INT(t, 1738402800);
    CHECK_INT(bb_feed_parse_rfc822("Sat, 01 Feb 25 04:40:00 EST", &t), 0);
    CHECK_INT(t, 1738402800);
    CHECK_INT(bb_feed_parse_rfc822("Sat, 30 Feb 2025 09:40:00 +0000", &t), -1);
    CHECK_INT(bb_feed_parse_rfc822("Sat, 01 Feb 2025 09:40:00 +2500", &t), -1);
    CHECK_INT(bb_feed_parse_rfc822("Sat, 01 Foo 2025 09:40:00 +0000", &t), -1);
    CHECK_INT(bb_feed_parse_rfc3339("2025-02-01T10:40:00.123+01:00", &t), 0);
    CHECK_INT(t, 1738402800);
    CHECK_INT(bb_feed_parse_rfc3339("2025-02-01T09:40:00", &t), -1);   /* no offset */
    CHECK_INT(bb_feed_parse_rfc3339("2025-02-01", &t), -1);

    char buf[BB_FEED_AGE_BUF];
    bb_instant now = 1738402800;
    bb_feed_age(now - 30, now, buf, sizeof buf);
    CHECK_STR(buf, "just now");
    bb_feed_age(now + 600, now, buf, sizeof buf);
    CHECK_STR(buf, "just now");
    bb_feed_age(now - 12 * 60, now, buf, sizeof buf);
    CHECK_STR(buf, "12 min ago");
    bb_feed_age(now - 2 * 3600 - 59, now, buf, sizeof buf);
    CHECK_STR(buf, "2 h ago");
    bb_feed_age(now - 3 * 86400, now, buf, sizeof buf);
    CHECK_STR(buf, "3 d ago");
}

static void test_limits(void)
{
    /* Too large: refused before parsing. */
    size_t big = BB_FEED_MAX_BYTES + 1;
    char *data = malloc(big);
    CHECK(data != NULL);
    if (!data)
        return;
    memset(data, ' ', big);
    bb_diag_list *diags = bb_diag_list_create();
    CHECK(bb_feed_parse(data, big, "big.xml", diags) == NULL);
    CHECK(bb_diag_count(diags) == 1 &&
          strcmp(bb_diag_get(diags, 0)->message, "the feed is larger than 4194304 bytes") == 0);
    bb_diag_list_destroy(diags);
    free(data);

    /* More items than kept: the newest BB_FEED_MAX_ITEMS stay. */
    size_t cap = 200 * 100 + 200;
    char *many = malloc(cap);
    CHECK(many != NULL);
    if (!many)
        return;
    size_t n = (size_t)snprintf(many, cap, "%s", RSS_OPEN);
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(many + n, cap - n, "<item><title>Item %d</title></item>\n", i);
    n += (size_t)snprintf(many + n, cap - n, "%s", RSS_CLOSE);
    diags = bb_diag_list_create();
    bb_feed *feed = bb_feed_parse(many, n, "many.xml", diags);
    CHECK(feed && feed->n_items == BB_FEED_MAX_ITEMS);
    if (feed && feed->n_items > 0)
        CHECK_STR(feed->items[0].title, "Item 0");
    bb_feed_destroy(feed);
    bb_diag_list_destroy(diags);
    free(many);

    /* Deep nesting: libxml2's depth limit, an error with a line, no crash. */
    size_t depth = 20000;
    char *deep = malloc(depth * 7 + 64);
    CHECK(deep != NULL);
    if (!deep)
        return;
    n = 0;
    for (size_t i = 0; i < depth; i++) {
        memcpy(deep + n, "<a>\n", 4);
        n += 4;
    }
    diags = bb_diag_list_create();
    CHECK(bb_feed_parse(deep, n, "deep.xml", diags) == NULL);
    CHECK(bb_diag_error_count(diags) == 1 && bb_diag_get(diags, 0)->line > 0);
    bb_diag_list_destroy(diags);
    free(deep);
}

static char *write_temp(const char *text, size_t len)
{
    char *path = strdup("/tmp/test_feed_XXXXXX");
    int fd = path ? mkstemp(path) : -1;
    CHECK(fd >= 0);
    if (fd < 0) {
        free(path);
        return NULL;
    }
    CHECK(write(fd, text, len) == (ssize_t)len);
    close(fd);
    return path;
}

/* Issue #16: feeds are decoded in a sandboxed child.  Its warnings come back
 * with their lines; a child stopped at its deadline is a refused feed, in
 * bounded time, and the caller carries on. */
static void test_sandboxed_load(void)
{
    const char *text = RSS_OPEN "<item>\n<link>https://example.org/</link></item>\n"
                       "<item><title>Kept</title></item>\n" RSS_CLOSE;
    char *path = write_temp(text, strlen(text));
    bb_diag_list *diags = bb_diag_list_create();
    bb_feed *feed = path ? bb_feed_load(path, "w.rss", diags) : NULL;
    CHECK(feed != NULL);
    if (feed) {
        CHECK_INT(feed->kind, BB_FEED_RSS);
        CHECK_STR(feed->title, "T");
        CHECK_INT(feed->n_items, 1);
        if (feed->n_items == 1)
            CHECK_STR(feed->items[0].title, "Kept");
    }
    CHECK_INT(bb_diag_count(diags), 1);
    if (bb_diag_count(diags) == 1) {
        CHECK_INT(bb_diag_get(diags, 0)->line, 3);
        CHECK_STR(bb_diag_get(diags, 0)->file, "w.rss");
        CHECK_STR(bb_diag_get(diags, 0)->message, "item has no title (not shown)");
    }
    bb_feed_destroy(feed);
    bb_diag_list_destroy(diags);
    if (path)
        unlink(path);
    free(path);

    /* 3 MB of items cannot be parsed in 1 ms: the child is stopped. */
    size_t cap = 3 * 1024 * 1024 + 256, n = 0;
    char *big = malloc(cap);
    CHECK(big != NULL);
    if (!big)
        return;
    n = (size_t)snprintf(big, cap, "%s", RSS_OPEN);
    while (n + 100 < cap - 64)
        n += (size_t)snprintf(big + n, cap - n, "<item><title>Item %zu</title></item>\n", n);
    n += (size_t)snprintf(big + n, cap - n, "%s", RSS_CLOSE);
    path = write_temp(big, n);
    free(big);
    bb_sandbox_limits lim = {.memory_bytes = 0, .cpu_seconds = 0, .deadline_ms = 1};
    diags = bb_diag_list_create();
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    feed = path ? bb_feed_load_limited(path, "big.rss", &lim, diags) : NULL;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK(feed == NULL);
    CHECK_INT(bb_diag_error_count(diags), 1);
    if (bb_diag_count(diags) >= 1) {
        CHECK_STR(bb_diag_get(diags, 0)->file, "big.rss");
        CHECK_STR(bb_diag_get(diags, 0)->message,
                  "the feed was refused: its decoder took longer than 0.0 s and was stopped");
    }
    double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK(took < 2.0);
    bb_feed_destroy(feed);
    bb_diag_list_destroy(diags);
    if (path)
        unlink(path);
    free(path);
}

/* The good feed, its broken replacement (an editor's half-saved file),
 * and when each was written. */
#define GOOD_FEED RSS_OPEN "<item><title>Talks resume in Geneva</title></item>\n" \
                  "<item><title>Grain shipments up 12 %</title></item>\n" RSS_CLOSE
#define BROKEN_FEED RSS_OPEN "<item><title>Talks resume in</title>\n"
#define GOOD_AT ((bb_instant)1738402800)   /* 2025-02-01T09:40:00Z */
#define BROKEN_AT (GOOD_AT + 1800)

/* text into path (replaced whole), modified at `when`. */
static void write_at(const char *path, const char *text, bb_instant when)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(text, 1, strlen(text), f) == strlen(text));
    fclose(f);
    struct timespec times[2] = {{(time_t)when, 0}, {(time_t)when, 0}};
    CHECK(utimensat(AT_FDCWD, path, times, 0) == 0);
}

static void test_cache_keeps_good_copy(void)
{
    char *path = write_temp("", 0);
    if (!path)
        return;
    bb_feedcache_clear();
    bb_feedcache_result got;
    int reads = bb_feedcache_reads();

    write_at(path, GOOD_FEED, GOOD_AT);
    CHECK_INT(bb_feedcache_get(path, "news.rss", GOOD_AT, &got), 0);
    CHECK(got.feed && !got.refused && got.news && got.as_of == GOOD_AT);
    CHECK_INT(got.feed ? got.feed->n_items : 0, 2);
    /* Unchanged: not read again (the slide asks once a minute). */
    CHECK_INT(bb_feedcache_get(path, "news.rss", GOOD_AT, &got), 0);
    CHECK(got.feed && !got.news);
    CHECK_INT(bb_feedcache_reads() - reads, 1);

    /* Broken: refused, once news, the good copy kept with its time. */
    write_at(path, BROKEN_FEED, BROKEN_AT);
    CHECK_INT(bb_feedcache_get(path, "news.rss", BROKEN_AT, &got), 0);
    CHECK(got.refused && got.news && got.as_of == GOOD_AT);
    CHECK(got.feed && got.feed->n_items == 2 &&
          strcmp(got.feed->items[0].title, "Talks resume in Geneva") == 0);
    CHECK(got.diags && bb_diag_error_count(got.diags) == 1);
    CHECK_INT(bb_feedcache_get(path, "news.rss", BROKEN_AT + 60, &got), 0);
    CHECK(got.refused && !got.news && got.as_of == GOOD_AT);
    CHECK_INT(bb_feedcache_reads() - reads, 2);

    /* Gone: refused again (news: another version), still the good copy. */
    unlink(path);
    CHECK_INT(bb_feedcache_get(path, "news.rss", 0, &got), 0);
    CHECK(got.refused && got.news && got.feed && got.as_of == GOOD_AT);

    /* Back and good: fresh items, fresh time (the control). */
    write_at(path, RSS_OPEN "<item><title>New</title></item>\n" RSS_CLOSE, BROKEN_AT + 600);
    CHECK_INT(bb_feedcache_get(path, "news.rss", BROKEN_AT + 600, &got), 0);
    CHECK(got.feed && !got.refused && got.feed->n_items == 1 && got.as_of == BROKEN_AT + 600);

    /* Never good: nothing to show. */
    char *never = write_temp(BROKEN_FEED, strlen(BROKEN_FEED));
    CHECK_INT(never ? bb_feedcache_get(never, "never.rss", 0, &got) : 0, -1);
    CHECK(got.refused && got.feed == NULL);
    bb_feedcache_clear();
    if (never)
        unlink(never);
    free(never);
    unlink(path);
    free(path);
}

/* Does the scene say text (a static text starting with it)? */
static bool scene_says(const bb_scene *s, const char *text)
{
    for (int i = 0; s && i < s->n_texts; i++)
        if (s->texts[i] && strncmp(s->texts[i], text, strlen(text)) == 0)
            return true;
    return false;
}

/* A config with the given slides list, its fonts and a 1280x720 software
 * renderer: what a feed slide's scene is made with. */
typedef struct slide_rig {
    bb_diag_list *diags;
    bb_config *cfg;
    bb_fonts *fonts;
    SDL_Surface *frame;
    SDL_Renderer *r;
} slide_rig;

/* Opens rig for `slides` (a libconfig list); false when any part failed
 * (a check has failed then; slide_rig_close still frees what was made). */
static bool slide_rig_open(slide_rig *rig, const char *slides)
{
    char text[2048];
    memset(rig, 0, sizeof *rig);
    snprintf(text, sizeof text,
             "version = 1;\n"
             "display = { fullscreen = false; time_zone = \"UTC\"; fonts = [ \"DejaVu Sans\" ]; };\n"
             "footer = { enabled = false; };\n"
             "slides = %s;\n", slides);
    rig->diags = bb_diag_list_create();
    rig->cfg = bb_config_load_string(text, "feed.cfg", NULL, rig->diags);
    if (!rig->cfg)
        bb_diag_print(rig->diags, stderr);
    CHECK(rig->cfg != NULL);
    rig->fonts = rig->cfg ? bb_fonts_create((const char *const *)rig->cfg->display.fonts.v,
                                            rig->cfg->display.fonts.n) : NULL;
    rig->frame = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_RGB888);
    rig->r = rig->frame ? SDL_CreateSoftwareRenderer(rig->frame) : NULL;
    CHECK(rig->fonts && rig->r);
    return rig->cfg && rig->fonts && rig->r;
}

static void slide_rig_close(slide_rig *rig)
{
    if (rig->r)
        SDL_DestroyRenderer(rig->r);
    SDL_FreeSurface(rig->frame);
    bb_fonts_destroy(rig->fonts);
    bb_config_destroy(rig->cfg);
    bb_diag_list_destroy(rig->diags);
}

/* The feed slide as the screen draws it: the good feed's items; broken,
 * the same items marked "not updated since"; a feed never good: the
 * placeholder. */
static void test_slide_keeps_items(void)
{
    char *path = write_temp("", 0), *never = write_temp(BROKEN_FEED, strlen(BROKEN_FEED));
    if (!path || !never)
        return;
    write_at(path, GOOD_FEED, GOOD_AT);
    char slides[512];
    snprintf(slides, sizeof slides,
             "( { type = \"feed\"; file = \"%s\"; },\n"
             "  { type = \"feed\"; file = \"%s\"; } )", path, never);
    slide_rig rig;
    bool opened = slide_rig_open(&rig, slides);
    SDL_Renderer *r = rig.r;
    bb_fonts *fonts = rig.fonts;
    bb_config *cfg = rig.cfg;
    if (opened) {
        bb_feedcache_clear();
        bb_frame_clock clock = { .wall = BROKEN_AT + 120, .synced = true };
        bb_scene *good = bb_scene_create(r, fonts, cfg, 0, 1280, 720, &clock);
        CHECK(scene_says(good, "Talks resume in Geneva"));
        CHECK(scene_says(good, "Grain shipments up 12 %"));
        CHECK(!scene_says(good, "not updated since"));
        bb_scene_destroy(good);

        write_at(path, BROKEN_FEED, BROKEN_AT);
        for (int round = 0; round < 2; round++) {   /* made again a minute later */
            clock.wall += 60;
            bb_scene *kept = bb_scene_create(r, fonts, cfg, 0, 1280, 720, &clock);
            CHECK(scene_says(kept, "Talks resume in Geneva"));
            CHECK(scene_says(kept, "Grain shipments up 12 %"));
            CHECK(scene_says(kept, "not updated since"));
            CHECK(!scene_says(kept, "Feed not available"));
            bb_scene_destroy(kept);
        }

        bb_scene *none = bb_scene_create(r, fonts, cfg, 1, 1280, 720, &clock);
        CHECK(scene_says(none, "Feed not available"));
        bb_scene_destroy(none);
        bb_feedcache_clear();
    }
    slide_rig_close(&rig);
    unlink(path);
    unlink(never);
    free(path);
    free(never);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* Sleep on the feed decoders' pipes and deadlines, as the display's loop
 * does, until a reading ends (at most 10 s). */
static void wait_for_feeds(void)
{
    unsigned gen = bb_feedcache_generation();
    for (double end = now_ms() + 10000; bb_feedcache_generation() == gen && now_ms() < end;) {
        struct pollfd fds[BB_FEEDCACHE_SLOTS];
        int n = bb_feedcache_pollfds(fds, BB_FEEDCACHE_SLOTS);
        int64_t due = bb_feedcache_ms_until_due();
        poll(fds, (nfds_t)n, due >= 0 && due < 100 ? (int)due : 100);
        bb_feedcache_poll();
    }
}

/* After the document: a comment may follow the root element. */
#define SLOW_MARK "<!-- briefboard-test-decoder:slow -->\n"

/* The running display reads feeds in the background: a slow decoder (the
 * test hook's 2 s) never holds up making the slide; it shows its heading
 * (the first time) or its last good items, waits, and is made again with
 * the new items once they are read. */
static void test_slide_in_background(void)
{
    char *path = write_temp("", 0);
    if (!path)
        return;
    write_at(path, GOOD_FEED SLOW_MARK, GOOD_AT);
    char slides[512];
    snprintf(slides, sizeof slides, "( { type = \"feed\"; file = \"%s\"; } )", path);
    slide_rig rig;
    bool opened = slide_rig_open(&rig, slides);
    SDL_Renderer *r = rig.r;
    bb_fonts *fonts = rig.fonts;
    bb_config *cfg = rig.cfg;
    setenv("BRIEFBOARD_TEST_DECODER", "1", 1);
    bb_feedcache_set_background(true);
    if (opened) {
        bb_feedcache_clear();
        int reads = bb_feedcache_reads();
        bb_frame_clock clock = { .wall = GOOD_AT + 120, .synced = true };
        double t0 = now_ms();
        bb_scene *first = bb_scene_create(r, fonts, cfg, 0, 1280, 720, &clock);
        double ms = now_ms() - t0;
        printf("background feed: slide made in %.0f ms while a 2000 ms decode runs\n", ms);
        CHECK(ms < 1000);
        CHECK(first && bb_scene_waiting(first));
        CHECK(!scene_says(first, "Talks resume in Geneva"));
        CHECK(!scene_says(first, "Feed not available"));
        CHECK(!bb_scene_stale(first, &clock));
        CHECK_INT(bb_feedcache_pollfds((struct pollfd[BB_FEEDCACHE_SLOTS]){{0}},
                                       BB_FEEDCACHE_SLOTS), 1);
        CHECK(bb_feedcache_ms_until_due() > 0);
        /* Asked again meanwhile (the next slide built ahead, a minute
         * later): no second decoder. */
        bb_feedcache_result got;
        CHECK_INT(bb_feedcache_get(path, "news.rss", 0, &got), -1);
        CHECK(got.pending && !got.refused && !got.news);
        wait_for_feeds();
        CHECK(bb_feedcache_ms_until_due() < 0);
        CHECK_INT(bb_feedcache_reads() - reads, 1);
        CHECK(bb_scene_stale(first, &clock));   /* made again now */
        bb_scene_destroy(first);
        bb_scene *ready = bb_scene_create(r, fonts, cfg, 0, 1280, 720, &clock);
        CHECK(ready && !bb_scene_waiting(ready));
        CHECK(scene_says(ready, "Talks resume in Geneva"));
        CHECK(scene_says(ready, "Grain shipments up 12 %"));
        bb_scene_destroy(ready);

        /* A new version, slow again: the last good items meanwhile. */
        write_at(path, RSS_OPEN "<item><title>New</title></item>\n" RSS_CLOSE SLOW_MARK,
                 GOOD_AT + 60);
        t0 = now_ms();
        bb_scene *kept = bb_scene_create(r, fonts, cfg, 0, 1280, 720, &clock);
        CHECK(now_ms() - t0 < 1000);
        CHECK(kept && bb_scene_waiting(kept));
        CHECK(scene_says(kept, "Talks resume in Geneva"));
        wait_for_feeds();
        CHECK(bb_scene_stale(kept, &clock));
        bb_scene_destroy(kept);
        bb_scene *fresh = bb_scene_create(r, fonts, cfg, 0, 1280, 720, &clock);
        CHECK(fresh && !bb_scene_waiting(fresh));
        CHECK(scene_says(fresh, "New"));
        CHECK(!scene_says(fresh, "Talks resume in Geneva"));
        bb_scene_destroy(fresh);

        /* Broken and slow: refused once read, the good copy kept, the
         * refusal news exactly once. */
        write_at(path, BROKEN_FEED SLOW_MARK, GOOD_AT + 120);
        CHECK_INT(bb_feedcache_get(path, "news.rss", 0, &got), 0);
        CHECK(got.pending && !got.news);
        wait_for_feeds();
        CHECK_INT(bb_feedcache_get(path, "news.rss", 0, &got), 0);
        CHECK(!got.pending && got.refused && got.news && got.feed && got.feed->n_items == 1);
        CHECK_INT(bb_feedcache_get(path, "news.rss", 0, &got), 0);
        CHECK(got.refused && !got.news);
        bb_feedcache_clear();
    }
    bb_feedcache_set_background(false);
    unsetenv("BRIEFBOARD_TEST_DECODER");
    slide_rig_close(&rig);
    unlink(path);
    free(path);
}

int main(void)
{
    test_bad_feeds();
    test_rss_file();
    test_atom_file();
    test_dates_and_ages();
    test_limits();
    test_sandboxed_load();
    test_cache_keeps_good_copy();
    test_slide_keeps_items();
    test_slide_in_background();
    SDL_Quit();
    return bb_test_finish("test_feed");
}
