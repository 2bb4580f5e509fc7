// The deal both sides can sign (issue 15): the least a buyer has to commit, on terms it
// names (a floor price, a prepayment, an equity share, ...), for the lenders' target to
// be met. Every candidate is a full Monte Carlo run on common random numbers: the same
// seed, path indices, price model (loaded once) and scenario origin, so each evaluation
// reads the very same simulated market and differences between candidates are the
// terms' effect, not noise. Formulas, sources and the syntax: docs/negotiation.md.
#pragma once

#include <offtake/deal_file.hpp>
#include <offtake/export.h>
#include <offtake/montecarlo.hpp>
#include <offtake/scorecard.hpp>

#include <optional>
#include <string>
#include <vector>

namespace offtake {

// One term the buyer may move: a numeric parameter path of the deal file (the C API's
// paths, docs/c-api.md) and the range searched, low end first.
struct NegotiationTerm {
    std::string path;        // offtakes[0].pricing.floor
    double low = 0.0, high = 0.0;
};

// "PATH=LO..HI" (numbers as in a deal file: 8000, 2e8, 0.25). UsageError on bad syntax.
OFFTAKE_API NegotiationTerm parse_negotiation_term(const std::string& text);

// One condition of the lenders' target.
struct TargetCondition {
    enum class Kind { Metric, Score, Category };
    Kind kind = Kind::Metric;
    std::string text;        // as written: "p10_dscr_min>=1.30"
    std::string metric;      // Metric: the catalogue name ("dscr_min", "buyers[0].p_shortfall")
    std::string statistic;   // Metric: mean | p5 | p10 | p50 | p90 | p95
    bool at_least = true;    // >= (false: <=)
    double value = 0.0;      // the bound; Category: the category's min_score once bound
    std::string category;    // Category: the name written (Good)
};

// "COND,COND,...", each COND `[STAT_]METRIC>=X`, `METRIC<=X`, `score>=X` or
// `category>=NAME` (docs/negotiation.md). Syntax only; bind_targets() checks the names.
OFFTAKE_API std::vector<TargetCondition> parse_target(const std::string& text);

// The value of one condition at one candidate, with its Monte Carlo standard error.
struct ConditionValue {
    std::optional<double> value;      // absent: the metric does not exist there (fails)
    std::optional<double> std_error;  // absent: not estimated (e.g. a score without debt factors)
    bool met = false;
    // How far from the bound, as a share of it (0 when met): to say how close a
    // candidate came.
    double shortfall = 0.0;
};

// One structure tried: the terms' values and its full run.
struct NegotiationCandidate {
    std::vector<double> terms;             // one per NegotiationTerm, in order
    SimulationResult result;               // the run (debt as the view says)
    std::optional<double> gearing;         // the gearing of the run (re-sized view: sized)
    std::vector<ConditionValue> conditions;
    bool meets = false;                    // every condition met
    double shortfall = 0.0;                // the largest condition shortfall
};

// Debt at each candidate: held at the deal file's gearing (the lender's view: the loan
// on offer does not change) or re-sized to the deal's sizing target (the sponsor's view:
// more support buys more debt).
enum class DebtView { Fixed, Resized };
OFFTAKE_API const char* to_string(DebtView view);  // "fixed (lender's view)" etc.
OFFTAKE_API const char* debt_view_key(DebtView view);  // "fixed" | "resized"

struct NegotiationOptions {
    DebtView debt = DebtView::Fixed;
    DebtSizingOptions sizing;              // the re-sized view's target (default P10 min DSCR >= 1.30)
    // Bisection stops when the bracket is narrower than this share of the range.
    double relative_tolerance = 1.0e-3;
    int max_evaluations = 60;
};

// The lowest (or highest) value of one term that meets the target.
struct ThresholdSearch {
    NegotiationTerm term;
    std::vector<TargetCondition> target;   // bound (categories resolved to scores)
    DebtView debt = DebtView::Fixed;
    // "at_least": the target holds from the threshold up (a floor); "at_most": up to it
    // (more of the term hurts); "whole_range": it holds at both ends (threshold = low end).
    std::string direction;
    double threshold = 0.0;                // the bracket's meeting end
    double bracket_low = 0.0, bracket_high = 0.0;  // the final bracket
    // Monte Carlo error of the threshold: se(metric at the threshold) / |slope|, the
    // slope a secant on common random numbers (docs/negotiation.md section 3).
    std::optional<double> threshold_std_error;
    std::string binding;                   // the condition that fails just past the threshold
    std::optional<double> slope;           // d(binding metric) / d(term) there
    double slope_step = 0.0;               // the secant's half width
    NegotiationCandidate at_threshold;     // the run at the threshold
    std::vector<NegotiationCandidate> evaluations;  // every run, in order (results kept light)
    int runs = 0;
};

// The target could not be met anywhere in the ranges: the best candidate tried and what
// binds there (NegotiationUnreachable::what() says it in words).
class OFFTAKE_API NegotiationUnreachable : public UsageError {
  public:
    NegotiationUnreachable(const std::string& message, NegotiationCandidate best)
        : UsageError(message), best_(std::move(best)) {}
    const NegotiationCandidate& best() const { return best_; }

