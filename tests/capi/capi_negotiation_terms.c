/* Negotiation over several terms through the C API (docs/negotiation.md sections 8 and
   11, docs/c-api.md): the floor x prepayment grid and the NLopt search on the procurement
   deal (examples/procurement/collar-prepay.yaml). Checked: the result's kind and
   metrics; the buyer's capital at risk at each point is that point's prepayment (the
   buyer holds no equity in this deal); the recommended run (item 0) equals, bit for bit,
   offtake_simulate() of the deal with the recommended terms set through
   offtake_deal_set_number; the optimiser keeps to its evaluation budget; bad arguments
   are refused with a status, never a crash. */
#include <offtake/offtake.h>

#include "check.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void options_for_tests(offtake_simulation_options* o) {
    CHECK_OK(offtake_simulation_options_init(o, OFFTAKE_SIMULATION_OPTIONS_VERSION));
    o->paths = 500;
    o->seed = 2026;
    o->threads = 2;
    o->measure = OFFTAKE_MEASURE_LENDERS_CASE;
}

static double stat(const offtake_result* r, const char* name) {
    double v = NAN;
    CHECK_OK(offtake_result_stat(&v, r, name, OFFTAKE_STAT_MEAN));
    return v;
}

static double point_stat(const offtake_result* r, int k, const char* what) {
    char name[96];
    snprintf(name, sizeof name, "point[%d].%s", k, what);
    return stat(r, name);
}

