/*
 * bb_diag: a growable list of problems, each with its file and line.
 */
#include "bb_diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* First allocation, in entries; the list doubles from there. */
#define DIAG_INITIAL_CAPACITY 16

struct bb_diag_list {
    bb_diag *items;
    int n;
    int cap;
};

static char *copy_string(const char *s);
static char *format_message(const char *fmt, va_list ap) BB_PRINTF(1, 0);
static int compare_entries(const bb_diag *a, const bb_diag *b);

bb_diag_list *bb_diag_list_create(void)
{
    return calloc(1, sizeof(bb_diag_list));
}

void bb_diag_list_destroy(bb_diag_list *list)
{
    if (!list)
        return;
    bb_diag_clear(list);
    free(list->items);
    free(list);
}

void bb_diag_add(bb_diag_list *list, bb_severity severity, const char *file, int line,
                 const char *fmt, ...)
{
    if (!list)
        return;
    if (list->n == list->cap) {
        int cap = list->cap ? list->cap * 2 : DIAG_INITIAL_CAPACITY;
        bb_diag *items = realloc(list->items, (size_t)cap * sizeof *items);
        if (!items)
            return;
        list->items = items;
        list->cap = cap;
    }

    va_list ap;
    va_start(ap, fmt);
    char *message = format_message(fmt, ap);
    va_end(ap);
    if (message) {
        /* Untrusted text (a schedule's fields) must not reach a terminal raw. */
        size_t cap = strlen(message) * 6 + 1;
        char *clean = malloc(cap);
        if (clean)
            bb_log_clean(message, clean, cap);
        free(message);
        message = clean;
    }
    char *file_copy = copy_string(file ? file : "");
    if (!message || !file_copy)
        goto fail;

    bb_diag *d = &list->items[list->n++];
    d->severity = severity;
    d->file = file_copy;
    d->line = line < 0 ? 0 : line;
    d->message = message;
    return;

fail:
    free(message);
    free(file_copy);
}

int bb_diag_count(const bb_diag_list *list)
{
    return list ? list->n : 0;
}

int bb_diag_error_count(const bb_diag_list *list)
{
    int errors = 0;
    for (int i = 0; list && i < list->n; i++)
        if (list->items[i].severity == BB_ERROR)
            errors++;
    return errors;
}

const bb_diag *bb_diag_get(const bb_diag_list *list, int i)
{
    if (!list || i < 0 || i >= list->n)
        return NULL;
    return &list->items[i];
}

void bb_diag_sort(bb_diag_list *list)
{
    if (!list)
        return;
    /* Insertion sort: stable (qsort is not), and lists are short. */
    for (int i = 1; i < list->n; i++) {
        bb_diag key = list->items[i];
        int j = i - 1;
        while (j >= 0 && compare_entries(&list->items[j], &key) > 0) {
            list->items[j + 1] = list->items[j];
            j--;
        }
        list->items[j + 1] = key;
    }
}

void bb_diag_print(const bb_diag_list *list, FILE *out)
{
    for (int i = 0; list && i < list->n; i++) {
        const bb_diag *d = &list->items[i];
        const char *word = d->severity == BB_ERROR ? "error" : "warning";
        if (d->line > 0)
            fprintf(out, "%s:%d: %s: %s\n", d->file, d->line, word, d->message);
        else if (d->file[0])
            fprintf(out, "%s: %s: %s\n", d->file, word, d->message);
        else
            fprintf(out, "%s: %s\n", word, d->message);
    }
}

void bb_diag_clear(bb_diag_list *list)
{
    if (!list)
        return;
    for (int i = 0; i < list->n; i++) {
        free(list->items[i].file);
        free(list->items[i].message);
    }
    list->n = 0;
}

static char *copy_string(const char *s)
{
    size_t len = strlen(s) + 1;
    char *copy = malloc(len);
    if (copy)
        memcpy(copy, s, len);
    return copy;
}

static char *format_message(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int len = vsnprintf(NULL, 0, fmt, ap);
    char *text = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (text)
        vsnprintf(text, (size_t)len + 1, fmt, again);
    va_end(again);
    return text;
}

static int compare_entries(const bb_diag *a, const bb_diag *b)
{
    int by_file = strcmp(a->file, b->file);
    if (by_file)
        return by_file;
    return (a->line > b->line) - (a->line < b->line);
}
