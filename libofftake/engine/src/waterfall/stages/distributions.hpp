// Stage 7, distributions (conventions sections 6 and 8): the cash left at the bottom of
// the waterfall goes to the equity investors (split by their shares when reported); an
// operating deficit the sponsors funded this period is their contribution. Their net is
// the period's equity cash flow, the input of equity NPV and IRR.
#pragma once

#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/events_of_default.hpp"
#include "waterfall/stages/path_state.hpp"

#include <algorithm>

namespace offtake::waterfall {

// After an enforcement the cash is the new owner's (events_of_default.hpp); sponsor
// support draws and repayments are the sponsors' money too.
OFFTAKE_STAGE void distribute_to_equity(const PreparedDeal& deal, PathState& s, PeriodState& p,
                                        PathBuffers& buf) {
    hand_over_to_acquirer(deal, s, p);
    p.distribution = p.cash;
    s.peak_debt = max_of(s.peak_debt, s.debt_balance);
    buf.equity_cash_flow[p.t] = p.distribution + p.support_repaid - p.equity_contribution - p.support_draw;
    // Shareholder loans (tranches.hpp) are the sponsors' money too.
    if (!deal.tranches.empty()) buf.equity_cash_flow[p.t] += p.shareholder_received;
}

}  // namespace offtake::waterfall
