// The portfolio optimiser (docs/portfolio.md section 5d): choose the volumes of the
// candidate offtakes, within their bounds, that minimise the expected cost of supply
// subject to P(shortfall) at or below a target or CVaR 95 % of unmet tonnes at or below a
// limit, as a sample-average problem on simulated paths solved by GLPK. The chosen volumes
// are then run exactly (each candidate's deal at its chosen volume) on the same paths,
// which checks the linear scaling the problem assumes, and on independent paths (the
// out-of-sample check).
#pragma once

#include <offtake/export.h>
#include <offtake/portfolio_run.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace offtake {

// No volumes within the candidates' bounds meet the constraint on the sample (the
// message names the binding need year and its value at the largest volumes).
class OFFTAKE_API OptimiseInfeasible : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct OptimisedCandidate {
    std::string deal_file, buyer;
    double min_tpa = 0.0, max_tpa = 0.0, offered_tpa = 0.0, chosen_tpa = 0.0;
    double delivered_tonnes = 0.0;  // E[sum over the need years of its tonnes], exact run on the sample
    double payments = 0.0;          // E[its invoices in the need years], the same
};

// The measures the constraint and the objective speak of, on one set of paths. Per cell
// in the needs' order (product, year).
struct OptimiseMeasures {
    std::vector<double> p_shortfall, cvar95_unmet, unmet, cost;  // per cell
    double p_shortfall_average = 0.0, cvar95_unmet_total = 0.0, unmet_total = 0.0, cost_total = 0.0;
    bool cost_present = true;
};

// The signed portfolio and the portfolio with the chosen volumes on one set of paths, run
// exactly (no scaling), with the paired differences.
struct OptimiseRun {
    std::uint64_t paths = 0, seed = 0;
    OptimiseMeasures as_signed, optimised;
    PortfolioHeadline difference;  // optimised - as signed, path by path, with standard errors
    std::vector<ProductSupply> products;  // the optimised portfolio, per product and year
};

struct OptimiseResult {
    std::string buyer, source, currency;
    OptimiseSpec spec;
    SpotMarket spot;
    PortfolioReport report;
    double threshold = 0.0;          // x of P(unmet > x need)
    std::vector<std::string> cells;  // "product year", the measures' order
    std::vector<double> need;        // per cell
    // The problem and its solution.
    std::uint64_t sample_paths = 0, seed = 0;
    bool mip = false;
    int columns = 0, rows = 0, binaries = 0, integers = 0;
    std::string solver;              // "GLPK 5.0"
    std::string status;              // "optimal" or "feasible (time limit, not proven optimal)"
    double solver_seconds = 0.0;
    double objective = 0.0;          // the solver's E[cost] on the sample
    std::vector<OptimisedCandidate> choices;
    OptimiseMeasures predicted;      // on the sample by linear scaling (the problem's own numbers)
    // ASSUMPTION check: candidate path-cells on which, at the largest volume, the buyer's
    // contracted tonnes were not all delivered (there the scaling may not hold), of those
    // with contracted tonnes.
    std::uint64_t cells_short_at_max = 0, cells_contracted = 0;
    // The largest |exact - scaled| of a candidate's tonnes in a path-cell at the chosen volumes.
    double scaling_max_deviation_tonnes = 0.0;
    OptimiseRun in_sample;                    // exact, the sample's paths
    std::optional<OptimiseRun> out_of_sample;  // exact, independent paths (seed + 1)
    double seconds = 0.0;
};

// Throws UsageError when the file states no `optimise` or no candidates, and
// OptimiseInfeasible when no volumes within the bounds meet the constraint on the
// sample; DealError as run_portfolio() does. `out_of_sample_paths` 0 skips that run.
OFFTAKE_API OptimiseResult optimise_portfolio(const Portfolio& portfolio, const MonteCarloOptions& options = {},
                                              std::uint64_t out_of_sample_paths = 0);

// {"kind": "portfolio_optimise", ...} (docs/json-output.md, "Portfolio optimiser").
OFFTAKE_API std::string to_json(const OptimiseResult& result, int indent = 2);

}  // namespace offtake
