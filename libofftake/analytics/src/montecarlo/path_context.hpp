// One deal set up for a run (prepared deal, price simulator, draws), and a thread's
// reusable buffers to run its paths through the waterfall.
#pragma once

#include "montecarlo/deal_accumulator.hpp"
#include "montecarlo/path_draws.hpp"

#include <offtake/engine.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/price_model.hpp>

#include <memory>
#include <string>
#include <vector>

namespace offtake::montecarlo {

struct RunSetup {
    std::shared_ptr<const PreparedDeal> prepared;
    std::shared_ptr<const PriceSimulator> simulator;
    std::shared_ptr<const PathDraws> draws;
    std::string price_model_file;   // the file the model came from, if any (for the hash)
    std::uint64_t seed = 0;
    std::uint64_t paths = 0;
    double price_scale = 1.0;
};

// Resolves the options against the deal (paths, seed, measure, price model); throws
// UsageError when no price model can be found.
RunSetup setup_run(const Deal& deal, const MonteCarloOptions& options);

class PathContext {
  public:
    PathContext(const RunSetup& setup, bool with_series);
    // Runs path `path` and returns its result (valid until the next call).
    const PathResult& run(std::uint64_t path);
    const PathSeries* series() const { return with_series_ ? &series_ : nullptr; }

  private:
    const RunSetup* setup_;
    bool with_series_;
    std::vector<double> prices_, simulator_scratch_;
    std::vector<int> default_period_;
    std::vector<unsigned char> kpi_met_;
    PathScratch scratch_;
    PathResult result_;
    PathSeries series_;
};

DealShape shape_of(const RunSetup& setup, const MonteCarloOptions& options);
// Run description fields of a result (measure, seed, version, hash, ...).
void describe_run(const Deal& deal, const RunSetup& setup, const MonteCarloOptions& options, int threads,
                  SimulationResult& out);

}  // namespace offtake::montecarlo
