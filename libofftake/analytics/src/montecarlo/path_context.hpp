// The deals of a run set up on one shared scenario (docs/scenarios.md), and a thread's
// reusable buffers to run their paths through the waterfall.
#pragma once

#include "montecarlo/completion_draws.hpp"
#include "montecarlo/deal_accumulator.hpp"
#include "montecarlo/path_draws.hpp"
#include "montecarlo/production_draws.hpp"

#include <offtake/country_events.hpp>
#include <offtake/engine.hpp>
#include <offtake/fiscal_events.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/price_model.hpp>
#include <offtake/scenario.hpp>
#include <offtake/scorecard.hpp>

#include <memory>
#include <string>
#include <vector>

namespace offtake::montecarlo {

// The market every deal of a run reads: one model file on one calendar, generated once
// per path at the finest level any deal needs.
struct SharedScenario {
    std::shared_ptr<const ScenarioModel> model;
    int finest = 0;
    std::string price_model_file;   // the file the model came from, if any (for the hash)
    QuantLib::Date origin;
};

struct RunSetup {
    std::shared_ptr<const PreparedDeal> prepared;
    std::shared_ptr<const SharedScenario> scenario;      // null with a caller's own simulator
    std::shared_ptr<const DealPriceReader> reader;       // this deal's prices from the scenario
    std::shared_ptr<const PriceSimulator> simulator;     // options.price_simulator, if given
    std::shared_ptr<const PathDraws> draws;
    // Country events (docs/risks.md section 1): the deal's country's export restrictions,
    // null when the deal has none; the file they came from enters the inputs hash.
    std::shared_ptr<const ExportRestrictionEvents> export_events;
    std::string country_model_file;
    double domestic_discount = 0.0;
    // Fiscal events (docs/risks.md section 1b): the country's royalty and tax step-ups,
    // null when the deal has none or its country's model has none of that kind.
    std::shared_ptr<const FiscalStepEvents> royalty_steps, tax_steps;
    std::string fiscal_model_file;
    std::shared_ptr<const CompletionDraws> completion;   // capex overrun and delay (docs/risks.md)
    std::shared_ptr<const ProductionDraws> production;   // ramp-up and operating factor (docs/risks.md)
    std::string price_model_file;
    std::uint64_t seed = 0;
    std::uint64_t paths = 0;
    double price_scale = 1.0;
    Measure measure = Measure::RealWorld;
    PriceAggregation aggregation = PriceAggregation::EndOfPeriod;
    QuantLib::Date origin;                               // the scenario's first date
    std::string description;                             // of the deal's price process
};

// Resolves the options against the deals (paths, seed, measure, one price model, the
// scenario origin) and binds every deal to one shared scenario; throws UsageError when
// no price model can be found or the deals name different model files, DealError when a
// deal's commodity is missing from the model file (with the deal file's line).
std::vector<RunSetup> setup_runs(const std::vector<Deal>& deals, const MonteCarloOptions& options);
RunSetup setup_run(const Deal& deal, const MonteCarloOptions& options);

// A named stress of a portfolio's what-if (docs/portfolio.md, "What-if"), applied to one
// deal on every path: an export ban in force over [ban_from, ban_to) on `ban_share` of
// its output (on top of the deal's own restrictions: the larger share holds), and a
// project abandoned at its completion date.
struct DealStress {
    bool ban = false;
    QuantLib::Date ban_from, ban_to;
    double ban_share = 1.0;
    bool fail_to_complete = false;
};

class PathContext {
  public:
    // with_offtake_lines: also keep each offtake's tonnes and invoices per period (lines()).
    PathContext(const RunSetup& setup, bool with_series, bool with_offtake_lines = false,
                const DealStress& stress = {});
    // Runs path `path` and returns its result (valid until the next call). `world`: the
    // shared scenario's path `path` generated at its finest level; null: generate it here.
    const PathResult& run(std::uint64_t path, const double* world = nullptr);
    const PathSeries* series() const { return with_series_ ? &series_ : nullptr; }
    const PathSeries* lines() const { return series_.offtake_lines ? &series_ : nullptr; }
    const PathResult& last() const { return result_; }  // the last path run()

  private:
    const RunSetup* setup_;
    bool with_series_;
    std::vector<double> prices_, world_;
    std::vector<int> default_period_;
    std::vector<unsigned char> kpi_met_;
    std::vector<double> export_restricted_;
    std::vector<double> banned_;  // the stress's share per period, or empty
    bool fail_to_complete_ = false;
    std::vector<double> production_factor_;
    std::vector<double> royalty_rate_, tax_rate_;  // per period, with fiscal events
    std::vector<double> steps_;                    // their arrival times (scratch)
    std::vector<ExportRestrictionEvents::Event> events_;
    PathScratch scratch_;
    PathResult result_;
    PathSeries series_;
};

// A worker's buffer for the shared scenario's paths (compare: one generation per path
// for every deal).
class WorldBuffer {
  public:
    explicit WorldBuffer(const SharedScenario* scenario);
    // Null when there is no shared scenario (a caller's own simulator).
    const double* generate(std::uint64_t seed, std::uint64_t path);

  private:
    const SharedScenario* scenario_;
    std::vector<double> world_;
};

DealShape shape_of(const RunSetup& setup, const MonteCarloOptions& options);
// Run description fields of a result (measure, seed, version, hash, ...).
void describe_run(const Deal& deal, const RunSetup& setup, const MonteCarloOptions& options, int threads,
                  SimulationResult& out);
// The bankability score of a finished run (when the options ask for one and a path ran),
// with its expected-loss consistency check: one rule for run, compare and portfolio.
// `card` is the run's scorecard, loaded once per run (scorecard_for).
void score_run(const Deal& deal, const Scorecard& card, SimulationResult& result);
Scorecard scorecard_for(const MonteCarloOptions& options);

}  // namespace offtake::montecarlo
