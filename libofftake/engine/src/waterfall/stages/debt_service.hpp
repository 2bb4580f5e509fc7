// Stage 4, senior debt service in operations (conventions sections 7 to 9):
//   accrue_senior_interest    interest and guarantee fee on the opening balance (before
//                             tax: interest is deductible);
//   debt_service_due          scheduled principal (or, while sizing, the principal that
//                             sculpts this period to the target DSCR), the service due,
//                             DSCR_t and the LLCR / PLCR sums;
//   pay_scheduled_debt_service  cash pays an operating deficit and the service; if short,
//                             the reserves are drawn (reserves_lockup.hpp), then sponsor
//                             support (sponsor_support.hpp), and if still short the period
//                             has a payment shortfall (events_of_default.hpp).
#pragma once

#include "instruments/sculpting.hpp"
#include "instruments/sll_margin.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/default_sweep.hpp"
#include "waterfall/stages/events_of_default.hpp"
#include "waterfall/stages/path_state.hpp"
#include "waterfall/stages/reserves_lockup.hpp"
#include "waterfall/stages/sponsor_support.hpp"

#include <offtake/engine.hpp>

#include <algorithm>

namespace offtake::waterfall {

// Used by prepare() to sculpt: principal of repayment periods from that period's CFADS.
struct SculptCapture {
    double target_dscr = 1.0;
    double* cfads = nullptr;          // out, per period
    double* counted_deduction = nullptr;
    double* principal = nullptr;      // out: the principal set
};

// All-in rate = base + margin + the sustainability-linked step of this operating year
// (the path's KPI results, or the plan's). The guarantee fee stops once in default: the
// guarantor's fee is paid by the project only while the loan performs.
OFFTAKE_STAGE void accrue_senior_interest(const PreparedDeal& deal, const PathInputs& in,
                                   const PathState& s, PeriodState& p) {
    const DebtPlan& debt = deal.debt;
    p.debt_opening = s.debt_balance;
    if (!debt.active) return;
    p.all_in_rate = debt.base_rate[p.t] + debt.margin[p.t] +
                    instruments::sll_adjustment(deal.sll, deal.operating_year[p.q], in.kpi_met);
    p.interest = s.debt_balance * p.all_in_rate * p.tau;
    if (!s.in_default) p.guarantee_fee = debt.guarantee_fee_rate * s.debt_balance * p.tau;
}

// Principal due: none in grace, the whole balance at maturity, else the schedule's
// (never more than is owed). In default the sweep takes what it can, so the schedule's
// principal is only a measure of what was due (for the DSCR), clamped to [0, balance].
OFFTAKE_STAGE double principal_due(const DebtPlan& debt, const PathState& s, const PeriodState& p,
                            const SculptCapture* sculpt) {
    if (!debt.active || s.debt_balance <= 0.0) return 0.0;
    double principal;
    if (p.q < debt.first_repayment) principal = 0.0;  // the schedule moves with a late COD
    else if (p.q >= debt.maturity) principal = s.debt_balance;
    else if (sculpt)
        principal = min_of(instruments::sculpted_service(p.cfads, p.counted_deduction, sculpt->target_dscr) -
                                 p.interest - p.guarantee_fee,
                             s.debt_balance);
    else principal = min_of(debt.principal[p.q], s.debt_balance);
    if (s.in_default) principal = clamp_of(principal, 0.0, s.debt_balance);
    return principal;
}

// DSCR_t = CFADS / (senior service due + counted prepayment deduction), in periods where
// senior service is due (or, without senior debt, where a deduction is counted).
// LLCR sums CFADS discounted at the loan's rate to maturity, PLCR to the mine's end.
OFFTAKE_STAGE void debt_service_due(const PreparedDeal& deal, PathState& s, PeriodState& p,
                             const SculptCapture* sculpt) {
    const DebtPlan& debt = deal.debt;
    p.counted_deduction = deal.prepayment.counts_as_debt_service ? p.prepayment_deduction : 0.0;
    p.principal_due = principal_due(debt, s, p, sculpt);
    if (sculpt) {
        sculpt->cfads[p.t] = p.cfads;
        sculpt->counted_deduction[p.t] = p.counted_deduction;
        sculpt->principal[p.t] = p.principal_due;
    }
    p.debt_service_due = debt.active ? p.interest + p.principal_due + p.guarantee_fee : 0.0;
    const double coverage_denominator = p.debt_service_due + p.counted_deduction;
    p.senior_service_due = p.debt_service_due > kMoneyEpsilon;
    if (coverage_denominator > kMoneyEpsilon && (p.senior_service_due || !debt.active)) {
        p.has_dscr = true;
        p.dscr = p.cfads / coverage_denominator;
        s.dscr_min = min_of(s.dscr_min, p.dscr);
        s.dscr_sum += p.dscr;
        ++s.dscr_count;
    }
    if (debt.active && p.q <= debt.maturity) s.llcr_numerator += debt.df_lender[p.t] * p.cfads;
    s.plcr_numerator += debt.active ? debt.df_lender[p.t] * p.cfads : 0.0;
}

// The lenders are exposed while they are owed anything (the loan neither repaid nor
// closed by enforcement or write-off).
OFFTAKE_STAGE bool lenders_exposed(const PreparedDeal& deal, const PathState& s) {
    return deal.debt.active && !s.loan_closed && s.debt_balance > kMoneyEpsilon;
}

// Cash reaching the lenders: CFADS less the deductions (revenue not received in cash),
// plus a prepayment advanced this period. A negative balance is an operating deficit.
// Non-recourse: while the lenders are owed, it is met from the reserves, the sponsor
// support facility if any, and otherwise by the lenders (pay_scheduled_debt_service).
// With nothing owed (no debt, repaid, closed) the owners fund it; so do the sponsors in
// the sculpting run (`sizing`), which sizes the loan on a base case that pays.
OFFTAKE_STAGE void cash_available_for_debt_service(const PreparedDeal& deal, const PathState& s, PeriodState& p,
                                                   bool sizing) {
    p.cash = p.cfads - p.prepayment_deduction + p.prepayment_received;
    if (p.cash >= 0.0) return;
    const double deficit = -p.cash;
    p.cash = 0.0;
    if (sizing || !lenders_exposed(deal, s)) p.equity_contribution = deficit;
    else p.operating_deficit = deficit;
}

// Pays the operating deficit (suppliers rank ahead of the lenders) and then the service
// due, from cash, then the DSRA, then trapped cash, then the sponsor support facility.
// What is still short: the deficit nobody funded is the lenders' protective advance (it
// adds to the loan), the service unpaid stays owed (unpaid interest capitalises), and
// together they are a payment shortfall (events_of_default.hpp). `sizing`: the
// sculpting run, where a shortfall is funded by the sponsors, never a default.
// What is paid goes to interest, then principal, then the guarantee fee.
OFFTAKE_STAGE void pay_scheduled_debt_service(const PreparedDeal& deal, PathState& s, PeriodState& p,
                                              bool sizing) {
    const double need = p.operating_deficit + p.debt_service_due;
    const double from_cash = min_of(p.cash, need);
    p.cash -= from_cash;
    double shortfall = need - from_cash;
    if (shortfall > 0.0) {
        shortfall = draw_reserves_for_shortfall(s, p, shortfall);
        if (sizing) {
            p.equity_contribution += shortfall;
            shortfall = 0.0;
        }
        shortfall = draw_sponsor_support(deal.sponsor_support, s, p, shortfall);
    }
    double paid = p.debt_service_due;
    if (shortfall > kMoneyEpsilon) {
        const double funded = need - shortfall;
        const double deficit_paid = min_of(funded, p.operating_deficit);
        p.lender_advance = p.operating_deficit - deficit_paid;
        paid = funded - deficit_paid;
    }
    const double lender_due = p.interest + p.principal_due;
    p.lender_paid = min_of(lender_due, paid);
    p.fee_paid = paid - p.lender_paid;
    // Unpaid interest capitalises; an advance adds to the loan.
    s.debt_balance = s.debt_balance + p.interest + p.lender_advance - p.lender_paid;
    p.debt_draw += p.lender_advance;
    if (shortfall > kMoneyEpsilon) record_payment_shortfall(deal, s, p, lender_due - p.lender_paid + p.lender_advance);
}

// After an event of default the lenders' receipts (interest and principal, fees
// excluded, advances netted) are their recovery, valued at the default date.
OFFTAKE_STAGE void count_lender_receipts(const PreparedDeal& deal, PathState& s, const PeriodState& p) {
    count_recoveries(deal, s, p);
}

}  // namespace offtake::waterfall
