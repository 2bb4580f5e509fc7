/* Stress scenarios through the C API, on the closed-form mine (deals.h) with its unit
   cost set to 0: no costs, no tax, no debt, so the project cash flows are
       CF_1 = -C at T = 1,   CF_t = Q S_t at T = 2, 3
   and a price shock s scales every revenue by (1 + s) on each path. On common random
   numbers the shocked NPV is then, path by path and so in the mean,
       NPV_s = (1 + s) (NPV + PV(capex)) - PV(capex),   PV(capex) = C / 1.08
   (as tests/montecarlo Stress.PriceShockScalesRevenueLinearly). Under the risk-neutral
   measure E[S_t] is the flat deck P = 8,000, so the base mean must also lie within
   4 standard errors (computed here from sd and paths) of
       -C / 1.08 + Q P / 1.08^2 + Q P / 1.08^3.
   Also: the standard set (count, names and changes as docs/monte-carlo.md section 7
   lists them), a user scenario equal to the standard price shock gives the same bits,
   item 0 equals offtake_simulate() with the same options, labels, JSON, progress over
   every run, cancellation, every bad argument, and the labels of a comparison's items. */
#include <offtake/offtake.h>

#include "check.h"
#include "deals.h"

#include <stdlib.h>

#define PATHS 600
#define SEED 20261125ULL

static char yaml[4096];

static offtake_deal* no_cost_deal(void) {
    offtake_deal* deal = NULL;
    CHECK_OK(offtake_deal_load_string(&deal, closed_form_yaml(yaml, sizeof yaml, COPPER_MODEL),
                                      "closed-form.yaml"));
    CHECK_OK(offtake_deal_set_number(deal, "project.unit_opex", 0.0));
    return deal;
}

static void options_for_tests(offtake_simulation_options* o) {
    CHECK_OK(offtake_simulation_options_init(o, OFFTAKE_SIMULATION_OPTIONS_VERSION));
    o->paths = PATHS;
    o->seed = SEED;
    o->threads = 1;
    o->measure = OFFTAKE_MEASURE_RISK_NEUTRAL;
}

/* Every metric of `a` and `b` has the same statistics, bit for bit. */
static void check_same_statistics(const offtake_result* a, const offtake_result* b) {
    size_t n = 0, m = 0, i;
    CHECK_OK(offtake_result_metric_count(&n, a));
    CHECK_OK(offtake_result_metric_count(&m, b));
    CHECK(n == m && n > 10);
    for (i = 0; i < n; ++i) {
        const char* name = NULL;
        offtake_statistics sa, sb;
        memset(&sa, 0, sizeof sa);
        memset(&sb, 0, sizeof sb);
        CHECK_OK(offtake_result_metric_name(&name, a, i));
        if (name == NULL) continue;
        CHECK_OK(offtake_result_statistics(&sa, a, name));
        CHECK_OK(offtake_result_statistics(&sb, b, name));
        if (memcmp(&sa, &sb, sizeof sa) != 0) {
            CHECK(!"statistics differ");
            fprintf(stderr, "  metric %s: mean %.17g vs %.17g\n", name, sa.mean, sb.mean);
        }
    }
}

