// Stage 0, financial close and construction (t = 0..COD; conventions sections 5-8):
// what the period must fund (capex, the loan's fees, interest unless capitalised, and at
// COD the DSRA), and who funds it: the senior loan's draws first, then unspent
// prepayment proceeds, then the sponsors. Prepayment proceeds left at COD go to equity.
#pragma once

#include "instruments/prepayment.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/path_state.hpp"

#include <algorithm>

namespace offtake::waterfall {

// The loan during construction: drawn against capex, interest accruing on the opening
// balance (tau_0 = 0: nothing accrues at close), capitalised (IDC) or paid by the project.
inline void draw_senior_debt_in_construction(const DebtPlan& debt, PathState& s, PeriodState& p) {
    p.debt_opening = s.debt_balance;
    if (debt.active) {
        if (p.t == 0) p.funding_need = debt.upfront_fee;
        p.all_in_rate = debt.base_rate[p.t] + debt.margin[p.t];
        p.interest = s.debt_balance * p.all_in_rate * p.tau;
        p.guarantee_fee = debt.guarantee_fee_rate * s.debt_balance * p.tau;
        p.commitment_fee = debt.commitment_fee[p.t];
        p.debt_draw = debt.draw[p.t];
        p.upfront_fee = (p.t == 0) ? debt.upfront_fee : 0.0;
    }
    // Draws reduce what the sponsors must find; fees are paid, never capitalised.
    p.funding_need += p.construction_capex - p.debt_draw + p.commitment_fee + p.guarantee_fee;
    if (debt.idc_capitalised) s.debt_balance += p.interest + p.debt_draw;
    else { s.debt_balance += p.debt_draw; p.funding_need += p.interest; }
    s.peak_debt = max_of(s.peak_debt, s.debt_balance);
}

// The prepayment before COD: received at its draw date and held to fund construction
// ahead of equity; interest accrues on the balance from the period after the advance.
inline void receive_prepayment_in_construction(const PrepaymentPlan& pre, PathState& s, PeriodState& p) {
    if (!pre.active) return;
    if (p.t > pre.draw_period) {
        const double accrued = instruments::accrue_prepayment(s.prepayment_balance, pre.rate, p.tau);
        p.prepayment_interest = accrued - s.prepayment_balance;
        s.prepayment_balance = accrued;
    }
    if (p.t == pre.draw_period) {
        s.prepayment_balance += pre.amount;
        s.unspent_prepayment += pre.amount;
        p.prepayment_received = pre.amount;
    }
}

// The DSRA is funded at COD to its first target (the next debt service), as part of
// the project cost, so the first repayment is covered from day one of operations.
inline void fund_dsra_at_cod(const DebtPlan& debt, int cod, PathState& s, PeriodState& p) {
    if (p.t == cod && debt.active) {
        p.dsra_deposit = debt.dsra_target[cod];
        s.dsra = p.dsra_deposit;
        p.funding_need += p.dsra_deposit;
    }
}

// Unspent prepayment proceeds pay first; the sponsors contribute the rest. At COD
// whatever proceeds remain are released to equity (the project no longer needs them).
inline void fund_from_prepayment_then_equity(int cod, PathState& s, PeriodState& p) {
    const double used = min_of(s.unspent_prepayment, max_of(p.funding_need, 0.0));
    s.unspent_prepayment -= used;
    p.equity_contribution = p.funding_need - used;
    if (p.t == cod) { p.distribution = s.unspent_prepayment; s.unspent_prepayment = 0.0; }
}

inline void fund_construction_period(const PreparedDeal& deal, PathState& s, PeriodState& p,
                                     PathBuffers& buf) {
    draw_senior_debt_in_construction(deal.debt, s, p);
    receive_prepayment_in_construction(deal.prepayment, s, p);
    fund_dsra_at_cod(deal.debt, deal.cod, s, p);
    fund_from_prepayment_then_equity(deal.cod, s, p);
    buf.project_cash_flow[p.t] = -p.construction_capex;
    buf.equity_cash_flow[p.t] = p.distribution - p.equity_contribution;
}

}  // namespace offtake::waterfall
