// Stochastic prices on a deal's period grid: the contract between the price layer
// (prices/) and the Monte Carlo engine (montecarlo/). A PriceSimulator is a model bound
// to one grid and one commodity; simulate() is a pure function of (seed, path), so any
// thread may run any path in any order and get the same numbers. make_price_simulator
// builds a one-deal scenario (offtake/scenario.hpp) whose origin is the grid's first date.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>
#include <offtake/price_model_file.hpp>
#include <offtake/time_grid.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace offtake {

// Conventions section 10.
// RealWorld: the model file's own drift. RiskNeutral: the mean price of every period is
// the deck (taken as today's forward curve). LendersCase: the median price of every
// period is the deal's deck, the shape (volatility, mean reversion, jumps) the model's.
enum class Measure { RealWorld, RiskNeutral, LendersCase };
OFFTAKE_API const char* to_string(Measure m);

// How a deal turns the scenario's month points into one price per period (docs/scenarios.md
// section 5): the price on the period's end date (default; the deal's own grid in round 1
// read the same), or the average of the month points inside the period, as offtake
// contracts that price on a monthly average of an index do.
enum class PriceAggregation { EndOfPeriod, PeriodAverage };
OFFTAKE_API const char* to_string(PriceAggregation a);
// "end_of_period" | "period_average"; throws UsageError otherwise.
OFFTAKE_API PriceAggregation parse_price_aggregation(const std::string& text);

struct SimulationOptions {
    Measure measure = Measure::RealWorld;
    bool antithetic = false;      // paths 2k and 2k+1 use mirrored shocks
    PriceAggregation aggregation = PriceAggregation::EndOfPeriod;
};

class OFFTAKE_API PriceSimulator {
  public:
    virtual ~PriceSimulator();
    // Writes prices[0..n] (n = grid periods; prices[0] = the price on the grid's first
    // date) of the deal's commodity on path `path`. `scratch` is the calling thread's own
    // buffer (it holds the generated scenario path).
    virtual void simulate(std::uint64_t seed, std::uint64_t path, double* prices,
                          std::vector<double>& scratch) const = 0;
    virtual Measure measure() const = 0;
    virtual std::string description() const = 0;  // model name and parameters, for reports
};

// `forward` is today's forward curve on the grid (index 0..n), usually the deal's price
// deck: under RiskNeutral the simulated mean equals it at every date; under RealWorld
// forward[0] is today's spot and the model's own drift applies.
OFFTAKE_API std::unique_ptr<PriceSimulator> make_price_simulator(
    const PriceModelSpec& spec, Commodity commodity, const TimeGrid& grid,
    const std::vector<double>& forward, const SimulationOptions& options);

}  // namespace offtake
