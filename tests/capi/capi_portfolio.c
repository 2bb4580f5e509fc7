/* The buyer's portfolio through the C API (docs/portfolio.md, docs/c-api.md):
   tests/capi/portfolio/one-mine.portfolio.yaml, one 6,000 t/yr fixed-price offtake at
   20,000 per tonne against a need of 10,000 t in 2031 and 2032, no spot, a deterministic
   deck. By hand: 4,000 t unmet in each year on every path, P(shortfall) 1, CVaR 95 % of
   unmet 4,000 t, contract cost 120 m a year. Checked: kind, run info, the named metrics
   against those figures, item 0 (the project) against offtake_simulate() of its deal
   file on the same seed and paths, the JSON kind, and bad arguments (NULL, a missing
   file, antithetic): statuses, never a crash. */
#include <offtake/offtake.h>

#include "check.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PORTFOLIO OFFTAKE_SOURCE_DIR "/tests/capi/portfolio/one-mine.portfolio.yaml"

static double stat(const offtake_result* r, const char* name) {
    double v = NAN;
    CHECK_OK(offtake_result_stat(&v, r, name, OFFTAKE_STAT_MEAN));
    return v;
}

int main(void) {
    offtake_result* result = NULL;
    offtake_result* alone = NULL;
    offtake_deal* deal = NULL;
    const offtake_result* item = NULL;
    const char* text = NULL;
    const char* label = NULL;
    size_t n = 0, length = 0;
    int kind = 0, measure = 0;
    long long paths = 0;
    unsigned long long seed = 0;
    offtake_simulation_options o;
    offtake_metric_info info;
    CHECK_OK(offtake_simulation_options_init(&o, OFFTAKE_SIMULATION_OPTIONS_VERSION));
    o.paths = 64;
    o.seed = 7;
    o.threads = 2;

    CHECK_OK(offtake_run_portfolio(&result, PORTFOLIO, &o));
    CHECK_OK(offtake_result_kind_of(&kind, result));
    CHECK(kind == OFFTAKE_RESULT_PORTFOLIO);
    CHECK_OK(offtake_result_run_info(&paths, &seed, &measure, result));
    CHECK(paths == 64 && seed == 7);
    CHECK(stat(result, "lithium_hydroxide.2031.need_tonnes") == 10000.0);
    CHECK(fabs(stat(result, "lithium_hydroxide.2031.delivered_tonnes") - 6000.0) < 1e-6);
    CHECK(fabs(stat(result, "lithium_hydroxide.2032.unmet_tonnes") - 4000.0) < 1e-6);
    CHECK(stat(result, "lithium_hydroxide.2031.p_shortfall[0]") == 1.0);
    CHECK(fabs(stat(result, "lithium_hydroxide.2031.cvar95_unmet_tonnes") - 4000.0) < 1e-6);
    CHECK(fabs(stat(result, "lithium_hydroxide.2032.contract_cost") - 6000.0 * 20000.0) < 1e-3);
    CHECK(stat(result, "capital_at_risk.prepayments_committed") == 0.0);
    CHECK_OK(offtake_result_metric_info(&info, result, "lithium_hydroxide.2031.total_cost"));
    CHECK(strcmp(info.unit, "USD") == 0);
    CHECK(offtake_result_stat(NULL, result, "lithium_hydroxide.2031.unmet_tonnes", OFFTAKE_STAT_MEAN) ==
          OFFTAKE_E_MISUSE);
    {
        double v = 0.0;
        CHECK(offtake_result_stat(&v, result, "lithium_hydroxide.2040.unmet_tonnes", OFFTAKE_STAT_MEAN) ==
              OFFTAKE_E_NOT_FOUND);
    }

    /* One item per position: the project's own run, the same as simulating its deal. */
    CHECK_OK(offtake_result_item_count(&n, result));
    CHECK(n == 1);
    CHECK_OK(offtake_result_item(&item, result, 0));
    CHECK_OK(offtake_result_item_label(&label, result, 0));
    CHECK(strcmp(label, "hydroxide-mine.yaml") == 0);
    CHECK_OK(offtake_deal_load_file(&deal, OFFTAKE_SOURCE_DIR "/tests/capi/portfolio/hydroxide-mine.yaml"));
    CHECK_OK(offtake_simulate(&alone, deal, &o));
    CHECK(stat(item, "npv") == stat(alone, "npv"));
    CHECK(stat(item, "buyers[0].delivered_tonnes") == stat(alone, "buyers[0].delivered_tonnes"));

    CHECK_OK(offtake_result_json(&text, &length, result));
    CHECK(length > 0 && strstr(text, "\"kind\": \"portfolio\"") != NULL);

    /* Bad arguments: statuses and messages, no crash, *out cleared. */
    offtake_result_free(alone);
    alone = (offtake_result*)1;
    CHECK(offtake_run_portfolio(&alone, NULL, &o) == OFFTAKE_E_MISUSE);
    CHECK(alone == NULL);
    CHECK(offtake_run_portfolio(NULL, PORTFOLIO, &o) == OFFTAKE_E_MISUSE);
    CHECK(offtake_run_portfolio(&alone, OFFTAKE_SOURCE_DIR "/tests/capi/portfolio/none.portfolio.yaml", &o) ==
          OFFTAKE_E_INVALID_DEAL);
    CHECK(strstr(offtake_last_error(), "none.portfolio.yaml") != NULL);
    CHECK(alone == NULL);
    o.antithetic = 1;
    CHECK(offtake_run_portfolio(&alone, PORTFOLIO, &o) == OFFTAKE_E_RANGE);
    CHECK(strstr(offtake_last_error(), "antithetic") != NULL);
    o.antithetic = 0;
    o.version = 99;
    CHECK(offtake_run_portfolio(&alone, PORTFOLIO, &o) == OFFTAKE_E_MISUSE);

    offtake_deal_free(deal);
    offtake_result_free(result);
    return check_report("capi_portfolio");
}
