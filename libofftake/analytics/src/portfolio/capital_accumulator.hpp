// The buyer's capital at risk over its positions, per path (docs/portfolio.md, "Capital
// at risk"): the prepayments it made that the projects do not repay, the value of its
// equity stakes, and what its guarantees pay the lenders. Streaming and mergeable, one per
// block of paths.
#pragma once

#include "portfolio/supply_plan.hpp"

#include <offtake/engine.hpp>
#include <offtake/portfolio_run.hpp>
#include <offtake/statistics.hpp>

#include <cstdint>
#include <vector>

namespace offtake::portfolio {

class CapitalAccumulator {
  public:
    CapitalAccumulator(std::uint64_t exact_capacity, bool bin_blocks)
        : prepayment_lost_(exact_capacity), equity_npv_(exact_capacity), guarantee_paid_(exact_capacity),
          loss_(exact_capacity), bin_blocks_(bin_blocks) {}
    // `results[k]`: position k's path result. Returns the path's loss.
    double add(const SupplyPlan& plan, const std::vector<const PathResult*>& results);
    void finish_block();
    void merge(const CapitalAccumulator& o);
    CapitalAtRisk summarize(double prepayments_committed) const;

  private:
    MetricAccumulator prepayment_lost_, equity_npv_, guarantee_paid_, loss_;
    bool bin_blocks_ = false;
};

}  // namespace offtake::portfolio
