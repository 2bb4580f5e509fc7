// Several terms: a grid over the ranges, each point a full run on common random
// numbers, the buyer's side measured on the same paths, and the Pareto frontier between
// the buyer's side and the project's (docs/negotiation.md section 8).
#include "montecarlo/block_runner.hpp"
#include "montecarlo/path_context.hpp"
#include "negotiation/design_point.hpp"

#include <offtake/errors.hpp>
#include <offtake/metric_catalogue.hpp>
#include <offtake/negotiation.hpp>

#include <algorithm>
#include <cmath>

namespace offtake {
namespace {

// The buyer's side measured on the same paths as the run (same seed, indices, scenario)
// by a light second pass, merged in block order (same bits on any thread count):
// E[invoiced - spot value]; E[equity put in] and E[equity not returned] when the buyer
// also holds equity; E[prepayment lost + equity not returned], its capital lost.
struct BuyerPass {
    RunningMoments cost, equity_in, equity_lost, lost;
    void merge(const BuyerPass& o) {
        cost.merge(o.cost);
        equity_in.merge(o.equity_in);
        equity_lost.merge(o.equity_lost);
        lost.merge(o.lost);
    }
};

BuyerPass buyer_pass(const Deal& deal, const MonteCarloOptions& pinned, std::size_t buyer) {
    using namespace montecarlo;
    const RunSetup setup = setup_run(deal, pinned);
    const int threads = resolve_threads(pinned.threads, setup.paths);
    std::vector<std::unique_ptr<PathContext>> contexts;
    for (int w = 0; w < threads; ++w) contexts.push_back(std::make_unique<PathContext>(setup, false));
    BuyerPass total;
    run_in_blocks<BuyerPass>(
        setup.paths, threads, [] { return BuyerPass{}; },
        [&](int w, BuyerPass& acc, std::uint64_t first, std::uint64_t end) {
            auto& ctx = *contexts[static_cast<std::size_t>(w)];
            for (std::uint64_t p = first; p < end; ++p) {
                const PathResult& r = ctx.run(p);
                if (buyer >= r.buyers.size() || !path_is_finite(r)) continue;
                const BuyerPathResult& b = r.buyers[buyer];
                const double equity_lost = std::max(0.0, b.equity_contributed - b.equity_returned);
                acc.cost.add(b.invoiced - b.spot_value);
                acc.equity_in.add(b.equity_contributed);
                acc.equity_lost.add(equity_lost);
                acc.lost.add(b.prepayment_lost + equity_lost);
            }
        },
        [&](BuyerPass&& b) { total.merge(b); }, ProgressCallback{});
    return total;
}

// Objectives, each oriented so that lower is better; absent values are worst.
std::vector<double> objectives(const DesignPoint& p) {
    const SimulationResult& r = p.candidate.result;
    auto high = [](const std::optional<double>& v) { return v ? -*v : HUGE_VAL; };
    return {p.buyer.cost_against_spot.value,
            p.buyer.expected_loss.value,
            p.buyer.p_shortfall.value,
            r.p_default.value,
            r.expected_loss.value,
            high(r.dscr_min.p10),
            high(r.bankability ? std::optional<double>(r.bankability->score) : std::nullopt),
            high(r.peak_debt.mean)};
}

}  // namespace

bool dominates(const DesignPoint& a, const DesignPoint& b) {
    const auto x = objectives(a), y = objectives(b);
    bool better = false;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (x[i] > y[i]) return false;
        if (x[i] < y[i]) better = true;
    }
    return better;
}

