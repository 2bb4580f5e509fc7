// Sustainability-linked margin (conventions section 7). Each KPI is tested once per
// operating year against its target (SPT) for that year; the margin of the next
// operating year moves by -step_down when met and +step_up when missed. Years without
// a target move nothing. Deterministically the plan decides (planned value meets the
// target; a year without a planned value counts as missed, the lender's reading).
#pragma once

#include <offtake/deal.hpp>

#include <optional>
#include <vector>

namespace offtake {

// Sustainability-linked margin (conventions section 7).
struct SllPlan {
    int kpis = 0;
    int tests = 0;                   // one test per KPI per operating year
    std::vector<double> step_up;     // per KPI, as a rate
    std::vector<double> step_down;
    std::vector<signed char> has_target;  // kpi * tests + k
    std::vector<unsigned char> plan_met;  // kpi * tests + k
};

}  // namespace offtake

namespace offtake::instruments {

SllPlan make_sll_plan(const std::optional<SustainabilityLinkedMargin>& sll, int operating_years);

// Margin adjustment (as a rate) applying in operating year `year` (0-based): the result
// of the tests of year - 1. `met` is kpi * tests + k, or null for the plan.
inline double sll_adjustment(const SllPlan& p, int year, const unsigned char* met) {
    if (year <= 0 || p.kpis == 0) return 0.0;
    const int k = year - 1;
    if (k >= p.tests) return 0.0;
    double adj = 0.0;
    for (int i = 0; i < p.kpis; ++i) {
        const int idx = i * p.tests + k;
        if (!p.has_target[idx]) continue;
        const bool ok = met ? met[idx] != 0 : p.plan_met[idx] != 0;
        adj += ok ? -p.step_down[i] : p.step_up[i];
    }
    return adj;
}

}  // namespace offtake::instruments
