// Stage 2, prepayment deductions (conventions section 5). The buyer advanced cash
// against future deliveries: its balance accrues simple interest each period and is
// repaid by deducting a share of the buyer's invoices (revenue the project earns but
// does not receive in cash). Whatever is left when the buyer's contracts end is due in
// cash then, as far as cash allows after senior debt service (settle_prepayment_in_cash,
// run after the lenders are paid); the rest is the buyer's loss.
#pragma once

#include "instruments/prepayment.hpp"
#include "waterfall/stages/path_state.hpp"

#include <algorithm>

namespace offtake::waterfall {

// Accrue, then deduct from this period's invoices to the buyer; an advance received in
// operations is cash of the period (it reaches the waterfall with CFADS).
OFFTAKE_STAGE void deduct_prepayment(const PrepaymentPlan& pre, PathState& s, PeriodState& p) {
    if (!pre.active) return;
    if (p.t > pre.draw_period) {
        const double accrued = instruments::accrue_prepayment(s.prepayment_balance, pre.rate, p.tau);
        p.prepayment_interest = accrued - s.prepayment_balance;
        s.prepayment_balance = accrued;
        if (p.q <= pre.end_period)
            p.prepayment_deduction = instruments::prepayment_deduction(
                s.prepayment_balance, pre.deduction_share, p.prepayment_buyer_invoices);
        s.prepayment_balance -= p.prepayment_deduction;
        s.prepayment_recovered += p.prepayment_deduction;
    }
    if (p.t == pre.draw_period) {
        s.prepayment_balance += pre.amount;
        p.prepayment_received = pre.amount;
    }
}

// The buyer's last scheduled delivery period (fixed by the contract dates, whether or not
// the buyer defaulted) with a balance outstanding: it is repaid in cash from what is left
// after senior debt service and the DSRA top-up; the remainder is the buyer's loss.
OFFTAKE_STAGE void settle_prepayment_in_cash(const PrepaymentPlan& pre, PathState& s, PeriodState& p) {
    if (!(pre.active && p.q == pre.end_period && s.prepayment_balance > 0.0)) return;
    p.prepayment_cash_repaid = min_of(p.cash, s.prepayment_balance);
    p.cash -= p.prepayment_cash_repaid;
    p.prepayment_lost = s.prepayment_balance - p.prepayment_cash_repaid;
    s.prepayment_balance = 0.0;
    s.prepayment_recovered += p.prepayment_cash_repaid;
    s.prepayment_lost += p.prepayment_lost;
}

}  // namespace offtake::waterfall
