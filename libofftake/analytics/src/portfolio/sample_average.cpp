// The sample-average problem's measures, straight from the formulas of docs/portfolio.md
// section 4: the solver's answer is re-evaluated here, never taken on its word.
#include "portfolio/sample_average.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace offtake::portfolio {

double cvar95(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const double n = static_cast<double>(v.size()), alpha = 0.95;
    double sum = 0.0;
    // x_(k) holds the quantiles on ((k - 1) / n, k / n]; the tail is [alpha, 1].
    for (std::size_t k = 1; k <= v.size(); ++k) {
        const double lo = std::max((static_cast<double>(k) - 1.0) / n, alpha), hi = static_cast<double>(k) / n;
        if (hi > lo) sum += v[k - 1] * (hi - lo);
    }
    return sum / (1.0 - alpha);
}

SampleEvaluation evaluate(const SampleProblem& p, const std::vector<double>& scales) {
    SampleEvaluation e;
    const std::size_t n = p.paths, K = p.cells, m = p.candidates;
    e.p_short.assign(K, 0.0);
    e.cvar95.assign(K, 0.0);
    e.unmet.assign(K, 0.0);
    e.cost.assign(K, 0.0);
    std::vector<std::vector<double>> unmet(K, std::vector<double>(n, 0.0));
    std::vector<double> path_unmet(n, 0.0);
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t i = 0; i < K; ++i) {
            const std::size_t at = s * K + i;
            double d = p.base_delivered[at], inv = p.base_invoiced[at];
            for (std::size_t c = 0; c < m; ++c) {
                d += scales[c] * p.delivered[at * m + c];
                inv += scales[c] * p.invoiced[at * m + c];
            }
            const double need = p.need[i];
            const double gap = std::max(need - d, 0.0);
            const double spot = std::min(gap, p.sigma(at) * need);
            const double u = std::max(need - d - spot, 0.0);
            unmet[i][s] = u;
            path_unmet[s] += u;
            e.unmet[i] += u;
            if (u > p.threshold * need) e.p_short[i] += 1.0;
            double cost = inv;
            if (spot > 0.0) {
                if (!p.has_index[at]) e.cost_present = false;
                cost += spot * p.index[at] * (1.0 + p.premium);
            }
            e.cost[i] += cost;
        }
    const double nd = static_cast<double>(n);
    for (std::size_t i = 0; i < K; ++i) {
        e.p_short[i] /= nd;
        e.unmet[i] /= nd;
        e.cost[i] /= nd;
        e.cvar95[i] = cvar95(unmet[i]);
        e.p_short_average += e.p_short[i] / static_cast<double>(K);
        e.unmet_total += e.unmet[i];
        e.cost_total += e.cost[i];
    }
    e.cvar95_total = cvar95(path_unmet);
    return e;
}

bool meets_constraint(const SampleProblem& p, const SampleEvaluation& e, std::string* why) {
    const double limit = p.spec.max;
    const bool each = p.spec.over == OptimiseScope::EachYear;
    if (p.spec.measure == OptimiseMeasure::PShortfall) {
        // Probabilities on n paths are counts / n: 1e-12 absorbs the division only.
        if (!each) {
            if (e.p_short_average <= limit + 1e-12) return true;
            if (why) *why = fmt::format("P(shortfall) averaged over the need years is {:.2f} %", 100 * e.p_short_average);
            return false;
        }
        for (std::size_t i = 0; i < p.cells; ++i)
            if (e.p_short[i] > limit + 1e-12) {
                if (why) *why = fmt::format("P(shortfall) of {} is {:.2f} %", p.cell_names[i], 100 * e.p_short[i]);
                return false;
            }
        return true;
    }
    // Tonnes: the solver's rows hold to about 1e-7 of their scale.
    const double tol = 1e-6 * std::max(1.0, limit);
    if (!each) {
        if (e.cvar95_total <= limit + tol) return true;
        if (why) *why = fmt::format("CVaR 95 % of unmet tonnes summed over the need years is {:.1f} t", e.cvar95_total);
        return false;
    }
    for (std::size_t i = 0; i < p.cells; ++i)
        if (e.cvar95[i] > limit + tol) {
            if (why) *why = fmt::format("CVaR 95 % of unmet tonnes of {} is {:.1f} t", p.cell_names[i], e.cvar95[i]);
            return false;
        }
    return true;
}

}  // namespace offtake::portfolio
