/* Shared handles under load, written for ThreadSanitizer (preset `tsan`) as much as for
   the numbers: several caller threads at once share one deal (runs, reads, export,
   validation, clones) and one result (every reader), and each of their Monte Carlo runs
   starts its own pool of engine threads, some stopped early by their progress callback.
   Everything a thread reads must equal, bit for bit, what the same call gave on the
   main thread before the threads started: the API's threading contract (offtake.h,
   docs/c-api.md) says nothing here may interfere. */
#include <offtake/offtake.h>

#include "check.h"
#include "deals.h"

#include <pthread.h>
#include <stdlib.h>

#define CALLERS 4
#define ROUNDS 2
#define PATHS 3000 /* three blocks of 1024: progress is reported three times */

typedef struct reference {
    offtake_statistics npv;
    double p5_price[8];
    size_t periods;
    char yaml[4096];
    size_t yaml_length;
    size_t problems;
    double difference_npv;
} reference;

typedef struct caller {
    int index;
    const offtake_deal* deal;     /* shared: read only */
    const offtake_result* result; /* shared: read only */
    const reference* expected;
    const char* json;             /* the shared result's JSON pointer seen on the main thread */
    int failures;
    int progress_calls;           /* this caller's callback only */
    char error[256];
} caller;

static void fail(caller* c, const char* what) {
    ++c->failures;
    if (c->error[0] == '\0') snprintf(c->error, sizeof c->error, "%s (%s)", what, offtake_last_error());
}

static void options(offtake_simulation_options* o, int engine_threads) {
    offtake_simulation_options_init(o, OFFTAKE_SIMULATION_OPTIONS_VERSION);
    o->paths = PATHS;
    o->seed = 11;
    o->threads = engine_threads;
}

/* Stops after the first block; counts its calls in the caller's own record. */
static int stop_at_first_block(void* user_data, long long done, long long total) {
    caller* c = (caller*)user_data;
    ++c->progress_calls;
    return done >= 1024 && total == PATHS;
}

static int keep_going(void* user_data, long long done, long long total) {
    caller* c = (caller*)user_data;
    ++c->progress_calls;
    (void)done;
    (void)total;
    return 0;
}

/* The comparison of `deal` with a copy whose unit cost is 500 higher. */
static offtake_status difference_npv(double* out, const offtake_deal* deal, int engine_threads) {
    offtake_deal* variant = NULL;
    offtake_result* r = NULL;
    offtake_simulation_options o;
    const offtake_deal* pair[2];
    offtake_status s;
    double cost = 0.0;
    if ((s = offtake_deal_clone(&variant, deal)) != OFFTAKE_OK) return s;
    if ((s = offtake_deal_get_number(&cost, variant, "project.unit_opex")) != OFFTAKE_OK) goto done;
    if ((s = offtake_deal_set_number(variant, "project.unit_opex", cost + 500.0)) != OFFTAKE_OK) goto done;
    pair[0] = deal;
    pair[1] = variant;
    options(&o, engine_threads);
    if ((s = offtake_compare(&r, pair, 2, &o)) != OFFTAKE_OK) goto done;
    s = offtake_result_stat(out, r, "difference[1].npv", OFFTAKE_STAT_MEAN);
done:
    offtake_result_free(r);
    offtake_deal_free(variant);
    return s;
}

