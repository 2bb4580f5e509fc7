// The JSON document of a deterministic run (offtake/result_json.hpp, docs/json-output.md).
#include <offtake/deterministic.hpp>
#include <offtake/metric_catalogue.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>
#include <offtake/version.h>

#include "reports/json_values.hpp"

namespace offtake {

namespace {

using nlohmann::json;
using io::json_date;
using io::json_number;

// The main lines of the waterfall, per period; the CSV schedule carries every line.
json period(const PeriodRow& p) {
    return json{{"period", p.period},
                {"start", json_date(p.start)},
                {"end", json_date(p.end)},
                {"construction", p.construction},
                {"price", json_number(p.price)},
                {"production", json_number(p.production)},
                {"revenue", json_number(p.revenue)},
                {"royalty", json_number(p.royalty)},
                {"opex", json_number(p.opex)},
                {"ebitda", json_number(p.ebitda)},
                {"tax", json_number(p.tax)},
                {"cfads", json_number(p.cfads)},
                {"project_cash_flow", json_number(p.project_cash_flow)},
                {"debt_service_due", json_number(p.debt_service_due)},
                {"interest_paid", json_number(p.interest_paid)},
                {"principal_paid", json_number(p.principal_paid)},
                {"debt_closing", json_number(p.debt_closing)},
                {"prepayment_deduction", json_number(p.prepayment_deduction)},
                {"prepayment_balance", json_number(p.prepayment_balance)},
                {"dsra_balance", json_number(p.dsra_balance)},
                {"dscr", p.has_dscr ? json_number(p.dscr) : json(nullptr)},
                {"lockup", p.lockup},
                {"payment_default", p.payment_default},
                {"equity_contribution", json_number(p.equity_contribution)},
                {"distribution", json_number(p.distribution)},
                {"unspent_prepayment", json_number(p.unspent_prepayment)},
                {"cash_balance", json_number(p.cash_balance)}};
}

// A base-case value: a number, a boolean for flags, or null.
json base_value(const MetricEntry& e, const DealReport& report, std::size_t i) {
    const auto v = base_case_value(e, report, i);
    if (e.unit == UnitKind::Flag) return v ? json(*v != 0.0) : json(nullptr);
    return json_number(v);
}

// Per buyer: the catalogue's metrics, and the keys this document carried before the
// catalogue named them (average_price = price_paid but 0 when nothing was delivered,
// average_spot_price = spot_price, shortfall and defaulted = p_shortfall and p_default
// as booleans), kept so that readers of the old keys keep working.
json buyer(const DealReport& report, std::size_t i) {
    const auto& b = report.buyers[i];
    json out{{"buyer", b.buyer},
             {"contracted_tonnes", json_number(b.contracted_tonnes)},
             {"average_price", json_number(b.average_price)},
             {"average_spot_price", json_number(b.average_spot_price)},
             {"shortfall", b.shortfall},
             {"defaulted", b.defaulted}};
    for (const auto& e : metric_catalogue())
        if (e.scope == MetricScope::Buyer && e.in_base_case()) out[e.key] = base_value(e, report, i);
    return out;
}

}  // namespace

std::string to_json(const DealReport& report, int indent) {
    json out = json::object();
    out["kind"] = "deterministic";
    out["library_version"] = OFFTAKE_VERSION_STRING;
    out["deal"] = json{{"name", report.deal.project.name}, {"source", report.deal.source}};
    // The deal's own hash: a deterministic run reads no price model.
    out["inputs_hash"] = inputs_hash(report.deal);
    out["currency"] = report.deal.project.currency;
    json investors = json::array();
    for (const auto& e : report.deal.equity) investors.push_back(e.name);
    out["investors"] = std::move(investors);
    for (const auto& e : metric_catalogue()) {
        if (!e.in_base_case()) continue;
        if (e.needs == MetricNeeds::Tranches && !applies_to(e, report.deal)) continue;
        if (e.scope == MetricScope::Deal) {
            out[e.key] = base_value(e, report, 0);
        } else if (e.scope == MetricScope::Investor) {
            json list = json::array();
            for (std::size_t i = 0; i < report.deal.equity.size(); ++i) list.push_back(base_value(e, report, i));
            out[e.key] = std::move(list);
        }
    }
    json buyers = json::array();
    for (std::size_t i = 0; i < report.buyers.size(); ++i) buyers.push_back(buyer(report, i));
    out["buyers"] = std::move(buyers);
    // Per debt tranche (docs/credit.md section 7), senior first; only with debt.tranches.
    const std::vector<std::string> tranches = tranche_names(report.deal);
    if (!tranches.empty()) {
        json list = json::array();
        for (std::size_t i = 0; i < tranches.size(); ++i) {
            json entry{{"name", tranches[i]}};
            for (const auto& e : metric_catalogue())
                if (e.scope == MetricScope::Tranche && e.in_base_case()) entry[e.key] = base_value(e, report, i);
            list.push_back(std::move(entry));
        }
        out["tranches"] = std::move(list);
    }
    json periods = json::array();
    for (const auto& p : report.periods) periods.push_back(period(p));
    out["periods"] = std::move(periods);
    return io::json_text(out, indent);
}

}  // namespace offtake