static void test_standard_set(void) {
    /* docs/monte-carlo.md section 7: price -30 %, capex +25 %, delay 2 periods,
       production -15 %, rates +200 bps, and a combined downside. */
    static const char* const names[] = {"price_shock", "capex_overrun", "construction_delay",
                                        "production_shortfall", "rate_shift", "combined_downside"};
    offtake_stress_scenario set[8];
    size_t count = 99, i;

    CHECK_STATUS(offtake_standard_stress_scenarios(&count, NULL, 0, OFFTAKE_STRESS_SCENARIO_VERSION),
                 OFFTAKE_E_BUFFER);
    CHECK(count == 6);
    count = 99;
    CHECK_STATUS(offtake_standard_stress_scenarios(&count, set, 5, OFFTAKE_STRESS_SCENARIO_VERSION),
                 OFFTAKE_E_BUFFER);
    CHECK(count == 6);
    CHECK_ERROR_HAS("6");
    CHECK_OK(offtake_standard_stress_scenarios(&count, set, 8, OFFTAKE_STRESS_SCENARIO_VERSION));
    CHECK(count == 6);
    for (i = 0; i < 6 && i < count; ++i) {
        CHECK(set[i].version == OFFTAKE_STRESS_SCENARIO_VERSION);
        CHECK(set[i].name != NULL && strcmp(set[i].name, names[i]) == 0);
    }
    CHECK(set[0].price_shock == -0.30 && set[0].capex_overrun == 0.0);
    CHECK(set[1].capex_overrun == 0.25);
    CHECK(set[2].construction_delay_periods == 2);
    CHECK(set[3].production_shortfall == 0.15);
    CHECK(set[4].rate_shift_bps == 200.0);
    CHECK(set[5].price_shock < 0.0 && set[5].capex_overrun > 0.0);

    CHECK_STATUS(offtake_standard_stress_scenarios(NULL, set, 8, OFFTAKE_STRESS_SCENARIO_VERSION),
                 OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_standard_stress_scenarios(&count, NULL, 8, OFFTAKE_STRESS_SCENARIO_VERSION),
                 OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_standard_stress_scenarios(&count, set, 8, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_standard_stress_scenarios(&count, set, 8, 2), OFFTAKE_E_MISUSE);
    CHECK_ERROR_HAS("version");
}

static int track(void* user, long long done, long long total) {
    long long* seen = (long long*)user;
    CHECK(done > seen[0] && done <= total);
    seen[0] = done;
    seen[1] = total;
    ++seen[2];
    return 0;
}

static int stop_now(void* user, long long done, long long total) {
    int* calls = (int*)user;
    (void)done;
    (void)total;
    ++*calls;
    return 1;
}

static void test_stress_runs(void) {
    offtake_deal* deal = no_cost_deal();
    offtake_simulation_options o;
    offtake_result* standard = NULL;
    offtake_result* mine = NULL;
    offtake_result* plain = NULL;
    const offtake_result* base = NULL;
    const offtake_result* shocked = NULL;
    const offtake_result* item = NULL;
    offtake_stress_scenario s;
    offtake_statistics sb, ss;
    const char* label = NULL;
    const char* json = NULL;
    size_t n = 0, i;
    long long paths = 0, seen[3] = {0, 0, 0};
    unsigned long long seed = 0;
    int kind = 0, measure = 0, calls = 0;
    static const char* const labels[] = {"base", "price_shock", "capex_overrun", "construction_delay",
                                         "production_shortfall", "rate_shift", "combined_downside"};
    const double capex = CLOSED_FORM_C, revenue = 10000.0 * 8000.0;
    const double pv_capex = capex / 1.08;

    /* The standard set: NULL scenarios, count 0. Progress counts every run's paths. */
    options_for_tests(&o);
    o.progress = track;
    o.progress_user_data = seen;
    CHECK_OK(offtake_stress(&standard, deal, NULL, 0, &o));
    CHECK(seen[0] == 7 * PATHS && seen[1] == 7 * PATHS && seen[2] >= 7);
    CHECK_OK(offtake_result_kind_of(&kind, standard));
    CHECK(kind == OFFTAKE_RESULT_STRESS);
    CHECK_OK(offtake_result_run_info(&paths, &seed, &measure, standard));
    CHECK(paths == PATHS && seed == SEED && measure == OFFTAKE_MEASURE_RISK_NEUTRAL);
    CHECK_OK(offtake_result_item_count(&n, standard));
    CHECK(n == 7);
    for (i = 0; i < n && i < 7; ++i) {
        CHECK_OK(offtake_result_item_label(&label, standard, i));
        CHECK(label != NULL && strcmp(label, labels[i]) == 0);
        CHECK_OK(offtake_result_item(&item, standard, i));
        CHECK_OK(offtake_result_kind_of(&kind, item));
        CHECK(kind == OFFTAKE_RESULT_MONTE_CARLO);
        CHECK_OK(offtake_result_run_info(&paths, &seed, &measure, item));
        CHECK(paths == PATHS && seed == SEED);
    }
    CHECK_STATUS(offtake_result_item_label(&label, standard, 7), OFFTAKE_E_NOT_FOUND);
    CHECK(label == NULL);
    CHECK_STATUS(offtake_result_item_label(NULL, standard, 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_result_item_label(&label, NULL, 0), OFFTAKE_E_MISUSE);

    /* Item 0 is a plain Monte Carlo run with the same seed and paths. */
    o.progress = NULL;
    CHECK_OK(offtake_simulate(&plain, deal, &o));
    CHECK_OK(offtake_result_item(&base, standard, 0));
    check_same_statistics(base, plain);

    /* The base mean against the forward-curve NPV, within 4 standard errors. */
    CHECK_OK(offtake_result_statistics(&sb, base, "npv"));
    CHECK(sb.count == PATHS);
    CHECK_NEAR(sb.mean, -pv_capex + revenue / (1.08 * 1.08) + revenue / (1.08 * 1.08 * 1.08),
               4.0 * sb.sd / sqrt((double)sb.count));

    /* The standard price shock, -30 %: revenue times 0.7 on every path. */
    CHECK_OK(offtake_result_item(&shocked, standard, 1));
    CHECK_OK(offtake_result_statistics(&ss, shocked, "npv"));
    CHECK_NEAR(ss.mean, 0.7 * (sb.mean + pv_capex) - pv_capex, 1e-6 * capex);
    CHECK_NEAR(ss.sd, 0.7 * sb.sd, 1e-6 * capex);

    /* The caller's own scenario equal to the standard price shock: the same bits. */
    CHECK_OK(offtake_stress_scenario_init(&s, OFFTAKE_STRESS_SCENARIO_VERSION));
    CHECK(s.version == OFFTAKE_STRESS_SCENARIO_VERSION && s.name == NULL && s.price_shock == 0.0 &&
          s.capex_overrun == 0.0 && s.construction_delay_periods == 0 && s.production_shortfall == 0.0 &&
          s.opex_change == 0.0 && s.rate_shift_bps == 0.0);
    s.name = "my-price_30";
    s.price_shock = -0.30;
    CHECK_OK(offtake_stress(&mine, deal, &s, 1, &o));
    CHECK_OK(offtake_result_item_count(&n, mine));
    CHECK(n == 2);
    CHECK_OK(offtake_result_item_label(&label, mine, 0));
    CHECK(strcmp(label, "base") == 0);
    CHECK_OK(offtake_result_item_label(&label, mine, 1));
    CHECK(strcmp(label, "my-price_30") == 0);
    CHECK_OK(offtake_result_item(&item, mine, 1));
    check_same_statistics(item, shocked);
    CHECK_OK(offtake_result_item(&item, mine, 0));
    check_same_statistics(item, base);

    /* JSON: the stress document with its scenarios and their changes. */
    CHECK_OK(offtake_result_json(&json, &n, mine));
    CHECK(json != NULL && strlen(json) == n);
    CHECK(strstr(json, "\"kind\": \"stress\"") != NULL);
    CHECK(strstr(json, "\"name\": \"my-price_30\"") != NULL);
    CHECK(strstr(json, "\"name\": \"base\"") != NULL);
    CHECK(strstr(json, "\"price_shock\": -0.3") != NULL);
    CHECK(strstr(json, "\"kind\": \"monte_carlo\"") != NULL);
    CHECK(strstr(json, ": nan") == NULL && strstr(json, ": inf") == NULL);

    /* Freeing an item does nothing; freeing the stress result frees its items. */
    offtake_result_free((offtake_result*)item);
    CHECK_OK(offtake_result_item_count(&n, mine));
    offtake_result_free(mine);
    CHECK_STATUS(offtake_result_item_count(&n, mine), OFFTAKE_E_MISUSE);
    offtake_result_free(plain);
    offtake_result_free(standard);

    /* Cancellation: the first report stops the whole call, no result. */
    o.progress = stop_now;
    o.progress_user_data = &calls;
    mine = (offtake_result*)&yaml;
    CHECK_STATUS(offtake_stress(&mine, deal, NULL, 0, &o), OFFTAKE_E_CANCELLED);
    CHECK(mine == NULL);
    CHECK(calls == 1);
    CHECK_ERROR_HAS("stopped");
    offtake_deal_free(deal);
}

/* `call` must fail with `status` and a message naming `needle`, leaving *out NULL. */
#define CHECK_REFUSED(call, status, needle)            \
    do {                                               \
        out = (offtake_result*)&yaml;                  \
        CHECK_STATUS(call, status);                    \
        CHECK(out == NULL);                            \
        CHECK_ERROR_HAS(needle);                       \
    } while (0)

static void test_bad_arguments(void) {
    offtake_deal* deal = no_cost_deal();
    offtake_deal* freed = no_cost_deal();
    offtake_result* out = NULL;
    offtake_stress_scenario s[3];
    offtake_simulation_options o;
    int i;

    options_for_tests(&o);
    o.paths = 10;
    for (i = 0; i < 3; ++i) CHECK_OK(offtake_stress_scenario_init(&s[i], OFFTAKE_STRESS_SCENARIO_VERSION));
    s[0].name = "a";
    s[1].name = "b";
    s[2].name = "c";
    /* The valid baseline of the cases below. */
    CHECK_OK(offtake_stress(&out, deal, s, 3, &o));
    offtake_result_free(out);

    CHECK_STATUS(offtake_stress(NULL, deal, s, 3, &o), OFFTAKE_E_MISUSE);
    CHECK_ERROR_HAS("out");
    CHECK_REFUSED(offtake_stress(&out, NULL, s, 3, &o), OFFTAKE_E_MISUSE, "deal");
    offtake_deal_free(freed);
    CHECK_REFUSED(offtake_stress(&out, freed, s, 3, &o), OFFTAKE_E_MISUSE, "deal");
    CHECK_REFUSED(offtake_stress(&out, deal, NULL, 2, &o), OFFTAKE_E_MISUSE, "scenarios");
    CHECK_REFUSED(offtake_stress(&out, deal, s, 0, &o), OFFTAKE_E_MISUSE, "count is 0");
    CHECK_REFUSED(offtake_stress(&out, deal, s, 257, &o), OFFTAKE_E_RANGE, "count");

    s[1].price_shock = NAN;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[1].price_shock");
    s[1].price_shock = -1.0;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[1].price_shock");
    /* Issue 12, defect 2: a shock that overflows the prices (1e308) is refused up front;
       it used to reach the scorecard as NaN and read past its thresholds. */
    s[1].price_shock = 1e308;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "at most 10 (+1000 %)");
    s[1].price_shock = 10.5;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[1].price_shock");
    s[1].price_shock = 0.0;
    s[2].capex_overrun = 1e300;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[2].capex_overrun");
    s[2].capex_overrun = 0.0;
    s[0].opex_change = 11.0;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[0].opex_change");
    s[0].opex_change = 0.0;
    s[2].capex_overrun = INFINITY;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[2].capex_overrun");
    s[2].capex_overrun = -1.5;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[2].capex_overrun");
    s[2].capex_overrun = 0.0;
    s[0].opex_change = NAN;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[0].opex_change");
    s[0].opex_change = 0.0;
    s[0].production_shortfall = 1.0;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[0].production_shortfall");
    s[0].production_shortfall = -1.5; /* at most double the production */
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "production_shortfall");
    s[0].production_shortfall = -0.5; /* production up by half: allowed, as in the tornado */
    CHECK_OK(offtake_stress(&out, deal, s, 3, &o));
    offtake_result_free(out);
    s[0].production_shortfall = NAN;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "production_shortfall");
    s[0].production_shortfall = 0.0;
    s[0].construction_delay_periods = -1;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "construction_delay_periods");
    s[0].construction_delay_periods = 41;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "construction_delay_periods");
    s[0].construction_delay_periods = 0;
    s[0].rate_shift_bps = 2001.0;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "rate_shift_bps");
    s[0].rate_shift_bps = NAN;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "rate_shift_bps");
    s[0].rate_shift_bps = 0.0;

    /* Names: present, not empty, unique, not "base", plain characters. */
    s[2].name = "a";
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[2].name \"a\" is already");
    s[2].name = "";
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "scenarios[2].name is empty");
    s[2].name = NULL;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_MISUSE, "scenarios[2].name is NULL");
    s[2].name = "base";
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "base case");
    s[2].name = "two words";
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "letters, digits");
    s[2].name = "a_name_that_is_far_too_long_to_be_a_scenario_name_in_any_table_xx";
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_RANGE, "longer than 64");
    s[2].name = "c";

    /* Versions: unknown, or mixed within one array. */
    s[0].version = 0;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_MISUSE, "scenarios[0].version");
    s[0].version = 2;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_MISUSE, "offtake_stress_scenario_init");
    s[0].version = OFFTAKE_STRESS_SCENARIO_VERSION;
    s[1].version = 7;
    CHECK_REFUSED(offtake_stress(&out, deal, s, 3, &o), OFFTAKE_E_MISUSE, "scenarios[1].version");
    s[1].version = OFFTAKE_STRESS_SCENARIO_VERSION;
    CHECK_STATUS(offtake_stress_scenario_init(&s[0], 0), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_stress_scenario_init(&s[0], 2), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_stress_scenario_init(NULL, OFFTAKE_STRESS_SCENARIO_VERSION), OFFTAKE_E_MISUSE);

    /* The simulation options keep their own checks. */
    o.version = 99;
    CHECK_REFUSED(offtake_stress(&out, deal, NULL, 0, &o), OFFTAKE_E_MISUSE, "options->version");
    o.version = OFFTAKE_SIMULATION_OPTIONS_VERSION;
    o.paths = -5;
    CHECK_REFUSED(offtake_stress(&out, deal, NULL, 0, &o), OFFTAKE_E_RANGE, "options->paths");
    offtake_deal_free(deal);
}

