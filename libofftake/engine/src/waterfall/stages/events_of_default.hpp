// Payment shortfalls, the cure period and events of default (conventions section 8,
// docs/credit.md sections 1 to 3).
//   record_payment_shortfall  what the lenders did not get this period (service unpaid,
//                             and a deficit they had to advance) becomes arrears; the
//                             first shortfall starts the cure period;
//   pay_arrears               while the cure period runs, cash left after the period's
//                             service catches up the arrears; paid in full, it is cured;
//   test_event_of_default     arrears still owed at the end of the cure period's last
//                             period: an event of default. The lenders' response:
//                             restructure (their sweep, to a horizon) or enforce (take
//                             the reserves and sell the project; the sale is valued at
//                             the end of the path, finish_enforcement).
#pragma once

#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/path_state.hpp"

#include <cmath>

namespace offtake::waterfall {

OFFTAKE_STAGE void record_payment_shortfall(const PreparedDeal& deal, PathState& s, PeriodState& p,
                                            double unpaid) {
    p.payment_default = s.any_shortfall = true;
    s.arrears += unpaid;
    if (s.cure_last < 0) s.cure_last = deal.remedies.cure_last[p.t];
}

OFFTAKE_STAGE void pay_arrears(PathState& s, PeriodState& p) {
    if (s.cure_last < 0) return;
    // The arrears are part of the balance: service that cleared the balance cleared them.
    s.arrears = min_of(s.arrears, max_of(0.0, s.debt_balance));
    const double x = min_of(p.cash, s.arrears);
    p.cash -= x;
    p.lender_paid += x;
    s.debt_balance -= x;
    s.arrears -= x;
    if (s.arrears <= kMoneyEpsilon) { s.arrears = 0.0; s.cure_last = -1; }  // cured
}

// Everything the lenders hold as security (the reserves, the period's cash) against the
// balance; returns what they took.
OFFTAKE_STAGE double lenders_take_reserves_and_cash(PathState& s, PeriodState& p) {
    const double take = s.dsra + s.trapped_cash + p.cash;
    p.dsra_withdrawal += s.dsra;
    p.trapped_release += s.trapped_cash;
    s.dsra = s.trapped_cash = 0.0;
    const double paid = min_of(take, s.debt_balance);
    p.lender_paid += paid;
    s.debt_balance -= paid;
    p.cash = take - paid;
    return paid;
}

// The loan is closed: what is still owed is lost to the lenders.
OFFTAKE_STAGE void close_loan(PathState& s, PeriodState& p) {
    p.debt_write_off += s.debt_balance;
    s.debt_balance = 0.0;
    s.in_default = false;
    s.loan_closed = true;
}

// Restructure: at the horizon (the legal maturity plus the allowed extension, or the
// default period itself when that is later) the lenders take what there is and the rest
// of the debt is lost.
OFFTAKE_STAGE void restructuring_horizon(PathState& s, PeriodState& p) {
    if (!s.in_default || p.t < s.horizon || s.debt_balance <= 0.0) return;
    const double taken = lenders_take_reserves_and_cash(s, p);
    // At the default date itself; in a later period it is a receipt (count_recoveries).
    if (p.t == s.default_period) s.recovery_pv += taken;
    close_loan(s, p);
}

OFFTAKE_STAGE void test_event_of_default(const PreparedDeal& deal, LenderResponse response, PathState& s,
                                         PeriodState& p) {
    if (s.cure_last < 0 || p.t < s.cure_last) return;
    p.event_of_default = s.any_default = true;
    s.default_period = p.t;
    s.ead = s.debt_balance;
    s.cure_last = -1;
    s.arrears = 0.0;  // accelerated: the whole balance is due
    if (response == LenderResponse::Enforce) {
        s.recovery_pv += lenders_take_reserves_and_cash(s, p);
        s.enforcement_owed = s.debt_balance;
        s.enforced = true;
        close_loan(s, p);  // provisional: the sale's proceeds reduce the write-off (finish_enforcement)
        return;
    }
    s.in_default = true;
    s.horizon = deal.remedies.horizon > p.t ? deal.remedies.horizon : p.t;
    restructuring_horizon(s, p);
}

// Discount factor from the default date to period t at an annual rate, on the deal's
// day counter (conventions section 1).
OFFTAKE_STAGE double df_from_default(const PreparedDeal& deal, const PathState& s, int t, double rate) {
    return std::pow(1.0 + rate, -(deal.grid.years[t] - deal.grid.years[s.default_period]));
}

// Restructure: what the lenders receive after the default (net of what they advance)
// is their recovery, valued at the default date at the recovery rate.
OFFTAKE_STAGE void count_recoveries(const PreparedDeal& deal, PathState& s, const PeriodState& p) {
    if (s.default_period < 0 || s.enforced || p.t <= s.default_period) return;
    const double received = p.lender_paid - p.lender_advance;
    if (received != 0.0)
        s.recovery_pv += received * df_from_default(deal, s, p.t, deal.remedies.recovery_rate[s.default_period]);
}

// After enforcement the project belongs to its buyer: the period's cash (less what it
// funds) is the buyer's, and the price it pays is their value at the distressed rate.
OFFTAKE_STAGE void hand_over_to_acquirer(const PreparedDeal& deal, PathState& s, PeriodState& p) {
    if (!s.enforced || p.t <= s.default_period) return;
    p.acquirer_distribution = p.cash;
    p.acquirer_contribution = p.equity_contribution;
    p.cash = p.equity_contribution = 0.0;
    s.sale_value += (p.acquirer_distribution - p.acquirer_contribution) *
                    df_from_default(deal, s, p.t, deal.remedies.distressed_rate);
}

// The sale at the default date: the going-concern value V (never below zero) less the
// enforcement costs; the lenders take what they are still owed, the original equity
// the rest. V is the stated value (the buyer's view at the default date,
// lenders_decision.hpp) or, when none is stated, the value of this run's own cash after
// the default. Returns the surplus to equity.
OFFTAKE_STAGE double finish_enforcement(const PreparedDeal& deal, PathState& s, PathResult& r,
                                        const double* stated_value) {
    r.going_concern_value = r.sale_proceeds = r.sale_to_lenders = 0.0;  // the result is reused across paths
    if (!s.enforced) return 0.0;
    const double value = max_of(0.0, stated_value ? *stated_value : s.sale_value);
    const double net = value * (1.0 - deal.remedies.enforcement_cost);
    const double to_lenders = min_of(s.enforcement_owed, net);
    s.recovery_pv += to_lenders;
    r.going_concern_value = value;
    r.sale_proceeds = net;
    r.sale_to_lenders = to_lenders;
    return net - to_lenders;
}

}  // namespace offtake::waterfall
