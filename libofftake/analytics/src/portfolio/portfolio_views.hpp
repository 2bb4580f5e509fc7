// Several views of one portfolio on the same paths (common random numbers): every project
// of the run (signed positions and candidates) runs once per path on the shared scenario,
// and each view sums the buyer's supply, cost and capital over its own members, optionally
// with some projects re-run under a named stress. A view of the signed positions is what
// run_portfolio() reports; what-if adds one view per removal, addition and stress
// (docs/portfolio.md, "What-if"). Each view's numbers are computed in the same order as a
// run of its members alone, so a view equals that run bit for bit when the scenario is
// the same (same origin; docs/scenarios.md section 7).
#pragma once

#include "montecarlo/path_context.hpp"
#include "portfolio/supply_accumulator.hpp"

#include <offtake/montecarlo.hpp>
#include <offtake/portfolio.hpp>
#include <offtake/portfolio_run.hpp>

#include <cstddef>
#include <optional>
#include <vector>

namespace offtake::portfolio {

struct ViewSpec {
    std::vector<std::size_t> members;  // indices into the run's projects, in summing order
    int stress = -1;                   // index into the run's stresses, or -1
};

// The projects a stress re-runs: stresses[s][k] applies to project k when active[s][k].
struct StressPlan {
    std::vector<montecarlo::DealStress> deals;
    std::vector<bool> active;
};

struct ViewOutcome {
    std::vector<ProductSupply> products;
    std::optional<double> cvar95_unmet_total;  // CVaR 95 % of the path's unmet tonnes summed over cells
    CapitalAtRisk capital;
    PortfolioHeadline headline;
    PortfolioHeadline difference;  // this view minus view 0, path by path (zero for view 0)
};

struct ViewsRun {
    std::vector<SimulationResult> projects;  // every project of the run, unstressed
    std::vector<ViewOutcome> views;
    std::vector<double> contract_payments;   // per project: E[its buyer's invoices in the need years]
    std::uint64_t seed = 0, paths = 0, paths_requested = 0;
    int threads = 1;
    bool cancelled = false;
    double seconds = 0.0;
};

// What the optimiser reads of a run (docs/portfolio.md section 5d): for each of the first
// `paths` paths, each project's buyer tonnes, invoices and index prices per (product,
// year) cell of the plan of all projects, at [(path * projects + k) * cells + i].
struct SampleCapture {
    std::uint64_t paths = 0;
    std::size_t projects = 0, cells = 0;
    std::vector<CellPath> values;
    const CellPath& at(std::uint64_t path, std::size_t k, std::size_t i) const {
        return values[(path * projects + k) * cells + i];
    }
};

// `projects`: the run's positions (deals and the buyer's pieces); `pf` gives the needs,
// spot market and report settings. Throws as run_portfolio().
ViewsRun run_views(const Portfolio& pf, const std::vector<PortfolioPosition>& projects,
                   const std::vector<ViewSpec>& views, const std::vector<StressPlan>& stresses,
                   const MonteCarloOptions& options, SampleCapture* capture = nullptr);

// The sub-portfolio of a view's members (for its supply plan and its hash).
Portfolio view_portfolio(const Portfolio& pf, const std::vector<PortfolioPosition>& projects,
                         const std::vector<std::size_t>& members);

}  // namespace offtake::portfolio

namespace offtake {

// The portfolio's options resolved against its file (paths, seed, price model) with the
// scenario's common random numbers (docs/scenarios.md section 7).
MonteCarloOptions portfolio_options(const Portfolio& pf, MonteCarloOptions o);
// View `view` of a run as a portfolio result; `pf` the view's own portfolio, `members`
// its projects' indices in the run.
PortfolioResult portfolio_result(const Portfolio& pf, const portfolio::ViewsRun& run, std::size_t view,
                                 const std::vector<std::size_t>& members);

}  // namespace offtake