  private:
    NegotiationCandidate best_;
};

// The deal document with each term set (numbers written so that they read back to the
// same double): what a candidate runs, and what a recommended deal file holds.
OFFTAKE_API DealDocument with_terms(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                                    const std::vector<double>& values);

// Checks terms against the deal (a known, numeric path; both ends within the field's
// own limits; low < high) and the target's names against the catalogue and the
// scorecard; resolves categories to their minimum scores. UsageError naming the term.
OFFTAKE_API void check_terms(const DealDocument& deal, const std::vector<NegotiationTerm>& terms);
OFFTAKE_API std::vector<TargetCondition> bind_targets(const std::vector<TargetCondition>& target,
                                                      const Deal& deal, const MonteCarloOptions& options);

// The options every evaluation of a search uses: seed, paths, price model and origin
// pinned to the deal's (common random numbers), no bands.
OFFTAKE_API MonteCarloOptions negotiation_run_options(const Deal& deal, const MonteCarloOptions& options);

// One candidate: the terms set, the debt as the view says, the run, the conditions.
OFFTAKE_API NegotiationCandidate evaluate_candidate(const DealDocument& deal,
                                                    const std::vector<NegotiationTerm>& terms,
                                                    const std::vector<double>& values,
                                                    const std::vector<TargetCondition>& target,
                                                    const NegotiationOptions& negotiation,
                                                    const MonteCarloOptions& pinned, const Scorecard& card);

// The value and Monte Carlo standard error of one bound condition in a run; `card` is
// the run's scorecard (for the score's error).
OFFTAKE_API ConditionValue condition_value(const TargetCondition& condition, const SimulationResult& result,
                                           const Scorecard& card);

// One term: bracketing and bisection to the threshold, its Monte Carlo error.
// Throws NegotiationUnreachable when no value in the range meets the target.
OFFTAKE_API ThresholdSearch find_threshold(const DealDocument& deal, const NegotiationTerm& term,
                                           const std::vector<TargetCondition>& target,
                                           const NegotiationOptions& negotiation = {},
                                           const MonteCarloOptions& options = {});

}  // namespace offtake

namespace offtake {

// {"kind": "negotiation", "search": "threshold", "term", "target", "debt_view",
//  "direction", "threshold", "threshold_std_error", "bracket", "binding", "slope",
//  "runs", "evaluations": [...], "at_threshold": {"terms", "gearing", "conditions",
//  "result": a Monte Carlo document}} (docs/negotiation.md section 5).
OFFTAKE_API std::string to_json(const ThresholdSearch& search, const Deal* deal = nullptr, int indent = 2);

}  // namespace offtake

