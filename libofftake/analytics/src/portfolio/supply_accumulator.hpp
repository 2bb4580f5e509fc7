// The buyer's supply statistics of a portfolio run, per (product, year) cell: streaming,
// mergeable accumulators of the path values of docs/portfolio.md. One per block of
// paths; blocks merge in block order (montecarlo/block_runner.hpp).
#pragma once

#include "portfolio/supply_plan.hpp"

#include <offtake/portfolio_run.hpp>
#include <offtake/statistics.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace offtake::portfolio {

// One path's values for one cell; absent values are NaN-free optionals in the adder.
struct CellPath {
    double contracted = 0.0, delivered = 0.0, invoiced = 0.0;
    double index_weighted = 0.0, index_weight = 0.0;  // sum of w x price, sum of w
    double spot_available = 1.0;  // share of the spot limit buyable (spot sources under restriction)
    // Delivered tonnes of positions that state a carbon intensity, their t CO2e, and the
    // delivered tonnes of positions meeting the standard (section 5e).
    double carbon_covered = 0.0, carbon = 0.0, compliant = 0.0;
};

// One path's totals over every (product, year) cell, for what-if (docs/portfolio.md):
// the share of cells short by more than the first shortfall threshold (its mean over
// paths is the mean of the cells' P(shortfall)), the unmet tonnes and the total cost
// summed over cells (the cost absent when a cell's is).
struct PathTotals {
    double short_share = 0.0;
    double unmet = 0.0, cost = 0.0;
    bool cost_present = true;
};

// CVaR at `alpha`: the mean of the worst (1 - alpha) of the sketch's values (docs/portfolio.md).
std::optional<double> tail_mean(const QuantileSketch& sketch, double alpha = 0.95);

class SupplyAccumulator {
  public:
    SupplyAccumulator(const SupplyPlan& plan, const Portfolio& portfolio, std::uint64_t exact_capacity,
                      bool bin_blocks);
    // `cells[i]` this path's values of cell i; `mining[i * C + c]` and `processing[...]`
    // the tonnes delivered in cell i from country c.
    PathTotals add(const std::vector<CellPath>& cells, const std::vector<double>& mining,
                   const std::vector<double>& processing);
    void finish_block();
    void merge(const SupplyAccumulator& other);
    std::vector<ProductSupply> summarize(const Portfolio& portfolio) const;

  private:
    struct Cell {
        explicit Cell(std::uint64_t cap, std::size_t thresholds, std::size_t countries);
        MetricAccumulator contracted, delivered, spot, unmet, contract_cost, spot_cost, total_cost, unit_cost,
            contract_price, index_price, premium, hhi_mining, hhi_processing, largest_mining, largest_processing,
            carbon_tonnes, carbon_intensity, compliant_share, carbon_cost;
        std::vector<ProportionAccumulator> shortfall;
        ProportionAccumulator concentration_mining, concentration_processing;
        std::vector<RunningMoments> share_mining, share_processing;
        std::vector<MetricAccumulator*> metrics();
        void merge(const Cell& o);
    };
    const SupplyPlan* plan_;
    std::vector<double> thresholds_;
    double max_share_, premium_, limit_, carbon_price_;
    bool bin_blocks_;
    std::vector<Cell> cells_;
};

}  // namespace offtake::portfolio
