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
    // The weight the score gives the factor: the scorecard's, or, for a deal without
    // senior debt, the scorecard's scaled up so that the applicable factors' weights sum
    // to 1; 0 for a factor that is not applicable.
    double weight = 0.0;
    double contribution = 0.0;             // weight * sub_score; the contributions sum to the score
    double scorecard_weight = 0.0;         // the weight in the scorecard file
    bool applicable = true;                // false: a senior-debt factor of a deal without debt
};

struct BankabilityScore {
    double score = 0.0;                    // 0-100
    std::string category;
    double risk_weight = 0.0;
    std::string scorecard;                 // the scorecard's name
    std::vector<FactorScore> factors;
    bool senior_debt = true;               // false: scored without the senior-debt factors
    std::vector<std::string> not_applicable;  // their ids, in scorecard order
    // The score's category set beside the expected loss (docs/bankability.md, "Score and
    // expected loss"): the annual expected-loss rate pd_annual x lgd, the slotting category
    // whose expected-loss rate is nearest to it, and, when that is two or more categories
    // away from the score's, a note that says why the two differ ("" otherwise).
    std::optional<double> annual_expected_loss;
    std::string expected_loss_category;    // "" without senior debt or without a loss measure
    std::string consistency_note;
};

OFFTAKE_API double sub_score(const ScorecardFactor& factor, const std::optional<double>& value);
// With senior debt, score = sum of weight * sub-score over every factor. Without
// (has_senior_debt false), the factors that measure debt (factor_measures_senior_debt)
// are not applicable: they score nothing, and the other factors' weights are divided by
// their sum, so the score is their weighted average (docs/bankability.md, "Deals
// without senior debt"). When no factor applies the score is 0.
OFFTAKE_API BankabilityScore score_bankability(const Scorecard& card,
                                               const std::map<std::string, std::optional<double>>& values,
                                               bool has_senior_debt = true);

struct SimulationResult;
// Fills annual_expected_loss, expected_loss_category and consistency_note from the run's
// pd_annual and lgd (a deal without default has an expected loss of 0).
OFFTAKE_API void check_expected_loss_consistency(BankabilityScore& score, const SimulationResult& result);
// The factor values of a deal and its Monte Carlo result (docs/bankability.md).
OFFTAKE_API std::map<std::string, std::optional<double>> bankability_values(const Deal& deal,
                                                                            const SimulationResult& result);
// Whether the deal borrows: a `debt` section whose simulated peak senior debt is
// above zero (a gearing of 0, or a sculpted loan that sizes to nothing, is no debt).
OFFTAKE_API bool has_senior_debt(const Deal& deal, const SimulationResult& result);

}  // namespace offtake
