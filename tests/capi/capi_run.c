/* Runs and results through the C API: the deterministic run against the closed-form
   mine's hand-computed NPV and IRR (deals.h), a Monte Carlo run whose risk-neutral mean
   NPV must match the deterministic NPV within a few standard errors (revenue is linear
   in the price and nothing else is path-dependent, so E[NPV] is the NPV on the forward
   curve, conventions section 10), thread-count independence, cancellation, every
   reader and every error path. */
#include <offtake/offtake.h>

#include "check.h"
#include "deals.h"

#include <stdlib.h>

static char yaml[4096];

static offtake_deal* closed_form_deal(void) {
    offtake_deal* deal = NULL;
    CHECK_OK(offtake_deal_load_string(&deal, closed_form_yaml(yaml, sizeof yaml, COPPER_MODEL),
                                      "closed-form.yaml"));
    return deal;
}

static void test_deterministic(void) {
    offtake_deal* deal = closed_form_deal();
    offtake_result* r = (offtake_result*)&yaml;
    offtake_statistics s;
    double x = -1.0;
    int kind = 0;
    long long paths = 0;
    unsigned long long seed = 9;
    int measure = 9;
    const double* values = NULL;
    const double* years = NULL;
    size_t count = 0, n = 0, i;
    const char* name = NULL;
    const char* json = NULL;
    offtake_bankability b;

    CHECK_OK(offtake_run_deterministic(&r, deal));
    CHECK(r != NULL);
    CHECK_OK(offtake_result_kind_of(&kind, r));
    CHECK(kind == OFFTAKE_RESULT_DETERMINISTIC);
    CHECK_OK(offtake_result_run_info(&paths, &seed, &measure, r));
    CHECK(paths == 1 && seed == 0 && measure == OFFTAKE_MEASURE_DEAL);

    CHECK_OK(offtake_result_stat(&x, r, "npv", OFFTAKE_STAT_MEAN));
    CHECK_NEAR(x, closed_form_npv(), 1e-6 * CLOSED_FORM_C);
    CHECK_OK(offtake_result_stat(&x, r, "irr", OFFTAKE_STAT_MEAN));
    CHECK_NEAR(x, closed_form_irr(), 1e-7);
    /* A single scenario: every percentile is the value; sd is absent. */
    CHECK_OK(offtake_result_stat(&x, r, "npv", OFFTAKE_STAT_P10));
    CHECK_NEAR(x, closed_form_npv(), 1e-6 * CLOSED_FORM_C);
    CHECK_STATUS(offtake_result_stat(&x, r, "npv", OFFTAKE_STAT_SD), OFFTAKE_E_ABSENT);
    CHECK_OK(offtake_result_statistics(&s, r, "npv"));
    CHECK(s.count == 1);
    CHECK(s.present & (1u << OFFTAKE_STAT_MEAN));
    CHECK(!(s.present & (1u << OFFTAKE_STAT_SD)));
    CHECK(s.p95 == s.mean && s.p5 == s.mean);

    /* No debt: no debt service, so the DSCR is absent (section 9), never a number. */
    x = 7.0;
    CHECK_STATUS(offtake_result_stat(&x, r, "dscr_min", OFFTAKE_STAT_MEAN), OFFTAKE_E_ABSENT);
    CHECK(x == 0.0);
    CHECK_ERROR_HAS("dscr_min");
    CHECK_OK(offtake_result_statistics(&s, r, "dscr_min"));
    CHECK(s.present == 0 && s.count == 0);

    CHECK_STATUS(offtake_result_stat(&x, r, "nope", OFFTAKE_STAT_MEAN), OFFTAKE_E_NOT_FOUND);
    CHECK_ERROR_HAS("nope");
    CHECK_STATUS(offtake_result_stat(&x, r, "npv", 8), OFFTAKE_E_RANGE);
    CHECK_STATUS(offtake_result_stat(&x, r, "npv", -1), OFFTAKE_E_RANGE);
    CHECK_STATUS(offtake_result_statistics(&s, r, "nope"), OFFTAKE_E_NOT_FOUND);

    /* Every listed metric can be read. */
    CHECK_OK(offtake_result_metric_count(&n, r));
    CHECK(n >= 8);
    for (i = 0; i < n; ++i) {
        CHECK_OK(offtake_result_metric_name(&name, r, i));
        CHECK(name != NULL && strlen(name) > 0);
        CHECK_OK(offtake_result_statistics(&s, r, name));
    }
    CHECK_STATUS(offtake_result_metric_name(&name, r, n), OFFTAKE_E_NOT_FOUND);
    CHECK(name == NULL);

    /* Per-period series: 3 periods; the price deck is flat 8,000 (spot, no discount). */
    CHECK_OK(offtake_result_band(&values, &count, r, "price", OFFTAKE_STAT_MEAN));
    CHECK(count == 3);
    for (i = 0; i < count; ++i) CHECK(values[i] == 8000.0);
    CHECK_OK(offtake_result_period_times(&years, &n, r));
    CHECK(n == 3);
    for (i = 0; i < n; ++i) CHECK_NEAR(years[i], (double)(i + 1), 1e-12);
    /* CFADS of the operating periods is A; the construction period has none. */
    CHECK_OK(offtake_result_band(&values, &count, r, "cfads", OFFTAKE_STAT_MEAN));
    CHECK(count == 3);
    if (count == 3) {
        CHECK_NEAR(values[1], CLOSED_FORM_A, 1e-6 * CLOSED_FORM_A);
        CHECK_NEAR(values[2], CLOSED_FORM_A, 1e-6 * CLOSED_FORM_A);
    }
    CHECK_STATUS(offtake_result_band(&values, &count, r, "price", OFFTAKE_STAT_P95), OFFTAKE_E_UNSUPPORTED);
    CHECK_STATUS(offtake_result_band(&values, &count, r, "volcanoes", OFFTAKE_STAT_MEAN), OFFTAKE_E_NOT_FOUND);
    CHECK(values == NULL && count == 0);

    /* A deterministic run carries no scorecard and no items. */
    CHECK_STATUS(offtake_result_bankability(&b, r), OFFTAKE_E_UNSUPPORTED);
    CHECK_OK(offtake_result_item_count(&n, r));
    CHECK(n == 0);

    CHECK_OK(offtake_result_json(&json, &n, r));
    CHECK(json != NULL && strlen(json) == n);
    CHECK(strstr(json, "\"npv\"") != NULL);
    CHECK(strstr(json, "\"deterministic\"") != NULL);
    CHECK(strstr(json, "nan") == NULL && strstr(json, "inf") == NULL);
    CHECK_OK(offtake_result_json(&json, NULL, r));

    offtake_result_free(r);
    offtake_deal_free(deal);
}

