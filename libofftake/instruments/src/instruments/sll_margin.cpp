#include "instruments/sll_margin.hpp"

namespace offtake::instruments {

SllPlan make_sll_plan(const std::optional<SustainabilityLinkedMargin>& sll, int operating_years) {
    SllPlan p;
    if (!sll || sll->kpis.empty()) return p;
    p.kpis = static_cast<int>(sll->kpis.size());
    p.tests = operating_years;
    p.step_up.resize(p.kpis);
    p.step_down.resize(p.kpis);
    p.has_target.assign(static_cast<std::size_t>(p.kpis) * p.tests, 0);
    p.plan_met.assign(static_cast<std::size_t>(p.kpis) * p.tests, 0);
    for (int i = 0; i < p.kpis; ++i) {
        const Kpi& kpi = sll->kpis[i];
        p.step_up[i] = kpi.step_up_bps * 1e-4;
        p.step_down[i] = kpi.step_down_bps * 1e-4;
        for (const auto& target : kpi.targets) {
            const int k = target.year - 1;  // operating years are 1-based in the deal
            if (k < 0 || k >= p.tests) continue;
            const int idx = i * p.tests + k;
            p.has_target[idx] = 1;
            for (const auto& plan : kpi.planned) {
                if (plan.year != target.year) continue;
                p.plan_met[idx] = kpi.higher_is_better ? plan.value >= target.value
                                                       : plan.value <= target.value;
            }
        }
    }
    return p;
}

}  // namespace offtake::instruments
