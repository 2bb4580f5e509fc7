// Sponsor support after COD (conventions section 8, docs/credit.md). Without it the
// senior debt is non-recourse: an operating deficit while the lenders are owed is met
// from the reserves and then is the lenders' problem (a payment shortfall). With it, the
// sponsors' cash deficiency facility meets what the reserves could not, up to its amount
// and within its term; its draws are repaid after senior debt service (subordinated) or
// ahead of it (senior), without interest, and what is still owed at the end is lost.
#pragma once

#include "instruments/remedies_plan.hpp"
#include "waterfall/stages/path_state.hpp"

namespace offtake::waterfall {

// Returns the shortfall the facility could not meet.
OFFTAKE_STAGE double draw_sponsor_support(const SponsorSupportPlan& f, PathState& s, PeriodState& p,
                                          double shortfall) {
    if (!f.active || p.t > f.last_period || shortfall <= 0.0) return shortfall;
    const double x = min_of(shortfall, max_of(0.0, f.amount - s.support_drawn));
    s.support_drawn += x;
    s.support_owed += x;
    p.support_draw += x;
    return shortfall - x;
}

// Senior ranking: repaid from the period's cash before the lenders are served.
OFFTAKE_STAGE void repay_senior_sponsor_support(const SponsorSupportPlan& f, PathState& s, PeriodState& p) {
    if (!f.senior || s.enforced || s.support_owed <= 0.0 || p.cash <= 0.0) return;
    const double x = min_of(p.cash, s.support_owed);
    p.cash -= x;
    s.support_owed -= x;
    p.support_repaid += x;
}

// Subordinated: repaid from cash that would otherwise be distributed, only while the
// loan performs (no cure period running, no default, no lock-up).
OFFTAKE_STAGE void repay_subordinated_sponsor_support(const SponsorSupportPlan& f, PathState& s, PeriodState& p) {
    if (f.senior || s.enforced || s.in_default || s.cure_last >= 0 || p.lockup || s.support_owed <= 0.0 ||
        p.cash <= 0.0)
        return;
    const double x = min_of(p.cash, s.support_owed);
    p.cash -= x;
    s.support_owed -= x;
    p.support_repaid += x;
}

OFFTAKE_STAGE void write_off_sponsor_support_at_mine_end(PathState& s, PeriodState& p) {
    p.support_lost = s.support_owed;
    s.support_owed = 0.0;
}

}  // namespace offtake::waterfall