/* A run must refuse a deal that breaks a rule, with the rule in the message. */
static void test_invalid_run(void) {
    offtake_deal* deal = NULL;
    offtake_result* r = (offtake_result*)&yaml;
    char text[4096];
    snprintf(text, sizeof text, "%sequity:\n  - name: A\n    share: 0.5\n",
             closed_form_yaml(yaml, sizeof yaml, COPPER_MODEL));
    if (offtake_deal_load_string(&deal, text, "half.yaml") != OFFTAKE_OK) return; /* refused at load */
    CHECK_STATUS(offtake_run_deterministic(&r, deal), OFFTAKE_E_INVALID_DEAL);
    CHECK(r == NULL);
    CHECK_ERROR_HAS("half.yaml");
    CHECK_ERROR_HAS("equity");
    offtake_deal_free(deal);
}

static int cancel_at_first_report(void* user, long long done, long long total) {
    int* calls = (int*)user;
    ++*calls;
    (void)done;
    (void)total;
    return 1;
}

static int count_reports(void* user, long long done, long long total) {
    long long* last = (long long*)user;
    CHECK(done > last[0] && done <= total);
    last[0] = done;
    last[1] = total;
    return 0;
}

static void test_monte_carlo(void) {
    offtake_deal* deal = closed_form_deal();
    offtake_result* r1 = NULL;
    offtake_result* r2 = NULL;
    offtake_simulation_options o;
    offtake_statistics s, s2;
    double mean = 0.0, se, x;
    long long paths = 0, progress[2] = {0, 0};
    unsigned long long seed = 0;
    int measure = 0, kind = 0, calls = 0;
    const double* p5 = NULL;
    const double* p95 = NULL;
    double copy[8];
    size_t count = 0, count2 = 0, i;
    offtake_bankability b;
    offtake_bankability_factor f;
    const char* json = NULL;

    CHECK_OK(offtake_simulation_options_init(&o, OFFTAKE_SIMULATION_OPTIONS_VERSION));
    CHECK(o.version == OFFTAKE_SIMULATION_OPTIONS_VERSION && o.paths == 0 && o.seed == 0 &&
          o.threads == 0 && o.measure == OFFTAKE_MEASURE_DEAL && o.progress == NULL);
    o.paths = 3000; /* three blocks of 1024 paths or less */
    o.seed = 20261125ULL;
    o.threads = 1;
    o.measure = OFFTAKE_MEASURE_RISK_NEUTRAL;
    o.progress = count_reports;
    o.progress_user_data = progress;
    CHECK_OK(offtake_simulate(&r1, deal, &o));
    CHECK(progress[0] == 3000 && progress[1] == 3000);
    CHECK_OK(offtake_result_kind_of(&kind, r1));
    CHECK(kind == OFFTAKE_RESULT_MONTE_CARLO);
    CHECK_OK(offtake_result_run_info(&paths, &seed, &measure, r1));
    CHECK(paths == 3000 && seed == 20261125ULL && measure == OFFTAKE_MEASURE_RISK_NEUTRAL);

    /* E[NPV] under the risk-neutral measure is the NPV on the forward curve. The
       standard error comes from the sample sd and the path count, computed here. */
    CHECK_OK(offtake_result_statistics(&s, r1, "npv"));
    CHECK(s.count == 3000 && s.absent == 0);
    se = s.sd / sqrt((double)s.count);
    CHECK(se > 0.0);
    CHECK_NEAR(s.mean, closed_form_npv(), 4.0 * se);
    CHECK_NEAR(s.std_error, se, 1e-9 * se);
    CHECK(s.p5 <= s.p10 && s.p10 <= s.p50 && s.p50 <= s.p90 && s.p90 <= s.p95);
    CHECK_OK(offtake_result_stat(&mean, r1, "npv", OFFTAKE_STAT_MEAN));
    CHECK(mean == s.mean);

    /* No debt: no default and no DSCR on any path. */
    CHECK_OK(offtake_result_stat(&x, r1, "p_default", OFFTAKE_STAT_MEAN));
    CHECK(x == 0.0);
    CHECK_STATUS(offtake_result_stat(&x, r1, "p_default", OFFTAKE_STAT_P50), OFFTAKE_E_ABSENT);
    CHECK_OK(offtake_result_statistics(&s2, r1, "dscr_min"));
    CHECK(s2.count == 0 && s2.absent == 3000 && s2.present == 0);

    /* Same seed on two threads: the same bits (blocks merge in a fixed order). */
    o.threads = 2;
    o.progress = NULL;
    CHECK_OK(offtake_simulate(&r2, deal, &o));
    CHECK_OK(offtake_result_statistics(&s2, r2, "npv"));
    CHECK(memcmp(&s, &s2, sizeof s) == 0);
    offtake_result_free(r2);

    /* Bands: P5 <= P95 in every period; the pointer and the copy agree. */
    CHECK_OK(offtake_result_band(&p5, &count, r1, "price", OFFTAKE_STAT_P5));
    CHECK_OK(offtake_result_band(&p95, &count2, r1, "price", OFFTAKE_STAT_P95));
    CHECK(count == 3 && count2 == 3);
    for (i = 0; i < count && i < count2; ++i) CHECK(p5[i] <= p95[i] && p5[i] > 0.0);
    CHECK_STATUS(offtake_result_band_copy(&count2, NULL, 0, r1, "price", OFFTAKE_STAT_P5), OFFTAKE_E_BUFFER);
    CHECK(count2 == 3);
    CHECK_STATUS(offtake_result_band_copy(&count2, copy, 2, r1, "price", OFFTAKE_STAT_P5), OFFTAKE_E_BUFFER);
    CHECK_OK(offtake_result_band_copy(&count2, copy, 8, r1, "price", OFFTAKE_STAT_P5));
    CHECK(count2 == 3 && memcmp(copy, p5, 3 * sizeof(double)) == 0);
    CHECK_STATUS(offtake_result_band_copy(&count2, NULL, 8, r1, "price", OFFTAKE_STAT_P5), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_band_copy(&count2, copy, 8, r1, "price", OFFTAKE_STAT_P10), OFFTAKE_E_UNSUPPORTED);
    CHECK_STATUS(offtake_result_band_copy(&count2, copy, 8, r1, "price", 99), OFFTAKE_E_RANGE);

    /* The scorecard: contributions add up to the score; the category is named. */
    CHECK_OK(offtake_result_bankability(&b, r1));
    CHECK(b.score >= 0.0 && b.score <= 100.0);
    CHECK(b.category != NULL && strlen(b.category) > 0);
    CHECK(b.risk_weight > 0.0);
    CHECK(b.factor_count > 0);
    {
        double total = 0.0, weights = 0.0;
        for (i = 0; i < b.factor_count; ++i) {
            CHECK_OK(offtake_result_bankability_factor(&f, r1, i));
            CHECK(f.id != NULL && f.group != NULL && f.label != NULL);
            CHECK(f.sub_score >= 0.0 && f.sub_score <= 100.0);
            CHECK_NEAR(f.contribution, f.weight * f.sub_score, 1e-9);
            total += f.contribution;
            weights += f.weight;
        }
        CHECK_NEAR(total, b.score, 1e-6);
        CHECK_NEAR(weights, 1.0, 1e-9);
    }
    CHECK_STATUS(offtake_result_bankability_factor(&f, r1, b.factor_count), OFFTAKE_E_NOT_FOUND);
    CHECK(f.id == NULL);
    CHECK_OK(offtake_result_stat(&x, r1, "bankability.score", OFFTAKE_STAT_MEAN));
    CHECK(x == b.score);

    CHECK_OK(offtake_result_json(&json, NULL, r1));
    CHECK(strstr(json, "\"monte_carlo\"") != NULL);
    CHECK(strstr(json, "\"p_dscr_below_1\"") != NULL);
    CHECK(strstr(json, "\"inputs_hash\"") != NULL);
    CHECK(strstr(json, "\"seed\": 20261125") != NULL);
    CHECK(strstr(json, "\"paths\": 3000") != NULL);
    CHECK(strstr(json, "\"risk_neutral\"") != NULL);
    CHECK(strstr(json, OFFTAKE_VERSION_STRING) != NULL);
    CHECK(strstr(json, "nan") == NULL && strstr(json, "inf") == NULL && strstr(json, "NaN") == NULL);
    offtake_result_free(r1);

    /* Cancellation: the callback's non-zero return stops the run; no result. */
    o.progress = cancel_at_first_report;
    o.progress_user_data = &calls;
    r1 = (offtake_result*)&yaml;
    CHECK_STATUS(offtake_simulate(&r1, deal, &o), OFFTAKE_E_CANCELLED);
    CHECK(r1 == NULL);
    CHECK(calls == 1);
    CHECK_ERROR_HAS("stopped");

    /* Options checked before any work. */
    o.progress = NULL;
    o.paths = -1;
    CHECK_STATUS(offtake_simulate(&r1, deal, &o), OFFTAKE_E_RANGE);
    CHECK_ERROR_HAS("paths");
    o.paths = 100000001LL;
    CHECK_STATUS(offtake_simulate(&r1, deal, &o), OFFTAKE_E_RANGE);
    o.paths = 100;
    o.threads = -2;
    CHECK_STATUS(offtake_simulate(&r1, deal, &o), OFFTAKE_E_RANGE);
    o.threads = 1;
    o.measure = 7;
    CHECK_STATUS(offtake_simulate(&r1, deal, &o), OFFTAKE_E_RANGE);
    o.measure = OFFTAKE_MEASURE_DEAL;
    o.version = 99;
    CHECK_STATUS(offtake_simulate(&r1, deal, &o), OFFTAKE_E_MISUSE);
    CHECK_ERROR_HAS("version");
    o.version = 0;
    CHECK_STATUS(offtake_simulate(&r1, deal, &o), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_simulation_options_init(&o, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_simulation_options_init(&o, 2), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_simulation_options_init(NULL, 1), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_simulate(NULL, deal, NULL), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_simulate(&r1, NULL, NULL), OFFTAKE_E_MISUSE);
    CHECK(r1 == NULL);
    offtake_deal_free(deal);
}

/* Compare: a deal against itself differs by exactly zero on common random numbers. */
static void test_compare(void) {
    offtake_deal* a = closed_form_deal();
    offtake_deal* b = NULL;
    const offtake_deal* deals[2];
    offtake_result* r = NULL;
    const offtake_result* item = NULL;
    offtake_simulation_options o;
    double x = 1.0, npv_a = 0.0, npv_b = 0.0;
    size_t n = 0;
    int kind = 0;
    const char* json = NULL;

    CHECK_OK(offtake_deal_clone(&b, a));
    /* Deal b: a unit cost 1,000 higher lowers each operating year's cash by 10,000 t x
       1,000 = 10,000,000, on every path alike: the paired NPV difference is exactly
       -10,000,000 (1/1.08^2 + 1/1.08^3), with no Monte Carlo error. */
    CHECK_OK(offtake_deal_set_number(b, "project.unit_opex", 3000.0));
    deals[0] = a;
    deals[1] = b;
    CHECK_OK(offtake_simulation_options_init(&o, OFFTAKE_SIMULATION_OPTIONS_VERSION));
    o.paths = 500;
    o.threads = 1;
    CHECK_OK(offtake_compare(&r, deals, 2, &o));
    CHECK_OK(offtake_result_kind_of(&kind, r));
    CHECK(kind == OFFTAKE_RESULT_COMPARISON);
    CHECK_OK(offtake_result_item_count(&n, r));
    CHECK(n == 2);
    CHECK_OK(offtake_result_stat(&x, r, "difference[1].npv", OFFTAKE_STAT_MEAN));
    CHECK_NEAR(x, -10000000.0 * (1.0 / (1.08 * 1.08) + 1.0 / (1.08 * 1.08 * 1.08)), 1e-3);
    CHECK_OK(offtake_result_stat(&x, r, "difference[1].npv", OFFTAKE_STAT_STD_ERROR));
    CHECK_NEAR(x, 0.0, 1e-6);
    CHECK_OK(offtake_result_item(&item, r, 0));
    CHECK_OK(offtake_result_stat(&npv_a, item, "npv", OFFTAKE_STAT_MEAN));
    CHECK_OK(offtake_result_item(&item, r, 1));
    CHECK_OK(offtake_result_stat(&npv_b, item, "npv", OFFTAKE_STAT_MEAN));
    CHECK_NEAR(npv_b - npv_a, -10000000.0 * (1.0 / (1.08 * 1.08) + 1.0 / (1.08 * 1.08 * 1.08)), 1e-3);
    offtake_result_free((offtake_result*)item); /* an item: freeing it does nothing */
    CHECK_OK(offtake_result_stat(&npv_b, item, "npv", OFFTAKE_STAT_MEAN));
    CHECK_STATUS(offtake_result_item(&item, r, 2), OFFTAKE_E_NOT_FOUND);
    CHECK(item == NULL);
    CHECK_OK(offtake_result_json(&json, NULL, r));
    CHECK(strstr(json, "\"comparison\"") != NULL);
    offtake_result_free(r);
    /* The items died with their parent. */
    CHECK_STATUS(offtake_result_item(&item, r, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_kind_of(&kind, deals[0] ? NULL : NULL), OFFTAKE_E_MISUSE);

    CHECK_STATUS(offtake_compare(&r, deals, 0, &o), OFFTAKE_E_RANGE);
    CHECK_STATUS(offtake_compare(&r, NULL, 2, &o), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_compare(NULL, deals, 2, &o), OFFTAKE_E_MISUSE);
    deals[1] = NULL;
    CHECK_STATUS(offtake_compare(&r, deals, 2, &o), OFFTAKE_E_MISUSE);
    CHECK_ERROR_HAS("deals[1]");
    CHECK(r == NULL);
    offtake_deal_free(b);
    offtake_deal_free(a);
}

static void test_size_debt(void) {
    offtake_deal* deal = NULL;
    offtake_result* r = NULL;
    const offtake_result* run = NULL;
    offtake_debt_sizing_options sizing;
    offtake_simulation_options o;
    double gearing = -1.0, feasible = -1.0, p10 = 0.0;
    size_t n = 0;
    int kind = 0;

    CHECK_OK(offtake_debt_sizing_options_init(&sizing, OFFTAKE_DEBT_SIZING_OPTIONS_VERSION));
    CHECK(sizing.dscr_percentile == 0.10 && sizing.target_dscr == 1.30 && sizing.target_llcr == 0.0 &&
          sizing.min_gearing == 0.0 && sizing.max_gearing == 0.95);
    CHECK_OK(offtake_simulation_options_init(&o, OFFTAKE_SIMULATION_OPTIONS_VERSION));
    o.paths = 400;
    o.threads = 2;

    /* The closed-form mine has no debt section: nothing to size. */
    deal = closed_form_deal();
    CHECK_STATUS(offtake_size_debt(&r, deal, &sizing, &o), OFFTAKE_E_INVALID_DEAL);
    CHECK_ERROR_HAS("debt");
    offtake_deal_free(deal);

    CHECK_OK(offtake_deal_load_file(&deal, EXAMPLE_DEAL));
    sizing.max_gearing = 0.8;
    CHECK_OK(offtake_size_debt(&r, deal, &sizing, &o));
    CHECK_OK(offtake_result_kind_of(&kind, r));
    CHECK(kind == OFFTAKE_RESULT_DEBT_SIZING);
    CHECK_OK(offtake_result_stat(&feasible, r, "feasible", OFFTAKE_STAT_MEAN));
    CHECK_OK(offtake_result_stat(&gearing, r, "gearing", OFFTAKE_STAT_MEAN));
    CHECK(gearing >= 0.0 && gearing <= 0.8);
    CHECK_OK(offtake_result_item_count(&n, r));
    CHECK(n == 1);
    CHECK_OK(offtake_result_item(&run, r, 0));
    /* When feasible, the run at the sized gearing meets the target it was sized to. */
    if (feasible == 1.0 && offtake_result_stat(&p10, run, "dscr_min", OFFTAKE_STAT_P10) == OFFTAKE_OK)
        CHECK(p10 >= 1.30 - 1e-3);
    offtake_result_free(r);

    sizing.dscr_percentile = 1.5;
    CHECK_STATUS(offtake_size_debt(&r, deal, &sizing, &o), OFFTAKE_E_RANGE);
    CHECK_ERROR_HAS("dscr_percentile");
    sizing.dscr_percentile = 0.1;
    sizing.min_gearing = 0.9;
    CHECK_STATUS(offtake_size_debt(&r, deal, &sizing, &o), OFFTAKE_E_RANGE);
    sizing.min_gearing = 0.0;
    sizing.target_dscr = NAN;
    CHECK_STATUS(offtake_size_debt(&r, deal, &sizing, &o), OFFTAKE_E_RANGE);
    sizing.target_dscr = 1.3;
    sizing.version = 5;
    CHECK_STATUS(offtake_size_debt(&r, deal, &sizing, &o), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_debt_sizing_options_init(&sizing, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_debt_sizing_options_init(NULL, 1), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_size_debt(NULL, deal, NULL, NULL), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_size_debt(&r, NULL, NULL, NULL), OFFTAKE_E_MISUSE);
    CHECK(r == NULL);
    offtake_deal_free(deal);
}

/* Every reader refuses NULL and freed results. */
static void test_result_misuse(void) {
    offtake_deal* deal = closed_form_deal();
    offtake_result* r = NULL;
    double x;
    offtake_statistics s;
    size_t n;
    const char* name;
    long long paths;
    unsigned long long seed;
    int measure, kind;
    const double* values;
    double buffer[4];
    offtake_bankability b;
    offtake_bankability_factor f;
    const offtake_result* item;
    const char* json;

    CHECK_STATUS(offtake_run_deterministic(NULL, deal), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_run_deterministic(&r, NULL), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_run_deterministic(&r, (const offtake_deal*)buffer), OFFTAKE_E_MISUSE);
    CHECK_OK(offtake_run_deterministic(&r, deal));
    /* A result passed as a deal. */
    CHECK_STATUS(offtake_run_deterministic(&r, (const offtake_deal*)r), OFFTAKE_E_MISUSE);
    CHECK_OK(offtake_run_deterministic(&r, deal));
    offtake_result_free(r);

    /* r is now freed: every reader says so. */
    CHECK_STATUS(offtake_result_kind_of(&kind, r), OFFTAKE_E_MISUSE);
    CHECK_ERROR_HAS("not a live result");
    CHECK_STATUS(offtake_result_stat(&x, r, "npv", 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_statistics(&s, r, "npv"), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_metric_count(&n, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_metric_name(&name, r, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_run_info(&paths, &seed, &measure, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_band(&values, &n, r, "price", 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_band_copy(&n, buffer, 4, r, "price", 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_period_times(&values, &n, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_bankability(&b, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_bankability_factor(&f, r, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_item_count(&n, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_item(&item, r, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_json(&json, &n, r), OFFTAKE_E_MISUSE);
    offtake_result_free(r); /* twice: nothing happens */
    offtake_result_free(NULL);

    /* NULL outputs and NULL results. */
    CHECK_OK(offtake_run_deterministic(&r, deal));
    CHECK_STATUS(offtake_result_kind_of(NULL, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_kind_of(&kind, NULL), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_stat(NULL, r, "npv", 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_stat(&x, r, NULL, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_statistics(NULL, r, "npv"), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_statistics(&s, r, NULL), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_metric_count(NULL, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_metric_name(NULL, r, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_run_info(NULL, &seed, &measure, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_run_info(&paths, NULL, &measure, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_run_info(&paths, &seed, NULL, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_band(NULL, &n, r, "price", 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_band(&values, NULL, r, "price", 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_band(&values, &n, r, NULL, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_band_copy(NULL, buffer, 4, r, "price", 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_period_times(NULL, &n, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_period_times(&values, NULL, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_bankability(NULL, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_bankability_factor(NULL, r, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_item_count(NULL, r), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_item(NULL, r, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_json(NULL, &n, r), OFFTAKE_E_MISUSE);
    /* A success after failures clears the message. */
    CHECK_OK(offtake_result_kind_of(&kind, r));
    CHECK(strcmp(offtake_last_error(), "") == 0);
    offtake_result_free(r);
    offtake_deal_free(deal);
}

int main(void) {
    test_deterministic();
    test_invalid_run();
    test_monte_carlo();
    test_compare();
    test_size_debt();
    test_result_misuse();
    return check_report("capi_run");
}
