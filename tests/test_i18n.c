/*
 * bb_i18n tests: messages from the shipped catalogs, CLDR dates, times,
 * relative times and quotation marks, text direction, the countdown words
 * of bb_talk in several languages, and the .mo reader against broken files.
 * Run with LC_ALL=C and no generated glibc locale (a Pi image has none):
 * nothing here may depend on one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_config.h"
#include "bb_i18n.h"
#include "bb_talk.h"
#include "bb_test.h"

#define NBSP "\xC2\xA0"

static void test_messages(void);
static void test_fill(void);
static void test_dates(void);
static void test_times(void);
static void test_relative_and_quotes(void);
static void test_talk_words(void);
static void test_broken_catalogs(void);
static void test_tags(void);

int main(void)
{
    /* The C locale, as on a Pi image without generated locales. */
    setenv("LC_ALL", "C", 1);
    unsetenv("LANGUAGE");
    test_messages();
    test_fill();
    test_dates();
    test_times();
    test_relative_and_quotes();
    test_talk_words();
    test_tags();
    test_broken_catalogs();   /* last: it moves the catalog directory */
    bb_i18n_shutdown();
    return bb_test_finish("test_i18n");
}

/* Each shipped language translates the countdown's words. */
static void test_messages(void)
{
    static const struct {
        const char *lang, *starts, *now, *next;
    } cases[] = {
        { "en", "STARTS IN", "NOW", "Next: %s · %s · %s" },
        { "de", "BEGINNT IN", "JETZT", "Als Nächstes: %s · %s · %s" },
        { "fr", "COMMENCE DANS", "EN COURS", "Ensuite" NBSP ": %s · %s · %s" },
        { "es", "EMPIEZA EN", "AHORA", "A continuación: %s · %s · %s" },
        { "uk", "ПОЧАТОК ЧЕРЕЗ", "ЗАРАЗ", "Далі: %s · %s · %s" },
        { "ar", "يبدأ خلال", "الآن", "التالي: %s · %s · %s" },
        { "zh", "距开始", "正在进行", "下一场：%s · %s · %s" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(bb_i18n_has_catalog(cases[i].lang));
        CHECK_STR(bb_tr(cases[i].lang, "STARTS IN"), cases[i].starts);
        CHECK_STR(bb_tr(cases[i].lang, "NOW"), cases[i].now);
        CHECK_STR(bb_tr(cases[i].lang, "Next: %s · %s · %s"), cases[i].next);
    }
    /* A region falls back to its language's catalog. */
    CHECK_STR(bb_tr("de-CH", "STARTS IN"), "BEGINNT IN");
    CHECK_STR(bb_tr("pt_BR", "STARTS IN"), "STARTS IN");
    /* Unknown message, unknown language, no language: the English. */
    CHECK_STR(bb_tr("de", "no such message"), "no such message");
    CHECK_STR(bb_tr("tlh", "NOW"), "NOW");
    CHECK_STR(bb_tr(NULL, "NOW"), "NOW");
    CHECK(!bb_i18n_has_catalog("tlh"));
}

static void test_fill(void)
{
    char buf[64];
    const char *two[] = { "in 2 h", "Plenary" };
    /* zh reorders nothing but writes full-width punctuation. */
    CHECK_STR(bb_trf(buf, sizeof buf, "zh", "Next, %s: %s", two, 2), "下一场，in 2 h：Plenary");
    CHECK_STR(bb_trf(buf, sizeof buf, "en", "Next, %s: %s", two, 2), "Next, in 2 h: Plenary");
    /* Positional arguments and a literal percent sign. */
    const char *ab[] = { "A", "B" };
    char small[8];
    CHECK_STR(bb_trf(buf, sizeof buf, "xx", "%2$s-%1$s %% %s", ab, 2), "B-A % A");
    /* Missing arguments are empty, never read past the array. */
    CHECK_STR(bb_trf(buf, sizeof buf, "xx", "[%s|%s|%3$s]", ab, 1), "[A||]");
    /* Cut on a character boundary: "ü" is two bytes and does not fit. */
    const char *word[] = { "abcdeü" };
    CHECK_STR(bb_trf(small, 7, "xx", "%s", word, 1), "abcde");
    CHECK_STR(bb_trf(small, 3, "xx", "%s", word, 1), "ab");
}

static void test_dates(void)
{
    static const struct {
        const char *lang;
        bb_date_style style;
        const char *want;
    } cases[] = {
        { "en", BB_DATE_SHORT, "Sat, 8 Mar" },
        { "en-US", BB_DATE_SHORT, "Sat, Mar 8" },
        { "en", BB_DATE_LONG, "Sat, 8 Mar 2025" },
        { "de", BB_DATE_SHORT, "Sa., 8. März" },
        { "de", BB_DATE_FULL, "8. März 2025" },
        { "fr", BB_DATE_SHORT, "sam. 8 mars" },
        { "es", BB_DATE_DAY_MONTH, "8 de marzo" },
        { "uk", BB_DATE_DAY_MONTH, "8 березня" },
        /* Latin digits everywhere: they agree with the countdown's. */
        { "ar", BB_DATE_SHORT, "السبت، 8 مارس" },
        { "zh", BB_DATE_SHORT, "3月8日周六" },
        { "zh", BB_DATE_WEEKDAY, "周六" },
    };
    bb_civil d = { 2025, 3, 8, 0, 0, 0 };
    char buf[96];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bb_fmt_date(cases[i].lang, &d, cases[i].style, buf, sizeof buf);
        CHECK_STR(buf, cases[i].want);
    }
    /* A leap day and a year end, through the same civil fields. */
    bb_civil leap = { 2024, 2, 29, 23, 59, 0 };
    bb_fmt_date("de", &leap, BB_DATE_LONG, buf, sizeof buf);
    CHECK_STR(buf, "Do., 29. Feb. 2024");
    bb_civil eve = { 2021, 12, 31, 0, 0, 0 };
    bb_fmt_date("fr", &eve, BB_DATE_LONG, buf, sizeof buf);
    CHECK_STR(buf, "ven. 31 déc. 2021");
}

