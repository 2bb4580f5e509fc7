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
                                   const std::map<std::string, std::optional<double>>& values,
                                   bool has_senior_debt) {
    BankabilityScore out;
    out.scorecard = card.name;
    out.senior_debt = has_senior_debt;
    auto applies = [&](const ScorecardFactor& f) { return has_senior_debt || !factor_measures_senior_debt(f.id); };
    // The applicable factors' weights sum to 1 in a scorecard file when every factor
    // applies; without debt they are scaled by 1 / (their sum).
    double applicable_weight = 0.0;
    for (const auto& f : card.factors)
        if (applies(f)) applicable_weight += f.weight;
    const double scale = has_senior_debt ? 1.0 : (applicable_weight > 0.0 ? 1.0 / applicable_weight : 0.0);
    for (const auto& f : card.factors) {
        FactorScore fs;
        fs.id = f.id;
        fs.group = f.group;
        fs.label = f.label;
        fs.scorecard_weight = f.weight;
        fs.applicable = applies(f);
        if (fs.applicable) {
            const auto it = values.find(f.id);
            if (it != values.end()) fs.value = it->second;
            fs.sub_score = sub_score(f, fs.value);
            fs.weight = f.weight * scale;
        } else {
            out.not_applicable.push_back(f.id);
        }
        fs.contribution = fs.weight * fs.sub_score;
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
