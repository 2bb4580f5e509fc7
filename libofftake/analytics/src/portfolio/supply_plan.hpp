// What a portfolio run computes once before any path: the (product, year) cells of the
// buyer's needs, how each period of each position's deal splits over them (by days),
// which offtakes are the buyer's, the countries, and where each cell's index price comes
// from (docs/portfolio.md, "Years").
#pragma once

#include <offtake/engine.hpp>
#include <offtake/portfolio.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace offtake::portfolio {

struct CellShare {
    std::size_t cell = 0;
    double weight = 0.0;  // share of the period's days that fall in the cell's year
};

struct PositionPlan {
    std::vector<std::size_t> offtakes;             // the buyer's, indices into deal.offtakes
    std::vector<std::vector<CellShare>> periods;   // [t] for t = 0..n (0 and construction: empty)
    double factor = 1.0;                           // tonnes of the need product per tonne delivered
    bool native = false;                           // the deal's commodity is the need product
    std::size_t mining = 0, processing = 0;        // indices into SupplyPlan::countries
    std::vector<std::size_t> stakes;               // the buyer's equity investors, indices into deal.equity
    bool prepayment = false;                       // the deal's prepayment is the buyer's
    bool guarantee = false;                        // the buyer stands behind the deal's guarantee
    // The processing country's index in the portfolio's country model when it is not the
    // mining country and the model has it (its bans cut these tonnes), else -1.
    int processing_ban = -1;
    bool has_carbon = false, compliant = false;    // the position states a carbon intensity; meets the standard
    double carbon = 0.0;                           // t CO2e per tonne counted
};

struct SupplyPlan {
    std::vector<std::size_t> product_first;  // first cell of need i
    std::vector<double> need;                // per cell
    std::vector<int> year;                   // per cell
    std::vector<std::string> countries;      // every mining and processing country, first seen first
    std::vector<bool> third_country;         // per country: not an EU member state
    std::vector<bool> mines, processes;      // per country: some position mines / processes there
    std::vector<PositionPlan> positions;
    std::vector<int> price_source;           // per cell: the position whose index prices it, or -1
    // Spot sources: (index in the country model, share of spot supply).
    std::vector<std::pair<int, double>> spot_sources;
    std::size_t cells() const { return need.size(); }
};

// `prepared[k]` is position k's deal as prepared for the run.
SupplyPlan plan_supply(const Portfolio& portfolio, const std::vector<const PreparedDeal*>& prepared);

}  // namespace offtake::portfolio