static void test_times(void)
{
    char buf[64];
    bb_fmt_time("en", BB_CLOCK_AUTO, 9, 5, buf, sizeof buf);
    CHECK_STR(buf, "09:05");
    bb_fmt_time("en-US", BB_CLOCK_AUTO, 21, 5, buf, sizeof buf);
    CHECK_STR(buf, "9:05" NBSP "PM");
    bb_fmt_time("en-US", BB_CLOCK_24H, 21, 5, buf, sizeof buf);
    CHECK_STR(buf, "21:05");
    bb_fmt_time("de", BB_CLOCK_12H, 21, 5, buf, sizeof buf);
    CHECK_STR(buf, "9:05" NBSP "PM");
    bb_fmt_time("zh", BB_CLOCK_12H, 9, 5, buf, sizeof buf);
    CHECK_STR(buf, "上午9:05");
    bb_fmt_time("fr", BB_CLOCK_AUTO, 0, 0, buf, sizeof buf);
    CHECK_STR(buf, "00:00");
    CHECK(bb_i18n_uses_12h("en-US", BB_CLOCK_AUTO));
    CHECK(!bb_i18n_uses_12h("de", BB_CLOCK_AUTO));
    CHECK(bb_i18n_uses_12h("de", BB_CLOCK_12H));
}

