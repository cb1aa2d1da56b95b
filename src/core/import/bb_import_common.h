/*
 * bb_import_common: the one file being imported and the helpers every
 * schedule reader uses to report problems and add talks.  Below the readers
 * and the dispatcher (bb_import.c); not for use outside the importer.
 */
#ifndef BB_IMPORT_COMMON_H
#define BB_IMPORT_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "bb_config.h"
#include "bb_diag.h"
#include "bb_import_limits.h"
#include "bb_time.h"

/* Warnings listed per file; the rest are counted in one line, so a
 * calendar of a hundred holidays does not bury everything else. */
#define BB_IMPORT_MAX_WARNINGS 10

/* Size of an id prefix, with NUL (longer file names are cut). */
#define BB_IMPORT_PREFIX_BUF 48

/* One file being imported. */
typedef struct bb_importer {
    bb_config *cfg;
    bb_diag_list *diags;
    const char *name;          /* the file in messages; interned in cfg */
    const char *text;          /* the whole file, NUL-terminated (a copy) */
    size_t len;
    char prefix[BB_IMPORT_PREFIX_BUF];
    bb_instant anchor;         /* recurring events expand around it */
    int added;                 /* talks appended so far */
    int cap;                   /* capacity of cfg->talks */
    int errors;
    bool full;                 /* BB_IMPORT_MAX_TALKS reached (reported once) */
    int warnings;              /* added or counted so far */
    size_t *line_starts;       /* byte offset of each line (bb_imp_index_lines), or NULL */
    size_t n_lines;
} bb_importer;

void bb_imp_error(bb_importer *im, int line, const char *fmt, ...) BB_PRINTF(3, 4);
/* A warning; past BB_IMPORT_MAX_WARNINGS only counted (bb_import_buffer
 * adds one line with the count). */
void bb_imp_warning(bb_importer *im, int line, const char *fmt, ...) BB_PRINTF(3, 4);

/* A new zeroed talk at the end of cfg->talks, src set to (name, line), tz
 * the screen's.  NULL when out of memory or BB_IMPORT_MAX_TALKS is reached
 * (an error was added).  Valid until the next call. */
bb_talk *bb_imp_new_talk(bb_importer *im, int line);

/* t->id = "<prefix>-<raw>[-<suffix>]" made safe; an error for a duplicate. */
int bb_imp_set_id(bb_importer *im, bb_talk *t, const char *raw, const char *suffix, int line);

/* A copy of untrusted text for the screen: invalid UTF-8 becomes U+FFFD,
 * runs of white space and control characters one space, trimmed, cut at
 * BB_IMPORT_MAX_TEXT bytes on a character boundary.  NULL for NULL, for
 * text that is blank, and when out of memory. */
char *bb_imp_text(const char *s);
/* bb_imp_text(s), or NULL also when the text draws nothing (only format
 * characters such as U+061C or U+200B: bb_utf8_draws_nothing) -- then with
 * a warning at line "<what>: its <field> has only characters that draw
 * nothing", unless field is NULL.  Caller owns the result. */
char *bb_imp_field(bb_importer *im, const char *s, const char *field, const char *what,
                   int line);
/* Append bb_imp_field(...) unless NULL; -1 when out of memory. */
int bb_imp_push_field(bb_importer *im, bb_strv *v, const char *s, const char *field,
                      const char *what, int line);
/* Append bb_imp_text(s) unless blank; -1 when out of memory. */
int bb_imp_push_text(bb_strv *v, const char *s);
/* A copy of a talk's web address when bb_config_url_ok accepts it, else
 * NULL (also when out of memory); a present but unusable address is a
 * warning at line, naming `what`. */
char *bb_imp_url(bb_importer *im, const char *s, const char *what, int line);

/* May c stand in a talk id as it is?  (Letters, digits, - _ .) */
bool bb_imp_id_char_ok(char c);

/* Index where each line of im->text starts, once per file, so that a line
 * number costs a binary search instead of a scan from the top (row 10 of
 * issue #16: a lookup per event over a 20,000-event file was quadratic).
 * Returns 0, or -1 when out of memory (lines are then counted by scanning).
 * Freed by bb_imp_free_lines. */
int bb_imp_index_lines(bb_importer *im);
void bb_imp_free_lines(bb_importer *im);
/* 1-based line of byte offset in the file. */
int bb_imp_line_at(const bb_importer *im, size_t offset);
/* Line of the first occurrence of needle in the file, 0 when absent. */
int bb_imp_line_of(const bb_importer *im, const char *needle);

/* The zone named name, owned by cfg; NULL when the tz database lacks it. */
const bb_tz *bb_imp_zone(bb_importer *im, const char *name);
/* A fixed-offset zone owned by cfg; NULL when out of memory. */
const bb_tz *bb_imp_zone_fixed(bb_importer *im, int offset_s);

/* The instant of a local reading in tz: a DST gap takes the offset before
 * it, a fold the first pass (RFC 5545 3.3.5 does the same). */
bb_instant bb_imp_local_instant(const bb_tz *tz, const bb_civil *local);

#endif
