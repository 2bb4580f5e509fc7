// A deal compiled for the waterfall: everything that does not depend on the path,
// as flat arrays on the period grid (index t = 0..n). Built once by prepare(); read
// by run_path from any number of threads.
#pragma once

#include "metrics/irr.hpp"

#include <offtake/deal.hpp>
#include <offtake/engine.hpp>

#include <vector>

namespace offtake {

// One offtake agreement on the grid (conventions section 4).
struct ContractPlan {
    std::vector<double> volume;      // contracted tonnes of period t (0 outside the tenor)
    std::vector<double> escalation;  // (1 + escalation)^T(d_t)
    Pricing pricing;
    double take_or_pay = 0.0;
    double shortfall_penalty = 0.0;
    double recovery = 0.0;
    bool prepayment_buyer = false;   // its invoices carry the prepayment deductions
    int equity_investor = -1;        // the buyer's index among equity investors, or -1
};

// Senior debt on the grid (conventions section 7), planned on the base case.
struct DebtPlan {
    bool active = false;
    int first_repayment = 0;         // first period with scheduled principal (after grace)
    int maturity = 0;                // last scheduled period; its principal clears the balance
    double draw_fraction = 0.0;      // draws = draw_fraction * construction capex
    double upfront_fee = 0.0;        // at financial close
    double guarantee_fee_rate = 0.0; // cover * fee, per year on the balance
    double cover = 0.0;              // guaranteed share g
    bool idc_capitalised = true;
    double lockup_dscr = 0.0;
    double sculpted_dscr = 0.0;      // sculpted: the DSCR the schedule was sculpted to
    double scheduled_lender_pv = 0.0;  // PV at COD of planned interest + principal (operations)
    std::vector<double> draw;        // per period
    std::vector<double> base_rate;   // fixed or the curve's simple forward over the period
    std::vector<double> margin;      // blended loan / covered-share margin, as a rate
    std::vector<double> planned_sll; // the plan's sustainability-linked adjustment, as a rate
    std::vector<double> commitment_fee;
    std::vector<double> principal;   // scheduled principal (sculpted: may be < 0, capitalising)
    std::vector<double> planned_interest, planned_fee, planned_balance;  // balance at end of t
    std::vector<double> dsra_target; // DSRA balance required at the end of period t
    std::vector<double> df_lender;   // discount factor to COD at the planned all-in rate
};

// Sustainability-linked margin (conventions section 7).
struct SllPlan {
    int kpis = 0;
    int tests = 0;                   // one test per KPI per operating year
    std::vector<double> step_up;     // per KPI, as a rate
    std::vector<double> step_down;
    std::vector<signed char> has_target;  // kpi * tests + k
    std::vector<unsigned char> plan_met;  // kpi * tests + k
};

struct PrepaymentPlan {
    bool active = false;
    double amount = 0.0;
    int draw_period = 0;             // received at d_{draw_period}
    int end_period = 0;              // last period of the buyer's contracts: balance due in cash
    double rate = 0.0;
    double deduction_share = 0.0;
    bool counts_as_debt_service = true;
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

    std::vector<int> operating_year;  // 0-based operating year of period t, -1 in construction
    std::vector<double> production, fixed_opex, unit_opex, sustaining_capex,
        construction_capex, closure, depreciation;
    double royalty_rate = 0.0, tax_rate = 0.0, spot_discount = 0.0;
    double working_capital_factor = 0.0;  // receivable = factor * period revenue

    std::vector<ContractPlan> contracts;  // in deal.offtakes order
    std::vector<int> priority_order;      // contract indices, served first to last
    std::vector<double> equity_share;
    DebtPlan debt;
    SllPlan sll;
    PrepaymentPlan prepayment;

    std::size_t scratch_doubles = 0;
};

// Size a PathResult / PathScratch for a deal (allocates only when sizes change).
void size_path_result(const PreparedDeal& p, PathResult& r);
void size_path_scratch(const PreparedDeal& p, PathScratch& s);

}  // namespace offtake
