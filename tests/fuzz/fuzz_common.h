/*
 * fuzz_common: what the fuzz harnesses share.  Each harness defines
 * LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize); the same
 * source links either with libFuzzer (-fsanitize=fuzzer) or with
 * fuzz_replay.c, which feeds it the corpus and regression files as a plain
 * CTest test.
 */
#ifndef BB_FUZZ_COMMON_H
#define BB_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct bb_config;
/* fuzz_exercise.c: every talk of cfg through bb_talk at instants around its
 * start and end (`wall` for undated talks); aborts on a broken invariant. */
void fuzz_exercise_talks(const struct bb_config *cfg, int64_t wall);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken promise of the code under test: abort, so libFuzzer saves the
 * input like any crash, and a replay fails. */
#define FUZZ_ASSERT(cond)                                                          \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                        \
            abort();                                                               \
        }                                                                          \
    } while (0)

#endif
