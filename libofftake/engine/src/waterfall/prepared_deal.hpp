// A deal compiled for the waterfall: everything that does not depend on the path,
// as flat arrays on the period grid (index t = 0..n). Built once by prepare(); read
// by run_path from any number of threads.
#pragma once

#include "instruments/debt_plan.hpp"
#include "instruments/offtake_contract.hpp"
#include "instruments/prepayment.hpp"
#include "instruments/remedies_plan.hpp"
#include "instruments/sll_margin.hpp"
#include "metrics/irr.hpp"

#include <offtake/deal.hpp>
#include <offtake/engine.hpp>

#include <vector>

namespace offtake {

// Where the IRR solver starts (metrics::IrrOptions::guess), project and equity flows.
// The default, 0.1, is the base case's own start (run_deterministic).
struct IrrStart {
    double project = 0.1;
    double equity = 0.1;
};

class PreparedDeal {
  public:
    Deal deal;
    TimeGrid grid;
    std::vector<double> base_prices;
    int n = 0;
    int cod = 0;
    int per_year = 4;

    std::vector<double> df;           // project discount factors (section 2)
    std::vector<double> df_equity;    // at the cost of equity, annual compounding
    metrics::IrrGrid irr_grid;
    // Where the IRR solver starts on every path (run_path, run_path_report): the base
    // case's project and equity IRRs, set once by prepare(). A per-deal constant, so that
    // each path's IRR depends on that path alone, not on the path run before it.
    IrrStart irr_start;

    // Completion risk: who funds an overrun (docs/risks.md section 2).
    struct CompletionPlan {
        bool active = false;
        double support_cap = 0.0;
        double facility_cap = 0.0;
    } completion;
    std::vector<double> construction_depreciation;  // the construction capex's part of `depreciation`

    std::vector<int> operating_year;  // 0-based operating year of period t, -1 in construction
    std::vector<double> production, fixed_opex, unit_opex, sustaining_capex,
        construction_capex, closure, depreciation;
    double royalty_rate = 0.0, tax_rate = 0.0, spot_discount = 0.0;
    double working_capital_factor = 0.0;  // receivable = factor * period revenue
    // What the project does with tonnes its country does not let it export (docs/risks.md).
    ExportRestrictions::Response export_response = ExportRestrictions::Response::DomesticSale;

    std::vector<ContractPlan> contracts;  // in deal.offtakes order
    std::vector<int> priority_order;      // contract indices, served first to last
    std::vector<double> equity_share;
    DebtPlan debt;
    // Tranches below the senior debt (docs/credit.md section 7): subordinated first, then
    // shareholder loans, each group in the deal file's order.
    std::vector<TranchePlan> tranches;
    RemediesPlan remedies;            // events of default, cure, restructure or enforce
    SponsorSupportPlan sponsor_support;
    SllPlan sll;
    PrepaymentPlan prepayment;

    std::size_t scratch_doubles = 0;
};

// Size a PathResult / PathScratch for a deal (allocates only when sizes change).
void size_path_result(const PreparedDeal& p, PathResult& r);
void size_path_scratch(const PreparedDeal& p, PathScratch& s);

}  // namespace offtake
