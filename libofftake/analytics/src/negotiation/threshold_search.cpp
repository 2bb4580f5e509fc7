// One term: the least (or most) of it that meets the lenders' target, by bracketing and
// bisection on common random numbers, and the Monte Carlo error of that threshold
// (docs/negotiation.md sections 2 and 3).
//
// With the seed, path indices, price model and origin fixed, "meets the target" is a
// deterministic function of the term, so bisection converges cleanly; what remains
// uncertain is the Monte Carlo error of the run itself. Linearising the binding metric
// m around the threshold t*, an estimate m^(t) = m(t) + e with se(e) = s crosses the
// bound at t^ = t* - e / m'(t*), so se(t^) = s / |m'(t*)|: the run's own standard error
// of the metric at the threshold over the metric's slope there, the slope measured as a
// secant on the same paths (its noise is the noise of a paired difference, far smaller).
#include "montecarlo/path_context.hpp"

#include <offtake/errors.hpp>
#include <offtake/negotiation.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace offtake {

const char* to_string(DebtView view) {
    return view == DebtView::Fixed ? "held fixed (lender's view)" : "re-sized at each candidate (sponsor's view)";
}
const char* debt_view_key(DebtView view) { return view == DebtView::Fixed ? "fixed" : "resized"; }

MonteCarloOptions negotiation_run_options(const Deal& deal, const MonteCarloOptions& options) {
    MonteCarloOptions pinned = common_random_numbers(deal, options);
    // One market origin for every candidate: a term that moves a date (a contract's
    // start) still reads the same price on each calendar date.
    if (!pinned.scenario_start) pinned.scenario_start = deal.project.time.start;
    pinned.collect_bands = false;
    pinned.score = true;
    return pinned;
}

NegotiationCandidate evaluate_candidate(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                                        const std::vector<double>& values, const std::vector<TargetCondition>& target,
                                        const NegotiationOptions& negotiation, const MonteCarloOptions& pinned,
                                        const Scorecard& card) {
    NegotiationCandidate c;
    c.terms = values;
    const Deal d = with_terms(deal, terms, values).to_deal();
    if (negotiation.debt == DebtView::Resized) {
        if (!d.debt) throw UsageError("the sponsor's view re-sizes senior debt: the deal needs a `debt` section");
        DebtSizingResult s = size_debt(d, negotiation.sizing, pinned);
        c.gearing = s.gearing;
        c.result = std::move(s.result);
    } else {
        if (d.debt) c.gearing = d.debt->gearing;
        c.result = simulate(d, pinned);
    }
    for (const auto& t : target) {
        c.conditions.push_back(condition_value(t, c.result, card));
        c.shortfall = std::max(c.shortfall, c.conditions.back().shortfall);
    }
    c.meets = std::all_of(c.conditions.begin(), c.conditions.end(), [](const ConditionValue& v) { return v.met; });
    return c;
}

namespace {

std::string describe_condition(const TargetCondition& t, const ConditionValue& v) {
    const std::string bound = t.kind == TargetCondition::Kind::Category
                                  ? fmt::format("{} (score >= {:g})", t.category, t.value)
                                  : fmt::format("{:g}", t.value);
    const std::string name = t.kind == TargetCondition::Kind::Category ? "score" : t.text.substr(0, t.text.find_first_of("<>"));
    return fmt::format("{} = {} (needs {} {})", name, v.value ? fmt::format("{:.4g}", *v.value) : "no value",
                       t.at_least ? ">=" : "<=", bound);
}

}  // namespace

