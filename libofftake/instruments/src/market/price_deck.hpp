// The base-case price deck on the period grid (conventions section 3).
#pragma once

#include <offtake/deal.hpp>
#include <offtake/time_grid.hpp>

#include <vector>

namespace offtake::market {

// Index 0..n: [0] the price at financial close, [t] the price of period t.
// Flat: the one price. Table: the price of the calendar year holding the middle of
// period t (before the first year the first price, after the last the last). Curve: linear in time between
// points, flat outside.
std::vector<double> base_price_deck(const PriceDeck& deck, const TimeGrid& grid);

}  // namespace offtake::market
