/* The deterministic run and the result readers through the C API: the closed-form
   mine's hand-computed NPV and IRR (deals.h), its per-period series, the JSON text,
   and every reader's error paths (NULL, freed and foreign handles, unknown names,
   short buffers). Monte Carlo runs: capi_montecarlo.c. */
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
    CHECK(strstr(json, ": nan") == NULL && strstr(json, ": inf") == NULL && strstr(json, ": -inf") == NULL);
    CHECK_OK(offtake_result_json(&json, NULL, r));

    offtake_result_free(r);
    offtake_deal_free(deal);
}

/* A run must refuse a deal that breaks a rule, with the rule in the message. */
static void test_invalid_run(void) {
    offtake_deal* deal = NULL;
    offtake_result* r = (offtake_result*)&yaml;
    char text[8192];
    snprintf(text, sizeof text, "%sequity:\n  - name: A\n    share: 0.5\n",
             closed_form_yaml(yaml, sizeof yaml, COPPER_MODEL));
    if (offtake_deal_load_string(&deal, text, "half.yaml") != OFFTAKE_OK) return; /* refused at load */
    CHECK_STATUS(offtake_run_deterministic(&r, deal), OFFTAKE_E_INVALID_DEAL);
    CHECK(r == NULL);
    CHECK_ERROR_HAS("half.yaml");
    CHECK_ERROR_HAS("equity");
    offtake_deal_free(deal);
}

/* Issue 12, defect 5: a tiny or denormal gearing on a sculpted loan is a result, not
   OFFTAKE_E_INTERNAL ("root not bracketed" before the fix). Thacker Pass sculpts its
   loan; at gearing g the debt is about g times the funding need, so below 1e-9 of a
   ~2 USD bn need it is at most a few dollars, and a denormal is below 1e-300. */
static void test_tiny_sculpted_gearing(void) {
    static const double gearings[] = {1e-9, 1e-12, 1e-310, 5e-324};
    size_t i;
    for (i = 0; i < sizeof gearings / sizeof gearings[0]; ++i) {
        offtake_deal* deal = NULL;
        offtake_result* r = NULL;
        double debt = -1.0;
        CHECK_OK(offtake_deal_load_file(&deal, OFFTAKE_SOURCE_DIR "/examples/thacker-pass-gm.yaml"));
        CHECK_OK(offtake_deal_set_number(deal, "debt.gearing", gearings[i]));
        CHECK_OK(offtake_run_deterministic(&r, deal));
        CHECK_OK(offtake_result_stat(&debt, r, "debt_at_cod", OFFTAKE_STAT_MEAN));
        CHECK(debt >= 0.0 && debt <= 10.0);
        if (gearings[i] < 1e-300) CHECK(debt <= 1e-290);
        offtake_result_free(r);
        offtake_deal_free(deal);
    }
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
    test_result_misuse();
    test_tiny_sculpted_gearing();
    return check_report("capi_run");
}
