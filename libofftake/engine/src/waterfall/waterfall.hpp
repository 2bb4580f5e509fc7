// The waterfall of one path (conventions sections 3 to 9), written once and used three
// ways: by run_path (no recorder: nothing but the metrics), by the deterministic report
// (a recorder that keeps every line of every period) and by the sculpting sizer in
// prepare() (which sets each period's principal from that period's CFADS).
//
// It is a sequence of stages over two pieces of state (stages/path_state.hpp): the
// PathState carried from period to period, and the PeriodState of the period being run.
// Each stage is a small inline function in its own file under stages/, named as a term
// sheet would name it; the order below is the order of the cash waterfall:
//
//   financial close and construction  stages/construction_funding.hpp
//   1 allocation and revenue          stages/allocation_revenue.hpp
//   2 prepayment deductions           stages/prepayment_deductions.hpp
//   3 operating costs and tax, CFADS  stages/operating_costs_tax.hpp
//   4 senior debt service             stages/debt_service.hpp
//   5 reserves (DSRA) and lock-up     stages/reserves_lockup.hpp
//   6 shortfall, cure, default        stages/events_of_default.hpp, sponsor_support.hpp
//     and the restructuring sweep     stages/default_sweep.hpp
//   7 distributions                   stages/distributions.hpp
//   the path's metrics                stages/path_metrics.hpp
//
// Nothing here allocates: the state is on the stack and the per-offtake lines and cash
// flows live in the caller's scratch.
#pragma once

#include "waterfall/period_flows.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/allocation_revenue.hpp"
#include "waterfall/stages/construction_funding.hpp"
#include "waterfall/stages/debt_service.hpp"
#include "waterfall/stages/default_sweep.hpp"
#include "waterfall/stages/distributions.hpp"
#include "waterfall/stages/events_of_default.hpp"
#include "waterfall/stages/operating_costs_tax.hpp"
#include "waterfall/stages/path_metrics.hpp"
#include "waterfall/stages/path_state.hpp"
#include "waterfall/stages/period_lines.hpp"
#include "waterfall/stages/prepayment_deductions.hpp"
#include "waterfall/stages/reserves_lockup.hpp"
#include "waterfall/stages/sponsor_support.hpp"
#include "waterfall/stages/tranches.hpp"

#include <offtake/engine.hpp>