/* Item labels name a comparison's items by their deals' project.name. */
static void test_comparison_labels(void) {
    offtake_deal* a = no_cost_deal();
    offtake_deal* b = NULL;
    const offtake_deal* deals[2];
    offtake_result* r = NULL;
    offtake_simulation_options o;
    const char* label = NULL;

    CHECK_OK(offtake_deal_clone(&b, a));
    CHECK_OK(offtake_deal_set_string(b, "project.name", "Variant B"));
    deals[0] = a;
    deals[1] = b;
    options_for_tests(&o);
    o.paths = 10;
    CHECK_OK(offtake_compare(&r, deals, 2, &o));
    CHECK_OK(offtake_result_item_label(&label, r, 0));
    CHECK(label != NULL && strcmp(label, "Closed-form mine") == 0);
    CHECK_OK(offtake_result_item_label(&label, r, 1));
    CHECK(label != NULL && strcmp(label, "Variant B") == 0);
    CHECK_STATUS(offtake_result_item_label(&label, r, 2), OFFTAKE_E_NOT_FOUND);
    offtake_result_free(r);
    offtake_deal_free(b);
    offtake_deal_free(a);
}

int main(void) {
    test_standard_set();
    test_comparison_labels();
    test_stress_runs();
    test_bad_arguments();
    return check_report("capi_stress");
}
