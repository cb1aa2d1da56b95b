/*
 * bb_test_config.h: table-driven checks of config problems -- each bad text
 * must give the exact first diagnostic (line, severity, words), and load or
 * not as an error says.  Shared by the signage tests.
 */
#ifndef BB_TEST_CONFIG_H
#define BB_TEST_CONFIG_H

#include <stdio.h>
#include <string.h>

#include "bb_config.h"
#include "bb_test.h"

typedef struct bb_config_case {
    const char *text;
    int line;          /* of the first diagnostic */
    bool error;        /* an error (the load fails), else a warning */
    const char *message;
} bb_config_case;

static inline void bb_check_config_cases(const bb_config_case *cases, size_t n)
{
    bb_diag_list *d = bb_diag_list_create();
    for (size_t i = 0; d && i < n; i++) {
        bb_diag_clear(d);
        bb_config *cfg = bb_config_load_string(cases[i].text, "t.cfg", NULL, d);
        CHECK(cases[i].error ? cfg == NULL : cfg != NULL);
        CHECK(bb_diag_count(d) >= 1);
        if (bb_diag_count(d) >= 1) {
            const bb_diag *g = bb_diag_get(d, 0);
            if (g->line != cases[i].line || !strstr(g->message, cases[i].message))
                fprintf(stderr, "case %zu: %d: %s\n", i, g->line, g->message);
            CHECK_INT(g->line, cases[i].line);
            CHECK_INT(g->severity, cases[i].error ? BB_ERROR : BB_WARNING);
            CHECK_CONTAINS(g->message, cases[i].message);
        }
        bb_config_destroy(cfg);
    }
    bb_diag_list_destroy(d);
}

#endif