static void test_relative_and_quotes(void)
{
    char buf[64], open[8], close[8];
    bb_fmt_relative("de", -300, buf, sizeof buf);
    CHECK_STR(buf, "vor 5 Min.");
    bb_fmt_relative("fr", 7200, buf, sizeof buf);
    CHECK_STR(buf, "dans 2" NBSP "h");
    bb_fmt_relative("uk", -2 * 86400 - 5, buf, sizeof buf);
    CHECK_STR(buf, "2 дн. тому");
    bb_fmt_relative("zh", 20, buf, sizeof buf);   /* under a minute: one */
    CHECK_STR(buf, "1分钟后");

    static const struct {
        const char *lang, *open, *close;
    } q[] = { { "en", "“", "”" }, { "de", "„", "“" }, { "fr", "«", "»" },
              { "uk", "«", "»" }, { "zh", "“", "”" }, { "ar", "”", "“" } };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++) {
        bb_quotes(q[i].lang, open, sizeof open, close, sizeof close);
        CHECK_STR(open, q[i].open);
        CHECK_STR(close, q[i].close);
    }
    CHECK(bb_i18n_rtl("ar"));
    CHECK(bb_i18n_rtl("he"));
    CHECK(bb_i18n_rtl("fa-IR"));
    CHECK(!bb_i18n_rtl("de"));
    CHECK(!bb_i18n_rtl(NULL));
}

/* The countdown and agenda texts of bb_talk, in three languages. */
static void test_talk_words(void)
{
    bb_talk t;
    memset(&t, 0, sizeof t);
    t.has_start = true;
    t.start = 1641801600;                      /* 2022-01-10T08:00:00Z */
    t.end = t.start + 8 * 3600;
    bb_timing_settings timing = { .imminent_s = 300, .agenda_grace_s = 900, .now_grace_s = 600 };
    bb_instant now = t.start - 2 * 86400 - 15 * 3600 - 12;
    bb_countdown cd;
    char rel[BB_COUNTDOWN_BUF];

    bb_talk_countdown_lang(&t, &timing, now, true, NULL, false, &cd);
    CHECK_STR(cd.text, "in 2 d 15:00:12");   /* --print-schedule: unchanged */
    bb_talk_countdown_lang(&t, &timing, now, true, "en", true, &cd);
    CHECK_STR(cd.text, "2 d 15:00:12");      /* under "STARTS IN": no "in" */
    bb_talk_countdown_lang(&t, &timing, now, true, "de", true, &cd);
    CHECK_STR(cd.text, "2 T 15:00:12");
    bb_talk_countdown_lang(&t, &timing, now, true, "zh", false, &cd);
    CHECK_STR(cd.text, "2天15:00:12后");
    bb_talk_relative_lang(&t, &timing, now, true, "de", rel, sizeof rel);
    CHECK_STR(rel, "in 2 T 15 Std.");
    bb_talk_relative_lang(&t, &timing, now, true, "uk", rel, sizeof rel);
    CHECK_STR(rel, "через 2 д 15 год");
    bb_talk_relative_lang(&t, &timing, t.start - 240, true, "fr", rel, sizeof rel);
    CHECK_STR(rel, "commence dans 4 min");
    bb_talk_countdown_lang(&t, &timing, t.start + 3900, true, "es", false, &cd);
    CHECK_STR(cd.text, "EN DIRECTO · desde hace 1 h 05 min");
    bb_talk_countdown_lang(&t, &timing, t.start + 3900, true, "ar", false, &cd);
    CHECK_STR(cd.text, "مباشر · بدأ منذ 1 س 05 د");
    bb_talk_countdown_lang(&t, &timing, now, false, "fr", false, &cd);
    CHECK_STR(cd.text, "en attente de synchronisation de l’heure");

    /* Expected by a date: CLDR's date on a screen, English for scripts. */
    bb_talk e;
    memset(&e, 0, sizeof e);
    e.has_expected_by = true;
    e.expected_by = (bb_civil){ 2025, 3, 8, 0, 0, 0 };
    bb_talk_countdown_lang(&e, &timing, 1740614400, true, NULL, false, &cd);  /* 2025-02-27 */
    CHECK_STR(cd.text, "expected by Sat 8 Mar");
    bb_talk_countdown_lang(&e, &timing, 1740614400, true, "de", false, &cd);
    CHECK_STR(cd.text, "erwartet bis Sa., 8. März");
    bb_talk_countdown_lang(&e, &timing, 1641801600, true, "fr", false, &cd);  /* in 2022 */
    CHECK_STR(cd.text, "attendu d’ici le sam. 8 mars 2025");
}

