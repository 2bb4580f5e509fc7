/* A few assertion macros for the C tests: each failed check prints where and why and
   makes the program exit non-zero at the end. */
#ifndef OFFTAKE_TESTS_CAPI_CHECK_H
#define OFFTAKE_TESTS_CAPI_CHECK_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int check_failures = 0;
static int check_count = 0;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        ++check_count;                                                               \
        if (!(cond)) {                                                               \
            ++check_failures;                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

/* The call must return `expected`; on mismatch prints both names and the message. */
#define CHECK_STATUS(call, expected)                                                    \
    do {                                                                                \
        int check_status_ = (int)(call);                                                \
        ++check_count;                                                                  \
        if (check_status_ != (int)(expected)) {                                         \
            ++check_failures;                                                           \
            fprintf(stderr, "%s:%d: %s returned %s, expected %s (%s)\n", __FILE__,      \
                    __LINE__, #call, offtake_status_name(check_status_),                \
                    offtake_status_name((int)(expected)), offtake_last_error());        \
        }                                                                               \
    } while (0)

#define CHECK_OK(call) CHECK_STATUS(call, OFFTAKE_OK)

#define CHECK_NEAR(actual, expected, tolerance)                                          \
    do {                                                                                 \
        double check_a_ = (actual), check_e_ = (expected);                               \
        ++check_count;                                                                   \
        if (!(fabs(check_a_ - check_e_) <= (tolerance))) {                               \
            ++check_failures;                                                            \
            fprintf(stderr, "%s:%d: %s = %.17g, expected %.17g +- %g\n", __FILE__,       \
                    __LINE__, #actual, check_a_, check_e_, (double)(tolerance));         \
        }                                                                                \
    } while (0)

/* The thread's last error must contain `needle`. */
#define CHECK_ERROR_HAS(needle)                                                           \
    do {                                                                                  \
        ++check_count;                                                                    \
        if (strstr(offtake_last_error(), (needle)) == NULL) {                             \
            ++check_failures;                                                             \
            fprintf(stderr, "%s:%d: last error \"%s\" lacks \"%s\"\n", __FILE__, __LINE__, \
                    offtake_last_error(), (needle));                                      \
        }                                                                                 \
    } while (0)

static int check_report(const char* program) {
    if (check_failures == 0) {
        printf("%s: %d checks passed\n", program, check_count);
        return 0;
    }
    fprintf(stderr, "%s: %d of %d checks failed\n", program, check_failures, check_count);
    return 1;
}

#endif
