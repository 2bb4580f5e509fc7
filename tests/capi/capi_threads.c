/* Several deals run at once from several threads (POSIX threads), each thread with its
   own deal handle: every thread's numbers must equal, bit for bit, what a run of the
   same deal gives on a single thread beforehand. Also a deal handle shared by threads
   that only read it, and per-thread last-error messages that do not mix. */
#include <offtake/offtake.h>

#include "check.h"
#include "deals.h"

#include <pthread.h>
#include <stdlib.h>

#define THREADS 4

static char base_yaml[4096];

typedef struct job {
    int index;
    const offtake_deal* shared; /* read by every thread */
    double npv, irr, mc_mean, mc_p10, shared_npv;
    int failures;
    char error[256];
} job;

/* Deal k: the closed-form mine with a unit cost of 2,000 + 250 k. */
static offtake_status run_one(int k, double* npv, double* irr, double* mc_mean, double* mc_p10) {
    offtake_deal* deal = NULL;
    offtake_result* r = NULL;
    offtake_simulation_options o;
    offtake_status s;
    if ((s = offtake_deal_load_string(&deal, base_yaml, "threads.yaml")) != OFFTAKE_OK) return s;
    if ((s = offtake_deal_set_number(deal, "project.unit_opex", 2000.0 + 250.0 * k)) != OFFTAKE_OK) goto done;
    if ((s = offtake_run_deterministic(&r, deal)) != OFFTAKE_OK) goto done;
    offtake_result_stat(npv, r, "npv", OFFTAKE_STAT_MEAN);
    offtake_result_stat(irr, r, "irr", OFFTAKE_STAT_MEAN);
    offtake_result_free(r);
    r = NULL;
    offtake_simulation_options_init(&o, OFFTAKE_SIMULATION_OPTIONS_VERSION);
    o.paths = 600;
    o.seed = 1000 + (unsigned long long)k;
    o.threads = 1;
    if ((s = offtake_simulate(&r, deal, &o)) != OFFTAKE_OK) goto done;
    offtake_result_stat(mc_mean, r, "npv", OFFTAKE_STAT_MEAN);
    offtake_result_stat(mc_p10, r, "npv", OFFTAKE_STAT_P10);
done:
    offtake_result_free(r);
    offtake_deal_free(deal);
    return s;
}

static void* worker(void* argument) {
    job* j = (job*)argument;
    offtake_result* r = NULL;
    double x = 0.0;
    int round;
    for (round = 0; round < 2; ++round) {
        offtake_status s = run_one(j->index, &j->npv, &j->irr, &j->mc_mean, &j->mc_p10);
        if (s != OFFTAKE_OK) {
            ++j->failures;
            snprintf(j->error, sizeof j->error, "%s: %s", offtake_status_name(s), offtake_last_error());
        }
        /* The shared deal: runs and reads only. */
        if (offtake_run_deterministic(&r, j->shared) != OFFTAKE_OK) ++j->failures;
        if (offtake_result_stat(&j->shared_npv, r, "npv", OFFTAKE_STAT_MEAN) != OFFTAKE_OK) ++j->failures;
        offtake_result_free(r);
        r = NULL;
        if (offtake_deal_get_number(&x, j->shared, "project.unit_opex") != OFFTAKE_OK || x != 2000.0)
            ++j->failures;
        /* This thread's error stays this thread's, whatever the others do meanwhile. */
        if (offtake_deal_get_number(&x, j->shared, j->index % 2 ? "thread.odd" : "thread.even") !=
            OFFTAKE_E_UNKNOWN_PARAMETER)
            ++j->failures;
        if (strstr(offtake_last_error(), j->index % 2 ? "thread.odd" : "thread.even") == NULL) ++j->failures;
    }
    return NULL;
}

int main(void) {
    pthread_t threads[THREADS];
    job jobs[THREADS];
    double npv[THREADS], irr[THREADS], mean[THREADS], p10[THREADS];
    offtake_deal* shared = NULL;
    offtake_result* r = NULL;
    double shared_npv = 0.0;
    int k;

    closed_form_yaml(base_yaml, sizeof base_yaml, COPPER_MODEL);
    /* Single-threaded references first. */
    for (k = 0; k < THREADS; ++k) CHECK_OK(run_one(k, &npv[k], &irr[k], &mean[k], &p10[k]));
    /* Deal 0 is the closed-form mine itself. */
    CHECK_NEAR(npv[0], closed_form_npv(), 1e-6 * CLOSED_FORM_C);
    CHECK(npv[1] < npv[0]); /* costlier deals are worth less */

    CHECK_OK(offtake_deal_load_string(&shared, base_yaml, "shared.yaml"));
    CHECK_OK(offtake_run_deterministic(&r, shared));
    CHECK_OK(offtake_result_stat(&shared_npv, r, "npv", OFFTAKE_STAT_MEAN));
    offtake_result_free(r);

    for (k = 0; k < THREADS; ++k) {
        memset(&jobs[k], 0, sizeof jobs[k]);
        jobs[k].index = k;
        jobs[k].shared = shared;
        CHECK(pthread_create(&threads[k], NULL, worker, &jobs[k]) == 0);
    }
    for (k = 0; k < THREADS; ++k) CHECK(pthread_join(threads[k], NULL) == 0);

    for (k = 0; k < THREADS; ++k) {
        if (jobs[k].failures) fprintf(stderr, "thread %d: %d failures; %s\n", k, jobs[k].failures, jobs[k].error);
        CHECK(jobs[k].failures == 0);
        CHECK(jobs[k].npv == npv[k]);
        CHECK(jobs[k].irr == irr[k]);
        CHECK(jobs[k].mc_mean == mean[k]);
        CHECK(jobs[k].mc_p10 == p10[k]);
        CHECK(jobs[k].shared_npv == shared_npv);
    }
    offtake_deal_free(shared);
    return check_report("capi_threads");
}
