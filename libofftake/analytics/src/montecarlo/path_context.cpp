#include "montecarlo/path_context.hpp"

#include <offtake/errors.hpp>
#include <offtake/run_limits.hpp>
#include <offtake/version.h>

#include "montecarlo/inputs_hash.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace offtake::montecarlo {

RunSetup setup_run(const Deal& deal, const MonteCarloOptions& options) {
    RunSetup s;
    // Every default and bound of the options: run_limits.hpp.
    s.paths = run_paths(deal, options);
    if (!threads_allowed(options.threads))
        throw UsageError("threads must be between 0 (all cores) and " +
                         std::to_string(kMaxThreads) + ", not " + std::to_string(options.threads));
    s.seed = run_seed(deal, options);
    s.price_scale = options.price_scale;
    if (!(s.price_scale > 0.0)) throw UsageError("price_scale must be positive");
    s.prepared = prepare(deal);
    if (options.price_simulator) {
        s.simulator = options.price_simulator;
    } else {
        std::shared_ptr<const PriceModelSpec> spec = options.price_model;
        if (!spec) {
            s.price_model_file = price_model_path(deal, options.price_model_path);
            if (s.price_model_file.empty())
                throw UsageError("no price model: set simulation.price_model in the deal or give one in the options");
            spec = load_price_model(s.price_model_file);
        }
        SimulationOptions so;
        so.measure = run_measure(deal, options.measure);
        so.antithetic = options.antithetic;
        so.sobol = options.sobol;
        so.substeps_per_period = options.substeps_per_period;
        s.simulator = make_price_simulator(*spec, deal.project.commodity, grid(*s.prepared), base_prices(*s.prepared), so);
    }
    s.draws = std::make_shared<PathDraws>(*s.prepared);
    return s;
}

PathContext::PathContext(const RunSetup& setup, bool with_series) : setup_(&setup), with_series_(with_series) {
    const int n = grid(*setup.prepared).periods();
    prices_.assign(static_cast<std::size_t>(n) + 1, 0.0);
    default_period_.assign(setup.draws->buyers(), n + 1);
    kpi_met_.assign(setup.draws->kpi_slots(), 0);
}

const PathResult& PathContext::run(std::uint64_t path) {
    const auto& s = *setup_;
    s.simulator->simulate(s.seed, path, prices_.data(), simulator_scratch_);
    if (s.price_scale != 1.0)
        for (auto& p : prices_) p *= s.price_scale;
    PathInputs in;
    in.price = prices_.data();
    if (s.draws->has_defaults()) {
        s.draws->buyer_defaults(s.seed, path, default_period_.data());
        in.buyer_default_period = default_period_.data();
    }
    if (s.draws->has_kpis()) {
        s.draws->kpi_outcomes(s.seed, path, kpi_met_.data());
        in.kpi_met = kpi_met_.data();
    }
    run_path(*s.prepared, in, result_, scratch_, with_series_ ? &series_ : nullptr);
    return result_;
}

DealShape shape_of(const RunSetup& setup, const MonteCarloOptions& options) {
    const Deal& d = deal(*setup.prepared);
    DealShape shape;
    shape.investors = d.equity.size();
    shape.buyers = d.offtakes.size();
    shape.periods = options.collect_bands ? grid(*setup.prepared).periods() : 0;
    shape.covenant_dscr = d.debt ? d.debt->covenant_dscr : 1.2;
    shape.antithetic = options.antithetic;
    return shape;  // exact_capacity: see block_shape / total_shape
}

void describe_run(const Deal& deal, const RunSetup& setup, const MonteCarloOptions& options, int threads,
                  SimulationResult& out) {
    out.measure = to_string(setup.simulator->measure());
    out.seed = setup.seed;
    out.paths_requested = setup.paths;
    out.threads = threads;
    out.antithetic = options.antithetic;
    out.sobol = options.sobol;
    out.library_version = OFFTAKE_VERSION_STRING;
    out.price_model = setup.simulator->description();
    // The deal and model file, plus what the simulator says of its parameters (a model
    // given in code has no file) and the stress price scale.
    const std::uint64_t base = std::stoull(inputs_hash(deal, setup.price_model_file), nullptr, 16);
    out.inputs_hash = fmt::format(
        "{:016x}", fnv1a(fmt::format("simulator:{};price_scale:{:.17g}", out.price_model, setup.price_scale), base));
    out.investors.clear();
    for (const auto& e : deal.equity) out.investors.push_back(e.name);
    out.buyers.assign(deal.offtakes.size(), BuyerStatistics{});
    for (std::size_t i = 0; i < deal.offtakes.size(); ++i) out.buyers[i].buyer = deal.offtakes[i].buyer;
    if (options.collect_bands) {
        const auto& dates = grid(*setup.prepared).dates;
        out.bands.dates.assign(dates.begin() + 1, dates.end());
    }
}

}  // namespace offtake::montecarlo
