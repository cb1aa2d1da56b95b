/*
 * test_textmemo: the memo of shaped pieces' measures (bb_textmemo) on its
 * own, and through the fonts: a measure looked up is the measure made.
 */
#include <SDL.h>
#include <string.h>

#include "bb_fonts.h"
#include "bb_test.h"
#include "bb_text.h"
#include "bb_textmemo.h"

static void test_memo_alone(void)
{
    bb_textmemo *m = bb_textmemo_create();
    CHECK(m != NULL);
    bb_textmemo_key k = { BB_WEIGHT_BOLD, 0, 40, false, "Latn", "Opening talk", 12 };
    bb_textmemo_value v = { 0 };
    CHECK(!bb_textmemo_find(m, &k, &v));
    bb_textmemo_store(m, &k, &(bb_textmemo_value){ 231, 55, 44, 11 });
    CHECK(bb_textmemo_find(m, &k, &v));
    CHECK_INT(v.w, 231);
    CHECK_INT(v.h, 55);
    CHECK_INT(v.ascent, 44);
    CHECK_INT(v.descent, 11);

    /* Every part of the key counts; the text by content, not address. */
    char copy[] = "Opening talk";
    bb_textmemo_key same = k;
    same.text = copy;
    CHECK(bb_textmemo_find(m, &same, &v));
    bb_textmemo_key other = k;
    other.px = 41;
    CHECK(!bb_textmemo_find(m, &other, &v));
    other = k;
    other.weight = BB_WEIGHT_REGULAR;
    CHECK(!bb_textmemo_find(m, &other, &v));
    other = k;
    other.face = 1;
    CHECK(!bb_textmemo_find(m, &other, &v));
    other = k;
    other.rtl = true;
    CHECK(!bb_textmemo_find(m, &other, &v));
    other = k;
    other.script = NULL;
    CHECK(!bb_textmemo_find(m, &other, &v));
    other = k;
    other.len = 7;   /* "Opening": a prefix is another piece */
    CHECK(!bb_textmemo_find(m, &other, &v));

    /* A piece longer than the limit is never remembered. */
    static char longer[BB_TEXTMEMO_MAX_BYTES + 2];
    memset(longer, 'x', sizeof longer - 1);
    bb_textmemo_key big = { 0, 0, 20, false, NULL, longer, sizeof longer - 1 };
    bb_textmemo_store(m, &big, &v);
    CHECK(!bb_textmemo_find(m, &big, &v));

    /* Many more pieces than slots: memory stays bounded, the newest are
     * found, a replaced one is measured again (not answered wrongly). */
    char text[32];
    int found_new = 0, wrong = 0;
    for (int i = 0; i < 3 * BB_TEXTMEMO_SLOTS; i++) {
        snprintf(text, sizeof text, "in %02d:%02d", i / 60, i % 60);
        bb_textmemo_key t = { 0, 0, 30, false, "Latn", text, strlen(text) };
        bb_textmemo_store(m, &t, &(bb_textmemo_value){ i, 1, 1, 0 });
    }
    for (int i = 0; i < 3 * BB_TEXTMEMO_SLOTS; i++) {
        snprintf(text, sizeof text, "in %02d:%02d", i / 60, i % 60);
        bb_textmemo_key t = { 0, 0, 30, false, "Latn", text, strlen(text) };
        if (bb_textmemo_find(m, &t, &v)) {
            wrong += v.w != i;
            found_new += i >= 2 * BB_TEXTMEMO_SLOTS;
        }
    }
    CHECK_INT(wrong, 0);
    CHECK(found_new > BB_TEXTMEMO_SLOTS / 2);
    unsigned long hits, misses;
    bb_textmemo_stats(m, &hits, &misses);
    CHECK(hits > 0 && misses > 0);
    bb_textmemo_destroy(m);
    bb_textmemo_destroy(NULL);
    CHECK(!bb_textmemo_find(NULL, &k, &v));
}

/* Widths and line boxes through the fonts: the first measure shapes, the
 * second is looked up, and both equal a measure by fonts that never saw
 * the text. */
static void test_through_fonts(void)
{
    static const char *const texts[] = {
        "Welcome to FOSDEM 2025",
        "Rust for Linux: the state of the union",
        "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 FOSDEM 2025",     /* Arabic and Latin */
        "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82 \xce\x93\xce\xb5\xce\xb9\xce\xac",
        "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e talk",                  /* CJK */
        "tab\there",
    };
    const char *families[] = { "DejaVu Sans" };
    bb_fonts *warm = bb_fonts_create(families, 1);
    CHECK(warm != NULL);
    if (!warm)
        return;
    int widths[6][2], heights[6][2];
    unsigned long hits0, misses0, hits1, misses1;
    for (int round = 0; round < 2; round++) {
        bb_textmemo_stats(bb_fonts_textmemo(warm), &hits0, &misses0);
        for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
            CHECK_INT(bb_text_size(warm, BB_WEIGHT_BOLD, 37, texts[i], strlen(texts[i]),
                                   &widths[i][round], &heights[i][round]), 0);
        bb_textmemo_stats(bb_fonts_textmemo(warm), &hits1, &misses1);
        if (round == 1) {
            CHECK_INT(misses1 - misses0, 0);   /* the second round only looks up */
            /* ... and does look up: a memo never asked would miss nothing. */
            CHECK(hits1 - hits0 >= sizeof texts / sizeof texts[0]);
        }
    }
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        bb_fonts *cold = bb_fonts_create(families, 1);
        CHECK(cold != NULL);
        int w = -1, h = -1;
        if (cold)
            bb_text_size(cold, BB_WEIGHT_BOLD, 37, texts[i], strlen(texts[i]), &w, &h);
        CHECK(widths[i][0] > 0);
        CHECK_INT(widths[i][1], widths[i][0]);
        CHECK_INT(heights[i][1], heights[i][0]);
        CHECK_INT(w, widths[i][0]);
        CHECK_INT(h, heights[i][0]);
        bb_fonts_destroy(cold);
    }
    bb_fonts_destroy(warm);
}

int main(void)
{
    test_memo_alone();
    test_through_fonts();
    return bb_test_finish("test_textmemo");
}
