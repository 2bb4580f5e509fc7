// Several terms by a derivative-free optimiser (docs/negotiation.md section 11): NLopt's
// COBYLA minimises the buyer's cost (or its P(shortfall) within a budget) subject to the
// lenders' target, every evaluation a full run on the same common random numbers.
//
// Why COBYLA: it is NLopt's derivative-free local algorithm that takes general
// inequality constraints directly (the target's conditions), and it keeps every point
// it evaluates inside the bounds (NLopt's guarantee). It is deterministic: its simplex
// steps use a fixed-seed generator of its own, so the same request gives the same
// sequence of structures, hence the same bits, on any thread count. On common random
// numbers the objective and the conditions are deterministic functions of the terms;
// with N paths a probability moves in steps of 1 / N, so below a step of the order of
// one path's worth the linear models see noise-free but flat pieces: the tolerance
// should not be set far below what the paths resolve.
//
// The C library is called, not its C++ wrapper: an exception must not cross NLopt's C
// frames, so the callbacks catch everything, stop the optimiser and the exception is
// rethrown once NLopt has returned.
#include "montecarlo/path_context.hpp"
#include "negotiation/design_point.hpp"

#include <offtake/errors.hpp>
#include <offtake/negotiation.hpp>

#include <fmt/format.h>
#include <nlopt.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <stdexcept>

