/*
 * bb_test: the few assertions the test executables share.
 *
 * Each test executable is one module's tests; a failed check prints
 * "FILE:LINE: check failed: ..." and the executable exits 1 at the end, so
 * CTest counts it as failed while every other check still runs.
 */
#ifndef BB_TEST_H
#define BB_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bb_test_failures;
static int bb_test_checks;

#define CHECK(cond)                                                              \
    do {                                                                         \
        bb_test_checks++;                                                        \
        if (!(cond)) {                                                           \
            bb_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_INT(got, want)                                                     \
    do {                                                                         \
        long long bb_g_ = (long long)(got), bb_w_ = (long long)(want);          \
        bb_test_checks++;                                                        \
        if (bb_g_ != bb_w_) {                                                    \
            bb_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: %s == %lld, want %lld\n", __FILE__, __LINE__, \
                    #got, bb_g_, bb_w_);                                         \
        }                                                                        \
    } while (0)

#define CHECK_STR(got, want)                                                     \
    do {                                                                         \
        const char *bb_g_ = (got), *bb_w_ = (want);                              \
        bb_test_checks++;                                                        \
        if (!bb_g_ || !bb_w_ ? bb_g_ != bb_w_ : strcmp(bb_g_, bb_w_) != 0) {    \
            bb_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: %s == \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
                    #got, bb_g_ ? bb_g_ : "(null)", bb_w_ ? bb_w_ : "(null)");   \
        }                                                                        \
    } while (0)

/* Substring check: the message must contain the key words. */
#define CHECK_CONTAINS(haystack, needle)                                         \
    do {                                                                         \
        const char *bb_h_ = (haystack), *bb_n_ = (needle);                       \
        bb_test_checks++;                                                        \
        if (!bb_h_ || !strstr(bb_h_, bb_n_)) {                                   \
            bb_test_failures++;                                                  \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n", __FILE__, \
                    __LINE__, bb_h_ ? bb_h_ : "(null)", bb_n_);                  \
        }                                                                        \
    } while (0)

/* Last line of main(): prints a summary and gives the exit code. */
static inline int bb_test_finish(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, bb_test_checks, bb_test_failures);
    return bb_test_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
