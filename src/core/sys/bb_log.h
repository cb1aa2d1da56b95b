/*
 * bb_log: one line per event on stderr, a level word first ("error: ...").
 *
 * Under systemd stderr goes to the journal, which adds its own timestamps.
 * Colour only when stderr is a terminal.  bb_log_once() suppresses a message
 * identical to one already logged, so an error that recurs every frame (a
 * missing image) is reported once, not 60 times a second.
 */
#ifndef BB_LOG_H
#define BB_LOG_H

#include <stdio.h>

typedef enum bb_log_level {
    BB_LOG_DEBUG,
    BB_LOG_INFO,
    BB_LOG_WARNING,
    BB_LOG_ERROR
} bb_log_level;

#if defined(__GNUC__)
#define BB_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define BB_PRINTF(fmt_index, first_arg)
#endif

/* Messages below `level` are dropped. Default BB_LOG_INFO; $BRIEFBOARD_DEBUG=1 lowers it. */
void bb_log_set_level(bb_log_level level);

/* Would a message at `level` be written?  (To skip costly debug output.) */
int bb_log_enabled(bb_log_level level);

/* Send log lines to `stream` instead of stderr (tests); NULL restores stderr. */
void bb_log_set_stream(FILE *stream);

/* Log one line: "<level>: <message>\n". */
void bb_log(bb_log_level level, const char *fmt, ...) BB_PRINTF(2, 3);

/* As bb_log, but a message whose text equals one logged before through this
 * function is dropped.  Returns 1 when the line was written, 0 when dropped. */
int bb_log_once(bb_log_level level, const char *fmt, ...) BB_PRINTF(2, 3);

/* Forget what bb_log_once has seen, e.g. after a successful reload, so a
 * problem that comes back is reported again. */
void bb_log_reset_once(void);

/*
 * text made safe for one log or terminal line, into out (len bytes, always
 * terminated, cut to fit): control characters -- newlines, ESC, BEL, DEL and
 * the C1 controls U+0080..U+009F -- become "\xNN" / "\u0085", so text from a
 * schedule can neither forge a journal line nor drive a terminal.  Every
 * bb_log line and every diagnostic goes through it.  Returns out.
 */
char *bb_log_clean(const char *text, char *out, size_t len);

#endif
