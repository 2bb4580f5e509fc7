// Stage 5, reserves and lock-up (conventions section 8):
//   draw_reserves_for_shortfall  a debt service shortfall is met from the DSRA first,
//                                then from cash trapped by the lock-up;
//   top_up_dsra                  after service, the DSRA is brought to its target (the
//                                plan's next dsra_months of service) from cash, or an
//                                excess over the target is released to cash;
//   lock_up_test                 in a period with senior service due, a DSCR below the
//                                lock-up ratio traps all cash left; the first period that
//                                passes (and is not in default) releases it all;
//   release_reserves_at_mine_end the last period releases the DSRA and trapped cash.
// The DSRA earns no interest.
#pragma once

#include "instruments/debt_plan.hpp"
#include "waterfall/stages/path_state.hpp"

#include <algorithm>

namespace offtake::waterfall {

// Returns the shortfall the reserves could not meet.
OFFTAKE_STAGE double draw_reserves_for_shortfall(PathState& s, PeriodState& p, double shortfall) {
    p.dsra_withdrawal = min_of(s.dsra, shortfall);
    s.dsra -= p.dsra_withdrawal;
    shortfall -= p.dsra_withdrawal;
    p.trapped_release = min_of(s.trapped_cash, shortfall);
    s.trapped_cash -= p.trapped_release;
    shortfall -= p.trapped_release;
    return shortfall;
}

OFFTAKE_STAGE void top_up_dsra(const DebtPlan& debt, PathState& s, PeriodState& p) {
    // A closed loan (enforced, written off) has no reserve to keep.
    const double target = (debt.active && !s.loan_closed) ? debt.dsra_target[p.q] : 0.0;
    if (s.dsra < target) {
        p.dsra_deposit = min_of(p.cash, target - s.dsra);
        p.cash -= p.dsra_deposit;
        s.dsra += p.dsra_deposit;
    } else if (s.dsra > target) {
        const double excess = s.dsra - target;
        p.dsra_withdrawal += excess;
        s.dsra = target;
        p.cash += excess;
    }
}

// The lock-up protects the lenders only while they are owed service: with no senior
// service due (or no DSCR) in the period there is nothing to test.
OFFTAKE_STAGE void lock_up_test(const DebtPlan& debt, PathState& s, PeriodState& p) {
    if (!s.in_default && p.senior_service_due && p.has_dscr && p.dscr < debt.lockup_dscr) {
        p.lockup = s.any_lockup = true;
        p.trapped_deposit = p.cash;
        s.trapped_cash += p.cash;
        p.cash = 0.0;
    } else if (!s.in_default && s.trapped_cash > 0.0) {
        p.trapped_release += s.trapped_cash;
        p.cash += s.trapped_cash;
        s.trapped_cash = 0.0;
    }
}

OFFTAKE_STAGE void release_reserves_at_mine_end(PathState& s, PeriodState& p) {
    if (s.dsra > 0.0) { p.dsra_withdrawal += s.dsra; p.cash += s.dsra; s.dsra = 0.0; }
    if (s.trapped_cash > 0.0) { p.trapped_release += s.trapped_cash; p.cash += s.trapped_cash; s.trapped_cash = 0.0; }
}

}  // namespace offtake::waterfall
