/*
 * test_override: the emergency message file -- on and off, blank, huge (cut
 * at a whole character), invalid UTF-8, a FIFO that must not block, a
 * directory -- and the watching handle: a file dropped in turns the message
 * on at the watcher's next due time, removing it turns it off, with one log
 * line each way.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bb_log.h"
#include "bb_override.h"
#include "bb_test.h"
#include "bb_watch.h"

static char root[] = "/tmp/bb_test_override_XXXXXX";
static char path[256];

static void put(const char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    fwrite(bytes, 1, len, f);
    fclose(f);
}
#define PUT(s) put((s), sizeof(s) - 1)

static char *read_text(bb_override_info *info)
{
    char *text = NULL;
    int rc = bb_override_read(path, &text, info);
    CHECK(rc >= 0);
    CHECK((rc == 1) == (text != NULL));
    return text;
}

static void test_read(void)
{
    bb_override_info info;
    char *t;

    /* Absent: off, no error. */
    unlink(path);
    t = read_text(&info);
    CHECK(t == NULL);
    CHECK_INT(info.error, 0);

    PUT("\xEF\xBB\xBF  Evacuate by the north stairs.\r\nDo not use the lifts.\n\n");
    t = read_text(&info);
    CHECK_STR(t, "Evacuate by the north stairs.\nDo not use the lifts.");
    CHECK(!info.truncated);
    CHECK_INT(info.bad_bytes, 0);
    free(t);

    /* Empty and blank: off. */
    PUT("");
    t = read_text(&info);
    CHECK(t == NULL);
    PUT(" \n\t \r\n");
    t = read_text(&info);
    CHECK(t == NULL);

    /* Control characters become spaces; Cyrillic and Arabic pass. */
    PUT("\x1b[31mТревога\tإنذار\x07");
    t = read_text(&info);
    CHECK_STR(t, "[31mТревога إنذار");
    free(t);

    /* Invalid UTF-8: a lone continuation byte, an overlong "/", a surrogate,
     * a truncated sequence at the end, and a NUL. */
    PUT("a\x80" "b\xC0\xAF" "c\xED\xA0\x80" "d\x00" "e\xE2\x82");
    t = read_text(&info);
    CHECK(t == NULL);   /* refused whole, never shown as U+FFFD */
    CHECK_INT(info.bad_bytes, 9);
    free(t);

    /* A file of NUL bytes (a zero-filled block after a power cut). */
    char zeros[5000] = {0};
    put(zeros, sizeof zeros);
    t = read_text(&info);
    CHECK(t == NULL);
    CHECK(info.bad_bytes > 0);

    /* Huge: 1 MB of two-byte characters, cut at the limit on a boundary. */
    size_t big = 1 << 20;
    char *buf = malloc(big);
    CHECK(buf != NULL);
    if (buf) {
        buf[0] = 'x';                  /* shift by one: the limit falls mid-character */
        for (size_t i = 1; i + 1 < big; i += 2) {
            buf[i] = (char)0xD0;       /* "Ж" */
            buf[i + 1] = (char)0x96;
        }
        put(buf, big - 1);
        t = read_text(&info);
        CHECK(info.truncated);
        CHECK_INT(info.bad_bytes, 0);
        CHECK(t && strlen(t) <= BB_OVERRIDE_MAX_BYTES + 2);
        CHECK(t && strlen(t) >= BB_OVERRIDE_MAX_BYTES - 2);
        /* It ends on a whole "Ж". */
        if (t) {
            size_t n = strlen(t);
            CHECK(n >= 2 && (unsigned char)t[n - 2] == 0xD0 && (unsigned char)t[n - 1] == 0x96);
        }
        free(t);
        free(buf);
    }

    /* A FIFO is refused at once (a reader would block forever). */
    unlink(path);
    CHECK_INT(mkfifo(path, 0600), 0);
    t = read_text(&info);
    CHECK(t == NULL);
    CHECK(info.not_regular);
    unlink(path);

    /* A directory: off. */
    CHECK_INT(mkdir(path, 0700), 0);
    t = read_text(&info);
    CHECK(t == NULL);
    rmdir(path);

    /* No path at all. */
    char *none = NULL;
    CHECK_INT(bb_override_read(NULL, &none, NULL), 0);
    CHECK(none == NULL);
}

