#include "deterministic_view.hpp"

#include "number_format.hpp"
#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <offtake/deterministic.hpp>
#include <offtake/metric_catalogue.hpp>
#include <offtake/result_json.hpp>

#include <fmt/format.h>

#include <sstream>

namespace offtake::cli {

namespace {

std::string deck_text(const PriceDeck& deck, const std::string& currency) {
    switch (deck.type) {
        case PriceDeck::Type::Flat: return fmt::format("flat {} {}/t", thousands(deck.price), currency);
        case PriceDeck::Type::Table: return fmt::format("table of {} years", deck.table.size());
        case PriceDeck::Type::Curve: return fmt::format("forward curve of {} points", deck.curve.size());
    }
    return "";
}

struct Line {
    std::string name, unit, value;
    std::string csv_unit, csv_value;  // plain number for CSV ("" when absent)
    std::string key;
};

std::string currency_of(const Deal& d) { return d.project.currency; }

bool base_row(const MetricEntry& e) {
    return e.in_base_case() && e.scope != MetricScope::Buyer && e.scope != MetricScope::Tranche;
}
bool tranche_column(const MetricEntry& e) { return e.in_base_case() && e.scope == MetricScope::Tranche; }
bool base_column(const MetricEntry& e) { return e.in_base_case() && e.scope == MetricScope::Buyer; }

// What the base case's figures are discounted at, in their labels.
std::string context_of(const MetricEntry& e, const Deal& d, std::size_t i) {
    const std::string key = e.key;
    if (key == "npv") return d.discounting.rate ? percent(*d.discounting.rate, 1) : "curve";
    if (key == "equity_npv" && i < d.equity.size())
        return percent(d.equity[i].share, 0) + ", " + percent(d.discounting.cost_of_equity, 1);
    return "";
}

std::vector<std::string> investor_names(const Deal& d) {
    std::vector<std::string> names;
    for (const auto& e : d.equity) names.push_back(e.name);
    return names;
}

// The headline figures. The CSV has every metric of the catalogue, buyers' too; the
// table shows buyers across (below) and leaves out rows the deal has nothing for (debt
// rows without debt).
std::vector<Line> headline(const DealReport& rep, bool for_csv) {
    const Deal& d = rep.deal;
    const std::string currency = currency_of(d);
    std::vector<std::string> buyers;
    if (for_csv)
        for (const auto& b : rep.buyers) buyers.push_back(b.buyer);
    std::vector<Line> lines;
    auto keep = for_csv ? +[](const MetricEntry& e) { return e.in_base_case(); } : base_row;
    for (const auto& slot : metric_slots(investor_names(d), buyers, keep, tranche_names(d))) {
        const MetricEntry& e = *slot.entry;
        if (!for_csv && !applies_to(e, d)) continue;
        const auto v = base_case_value(e, rep, slot.index);
        lines.push_back({metric_label(e, slot.holder, context_of(e, d, slot.index)), table_unit(e.unit, currency),
                         format_value(e.unit, v), plain_unit(e.unit, currency), csv_number(v),
                         metric_name(e, slot.index)});
    }
    return lines;
}

DealReport run(const Deal& deal) { return run_deterministic(deal); }

}  // namespace

std::string deterministic_table(const Deal& deal) {
    DealReport rep = run(deal);
    const Deal& d = rep.deal;
    int n = rep.periods.empty() ? 0 : static_cast<int>(rep.periods.size()) - 1;
    std::string out = fmt::format("{}\n", d.project.name.empty() ? d.source : d.project.name);
    out += fmt::format("Deterministic base case: {} {} periods from {}, COD after period {}; "
                       "price deck {}\n\n",
                       n, to_string(d.project.time.frequency), iso_date(d.project.time.start),
                       d.project.construction_periods, deck_text(d.price_deck, d.project.currency));
    TextTable t({"metric", "unit", "value"});
    t.set_align(1, TextTable::Align::Left);
    for (const auto& l : headline(rep, false)) t.add_row({l.name, l.unit, l.value});
    out += t.render();

    if (!rep.buyers.empty()) {
        out += "\n";
        std::vector<const MetricEntry*> columns;
        std::vector<std::string> header{"buyer", "contracted t"};
        for (const auto& e : metric_catalogue())
            if (base_column(e)) {
                columns.push_back(&e);
                header.push_back(column_heading(e, currency_of(d)));
            }
        TextTable b(header);
        for (std::size_t i = 0; i < rep.buyers.size(); ++i) {
            std::vector<std::string> cells{rep.buyers[i].buyer, thousands(rep.buyers[i].contracted_tonnes)};
            for (const auto* e : columns) cells.push_back(format_value(e->unit, base_case_value(*e, rep, i)));
            b.add_row(cells);
        }
        out += b.render();
    }
    // Per debt tranche (docs/credit.md section 7), senior first; with debt.tranches only.
    const std::vector<std::string> tranches = tranche_names(d);
    if (!tranches.empty()) {
        out += "\n";
        std::vector<const MetricEntry*> columns;
        std::vector<std::string> header{"tranche"};
        for (const auto& e : metric_catalogue())
            if (tranche_column(e)) {
                columns.push_back(&e);
                header.push_back(column_heading(e, currency_of(d)));
            }
        TextTable b(header);
        for (std::size_t i = 0; i < tranches.size(); ++i) {
            std::vector<std::string> cells{tranches[i]};
            for (const auto* e : columns) cells.push_back(format_value(e->unit, base_case_value(*e, rep, i)));
            b.add_row(cells);
        }
        out += b.render();
    }
    return out;
}

std::string deterministic_csv(const Deal& deal) {
    DealReport rep = run(deal);
    std::string out = csv_line({"metric", "unit", "value", "key"});
    for (const auto& l : headline(rep, true)) out += csv_line({l.name, l.csv_unit, l.csv_value, l.key});
    return out;
}


std::string deterministic_json(const Deal& deal) { return to_json(run(deal)) + "\n"; }

std::string schedule_csv(const Deal& deal) {
    DealReport rep = run(deal);
    std::ostringstream s;
    write_schedule_csv(rep, s);
    return s.str();
}

}  // namespace offtake::cli
