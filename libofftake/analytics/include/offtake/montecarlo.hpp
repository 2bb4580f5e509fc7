// The Monte Carlo engine: a deal run over many simulated price paths, each through the
// full waterfall (engine.hpp run_path), summarised as conventions sections 11 and 12 ask.
// Also: deals compared on common random numbers, senior debt sized to a DSCR percentile,
// stress scenarios and a tornado table. Formulas and sources: docs/monte-carlo.md.
//
// Reproducibility: path i of a run draws its prices, buyer defaults and KPI outcomes from
// counter-based streams keyed by (seed, i) only. Paths are grouped in blocks of
// kBlockPaths, fixed whatever the thread count; each block has its own accumulators and
// blocks are merged in block order, so a run gives the same bits on 1 or 64 threads.
// Threading contract: simulate() may be called from several threads at once with
// distinct options; it spawns its own workers and joins them before returning.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/engine.hpp>
#include <offtake/export.h>
#include <offtake/price_model.hpp>
#include <offtake/run_limits.hpp>
#include <offtake/bankability.hpp>
#include <offtake/statistics.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace offtake {

constexpr std::uint64_t kBlockPaths = 1024;
// Resource limits (paths, threads, seeds, stress and sizing bounds) and the defaults of a
// run are in run_limits.hpp, refused up front with a UsageError (docs/monte-carlo.md
// section 8).

// Called on the calling thread after each merged block with (paths done, paths total).
// Returning Stop ends the run cleanly after the blocks in flight: the result then covers
// the first paths_done paths (a prefix, so still reproducible) and is marked cancelled.
enum class ProgressAction { Continue, Stop };
using ProgressCallback = std::function<ProgressAction(std::uint64_t done, std::uint64_t total)>;

struct MonteCarloOptions {
    std::optional<std::uint64_t> paths;    // default: deal.simulation.paths
    std::optional<std::uint64_t> seed;     // default: deal.simulation.seed
    int threads = 0;                       // 0: all cores
    std::optional<Measure> measure;        // default: deal.simulation.measure
    bool antithetic = false;               // paths 2k and 2k + 1 mirror each other's shocks
    // How a deal's period price is read from the scenario's month points
    // (docs/scenarios.md section 5).
    PriceAggregation price_aggregation = PriceAggregation::EndOfPeriod;
    // The scenario's origin (its first date): default the earliest start of the run's
    // deals. Pin it to give runs whose deals start at different dates one market
    // (docs/scenarios.md section 7); a deal may not start before it.
    std::optional<QuantLib::Date> scenario_start;
    // The price model: a loaded spec, else a file path, else deal.simulation.price_model
    // (relative to the deal file's folder).
    std::shared_ptr<const PriceModelSpec> price_model;
    std::string price_model_path;
    // A ready simulator bound to this deal's grid (tests, callers with their own model).
    // Overrides the three above.
    std::shared_ptr<const PriceSimulator> price_simulator;
    bool collect_bands = true;             // per-period P5/P50/P95 (fan chart data)
    ProgressCallback progress;
    // Bankability: the scorecard file ("" = the built-in models/scorecard/default.yaml).
    bool score = true;
    std::string scorecard_path;
    // Every simulated price is multiplied by this (stress scenarios' price shock).
    double price_scale = 1.0;
};

// P5 / P50 / P95 of one per-period series; absent where no path had a value.
struct Band {
    std::optional<double> p5, p50, p95;
};

struct PeriodBands {
    std::vector<QuantLib::Date> dates;     // d_1..d_n (period t at index t - 1)
    std::vector<Band> price, cfads, dscr, cash_balance;
};

// Per offtake buyer (conventions section 4, 5, 6).
struct BuyerStatistics {
    std::string buyer;
    double contracted_tonnes = 0.0;        // mean over paths
    MetricSummary delivered_tonnes;        // expected = mean, and P5
    Estimate p_shortfall;                  // some contracted tonnes not delivered
    Estimate p_default;                    // the buyer defaulted
    MetricSummary price_paid;              // invoiced / delivered tonnes, per path
    MetricSummary spot_price;              // the same tonnes at the index price / delivered
    MetricSummary price_premium;           // price_paid - spot_price, per path (its distribution)
    MetricSummary prepayment_recovered;
    MetricSummary prepayment_lost;
    MetricSummary equity_irr;              // count 0 when the buyer holds no stake
};

// One debt tranche's lenders' statistics (docs/credit.md sections 5 and 7), as the
// deal's own (p_default, pd_annual, lgd, ...) but for that tranche's default, exposure and
// loss. In SimulationResult::tranches the senior debt comes first (its figures are the
// deal's), then the tranches below it in the waterfall's order.
struct TrancheStatistics {
    std::string name;
    std::string priority;                  // senior | subordinated | shareholder
    double loan_years = 0.0;               // financial close to its legal maturity
    Estimate p_default, pd_annual, lgd, lgd_default_weighted, expected_loss, expected_loss_money;
    std::string implied_rating;            // pd_annual's category of models/ratings.yaml ("" if none)
};

