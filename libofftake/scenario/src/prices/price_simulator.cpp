// make_price_simulator: binds a model file's commodity to a deal's grid and forward curve.
#include "prices/deterministic_deck.hpp"
#include "prices/factor_simulator.hpp"

#include <offtake/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace offtake {

PriceSimulator::~PriceSimulator() = default;

const char* to_string(Measure m) {
    return m == Measure::RiskNeutral ? "risk_neutral" : "real_world";
}

std::unique_ptr<PriceSimulator> make_price_simulator(const PriceModelSpec& spec,
                                                     Commodity commodity, const TimeGrid& grid,
                                                     const std::vector<double>& forward,
                                                     const SimulationOptions& options) {
    const CommodityPriceSpec* c = spec.find(commodity);
    if (!c) {
        std::string names;
        for (const auto& x : spec.commodities) names += (names.empty() ? "" : ", ") + x.name;
        throw DealError(Problem{spec.file, 0, 0, "commodities",
                                fmt::format("no model for {} (the file models: {})",
                                            to_string(commodity), names)});
    }
    const size_t n = grid.dates.size();
    if (n < 1 || grid.years.size() != n)
        throw UsageError("make_price_simulator: the time grid is empty or inconsistent");
    if (forward.size() != n)
        throw UsageError(fmt::format(
            "make_price_simulator: the forward curve has {} points, the grid {} dates (0..n)",
            forward.size(), n));
    for (size_t t = 0; t < n; ++t)
        if (!(forward[t] > 0.0) || !std::isfinite(forward[t]))
            throw UsageError(fmt::format(
                "make_price_simulator: forward[{}] = {} (prices must be positive)", t, forward[t]));
    if (options.substeps_per_period < 1 || options.substeps_per_period > 366)
        throw UsageError(fmt::format("substeps_per_period must be in 1..366 (got {})",
                                     options.substeps_per_period));
    for (size_t t = 1; t < n; ++t)
        if (!(grid.years[t] > grid.years[t - 1]))
            throw UsageError("make_price_simulator: grid years must increase");

    if (c->dynamics == PriceDynamics::Deterministic)
        return std::make_unique<DeterministicDeck>(
            deterministic_deck(*c, grid, forward), options.measure,
            fmt::format("deterministic deck for {}, measure {}", c->name, to_string(options.measure)));
    return std::make_unique<FactorPriceSimulator>(spec, *c, grid, forward, options);
}

}  // namespace offtake
