/*
 * test_ctl: the control protocol's parser, line framing, rate limits and
 * JSON strings (bb_ctl).  Table-driven: each request with the verb and
 * argument, or the exact error, it must give.
 */
#include <string.h>

#include "bb_ctl.h"
#include "bb_test.h"

typedef struct parse_case {
    const char *line;
    int rc;
    bb_ctl_verb verb;
    const char *arg_or_error;   /* the argument when rc == 0, else the error */
} parse_case;

static const parse_case parse_cases[] = {
    {"status", 0, BB_CTL_STATUS, ""},
    {"  status  ", 0, BB_CTL_STATUS, ""},
    {"next", 0, BB_CTL_NEXT, ""},
    {"prev", 0, BB_CTL_PREV, ""},
    {"previous", 0, BB_CTL_PREV, ""},
    {"pause", 0, BB_CTL_PAUSE, ""},
    {"resume", 0, BB_CTL_RESUME, ""},
    {"reload", 0, BB_CTL_RELOAD, ""},
    {"power on", 0, BB_CTL_POWER_ON, ""},
    {"power off", 0, BB_CTL_POWER_OFF, ""},
    {"override Fire drill at 14:00", 0, BB_CTL_OVERRIDE_SET, "Fire drill at 14:00"},
    {"override   spaced  inside  ", 0, BB_CTL_OVERRIDE_SET, "spaced  inside"},
    {"override Line one\\nLine two", 0, BB_CTL_OVERRIDE_SET, "Line one\nLine two"},
    {"override back\\\\slash", 0, BB_CTL_OVERRIDE_SET, "back\\slash"},
    {"override Пожарная тревога", 0, BB_CTL_OVERRIDE_SET, "Пожарная тревога"},
    {"override clear", 0, BB_CTL_OVERRIDE_CLEAR, ""},
    {"override  clear ", 0, BB_CTL_OVERRIDE_CLEAR, ""},
    {"override clear now", 0, BB_CTL_OVERRIDE_SET, "clear now"},
    {"screenshot /run/briefboard/shot.png", 0, BB_CTL_SCREENSHOT, "/run/briefboard/shot.png"},
    {"screenshot /tmp/A.PNG", 0, BB_CTL_SCREENSHOT, "/tmp/A.PNG"},
    {"", -1, BB_CTL_STATUS, "empty request"},
    {"   ", -1, BB_CTL_STATUS, "empty request"},
    {"Status", -1, BB_CTL_STATUS, "unknown command 'Status'"},
    {"reboot now", -1, BB_CTL_STATUS, "unknown command 'reboot'"},
    {"abcdefghijklmnopqrstuvwxyz0123", -1, BB_CTL_STATUS,
     "unknown command 'abcdefghijklmnopqrstuvwx...'"},
    {"next 3", -1, BB_CTL_STATUS, "next takes no argument"},
    {"power", -1, BB_CTL_STATUS, "power takes 'on' or 'off'"},
    {"power standby", -1, BB_CTL_STATUS, "power takes 'on' or 'off'"},
    {"override", -1, BB_CTL_STATUS, "override takes a message, or 'clear'"},
    {"override   ", -1, BB_CTL_STATUS, "override takes a message, or 'clear'"},
    {"screenshot", -1, BB_CTL_STATUS, "screenshot takes an absolute path"},
    {"screenshot shot.png", -1, BB_CTL_STATUS, "screenshot takes an absolute path"},
    {"screenshot /tmp/shot.jpg", -1, BB_CTL_STATUS,
     "screenshot writes PNG: the path must end in .png"},
    {"status\x01", -1, BB_CTL_STATUS, "control character 0x01 in the request"},
    {"override a\x1b[2Jb", -1, BB_CTL_STATUS, "control character 0x1B in the request"},
    {"override \xff\xfe", -1, BB_CTL_STATUS, "not UTF-8"},
    {"override \xc0\xaf", -1, BB_CTL_STATUS, "not UTF-8"},          /* overlong '/' */
    {"override \xed\xa0\x80", -1, BB_CTL_STATUS, "not UTF-8"},      /* a surrogate */
    {"override \xe2\x82", -1, BB_CTL_STATUS, "not UTF-8"},          /* cut short */
};

static void test_parse(void)
{
    static bb_ctl_request req;
    char err[BB_CTL_ERROR_MAX];
    for (size_t i = 0; i < sizeof parse_cases / sizeof parse_cases[0]; i++) {
        const parse_case *c = &parse_cases[i];
        int rc = bb_ctl_parse(c->line, strlen(c->line), &req, err);
        CHECK_INT(rc, c->rc);
        if (rc != c->rc) {
            fprintf(stderr, "  case %zu: \"%s\"\n", i, c->line);
            continue;
        }
        if (rc == 0) {
            CHECK_INT(req.verb, c->verb);
            CHECK_STR(req.arg, c->arg_or_error);
        } else {
            CHECK_STR(err, c->arg_or_error);
        }
    }
    /* A NUL inside the line is refused (it would cut the text short). */
    CHECK_INT(bb_ctl_parse("next\0x", 6, &req, err), -1);
    CHECK_STR(err, "not UTF-8");
    /* Too long, even without reading past len. */
    static char big[BB_CTL_MAX_LINE + 8];
    memset(big, 'a', sizeof big);
    CHECK_INT(bb_ctl_parse(big, BB_CTL_MAX_LINE, &req, err), -1);
    CHECK_CONTAINS(err, "longer than");
    /* The longest accepted override fills the argument exactly. */
    memcpy(big, "override ", 9);
    CHECK_INT(bb_ctl_parse(big, BB_CTL_MAX_LINE - 1, &req, err), 0);
    CHECK_INT(strlen(req.arg), BB_CTL_MAX_LINE - 1 - 9);
    CHECK_STR(bb_ctl_verb_name(BB_CTL_OVERRIDE_CLEAR), "override");
    CHECK_STR(bb_ctl_verb_name(BB_CTL_POWER_OFF), "power");
}