namespace negotiation_detail {

DesignPoint evaluate_design_point(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                                  const std::vector<double>& values, const std::vector<TargetCondition>& target,
                                  const NegotiationOptions& negotiation, const MonteCarloOptions& pinned,
                                  const Scorecard& card, std::size_t buyer) {
    DesignPoint p;
    p.candidate = evaluate_candidate(deal, terms, values, target, negotiation, pinned, card);
    const Deal d = with_terms(deal, terms, values).to_deal();
    Deal run_deal = d;
    if (p.candidate.gearing && run_deal.debt) run_deal.debt->gearing = *p.candidate.gearing;
    const std::string name = d.offtakes.at(buyer).buyer;
    p.buyer.buyer = name;
    const BuyerPass pass = buyer_pass(run_deal, pinned, buyer);
    p.buyer.cost_against_spot = mean_estimate(pass.cost);
    if (d.prepayment && d.prepayment->buyer == name) p.buyer.prepayment = d.prepayment->amount;
    for (const auto& e : d.equity)
        if (e.name == name) p.buyer.equity_share = e.share;
    if (p.buyer.equity_share) {
        p.buyer.equity_contributed = mean_estimate(pass.equity_in);
        p.buyer.equity_expected_loss = mean_estimate(pass.equity_lost);
    }
    p.buyer.capital_at_risk = p.buyer.prepayment + p.buyer.equity_contributed.value;
    p.buyer.expected_loss = mean_estimate(pass.lost);
    const auto& stats = p.candidate.result.buyers;
    if (buyer < stats.size()) p.buyer.p_shortfall = stats[buyer].p_shortfall;
    return p;
}

double buyer_cost(const DesignPoint& p) { return p.buyer.cost_against_spot.value + p.buyer.expected_loss.value; }

void mark_frontier_and_recommend(DesignSearch& out) {
    for (auto& p : out.points) {
        p.on_frontier = true;
        for (const auto& q : out.points)
            if (&q != &p && dominates(q, p)) {
                p.on_frontier = false;
                break;
            }
    }
    // The recommendation: among the points that meet the target (and the budget),
    // the cheapest for the buyer (cost against spot plus expected loss on its capital),
    // or the one with the least P(shortfall), ties to the cheaper.
    const auto cost = buyer_cost;
    out.recommended.reset();
    for (std::size_t k = 0; k < out.points.size(); ++k) {
        const DesignPoint& p = out.points[k];
        if (!p.candidate.meets) continue;
        if (out.preference == BuyerPreference::MostSecure && out.budget && cost(p) > *out.budget) continue;
        if (!out.recommended) {
            out.recommended = k;
            continue;
        }
        const DesignPoint& r = out.points[*out.recommended];
        const bool better = out.preference == BuyerPreference::Cheapest
                                ? cost(p) < cost(r)
                                : (p.buyer.p_shortfall.value < r.buyer.p_shortfall.value ||
                                   (p.buyer.p_shortfall.value == r.buyer.p_shortfall.value && cost(p) < cost(r)));
        if (better) out.recommended = k;
    }
}

SearchSetup open_search(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                        const std::vector<TargetCondition>& target, std::size_t buyer, BuyerPreference preference,
                        std::optional<double> budget, const NegotiationOptions& negotiation,
                        const MonteCarloOptions& options, DesignSearch& out) {
    const Deal base = deal.to_deal();
    if (buyer >= base.offtakes.size()) throw UsageError("the deal has no offtake to follow the buyer of");
    MonteCarloOptions pinned = negotiation_run_options(base, options);
    Scorecard card = montecarlo::scorecard_for(pinned);
    out.terms = terms;
    out.debt = negotiation.debt;
    out.preference = preference;
    out.budget = budget;
    out.target = bind_targets(target, base, pinned);
    return SearchSetup{std::move(pinned), std::move(card)};
}

}  // namespace negotiation_detail

DesignSearch search_design(const DealDocument& deal, const std::vector<NegotiationTerm>& terms,
                           const std::vector<TargetCondition>& target_in, int points_per_term, std::size_t buyer,
                           BuyerPreference preference, std::optional<double> budget,
                           const NegotiationOptions& negotiation, const MonteCarloOptions& options) {
    check_terms(deal, terms);
    if (points_per_term < 2 || points_per_term > 50) throw UsageError("--points must be from 2 to 50");
    double total = 1.0;
    for (std::size_t i = 0; i < terms.size(); ++i) total *= points_per_term;
    if (total > 2500) throw UsageError("the design has more than 2,500 points: fewer --points or fewer terms");
    DesignSearch out;
    out.points_per_term = points_per_term;
    const negotiation_detail::SearchSetup setup =
        negotiation_detail::open_search(deal, terms, target_in, buyer, preference, budget, negotiation, options, out);
    const MonteCarloOptions& pinned = setup.pinned;
    const Scorecard& card = setup.card;

    const std::size_t n = static_cast<std::size_t>(total);
    for (std::size_t k = 0; k < n; ++k) {
        std::vector<double> values(terms.size());
        std::size_t rest = k;
        for (std::size_t i = terms.size(); i-- > 0;) {
            const std::size_t j = rest % static_cast<std::size_t>(points_per_term);
            rest /= static_cast<std::size_t>(points_per_term);
            const double f = static_cast<double>(j) / (points_per_term - 1);
            values[i] = j + 1 == static_cast<std::size_t>(points_per_term) ? terms[i].high
                                                                           : terms[i].low + f * (terms[i].high - terms[i].low);
        }
        out.points.push_back(negotiation_detail::evaluate_design_point(deal, terms, values, out.target, negotiation,
                                                                       pinned, card, buyer));
    }
    negotiation_detail::mark_frontier_and_recommend(out);
    return out;
}

}  // namespace offtake
