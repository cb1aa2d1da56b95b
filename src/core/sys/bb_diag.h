/*
 * bb_diag: the problems found in a config and its content, each with the
 * file and line it comes from, printed as "FILE:LINE: error: message".
 */
#ifndef BB_DIAG_H
#define BB_DIAG_H

#include <stdio.h>

#include "bb_log.h"

typedef enum bb_severity { BB_WARNING, BB_ERROR } bb_severity;

typedef struct bb_diag {
    bb_severity severity;
    char *file;     /* owned by the list; may be "" when unknown */
    int line;       /* 1-based; 0 when unknown */
    char *message;  /* owned by the list, no trailing newline */
} bb_diag;

typedef struct bb_diag_list bb_diag_list;

/* A new empty list the caller owns, or NULL when out of memory. */
bb_diag_list *bb_diag_list_create(void);

/* Frees the list and its messages; NULL is a no-op. */
void bb_diag_list_destroy(bb_diag_list *list);

/* Append a problem.  file may be NULL.  Out of memory drops the message. */
void bb_diag_add(bb_diag_list *list, bb_severity severity, const char *file, int line,
                 const char *fmt, ...) BB_PRINTF(5, 6);

int bb_diag_count(const bb_diag_list *list);
int bb_diag_error_count(const bb_diag_list *list);

/* The i-th problem, in the order added; borrowed, valid until the list dies. */
const bb_diag *bb_diag_get(const bb_diag_list *list, int i);

/* Sort by file, then line, keeping the order of equal keys. */
void bb_diag_sort(bb_diag_list *list);

/* Print every problem as "FILE:LINE: error: message", one per line. */
void bb_diag_print(const bb_diag_list *list, FILE *out);

/* Remove every entry (the list can be reused). */
void bb_diag_clear(bb_diag_list *list);

#endif