namespace offtake {
namespace {

struct OptimiserState {
    const DealDocument* deal = nullptr;
    const std::vector<NegotiationTerm>* terms = nullptr;
    const NegotiationOptions* negotiation = nullptr;
    const MonteCarloOptions* pinned = nullptr;
    const Scorecard* card = nullptr;
    std::size_t buyer = 0;
    DesignSearch* out = nullptr;
    int budget_runs = 0;
    nlopt_opt opt = nullptr;
    std::map<std::vector<double>, std::size_t> seen;  // unit-scaled terms -> index into out->points
    double objective_scale = 1.0, budget_scale = 1.0;
    bool scales_set = false;
    std::exception_ptr error;
    bool budget_exhausted = false;
};

std::vector<double> to_terms(const std::vector<NegotiationTerm>& terms, const double* u) {
    std::vector<double> v(terms.size());
    for (std::size_t i = 0; i < terms.size(); ++i) {
        const double x = std::min(1.0, std::max(0.0, u[i]));  // NLopt keeps inside; rounding may not
        v[i] = x >= 1.0 ? terms[i].high : terms[i].low + x * (terms[i].high - terms[i].low);
    }
    return v;
}

// The structure at the unit-scaled point u, run once: COBYLA asks for the objective and
// then the constraints at the same point, and may come back to a point.
const DesignPoint* point_at(OptimiserState& s, const double* u) {
    std::vector<double> key(u, u + s.terms->size());
    const auto it = s.seen.find(key);
    if (it != s.seen.end()) return &s.out->points[it->second];
    if (static_cast<int>(s.out->points.size()) >= s.budget_runs) {
        s.budget_exhausted = true;
        nlopt_force_stop(s.opt);
        return nullptr;
    }
    DesignPoint p = negotiation_detail::evaluate_design_point(*s.deal, *s.terms, to_terms(*s.terms, u), s.out->target,
                                                             *s.negotiation, *s.pinned, *s.card, s.buyer);
    if (p.candidate.result.cancelled) {
        s.out->points.push_back(std::move(p));
        nlopt_force_stop(s.opt);
        return nullptr;
    }
    s.out->points.push_back(std::move(p));
    s.seen.emplace(std::move(key), s.out->points.size() - 1);
    const DesignPoint& q = s.out->points.back();
    if (!s.scales_set) {
        // One fixed scale per function for the whole search (COBYLA compares the
        // objective's changes with the constraints'): the start's magnitude.
        const double c = std::fabs(negotiation_detail::buyer_cost(q));
        s.objective_scale = s.out->preference == BuyerPreference::Cheapest ? (c > 0.0 ? c : 1.0) : 1.0;
        s.budget_scale = s.out->budget && std::fabs(*s.out->budget) > 0.0 ? std::fabs(*s.out->budget) : (c > 0.0 ? c : 1.0);
        s.scales_set = true;
    }
    return &q;
}

double objective(unsigned, const double* u, double*, void* data) {
    auto& s = *static_cast<OptimiserState*>(data);
    try {
        const DesignPoint* p = point_at(s, u);
        if (!p) return HUGE_VAL;
        return s.out->preference == BuyerPreference::Cheapest ? negotiation_detail::buyer_cost(*p) / s.objective_scale
                                                              : p->buyer.p_shortfall.value;
    } catch (...) {
        s.error = std::current_exception();
        nlopt_force_stop(s.opt);
        return HUGE_VAL;
    }
}

// One value per target condition, <= 0 exactly when the condition is met: the signed gap
// to the bound over |bound| (1 for a bound of 0); then, with a budget, cost - budget.
void constraints(unsigned m, double* g, unsigned, const double* u, double*, void* data) {
    auto& s = *static_cast<OptimiserState*>(data);
    try {
        for (unsigned i = 0; i < m; ++i) g[i] = HUGE_VAL;
        const DesignPoint* p = point_at(s, u);
        if (!p) return;
        const auto& target = s.out->target;
        for (std::size_t i = 0; i < target.size(); ++i) {
            const ConditionValue& c = p->candidate.conditions[i];
            if (!c.value) {
                g[i] = 1.0e3;  // the metric does not exist there: far from met
                continue;
            }
            const double scale = std::fabs(target[i].value) > 0.0 ? std::fabs(target[i].value) : 1.0;
            const double gap = target[i].at_least ? target[i].value - *c.value : *c.value - target[i].value;
            // A met condition reads <= 0 even where rounding in the division could not.
            g[i] = c.met ? std::min(0.0, gap / scale) : std::max(gap / scale, 1e-15);
        }
        if (target.size() < m)
            g[target.size()] = (negotiation_detail::buyer_cost(*p) - *s.out->budget) / s.budget_scale;
    } catch (...) {
        s.error = std::current_exception();
        nlopt_force_stop(s.opt);
    }
}

struct OptDeleter {
    void operator()(nlopt_opt o) const { nlopt_destroy(o); }
};

const char* stop_name(nlopt_result r) {
    switch (r) {
        case NLOPT_XTOL_REACHED: return "tolerance";
        case NLOPT_MAXEVAL_REACHED: return "evaluation_budget";
        case NLOPT_SUCCESS: return "success";
        case NLOPT_STOPVAL_REACHED: return "stopval_reached";
        case NLOPT_FTOL_REACHED: return "ftol_reached";
        case NLOPT_MAXTIME_REACHED: return "maxtime_reached";
        case NLOPT_ROUNDOFF_LIMITED: return "roundoff_limited";
        case NLOPT_FORCED_STOP: return "forced_stop";
        case NLOPT_OUT_OF_MEMORY: return "out_of_memory";
        case NLOPT_INVALID_ARGS: return "invalid_args";
        default: return "failure";
    }
}

}  // namespace

DesignSearch search_optimised(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                              const std::vector<TargetCondition>& target_in, std::size_t buyer,
                              BuyerPreference preference, std::optional<double> budget,
                              const OptimiserOptions& settings, const NegotiationOptions& negotiation,
                              const MonteCarloOptions& options) {
    check_terms(deal, terms);
    if (settings.max_evaluations < 2 || settings.max_evaluations > 2500)
        throw UsageError("--max-evaluations must be from 2 to 2,500");
    if (!(settings.relative_tolerance >= 1.0e-6 && settings.relative_tolerance <= 0.1))
        throw UsageError("--tolerance must be from 1e-6 to 0.1 (a share of each range)");
    if (!(settings.initial_step > 0.0 && settings.initial_step <= 0.5))
        throw UsageError("the optimiser's initial step must be above 0 and at most 0.5 of each range");
    if (preference == BuyerPreference::MostSecure && !budget)
        throw UsageError("--prefer secure with --search nlopt needs a --budget (the most the buyer's cost may be)");
    DesignSearch out;
    out.method = SearchMethod::Optimiser;
    const negotiation_detail::SearchSetup setup =
        negotiation_detail::open_search(deal, terms, target_in, buyer, preference, budget, negotiation, options, out);
    const MonteCarloOptions& pinned = setup.pinned;
    const Scorecard& card = setup.card;

    const unsigned n = static_cast<unsigned>(terms.size());
    std::unique_ptr<nlopt_opt_s, OptDeleter> opt(nlopt_create(NLOPT_LN_COBYLA, n));
    if (!opt) throw std::runtime_error("NLopt could not create its COBYLA optimiser");
    OptimiserState state;
    state.deal = &deal;
    state.terms = &terms;
    state.negotiation = &negotiation;
    state.pinned = &pinned;
    state.card = &card;
    state.buyer = buyer;
    state.out = &out;
    state.budget_runs = settings.max_evaluations;
    state.opt = opt.get();

    const std::vector<double> lower(n, 0.0), upper(n, 1.0), step(n, settings.initial_step),
        xtol(n, settings.relative_tolerance);
    const unsigned m = static_cast<unsigned>(out.target.size()) + (preference == BuyerPreference::MostSecure ? 1u : 0u);
    const std::vector<double> ctol(m, 0.0);
    nlopt_set_lower_bounds(opt.get(), lower.data());
    nlopt_set_upper_bounds(opt.get(), upper.data());
    nlopt_set_min_objective(opt.get(), objective, &state);
    nlopt_add_inequality_mconstraint(opt.get(), m, constraints, &state, ctol.data());
    nlopt_set_xtol_abs(opt.get(), xtol.data());
    // NLopt counts calls; a point asked for twice is run once (point_at), and the budget
    // on full runs is enforced there too.
    nlopt_set_maxeval(opt.get(), settings.max_evaluations);
    nlopt_set_initial_step(opt.get(), step.data());

    std::vector<double> u(n, 0.5);  // the middle of every range
    double minimum = 0.0;
    const nlopt_result r = nlopt_optimize(opt.get(), u.data(), &minimum);
    if (state.error) std::rethrow_exception(state.error);

    OptimiserReport report;
    int major = 0, minor = 0, bugfix = 0;
    nlopt_version(&major, &minor, &bugfix);
    report.library = fmt::format("NLopt {}.{}.{}", major, minor, bugfix);
    report.algorithm = "LN_COBYLA";
    report.objective = preference == BuyerPreference::Cheapest ? "buyer_cost" : "buyer_p_shortfall";
    report.start = to_terms(terms, std::vector<double>(n, 0.5).data());
    report.settings = settings;
    report.evaluations = static_cast<int>(out.points.size());
    if (state.budget_exhausted || r == NLOPT_MAXEVAL_REACHED) {
        report.stop = "evaluation_budget";
        report.stop_words = fmt::format("the evaluation budget ({} runs) was spent", settings.max_evaluations);
    } else if (r == NLOPT_XTOL_REACHED) {
        report.stop = "tolerance";
        report.stop_words = fmt::format("the step fell below the tolerance ({:g} of each range)", settings.relative_tolerance);
    } else if (r == NLOPT_FORCED_STOP && !out.points.empty() && out.points.back().candidate.result.cancelled) {
        report.stop = "cancelled";
        report.stop_words = "the run was cancelled";
    } else {
        report.stop = stop_name(r);
        report.stop_words = fmt::format("NLopt returned {}", stop_name(r));
    }
    out.optimiser = std::move(report);
    negotiation_detail::mark_frontier_and_recommend(out);
    return out;
}

}  // namespace offtake