static void* run_caller(void* argument) {
    caller* c = (caller*)argument;
    const reference* e = c->expected;
    int round;
    for (round = 0; round < ROUNDS; ++round) {
        offtake_result* r = NULL;
        offtake_simulation_options o;
        offtake_statistics s;
        offtake_problems* problems = NULL;
        double band[8], x = 0.0;
        size_t n = 0, length = 0;
        char yaml[4096];
        const char* json = NULL;
        int calls_before;

        /* A full run on two engine threads, with a callback that lets it finish. */
        options(&o, 2);
        o.progress = keep_going;
        o.progress_user_data = c;
        calls_before = c->progress_calls;
        if (offtake_simulate(&r, c->deal, &o) != OFFTAKE_OK) fail(c, "simulate");
        if (c->progress_calls - calls_before != 3) fail(c, "three progress reports");
        if (offtake_result_statistics(&s, r, "npv") != OFFTAKE_OK || memcmp(&s, &e->npv, sizeof s) != 0)
            fail(c, "npv statistics differ from the single-caller run");
        offtake_result_free(r);
        r = NULL;

        /* The same run stopped by its callback after the first block. */
        o.progress = stop_at_first_block;
        calls_before = c->progress_calls;
        if (offtake_simulate(&r, c->deal, &o) != OFFTAKE_E_CANCELLED) fail(c, "cancelled run");
        if (r != NULL) fail(c, "a cancelled run returns no result");
        if (c->progress_calls - calls_before != 1) fail(c, "one progress report before stopping");
        if (strstr(offtake_last_error(), "stopped") == NULL) fail(c, "this thread's cancellation message");

        /* Every reader of the shared result. */
        if (offtake_result_statistics(&s, c->result, "npv") != OFFTAKE_OK || memcmp(&s, &e->npv, sizeof s) != 0)
            fail(c, "shared result statistics");
        if (offtake_result_stat(&x, c->result, "npv", OFFTAKE_STAT_P10) != OFFTAKE_OK || x != e->npv.p10)
            fail(c, "shared result P10");
        if (offtake_result_band_copy(&n, band, 8, c->result, "price", OFFTAKE_STAT_P5) != OFFTAKE_OK ||
            n != e->periods || memcmp(band, e->p5_price, n * sizeof band[0]) != 0)
            fail(c, "shared result band");
        if (offtake_result_json(&json, &length, c->result) != OFFTAKE_OK || json != c->json)
            fail(c, "shared result JSON");

        /* Reads, export and validation of the shared deal. */
        if (offtake_deal_to_yaml(&length, yaml, sizeof yaml, c->deal) != OFFTAKE_OK ||
            length != e->yaml_length || memcmp(yaml, e->yaml, length) != 0)
            fail(c, "shared deal YAML");
        if (offtake_deal_validate(&problems, c->deal) != OFFTAKE_OK ||
            offtake_problems_count(&n, problems) != OFFTAKE_OK || n != e->problems)
            fail(c, "shared deal validation");
        offtake_problems_free(problems);

        /* A comparison against this thread's own edited clone. */
        if (difference_npv(&x, c->deal, 2) != OFFTAKE_OK || x != e->difference_npv)
            fail(c, "comparison with a clone");
    }
    return NULL;
}

int main(void) {
    char text[4096];
    pthread_t threads[CALLERS];
    caller callers[CALLERS];
    reference expected;
    offtake_deal* deal = NULL;
    offtake_result* shared = NULL;
    offtake_simulation_options o;
    offtake_problems* problems = NULL;
    const char* json = NULL;
    int k;

    memset(&expected, 0, sizeof expected);
    closed_form_yaml(text, sizeof text, COPPER_MODEL);
    CHECK_OK(offtake_deal_load_string(&deal, text, "shared.yaml"));

    /* References, on this thread alone and with a single engine thread. */
    options(&o, 1);
    CHECK_OK(offtake_simulate(&shared, deal, &o));
    CHECK_OK(offtake_result_statistics(&expected.npv, shared, "npv"));
    CHECK(expected.npv.count == PATHS);
    CHECK_OK(offtake_result_band_copy(&expected.periods, expected.p5_price, 8, shared, "price", OFFTAKE_STAT_P5));
    CHECK(expected.periods == 3);
    CHECK_OK(offtake_result_json(&json, NULL, shared));
    CHECK_OK(offtake_deal_to_yaml(&expected.yaml_length, expected.yaml, sizeof expected.yaml, deal));
    CHECK_OK(offtake_deal_validate(&problems, deal));
    CHECK_OK(offtake_problems_count(&expected.problems, problems));
    offtake_problems_free(problems);
    CHECK_OK(difference_npv(&expected.difference_npv, deal, 1));
    /* Same paths, 500 /t more cost on Q = 10,000 t in each of the two operating years:
       the difference is exact, -500 Q (1.08^-2 + 1.08^-3) on every path (deals.h). */
    CHECK_NEAR(expected.difference_npv, -500.0 * 10000.0 * (1.0 / (1.08 * 1.08) + 1.0 / (1.08 * 1.08 * 1.08)),
               1e-3);

    for (k = 0; k < CALLERS; ++k) {
        memset(&callers[k], 0, sizeof callers[k]);
        callers[k].index = k;
        callers[k].deal = deal;
        callers[k].result = shared;
        callers[k].expected = &expected;
        callers[k].json = json;
        CHECK(pthread_create(&threads[k], NULL, run_caller, &callers[k]) == 0);
    }
    for (k = 0; k < CALLERS; ++k) CHECK(pthread_join(threads[k], NULL) == 0);
    for (k = 0; k < CALLERS; ++k) {
        if (callers[k].failures) fprintf(stderr, "caller %d: %d failures; first: %s\n", k, callers[k].failures, callers[k].error);
        CHECK(callers[k].failures == 0);
        CHECK(callers[k].progress_calls == ROUNDS * (3 + 1));
    }
    offtake_result_free(shared);
    offtake_deal_free(deal);
    return check_report("capi_shared");
}
