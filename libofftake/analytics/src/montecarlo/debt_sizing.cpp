// size_debt(): the largest gearing whose run meets a DSCR percentile target (and an LLCR
// one), by bisection on common random numbers. Bisection needs only that "meets the
// targets" holds below some gearing and fails above it, which is how coverage responds
// to more debt; with the seed and path indices fixed the predicate is deterministic, so
// the bracket shrinks cleanly to the tolerance (docs/monte-carlo.md).
#include "montecarlo/block_runner.hpp"
#include "montecarlo/path_context.hpp"

#include <offtake/deterministic.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <algorithm>

namespace offtake {
namespace {

struct Coverage {
    std::optional<double> dscr, llcr;  // the requested percentiles
    double share_negative_dscr = 0.0;  // of paths with debt service: min DSCR < 0
};

// The deal at a gearing of the tranche sized: the senior debt's (tranche < 0), or that of
// debt.tranches[tranche] (an amount replaced by the gearing).
Deal at_gearing(const Deal& deal, int tranche, double gearing) {
    Deal d = deal;
    if (tranche < 0) {
        d.debt->gearing = gearing;
    } else {
        DebtTranche& t = d.debt->tranches[static_cast<std::size_t>(tranche)];
        t.gearing = gearing;
        t.amount.reset();
    }
    return d;
}

// Only the two quantiles the predicate needs: a light run without bands or buyers. For a
// tranche below the senior debt the DSCR is the minimum total DSCR (senior and
// subordinated service), which that tranche's size moves.
Coverage coverage_at(const Deal& deal, int tranche, double gearing, const DebtSizingOptions& sizing,
                     const MonteCarloOptions& options) {
    using namespace montecarlo;
    const Deal d = at_gearing(deal, tranche, gearing);
    const RunSetup setup = setup_run(d, options);
    const int threads = resolve_threads(options.threads, setup.paths);
    const bool large = setup.paths > QuantileSketch::kDefaultExactCapacity;
    const std::uint64_t cap = large ? kBlockPaths : QuantileSketch::kDefaultExactCapacity;
    struct Acc {
        QuantileSketch dscr, llcr;
        std::uint64_t with_dscr = 0, negative = 0;
    };
    std::vector<std::unique_ptr<PathContext>> contexts;
    for (int w = 0; w < threads; ++w) contexts.push_back(std::make_unique<PathContext>(setup, false));
    const std::uint64_t total_cap = large ? 0 : cap;
    Acc total{QuantileSketch(total_cap), QuantileSketch(total_cap)};
    run_in_blocks<Acc>(
        setup.paths, threads, [&] { return Acc{QuantileSketch(cap), QuantileSketch(cap)}; },
        [&](int w, Acc& acc, std::uint64_t first, std::uint64_t end) {
            auto& ctx = *contexts[static_cast<std::size_t>(w)];
            for (std::uint64_t p = first; p < end; ++p) {
                const auto& r = ctx.run(p);
                const std::optional<double>& dscr = tranche < 0 ? r.dscr_min : r.dscr_total_min;
                if (dscr) {
                    acc.dscr.add(*dscr);
                    ++acc.with_dscr;
                    if (*dscr < 0.0) ++acc.negative;
                }
                if (r.llcr) acc.llcr.add(*r.llcr);
            }
            if (large) {
                acc.dscr.bin_now();
                acc.llcr.bin_now();
            }
        },
        [&](Acc&& b) {
            total.dscr.merge(b.dscr);
            total.llcr.merge(b.llcr);
            total.with_dscr += b.with_dscr;
            total.negative += b.negative;
        },
        ProgressCallback{});
    const double negative =
        total.with_dscr ? static_cast<double>(total.negative) / static_cast<double>(total.with_dscr) : 0.0;
    return Coverage{total.dscr.quantile(sizing.dscr_percentile), total.llcr.quantile(sizing.llcr_percentile),
                    negative};
}

// Absent coverage (no debt service on any path) cannot breach a target.
bool dscr_ok(const Coverage& c, const DebtSizingOptions& s) { return !c.dscr || *c.dscr >= s.target_dscr; }
bool llcr_ok(const Coverage& c, const DebtSizingOptions& s) {
    return !s.target_llcr || !c.llcr || *c.llcr >= *s.target_llcr;
}

}  // namespace

DebtSizingResult size_debt(const Deal& deal, const DebtSizingOptions& sizing, const MonteCarloOptions& options_in) {
    if (!deal.debt) throw UsageError("debt sizing needs a deal with senior debt");
    if (const std::string rule = debt_sizing_rule(sizing); !rule.empty()) throw UsageError("debt sizing: " + rule);
    // Common random numbers: one seed, path count, price model (loaded once) and market
    // origin for every trial; each trial re-prepares the deal, as its gearing changes
    // the debt schedule.
    MonteCarloOptions options = common_random_numbers(deal, options_in);
    if (!options.scenario_start) options.scenario_start = deal.project.time.start;

    // The tranche sized (docs/credit.md section 7): the senior debt, or one named below it,
    // with the others as the deal file has them and the bracket capped so that all
    // tranches together draw at most the construction capex.
    int tranche = -1;
    double hi_cap = sizing.max_gearing;
    if (!sizing.tranche.empty() && sizing.tranche != deal.debt->name) {
        const auto& list = deal.debt->tranches;
        for (std::size_t i = 0; i < list.size(); ++i)
            if (list[i].name == sizing.tranche) tranche = static_cast<int>(i);
        if (tranche < 0) {
            std::string names = "'" + deal.debt->name + "'";
            for (const auto& t : list) names += ", '" + t.name + "'";
            throw UsageError("debt sizing: no tranche named '" + sizing.tranche + "' (the deal's tranches: " + names + ")");
        }
        if (sizing.target_llcr) throw UsageError("debt sizing: the LLCR target is the senior debt's; a tranche below it is sized on the total DSCR alone");
        double capex = 0.0;
        for (double c : deal.project.construction_capex) capex += c;
        double others = deal.debt->gearing;
        for (std::size_t i = 0; i < list.size(); ++i)
            if (static_cast<int>(i) != tranche)
                others += list[i].gearing ? *list[i].gearing : (capex > 0.0 && list[i].amount ? *list[i].amount / capex : 0.0);
        hi_cap = std::min(hi_cap, 1.0 - others);
        if (!(hi_cap > sizing.min_gearing))
            throw UsageError("debt sizing: the other tranches draw " + std::to_string(others) +
                             " of construction capex, which leaves no room for '" + sizing.tranche + "'");
    }

    DebtSizingResult out;
    out.tranche = tranche < 0 ? std::string() : sizing.tranche;
    auto meets = [&](double g, std::string* why) {
        const Coverage c = coverage_at(deal, tranche, g, sizing, options);
        ++out.iterations;
        const bool d = dscr_ok(c, sizing), l = llcr_ok(c, sizing);
        if (why) *why = !d ? "dscr" : !l ? "llcr" : "";
        // The bisection narrows from above, so the last failure is the smallest one.
        if (!(d && l)) {
            out.smallest_failing_gearing = g;
            out.dscr_at_smallest_failing = c.dscr;
            out.llcr_at_smallest_failing = c.llcr;
            out.share_negative_dscr = c.share_negative_dscr;
        }
        return d && l;
    };

    double lo = sizing.min_gearing, hi = hi_cap;
    std::string why;
    if (meets(hi, &why)) {
        out.feasible = true;
        out.gearing = hi;
        out.binding = "max_gearing";
    } else {
        out.binding = why;
        out.feasible = meets(lo, nullptr);
        if (out.feasible) {
            while (hi - lo > sizing.tolerance && out.iterations < sizing.max_iterations) {
                const double mid = 0.5 * (lo + hi);
                std::string w;
                if (meets(mid, &w)) {
                    lo = mid;
                } else {
                    hi = mid;
                    out.binding = w;
                }
            }
        }
        out.gearing = lo;
        // No debt meets any coverage target vacuously (no debt service, no DSCR): a search
        // that ends at zero gearing found no debt that meets it.
        if (out.gearing <= 0.0) out.feasible = false;
    }
    const Deal sized = at_gearing(deal, tranche, out.gearing);
    out.result = simulate(sized, options);
    out.debt = out.result.peak_debt.mean.value_or(0.0);
    if (tranche >= 0) {
        double capex = 0.0;
        for (double c : deal.project.construction_capex) capex += c;
        out.debt = out.gearing * capex;
    }
    // The sized gearing is a share of construction capex (conventions section 7); what
    // lenders call gearing, debt at COD / total funding, comes from the base case at it.
    if (out.gearing > 0.0 && tranche < 0) out.gearing_achieved = run_deterministic(sized).gearing_achieved;
    return out;
}

}  // namespace offtake
