// What-if on a buyer's portfolio (docs/portfolio.md, "What-if"): on the same simulated
// paths (common random numbers), the portfolio without each signed position, with each
// candidate added at the volume on offer, and under each named stress of the portfolio
// file (an export ban by a country for a while; a project failing to complete). Each
// change is measured path by path against the portfolio as signed: the change in
// P(shortfall), expected unmet tonnes, expected cost of supply and expected capital loss,
// with the standard error of the paired difference, and per money committed.
#pragma once

#include <offtake/export.h>
#include <offtake/portfolio_run.hpp>

#include <string>
#include <vector>

namespace offtake {

enum class WhatIfKind { Remove, Add, Stress };
OFFTAKE_API const char* to_string(WhatIfKind kind);

struct WhatIfChange {
    WhatIfKind kind = WhatIfKind::Remove;
    std::string label;        // the position's or candidate's deal file, or the stress's name
    std::size_t index = 0;    // into positions, candidates or stresses
    // Money the change commits (an addition: the candidate's; a removal: minus the
    // position's; a stress: 0): prepayment + the buyer's equity contributions in the base
    // case + the expected contract payments in the need years (docs/portfolio.md).
    double committed = 0.0;
    PortfolioHeadline after;        // the portfolio with the change
    PortfolioHeadline difference;   // after - as signed, path by path
    std::vector<ProductSupply> products;  // the portfolio with the change, per product and year
    CapitalAtRisk capital;
};

struct WhatIfResult {
    PortfolioResult base;                   // the signed portfolio on the what-if run's paths
    PortfolioHeadline headline;             // of the base
    std::vector<double> committed;          // per signed position, as WhatIfChange::committed
    std::vector<PortfolioPosition> candidate_positions;  // as loaded
    std::vector<SimulationResult> candidates;  // each candidate's project on the same paths
    std::vector<WhatIfChange> changes;      // removals, additions, stresses, in file order
};

// Throws DealError / UsageError as run_portfolio() does.
OFFTAKE_API WhatIfResult run_what_if(const Portfolio& portfolio, const MonteCarloOptions& options = {});

// {"kind": "portfolio_what_if", ...} (docs/json-output.md, "Portfolio what-if").
OFFTAKE_API std::string to_json(const WhatIfResult& result, int indent = 2);

// The change's difference in one measure per million of money committed (absent when
// nothing is committed): `measure` is p_shortfall, unmet_tonnes, total_cost or capital_loss.
OFFTAKE_API std::optional<double> per_million_committed(const WhatIfChange& change, const std::string& measure);

}  // namespace offtake
