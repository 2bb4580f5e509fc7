// run_deterministic(): the waterfall on the base-case deck with every line recorded.
#include "waterfall/lenders_decision.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/waterfall.hpp"

#include <offtake/deterministic.hpp>

#include <algorithm>
#include <limits>

namespace offtake {

namespace {

struct RowRecorder {
    static constexpr bool active = true;
    const PreparedDeal* p = nullptr;
    std::vector<PeriodRow>* rows = nullptr;
    void period(int t, const PeriodLines& f, const double* del, const double* price,
                const double* inv, const double* pen) {
        PeriodRow& row = (*rows)[t];
        static_cast<PeriodLines&>(row) = f;
        row.period = t;
        row.start = p->grid.dates[t > 0 ? t - 1 : 0];
        row.end = p->grid.dates[t];
        row.year_fraction = p->grid.tau[t];
        row.construction = t <= p->cod;
        const std::size_t nc = p->contracts.size();
        row.delivered.assign(nc, 0.0);
        row.contract_price.assign(nc, 0.0);
        row.contract_revenue_by_offtake.assign(nc, 0.0);
        row.penalty_by_offtake.assign(nc, 0.0);
        if (t > p->cod) {
            for (std::size_t c = 0; c < nc; ++c) {
                row.delivered[c] = del[c];
                row.contract_price[c] = price[c];
                row.contract_revenue_by_offtake[c] = inv[c];
                row.penalty_by_offtake[c] = pen[c];
            }
        }
        row.contribution_by_investor.resize(p->equity_share.size());
        row.distribution_by_investor.resize(p->equity_share.size());
        for (std::size_t i = 0; i < p->equity_share.size(); ++i) {
            row.contribution_by_investor[i] = p->equity_share[i] * f.equity_contribution;
            row.distribution_by_investor[i] = p->equity_share[i] * f.distribution;
        }
    }
};

// The report of one run; irr_start as in run_waterfall.
DealReport report_of(const PreparedDeal& p, const PathInputs& in, const IrrStart& irr_start) {
    DealReport report;
    report.deal = p.deal;
    report.periods.resize(static_cast<std::size_t>(p.n) + 1);
    size_path_result(p, report.metrics);
    PathScratch scratch;
    size_path_scratch(p, scratch);
    // The lenders' response and the sale value as run_path decides them
    // (lenders_decision.hpp); the recorded run is the one it keeps.
    const RemediesPlan& rules = p.remedies;
    LenderResponse response = rules.best ? LenderResponse::Restructure : rules.response;
    LendersDecision decision;
    const double* sale_value = nullptr;
    if (rules.best || rules.response == LenderResponse::Enforce) {
        waterfall::NoRecorder none;
        waterfall::run_waterfall(p, in, report.metrics, scratch.buffers.data(), nullptr, none, nullptr, irr_start,
                                 response);
        if (report.metrics.payment_default) {
            decision = decide_at_default(p, in, report.metrics.default_period, scratch);
            response = decision.response;
            if (response == LenderResponse::Enforce) sale_value = &decision.sale_value;
        }
    }
    RowRecorder rec{&p, &report.periods};
    waterfall::run_waterfall(p, in, report.metrics, scratch.buffers.data(), nullptr, rec, nullptr, irr_start, response,
                             sale_value);
    // An enforcement's sale is valued at the end of the path; its proceeds belong to the
    // default period: the lenders' part repays debt, the rest goes to equity.
    const PathResult& m = report.metrics;
    if (m.enforced && m.default_period >= 0) {
        PeriodRow& row = report.periods[static_cast<std::size_t>(m.default_period)];
        row.enforcement_sale = m.sale_proceeds;
        row.principal_paid += m.sale_to_lenders;
        row.debt_write_off -= m.sale_to_lenders;
        // The tranches below the senior debt take their share next (shareholder loans
        // included: paid as loans, not distributed).
        row.tranche_paid += m.sale_to_tranches;
        row.tranche_write_off -= m.sale_to_tranches;
        const double surplus = m.sale_proceeds - m.sale_to_lenders - m.sale_to_tranches;
        row.distribution += surplus;
        for (std::size_t i = 0; i < p.equity_share.size(); ++i)
            row.distribution_by_investor[i] += p.equity_share[i] * surplus;
    }
    if (p.debt.active) {
        report.debt_at_cod = p.debt.planned_balance[p.cod];
        if (p.deal.debt->profile == SeniorDebt::Profile::Sculpted) report.sculpted_dscr = p.debt.sculpted_dscr;
        // Uses of funds to the path's COD (late by its construction delay), and the debt
        // that funds them: every use is funded by the loan, prepayment proceeds or equity.
        const int cod = std::min(p.cod + in.delay_periods, p.n);
        double funding = 0.0;
        for (int t = 0; t <= cod; ++t) {
            const PeriodRow& row = report.periods[static_cast<std::size_t>(t)];
            funding += row.construction_capex + row.upfront_fee + row.commitment_fee + row.guarantee_fee +
                       row.interest + row.dsra_deposit;
            if (!p.tranches.empty()) funding += row.tranche_fees + row.tranche_interest;
        }
        report.gearing_target = p.deal.debt->gearing;
        report.draw_fraction = p.debt.draw_fraction;
        report.total_funding = funding;
        if (funding > 0.0)
            report.gearing_achieved = report.periods[static_cast<std::size_t>(cod)].debt_closing / funding;
    }
    for (std::size_t c = 0; c < p.contracts.size(); ++c) {
        const BuyerPathResult& b = report.metrics.buyers[c];
        BuyerSummary s;
        s.buyer = p.deal.offtakes[c].buyer;
        s.contracted_tonnes = b.contracted_tonnes;
        s.delivered_tonnes = b.delivered_tonnes;
        s.invoiced = b.invoiced;
        s.average_price = b.delivered_tonnes > 0 ? b.invoiced / b.delivered_tonnes : 0.0;
        s.average_spot_price = b.delivered_tonnes > 0 ? b.spot_value / b.delivered_tonnes : 0.0;
        s.prepayment_recovered = b.prepayment_recovered;
        s.prepayment_lost = b.prepayment_lost;
        s.shortfall = b.shortfall;
        s.defaulted = b.defaulted;
        s.equity_irr = b.equity_irr;
        report.buyers.push_back(s);
    }
    return report;
}

}  // namespace

// The base case keeps the solver's own start (0.1), so its printed IRRs are those found
// from it; every path, this report of one included, starts from the base case's IRR
// (PreparedDeal::irr_start), so that run_path_report's metrics equal run_path's.
DealReport run_deterministic(const PreparedDeal& p) { return report_of(p, PathInputs{}, IrrStart{}); }

DealReport run_path_report(const PreparedDeal& p, const PathInputs& in) {
    return report_of(p, in, p.irr_start);
}

DealReport run_deterministic(const Deal& deal) { return run_deterministic(*prepare(deal)); }

}  // namespace offtake