static int count_lines(FILE *f, const char *needle)
{
    fflush(f);
    rewind(f);
    char line[512];
    int n = 0;
    while (fgets(line, sizeof line, f))
        n += strstr(line, needle) != NULL;
    return n;
}

static void test_handle(void)
{
    FILE *log = tmpfile();
    CHECK(log != NULL);
    if (!log)
        return;
    bb_log_set_stream(log);
    unlink(path);

    uint64_t now = 1000;
    bb_override *o = bb_override_create(path, now);
    CHECK(o != NULL);
    CHECK(bb_override_text(o) == NULL);
    CHECK_INT(bb_override_ms_until_due(o, now), BB_OVERRIDE_CHECK_MS);

    /* Dropped in: the watcher sees it; due after its debounce. */
    PUT("Building closed today\n");
    CHECK(!bb_override_poll(o, now));           /* events read, not yet quiet */
    CHECK(bb_override_ms_until_due(o, now) >= 0);
    CHECK(bb_override_ms_until_due(o, now) <= BB_WATCH_DEBOUNCE_MS);
    now += BB_WATCH_DEBOUNCE_MS;
    CHECK(bb_override_poll(o, now));
    CHECK_STR(bb_override_text(o), "Building closed today");

    /* Rewritten by rename, as editors do: changed. */
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.new", path);
    FILE *f = fopen(tmp, "w");
    if (f) {
        fputs("Building closed until Monday", f);
        fclose(f);
    }
    CHECK_INT(rename(tmp, path), 0);
    bb_override_poll(o, now);
    now += BB_WATCH_DEBOUNCE_MS;
    CHECK(bb_override_poll(o, now));
    CHECK_STR(bb_override_text(o), "Building closed until Monday");

    /* Removed: off. */
    unlink(path);
    bb_override_poll(o, now);
    now += BB_WATCH_DEBOUNCE_MS;
    CHECK(bb_override_poll(o, now));
    CHECK(bb_override_text(o) == NULL);

    /* SIGUSR1's path: refresh reads at once, no watcher needed. */
    PUT("Fire drill at 11:00");
    CHECK(bb_override_refresh(o));
    CHECK_STR(bb_override_text(o), "Fire drill at 11:00");
    CHECK(!bb_override_refresh(o));              /* same text: no change */
    /* Emptied (truncated in place): off. */
    PUT("");
    CHECK(bb_override_refresh(o));
    CHECK(bb_override_text(o) == NULL);

    /* A path change after a reload; NULL means none. */
    PUT("Again");
    CHECK(bb_override_set_path(o, path, now));
    CHECK(bb_override_set_path(o, NULL, now));
    CHECK(bb_override_text(o) == NULL);
    CHECK(!bb_override_poll(o, now + 10000));
    CHECK_INT(bb_override_ms_until_due(o, now), -1);

    CHECK_INT(count_lines(log, "override on"), 3);
    CHECK_INT(count_lines(log, "override changed"), 1);
    CHECK_INT(count_lines(log, "override off"), 3);
    bb_override_destroy(o);
    bb_override_destroy(NULL);

    /* No path: never on. */
    o = bb_override_create(NULL, now);
    CHECK(o && !bb_override_text(o) && !bb_override_refresh(o));
    bb_override_destroy(o);
    bb_log_set_stream(stderr);
    fclose(log);
    unlink(path);
}

int main(void)
{
    CHECK(mkdtemp(root) != NULL);
    snprintf(path, sizeof path, "%s/override.txt", root);
    test_read();
    test_handle();
    rmdir(root);
    return bb_test_finish("test_override");
}