ThresholdSearch find_threshold(const DealDocument& deal, const NegotiationTerm& term,
                               const std::vector<TargetCondition>& target_in, const NegotiationOptions& negotiation,
                               const MonteCarloOptions& options) {
    const std::vector<NegotiationTerm> terms{term};
    check_terms(deal, terms);
    const Deal base = deal.to_deal();
    const MonteCarloOptions pinned = negotiation_run_options(base, options);
    ThresholdSearch out;
    out.term = term;
    out.debt = negotiation.debt;
    out.target = bind_targets(target_in, base, pinned);
    const Scorecard card = montecarlo::scorecard_for(pinned);

    auto run = [&](double x) {
        NegotiationCandidate c = evaluate_candidate(deal, terms, {x}, out.target, negotiation, pinned, card);
        ++out.runs;
        NegotiationCandidate light = c;
        light.result.buyers.clear();  // the trace keeps the conditions, not every statistic
        out.evaluations.push_back(std::move(light));
        return c;
    };
    NegotiationCandidate at_low = run(term.low), at_high = run(term.high);
    double lo = term.low, hi = term.high;  // lo: failing end, hi: meeting end (at_least)
    NegotiationCandidate meet, fail;
    if (at_low.meets && at_high.meets) {
        out.direction = "whole_range";
        out.threshold = term.low;
        out.bracket_low = out.bracket_high = term.low;
        out.at_threshold = std::move(at_low);
        return out;
    }
    if (at_high.meets) {
        out.direction = "at_least";
        meet = std::move(at_high);
        fail = std::move(at_low);
    } else if (at_low.meets) {
        out.direction = "at_most";
        std::swap(lo, hi);
        meet = std::move(at_low);
        fail = std::move(at_high);
    } else {
        // Neither end: look inside (the target may hold only in the middle) before
        // calling it unreachable.
        std::optional<NegotiationCandidate> inside;
        NegotiationCandidate best = at_low.shortfall <= at_high.shortfall ? at_low : at_high;
        for (const double f : {0.5, 0.25, 0.75}) {
            NegotiationCandidate c = run(term.low + f * (term.high - term.low));
            if (c.meets) {
                inside = std::move(c);
                break;
            }
            if (c.shortfall < best.shortfall) best = std::move(c);
        }
        if (!inside) {
            std::string why;
            for (std::size_t i = 0; i < out.target.size(); ++i)
                if (!best.conditions[i].met) why += (why.empty() ? "" : "; ") + describe_condition(out.target[i], best.conditions[i]);
            // The message first: the candidate is moved into the exception after.
            const std::string message =
                fmt::format("the target is not reached anywhere in {}={:g}..{:g} (debt {}): the best candidate tried, "
                            "{}={:g}, still misses {}",
                            term.path, term.low, term.high, to_string(negotiation.debt), term.path, best.terms[0], why);
            throw NegotiationUnreachable(message, std::move(best));
        }
        out.direction = "at_least";
        hi = inside->terms[0];
        meet = std::move(*inside);
        fail = std::move(at_low);
    }

    // Bisection between the failing end `lo` and the meeting end `hi`.
    const double tolerance = negotiation.relative_tolerance * (term.high - term.low);
    while (std::fabs(hi - lo) > tolerance && out.runs < negotiation.max_evaluations) {
        const double mid = 0.5 * (lo + hi);
        NegotiationCandidate c = run(mid);
        if (c.meets) {
            hi = mid;
            meet = std::move(c);
        } else {
            lo = mid;
            fail = std::move(c);
        }
    }
    out.threshold = hi;
    out.bracket_low = std::min(lo, hi);
    out.bracket_high = std::max(lo, hi);

    // The binding condition: met at the threshold, failed just past it (the largest
    // shortfall there if several fail).
    std::size_t binding = 0;
    double worst = -1.0;
    for (std::size_t i = 0; i < out.target.size(); ++i)
        if (!fail.conditions[i].met && fail.conditions[i].shortfall > worst) {
            worst = fail.conditions[i].shortfall;
            binding = i;
        }
    out.binding = out.target[binding].text;

    // Slope of the binding metric at the threshold: a secant on the same paths, its
    // half width h doubled until the metric moves by at least 4 of its standard errors
    // (so the secant is not one path flipping), at most four times.
    const ConditionValue& here = meet.conditions[binding];
    const double range = term.high - term.low;
    double h = std::max(0.02 * range, 10.0 * tolerance);
    for (int attempt = 0; attempt < 4 && here.value && here.std_error; ++attempt) {
        const double a = std::max(term.low, out.threshold - h), b = std::min(term.high, out.threshold + h);
        const NegotiationCandidate ca = run(a), cb = run(b);
        const auto& va = ca.conditions[binding].value;
        const auto& vb = cb.conditions[binding].value;
        if (va && vb && b > a) {
            out.slope = (*vb - *va) / (b - a);
            out.slope_step = 0.5 * (b - a);
            if (std::fabs(*vb - *va) >= 4.0 * *here.std_error) break;
        }
        h *= 2.0;
    }
    if (out.slope && *out.slope != 0.0 && here.std_error) out.threshold_std_error = *here.std_error / std::fabs(*out.slope);
    out.at_threshold = std::move(meet);
    return out;
}

}  // namespace offtake
