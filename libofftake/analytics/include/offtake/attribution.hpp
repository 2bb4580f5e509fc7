// What drives the result (issue 14, docs/risks.md section 4): the run with every risk
// family of the deal on, then again with each family switched off in turn, all on the
// same seed and paths (common random numbers: every family's draws are keyed by their
// own stream and name, so switching one off leaves the others' draws bit for bit).
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>
#include <offtake/montecarlo.hpp>

#include <optional>
#include <string>
#include <vector>

namespace offtake {

// The measures the table attributes, each a catalogue metric and one of its statistics.
struct AttributionMeasures {
    std::optional<double> p_default;        // p_default (mean)
    std::optional<double> expected_loss;    // expected_loss (mean): PD x LGD, share of EAD
    std::optional<double> npv_p10;          // npv, P10
    std::optional<double> dscr_min_p10;     // dscr_min, P10
    std::optional<double> p_shortfall;      // buyers' p_shortfall: the largest over the deal's buyers
};

struct AttributionRow {
    std::string family;    // price | completion | production | country | counterparty
    bool in_deal = false;  // the deal has this family (else switching it off changes nothing)
    AttributionMeasures without;  // the run with this family off, the others on
    AttributionMeasures effect;   // all on minus this family off (absent if either is)
};

struct Attribution {
    std::string measure;
    std::uint64_t seed = 0, paths = 0;
    AttributionMeasures all;               // every family of the deal on
    std::vector<AttributionRow> families;  // in the order above
    // Families the issue names that the engine does not model yet: no row, said so.
    std::vector<std::string> not_modelled;
};

// Runs 1 + (number of families in the deal) simulations with options (bands off);
// a family the deal lacks gets its row without a run (its effect is exactly zero).
OFFTAKE_API Attribution attribute_risks(const Deal& deal, const MonteCarloOptions& options);

OFFTAKE_API std::string attribution_json(const Attribution& a);  // the `attribution` object

}  // namespace offtake
