// Buyer ratings: models/ratings.yaml (embedded at build time) maps an S&P-style rating to
// an annual default probability. No YAML library here: the table is compiled in.
#pragma once

#include <optional>
#include <string>

namespace offtake::io {

// Annual default probability of a rating; nullopt for an unknown rating.
std::optional<double> rating_default_probability(const std::string& rating);

// The category of models/ratings.yaml whose annual PD is nearest to `annual_pd` on a
// logarithmic scale: the boundary between neighbouring categories with PDs p < q is
// sqrt(p q), and a category with PD 0 (AAA) takes only PD 0, which has no logarithm
// (docs/credit.md section 5). "" for a PD outside [0, 1] or not a number.
std::string implied_rating(double annual_pd);

}  // namespace offtake::io
