#include "simulation_args.hpp"

#include <memory>

#include "interrupt.hpp"

#include <offtake/run_limits.hpp>
#include <offtake/time_grid.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace offtake::cli {

CLI::Validator whole_number(const char* option, std::uint64_t lowest, std::uint64_t highest) {
    return CLI::Validator(
        [=](std::string& text) -> std::string {
            return whole_number_rule(option, text, lowest, highest);
        },
        fmt::format("INT in [{}, {}]", lowest, highest));
}

std::string whole_number_rule(const char* option, const std::string& text, std::uint64_t lowest,
                              std::uint64_t highest) {
    // CLI11 puts the option's name in front ("--paths: '1e3' is not ...").
    (void)option;
    const std::string rule =
        fmt::format("'{}' is not a whole number from {} to {} written in decimal digits", text, lowest, highest);
    // Digits only: CLI11 (strtoull) would take "-1" as 2^64 - 1, "0x10" as 16, and
    // "1e3" is not a count anyone types on purpose.
    if (text.empty() || text.size() > 20 || text.find_first_not_of("0123456789") != std::string::npos) return rule;
    errno = 0;
    const unsigned long long v = std::strtoull(text.c_str(), nullptr, 10);
    if (errno == ERANGE || v < lowest || v > highest) return rule;
    return "";
}

void add_simulation_options(CLI::App& cmd, SimulationArgs& args, const std::string& paths_help) {
    cmd.add_option("--paths", args.paths, paths_help)->check(whole_number("--paths", 1, kMaxPaths));
    cmd.add_option("--seed", args.seed, "Random seed (default: the deal file's simulation.seed)")
        ->check(whole_number("--seed", 0, kMaxSeed));
    // Bounds and names: the library's (run_limits.hpp), as the C API's.
    cmd.add_option("--threads", args.threads, "Worker threads (default 0: all cores)")
        ->check(CLI::Range(0, kMaxThreads));
    cmd.add_option("--measure", args.measure,
                   "Price measure: real_world (bankability, default), risk_neutral or lenders_case (median = the deck)")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                return !text.empty() && measure_from_name(text) ? "" : "'" + text + "' is not real_world, risk_neutral or lenders_case";
            },
            "real_world|risk_neutral|lenders_case"));
    cmd.add_option("--price-model", args.price_model,
                   "Price model file (default: the deal file's simulation.price_model)");
    cmd.add_option("--price-aggregation", args.price_aggregation,
                   "Period price from the scenario: end_of_period (default) or period_average of its months")
        ->check(CLI::IsMember({"end_of_period", "period_average"}));
    cmd.add_option("--scenario-start", args.scenario_start,
                   "First date of the simulated market, yyyy-mm-dd (default: the earliest deal start); "
                   "pin it so runs of deals with different starts read one market")
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                return parse_iso_date(text) ? "" : "'" + text + "' is not a calendar date written yyyy-mm-dd";
            },
            "DATE"));
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
    return price_model_path(deal, args.price_model.value_or(""));
}

MonteCarloOptions to_options(const SimulationArgs& args, const Deal& deal, ProgressBar* bar) {
    MonteCarloOptions options;
    options.paths = args.paths;
    options.seed = args.seed;
    options.threads = args.threads;
    if (args.measure) options.measure = measure_from_name(*args.measure);
    if (args.price_aggregation) options.price_aggregation = parse_price_aggregation(*args.price_aggregation);
    if (args.scenario_start) options.scenario_start = parse_iso_date(*args.scenario_start);
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
