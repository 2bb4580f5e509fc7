#include "simulation_args.hpp"

#include <memory>

#include "interrupt.hpp"

#include <filesystem>

namespace offtake::cli {

void add_simulation_options(CLI::App& cmd, SimulationArgs& args, const std::string& paths_help) {
    cmd.add_option("--paths", args.paths, paths_help)->check(CLI::Range(1ULL, 100000000ULL));
    cmd.add_option("--seed", args.seed, "Random seed (default: the deal file's simulation.seed)");
    cmd.add_option("--threads", args.threads, "Worker threads (default 0: all cores)")
        ->check(CLI::Range(0, 1024));
    cmd.add_option("--measure", args.measure,
                   "Price measure: real_world (bankability, default) or risk_neutral")
        ->check(CLI::IsMember({"real_world", "risk_neutral"}));
    cmd.add_option("--price-model", args.price_model,
                   "Price model file (default: the deal file's simulation.price_model)");
}

void track_successive_runs(MonteCarloOptions& options, ProgressBar& bar) {
    struct Seen {
        std::uint64_t offset = 0, last = 0;
    };
    auto seen = std::make_shared<Seen>();
    auto inner = options.progress;
    options.progress = [seen, inner, &bar](std::uint64_t done, std::uint64_t total) {
        if (done < seen->last) seen->offset += total;  // the next run started
        seen->last = done;
        bar.update(static_cast<long>(seen->offset + done));
        return inner ? inner(done, total) : ProgressAction::Continue;
    };
}

std::string price_model_file(const SimulationArgs& args, const Deal& deal) {
    namespace fs = std::filesystem;
    if (args.price_model) return *args.price_model;
    const std::string& named = deal.simulation.price_model;
    if (named.empty() || fs::path(named).is_absolute() || fs::exists(named)) return named;
    // The loader may keep the path as written in the file (relative to the file's folder).
    fs::path beside = fs::path(deal.source).parent_path() / named;
    return fs::exists(beside) ? beside.lexically_normal().string() : named;
}

MonteCarloOptions to_options(const SimulationArgs& args, const Deal& deal, ProgressBar* bar) {
    MonteCarloOptions options;
    options.paths = args.paths;
    options.seed = args.seed;
    options.threads = args.threads;
    if (args.measure)
        options.measure = *args.measure == "risk_neutral" ? Measure::RiskNeutral : Measure::RealWorld;
    // Resolved here, once, so that the library never resolves a relative path twice.
    options.price_model_path = price_model_file(args, deal);
    options.progress = [bar](std::uint64_t done, std::uint64_t) {
        if (bar) bar->update(static_cast<long>(done));
        return interrupted() ? ProgressAction::Stop : ProgressAction::Continue;
    };
    return options;
}

std::vector<std::string> input_files(const SimulationArgs& args, const Deal& deal) {
    return {deal.source, price_model_file(args, deal)};
}

std::uint64_t planned_paths(const SimulationArgs& args, const Deal& deal) {
    if (args.paths) return *args.paths;
    return deal.simulation.paths > 0 ? static_cast<std::uint64_t>(deal.simulation.paths) : 1;
}

void check_not_cancelled(const SimulationResult& result) {
    if (result.cancelled || interrupted()) throw Cancelled();
}

}  // namespace offtake::cli
