// The bankability scorecard: factors the Monte Carlo run measures (coverage, default
// risk, revenue certainty, security package) and factors the user states (country risk,
// sponsor strength, ESG standing), each mapped to a 0-100 sub-score by thresholds read
// from a file, weighted into a score and a category in the spirit of the Basel
// supervisory slotting criteria for project finance. docs/bankability.md explains the
// factors, the default file models/scorecard/default.yaml and the sources.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace offtake {

struct ScorecardFactor {
    std::string id;                        // which quantity (docs/bankability.md lists them)
    std::string group;                     // coverage | default_risk | revenue_certainty | security | stated
    std::string label;
    double weight = 0.0;                   // weights of a scorecard sum to 1
    // (value, sub-score) points, values strictly increasing, sub-scores in [0, 100];
    // linear between points, flat beyond the ends.
    std::vector<std::pair<double, double>> points;
    double missing_score = 0.0;            // the sub-score when the value is absent
};

struct ScorecardCategory {
    std::string name;                      // Strong | Good | Satisfactory | Weak
    double min_score = 0.0;                // a score >= min_score reaches this category
    double risk_weight = 0.0;              // 0.70 = 70 %
};

struct Scorecard {
    std::string name;
    std::string file;                      // "" for text not read from a file
    std::vector<ScorecardFactor> factors;
    std::vector<ScorecardCategory> categories;  // highest min_score first
};

// Throws DealError naming file, line, field and rule.
OFFTAKE_API Scorecard load_scorecard(const std::string& path);
OFFTAKE_API Scorecard parse_scorecard(const std::string& yaml, const std::string& file_name = "");
// models/scorecard/default.yaml as built into the library.
OFFTAKE_API const Scorecard& default_scorecard();

// The factor ids a scorecard may use.
OFFTAKE_API const std::vector<std::string>& scorecard_factor_ids();
// True for the ids that measure senior debt: its coverage ratios, default and loss, and
// the lenders' security (guarantee, DSRA, prepayment ranking). A deal without senior
// debt has nothing for them to measure: they are not applicable (docs/bankability.md).
OFFTAKE_API bool factor_measures_senior_debt(const std::string& id);

}  // namespace offtake
