/* Deals the C tests share, written so that their numbers can be worked out by hand.
 *
 * The closed-form mine: financial close 2029-01-01, annual periods (2029, 2030 and 2031
 * have 365 days each, so every period is exactly 1.0 year by Actual/365F and no leap day
 * interferes), one construction period spending C = 100,000,000 at d_1 = 2030-01-01,
 * then two operating years producing Q = 10,000 t sold spot at a flat P = 8,000 /t with
 * a unit cost u = 2,000 /t; no tax, royalty, working capital, debt or closure cost.
 * Conventions sections 1-3 give the project cash flows
 *     CF_1 = -C,   CF_2 = CF_3 = A = Q (P - u) = 60,000,000   at T = 1, 2, 3 years,
 * so at 8 % annual compounding (section 2)
 *     NPV = -C / 1.08 + A / 1.08^2 + A / 1.08^3
 * and the IRR solves -C v + A v^2 + A v^3 = 0 with v = 1 / (1 + irr), i.e.
 *     A v^2 + A v - C = 0,  v = (-A + sqrt(A^2 + 4 A C)) / (2 A).
 */
#ifndef OFFTAKE_TESTS_CAPI_DEALS_H
#define OFFTAKE_TESTS_CAPI_DEALS_H

#include <math.h>
#include <stdio.h>

#define CLOSED_FORM_C 100000000.0
#define CLOSED_FORM_A (10000.0 * (8000.0 - 2000.0))

static inline double closed_form_npv(void) {
    return -CLOSED_FORM_C / 1.08 + CLOSED_FORM_A / (1.08 * 1.08) +
           CLOSED_FORM_A / (1.08 * 1.08 * 1.08);
}

static inline double closed_form_irr(void) {
    const double a = CLOSED_FORM_A, c = CLOSED_FORM_C;
    const double v = (-a + sqrt(a * a + 4.0 * a * c)) / (2.0 * a);
    return 1.0 / v - 1.0;
}

/* The closed-form mine as YAML text. `price_model` names a price-model file for Monte
   Carlo runs (absolute, or relative to the source name given when loading). */
static inline const char* closed_form_yaml(char* buffer, size_t size, const char* price_model) {
    snprintf(buffer, size,
             "project:\n"
             "  name: Closed-form mine\n"
             "  commodity: copper_cathode\n"
             "  time:\n"
             "    start: 2029-01-01\n"
             "    frequency: annual\n"
             "  construction_periods: 1\n"
             "  mine_life_years: 2\n"
             "  production_tpa: [10000]\n"
             "  construction_capex: [100000000]\n"
             "  unit_opex: 2000\n"
             "price_deck:\n"
             "  type: flat\n"
             "  price: 8000\n"
             "discounting:\n"
             "  rate: 0.08\n"
             "simulation:\n"
             "  price_model: %s\n"
             "  paths: 2000\n"
             "  seed: 7\n"
             "  measure: risk_neutral\n",
             price_model);
    return buffer;
}

#define COPPER_MODEL OFFTAKE_SOURCE_DIR "/tests/capi/gbm_model.yaml"
#define EXAMPLE_DEAL OFFTAKE_SOURCE_DIR "/examples/copper-prepay.yaml"

#endif
