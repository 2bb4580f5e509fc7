#include "market/price_deck.hpp"

#include <offtake/errors.hpp>

namespace offtake::market {

namespace {
double table_price(const PriceDeck& deck, int year) {
    double p = deck.table.front().price;
    for (const auto& yp : deck.table)
        if (yp.year <= year) p = yp.price;
    return p;
}

double curve_price(const PriceDeck& deck, const QuantLib::Date& d) {
    const auto& c = deck.curve;
    if (d <= c.front().date) return c.front().price;
    if (d >= c.back().date) return c.back().price;
    for (std::size_t i = 1; i < c.size(); ++i) {
        if (d <= c[i].date) {
            const double w = static_cast<double>(d - c[i - 1].date) /
                             static_cast<double>(c[i].date - c[i - 1].date);
            return c[i - 1].price + w * (c[i].price - c[i - 1].price);
        }
    }
    return c.back().price;
}
}  // namespace

std::vector<double> base_price_deck(const PriceDeck& deck, const TimeGrid& grid) {
    std::vector<double> p(grid.dates.size(), 0.0);
    if (deck.type == PriceDeck::Type::Table && deck.table.empty())
        throw DealError(Problem{"", 0, 0, "price_deck.table", "the table is empty"});
    if (deck.type == PriceDeck::Type::Curve && deck.curve.empty())
        throw DealError(Problem{"", 0, 0, "price_deck.curve", "the curve is empty"});
    for (std::size_t t = 0; t < p.size(); ++t) {
        switch (deck.type) {
            case PriceDeck::Type::Flat: p[t] = deck.price; break;
            case PriceDeck::Type::Table: {
                // The calendar year holding the middle of the period: an annual period
                // (1 Jan 2026, 1 Jan 2027] earns the 2026 price, not the 2027 one.
                const QuantLib::Date mid =
                    (t == 0) ? grid.dates[0]
                             : grid.dates[t - 1] + (grid.dates[t] - grid.dates[t - 1]) / 2;
                p[t] = table_price(deck, mid.year());
                break;
            }
            case PriceDeck::Type::Curve: p[t] = curve_price(deck, grid.dates[t]); break;
        }
    }
    return p;
}

}  // namespace offtake::market
