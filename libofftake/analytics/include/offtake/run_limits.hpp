// What a Monte Carlo run may ask for, and what it gets when it does not say: every bound
// and default of a run's options, stated once. The library checks them, and the command
// line (apps/offtake) and the C API (capi/) test their users' values with the same
// predicates below, so that the two front ends refuse exactly the same values (each
// names the value in its own words: `--threads`, `options->threads`). docs/cli.md and
// docs/c-api.md list them; tests/cli/test_run_limits.cpp drives both front ends at
// every boundary.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>
#include <offtake/price_model.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace offtake {

struct MonteCarloOptions;
struct StressScenario;
struct DebtSizingOptions;

// --- Paths, threads, seeds -------------------------------------------------------------
// Memory does not grow with paths; these bound run time and the generators' ranges
// (Sobol points are indexed below 2^31).
inline constexpr std::uint64_t kMaxPaths = 100'000'000;  // the deal file's own limit
inline constexpr int kMaxThreads = 256;                  // 0 means every hardware thread
// Seeds are written into JSON results as numbers, exact only up to 2^53 - 1: the deal
// file, the command line and the C API all accept 0 .. kMaxSeed.
inline constexpr std::uint64_t kMaxSeed = 9007199254740991ULL;

inline constexpr bool threads_allowed(long long threads) { return threads >= 0 && threads <= kMaxThreads; }
inline constexpr bool paths_allowed(unsigned long long paths) { return paths >= 1 && paths <= kMaxPaths; }
inline constexpr bool seed_allowed(unsigned long long seed) { return seed <= kMaxSeed; }

// --- Several runs in one call ------------------------------------------------------------
// Each deal of a comparison and each stress scenario is a whole Monte Carlo run: a bound
// on the work one call can ask for. A comparison needs a baseline and one other deal.
inline constexpr std::size_t kMinCompareDeals = 2;
inline constexpr std::size_t kMaxCompareDeals = 256;
inline constexpr std::size_t kMaxStressScenarios = 256;  // the user's, besides the base case

inline constexpr bool compare_count_allowed(std::size_t deals) {
    return deals >= kMinCompareDeals && deals <= kMaxCompareDeals;
}
inline constexpr bool stress_count_allowed(std::size_t scenarios) { return scenarios <= kMaxStressScenarios; }

// --- Stress scenarios --------------------------------------------------------------------
inline constexpr int kMaxStressDelayPeriods = 40;
inline constexpr double kMaxStressRateShiftBps = 2000.0;
// Price, capex and opex changes lie in (-1, kMaxStressRelativeIncrease]: at most
// +1000 %, so that a shock cannot overflow the prices and costs it multiplies.
inline constexpr double kMaxStressRelativeIncrease = 10.0;
// A production shortfall lies in [-1, 1): at most all of it lost short of nothing left,
// and a negative shortfall (more production, the tornado's upside) at most doubles it.
inline constexpr std::size_t kMaxStressNameLength = 64;
// The name of the unchanged run every scenario is read against (item 0 of the results).
inline constexpr const char* kStressBaseName = "base";

inline bool stress_relative_change_allowed(double change) {
    return change > -1.0 && change <= kMaxStressRelativeIncrease;  // false for NaN
}
inline bool stress_production_shortfall_allowed(double shortfall) { return shortfall >= -1.0 && shortfall < 1.0; }
inline constexpr bool stress_delay_allowed(long long periods) {
    return periods >= 0 && periods <= kMaxStressDelayPeriods;
}
inline bool stress_rate_shift_allowed(double bps) {
    return bps >= -kMaxStressRateShiftBps && bps <= kMaxStressRateShiftBps;
}
// "" when `name` may name a user's scenario, else the rule it breaks: 1 .. 64 bytes of
// letters, digits, '_' and '-', and not "base".
OFFTAKE_API std::string stress_name_rule(std::string_view name);
// "" when every field of `scenario` is allowed, else "<field> ...: <rule>" for the first
// that is not (library field names: price_shock, construction_delay_periods, ...).
OFFTAKE_API std::string stress_scenario_rule(const StressScenario& scenario);

// --- Debt sizing ---------------------------------------------------------------------------
// The gearing bracket searched: 0 <= min_gearing < max_gearing < 1 (all debt is no
// project). Percentiles in (0, 1). Coverage targets: finite numbers above 0 (a target
// no positive debt meets is an answer, "infeasible", not a usage error).

inline bool sizing_gearing_bracket_allowed(double min_gearing, double max_gearing) {
    return min_gearing >= 0.0 && min_gearing < max_gearing && max_gearing < 1.0;
}
inline bool sizing_percentile_allowed(double p) { return p > 0.0 && p < 1.0; }
inline bool sizing_target_allowed(double target) { return target > 0.0 && target < HUGE_VAL; }
// "" when the options are allowed, else the first rule they break (library field names).
OFFTAKE_API std::string debt_sizing_rule(const DebtSizingOptions& sizing);

// --- Defaults, resolved once ---------------------------------------------------------------
// The price model file a run of `deal` reads: `given` (a command-line or option path, as
// written) when not empty, else the deal's simulation.price_model, which the loader has
// made relative to the deal file's folder; a deal built in code may give it relative to
// its `source` file instead, so a relative path that does not exist as written is looked
// for beside the source. "" when neither names one.
OFFTAKE_API std::string price_model_path(const Deal& deal, const std::string& given);

// The measure names of deal files, the command line and JSON ("real_world",
// "risk_neutral"); "" (a deal that does not say) is real_world. nullopt for other text.
OFFTAKE_API std::optional<Measure> measure_from_name(std::string_view name);
// The measure a run uses: the option's, else the deal's simulation.measure (a UsageError
// names a deal's measure that is not one of the two).
OFFTAKE_API Measure run_measure(const Deal& deal, const std::optional<Measure>& option);

// The seed and path count of a run of `deal`: the option's, else the deal file's. A
// UsageError when the count is 0 or above kMaxPaths.
OFFTAKE_API std::uint64_t run_seed(const Deal& deal, const MonteCarloOptions& options);
OFFTAKE_API std::uint64_t run_paths(const Deal& deal, const MonteCarloOptions& options);

// Common random numbers: the options with seed and paths pinned to those of
// `reference` (the first deal compared, the deal stressed or sized) when not given, and
// its price model loaded once, so that every run of a comparison, a stress table or a
// bisection reads the same market (docs/scenarios.md section 7; stress and sizing also
// pin the scenario origin to the reference deal's start).
OFFTAKE_API MonteCarloOptions common_random_numbers(const Deal& reference, MonteCarloOptions options);

}  // namespace offtake
