// Sub-scores by piecewise-linear thresholds, the weighted score, and its category.
#include <offtake/bankability.hpp>

#include <algorithm>
#include <cmath>

namespace offtake {

double sub_score(const ScorecardFactor& f, const std::optional<double>& value) {
    // NaN compares false with every threshold (upper_bound would return end()): a value
    // that is not a number has no place on the scale and scores as missing.
    if (!value || std::isnan(*value) || f.points.empty()) return f.missing_score;
    const double x = *value;
    if (x <= f.points.front().first) return f.points.front().second;
    if (x >= f.points.back().first) return f.points.back().second;
    const auto hi = std::upper_bound(f.points.begin(), f.points.end(), x,
                                     [](double v, const std::pair<double, double>& p) { return v < p.first; });
    const auto lo = hi - 1;
    const double w = (x - lo->first) / (hi->first - lo->first);
    return lo->second + w * (hi->second - lo->second);
}

BankabilityScore score_bankability(const Scorecard& card,
                                   const std::map<std::string, std::optional<double>>& values) {
    BankabilityScore out;
    out.scorecard = card.name;
    for (const auto& f : card.factors) {
        FactorScore fs;
        fs.id = f.id;
        fs.group = f.group;
        fs.label = f.label;
        fs.weight = f.weight;
        const auto it = values.find(f.id);
        if (it != values.end()) fs.value = it->second;
        fs.sub_score = sub_score(f, fs.value);
        fs.contribution = f.weight * fs.sub_score;
        out.score += fs.contribution;
        out.factors.push_back(fs);
    }
    // Categories run from best to worst; the first whose threshold the score reaches.
    for (const auto& c : card.categories) {
        if (out.score >= c.min_score) {
            out.category = c.name;
            out.risk_weight = c.risk_weight;
            break;
        }
    }
    return out;
}

}  // namespace offtake
