// Stage 0, financial close and construction (t = 0..COD; conventions sections 5-8):
// what the period must fund (capex, the loan's fees, interest unless capitalised, and at
// COD the DSRA), and who funds it: the senior loan's draws first, then unspent
// prepayment proceeds, then the sponsors. Prepayment proceeds left at COD go to equity.
#pragma once

#include "instruments/prepayment.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/path_state.hpp"
#include "waterfall/stages/tranches.hpp"

#include <algorithm>

namespace offtake::waterfall {

// The loan during construction: drawn against capex, interest accruing on the opening
// balance (tau_0 = 0: nothing accrues at close), capitalised (IDC) or paid by the project.
OFFTAKE_STAGE void draw_senior_debt_in_construction(const DebtPlan& debt, PathState& s, PeriodState& p) {
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
OFFTAKE_STAGE void receive_prepayment_in_construction(const PrepaymentPlan& pre, PathState& s, PeriodState& p) {
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
// `cod`: the path's COD (late by the construction delay); the target is the plan's.
OFFTAKE_STAGE void fund_dsra_at_cod(const DebtPlan& debt, int cod, int plan_cod, PathState& s, PeriodState& p) {
    if (p.t == cod && debt.active) {
        p.dsra_deposit = debt.dsra_target[plan_cod];
        s.dsra = p.dsra_deposit;
        p.funding_need += p.dsra_deposit;
    }
}

// Unspent prepayment proceeds pay first; the sponsors contribute the rest. At COD
// whatever proceeds remain are released to equity (the project no longer needs them).
OFFTAKE_STAGE void fund_from_prepayment_then_equity(int cod, PathState& s, PeriodState& p) {
    const double used = min_of(s.unspent_prepayment, max_of(p.funding_need, 0.0));
    s.unspent_prepayment -= used;
    p.equity_contribution = p.funding_need - used;
    if (p.t == cod) { p.distribution = s.unspent_prepayment; s.unspent_prepayment = 0.0; }
}

// Completion risk (docs/risks.md section 2): the period's cost beyond the plan (in a
// planned construction period the overrun on its capex; in a period of delay everything
// it must fund but the planned DSRA deposit) is funded by the sponsors' completion
// support up to its cap (their money: part of the equity contribution), then by the
// cost-overrun facility up to its cap (a senior draw); what is left unfunded abandons the
// project: a default before completion.
OFFTAKE_STAGE void fund_overrun(const PreparedDeal& deal, PathState& s, PeriodState& p) {
    const double overrun = p.t <= deal.cod ? p.construction_capex - deal.construction_capex[p.t]
                                           : p.funding_need - p.dsra_deposit;
    if (!(overrun > 0.0)) return;
    const auto& c = deal.completion;
    p.completion_support = min_of(overrun, max_of(0.0, c.support_cap - s.completion_support_used));
    s.completion_support_used += p.completion_support;
    double rest = overrun - p.completion_support;
    p.overrun_draw = min_of(rest, max_of(0.0, c.facility_cap - s.overrun_drawn));
    s.overrun_drawn += p.overrun_draw;
    s.debt_balance += p.overrun_draw;
    s.peak_debt = max_of(s.peak_debt, s.debt_balance);
    rest -= p.overrun_draw;
    p.funding_need -= p.overrun_draw;
    if (rest > kMoneyEpsilon) {
        p.overrun_unfunded = rest;
        p.funding_need -= rest;
        s.abandoned = true;
    }
}

// `cod`: the path's COD.
// `tranches`: the state of the tranches below the senior debt, null without them.
OFFTAKE_STAGE void fund_construction_period(const PreparedDeal& deal, PathState& s, PeriodState& p,
                                     PathBuffers& buf, int cod, TrancheStates* tranches) {
    draw_senior_debt_in_construction(deal.debt, s, p);
    if (tranches) draw_tranches_in_construction(deal, *tranches, p);
    receive_prepayment_in_construction(deal.prepayment, s, p);
    fund_dsra_at_cod(deal.debt, cod, deal.cod, s, p);
    if (deal.completion.active) fund_overrun(deal, s, p);
    fund_from_prepayment_then_equity(cod, s, p);
    buf.project_cash_flow[p.t] = -p.construction_capex;
    s.construction_spent += p.construction_capex;
    buf.equity_cash_flow[p.t] = p.distribution - p.equity_contribution;
    if (tranches) buf.equity_cash_flow[p.t] += p.shareholder_received - p.shareholder_draw;
}

// The project is abandoned in period t, before completion (docs/risks.md section 2): no
// cash flows after it; the lenders' whole balance is exposed and lost (ASSUMPTION: an
// unfinished mine is sold for nothing), a payment default in period t; each buyer's
// contracted tonnes go undelivered.
OFFTAKE_STAGE void abandon_before_completion(const PreparedDeal& deal, const double* prices, PathState& s,
                                             PathBuffers& buf, PathResult& r, PathSeries* series, int t) {
    for (int u = t + 1; u <= deal.n; ++u) {
        buf.project_cash_flow[u] = buf.equity_cash_flow[u] = 0.0;
        if (series) {
            series->price[u] = prices[u];
            series->cfads[u] = series->dscr[u] = series->cash_balance[u] = 0.0;
        }
    }
    if (deal.debt.active && s.debt_balance > kMoneyEpsilon) {
        s.any_default = s.any_shortfall = true;
        s.default_period = t;
        s.ead = s.debt_balance;
        s.recovery_pv = 0.0;
        s.debt_balance = 0.0;
        s.loan_closed = true;
    }
    for (std::size_t c = 0; c < deal.contracts.size(); ++c) {
        double contracted = 0.0;
        for (int u = deal.cod + 1; u <= deal.n; ++u) contracted += deal.contracts[c].volume[u];
        r.buyers[c].contracted_tonnes = contracted;
        r.buyers[c].shortfall = contracted > 0.0;
    }
}

}  // namespace offtake::waterfall