int main(void) {
    offtake_deal* deal = NULL;
    offtake_result* result = NULL;
    offtake_result* alone = NULL;
    const offtake_result* rec = NULL;
    const char* label = NULL;
    offtake_simulation_options o;
    offtake_negotiation_options n;
    int kind = 0, k, r;
    double points;
    const offtake_negotiation_term terms[2] = {{"offtakes[0].pricing.floor", 6000.0, 8500.0},
                                               {"prepayment.amount", 1e6, 100e6}};
    const offtake_negotiation_term bad_path[1] = {{"prepayment.amont", 1e6, 100e6}};
    const offtake_negotiation_term bad_range[1] = {{"prepayment.amount", 0.0, 100e6}};
    const char* target = "p_default<=0.02,category>=Good";
    CHECK_OK(offtake_deal_load_file(&deal, OFFTAKE_SOURCE_DIR "/examples/procurement/collar-prepay.yaml"));
    options_for_tests(&o);

    /* The grid: 3 x 3. */
    CHECK_OK(offtake_negotiation_options_init(&n, OFFTAKE_NEGOTIATION_OPTIONS_VERSION));
    CHECK(n.search == OFFTAKE_SEARCH_GRID && n.max_evaluations == 60 && n.tolerance == 0.001);
    n.points_per_term = 3;
    CHECK_OK(offtake_negotiate_terms(&result, deal, terms, 2, target, &n, &o));
    CHECK_OK(offtake_result_kind_of(&kind, result));
    CHECK(kind == OFFTAKE_RESULT_NEGOTIATION_FRONTIER);
    points = stat(result, "points");
    CHECK(points == 9.0);
    CHECK(stat(result, "frontier_points") >= 1.0);
    /* Grid order: the first term varies slowest; ends included, midpoints exact. */
    CHECK(point_stat(result, 0, "term[0]") == 6000.0 && point_stat(result, 0, "term[1]") == 1e6);
    CHECK(point_stat(result, 4, "term[0]") == 7250.0 && point_stat(result, 4, "term[1]") == 50.5e6);
    CHECK(point_stat(result, 8, "term[0]") == 8500.0 && point_stat(result, 8, "term[1]") == 100e6);
    for (k = 0; k < 9; ++k) /* capital at risk: the prepayment itself */
        CHECK(point_stat(result, k, "buyer_capital_at_risk") == point_stat(result, k, "term[1]"));
    r = (int)stat(result, "recommended");
    CHECK(r >= 0 && r < 9);
    CHECK(point_stat(result, r, "meets") == 1.0);
    CHECK_OK(offtake_result_item(&rec, result, 0));
    CHECK_OK(offtake_result_item_label(&label, result, 0));
    CHECK(label != NULL);
    /* The recommended structure through the setters, run alone: the same bits. */
    CHECK_OK(offtake_deal_set_number(deal, "offtakes[0].pricing.floor", point_stat(result, r, "term[0]")));
    CHECK_OK(offtake_deal_set_number(deal, "prepayment.amount", point_stat(result, r, "term[1]")));
    CHECK_OK(offtake_simulate(&alone, deal, &o));
    CHECK(stat(alone, "p_default") == stat(rec, "p_default"));
    CHECK(stat(alone, "npv") == stat(rec, "npv"));
    CHECK(stat(alone, "p_default") == point_stat(result, r, "p_default"));
    offtake_result_free(alone);
    offtake_result_free(result);
    result = NULL;
    offtake_deal_free(deal);
    CHECK_OK(offtake_deal_load_file(&deal, OFFTAKE_SOURCE_DIR "/examples/procurement/collar-prepay.yaml"));

    /* NLopt within a budget of 5 runs. */
    CHECK_OK(offtake_negotiation_options_init(&n, OFFTAKE_NEGOTIATION_OPTIONS_VERSION));
    n.search = OFFTAKE_SEARCH_NLOPT;
    n.max_evaluations = 5;
    CHECK_OK(offtake_negotiate_terms(&result, deal, terms, 2, target, &n, &o));
    CHECK(stat(result, "evaluations") == stat(result, "points"));
    CHECK(stat(result, "evaluations") <= 5.0);
    CHECK(stat(result, "stopped_at_tolerance") == 0.0);
    CHECK(point_stat(result, 0, "term[0]") == 7250.0 && point_stat(result, 0, "term[1]") == 50.5e6);
    offtake_result_free(result);
    result = NULL;

    /* Bad requests: a status, no result. */
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, bad_path, 1, target, NULL, &o), OFFTAKE_E_UNKNOWN_PARAMETER);
    CHECK_ERROR_HAS("prepayment.amont");
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, bad_range, 1, target, NULL, &o), OFFTAKE_E_RANGE);
    CHECK_ERROR_HAS("outside the field's limits");
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 0, target, NULL, &o), OFFTAKE_E_RANGE);
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, NULL, 2, target, NULL, &o), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 2, NULL, NULL, &o), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 2, "p_dflt<=0.02", NULL, &o), OFFTAKE_E_RANGE);
    CHECK_ERROR_HAS("no Monte Carlo metric");
    CHECK_OK(offtake_negotiation_options_init(&n, OFFTAKE_NEGOTIATION_OPTIONS_VERSION));
    n.points_per_term = 1;
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 2, target, &n, &o), OFFTAKE_E_RANGE);
    n.points_per_term = 0;
    n.search = 7;
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 2, target, &n, &o), OFFTAKE_E_RANGE);
    n.search = OFFTAKE_SEARCH_NLOPT;
    n.prefer_secure = 1; /* NLopt's secure objective needs a budget */
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 2, target, &n, &o), OFFTAKE_E_RANGE);
    CHECK_ERROR_HAS("budget");
    n.prefer_secure = 0;
    n.max_evaluations = 1;
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 2, target, &n, &o), OFFTAKE_E_RANGE);
    n.max_evaluations = 60;
    n.tolerance = NAN;
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 2, target, &n, &o), OFFTAKE_E_RANGE);
    n.version = 99;
    CHECK_STATUS(offtake_negotiate_terms(&result, deal, terms, 2, target, &n, &o), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_negotiation_options_init(&n, 99), OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_negotiation_options_init(NULL, OFFTAKE_NEGOTIATION_OPTIONS_VERSION), OFFTAKE_E_MISUSE);
    CHECK(result == NULL);
    offtake_deal_free(deal);
    return check_report("capi_negotiation_terms");
}
