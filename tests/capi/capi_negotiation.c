/* Negotiation through the C API (docs/negotiation.md, docs/c-api.md): the prepayment
   threshold of the procurement deal (examples/procurement/collar-prepay.yaml) for
   P(default) <= 2 %. Checked: the result's kind and metrics; the run at the threshold
   (item 0) meets the target and equals, bit for bit, offtake_simulate() of the deal with
   the threshold set through offtake_deal_set_number (the same parameter path); the
   bracket's other end fails it; bad arguments and an unreachable target. */
#include <offtake/offtake.h>

#include "check.h"

#include <math.h>
#include <stdlib.h>

static void options_for_tests(offtake_simulation_options* o) {
    CHECK_OK(offtake_simulation_options_init(o, OFFTAKE_SIMULATION_OPTIONS_VERSION));
    o->paths = 1000;
    o->seed = 2026;
    o->threads = 2;
    o->measure = OFFTAKE_MEASURE_LENDERS_CASE;
}

static double stat(const offtake_result* r, const char* name) {
    double v = NAN;
    CHECK_OK(offtake_result_stat(&v, r, name, OFFTAKE_STAT_MEAN));
    return v;
}

int main(void) {
    offtake_deal* deal = NULL;
    offtake_result* result = NULL;
    offtake_result* alone = NULL;
    const offtake_result* at = NULL;
    offtake_simulation_options o;
    int kind = 0;
    double threshold, p, q;
    CHECK_OK(offtake_deal_load_file(&deal, OFFTAKE_SOURCE_DIR "/examples/procurement/collar-prepay.yaml"));
    options_for_tests(&o);

    CHECK_OK(offtake_negotiate_threshold(&result, deal, "prepayment.amount", 1e6, 100e6, "p_default<=0.02", 0, &o));
    CHECK_OK(offtake_result_kind_of(&kind, result));
    CHECK(kind == OFFTAKE_RESULT_NEGOTIATION);
    threshold = stat(result, "threshold");
    CHECK(threshold > 1e6 && threshold < 100e6);
    CHECK(stat(result, "at_least") == 0.0); /* more prepayment, more default risk */
    CHECK(stat(result, "threshold_std_error") > 0.0);
    CHECK(stat(result, "bracket_low") == threshold); /* at_most: the meeting end is the low one */
    CHECK_OK(offtake_result_item(&at, result, 0));
    p = stat(at, "p_default");
    CHECK(p <= 0.02);

    /* The same structure through the setters, run alone: the same bits. */
    CHECK_OK(offtake_deal_set_number(deal, "prepayment.amount", threshold));
    CHECK_OK(offtake_simulate(&alone, deal, &o));
    q = stat(alone, "p_default");
    CHECK(p == q);
    CHECK(stat(at, "npv") == stat(alone, "npv"));
    offtake_result_free(alone);
    alone = NULL;
    /* Just past the threshold the target fails. */
    CHECK_OK(offtake_deal_set_number(deal, "prepayment.amount", stat(result, "bracket_high")));
    CHECK_OK(offtake_simulate(&alone, deal, &o));
    CHECK(stat(alone, "p_default") > 0.02);
    offtake_result_free(alone);
    offtake_result_free(result);
    result = NULL;

    /* Bad requests. */
    CHECK_STATUS(offtake_negotiate_threshold(&result, deal, "prepayment.amont", 1e6, 100e6, "p_default<=0.02", 0, &o),
                 OFFTAKE_E_UNKNOWN_PARAMETER);
    CHECK_ERROR_HAS("prepayment.amont");
    CHECK(result == NULL);
    CHECK_STATUS(offtake_negotiate_threshold(&result, deal, "prepayment.amount", 0.0, 100e6, "p_default<=0.02", 0, &o),
                 OFFTAKE_E_RANGE);
    CHECK_ERROR_HAS("outside the field's limits");
    CHECK_STATUS(offtake_negotiate_threshold(&result, deal, "prepayment.amount", 5e6, 1e6, "p_default<=0.02", 0, &o),
                 OFFTAKE_E_RANGE);
    CHECK_STATUS(offtake_negotiate_threshold(&result, deal, "prepayment.amount", 1e6, 100e6, "p_dflt<=0.02", 0, &o),
                 OFFTAKE_E_RANGE);
    CHECK_ERROR_HAS("no Monte Carlo metric");
    CHECK_STATUS(offtake_negotiate_threshold(&result, deal, "prepayment.amount", 1e6, 100e6, "p_default<=0.02", 2, &o),
                 OFFTAKE_E_RANGE);
    CHECK_STATUS(offtake_negotiate_threshold(&result, deal, NULL, 1e6, 100e6, "p_default<=0.02", 0, &o),
                 OFFTAKE_E_MISUSE);
    CHECK_STATUS(offtake_negotiate_threshold(&result, deal, "offtakes[0].pricing.floor", 6000, 8500, "score>=99", 0,
                                             &o),
                 OFFTAKE_E_RANGE);
    CHECK_ERROR_HAS("not reached anywhere");
    CHECK(result == NULL);
    offtake_deal_free(deal);
    return check_report("capi_negotiation");
}
