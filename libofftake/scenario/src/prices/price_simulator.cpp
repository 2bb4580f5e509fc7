// make_price_simulator: one deal's prices from a scenario of its own, whose origin is the
// grid's first date (the single-deal case of offtake/scenario.hpp; a run of several deals
// shares one scenario instead, montecarlo/path_context.cpp).
#include "prices/deterministic_deck.hpp"

#include <offtake/errors.hpp>
#include <offtake/scenario.hpp>

#include <fmt/format.h>

#include <cmath>

namespace offtake {

PriceSimulator::~PriceSimulator() = default;

const char* to_string(Measure m) {
    switch (m) {
        case Measure::RiskNeutral: return "risk_neutral";
        case Measure::LendersCase: return "lenders_case";
        case Measure::RealWorld: break;
    }
    return "real_world";
}

namespace {

class ScenarioPriceSimulator final : public PriceSimulator {
  public:
    ScenarioPriceSimulator(const PriceModelSpec& spec, Commodity commodity, const TimeGrid& grid,
                           const std::vector<double>& forward, const SimulationOptions& options)
        : model_(std::make_shared<const PriceModelSpec>(spec), ScenarioCalendar(grid.dates.front(), grid.dates.back()),
                 options.antithetic),
          reader_(model_, commodity, grid, forward, options.measure, options.aggregation, forward.front()) {}

    void simulate(std::uint64_t seed, std::uint64_t path, double* prices, std::vector<double>& scratch) const override {
        if (scratch.size() < model_.path_size()) scratch.resize(model_.path_size());
        model_.generate(seed, path, reader_.finest_level(), scratch.data());
        reader_.read(scratch.data(), prices);
    }
    Measure measure() const override { return reader_.measure(); }
    std::string description() const override { return reader_.description(); }

  private:
    ScenarioModel model_;
    DealPriceReader reader_;
};

}  // namespace

std::unique_ptr<PriceSimulator> make_price_simulator(const PriceModelSpec& spec, Commodity commodity,
                                                     const TimeGrid& grid, const std::vector<double>& forward,
                                                     const SimulationOptions& options) {
    if (grid.dates.empty() || grid.years.size() != grid.dates.size())
        throw UsageError("make_price_simulator: the time grid is empty or inconsistent");
    return std::make_unique<ScenarioPriceSimulator>(spec, commodity, grid, forward, options);
}

}  // namespace offtake
