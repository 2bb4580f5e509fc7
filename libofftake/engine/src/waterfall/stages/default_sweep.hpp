// Stage 6, the lenders' cash sweep after an event of default they answer by
// restructuring (conventions section 8; events_of_default.hpp declares it). From the
// next period on, all cash and both reserve accounts go to the lenders against interest
// and then the whole balance, arrears included, until the loan is repaid (then the
// project leaves default and the rest of that period's cash flows on down the
// waterfall) or until the restructuring horizon (then the rest is lost). Anything still
// owed at the end of the mine life is written off.
#pragma once

#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/path_state.hpp"
#include "waterfall/stages/sponsor_support.hpp"

#include <algorithm>

namespace offtake::waterfall {

OFFTAKE_STAGE void lenders_cash_sweep(const PreparedDeal& deal, PathState& s, PeriodState& p) {
    double available = p.cash + s.dsra + s.trapped_cash;
    p.dsra_withdrawal = s.dsra;
    p.trapped_release = s.trapped_cash;
    s.dsra = s.trapped_cash = 0.0;
    // An operating deficit comes first (suppliers rank ahead); what the reserves and the
    // sponsor support do not meet, the lenders advance.
    available -= p.operating_deficit;
    if (available < 0.0) available = -draw_sponsor_support(deal.sponsor_support, s, p, -available);
    if (available < 0.0) {
        p.lender_advance = -available;
        p.debt_draw += p.lender_advance;
        available = 0.0;
    }
    const double owed = s.debt_balance + p.interest + p.lender_advance;
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
OFFTAKE_STAGE void write_off_at_mine_end(PathState& s, PeriodState& p) {
    p.debt_write_off += s.debt_balance;
    s.debt_balance = 0.0;
}

}  // namespace offtake::waterfall
