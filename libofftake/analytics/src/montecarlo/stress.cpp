// Stress scenarios and the tornado table: deterministic changes to the deal (capex,
// delay, production, opex, rates) and a price shock applied to every simulated price,
// each run on the base run's market (common random numbers: the same seed, paths, price
// model and scenario origin).
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace offtake {
namespace {

void scale(std::vector<double>& v, double f) {
    for (auto& x : v) x *= f;
}

// Common random numbers, and one market origin: the base deal's start, so a scenario
// that delays the project still reads the base case's price on each calendar date.
MonteCarloOptions with_crn(const Deal& deal, const MonteCarloOptions& o) {
    MonteCarloOptions pinned = common_random_numbers(deal, o);
    if (!pinned.scenario_start) pinned.scenario_start = deal.project.time.start;
    return pinned;
}

SimulationResult run_scenario(const Deal& deal, const StressScenario& s, MonteCarloOptions o) {
    if (s.price_shock <= -1.0) throw UsageError("a price shock must stay above -100 %");
    o.price_scale *= 1.0 + s.price_shock;
    try {
        return simulate(apply_stress(deal, s), o);
    } catch (const DealError& e) {
        // A change can break the deal (a delay moves COD, and an offtake's default
        // start with it, past the offtake's end): say which scenario did.
        std::vector<Problem> problems = e.problems();
        for (auto& p : problems)
            p.rule = fmt::format("under stress scenario '{}' ({}): {}", s.name, describe_stress(s), p.rule);
        throw DealError(std::move(problems));
    }
}


}  // namespace

std::string describe_stress(const StressScenario& s) {
    std::vector<std::string> parts;
    auto pct = [](double x) { return fmt::format("{:+.0f} %", 100.0 * x); };
    if (s.price_shock != 0.0) parts.push_back("price " + pct(s.price_shock));
    if (s.capex_overrun != 0.0) parts.push_back("capex " + pct(s.capex_overrun));
    if (s.construction_delay_periods != 0) parts.push_back(fmt::format("COD +{} periods", s.construction_delay_periods));
    if (s.production_shortfall != 0.0) parts.push_back("production " + pct(-s.production_shortfall));
    if (s.opex_change != 0.0) parts.push_back("opex " + pct(s.opex_change));
    if (s.rate_shift_bps != 0.0) parts.push_back(fmt::format("rates {:+.0f} bps", s.rate_shift_bps));
    std::string text;
    for (const auto& p : parts) text += (text.empty() ? "" : ", ") + p;
    return text.empty() ? "none" : text;
}

Deal apply_stress(const Deal& deal, const StressScenario& s) {
    if (s.construction_delay_periods < 0) throw UsageError("a construction delay cannot be negative");
    if (s.production_shortfall >= 1.0) throw UsageError("a production shortfall must stay below 100 %");
    Deal d = deal;
    auto& p = d.project;
    scale(p.construction_capex, 1.0 + s.capex_overrun);
    if (s.construction_delay_periods > 0) {
        // COD moves later; capex keeps its amounts and dates, the extra periods build
        // nothing (the mine waits), so interest during construction grows.
        p.construction_capex.resize(static_cast<std::size_t>(p.construction_periods), 0.0);
        p.construction_periods += s.construction_delay_periods;
        p.construction_capex.resize(static_cast<std::size_t>(p.construction_periods), 0.0);
    }
    scale(p.production_tpa, 1.0 - s.production_shortfall);
    scale(p.fixed_opex, 1.0 + s.opex_change);
    p.unit_opex *= 1.0 + s.opex_change;
    const double shift = s.rate_shift_bps / 1.0e4;
    if (shift != 0.0) {
        if (d.discounting.rate) *d.discounting.rate += shift;
        for (auto& z : d.discounting.zero_curve) z.rate += shift;
        if (d.debt && d.debt->base_rate) *d.debt->base_rate += shift;
    }
    return d;
}

std::vector<StressScenario> standard_stress_scenarios() {
    std::vector<StressScenario> v;
    StressScenario s;
    s = {};
    s.name = "price_shock";
    s.price_shock = -0.30;
    v.push_back(s);
    s = {};
    s.name = "capex_overrun";
    s.capex_overrun = 0.25;
    v.push_back(s);
    s = {};
    s.name = "construction_delay";
    s.construction_delay_periods = 2;
    v.push_back(s);
    s = {};
    s.name = "production_shortfall";
    s.production_shortfall = 0.15;
    v.push_back(s);
    s = {};
    s.name = "rate_shift";
    s.rate_shift_bps = 200.0;
    v.push_back(s);
    s = {};
    s.name = "combined_downside";
    s.price_shock = -0.15;
    s.capex_overrun = 0.15;
    s.production_shortfall = 0.10;
    s.rate_shift_bps = 100.0;
    v.push_back(s);
    return v;
}

std::vector<StressResult> run_stress(const Deal& deal, const std::vector<StressScenario>& scenarios,
                                     const MonteCarloOptions& options) {
    const auto o = with_crn(deal, options);
    std::vector<StressResult> out;
    for (const auto& s : scenarios) out.push_back(StressResult{s, run_scenario(deal, s, o)});
    return out;
}

std::vector<TornadoInput> standard_tornado_inputs() {
    std::vector<TornadoInput> v;
    auto add = [&](const char* name, auto set, double low, double high) {
        TornadoInput t;
        t.name = name;
        set(t.low, low);
        set(t.high, high);
        t.low.name = std::string(name) + "_low";
        t.high.name = std::string(name) + "_high";
        v.push_back(t);
    };
    add("price", [](StressScenario& s, double x) { s.price_shock = x; }, -0.20, 0.20);
    add("capex", [](StressScenario& s, double x) { s.capex_overrun = x; }, -0.15, 0.15);
    add("opex", [](StressScenario& s, double x) { s.opex_change = x; }, -0.15, 0.15);
    add("production", [](StressScenario& s, double x) { s.production_shortfall = x; }, 0.10, -0.10);
    add("rates", [](StressScenario& s, double x) { s.rate_shift_bps = x; }, -100.0, 100.0);
    return v;
}

TornadoTable tornado(const Deal& deal, const std::vector<TornadoInput>& inputs, const MonteCarloOptions& options) {
    auto o = with_crn(deal, options);
    o.collect_bands = false;
    o.score = false;
    TornadoTable table;
    const auto base = simulate(deal, o);
    auto npv = [](const SimulationResult& r) { return Estimate{r.npv.mean.value_or(0.0), r.npv.standard_error.value_or(0.0), r.paths}; };
    table.inputs_hash = base.inputs_hash;
    table.measure = base.measure;
    table.currency = base.currency;
    table.seed = base.seed;
    table.paths = base.paths;
    table.base_npv = npv(base);
    table.base_p50_dscr_min = base.dscr_min.p50;
    table.base_p_default = base.p_default;
    for (const auto& in : inputs) {
        const auto lo = run_scenario(deal, in.low, o);
        const auto hi = run_scenario(deal, in.high, o);
        TornadoRow row;
        row.name = in.name;
        row.low_label = describe_stress(in.low);
        row.high_label = describe_stress(in.high);
        row.npv_low = npv(lo);
        row.npv_high = npv(hi);
        row.p50_dscr_min_low = lo.dscr_min.p50;
        row.p50_dscr_min_high = hi.dscr_min.p50;
        row.p_default_low = lo.p_default;
        row.p_default_high = hi.p_default;
        table.rows.push_back(row);
    }
    std::stable_sort(table.rows.begin(), table.rows.end(), [](const TornadoRow& a, const TornadoRow& b) {
        return std::abs(a.npv_high.value - a.npv_low.value) > std::abs(b.npv_high.value - b.npv_low.value);
    });
    return table;
}

}  // namespace offtake
