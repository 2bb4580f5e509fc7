// The JSON document of a deterministic run (offtake/result_json.hpp, docs/json-output.md).
#include <offtake/deterministic.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>
#include <offtake/version.h>

#include "reports/json_values.hpp"

namespace offtake {

namespace {

using nlohmann::json;
using io::json_date;
using io::json_number;

json optional_list(const std::vector<std::optional<double>>& values) {
    json list = json::array();
    for (const auto& v : values) list.push_back(json_number(v));
    return list;
}

json number_list(const std::vector<double>& values) {
    json list = json::array();
    for (double v : values) list.push_back(json_number(v));
    return list;
}

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

json buyer(const decltype(DealReport::buyers)::value_type& b) {
    return json{{"buyer", b.buyer},
                {"contracted_tonnes", json_number(b.contracted_tonnes)},
                {"delivered_tonnes", json_number(b.delivered_tonnes)},
                {"invoiced", json_number(b.invoiced)},
                {"average_price", json_number(b.average_price)},
                {"average_spot_price", json_number(b.average_spot_price)},
                {"prepayment_recovered", json_number(b.prepayment_recovered)},
                {"prepayment_lost", json_number(b.prepayment_lost)},
                {"shortfall", b.shortfall},
                {"defaulted", b.defaulted},
                {"equity_irr", json_number(b.equity_irr)}};
}

}  // namespace

std::string to_json(const DealReport& report, int indent) {
    const PathResult& m = report.metrics;
    json out = json::object();
    out["kind"] = "deterministic";
    out["library_version"] = OFFTAKE_VERSION_STRING;
    out["deal"] = json{{"name", report.deal.project.name}, {"source", report.deal.source}};
    // The deal's own hash: a deterministic run reads no price model.
    out["inputs_hash"] = inputs_hash(report.deal);
    out["npv"] = json_number(m.npv);
    out["irr"] = json_number(m.irr);
    json investors = json::array();
    for (const auto& e : report.deal.equity) investors.push_back(e.name);
    out["investors"] = std::move(investors);
    out["equity_npv"] = number_list(m.equity_npv);
    out["equity_irr"] = optional_list(m.equity_irr);
    out["dscr_min"] = json_number(m.dscr_min);
    out["dscr_avg"] = json_number(m.dscr_avg);
    out["llcr"] = json_number(m.llcr);
    out["plcr"] = json_number(m.plcr);
    out["payback_years"] = json_number(m.payback_years);
    out["payment_default"] = m.payment_default;
    out["lockup"] = m.lockup;
    out["lender_loss"] = json_number(m.lender_loss);
    out["lender_loss_net"] = json_number(m.lender_loss_net);
    out["peak_debt"] = json_number(m.peak_debt);
    out["debt_at_cod"] = json_number(report.debt_at_cod);
    out["sculpted_dscr"] = json_number(report.sculpted_dscr);
    json buyers = json::array();
    for (const auto& b : report.buyers) buyers.push_back(buyer(b));
    out["buyers"] = std::move(buyers);
    json periods = json::array();
    for (const auto& p : report.periods) periods.push_back(period(p));
    out["periods"] = std::move(periods);
    return io::json_text(out, indent);
}

}  // namespace offtake
