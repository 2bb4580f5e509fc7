// The deterministic run through the C API (offtake/deterministic.hpp), flattened: the
// metrics as single-value statistics, the schedule's price, CFADS, DSCR and cash lines
// as per-period series, the JSON document.
#include <offtake/deterministic.hpp>
#include <offtake/offtake.h>
#include <offtake/result_json.hpp>

#include "capi/deal_handle.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"

#include <ql/time/daycounters/actual365fixed.hpp>

using offtake::capi::add_metric;
using offtake::capi::guarded;
using offtake::capi::live_deal;
using offtake::capi::require;
using offtake::capi::single_value;

namespace {

std::optional<double> flag(bool b) { return b ? 1.0 : 0.0; }

std::unique_ptr<offtake_result> from_report(const offtake::DealReport& report) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_DETERMINISTIC;
    out->paths = 1;
    const auto& m = report.metrics;
    add_metric(*out, "npv", single_value(m.npv));
    add_metric(*out, "irr", single_value(m.irr));
    for (std::size_t i = 0; i < m.equity_npv.size(); ++i)
        add_metric(*out, "equity_npv[" + std::to_string(i) + "]", single_value(m.equity_npv[i]));
    for (std::size_t i = 0; i < m.equity_irr.size(); ++i)
        add_metric(*out, "equity_irr[" + std::to_string(i) + "]", single_value(m.equity_irr[i]));
    add_metric(*out, "dscr_min", single_value(m.dscr_min));
    add_metric(*out, "dscr_avg", single_value(m.dscr_avg));
    add_metric(*out, "llcr", single_value(m.llcr));
    add_metric(*out, "plcr", single_value(m.plcr));
    add_metric(*out, "payback_years", single_value(m.payback_years));
    add_metric(*out, "peak_debt", single_value(m.peak_debt));
    add_metric(*out, "debt_at_cod", single_value(report.debt_at_cod));
    add_metric(*out, "lender_loss", single_value(m.lender_loss));
    add_metric(*out, "lender_loss_net", single_value(m.lender_loss_net));
    add_metric(*out, "payment_default", single_value(flag(m.payment_default)));
    add_metric(*out, "lockup", single_value(flag(m.lockup)));
    for (std::size_t i = 0; i < report.buyers.size(); ++i) {
        const std::string p = "buyers[" + std::to_string(i) + "].";
        const auto& b = report.buyers[i];
        add_metric(*out, p + "delivered_tonnes", single_value(b.delivered_tonnes));
        add_metric(*out, p + "price_paid", single_value(b.average_price));
        add_metric(*out, p + "spot_price", single_value(b.average_spot_price));
        add_metric(*out, p + "prepayment_lost", single_value(b.prepayment_lost));
        add_metric(*out, p + "p_default", single_value(flag(b.defaulted)));
        add_metric(*out, p + "p_shortfall", single_value(flag(b.shortfall)));
    }

    // Periods 1..n (row 0 is financial close).
    const QuantLib::Actual365Fixed day_counter;
    std::vector<double> price, cfads, dscr, cash;
    for (const auto& row : report.periods) {
        if (row.period == 0) continue;
        out->period_years.push_back(day_counter.yearFraction(report.deal.project.time.start, row.end));
        price.push_back(row.price);
        cfads.push_back(row.cfads);
        dscr.push_back(row.has_dscr && std::isfinite(row.dscr) ? row.dscr : 0.0);
        cash.push_back(row.cash_balance);
    }
    out->bands["price/mean"] = std::move(price);
    out->bands["cfads/mean"] = std::move(cfads);
    out->bands["dscr/mean"] = std::move(dscr);
    out->bands["cash_balance/mean"] = std::move(cash);
    out->json = offtake::to_json(report);
    return out;
}

}  // namespace

extern "C" {

OFFTAKE_API offtake_status offtake_run_deterministic(offtake_result** out, const offtake_deal* deal) {
    if (out) *out = nullptr;
    return guarded("offtake_run_deterministic", [&] {
        require(out, "out");
        const auto& d = live_deal(deal, "deal");
        const offtake::Deal snapshot = offtake::capi::deal_snapshot(d);
        const offtake::DealReport report = offtake::run_deterministic(snapshot);
        *out = offtake::capi::publish(from_report(report));
    });
}

}  // extern "C"