// One deal's Monte Carlo result. Metric names are the --json keys of conventions
// section 12.
struct SimulationResult {
    // What the run was: with the same inputs hash and seed, the numbers repeat.
    std::string measure;                   // real_world | risk_neutral | lenders_case
    std::uint64_t seed = 0;
    std::uint64_t paths_requested = 0;
    std::uint64_t paths = 0;               // paths summarised (< requested when cancelled)
    int threads = 1;
    bool antithetic = false;
    std::string price_aggregation;         // end_of_period | period_average
    std::string scenario_origin;           // the scenario's first date, yyyy-mm-dd
    bool cancelled = false;
    std::string library_version;
    std::string inputs_hash;               // hex; see inputs_hash() below
    std::string price_model;               // the simulator's description
    std::string currency = "USD";          // the deal's (project.currency): every money amount
    double seconds = 0.0;                  // wall time

    MetricSummary npv, irr;                // project, unlevered, after tax
    std::vector<std::string> investors;    // deal.equity order
    std::vector<MetricSummary> equity_npv, equity_irr;
    MetricSummary dscr_min, dscr_avg, llcr, plcr;
    MetricSummary payback_years;

    double covenant_dscr = 0.0;
    Estimate p_dscr_below_1;               // P(min DSCR < 1.0)
    Estimate p_dscr_below_covenant;        // P(min DSCR < covenant_dscr)
    Estimate p_default;                    // P(event of default), cumulative to the loan's legal maturity
    Estimate p_lockup;                     // P(lock-up in some period)
    // Credit as lenders measure it (docs/credit.md section 5).
    double loan_years = 0.0;               // T: financial close to the legal maturity
    Estimate pd_annual;                    // 1 - (1 - p_default)^(1/T)
    std::string implied_rating;            // pd_annual's nearest category of models/ratings.yaml ("" if none)
    Estimate lgd;                          // sum of loss / sum of EAD over defaulted paths
    Estimate lgd_default_weighted;         // mean over defaulted paths of loss / EAD
    Estimate expected_loss;                // PD x LGD: E[loss] / E[EAD | default], gross
    Estimate expected_loss_net;            // the same, net of the guarantee
    Estimate expected_loss_money;          // E[loss] in money, gross (0 on a path without default)
    MetricSummary peak_debt;
    // With debt.tranches only (empty otherwise): per tranche, senior first, and the
    // minimum total DSCR (senior and subordinated service; docs/credit.md section 7).
    std::vector<TrancheStatistics> tranches;
    MetricSummary dscr_total_min;

    std::vector<BuyerStatistics> buyers;      // deal.offtakes order
    // Paths on which some metric came out NaN or infinite (prices that overflow): each
    // metric leaves its non-finite values out (MetricSummary::nonfinite), and the
    // probabilities and expected losses leave these paths out (Estimate::nonfinite).
    std::uint64_t nonfinite_paths = 0;
    PeriodBands bands;                     // empty unless collect_bands
    // When defaults happen: for period t (index t - 1, the bands' dates), the share of
    // the finite paths whose event of default (PathResult::default_period) is in period
    // t, with its binomial standard error; they add up to p_default. Empty unless
    // collect_bands. Added in issue 16.
    std::vector<Estimate> default_by_period;
    std::optional<BankabilityScore> bankability;
};

// Runs a deal. Throws DealError for a deal that cannot run, UsageError for bad options.
OFFTAKE_API SimulationResult simulate(const Deal& deal, const MonteCarloOptions& options = {});

// FNV-1a 64 over a canonical dump of every Deal field and the bytes of the price model
// file (if any), as 16 hex digits. SimulationResult::inputs_hash continues this hash
// over the simulator's description (its model parameters) and the stress price scale.
OFFTAKE_API std::string inputs_hash(const Deal& deal, const std::string& price_model_file = "");

// --- Comparing deals on common random numbers ----------------------------------------

// Paired difference (deal k minus the baseline, deal 0), accumulated per path: its mean
// and the standard error of that mean. For metrics that can be absent, over the paths
// where both deals have a value (`paths` tells how many).
struct PairedDifferences {
    Estimate npv, irr, dscr_min, dscr_avg, llcr, plcr;
    std::vector<Estimate> equity_npv;      // per investor index present in both deals
    Estimate p_dscr_below_1, p_default, p_lockup;
    // Differences of the two deals' PD x LGD (a ratio of means, not a mean of per-path
    // differences: delta-method standard error over the pairs) and of E[loss] in money.
    Estimate expected_loss, expected_loss_net, expected_loss_money;
    std::vector<Estimate> buyer_price_paid;  // per buyer index present in both deals
    std::vector<Estimate> buyer_delivered_tonnes;
};

struct DealComparison {
    std::vector<SimulationResult> results;       // one per deal, same seed and path indices
    std::vector<PairedDifferences> differences;  // [k]: deal k - deal 0 ([0] is all zeros)
};

OFFTAKE_API DealComparison compare(const std::vector<Deal>& deals, const MonteCarloOptions& options = {});

// --- Debt sizing ----------------------------------------------------------------------

