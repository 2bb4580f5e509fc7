// Senior debt on the period grid (docs/conventions.md section 7): the loan's terms
// compiled into per-period arrays, planned on the base case by instruments/debt_schedule.
#pragma once

#include <string>
#include <vector>

namespace offtake {

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

// A tranche below the senior debt (docs/credit.md section 7) on the same grid: its own
// DebtPlan (draws, rates, scheduled principal, planned balance; no DSRA, no guarantee,
// interest capitalised during construction), its name and rank.
struct TranchePlan {
    std::string name;
    bool shareholder = false;        // a sponsors' loan: paid last, its flows are the sponsors'
    DebtPlan plan;
};

}  // namespace offtake
