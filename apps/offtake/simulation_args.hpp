// The Monte Carlo options shared by run, compare, size-debt, stress and tornado, and
// how they reach the library: progress bar on a terminal, Ctrl-C as cancellation.
#pragma once

#include "progress_bar.hpp"

#include <offtake/montecarlo.hpp>

#include <CLI/CLI.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace offtake::cli {

struct SimulationArgs {
    std::optional<std::uint64_t> paths;
    std::optional<std::uint64_t> seed;
    int threads = 0;
    std::optional<std::string> measure;
    std::optional<std::string> price_model;
    std::optional<std::string> price_aggregation;  // end_of_period | period_average
    std::optional<std::string> scenario_start;     // yyyy-mm-dd
};

// "" when `text` is a whole number in [lowest, highest] written in decimal digits, else
// the message ("'1e3' is not a whole number from 1 to 100000000 written in decimal digits").
std::string whole_number_rule(const char* option, const std::string& text, std::uint64_t lowest,
                              std::uint64_t highest);
CLI::Validator whole_number(const char* option, std::uint64_t lowest, std::uint64_t highest);

// `paths_default_text` says what --paths defaults to for this command.
void add_simulation_options(CLI::App& cmd, SimulationArgs& args, const std::string& paths_help);

// Library options from the command line. `bar` (may be null) is advanced by the
// library's progress callback, which also turns Ctrl-C into a clean stop.
MonteCarloOptions to_options(const SimulationArgs& args, const Deal& deal, ProgressBar* bar);

// Commands that run several simulations in a row (compare, stress, tornado): each run
// reports progress from zero; this chains `options.progress` so that one bar counts the
// paths of all of them. `bar` must outlive the runs.
void track_successive_runs(MonteCarloOptions& options, ProgressBar& bar);

// The price model file a run of `deal` uses: --price-model, else the deal file's
// simulation.price_model, found as written or relative to the deal file's folder.
std::string price_model_file(const SimulationArgs& args, const Deal& deal);

// The files a run of `deal` reads (the deal file and its price model): --out may not
// name one of them (check_output_target).
std::vector<std::string> input_files(const SimulationArgs& args, const Deal& deal);

// The number of paths a run of `deal` will do (command line, else the deal file).
std::uint64_t planned_paths(const SimulationArgs& args, const Deal& deal);

// Throws Cancelled when the run stopped because of Ctrl-C.
void check_not_cancelled(const SimulationResult& result);

}  // namespace offtake::cli