struct DebtSizingOptions {
    double dscr_percentile = 0.10;         // P10 ...
    double target_dscr = 1.30;             // ... of min DSCR >= 1.30
    double llcr_percentile = 0.50;
    std::optional<double> target_llcr;     // absent: no LLCR condition
    double min_gearing = 0.0;              // the bracket searched
    double max_gearing = 0.95;
    double tolerance = 1.0e-5;             // on gearing
    int max_iterations = 60;
    // The tranche sized (docs/credit.md section 7): "" or debt.name, the senior debt (its
    // gearing, on min DSCR); another name, that tranche of debt.tranches (its gearing, the
    // others held, on the minimum total DSCR; no LLCR condition).
    std::string tranche;
};

struct DebtSizingResult {
    bool feasible = false;                 // some gearing in the bracket meets the targets
    double gearing = 0.0;                  // the largest that meets them (share of construction capex drawn)
    std::optional<double> gearing_achieved;  // base case at that gearing: debt at COD / total funding
    double debt = 0.0;                     // mean peak senior debt at that gearing
    std::string binding;                   // "dscr", "llcr" or "max_gearing"
    int iterations = 0;
    SimulationResult result;               // the run at the sized gearing
    // Why more debt fails (and, when infeasible, why no debt meets the targets): the
    // smallest gearing tried that failed, its DSCR and LLCR percentiles, and the share of
    // paths whose minimum DSCR is negative there. A negative minimum DSCR means CFADS
    // below zero in a repayment period, which no smaller loan can cure: if that share
    // exceeds the DSCR percentile, the target is out of reach at any gearing.
    std::optional<double> smallest_failing_gearing;
    std::optional<double> dscr_at_smallest_failing;
    std::optional<double> llcr_at_smallest_failing;
    double share_negative_dscr = 0.0;
    // The tranche sized (DebtSizingOptions::tranche): "" for the senior debt; for another
    // tranche `gearing` is its share of construction capex, `debt` its commitment (gearing x
    // construction capex) and the DSCR figures are of the minimum total DSCR.
    std::string tranche;
};

// Largest deal.debt.gearing in [min, max] whose run meets the targets, by bisection on
// common random numbers (docs/monte-carlo.md). The deal must have senior debt.
OFFTAKE_API DebtSizingResult size_debt(const Deal& deal, const DebtSizingOptions& sizing,
                                       const MonteCarloOptions& options = {});

// --- Stress scenarios and tornado -----------------------------------------------------

// Changes applied on top of the stochastic run. Relative changes are fractions
// (+0.15 = 15 % more), rate shifts in basis points.
struct StressScenario {
    std::string name;
    double price_shock = 0.0;              // every simulated price times (1 + shock)
    double capex_overrun = 0.0;            // construction capex times (1 + overrun)
    int construction_delay_periods = 0;    // COD later by this many periods, capex unchanged
    double production_shortfall = 0.0;     // production times (1 - shortfall)
    double opex_change = 0.0;              // fixed and unit opex times (1 + change)
    double rate_shift_bps = 0.0;           // discount rates and the loan's base rate
};

OFFTAKE_API std::vector<StressScenario> standard_stress_scenarios();
// The changes in words, e.g. "price -20 %, capex +10 %, COD +2 periods, rates +100 bps";
// "none" for a scenario without changes (the base case).
OFFTAKE_API std::string describe_stress(const StressScenario& scenario);
// The bounds on a user's scenario (stress_scenario_rule) are in run_limits.hpp.
// The deal with the scenario's deterministic changes (all but the price shock, which
// MonteCarloOptions::price_scale carries).
OFFTAKE_API Deal apply_stress(const Deal& deal, const StressScenario& scenario);

struct StressResult {
    StressScenario scenario;
    SimulationResult result;
};
OFFTAKE_API std::vector<StressResult> run_stress(const Deal& deal,
                                                 const std::vector<StressScenario>& scenarios,
                                                 const MonteCarloOptions& options = {});

// One input moved down and up.
struct TornadoInput {
    std::string name;                      // e.g. "price"
    StressScenario low, high;
};
OFFTAKE_API std::vector<TornadoInput> standard_tornado_inputs();

struct TornadoRow {
    std::string name;
    std::string low_label, high_label;     // e.g. "-20 %", "+20 %"
    Estimate npv_low, npv_high;            // mean NPV
    std::optional<double> p50_dscr_min_low, p50_dscr_min_high;
    Estimate p_default_low, p_default_high;
};

struct TornadoTable {
    // What the runs were (the base run's; every run shares its seed and paths).
    std::string inputs_hash, measure, currency = "USD";
    std::uint64_t seed = 0, paths = 0;
    Estimate base_npv;
    std::optional<double> base_p50_dscr_min;
    Estimate base_p_default;
    std::vector<TornadoRow> rows;          // sorted by NPV swing, largest first
};
OFFTAKE_API TornadoTable tornado(const Deal& deal, const std::vector<TornadoInput>& inputs,
                                 const MonteCarloOptions& options = {});

}  // namespace offtake
