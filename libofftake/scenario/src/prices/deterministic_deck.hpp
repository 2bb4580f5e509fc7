// The degenerate price model: every path is the same deck (the forward curve given to
// make_price_simulator, a flat price, or a table by year), so a deterministic run goes
// through the same interface as a stochastic one.
#pragma once

#include "models/price_model_spec.hpp"

#include <offtake/price_model.hpp>

#include <vector>

namespace offtake {

class DeterministicDeck final : public PriceSimulator {
  public:
    DeterministicDeck(std::vector<double> prices, Measure measure, std::string description)
        : prices_(std::move(prices)), measure_(measure), description_(std::move(description)) {}
    void simulate(std::uint64_t, std::uint64_t, double* prices,
                  std::vector<double>&) const override {
        for (size_t t = 0; t < prices_.size(); ++t) prices[t] = prices_[t];
    }
    Measure measure() const override { return measure_; }
    std::string description() const override { return description_; }

  private:
    std::vector<double> prices_;
    Measure measure_;
    std::string description_;
};

// The deck on the grid: the file's flat price or table by year (value k applies to
// periods ending in year (k, k+1] from start; the last value holds after the table), or
// `forward` when the file gives neither.
std::vector<double> deterministic_deck(const CommodityPriceSpec& c, const TimeGrid& grid,
                                       const std::vector<double>& forward);

}  // namespace offtake
