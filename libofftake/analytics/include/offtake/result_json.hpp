// Results as JSON documents: the library's one serializer, so that the command-line
// tool's --json, the C API's offtake_result_json() and any C++ caller print the same
// text (conventions section 12; key by key in docs/json-output.md).
//
// Every metric is an object with the same keys: count (paths where it has a value),
// absent (paths where it has none), mean, sd, std_error, p5, p10, p50, p90, p95, and
// exact_quantiles. A probability (p_default, ...) or an expected loss has its value as
// `mean` and its Monte Carlo standard error, and null percentiles. Absent values are
// null: a NaN or an infinity never reaches the text. Each document also says what the
// run was: kind, library_version, inputs_hash, seed, paths, measure.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>

#include <string>
#include <vector>

namespace offtake {

struct DealReport;        // offtake/deterministic.hpp
struct SimulationResult;  // offtake/montecarlo.hpp
struct DealComparison;
struct DebtSizingResult;
struct StressResult;
struct TornadoTable;

// {"kind": "deterministic", "deal", "library_version", "inputs_hash", the metrics as plain
// numbers or null (npv, irr, equity_npv[], equity_irr[], dscr_min, dscr_avg, llcr, plcr,
// payback_years, peak_debt, lender_loss, ...), "buyers": [...], "periods": [...] (the
// main waterfall lines of each period; write_schedule_csv has them all)}.
OFFTAKE_API std::string to_json(const DealReport& report, int indent = 2);

// `deal` (optional) adds a "deal" object with its name and source file.
// `indent` < 0 gives one line; otherwise pretty-printed with that many spaces.
OFFTAKE_API std::string to_json(const SimulationResult& result, const Deal* deal = nullptr,
                                int indent = 2);
// {"kind": "comparison", "deals": [result...], "differences": [...]}: differences[k] is
// deal k minus deal 0 on common random numbers (mean and standard error of the paired
// difference).
OFFTAKE_API std::string to_json(const DealComparison& comparison,
                                const std::vector<const Deal*>& deals = {}, int indent = 2);
// {"kind": "debt_sizing", "feasible", "gearing", "debt", "binding", "iterations",
//  "result": the run at that gearing}.
OFFTAKE_API std::string to_json(const DebtSizingResult& sizing, const Deal* deal = nullptr,
                                int indent = 2);
// {"kind": "stress", "library_version", "deal", "seed", "paths", "measure",
//  "scenarios": [{"name", "changes": {price_shock, capex_overrun,
//  construction_delay_periods, production_shortfall, opex_change, rate_shift_bps},
//  "result": a Monte Carlo document}, ...]} in the order run (the base case first when
// the caller put it first); every scenario on the same seed and paths.
OFFTAKE_API std::string to_json(const std::vector<StressResult>& stress, const Deal* deal = nullptr,
                                int indent = 2);

// {"kind": "tornado", "library_version", "deal", "inputs_hash", "currency", "seed",
//  "paths", "measure", "base": {"npv", "dscr_min_p50", "p_default"}, "rows": [{"input",
//  "low", "high", "npv_low", "npv_high", "npv_swing", "dscr_min_p50_low", ...}]}: the
// rows largest NPV swing first; "npv_*" and "p_default_*" are {"mean", "std_error",
// "count"} (the mean NPV and the probability, with their standard errors).
OFFTAKE_API std::string to_json(const TornadoTable& tornado, const Deal* deal = nullptr, int indent = 2);

}  // namespace offtake
