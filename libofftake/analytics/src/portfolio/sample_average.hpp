// The optimiser's sample-average problem (docs/portfolio.md section 5d): on n simulated
// paths, the signed portfolio's tonnes and invoices per (product, year) cell and each
// candidate's at its largest volume; a candidate at volume v delivers and invoices v / max
// times those (ASSUMPTION, linear scaling, checked by an exact re-run). The expected cost
// of supply over the paths is minimised subject to one risk constraint, P(shortfall) or
// CVaR 95 % of unmet tonnes, by GLPK.
#pragma once

#include <offtake/portfolio.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace offtake::portfolio {

struct SampleProblem {
    std::size_t paths = 0, cells = 0, candidates = 0;
    std::vector<double> need;              // per cell
    std::vector<std::string> cell_names;   // "copper_cathode 2031", for messages
    double spot_share = 0.0, premium = 0.0;
    double threshold = 1e-9;               // x of "short": unmet > x need (1e-9 for x = 0, as the report)
    OptimiseSpec spec;
    // Per path s and cell i, at [s * cells + i]: the signed portfolio's delivered tonnes
    // and invoices, the index price of the cell (has_index 0 where none).
    std::vector<double> base_delivered, base_invoiced, index;
    std::vector<char> has_index;
    std::vector<double> spot_available;    // share of the spot limit buyable (spot sources under restriction)
    double sigma(std::size_t at) const { return spot_share * spot_available[at]; }
    // Per path, cell and candidate at [(s * cells + i) * candidates + c]: at the largest volume.
    std::vector<double> delivered, invoiced;
    // Candidate c's scale (volume / max volume) is a[c] + b[c] y, y in [lo[c], hi[c]],
    // y whole when integer[c] (a volume step).
    std::vector<double> a, b, lo, hi;
    std::vector<char> integer;
    double scale(std::size_t c, double y) const { return a[c] + b[c] * y; }
};

// The measures of a choice of scales on the sample, computed directly from the formulas
// of docs/portfolio.md section 4 (not by the solver).
struct SampleEvaluation {
    std::vector<double> p_short, cvar95, unmet, cost;  // per cell: P(short), CVaR 95 % unmet, E[unmet], E[cost]
    double p_short_average = 0.0;  // mean over cells of P(short)
    double cvar95_total = 0.0;     // CVaR 95 % of the path's unmet summed over cells
    double unmet_total = 0.0, cost_total = 0.0;
    bool cost_present = true;      // false when a spot top-up has no index to price it
};
SampleEvaluation evaluate(const SampleProblem& p, const std::vector<double>& scales);

// Whether the evaluation meets the problem's constraint (with a tolerance of 1e-9 of the
// limit's scale for rounding), and a sentence naming where it fails if not.
bool meets_constraint(const SampleProblem& p, const SampleEvaluation& e, std::string* why = nullptr);

// CVaR at 95 % of n equally likely values: the mean of the worst 5 %, the value straddling
// the 95 % rank counted for its share (the Rockafellar-Uryasev minimum).
double cvar95(std::vector<double> values);

enum class SolveStatus { Optimal, Feasible /* time limit: best found, not proven */, Infeasible, Failed };

struct SolveOutcome {
    SolveStatus status = SolveStatus::Failed;
    std::vector<double> y;       // per candidate, the solver's choice
    double objective = 0.0;      // the solver's E[cost] (money)
    bool mip = false;
    int columns = 0, rows = 0, binaries = 0, integers = 0;
    double seconds = 0.0;
    std::string message;         // the solver's return, for a failure
};

// Builds and solves the problem with GLPK (simplex for an LP, branch and cut for a MIP).
SolveOutcome solve_with_glpk(const SampleProblem& p);

// GLPK's version ("5.0").
std::string glpk_version();

}  // namespace offtake::portfolio