/* Feed text in chunks of `chunk` bytes; collect lines joined by '|' and
 * oversized lines as '#'. */
static void feed(bb_ctl_reader *r, const char *text, size_t len, size_t chunk, char *out,
                 size_t cap)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t at = 0; at < len;) {
        size_t space;
        char *dst = bb_ctl_reader_space(r, &space);
        size_t n = len - at < chunk ? len - at : chunk;
        if (n > space)
            n = space;
        memcpy(dst, text + at, n);
        bb_ctl_reader_added(r, n);
        at += n;
        const char *line;
        size_t ll;
        bb_ctl_next next;
        while ((next = bb_ctl_reader_next(r, &line, &ll)) != BB_CTL_NONE) {
            const char *w = next == BB_CTL_OVERSIZED ? "#" : line;
            size_t wl = next == BB_CTL_OVERSIZED ? 1 : ll;
            if (o + wl + 2 < cap) {
                memcpy(out + o, w, wl);
                o += wl;
                out[o++] = '|';
                out[o] = '\0';
            }
        }
    }
}

static void test_reader(void)
{
    static bb_ctl_reader r;
    char out[256];
    static const char two[] = "status\nnext\r\n\npower off\npartial";
    for (size_t chunk = 1; chunk <= sizeof two; chunk++) {
        bb_ctl_reader_init(&r);
        feed(&r, two, sizeof two - 1, chunk, out, sizeof out);
        CHECK_STR(out, "status|next||power off|");
        CHECK_INT(r.len, strlen("partial"));
    }
    /* An oversized line is reported once, skipped to its newline, and the
     * next line still parses -- in one read or in many. */
    static char flood[3 * BB_CTL_MAX_LINE + 32];
    size_t n = 3 * BB_CTL_MAX_LINE;
    memset(flood, 'x', n);
    memcpy(flood + n, "\nstatus\n", 8);
    n += 8;
    size_t chunks[] = {1, 7, 1000, BB_CTL_MAX_LINE, sizeof flood};
    for (size_t k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
        bb_ctl_reader_init(&r);
        feed(&r, flood, n, chunks[k], out, sizeof out);
        CHECK_STR(out, "#|status|");
    }
    /* Exactly the limit: BB_CTL_MAX_LINE - 1 bytes and the newline fit. */
    memset(flood, 'y', BB_CTL_MAX_LINE - 1);
    flood[BB_CTL_MAX_LINE - 1] = '\n';
    bb_ctl_reader_init(&r);
    size_t space;
    char *dst = bb_ctl_reader_space(&r, &space);
    CHECK_INT(space, BB_CTL_MAX_LINE);
    memcpy(dst, flood, BB_CTL_MAX_LINE);
    bb_ctl_reader_added(&r, BB_CTL_MAX_LINE);
    const char *line;
    size_t ll;
    CHECK_INT(bb_ctl_reader_next(&r, &line, &ll), BB_CTL_LINE);
    CHECK_INT(ll, BB_CTL_MAX_LINE - 1);
    CHECK_INT(bb_ctl_reader_next(&r, &line, &ll), BB_CTL_NONE);
    CHECK_INT(r.len, 0);
}

static void test_rate(void)
{
    bb_ctl_rate r;
    int taken = 0;
    bb_ctl_rate_init(&r, 10, 20, 1000);
    for (int i = 0; i < 100; i++)
        taken += bb_ctl_rate_take(&r, 1000);
    CHECK_INT(taken, 20);                   /* the burst */
    CHECK(!bb_ctl_rate_take(&r, 1050));     /* half a token */
    CHECK(bb_ctl_rate_take(&r, 1100));      /* one */
    CHECK(!bb_ctl_rate_take(&r, 1100));
    taken = 0;
    for (uint64_t t = 2000; t < 12000; t += 10)
        taken += bb_ctl_rate_take(&r, t);
    CHECK(taken >= 99 && taken <= 121);     /* 10 s at 10/s, plus the refilled burst */
    /* A clock that goes back adds nothing. */
    bb_ctl_rate_init(&r, 10, 1, 5000);
    CHECK(bb_ctl_rate_take(&r, 5000));
    CHECK(!bb_ctl_rate_take(&r, 100));
}

static void test_json(void)
{
    char out[64];
    CHECK_INT(bb_ctl_json_string("plain", out, sizeof out), 7);
    CHECK_STR(out, "\"plain\"");
    bb_ctl_json_string("a\"b\\c\nd\te", out, sizeof out);
    CHECK_STR(out, "\"a\\\"b\\\\c\\nd\\u0009e\"");
    bb_ctl_json_string("Zürich", out, sizeof out);
    CHECK_STR(out, "\"Zürich\"");
    CHECK_INT(bb_ctl_json_string("0123456789", out, 13), 12);   /* quotes and NUL fit */
    CHECK_INT(bb_ctl_json_string("0123456789", out, 12), -1);
    CHECK_STR(out, "");
    CHECK(bb_ctl_utf8_valid("Ελλάδα 日本", strlen("Ελλάδα 日本")));
    CHECK(!bb_ctl_utf8_valid("\xf4\x90\x80\x80", 4));   /* above U+10FFFF */
}

int main(void)
{
    test_parse();
    test_reader();
    test_rate();
    test_json();
    return bb_test_finish("test_ctl");
}