namespace offtake {

// --- Several terms: a design over the ranges with Pareto filtering (docs/negotiation.md
// section 8) ------------------------------------------------------------------------------

// The buyer's side of one candidate, for the buyer followed (an offtake's buyer).
struct BuyerSide {
    std::string buyer;
    // Expected cost of its supply against spot: E[invoiced - the same tonnes at the index],
    // money over the deal's life, undiscounted, with its standard error.
    Estimate cost_against_spot;
    // Capital at risk: its prepayment plus, when it also holds equity, the mean equity it
    // puts in (its share of the equity cash flow's negative periods, undiscounted).
    double capital_at_risk = 0.0;
    double prepayment = 0.0;               // its prepayment to the project (0 without one)
    std::optional<double> equity_share;    // its equity share (absent: not an investor)
    Estimate equity_contributed;           // E[equity put in]
    Estimate equity_expected_loss;         // E[max(0, equity put in - equity taken out)]
    Estimate expected_loss;                // E[prepayment lost + equity not returned], path by path
    Estimate p_shortfall;                  // P(some contracted tonnes not delivered)
};

struct DesignPoint {
    NegotiationCandidate candidate;
    BuyerSide buyer;
    bool on_frontier = false;              // no other point is at least as good on every side and better on one
};

enum class BuyerPreference { Cheapest, MostSecure };

// How the structures of a search over several terms are chosen: a grid over the ranges
// (section 8) or NLopt's COBYLA, a derivative-free optimiser under constraints (section 11).
enum class SearchMethod { Grid, Optimiser };

// The optimiser's stopping rule and evaluation budget (docs/negotiation.md section 11).
// The terms are searched on [0, 1] each (the range mapped linearly), so one tolerance
// reads as a share of every range.
struct OptimiserOptions {
    int max_evaluations = 60;         // the evaluation budget: at most this many full runs
    double relative_tolerance = 1e-3; // stop when COBYLA's trust region (its step) is below this share of each range
    double initial_step = 0.25;       // COBYLA's first step, a share of each range
};

// What the optimiser did.
struct OptimiserReport {
    std::string library;              // "NLopt 2.7.1" (the version linked, read at run time)
    std::string algorithm;            // "LN_COBYLA"
    std::string objective;            // "buyer_cost" (cheapest) | "buyer_p_shortfall" (secure)
    std::vector<double> start;        // the first structure tried: the middle of every range
    OptimiserOptions settings;
    int evaluations = 0;              // full runs made (structures tried, each once)
    std::string stop;                 // "tolerance" | "evaluation_budget" | NLopt's code name otherwise
    std::string stop_words;           // the same in words
};

struct DesignSearch {
    std::vector<NegotiationTerm> terms;
    std::vector<TargetCondition> target;
    DebtView debt = DebtView::Fixed;
    int points_per_term = 0;
    std::vector<DesignPoint> points;       // the grid, the first term varying slowest
    BuyerPreference preference = BuyerPreference::Cheapest;
    std::optional<double> budget;          // MostSecure: the most cost against spot accepted
    std::optional<std::size_t> recommended;  // index into points; absent: none meets target (and budget)
    SearchMethod method = SearchMethod::Grid;
    std::optional<OptimiserReport> optimiser;  // the optimiser's account (method Optimiser)
};

// Runs every point of a grid of `points_per_term` values per term (ends included), each
// a full run on common random numbers, and marks the Pareto frontier between the
// buyer's side (cost against spot, expected loss on its capital, P(shortfall): lower is
// better) and the project's (PD, expected loss, lower; P10 min DSCR, score, peak debt:
// higher). `buyer` is an offtake index (its buyer is followed).
OFFTAKE_API DesignSearch search_design(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                                       const std::vector<TargetCondition>& target, int points_per_term,
                                       std::size_t buyer, BuyerPreference preference,
                                       std::optional<double> budget, const NegotiationOptions& negotiation = {},
                                       const MonteCarloOptions& options = {});

// The buyer's preferred structure by NLopt's COBYLA (Powell's Constrained Optimization BY
// Linear Approximations): minimise the buyer's cost (Cheapest: cost against spot plus
// expected loss on its capital) or its P(shortfall) (MostSecure, with cost <= budget as
// one more constraint) subject to every target condition, each evaluation a full run on
// the same common random numbers. `points` holds every structure tried, in order, with
// the frontier among them; `recommended` is the best one that meets the target, by the
// rule of the grid. Stops at the tolerance or the evaluation budget (OptimiserOptions).
OFFTAKE_API DesignSearch search_optimised(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                                          const std::vector<TargetCondition>& target, std::size_t buyer,
                                          BuyerPreference preference, std::optional<double> budget,
                                          const OptimiserOptions& optimiser = {},
                                          const NegotiationOptions& negotiation = {},
                                          const MonteCarloOptions& options = {});

// True when `a` is at least as good as `b` on every objective and better on one.
OFFTAKE_API bool dominates(const DesignPoint& a, const DesignPoint& b);

OFFTAKE_API std::string to_json(const DesignSearch& search, const Deal* deal = nullptr, int indent = 2);

}  // namespace offtake

namespace offtake {

// --- Sensitivity to the price model (docs/negotiation.md section 9) ---------------------

// The structure found, run again under another measure of the same price model (the
// lenders' case against real_world, docs/price-models.md), on the same seed and paths;
// for one term also the threshold searched again under that measure.
struct MeasureSensitivity {
    std::string measure;                       // real_world | lenders_case
    NegotiationCandidate structure;            // the structure found, under this measure
    std::optional<double> threshold, threshold_std_error;
    std::string unreachable;                   // the search's message when no value meets the target
};

// The measures compared: real_world and lenders_case, less the one the search ran on.
OFFTAKE_API std::vector<MeasureSensitivity> measure_sensitivity(
    const DealDocument& deal, const std::vector<NegotiationTerm>& terms, const std::vector<double>& values,
    const std::vector<TargetCondition>& target, const NegotiationOptions& negotiation,
    const MonteCarloOptions& options, bool search_threshold);

// [{"measure", "terms", "meets", "conditions", "p_default", "score", "category",
//   "threshold", "threshold_std_error", "unreachable"}]
OFFTAKE_API std::string sensitivity_json(const std::vector<MeasureSensitivity>& rows,
                                         const std::vector<TargetCondition>& target);

}  // namespace offtake
