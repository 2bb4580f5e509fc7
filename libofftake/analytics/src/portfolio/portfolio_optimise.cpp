// optimise_portfolio(): the sample-average problem of docs/portfolio.md section 5d.
//
// 1. One run of every signed position and every candidate (each at its largest volume)
//    on the sample's paths, recording per path and (product, year) cell each project's
//    buyer tonnes, invoices and the index (portfolio_views.hpp, SampleCapture).
// 2. The problem on those numbers, a candidate's tonnes and invoices scaled linearly in
//    its volume (ASSUMPTION), solved by GLPK (glpk_model.cpp) after checking that the
//    largest volumes meet the constraint at all.
// 3. The chosen volumes run exactly (each candidate's deal at its chosen volume) on the
//    same paths, which checks the scaling, and on independent paths (seed + 1: another
//    Philox key, so streams that share no draw with the sample's).
#include <offtake/portfolio_optimise.hpp>

#include <offtake/errors.hpp>

#include "portfolio/portfolio_views.hpp"
#include "portfolio/sample_average.hpp"
#include "portfolio/supply_plan.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <limits>

namespace offtake {

namespace {

using portfolio::SampleCapture;
using portfolio::SampleProblem;
using portfolio::ViewSpec;

// The candidate with its offered offtake at `tpa` tonnes a year.
PortfolioPosition at_volume(PortfolioPosition c, double tpa) {
    for (auto& o : c.deal.offtakes)
        if (o.buyer == c.offtakes.front()) o.volume_tpa = tpa;
    return c;
}

std::vector<PortfolioPosition> with_candidates(const Portfolio& pf, const std::vector<double>& tpa) {
    std::vector<PortfolioPosition> projects = pf.positions;
    for (std::size_t c = 0; c < pf.candidates.size(); ++c) projects.push_back(at_volume(pf.candidates[c], tpa[c]));
    return projects;
}

std::vector<std::size_t> first(std::size_t n) {
    std::vector<std::size_t> v(n);
    for (std::size_t k = 0; k < n; ++k) v[k] = k;
    return v;
}

OptimiseMeasures measures_of(const portfolio::ViewOutcome& v, double nan_cost) {
    OptimiseMeasures m;
    for (const auto& p : v.products)
        for (const auto& y : p.years) {
            m.p_shortfall.push_back(y.p_shortfall.empty() ? 0.0 : y.p_shortfall.front().value);
            m.cvar95_unmet.push_back(y.cvar95_unmet.value_or(0.0));
            m.unmet.push_back(y.unmet.mean.value_or(0.0));
            m.cost.push_back(y.total_cost.mean.value_or(nan_cost));
            if (!y.total_cost.mean || y.total_cost.absent > 0) m.cost_present = false;
        }
    m.p_shortfall_average = v.headline.p_shortfall.value;
    m.cvar95_unmet_total = v.cvar95_unmet_total.value_or(0.0);
    m.unmet_total = v.headline.unmet_tonnes.value;
    m.cost_total = v.headline.total_cost.value;
    return m;
}

OptimiseMeasures measures_of(const portfolio::SampleEvaluation& e) {
    OptimiseMeasures m;
    m.p_shortfall = e.p_short;
    m.cvar95_unmet = e.cvar95;
    m.unmet = e.unmet;
    m.cost = e.cost;
    m.p_shortfall_average = e.p_short_average;
    m.cvar95_unmet_total = e.cvar95_total;
    m.unmet_total = e.unmet_total;
    m.cost_total = e.cost_total;
    m.cost_present = e.cost_present;
    return m;
}

}  // namespace

OptimiseResult optimise_portfolio(const Portfolio& pf, const MonteCarloOptions& options_in,
                                  std::uint64_t out_of_sample_paths) {
    const auto started = std::chrono::steady_clock::now();
    if (!pf.optimise) throw UsageError("the portfolio file states no optimise section: nothing to optimise");
    if (pf.candidates.empty()) throw UsageError("the optimiser chooses candidates' volumes: the portfolio has none");
    if (pf.positions.empty()) throw UsageError("a portfolio needs at least one position");
    const OptimiseSpec& spec = *pf.optimise;
    MonteCarloOptions options = portfolio_options(pf, options_in);
    options.collect_bands = false;
    options.score = false;  // the projects' bankability is not the optimiser's concern
    const std::size_t n_signed = pf.positions.size(), m = pf.candidates.size();

    // 1. The sample, every candidate at its largest volume.
    std::vector<double> max_tpa, min_tpa;
    for (const auto& c : pf.candidates) {
        max_tpa.push_back(c.volume->max_tpa);
        min_tpa.push_back(c.volume->min_tpa);
    }
    const std::vector<PortfolioPosition> at_max = with_candidates(pf, max_tpa);
    MonteCarloOptions sample_options = options;
    sample_options.paths = static_cast<std::uint64_t>(spec.paths);
    sample_options.progress = {};
    SampleCapture capture;
    capture.paths = static_cast<std::uint64_t>(spec.paths);
    const std::vector<std::size_t> signed_members = first(n_signed), all_members = first(n_signed + m);
    const portfolio::ViewsRun sample =
        portfolio::run_views(pf, at_max, {{signed_members, -1}}, {}, sample_options, &capture);
    if (sample.cancelled) throw UsageError("the optimiser's sample run was cancelled");
    const std::uint64_t seed = sample.seed;

    // 2. The problem.
    SampleProblem p;
    p.paths = capture.paths;
    p.cells = capture.cells;
    p.candidates = m;
    p.spec = spec;
    p.spot_share = pf.spot.max_share;
    p.premium = pf.spot.shortage_premium;
    const double x = pf.report.shortfall_thresholds.front();
    p.threshold = x > 0.0 ? x : 1e-9;
    for (const auto& need : pf.needs)
        for (const auto& y : need.years) {
            p.need.push_back(y.tonnes);
            p.cell_names.push_back(fmt::format("{} {}", to_string(need.product), y.year));
        }
    const std::size_t K = p.cells, n = p.paths;
    p.base_delivered.assign(n * K, 0.0);
    p.base_invoiced.assign(n * K, 0.0);
    p.index.assign(n * K, 0.0);
    p.has_index.assign(n * K, 0);
    p.spot_available.assign(n * K, 1.0);
    p.delivered.assign(n * K * m, 0.0);
    p.invoiced.assign(n * K * m, 0.0);
    OptimiseResult out;
    for (std::size_t s = 0; s < n; ++s)
        for (std::size_t i = 0; i < K; ++i) {
            const std::size_t at = s * K + i;
            double weighted = 0.0, weight = 0.0;
            for (std::size_t k = 0; k < n_signed + m; ++k) {
                const portfolio::CellPath& v = capture.at(s, k, i);
                weighted += v.index_weighted;
                weight += v.index_weight;
                if (k < n_signed) {
                    p.base_delivered[at] += v.delivered;
                    p.base_invoiced[at] += v.invoiced;
                } else {
                    p.delivered[at * m + (k - n_signed)] = v.delivered;
                    p.invoiced[at * m + (k - n_signed)] = v.invoiced;
                    if (v.contracted > 0.0) {
                        ++out.cells_contracted;
                        if (v.delivered < v.contracted * (1.0 - 1e-9)) ++out.cells_short_at_max;
                    }
                }
            }
            p.spot_available[at] = capture.at(s, 0, i).spot_available;
            if (weight > 0.0) {
                p.index[at] = weighted / weight;
                p.has_index[at] = 1;
            }
        }
    for (std::size_t c = 0; c < m; ++c) {
        const double hi = max_tpa[c], lo = min_tpa[c];
        if (spec.volume_step > 0.0) {
            p.a.push_back(lo / hi);
            p.b.push_back(spec.volume_step / hi);
            p.lo.push_back(0.0);
            p.hi.push_back(std::floor((hi - lo) / spec.volume_step + 1e-9));
            p.integer.push_back(1);
        } else {
            p.a.push_back(0.0);
            p.b.push_back(1.0);
            p.lo.push_back(lo / hi);
            p.hi.push_back(1.0);
            p.integer.push_back(0);
        }
    }
    auto scales_of = [&](const std::vector<double>& y) {
        std::vector<double> s(m);
        for (std::size_t c = 0; c < m; ++c) s[c] = p.scale(c, y[c]);
        return s;
    };
    const std::string limit_text = spec.measure == OptimiseMeasure::PShortfall
                                       ? fmt::format("P(shortfall) at most {:.2f} %", 100 * spec.max)
                                       : fmt::format("CVaR 95 % of unmet tonnes at most {} t", spec.max);
    // Unmet tonnes fall as volumes rise, so the largest volumes are the most a choice can
    // do: if they miss the constraint, nothing within the bounds meets it.
    {
        std::string why;
        const auto largest = portfolio::evaluate(p, scales_of(p.hi));
        if (!portfolio::meets_constraint(p, largest, &why))
            throw OptimiseInfeasible(fmt::format(
                "the optimiser's constraint ({}{}) cannot be met: with every candidate at its largest volume {} on "
                "the {} sample paths (seed {})",
                limit_text, spec.over == OptimiseScope::EachYear ? " in each need year" : " over all need years", why,
                n, seed));
    }
    const portfolio::SolveOutcome solved = portfolio::solve_with_glpk(p);
    if (solved.status == portfolio::SolveStatus::Infeasible)
        throw OptimiseInfeasible(fmt::format("GLPK finds no volumes within the bounds that meet {} on the {} sample "
                                             "paths (seed {})",
                                             limit_text, n, seed));
    if (solved.status == portfolio::SolveStatus::Failed)
        throw UsageError("the optimiser's solver failed: " + solved.message);

    out.buyer = pf.buyer;
    out.source = pf.source;
    out.currency = pf.currency;
    out.spec = spec;
    out.spot = pf.spot;
    out.report = pf.report;
    out.threshold = x;
    out.cells = p.cell_names;
    out.need = p.need;
    out.sample_paths = n;
    out.seed = seed;
    out.mip = solved.mip;
    out.columns = solved.columns;
    out.rows = solved.rows;
    out.binaries = solved.binaries;
    out.integers = solved.integers;
    out.solver = "GLPK " + portfolio::glpk_version();
    out.status = solved.status == portfolio::SolveStatus::Optimal ? "optimal"
                                                                   : "feasible (time limit reached, not proven optimal)";
    out.solver_seconds = solved.seconds;
    out.objective = solved.objective;
    const std::vector<double> scales = scales_of(solved.y);
    const auto predicted = portfolio::evaluate(p, scales);
    out.predicted = measures_of(predicted);
    std::vector<double> chosen(m);
    for (std::size_t c = 0; c < m; ++c) {
        chosen[c] = max_tpa[c] * scales[c];
        OptimisedCandidate oc;
        oc.deal_file = pf.candidates[c].deal_file;
        oc.buyer = pf.candidates[c].offtakes.front();
        oc.min_tpa = min_tpa[c];
        oc.max_tpa = max_tpa[c];
        for (const auto& o : pf.candidates[c].deal.offtakes)
            if (o.buyer == oc.buyer && o.volume_tpa) oc.offered_tpa = *o.volume_tpa;
        oc.chosen_tpa = chosen[c];
        out.choices.push_back(oc);
    }

    // 3. The chosen volumes, exactly, on the sample and on independent paths.
    const std::vector<PortfolioPosition> optimised = with_candidates(pf, chosen);
    const std::vector<ViewSpec> views{{signed_members, -1}, {all_members, -1}};
    auto exact = [&](std::uint64_t paths, std::uint64_t run_seed, SampleCapture* cap) {
        MonteCarloOptions o = options;
        o.paths = paths;
        o.seed = run_seed;
        o.progress = {};
        const portfolio::ViewsRun r = portfolio::run_views(pf, optimised, views, {}, o, cap);
        OptimiseRun run;
        run.paths = r.paths;
        run.seed = run_seed;
        run.as_signed = measures_of(r.views[0], std::numeric_limits<double>::quiet_NaN());
        run.optimised = measures_of(r.views[1], std::numeric_limits<double>::quiet_NaN());
        run.difference = r.views[1].difference;
        run.products = r.views[1].products;
        return std::make_pair(run, r.contract_payments);
    };
    SampleCapture exact_capture;
    exact_capture.paths = n;
    auto [in_sample, payments] = exact(n, seed, &exact_capture);
    out.in_sample = std::move(in_sample);
    for (std::size_t c = 0; c < m; ++c) {
        double tonnes = 0.0;
        for (std::size_t s = 0; s < n; ++s)
            for (std::size_t i = 0; i < K; ++i) {
                const double d = exact_capture.at(s, n_signed + c, i).delivered;
                tonnes += d;
                out.scaling_max_deviation_tonnes =
                    std::max(out.scaling_max_deviation_tonnes, std::fabs(d - scales[c] * p.delivered[(s * K + i) * m + c]));
            }
        out.choices[c].delivered_tonnes = tonnes / static_cast<double>(n);
        out.choices[c].payments = payments[n_signed + c];
    }
    if (out_of_sample_paths > 0) {
        // Another Philox key (counter_rng.hpp): independent of the sample's draws.
        const std::uint64_t other = seed < 9007199254740991ull ? seed + 1 : seed - 1;
        out.out_of_sample = exact(out_of_sample_paths, other, nullptr).first;
    }
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

}  // namespace offtake
