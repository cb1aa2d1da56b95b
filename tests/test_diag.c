/*
 * test_diag: the problem list -- order, counts, sorting, printing, reuse.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bb_diag.h"
#include "bb_test.h"

static void test_add_and_count(void);
static void test_sort_is_stable(void);
static void test_print(void);
static void test_growth_and_clear(void);
static void test_clean_text(void);

int main(void)
{
    test_add_and_count();
    test_sort_is_stable();
    test_print();
    test_growth_and_clear();
    test_clean_text();
    return bb_test_finish("test_diag");
}

static void test_add_and_count(void)
{
    bb_diag_list *list = bb_diag_list_create();
    CHECK(list != NULL);
    CHECK_INT(bb_diag_count(list), 0);
    CHECK_INT(bb_diag_error_count(list), 0);
    CHECK(bb_diag_get(list, 0) == NULL);

    bb_diag_add(list, BB_WARNING, "a.cfg", 3, "unknown setting '%s'", "widht");
    bb_diag_add(list, BB_ERROR, NULL, 0, "%d problems", 2);
    bb_diag_add(list, BB_ERROR, "a.cfg", -4, "negative lines become %s", "0");
    CHECK_INT(bb_diag_count(list), 3);
    CHECK_INT(bb_diag_error_count(list), 2);

    const bb_diag *d = bb_diag_get(list, 0);
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->severity, BB_WARNING);
        CHECK_STR(d->file, "a.cfg");
        CHECK_INT(d->line, 3);
        CHECK_STR(d->message, "unknown setting 'widht'");
    }
    d = bb_diag_get(list, 1);
    if (d) {
        CHECK_STR(d->file, "");
        CHECK_STR(d->message, "2 problems");
    }
    CHECK_INT(bb_diag_get(list, 2)->line, 0);
    CHECK(bb_diag_get(list, 3) == NULL);
    CHECK(bb_diag_get(list, -1) == NULL);

    /* NULL lists are tolerated everywhere. */
    bb_diag_add(NULL, BB_ERROR, "x", 1, "dropped");
    CHECK_INT(bb_diag_count(NULL), 0);
    CHECK_INT(bb_diag_error_count(NULL), 0);
    bb_diag_sort(NULL);
    bb_diag_clear(NULL);
    bb_diag_print(NULL, stdout);
    bb_diag_list_destroy(NULL);
    bb_diag_list_destroy(list);
}

static void test_sort_is_stable(void)
{
    bb_diag_list *list = bb_diag_list_create();
    bb_diag_add(list, BB_ERROR, "b.cfg", 2, "b2");
    bb_diag_add(list, BB_ERROR, "a.cfg", 9, "a9");
    bb_diag_add(list, BB_WARNING, "a.cfg", 4, "a4 first");
    bb_diag_add(list, BB_ERROR, "a.cfg", 4, "a4 second");
    bb_diag_add(list, BB_ERROR, "a.cfg", 10, "a10");
    bb_diag_add(list, BB_ERROR, "a.cfg", 4, "a4 third");
    bb_diag_sort(list);
    const char *want[] = {"a4 first", "a4 second", "a4 third", "a9", "a10", "b2"};
    CHECK_INT(bb_diag_count(list), 6);
    for (int i = 0; i < 6 && i < bb_diag_count(list); i++)
        CHECK_STR(bb_diag_get(list, i)->message, want[i]);
    bb_diag_list_destroy(list);
}

static void test_print(void)
{
    bb_diag_list *list = bb_diag_list_create();
    bb_diag_add(list, BB_ERROR, "config/briefboard.cfg", 12, "duplicate talk id 'a'");
    bb_diag_add(list, BB_WARNING, "config/briefboard.cfg", 3, "unknown setting 'x'");
    bb_diag_add(list, BB_WARNING, "config/briefboard.cfg", 0, "no 'version' setting");
    bb_diag_add(list, BB_ERROR, NULL, 0, "out of memory");

    char buf[1024] = "";
    FILE *out = fmemopen(buf, sizeof buf, "w");
    CHECK(out != NULL);
    if (out) {
        bb_diag_print(list, out);
        fclose(out);
    }
    CHECK_STR(buf, "config/briefboard.cfg:12: error: duplicate talk id 'a'\n"
                   "config/briefboard.cfg:3: warning: unknown setting 'x'\n"
                   "config/briefboard.cfg: warning: no 'version' setting\n"
                   "error: out of memory\n");
    bb_diag_list_destroy(list);
}

static void test_growth_and_clear(void)
{
    bb_diag_list *list = bb_diag_list_create();
    char big[2000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    for (int i = 0; i < 1000; i++)
        bb_diag_add(list, i % 3 ? BB_WARNING : BB_ERROR, "f.cfg", i + 1, "%s %d", big, i);
    CHECK_INT(bb_diag_count(list), 1000);
    CHECK_INT(bb_diag_error_count(list), 334);
    const bb_diag *last = bb_diag_get(list, 999);
    CHECK(last && strlen(last->message) == sizeof big - 1 + 4);
    CHECK(last && last->line == 1000);

    bb_diag_clear(list);
    CHECK_INT(bb_diag_count(list), 0);
    bb_diag_add(list, BB_ERROR, "g.cfg", 1, "again");
    CHECK_INT(bb_diag_count(list), 1);
    CHECK_STR(bb_diag_get(list, 0)->file, "g.cfg");
    bb_diag_list_destroy(list);
}

/* Schedule fields with escape sequences, newlines and C1 controls reach log
 * lines and --check output escaped: no forged journal line, no terminal
 * control. */
static void test_clean_text(void)
{
    char out[128];
    CHECK_STR(bb_log_clean("plain UTF-8: Zürich, Київ", out, sizeof out),
              "plain UTF-8: Zürich, Київ");
    CHECK_STR(bb_log_clean("a\nerror: forged", out, sizeof out), "a\\x0Aerror: forged");
    CHECK_STR(bb_log_clean("\x1b[31mred\x07\x7f", out, sizeof out), "\\x1B[31mred\\x07\\x7F");
    CHECK_STR(bb_log_clean("c1:\xc2\x9b" "2J", out, sizeof out), "c1:\\u009B2J");
    /* Cut to fit, never in the middle of an escape. */
    CHECK_STR(bb_log_clean("ab\x1b", out, 6), "ab");

    bb_diag_list *list = bb_diag_list_create();
    bb_diag_add(list, BB_WARNING, "p.xml", 4, "unknown state '%s'", "x\x1b]0;pwned\x07");
    CHECK_STR(bb_diag_get(list, 0)->message, "unknown state 'x\\x1B]0;pwned\\x07'");
    bb_diag_list_destroy(list);
}