namespace offtake::waterfall {

struct NoRecorder {
    static constexpr bool active = false;
    void period(int, const PeriodFlows&, const double*, const double*, const double*,
                const double*) {}
};

// scratch: at least PreparedDeal::scratch_doubles doubles (layout: PathBuffers).
// irr_start: where the IRR solver starts (deal.irr_start on a path; IrrStart{} for the
// base case itself).
// response: the lenders' answer to an event of default in this run (lenders_decision.hpp
// chooses it under the rule `best`).
// sale_value: enforce: the going-concern value V the project is sold for, as a buyer
// valued it at the default date (lenders_decision.hpp); null: V on this run's own cash
// after the default (the buyer's-view run that computes it).
template <class Recorder>
void run_waterfall(const PreparedDeal& deal, const PathInputs& in, PathResult& r, double* scratch,
                   PathSeries* series, Recorder& rec, const SculptCapture* sculpt,
                   const IrrStart& irr_start, LenderResponse response, const double* sale_value = nullptr) {
    const bool sizing = sculpt != nullptr;
    const int n = deal.n, cod = deal.cod;
    const double* prices = in.price ? in.price : deal.base_prices.data();
    PathBuffers buf = PathBuffers::carve(scratch, n, static_cast<int>(deal.contracts.size()));
    open_buyer_accounts(deal, in, r);
    PathState s;
    TrancheStates ts;
    const bool tranches = !deal.tranches.empty();
    PeriodFlows lines;

    // Completion risk (docs/risks.md section 2): COD is late by `delay` periods on this
    // path, and every plan date after it (production, costs, contracts, the debt schedule)
    // moves with it: period t reads the plan's period q = t - delay.
    const int delay = in.delay_periods;
    const int path_cod = cod + delay;

    // ---- Financial close and construction: t = 0..COD ----
    for (int t = 0; t <= path_cod; ++t) {
        PeriodState p;
        p.t = t;
        p.q = t;
        p.tau = deal.grid.tau[t];
        p.price = prices[t];
        p.construction_capex = t <= cod ? deal.construction_capex[t] * in.capex_factor : 0.0;
        fund_construction_period(deal, s, p, buf, path_cod, tranches ? &ts : nullptr);
        if (in.abandon_at_completion && t == path_cod) s.abandoned = true;
        if (tranches && s.abandoned) abandon_tranches(deal, ts, p);
        if constexpr (Recorder::active) {
            construction_lines(s, p, deal.debt.idc_capitalised, lines);
            if (tranches) tranche_lines(deal, ts, p, lines);
            rec.period(t, lines, buf.delivered, buf.contract_price, buf.invoice, buf.penalty);
        }
        if (series) record_series(s, p, *series);
        if (s.abandoned) {
            abandon_before_completion(deal, prices, s, buf, r, series, t);
            r.construction_capex = s.construction_spent;
            r.completion_delay = delay;
            r.abandoned = true;
            path_metrics(deal, irr_start, s, buf, r);
            if (tranches) tranche_results(deal, ts, r);
            return;
        }
    }
    s.net_debt_at_cod = s.debt_balance - s.dsra;

    // ---- Operations: t = COD+1..n ----
    for (int t = path_cod + 1; t <= n; ++t) {
        PeriodState p;
        p.t = t;
        p.q = t - delay;
        p.tau = deal.grid.tau[t];
        p.price = prices[t];
        p.production = deal.production[p.q];
        if (in.production_factor) p.production *= in.production_factor[t];

        // Revenue down to CFADS.
        allocate_and_sell(deal, in, r, buf, s, p);
        if (series && series->offtake_lines) record_offtake_lines(deal, buf, t, *series);
        deduct_prepayment(deal.prepayment, s, p);
        buyer_default_bad_debt(deal, in, buf, p);
        operating_costs_and_ebitda(deal, s, p);
        accrue_senior_interest(deal, in, s, p);
        if (tranches) accrue_tranche_interest(deal, ts, p);
        tax_and_cfads(deal, in, s, p, buf);

        // CFADS down the cash waterfall.
        debt_service_due(deal, s, p, sculpt);
        if (tranches) total_coverage(ts, p);
        cash_available_for_debt_service(deal, s, p, sizing);
        repay_senior_sponsor_support(deal.sponsor_support, s, p);
        if (!s.in_default) {
            pay_scheduled_debt_service(deal, s, p, sizing);
            pay_arrears(s, p);
            test_event_of_default(deal, response, s, p);
            if (!s.in_default && s.cure_last < 0) top_up_dsra(deal.debt, s, p);
        } else {
            lenders_cash_sweep(deal, s, p);
            restructuring_horizon(s, p);
        }
        count_lender_receipts(deal, s, p);
        settle_prepayment_in_cash(deal.prepayment, s, p);
        if (tranches) pay_tranches(deal, s, ts, p, false);
        lock_up_test(deal.debt, s, p);
        repay_subordinated_sponsor_support(deal.sponsor_support, s, p);
        if (t == n) {
            release_reserves_at_mine_end(s, p);
            write_off_at_mine_end(s, p);
            write_off_sponsor_support_at_mine_end(s, p);
        }
        if (tranches) {
            // Shareholder loans last (after the lock-up: a restricted payment); the
            // reserves released at the mine's end reach them too.
            pay_tranches(deal, s, ts, p, true);
            close_tranches_at_enforcement(deal, s, ts, p);
            if (t == n) write_off_tranches_at_mine_end(deal, ts, p);
        }
        distribute_to_equity(deal, s, p, buf);

        if constexpr (Recorder::active) {
            operating_lines(s, p, lines);
            if (tranches) tranche_lines(deal, ts, p, lines);
            rec.period(t, lines, buf.delivered, buf.contract_price, buf.invoice, buf.penalty);
        }
        if (series) record_series(s, p, *series);
    }

    // Enforcement: the sale at the default date, at the stated value or, in the buyer's
    // view itself, at the value of the cash after it.
    double surplus = finish_enforcement(deal, s, r, sale_value);
    r.sale_to_tranches = r.sale_to_shareholder_loans = 0.0;
    if (tranches && s.enforced) {
        // The tranches by rank, then equity; a shareholder loan's part is the sponsors'.
        double to_shareholders = 0.0;
        surplus = tranches_share_enforcement(deal, ts, surplus, r.sale_to_tranches, to_shareholders);
        r.sale_to_shareholder_loans = to_shareholders;
        surplus += to_shareholders;
    }
    if (s.enforced) buf.equity_cash_flow[s.default_period] += surplus;
    path_metrics(deal, irr_start, s, buf, r);
    if (tranches) tranche_results(deal, ts, r);
    r.construction_capex = s.construction_spent;
    r.completion_delay = delay;
    r.abandoned = false;
}

}  // namespace offtake::waterfall
