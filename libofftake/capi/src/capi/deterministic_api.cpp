// The deterministic run through the C API (offtake/deterministic.hpp), flattened: the
// metrics as single-value statistics, the schedule's price, CFADS, DSCR and cash lines
// as per-period series, the JSON document.
#include <offtake/deterministic.hpp>
#include <offtake/offtake.h>
#include <offtake/result_json.hpp>

#include "capi/deal_handle.hpp"
#include "capi/firewall.hpp"
#include "capi/handles.hpp"
#include "capi/result_build.hpp"

#include <ql/time/daycounters/actual365fixed.hpp>

using offtake::capi::guarded;
using offtake::capi::live_deal;
using offtake::capi::require;
using offtake::capi::single_value;

namespace {

std::unique_ptr<offtake_result> from_report(const offtake::DealReport& report) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_DETERMINISTIC;
    out->paths = 1;
    out->currency = report.deal.project.currency;
    std::vector<std::string> investors, buyers;
    for (const auto& e : report.deal.equity) investors.push_back(e.name);
    for (const auto& b : report.buyers) buyers.push_back(b.buyer);
    auto in_base_case = [](const offtake::MetricEntry& e) { return e.in_base_case(); };
    for (const auto& slot : offtake::metric_slots(investors, buyers, in_base_case, offtake::tranche_names(report.deal)))
        offtake::capi::add_catalogue_metric(*out, offtake::metric_name(*slot.entry, slot.index),
                                            single_value(offtake::base_case_value(*slot.entry, report, slot.index)),
                                            slot, out->currency);

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
