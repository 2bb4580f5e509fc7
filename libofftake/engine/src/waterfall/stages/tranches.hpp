// The tranches below the senior debt (docs/credit.md section 7): subordinated (mezzanine)
// loans and shareholder loans, each with its own plan (PreparedDeal::tranches).
//   draw_tranches_in_construction  drawn pro rata with construction capex beside the
//                             senior loan; interest capitalised; fees paid at close and
//                             on the undrawn commitment;
//   accrue_tranche_interest   interest on the opening balance (deductible, before tax) and
//                             the scheduled service (subordinated: the total DSCR's);
//   pay_tranches              from the cash left after senior debt service and the DSRA
//                             top-up: subordinated before the lock-up test, shareholder
//                             loans after it; each tranche is due its interest, scheduled
//                             principal and arrears. A shortfall not caught up within the
//                             cure period is the tranche's own event of default; it does
//                             not default the senior debt (ASSUMPTION: intercreditor
//                             standstill). A senior event of default is an event of
//                             default of every tranche (cross-default): the tranche is due
//                             its whole balance, and what it is paid after is its recovery;
//   write_off_tranches        at the end of the mine life, or when the senior debt is
//                             closed with a loss (a tranche ranked below cannot recover
//                             more once the senior lenders have given up);
//   tranches_share_enforcement  an enforcement sale's proceeds left after the senior debt
//                             go to the tranches by rank, then to equity.
// Shareholder loans are the sponsors' money: their draws and receipts are in the equity
// cash flow (so the equity IRR is the sponsors' return on everything they put in).
// The state lives on run_waterfall's stack; without tranches none of this runs.
#pragma once

#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/events_of_default.hpp"
#include "waterfall/stages/path_state.hpp"

#include <offtake/engine.hpp>

#include <array>
#include <cmath>
#include <limits>

