// The degenerate price model: every path is the same deck (the deal's forward curve, a
// flat price, or a table by year), so a deterministic commodity goes through the same
// reader as a stochastic one (scenario/deal_prices.cpp).
#pragma once

#include "models/price_model_spec.hpp"

#include <offtake/price_model.hpp>

#include <vector>

namespace offtake {

// The deck on the grid: the file's flat price or table by year (value k applies to
// periods ending in year (k, k+1] from start; the last value holds after the table), or
// `forward` when the file gives neither.
std::vector<double> deterministic_deck(const CommodityPriceSpec& c, const TimeGrid& grid,
                                       const std::vector<double>& forward);

}  // namespace offtake
