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

namespace offtake {
namespace {

struct Coverage {
    std::optional<double> dscr, llcr;  // the requested percentiles
    double share_negative_dscr = 0.0;  // of paths with debt service: min DSCR < 0
};

// Only the two quantiles the predicate needs: a light run without bands or buyers.
Coverage coverage_at(const Deal& deal, double gearing, const DebtSizingOptions& sizing, const MonteCarloOptions& options) {
    using namespace montecarlo;
    Deal d = deal;
    d.debt->gearing = gearing;
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
                if (r.dscr_min) {
                    acc.dscr.add(*r.dscr_min);
                    ++acc.with_dscr;
                    if (*r.dscr_min < 0.0) ++acc.negative;
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

    DebtSizingResult out;
    auto meets = [&](double g, std::string* why) {
        const Coverage c = coverage_at(deal, g, sizing, options);
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

    double lo = sizing.min_gearing, hi = sizing.max_gearing;
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
    Deal sized = deal;
    sized.debt->gearing = out.gearing;
    out.result = simulate(sized, options);
    out.debt = out.result.peak_debt.mean.value_or(0.0);
    // The sized gearing is a share of construction capex (conventions section 7); what
    // lenders call gearing, debt at COD / total funding, comes from the base case at it.
    if (out.gearing > 0.0) out.gearing_achieved = run_deterministic(sized).gearing_achieved;
    return out;
}

}  // namespace offtake
