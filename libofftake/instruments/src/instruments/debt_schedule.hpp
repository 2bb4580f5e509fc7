// Senior debt on the grid (conventions section 7): construction draws pro rata with
// capex, interest during construction, fees, the repayment profiles and the planned
// schedule that the DSRA target and the lender-loss benchmark are taken from.
#pragma once

#include "instruments/debt_plan.hpp"

#include <offtake/deal.hpp>
#include <offtake/time_grid.hpp>

#include <vector>
namespace offtake::instruments {

// What the schedule needs of the project: its grid, COD and the capex the loan funds.
struct LoanGrid {
    const TimeGrid& grid;
    int cod = 0;                                  // index of COD on the grid
    int per_year = 4;                             // periods per year
    const std::vector<double>& construction_capex;  // per period, escalated
    int periods() const { return grid.periods(); }
};

// Balance at COD per unit of draw fraction (draws = fraction * capex), with interest
// during construction capitalised when the deal says so.
double cod_balance_per_unit_draw(const DebtPlan& d, const LoanGrid& g);

// Draws, commitment and upfront fees for a draw fraction.
void set_construction_draws(DebtPlan& d, const SeniorDebt& terms, const LoanGrid& g, double draw_fraction);

// Scheduled principal of the annuity and straight-line profiles from the COD balance.
void set_annuity_principal(DebtPlan& d, const LoanGrid& g, double cod_balance);
void set_straight_line_principal(DebtPlan& d, double cod_balance);

// Planned interest, fees, balances, lender discount factors, the scheduled lender PV
// and the DSRA targets, from the principal schedule at the planned rates.
void set_planned_schedule(DebtPlan& d, const SeniorDebt& terms, const LoanGrid& g, double cod_balance);

// All-in rate of period t on the plan: base + margin + planned SLL adjustment.
inline double planned_rate(const DebtPlan& d, int t) {
    return d.base_rate[t] + d.margin[t] + d.planned_sll[t];
}

}  // namespace offtake::instruments
