// The rules and defaults of run_limits.hpp: one definition each, read by the library,
// the command line and the C API.
#include <offtake/run_limits.hpp>

#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <system_error>

namespace offtake {

std::string stress_name_rule(std::string_view name) {
    if (name.empty()) return "a scenario needs a name";
    if (name.size() > kMaxStressNameLength)
        return fmt::format("a name is at most {} bytes (this one has {})", kMaxStressNameLength, name.size());
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                        c == '-';
        if (!ok) return "a name holds letters, digits, '_' and '-' only";
    }
    if (name == kStressBaseName) return "the name \"base\" is kept for the base case";
    return "";
}

std::string stress_scenario_rule(const StressScenario& s) {
    if (auto rule = stress_name_rule(s.name); !rule.empty()) return "name: " + rule;
    auto relative = [](const char* field, double v) -> std::string {
        if (stress_relative_change_allowed(v)) return "";
        return fmt::format("{} is {}: it must lie above -1 (-100 %) and at most {} (+{:.0f} %)", field, v,
                           kMaxStressRelativeIncrease, kMaxStressRelativeIncrease * 100.0);
    };
    for (const auto& r : {relative("price_shock", s.price_shock), relative("capex_overrun", s.capex_overrun),
                          relative("opex_change", s.opex_change)})
        if (!r.empty()) return r;
    if (!stress_production_shortfall_allowed(s.production_shortfall))
        return fmt::format("production_shortfall is {}: it must lie in [-1, 1)", s.production_shortfall);
    if (!stress_delay_allowed(s.construction_delay_periods))
        return fmt::format("construction_delay_periods is {}: it must be 0 .. {}", s.construction_delay_periods,
                           kMaxStressDelayPeriods);
    if (!stress_rate_shift_allowed(s.rate_shift_bps))
        return fmt::format("rate_shift_bps is {}: it must lie in -{:.0f} .. {:.0f}", s.rate_shift_bps,
                           kMaxStressRateShiftBps, kMaxStressRateShiftBps);
    return "";
}

std::string debt_sizing_rule(const DebtSizingOptions& o) {
    if (!sizing_gearing_bracket_allowed(o.min_gearing, o.max_gearing))
        return fmt::format("the gearing bracket [{}, {}] must satisfy 0 <= min_gearing < max_gearing < 1",
                           o.min_gearing, o.max_gearing);
    if (!sizing_percentile_allowed(o.dscr_percentile))
        return fmt::format("dscr_percentile is {}: it must lie in (0, 1)", o.dscr_percentile);
    if (!sizing_percentile_allowed(o.llcr_percentile))
        return fmt::format("llcr_percentile is {}: it must lie in (0, 1)", o.llcr_percentile);
    if (!sizing_target_allowed(o.target_dscr))
        return fmt::format("target_dscr is {}: it must be a number above 0", o.target_dscr);
    if (o.target_llcr && !sizing_target_allowed(*o.target_llcr))
        return fmt::format("target_llcr is {}: it must be a number above 0", *o.target_llcr);
    return "";
}

std::string price_model_path(const Deal& deal, const std::string& given) {
    namespace fs = std::filesystem;
    if (!given.empty()) return given;
    const std::string& named = deal.simulation.price_model;
    std::error_code ec;
    if (named.empty() || fs::path(named).is_absolute() || deal.source.empty() || fs::exists(named, ec))
        return named;
    return (fs::path(deal.source).parent_path() / named).lexically_normal().string();
}

std::optional<Measure> measure_from_name(std::string_view name) {
    if (name == "real_world" || name.empty()) return Measure::RealWorld;
    if (name == "risk_neutral") return Measure::RiskNeutral;
    if (name == "lenders_case") return Measure::LendersCase;
    return std::nullopt;
}

Measure run_measure(const Deal& deal, const std::optional<Measure>& option) {
    if (option) return *option;
    if (auto m = measure_from_name(deal.simulation.measure)) return *m;
    throw UsageError("simulation.measure must be real_world, risk_neutral or lenders_case, not `" + deal.simulation.measure + "`");
}

std::uint64_t run_seed(const Deal& deal, const MonteCarloOptions& options) {
    return options.seed ? *options.seed : deal.simulation.seed;
}

std::uint64_t run_paths(const Deal& deal, const MonteCarloOptions& options) {
    if (!options.paths && deal.simulation.paths <= 0) throw UsageError("the number of paths must be positive");
    const std::uint64_t paths = options.paths ? *options.paths : static_cast<std::uint64_t>(deal.simulation.paths);
    if (paths == 0) throw UsageError("the number of paths must be positive");
    if (paths > kMaxPaths)
        throw UsageError("the number of paths (" + std::to_string(paths) + ") exceeds the maximum of " +
                         std::to_string(kMaxPaths));
    return paths;
}

MonteCarloOptions common_random_numbers(const Deal& reference, MonteCarloOptions options) {
    options.seed = run_seed(reference, options);
    options.paths = run_paths(reference, options);
    // The price model read once for every run, not once per run (or per bisection step);
    // its path is kept for the inputs hash.
    if (!options.price_model && !options.price_simulator) {
        const std::string file = price_model_path(reference, options.price_model_path);
        if (!file.empty()) {
            options.price_model = load_price_model(file);
            options.price_model_path = file;
        }
    }
    return options;
}

}  // namespace offtake