namespace offtake::waterfall {

struct TrancheState {
    double balance = 0.0;
    double interest = 0.0;            // this period's, accrued on the opening balance
    double scheduled = 0.0;           // this period's scheduled principal
    double arrears = 0.0;             // service due and not paid
    double ead = 0.0;
    double recovery_pv = 0.0;
    int cure_last = -1;
    int default_period = -1;
    bool shortfall = false;
    bool closed = false;              // written off: nothing more is paid
};

struct TrancheStates {
    std::array<TrancheState, kMaxJuniorTranches> at{};
    double total_dscr_min = std::numeric_limits<double>::infinity();
    int total_dscr_count = 0;
};

OFFTAKE_STAGE void draw_tranches_in_construction(const PreparedDeal& deal, TrancheStates& ts, PeriodState& p) {
    const int k = static_cast<int>(deal.tranches.size());
    for (int j = 0; j < k; ++j) {
        const TranchePlan& tp = deal.tranches[j];
        const DebtPlan& plan = tp.plan;
        TrancheState& x = ts.at[j];
        const double interest = x.balance * (plan.base_rate[p.t] + plan.margin[p.t]) * p.tau;
        const double draw = plan.draw[p.t];
        const double fees = (p.t == 0 ? plan.upfront_fee : 0.0) + plan.commitment_fee[p.t];
        x.balance += interest + draw;
        p.tranche_interest += interest;
        p.tranche_draw += draw;
        p.tranche_fees += fees;
        if (tp.shareholder) { p.shareholder_draw += draw; p.shareholder_received += fees; }
        p.funding_need += fees - draw;
    }
}

OFFTAKE_STAGE void accrue_tranche_interest(const PreparedDeal& deal, TrancheStates& ts, PeriodState& p) {
    const int k = static_cast<int>(deal.tranches.size());
    for (int j = 0; j < k; ++j) {
        const DebtPlan& plan = deal.tranches[j].plan;
        TrancheState& x = ts.at[j];
        x.interest = x.closed ? 0.0 : x.balance * (plan.base_rate[p.t] + plan.margin[p.t]) * p.tau;
        x.scheduled = 0.0;
        if (!x.closed && x.balance > kMoneyEpsilon && p.q >= plan.first_repayment)
            x.scheduled = p.q >= plan.maturity ? x.balance : min_of(plan.principal[p.q], x.balance);
        p.tranche_interest += x.interest;
        if (!deal.tranches[j].shareholder) p.tranche_service_due += x.interest + x.scheduled;
    }
}

// Total DSCR = CFADS / (senior service due + counted prepayment deduction + subordinated
// scheduled service), in periods where that is due; shareholder loans are left out (the
// sponsors' own money, as lenders read coverage).
OFFTAKE_STAGE void total_coverage(TrancheStates& ts, PeriodState& p) {
    const double denominator = p.debt_service_due + p.counted_deduction + p.tranche_service_due;
    if (!(denominator > kMoneyEpsilon)) return;
    p.has_total_dscr = true;
    p.total_dscr = p.cfads / denominator;
    ts.total_dscr_min = min_of(ts.total_dscr_min, p.total_dscr);
    ++ts.total_dscr_count;
}

OFFTAKE_STAGE void close_tranche(TrancheState& x, PeriodState& p) {
    p.tranche_write_off += x.balance;
    x.balance = 0.0;
    x.closed = true;
}

// The tranches of one rank (shareholder or not) in order, from the period's cash.
OFFTAKE_STAGE void pay_tranches(const PreparedDeal& deal, const PathState& s, TrancheStates& ts, PeriodState& p,
                                bool shareholder) {
    const int k = static_cast<int>(deal.tranches.size());
    // After an enforcement the project is its buyer's; after a senior write-off at the
    // restructuring horizon the tranches below are lost as well.
    const bool after_sale = s.enforced && p.t > s.default_period;
    const bool senior_lost = s.loan_closed && s.any_default && !s.enforced;
    for (int j = 0; j < k; ++j) {
        const TranchePlan& tp = deal.tranches[j];
        if (tp.shareholder != shareholder) continue;
        TrancheState& x = ts.at[j];
        if (x.closed || after_sale) continue;
        const double owed = x.balance + x.interest;
        const bool defaulted = x.default_period >= 0;
        const double due = defaulted ? owed : min_of(owed, x.interest + x.scheduled + x.arrears);
        const double paid = min_of(max_of(p.cash, 0.0), due);
        p.cash -= paid;
        p.tranche_paid += paid;
        if (tp.shareholder) p.shareholder_received += paid;
        x.balance = owed - paid;
        if (defaulted) {
            if (p.t > x.default_period && paid != 0.0)
                x.recovery_pv += paid * std::pow(1.0 + deal.remedies.recovery_rate[x.default_period],
                                                 -(deal.grid.years[p.t] - deal.grid.years[x.default_period]));
        } else {
            x.arrears = due - paid;
            if (x.arrears > kMoneyEpsilon && x.balance > kMoneyEpsilon) {
                x.shortfall = true;
                if (x.cure_last < 0) x.cure_last = deal.remedies.cure_last[p.t];
            } else {
                x.arrears = 0.0;
                x.cure_last = -1;
            }
            // Its own event of default, or the senior's (cross-default).
            const bool own = x.cure_last >= 0 && p.t >= x.cure_last;
            if ((own || s.any_default) && x.balance > kMoneyEpsilon) {
                x.default_period = p.t;
                x.ead = x.balance;
                x.arrears = 0.0;
                x.cure_last = -1;
            }
        }
        if (senior_lost) close_tranche(x, p);
    }
}

OFFTAKE_STAGE void write_off_tranches_at_mine_end(const PreparedDeal& deal, TrancheStates& ts, PeriodState& p) {
    const int k = static_cast<int>(deal.tranches.size());
    for (int j = 0; j < k; ++j)
        if (!ts.at[j].closed) close_tranche(ts.at[j], p);
}

// Abandoned before completion (construction_funding.hpp): every tranche defaults in
// period t and loses its whole balance.
OFFTAKE_STAGE void abandon_tranches(const PreparedDeal& deal, TrancheStates& ts, PeriodState& p) {
    const int k = static_cast<int>(deal.tranches.size());
    for (int j = 0; j < k; ++j) {
        TrancheState& x = ts.at[j];
        if (x.balance > kMoneyEpsilon) {
            x.default_period = p.t;
            x.ead = x.balance;
            x.shortfall = true;
        }
        close_tranche(x, p);
    }
}

// Enforcement: the sale's proceeds left after the senior lenders (`surplus`) go to the
// tranches by rank (as of the default date); returns what is left for equity. Each
// tranche's take is its recovery at the default date and reduces its write-off there.
// `to_shareholders` receives the shareholder loans' part (the sponsors' money).
OFFTAKE_STAGE double tranches_share_enforcement(const PreparedDeal& deal, TrancheStates& ts, double surplus,
                                                double& to_tranches, double& to_shareholders) {
    const int k = static_cast<int>(deal.tranches.size());
    to_tranches = to_shareholders = 0.0;
    for (int j = 0; j < k; ++j) {
        TrancheState& x = ts.at[j];
        if (x.default_period < 0) continue;
        const double owed = x.ead - x.recovery_pv;
        const double take = min_of(max_of(owed, 0.0), surplus);
        if (!(take > 0.0)) continue;
        x.recovery_pv += take;
        surplus -= take;
        to_tranches += take;
        if (deal.tranches[j].shareholder) to_shareholders += take;
    }
    return surplus;
}

// Enforcement at the default period e: the tranches are closed then (their balance,
// provisionally, written off at e; the sale's share reduces it, as the senior's).
OFFTAKE_STAGE void close_tranches_at_enforcement(const PreparedDeal& deal, const PathState& s, TrancheStates& ts,
                                                 PeriodState& p) {
    if (!s.enforced || p.t != s.default_period) return;
    const int k = static_cast<int>(deal.tranches.size());
    for (int j = 0; j < k; ++j)
        if (!ts.at[j].closed) close_tranche(ts.at[j], p);
}

OFFTAKE_STAGE void tranche_results(const PreparedDeal& deal, const TrancheStates& ts, PathResult& r) {
    const int k = static_cast<int>(deal.tranches.size());
    for (int j = 0; j < k; ++j) {
        const TrancheState& x = ts.at[j];
        TranchePathResult& o = r.tranches[j];
        o.payment_shortfall = x.shortfall;
        o.payment_default = x.default_period >= 0;
        o.default_period = x.default_period;
        o.exposure_at_default = o.payment_default ? x.ead : 0.0;
        const double loss = o.exposure_at_default - x.recovery_pv;
        o.loss = (o.payment_default && loss >= 0.005) ? loss : 0.0;
        o.recovery = o.exposure_at_default - o.loss;
    }
    r.dscr_total_min = (k > 0 && ts.total_dscr_count) ? std::optional<double>(ts.total_dscr_min) : std::nullopt;
}

}  // namespace offtake::waterfall
