// The waterfall of one path (conventions sections 3 to 9), written once and used three
// ways: by run_path (no recorder: nothing but the metrics), by the deterministic report
// (a recorder that keeps every line of every period) and by the sculpting sizer in
// prepare() (which sets each period's principal from that period's CFADS).
//
// Order within an operating period: allocation and pricing of deliveries -> revenue,
// royalty, opex, penalties, bad debt -> EBITDA -> interest, tax with loss carry-forward
// -> CFADS -> senior debt service and prepayment deduction -> DSRA / trapped cash draws
// if short, payment default if still short -> DSRA top-up -> prepayment cash settlement
// at the contract's end -> lock-up test -> distributions.
#pragma once

#include "instruments/offtake_pricing.hpp"
#include "instruments/prepayment.hpp"
#include "instruments/sculpting.hpp"
#include "instruments/sll_margin.hpp"
#include "metrics/irr.hpp"
#include "metrics/npv.hpp"
#include "metrics/payback.hpp"
#include "waterfall/period_flows.hpp"
#include "waterfall/prepared_deal.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>

namespace offtake::waterfall {

// Money below this is rounding noise, not a shortfall (a thousandth of a cent).
constexpr double kMoneyEpsilon = 1e-5;

// Used by prepare() to sculpt: principal of repayment periods from that period's CFADS.
struct SculptCapture {
    double target_dscr = 1.0;
    double* cfads = nullptr;          // out, per period
    double* counted_deduction = nullptr;
    double* principal = nullptr;      // out: the principal set
};

struct NoRecorder {
    static constexpr bool active = false;
    void period(int, const PeriodFlows&, const double*, const double*, const double*,
                const double*) {}
};

// scratch: at least PreparedDeal::scratch_doubles doubles.
// Layout: [0, n] project CF, [n+1, 2n+1] equity CF, then per contract: delivered,
// price, invoice, penalty; the last two doubles keep the IRR warm starts.
template <class Recorder>
void run_waterfall(const PreparedDeal& p, const PathInputs& in, PathResult& r, double* scratch,
                   PathSeries* series, Recorder& rec, const SculptCapture* sculpt) {
    const int n = p.n, C = p.cod;
    const int nc = static_cast<int>(p.contracts.size());
    const double* S = in.price ? in.price : p.base_prices.data();
    double* pcf = scratch;
    double* ecf = scratch + (n + 1);
    double* c_del = scratch + 2 * (n + 1);
    double* c_price = c_del + nc;
    double* c_inv = c_price + nc;
    double* c_pen = c_inv + nc;
    double* warm = c_pen + nc;  // [0] project IRR, [1] equity IRR

    const DebtPlan& debt = p.debt;
    const PrepaymentPlan& pre = p.prepayment;

    for (int c = 0; c < nc; ++c) {
        BuyerPathResult& b = r.buyers[c];
        b = BuyerPathResult{};
        const int dp = in.buyer_default_period ? in.buyer_default_period[c] : INT_MAX;
        b.defaulted = dp <= n;
    }

    double bal = 0.0, dsra = 0.0, trapped = 0.0, pp = 0.0, pool = 0.0;
    double lcf = 0.0, lcf_u = 0.0, wc_prev = 0.0;
    bool in_default = false;
    double lender_pv = 0.0, peak = 0.0;
    double dscr_min = std::numeric_limits<double>::infinity(), dscr_sum = 0.0;
    int dscr_count = 0;
    double llcr_num = 0.0, plcr_num = 0.0, cover_den = 0.0;
    bool any_lockup = false, any_default = false;
    double pp_recovered = 0.0, pp_lost_total = 0.0;

    PeriodFlows f;
    // ---- Financial close and construction: t = 0..C ----
    for (int t = 0; t <= C; ++t) {
        if constexpr (Recorder::active) f = PeriodFlows{};
        const double tau = p.grid.tau[t];
        double need = 0.0, interest = 0.0, gfee = 0.0, cfee = 0.0, draw = 0.0;
        const double capex = p.construction_capex[t];
        const double opening = bal;
        if (debt.active) {
            if (t == 0) need = debt.upfront_fee;
            const double rate = debt.base_rate[t] + debt.margin[t];
            interest = bal * rate * tau;  // tau[0] = 0: nothing accrues at close
            gfee = debt.guarantee_fee_rate * bal * tau;
            cfee = debt.commitment_fee[t];
            draw = debt.draw[t];
            if constexpr (Recorder::active) f.all_in_rate = rate;
        }
        need += capex - draw + cfee + gfee;
        if (debt.idc_capitalised) bal += interest + draw;
        else { bal += draw; need += interest; }
        peak = std::max(peak, bal);

        double pp_interest = 0.0, pp_received = 0.0;
        if (pre.active) {
            if (t > pre.draw_period) {
                const double b1 = instruments::accrue_prepayment(pp, pre.rate, tau);
                pp_interest = b1 - pp;
                pp = b1;
            }
            if (t == pre.draw_period) { pp += pre.amount; pool += pre.amount; pp_received = pre.amount; }
        }
        double dsra_dep = 0.0;
        if (t == C && debt.active) { dsra_dep = debt.dsra_target[C]; dsra = dsra_dep; need += dsra_dep; }
        const double use = std::min(pool, std::max(need, 0.0));
        pool -= use;
        const double contribution = need - use;
        double distribution = 0.0;
        if (t == C) { distribution = pool; pool = 0.0; }
        pcf[t] = -capex;
        ecf[t] = distribution - contribution;

        if constexpr (Recorder::active) {
            f.price = S[t];
            f.construction_capex = capex;
            f.project_cash_flow = -capex;
            f.debt_opening = opening;
            f.debt_draw = draw;
            f.interest = interest;
            if (debt.idc_capitalised) f.interest_capitalised = interest; else f.interest_paid = interest;
            f.guarantee_fee = gfee;
            f.upfront_fee = (t == 0 && debt.active) ? debt.upfront_fee : 0.0;
            f.commitment_fee = cfee;
            f.debt_closing = bal;
            f.prepayment_received = pp_received;
            f.prepayment_interest = pp_interest;
            f.prepayment_balance = pp;
            f.dsra_deposit = dsra_dep;
            f.dsra_balance = dsra;
            f.equity_contribution = contribution;
            f.distribution = distribution;
            f.cash_balance = pool;
            rec.period(t, f, c_del, c_price, c_inv, c_pen);
        }
        if (series) {
            series->price[t] = S[t];
            series->cfads[t] = 0.0;
            series->dscr[t] = 0.0;
            series->cash_balance[t] = dsra + trapped;
        }
    }
    cover_den = bal - dsra;
    const double pv_base_cod = 1.0;  // df_lender is 1 at COD by construction
    (void)pv_base_cod;

    // ---- Operations: t = C+1..n ----
    for (int t = C + 1; t <= n; ++t) {
        if constexpr (Recorder::active) f = PeriodFlows{};
        const double tau = p.grid.tau[t];
        const double St = S[t];
        const double Q = p.production[t];
        double remaining = Q;
        double contract_rev = 0.0, penalty = 0.0, pp_invoice = 0.0;
        for (int k = 0; k < nc; ++k) {
            const int c = p.priority_order[k];
            const ContractPlan& cp = p.contracts[c];
            const double vol = cp.volume[t];
            const int dp = in.buyer_default_period ? in.buyer_default_period[c] : INT_MAX;
            c_del[c] = c_price[c] = c_inv[c] = c_pen[c] = 0.0;
            if (vol <= 0.0 || dp < t) continue;  // no contract, or its buyer is gone: spot
            const double dl = std::min(vol, remaining);
            remaining -= dl;
            const double price = instruments::contract_price(cp.pricing, St, cp.escalation[t]);
            const double inv = dl * price;
            const double pen = cp.shortfall_penalty * price * (vol - dl);
            c_del[c] = dl; c_price[c] = price; c_inv[c] = inv; c_pen[c] = pen;
            contract_rev += inv;
            penalty += pen;
            if (cp.prepayment_buyer) pp_invoice += inv;
            BuyerPathResult& b = r.buyers[c];
            b.contracted_tonnes += vol;
            b.delivered_tonnes += dl;
            b.invoiced += inv;
            b.spot_value += dl * St;
            if (vol - dl > 1e-9 * vol) b.shortfall = true;
        }
        const double spot_rev = remaining * St * (1.0 - p.spot_discount);
        const double revenue = contract_rev + spot_rev;

        // Prepayment: accrue, then deduct from the buyer's invoices of this period.
        double ded = 0.0, pp_interest = 0.0, pp_received = 0.0;
        if (pre.active) {
            if (t > pre.draw_period) {
                const double b1 = instruments::accrue_prepayment(pp, pre.rate, tau);
                pp_interest = b1 - pp;
                pp = b1;
                if (t <= pre.end_period) ded = instruments::prepayment_deduction(pp, pre.deduction_share, pp_invoice);
                pp -= ded;
                pp_recovered += ded;
            }
            if (t == pre.draw_period) { pp += pre.amount; pp_received = pre.amount; }
        }
        // Buyer default: the cash part of this period's invoice is lost but for recovery.
        double bad_debt = 0.0;
        if (in.buyer_default_period) {
            for (int c = 0; c < nc; ++c) {
                if (in.buyer_default_period[c] != t || c_inv[c] <= 0.0) continue;
                double cash_part = c_inv[c];
                if (p.contracts[c].prepayment_buyer && pp_invoice > 0.0) cash_part -= ded * c_inv[c] / pp_invoice;
                bad_debt += (1.0 - p.contracts[c].recovery) * cash_part;
            }
        }
        const double royalty = p.royalty_rate * revenue;
        const double opex = p.fixed_opex[t] + p.unit_opex[t] * Q;
        const double closure = p.closure[t];
        const double ebitda = revenue - royalty - opex - penalty - bad_debt - closure;
        const double wc = (t == n) ? 0.0 : p.working_capital_factor * revenue;
        const double dwc = wc - wc_prev;
        wc_prev = wc;

        // Senior debt: interest on the opening balance at the all-in rate of the period.
        const double opening = bal;
        double rate = 0.0, interest = 0.0, gfee = 0.0;
        if (debt.active) {
            rate = debt.base_rate[t] + debt.margin[t] +
                   instruments::sll_adjustment(p.sll, p.operating_year[t], in.kpi_met);
            interest = bal * rate * tau;
            if (!in_default) gfee = debt.guarantee_fee_rate * bal * tau;
        }
        // Tax with losses carried forward, levered (interest deductible) and unlevered.
        const double dep = p.depreciation[t];
        const double taxable = ebitda - dep - interest;
        double base = taxable - lcf, tax = 0.0;
        if (base > 0.0) { tax = p.tax_rate * base; lcf = 0.0; } else lcf = -base;
        const double base_u = (ebitda - dep) - lcf_u;
        double tax_u = 0.0;
        if (base_u > 0.0) { tax_u = p.tax_rate * base_u; lcf_u = 0.0; } else lcf_u = -base_u;

        const double sust = p.sustaining_capex[t];
        const double cfads = ebitda - tax - sust - dwc;
        pcf[t] = ebitda - tax_u - sust - dwc;
        const double counted = pre.counts_as_debt_service ? ded : 0.0;

        // Principal due.
        double principal = 0.0;
        if (debt.active && bal > 0.0) {
            if (t < debt.first_repayment) principal = 0.0;
            else if (t >= debt.maturity) principal = bal;
            else if (sculpt) principal = std::min(instruments::sculpted_service(cfads, counted, sculpt->target_dscr) - interest - gfee, bal);
            else principal = std::min(debt.principal[t], bal);
            if (in_default) principal = std::clamp(principal, 0.0, bal);
        }
        if (sculpt) { sculpt->cfads[t] = cfads; sculpt->counted_deduction[t] = counted; sculpt->principal[t] = principal; }
        const double ds_due = debt.active ? interest + principal + gfee : 0.0;
        const double den = ds_due + counted;
        const bool senior_due = ds_due > kMoneyEpsilon;
        bool has_dscr = false;
        double dscr = 0.0;
        if (den > kMoneyEpsilon && (senior_due || !debt.active)) {
            has_dscr = true;
            dscr = cfads / den;
            dscr_min = std::min(dscr_min, dscr);
            dscr_sum += dscr;
            ++dscr_count;
        }
        if (debt.active && t <= debt.maturity) llcr_num += debt.df_lender[t] * cfads;
        plcr_num += debt.active ? debt.df_lender[t] * cfads : 0.0;

        // Cash.
        double cash = cfads - ded + pp_received;
        double support = 0.0;
        if (cash < 0.0) { support = -cash; cash = 0.0; }  // operating deficit: sponsors fund it
        double dsra_dep = 0.0, dsra_wd = 0.0, trap_dep = 0.0, trap_rel = 0.0;
        double lender_paid = 0.0, fee_paid = 0.0;
        bool defaulted_now = false, locked = false;
        double pp_cash = 0.0, pp_lost = 0.0;
        if (!in_default) {
            double paid = ds_due;
            if (cash >= ds_due) cash -= ds_due;
            else {
                double shortfall = ds_due - cash;
                cash = 0.0;
                dsra_wd = std::min(dsra, shortfall); dsra -= dsra_wd; shortfall -= dsra_wd;
                trap_rel = std::min(trapped, shortfall); trapped -= trap_rel; shortfall -= trap_rel;
                if (sculpt && shortfall > 0.0) {
                    // Sizing assumes the base case pays its scheduled service: a shortfall
                    // is funded like an operating deficit, never a default.
                    support += shortfall;
                    shortfall = 0.0;
                }
                if (shortfall > kMoneyEpsilon) {
                    defaulted_now = in_default = any_default = true;
                    paid = ds_due - shortfall;
                }
            }
            const double lender_due = interest + principal;
            lender_paid = std::min(lender_due, paid);
            fee_paid = paid - lender_paid;
            bal = bal + interest - lender_paid;
            if (!in_default) {
                // DSRA to its target (next debt service), releasing any excess.
                const double target = debt.active ? debt.dsra_target[t] : 0.0;
                if (dsra < target) { dsra_dep = std::min(cash, target - dsra); cash -= dsra_dep; dsra += dsra_dep; }
                else if (dsra > target) { const double x = dsra - target; dsra_wd += x; dsra = target; cash += x; }
            }
        } else {
            // Lenders' cash sweep: everything available, reserves included.
            double avail = cash + dsra + trapped;
            dsra_wd = dsra; trap_rel = trapped; dsra = trapped = 0.0;
            const double owed = bal + interest;
            lender_paid = std::min(avail, owed);
            avail -= lender_paid;
            bal = owed - lender_paid;
            if (bal <= kMoneyEpsilon) {  // repaid: the project is out of default
                avail += bal; lender_paid += bal; bal = 0.0;  // rounding noise closes the loan
                in_default = false;
            }
            cash = avail;
        }
        lender_pv += debt.active ? debt.df_lender[t] * lender_paid : 0.0;
        // Prepayment balance left at the end of its contracts: repaid in cash if cash allows.
        if (pre.active && t == pre.end_period && pp > 0.0) {
            pp_cash = std::min(cash, pp);
            cash -= pp_cash;
            pp_lost = pp - pp_cash;
            pp = 0.0;
            pp_recovered += pp_cash;
            pp_lost_total += pp_lost;
        }
        // Lock-up while senior debt service is due; trapped cash released when it passes.
        if (!in_default && senior_due && has_dscr && dscr < debt.lockup_dscr) {
            locked = any_lockup = true;
            trap_dep = cash;
            trapped += cash;
            cash = 0.0;
        } else if (!in_default && trapped > 0.0) {
            trap_rel += trapped;
            cash += trapped;
            trapped = 0.0;
        }
        double write_off = 0.0;
        if (t == n) {
            if (dsra > 0.0) { dsra_wd += dsra; cash += dsra; dsra = 0.0; }
            if (trapped > 0.0) { trap_rel += trapped; cash += trapped; trapped = 0.0; }
            write_off = bal;  // unpaid at the end of the mine life: the lenders' loss
            bal = 0.0;
        }
        peak = std::max(peak, bal);
        ecf[t] = cash - support;

        if constexpr (Recorder::active) {
            f.price = St; f.production = Q; f.spot_tonnes = remaining; f.spot_revenue = spot_rev;
            f.contract_revenue = contract_rev; f.revenue = revenue; f.royalty = royalty; f.opex = opex;
            f.shortfall_penalty = penalty; f.bad_debt = bad_debt; f.closure = closure; f.ebitda = ebitda;
            f.depreciation = dep; f.interest = interest; f.taxable_income = taxable; f.tax = tax;
            f.loss_carried_forward = lcf; f.unlevered_tax = tax_u; f.sustaining_capex = sust;
            f.working_capital = wc; f.working_capital_change = dwc; f.cfads = cfads;
            f.project_cash_flow = pcf[t];
            f.debt_opening = opening; f.all_in_rate = rate;
            f.interest_paid = std::min(interest, lender_paid);
            f.interest_capitalised = interest - f.interest_paid;
            f.principal_paid = lender_paid - f.interest_paid;
            f.guarantee_fee = fee_paid; f.debt_service_due = ds_due; f.debt_write_off = write_off;
            f.debt_closing = bal;
            f.prepayment_received = pp_received; f.prepayment_interest = pp_interest;
            f.prepayment_deduction = ded; f.prepayment_cash_repaid = pp_cash; f.prepayment_lost = pp_lost;
            f.prepayment_balance = pp;
            f.dsra_deposit = dsra_dep; f.dsra_withdrawal = dsra_wd; f.dsra_balance = dsra;
            f.trapped_deposit = trap_dep; f.trapped_release = trap_rel; f.trapped_balance = trapped;
            f.equity_contribution = support; f.distribution = cash;
            f.lockup = locked; f.payment_default = defaulted_now; f.in_default = in_default || defaulted_now;
            f.has_dscr = has_dscr; f.dscr = dscr;
            rec.period(t, f, c_del, c_price, c_inv, c_pen);
        }
        if (series) {
            series->price[t] = St;
            series->cfads[t] = cfads;
            series->dscr[t] = has_dscr ? dscr : 0.0;
            series->cash_balance[t] = dsra + trapped;
        }
    }

    // ---- Metrics ----
    r.npv = metrics::npv(pcf, p.df.data(), 0, n);
    metrics::IrrOptions o;
    o.guess = std::isfinite(warm[0]) ? warm[0] : 0.1;
    r.irr = metrics::irr(p.irr_grid, pcf, 0, n, o);
    if (r.irr) warm[0] = *r.irr;
    const double eq_npv = metrics::npv(ecf, p.df_equity.data(), 0, n);
    o.guess = std::isfinite(warm[1]) ? warm[1] : 0.1;
    const std::optional<double> eq_irr = metrics::irr(p.irr_grid, ecf, 0, n, o);
    if (eq_irr) warm[1] = *eq_irr;
    for (std::size_t i = 0; i < p.equity_share.size(); ++i) {
        r.equity_npv[i] = p.equity_share[i] * eq_npv;
        r.equity_irr[i] = p.equity_share[i] > 0.0 ? eq_irr : std::nullopt;
    }
    r.payback_years = metrics::payback_years(pcf, p.grid.years.data(), n);
    r.dscr_min = dscr_count ? std::optional<double>(dscr_min) : std::nullopt;
    r.dscr_avg = dscr_count ? std::optional<double>(dscr_sum / dscr_count) : std::nullopt;
    r.llcr = (debt.active && cover_den > kMoneyEpsilon) ? std::optional<double>(llcr_num / cover_den) : std::nullopt;
    r.plcr = (debt.active && cover_den > kMoneyEpsilon) ? std::optional<double>(plcr_num / cover_den) : std::nullopt;
    r.payment_default = any_default;
    r.lockup = any_lockup;
    // Scheduled and received PVs are summed separately, so a path that pays in full
    // leaves a rounding residual of about 1e-8: a shortfall under half a cent is none.
    const double shortfall_pv = debt.scheduled_lender_pv - lender_pv;
    r.lender_loss = (debt.active && shortfall_pv >= 0.005) ? shortfall_pv : 0.0;
    r.lender_loss_net = (1.0 - debt.cover) * r.lender_loss;
    r.peak_debt = peak;
    for (int c = 0; c < nc; ++c) {
        BuyerPathResult& b = r.buyers[c];
        if (p.contracts[c].prepayment_buyer) {
            b.prepayment_recovered = pp_recovered;
            b.prepayment_lost = pp_lost_total;
        }
        const int e = p.contracts[c].equity_investor;
        b.equity_irr = (e >= 0) ? r.equity_irr[e] : std::nullopt;
    }
}

}  // namespace offtake::waterfall
