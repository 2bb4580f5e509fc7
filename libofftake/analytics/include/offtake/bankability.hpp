// Bankability as a number: each scorecard factor's value mapped to a sub-score by the
// scorecard's thresholds, weighted into a score and a category (docs/bankability.md).
// The scorecard itself is data (offtake/scorecard.hpp); this is the analysis.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>
#include <offtake/scorecard.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace offtake {

struct FactorScore {
    std::string id, group, label;
    std::optional<double> value;           // absent: not measurable for this deal or not stated
    double sub_score = 0.0;
    double weight = 0.0;
    double contribution = 0.0;             // weight * sub_score
};

struct BankabilityScore {
    double score = 0.0;                    // 0-100
    std::string category;
    double risk_weight = 0.0;
    std::string scorecard;                 // the scorecard's name
    std::vector<FactorScore> factors;
};

OFFTAKE_API double sub_score(const ScorecardFactor& factor, const std::optional<double>& value);
OFFTAKE_API BankabilityScore score_bankability(const Scorecard& card,
                                               const std::map<std::string, std::optional<double>>& values);

struct SimulationResult;
// The factor values of a deal and its Monte Carlo result (docs/bankability.md).
OFFTAKE_API std::map<std::string, std::optional<double>> bankability_values(const Deal& deal,
                                                                            const SimulationResult& result);

}  // namespace offtake
