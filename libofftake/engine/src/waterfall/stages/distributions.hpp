// Stage 7, distributions (conventions sections 6 and 8): the cash left at the bottom of
// the waterfall goes to the equity investors (split by their shares when reported); an
// operating deficit the sponsors funded this period is their contribution. Their net is
// the period's equity cash flow, the input of equity NPV and IRR.
#pragma once

#include "waterfall/stages/path_state.hpp"

#include <algorithm>

namespace offtake::waterfall {

inline void distribute_to_equity(PathState& s, PeriodState& p, PathBuffers& buf) {
    p.distribution = p.cash;
    s.peak_debt = max_of(s.peak_debt, s.debt_balance);
    buf.equity_cash_flow[p.t] = p.distribution - p.equity_contribution;
}

}  // namespace offtake::waterfall
