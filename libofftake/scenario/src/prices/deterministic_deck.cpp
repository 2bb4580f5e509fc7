#include "prices/deterministic_deck.hpp"

#include <algorithm>
#include <cmath>

namespace offtake {

std::vector<double> deterministic_deck(const CommodityPriceSpec& c, const TimeGrid& grid,
                                       const std::vector<double>& forward) {
    if (c.deck_by_year.empty()) return forward;
    std::vector<double> out(grid.dates.size());
    for (size_t t = 0; t < out.size(); ++t) {
        // Period t ends at years[t]; it belongs to year ceil(years[t]) (year 1 = (0, 1]).
        const double y = grid.years[t];
        const long k = std::max(0L, static_cast<long>(std::ceil(y - 1e-9)) - 1);
        out[t] = c.deck_by_year[std::min<size_t>(static_cast<size_t>(k), c.deck_by_year.size() - 1)];
    }
    return out;
}

}  // namespace offtake
