/*
 * bb_log: one line per event on stderr, a level word first.
 */
#include "bb_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* bb_log_once remembers this many distinct messages (by hash); beyond that it
 * forgets the oldest, so memory stays bounded on a box that runs for months. */
#define LOG_ONCE_SLOTS 256
#define LOG_LINE_MAX 1024

static bb_log_level log_threshold = BB_LOG_INFO;
static FILE *log_stream;
static int log_level_from_env_done;
static uint64_t once_hashes[LOG_ONCE_SLOTS];
static int once_count;
static int once_next;

static const char *const level_words[] = {"debug", "info", "warning", "error"};
/* SGR colours for a terminal: grey, default, yellow, red. */
static const char *const level_colours[] = {"\033[2m", "", "\033[33m", "\033[1;31m"};

static FILE *stream(void)
{
    return log_stream ? log_stream : stderr;
}

static void apply_env_level(void)
{
    if (log_level_from_env_done)
        return;
    log_level_from_env_done = 1;
    const char *debug = getenv("BRIEFBOARD_DEBUG");
    if (debug && *debug && strcmp(debug, "0") != 0)
        log_threshold = BB_LOG_DEBUG;
}

/* FNV-1a: cheap and good enough to recognise a repeated message. */
static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

static void write_line(bb_log_level level, const char *raw)
{
    char text[LOG_LINE_MAX * 4];
    bb_log_clean(raw, text, sizeof text);
    FILE *out = stream();
    int colour = out == stderr && isatty(STDERR_FILENO);
    if (colour && level_colours[level][0])
        fprintf(out, "%s%s:\033[0m %s\n", level_colours[level], level_words[level], text);
    else
        fprintf(out, "%s: %s\n", level_words[level], text);
    fflush(out);
}

void bb_log_set_level(bb_log_level level)
{
    log_level_from_env_done = 1;
    log_threshold = level;
}

int bb_log_enabled(bb_log_level level)
{
    apply_env_level();
    return level >= log_threshold;
}

void bb_log_set_stream(FILE *s)
{
    log_stream = s;
}

void bb_log(bb_log_level level, const char *fmt, ...)
{
    apply_env_level();
    if (level < log_threshold)
        return;
    char text[LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    write_line(level, text);
}

int bb_log_once(bb_log_level level, const char *fmt, ...)
{
    apply_env_level();
    char text[LOG_LINE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);

    uint64_t h = hash_text(text);
    for (int i = 0; i < once_count; i++)
        if (once_hashes[i] == h)
            return 0;
    once_hashes[once_next] = h;
    once_next = (once_next + 1) % LOG_ONCE_SLOTS;
    if (once_count < LOG_ONCE_SLOTS)
        once_count++;

    if (level < log_threshold)
        return 0;
    write_line(level, text);
    return 1;
}

void bb_log_reset_once(void)
{
    once_count = 0;
    once_next = 0;
}

char *bb_log_clean(const char *text, char *out, size_t len)
{
    size_t o = 0;
    const unsigned char *s = (const unsigned char *)text;
    for (size_t i = 0; s[i] && o + 1 < len; i++) {
        char esc[8] = "";
        if (s[i] < 0x20 || s[i] == 0x7F)
            snprintf(esc, sizeof esc, "\\x%02X", s[i]);
        else if (s[i] == 0xC2 && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
            snprintf(esc, sizeof esc, "\\u%04X", s[++i]);
        if (!esc[0]) {
            out[o++] = (char)s[i];
            continue;
        }
        size_t n = strlen(esc);
        if (o + n >= len)
            break;
        memcpy(out + o, esc, n);
        o += n;
    }
    out[o] = '\0';
    return out;
}
