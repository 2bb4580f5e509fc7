#include "simulation_tables.hpp"

#include "number_format.hpp"
#include "text_table.hpp"

#include <fmt/format.h>

namespace offtake::cli {

namespace {

struct Row {
    std::string name;
    Unit unit;
    const MetricSummary* m;
};

std::vector<Row> metric_rows(const SimulationResult& r) {
    std::vector<Row> rows{{"Project NPV (after tax)", Unit::Money, &r.npv},
                          {"Project IRR (after tax)", Unit::Rate, &r.irr}};
    for (std::size_t i = 0; i < r.investors.size(); ++i) {
        if (i < r.equity_npv.size())
            rows.push_back({"Equity NPV, " + r.investors[i], Unit::Money, &r.equity_npv[i]});
        if (i < r.equity_irr.size())
            rows.push_back({"Equity IRR, " + r.investors[i], Unit::Rate, &r.equity_irr[i]});
    }
    rows.push_back({"Min DSCR", Unit::Ratio, &r.dscr_min});
    rows.push_back({"Average DSCR", Unit::Ratio, &r.dscr_avg});
    rows.push_back({"LLCR at COD", Unit::Ratio, &r.llcr});
    rows.push_back({"PLCR at COD", Unit::Ratio, &r.plcr});
    rows.push_back({"Payback", Unit::Years, &r.payback_years});
    rows.push_back({"Peak senior debt", Unit::Money, &r.peak_debt});
    return rows;
}

std::string csv_number(const std::optional<double>& v) {
    return v ? fmt::format("{:.10g}", *v) : std::string();
}

}  // namespace

std::string unit_label(Unit unit) {
    switch (unit) {
        case Unit::Money: return "USD m";
        case Unit::Rate: return "%";
        case Unit::Ratio: return "x";
        case Unit::Years: return "years";
        case Unit::Tonnes: return "t";
        case Unit::PricePerTonne: return "USD/t";
    }
    return "";
}

std::string format_value(Unit unit, const std::optional<double>& v) {
    switch (unit) {
        case Unit::Money: return millions(v, 1);
        case Unit::Rate: return percent(v, 1);
        case Unit::Ratio: return ratio(v, 2);
        case Unit::Years: return fixed(v, 1);
        case Unit::Tonnes: return fixed(v, 0);
        case Unit::PricePerTonne: return fixed(v, 0);
    }
    return kAbsent;
}

std::string format_probability(const Estimate& e) {
    if (e.paths == 0) return kAbsent;
    return fmt::format("{} ± {}", percent(e.value, 2), thousands(e.standard_error * 100.0, 2));
}

std::string simulation_header(const SimulationResult& r) {
    std::string text = fmt::format(
        "Monte Carlo: {} paths, seed {}, measure {}, {} thread{}, {:.1f} s\n",
        thousands(static_cast<double>(r.paths)), r.seed, r.measure, r.threads,
        r.threads == 1 ? "" : "s", r.seconds);
    if (!r.price_model.empty()) text += "Price model: " + r.price_model + "\n";
    text += fmt::format("Inputs hash: {}  (libofftake {})\n", r.inputs_hash, r.library_version);
    return text;
}

std::string simulation_table(const SimulationResult& r) {
    std::string out = simulation_header(r) + "\n";

    TextTable metrics({"metric", "unit", "mean", "± s.e.", "P5", "P10", "P50", "P90", "P95"});
    for (const auto& row : metric_rows(r)) {
        const MetricSummary& m = *row.m;
        if (m.count == 0 && m.absent == 0) continue;
        std::string se = m.standard_error ? format_value(row.unit, m.standard_error) : kAbsent;
        if (row.unit == Unit::Rate && m.standard_error) se = percent(m.standard_error, 2);
        metrics.add_row({row.name, unit_label(row.unit), format_value(row.unit, m.mean), se,
                         format_value(row.unit, m.p5), format_value(row.unit, m.p10),
                         format_value(row.unit, m.p50), format_value(row.unit, m.p90),
                         format_value(row.unit, m.p95)});
    }
    out += metrics.render();

    out += "\n";
    TextTable risks({"lender risk", "probability / share", "± s.e. (pts)"});
    auto add = [&](const std::string& name, const Estimate& e) {
        if (e.paths == 0) {
            risks.add_row({name, kAbsent, kAbsent});
            return;
        }
        risks.add_row({name, percent(e.value, 2), thousands(e.standard_error * 100.0, 2)});
    };
    add("P(min DSCR < 1.00x)", r.p_dscr_below_1);
    add(fmt::format("P(min DSCR < {} covenant)", ratio(r.covenant_dscr)), r.p_dscr_below_covenant);
    add("P(payment default)", r.p_default);
    add("P(lock-up)", r.p_lockup);
    add("Expected lender loss, % of peak debt", r.expected_loss);
    add("  net of guarantee", r.expected_loss_net);
    out += risks.render();

    if (!r.buyers.empty()) {
        out += "\n";
        TextTable buyers({"buyer", "contracted t/life", "delivered t (mean)", "price paid USD/t",
                          "spot USD/t", "premium USD/t", "P(shortfall)", "P(default)",
                          "prepay recovered USD m"});
        for (const auto& b : r.buyers) {
            buyers.add_row({b.buyer, thousands(b.contracted_tonnes),
                            fixed(b.delivered_tonnes.mean, 0), fixed(b.price_paid.mean, 0),
                            fixed(b.spot_price.mean, 0), fixed(b.price_premium.mean, 0),
                            b.p_shortfall.paths ? percent(b.p_shortfall.value, 1) : kAbsent,
                            b.p_default.paths ? percent(b.p_default.value, 1) : kAbsent,
                            millions(b.prepayment_recovered.mean, 1)});
        }
        out += buyers.render();
    }

    if (r.bankability) {
        const auto& b = *r.bankability;
        out += fmt::format("\nBankability: {} / 100, {} (risk weight {}; scorecard {})\n",
                           thousands(b.score, 1), b.category, percent(b.risk_weight, 0),
                           b.scorecard);
    }
    return out;
}

std::string simulation_csv(const SimulationResult& r) {
    std::string out = csv_line({"metric", "unit", "mean", "sd", "standard_error", "p5", "p10",
                                "p50", "p90", "p95", "paths", "absent"});
    auto plain_unit = [](Unit u) -> std::string {
        switch (u) {
            case Unit::Money: return "USD";
            case Unit::Rate: return "fraction";
            case Unit::Ratio: return "x";
            case Unit::Years: return "years";
            case Unit::Tonnes: return "t";
            case Unit::PricePerTonne: return "USD/t";
        }
        return "";
    };
    auto metric = [&](const std::string& name, Unit unit, const MetricSummary& m) {
        out += csv_line({name, plain_unit(unit), csv_number(m.mean), csv_number(m.sd),
                         csv_number(m.standard_error), csv_number(m.p5), csv_number(m.p10),
                         csv_number(m.p50), csv_number(m.p90), csv_number(m.p95),
                         std::to_string(m.count), std::to_string(m.absent)});
    };
    for (const auto& row : metric_rows(r)) metric(row.name, row.unit, *row.m);
    auto prob = [&](const std::string& name, const Estimate& e) {
        out += csv_line({name, "fraction", csv_number(e.value), "",
                         csv_number(e.standard_error), "", "", "", "", "",
                         std::to_string(e.paths), "0"});
    };
    // Per buyer, named "<what>, <buyer>" like the per-investor rows.
    for (const auto& b : r.buyers) {
        metric("Buyer tonnes delivered, " + b.buyer, Unit::Tonnes, b.delivered_tonnes);
        metric("Buyer price paid, " + b.buyer, Unit::PricePerTonne, b.price_paid);
        metric("Buyer spot value, " + b.buyer, Unit::PricePerTonne, b.spot_price);
        metric("Buyer premium over spot, " + b.buyer, Unit::PricePerTonne, b.price_premium);
        metric("Buyer prepayment recovered, " + b.buyer, Unit::Money, b.prepayment_recovered);
        metric("Buyer prepayment lost, " + b.buyer, Unit::Money, b.prepayment_lost);
        metric("Buyer equity IRR, " + b.buyer, Unit::Rate, b.equity_irr);
        prob("Buyer P(delivery shortfall), " + b.buyer, b.p_shortfall);
        prob("Buyer P(default), " + b.buyer, b.p_default);
    }
    prob("P(min DSCR < 1.00)", r.p_dscr_below_1);
    prob("P(min DSCR < covenant)", r.p_dscr_below_covenant);
    prob("P(payment default)", r.p_default);
    prob("P(lock-up)", r.p_lockup);
    prob("Expected lender loss (share of peak debt)", r.expected_loss);
    prob("Expected lender loss net of guarantee", r.expected_loss_net);
    if (r.bankability)
        out += csv_line({"Bankability score", "points", csv_number(r.bankability->score), "", "",
                         "", "", "", "", "", std::to_string(r.paths), "0"});
    return out;
}

}  // namespace offtake::cli
