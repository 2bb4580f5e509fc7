// After the last period: the path's metrics (conventions sections 2, 8 and 9) from the
// two cash-flow vectors and the sums the stages kept in PathState.
#pragma once

#include "metrics/irr.hpp"
#include "metrics/npv.hpp"
#include "metrics/payback.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/path_state.hpp"

#include <offtake/engine.hpp>

#include <cmath>
#include <optional>

namespace offtake::waterfall {

OFFTAKE_STAGE void path_metrics(const PreparedDeal& deal, const IrrStart& irr_start, const PathState& s,
                                PathBuffers& buf, PathResult& r) {
    const int n = deal.n;
    const DebtPlan& debt = deal.debt;
    const double* pcf = buf.project_cash_flow;
    const double* ecf = buf.equity_cash_flow;

    // Project (unlevered) and equity returns; each equity investor holds its share of the
    // equity cash flow, so all share one IRR. The solver starts from a constant of the
    // deal (irr_start), never from another path's result: the start decides where Newton
    // converges within 1e-12 (and which root where flows admit several), so a start carried
    // over from the path run before made a path's IRR depend on the thread's order.
    r.npv = metrics::npv(pcf, deal.df.data(), 0, n);
    metrics::IrrOptions o;
    o.guess = irr_start.project;
    r.irr = metrics::irr(deal.irr_grid, pcf, 0, n, o);
    const double equity_npv = metrics::npv(ecf, deal.df_equity.data(), 0, n);
    o.guess = irr_start.equity;
    const std::optional<double> equity_irr = metrics::irr(deal.irr_grid, ecf, 0, n, o);
    for (std::size_t i = 0; i < deal.equity_share.size(); ++i) {
        r.equity_npv[i] = deal.equity_share[i] * equity_npv;
        r.equity_irr[i] = deal.equity_share[i] > 0.0 ? equity_irr : std::nullopt;
    }
    r.payback_years = metrics::payback_years(pcf, deal.grid.years.data(), n);

    // Coverage: absent when no period had a DSCR, or (LLCR, PLCR) without senior debt.
    r.dscr_min = s.dscr_count ? std::optional<double>(s.dscr_min) : std::nullopt;
    r.dscr_avg = s.dscr_count ? std::optional<double>(s.dscr_sum / s.dscr_count) : std::nullopt;
    const bool has_cover = debt.active && s.net_debt_at_cod > kMoneyEpsilon;
    r.llcr = has_cover ? std::optional<double>(s.llcr_numerator / s.net_debt_at_cod) : std::nullopt;
    r.plcr = has_cover ? std::optional<double>(s.plcr_numerator / s.net_debt_at_cod) : std::nullopt;
    r.payment_default = s.any_default;
    r.lockup = s.any_lockup;

    // Credit (docs/credit.md): exposure at the event of default, what the lenders recover
    // valued at its date, and the difference, the loss (none under half a cent: rounding).
    r.payment_shortfall = s.any_shortfall;
    r.enforced = s.enforced;
    r.default_period = s.default_period;
    r.default_years = s.default_period >= 0 ? deal.grid.years[s.default_period] : 0.0;
    r.exposure_at_default = s.any_default ? s.ead : 0.0;
    const double loss = r.exposure_at_default - s.recovery_pv;
    r.lender_loss = (debt.active && s.any_default && loss >= 0.005) ? loss : 0.0;
    r.recovery = r.exposure_at_default - r.lender_loss;
    r.lender_loss_net = (1.0 - debt.cover) * r.lender_loss;
    r.peak_debt = s.peak_debt;
    r.export_restricted_tonnes = s.export_restricted_tonnes;

    // The equity cash flow's negative and positive periods, for a buyer that also holds
    // equity (summed only when one does).
    double equity_in = 0.0, equity_out = 0.0;
    bool buyer_investor = false;
    for (const auto& c : deal.contracts) buyer_investor = buyer_investor || c.equity_investor >= 0;
    if (buyer_investor)
        for (int t = 0; t <= n; ++t) (ecf[t] < 0.0 ? equity_in : equity_out) += std::fabs(ecf[t]);

    const int offtakes = static_cast<int>(deal.contracts.size());
    // The prepayment is one claim of one counterparty: a buyer holding several offtakes
    // shows its recovery and loss on its first offtake only, so a sum over offtakes
    // counts it once.
    bool prepayment_reported = false;
    for (int c = 0; c < offtakes; ++c) {
        BuyerPathResult& b = r.buyers[c];
        if (deal.contracts[c].prepayment_buyer && !prepayment_reported) {
            prepayment_reported = true;
            b.prepayment_recovered = s.prepayment_recovered;
            b.prepayment_lost = s.prepayment_lost;
        }
        const int e = deal.contracts[c].equity_investor;
        b.equity_irr = (e >= 0) ? r.equity_irr[e] : std::nullopt;
        b.equity_contributed = (e >= 0) ? deal.equity_share[e] * equity_in : 0.0;
        b.equity_returned = (e >= 0) ? deal.equity_share[e] * equity_out : 0.0;
    }
}

}  // namespace offtake::waterfall