static void test_tags(void)
{
    CHECK(bb_i18n_tag_valid("de"));
    CHECK(bb_i18n_tag_valid("en-US"));
    CHECK(bb_i18n_tag_valid("zh_Hans_CN"));
    CHECK(bb_i18n_tag_valid("fil"));
    CHECK(!bb_i18n_tag_valid(""));
    CHECK(!bb_i18n_tag_valid(NULL));
    CHECK(!bb_i18n_tag_valid("d"));
    CHECK(!bb_i18n_tag_valid("deutsch"));
    CHECK(!bb_i18n_tag_valid("de-"));
    CHECK(!bb_i18n_tag_valid("de--CH"));
    CHECK(!bb_i18n_tag_valid("../../etc"));
    CHECK(!bb_i18n_tag_valid("de CH"));
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK(fwrite(data, 1, len, f) == len);
    fclose(f);
}

/* A catalog whose tables point past its end, one whose strings do, one
 * that is not a catalog at all, and a FIFO where a catalog should be: no
 * word is taken from them (English), nothing is read out of bounds (the
 * ASan build runs this too), and the FIFO is refused, not opened (an open
 * of a FIFO without a writer would block for ever). */
static void test_broken_catalogs(void)
{
    char dir[] = "/tmp/bb_i18n_XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[256];
    const char *langs[] = { "xa", "xb", "xc", "xd" };
    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, langs[i]);
        mkdir(path, 0700);
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES", dir, langs[i]);
        mkdir(path, 0700);
    }
    /* magic, revision 0, 1000 strings, tables at 28 and 28 + 8000 */
    unsigned char header[28] = { 0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 0xe8, 0x03, 0, 0,
                                 28,   0,    0,    0,    0x5c, 0x1f, 0, 0, 0, 0, 0, 0 };
    snprintf(path, sizeof path, "%s/xa/LC_MESSAGES/briefboard.mo", dir);
    write_file(path, header, sizeof header);
    /* one string whose offset lies far outside the file */
    unsigned char far[44] = { 0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0,
                              36,   0,    0,    0,    0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0,
                              0xff, 0xff, 0xff, 0x7f, 3, 0, 0, 0, 0xff, 0xff, 0xff, 0x7f };
    snprintf(path, sizeof path, "%s/xb/LC_MESSAGES/briefboard.mo", dir);
    write_file(path, far, sizeof far);
    snprintf(path, sizeof path, "%s/xc/LC_MESSAGES/briefboard.mo", dir);
    write_file(path, "msgid \"NOW\"\nmsgstr \"JETZT\"\n", 27);
    snprintf(path, sizeof path, "%s/xd/LC_MESSAGES/briefboard.mo", dir);
    CHECK(mkfifo(path, 0600) == 0);

    bb_i18n_set_localedir(dir);
    CHECK_STR(bb_i18n_localedir(), dir);
    for (int i = 0; i < 4; i++)
        CHECK_STR(bb_tr(langs[i], "NOW"), "NOW");
    CHECK(!bb_i18n_has_catalog("xa"));   /* tables past the end: refused */
    CHECK(!bb_i18n_has_catalog("xc"));   /* not a catalog */
    CHECK(!bb_i18n_has_catalog("xd"));   /* not a regular file */
    /* The shipped German is not in this directory. */
    CHECK_STR(bb_tr("de", "NOW"), "NOW");
    bb_i18n_set_localedir(NULL);
    CHECK_STR(bb_tr("de", "NOW"), "JETZT");

    for (int i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/briefboard.mo", dir, langs[i]);
        unlink(path);
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES", dir, langs[i]);
        rmdir(path);
        snprintf(path, sizeof path, "%s/%s", dir, langs[i]);
        rmdir(path);
    }
    rmdir(dir);
}
