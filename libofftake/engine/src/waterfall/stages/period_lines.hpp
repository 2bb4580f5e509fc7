// What a period leaves behind: its PeriodLines for the deterministic report (only when a
// recorder is active) and the per-period series for the Monte Carlo bands (only when
// asked). Neither is read by the waterfall itself.
#pragma once

#include "waterfall/period_flows.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/path_state.hpp"

#include <offtake/engine.hpp>

#include <algorithm>

namespace offtake::waterfall {

// All the cash the project holds at the end of a period: prepayment proceeds not yet
// spent on construction, the DSRA and cash trapped by the lock-up (everything else has
// been paid out). The one meaning of `cash_balance`, in the report and in the bands.
OFFTAKE_STAGE double cash_held(const PathState& s) {
    return s.unspent_prepayment + s.dsra + s.trapped_cash;
}

OFFTAKE_STAGE void construction_lines(const PathState& s, const PeriodState& p, bool idc_capitalised,
                               PeriodFlows& f) {
    f = PeriodFlows{};
    f.price = p.price;
    f.construction_capex = p.construction_capex;
    f.project_cash_flow = -p.construction_capex;
    f.debt_opening = p.debt_opening;
    f.debt_draw = p.debt_draw;
    f.all_in_rate = p.all_in_rate;
    f.interest = p.interest;
    if (idc_capitalised) f.interest_capitalised = p.interest; else f.interest_paid = p.interest;
    f.guarantee_fee = p.guarantee_fee;
    f.upfront_fee = p.upfront_fee;
    f.commitment_fee = p.commitment_fee;
    f.debt_closing = s.debt_balance;
    f.prepayment_received = p.prepayment_received;
    f.prepayment_interest = p.prepayment_interest;
    f.prepayment_balance = s.prepayment_balance;
    f.dsra_deposit = p.dsra_deposit;
    f.dsra_balance = s.dsra;
    f.equity_contribution = p.equity_contribution;
    f.distribution = p.distribution;
    f.unspent_prepayment = s.unspent_prepayment;
    f.cash_balance = cash_held(s);
}

OFFTAKE_STAGE void operating_lines(const PathState& s, const PeriodState& p, PeriodFlows& f) {
    f = PeriodFlows{};
    f.price = p.price; f.production = p.production; f.spot_tonnes = p.spot_tonnes;
    f.spot_revenue = p.spot_revenue; f.contract_revenue = p.contract_revenue; f.revenue = p.revenue;
    f.royalty = p.royalty; f.opex = p.opex; f.shortfall_penalty = p.shortfall_penalty;
    f.bad_debt = p.bad_debt; f.closure = p.closure; f.ebitda = p.ebitda;
    f.depreciation = p.depreciation; f.interest = p.interest; f.taxable_income = p.taxable_income;
    f.tax = p.tax; f.loss_carried_forward = s.tax_losses; f.unlevered_tax = p.unlevered_tax;
    f.sustaining_capex = p.sustaining_capex; f.working_capital = p.working_capital;
    f.working_capital_change = p.working_capital_change; f.cfads = p.cfads;
    f.project_cash_flow = p.project_cash_flow;
    // Senior debt: what was paid goes to interest first; unpaid interest capitalises.
    f.debt_opening = p.debt_opening; f.all_in_rate = p.all_in_rate;
    f.interest_paid = min_of(p.interest, p.lender_paid);
    f.interest_capitalised = p.interest - f.interest_paid;
    f.principal_paid = p.lender_paid - f.interest_paid;
    f.guarantee_fee = p.fee_paid; f.debt_service_due = p.debt_service_due;
    f.debt_write_off = p.debt_write_off; f.debt_closing = s.debt_balance;
    f.prepayment_received = p.prepayment_received; f.prepayment_interest = p.prepayment_interest;
    f.prepayment_deduction = p.prepayment_deduction; f.prepayment_cash_repaid = p.prepayment_cash_repaid;
    f.prepayment_lost = p.prepayment_lost; f.prepayment_balance = s.prepayment_balance;
    f.dsra_deposit = p.dsra_deposit; f.dsra_withdrawal = p.dsra_withdrawal; f.dsra_balance = s.dsra;
    f.trapped_deposit = p.trapped_deposit; f.trapped_release = p.trapped_release;
    f.trapped_balance = s.trapped_cash;
    f.equity_contribution = p.equity_contribution; f.distribution = p.distribution;
    f.debt_draw = p.debt_draw;  // the lenders' protective advance
    f.sponsor_support_draw = p.support_draw; f.sponsor_support_repaid = p.support_repaid;
    f.sponsor_support_lost = p.support_lost; f.sponsor_support_balance = s.support_owed;
    f.arrears = s.arrears;
    f.acquirer_distribution = p.acquirer_distribution; f.acquirer_contribution = p.acquirer_contribution;
    f.lockup = p.lockup; f.payment_default = p.payment_default; f.event_of_default = p.event_of_default;
    f.in_default = s.in_default || p.event_of_default;
    f.has_dscr = p.has_dscr; f.dscr = p.dscr;
    f.cash_balance = cash_held(s);
}

// The tranches below the senior debt, all together (tranches.hpp).
template <class States>
OFFTAKE_STAGE void tranche_lines(const PreparedDeal& deal, const States& ts, const PeriodState& p, PeriodFlows& f) {
    f.tranche_draw = p.tranche_draw; f.tranche_fees = p.tranche_fees; f.tranche_interest = p.tranche_interest;
    f.tranche_paid = p.tranche_paid; f.tranche_service_due = p.tranche_service_due;
    f.tranche_write_off = p.tranche_write_off;
    double balance = 0.0;
    for (std::size_t j = 0; j < deal.tranches.size(); ++j) balance += ts.at[j].balance;
    f.tranche_balance = balance;
    f.has_total_dscr = p.has_total_dscr; f.total_dscr = p.total_dscr;
}

// The bands' series: price, CFADS, DSCR (0 where absent) and the cash held.
OFFTAKE_STAGE void record_series(const PathState& s, const PeriodState& p, PathSeries& series) {
    series.price[p.t] = p.price;
    series.cfads[p.t] = p.cfads;
    series.dscr[p.t] = p.has_dscr ? p.dscr : 0.0;
    series.cash_balance[p.t] = cash_held(s);
}

}  // namespace offtake::waterfall
