// Buyer ratings: models/ratings.yaml (embedded at build time) maps an S&P-style rating to
// an annual default probability. No YAML library here: the table is compiled in.
#pragma once

#include <optional>
#include <string>

namespace offtake::io {

// Annual default probability of a rating; nullopt for an unknown rating.
std::optional<double> rating_default_probability(const std::string& rating);

}  // namespace offtake::io
