// Stage 6, payment default and the lenders' cash sweep (conventions section 8).
// A period whose debt service cannot be met from cash and reserves (by more than
// kMoneyEpsilon) is a payment default; there is no cure period, the first shortfall is
// the default. From the next period on, all cash and both reserve accounts go to the
// lenders against interest and then the whole balance, arrears included, until the
// loan is repaid; then the project leaves default and the rest of that period's cash
// flows on down the waterfall. The loan still owed at the end of the mine life is
// written off: the lenders' loss.
#pragma once

#include "waterfall/stages/path_state.hpp"

#include <algorithm>

namespace offtake::waterfall {

inline void declare_payment_default(PathState& s, PeriodState& p) {
    p.payment_default = s.in_default = s.any_default = true;
}

inline void lenders_cash_sweep(PathState& s, PeriodState& p) {
    double available = p.cash + s.dsra + s.trapped_cash;
    p.dsra_withdrawal = s.dsra;
    p.trapped_release = s.trapped_cash;
    s.dsra = s.trapped_cash = 0.0;
    const double owed = s.debt_balance + p.interest;
    p.lender_paid = min_of(available, owed);
    available -= p.lender_paid;
    s.debt_balance = owed - p.lender_paid;
    if (s.debt_balance <= kMoneyEpsilon) {  // repaid: the project is out of default
        // What is left below the epsilon is rounding noise: it closes the loan.
        available += s.debt_balance;
        p.lender_paid += s.debt_balance;
        s.debt_balance = 0.0;
        s.in_default = false;
    }
    p.cash = available;
}

// Whatever the lenders are still owed after the last period is lost to them.
inline void write_off_at_mine_end(PathState& s, PeriodState& p) {
    p.debt_write_off = s.debt_balance;
    s.debt_balance = 0.0;
}

}  // namespace offtake::waterfall
