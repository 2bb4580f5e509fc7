#include "deterministic_view.hpp"

#include "number_format.hpp"
#include "text_table.hpp"

#include <offtake/deterministic.hpp>
#include <offtake/result_json.hpp>

#include <fmt/format.h>

#include <sstream>

namespace offtake::cli {

namespace {

std::string date_text(const QuantLib::Date& d) {
    return fmt::format("{:04}-{:02}-{:02}", d.year(), static_cast<int>(d.month()), d.dayOfMonth());
}

std::string deck_text(const PriceDeck& deck) {
    switch (deck.type) {
        case PriceDeck::Type::Flat: return fmt::format("flat {} USD/t", thousands(deck.price));
        case PriceDeck::Type::Table: return fmt::format("table of {} years", deck.table.size());
        case PriceDeck::Type::Curve: return fmt::format("forward curve of {} points", deck.curve.size());
    }
    return "";
}

struct Line {
    std::string name, unit, value;
    std::string csv_value;  // plain number for CSV ("" when absent)
};

std::string plain(const std::optional<double>& v) { return v ? fmt::format("{:.10g}", *v) : ""; }

std::vector<Line> headline(const DealReport& rep) {
    const PathResult& m = rep.metrics;
    const Deal& d = rep.deal;
    std::vector<Line> lines;
    std::string rate = d.discounting.rate ? percent(*d.discounting.rate, 1) : "curve";
    lines.push_back({"Project NPV (after tax, " + rate + ")", "USD m", millions(m.npv, 1), plain(m.npv)});
    lines.push_back({"Project IRR (after tax)", "%", percent(m.irr, 1), plain(m.irr)});
    lines.push_back({"Payback from financial close", "years", fixed(m.payback_years, 1), plain(m.payback_years)});
    for (std::size_t i = 0; i < d.equity.size(); ++i) {
        const auto& inv = d.equity[i];
        if (i < m.equity_npv.size())
            lines.push_back({fmt::format("Equity NPV, {} ({}, {})", inv.name, percent(inv.share, 0),
                                         percent(d.discounting.cost_of_equity, 1)),
                             "USD m", millions(m.equity_npv[i], 1), plain(m.equity_npv[i])});
        if (i < m.equity_irr.size())
            lines.push_back({"Equity IRR, " + inv.name, "%", percent(m.equity_irr[i], 1),
                             plain(m.equity_irr[i])});
    }
    if (d.debt) {
        lines.push_back({"Senior debt at COD", "USD m", millions(rep.debt_at_cod, 1), plain(rep.debt_at_cod)});
        lines.push_back({"Peak senior debt", "USD m", millions(m.peak_debt, 1), plain(m.peak_debt)});
        if (rep.sculpted_dscr)
            lines.push_back({"Sculpted to DSCR", "x", ratio(rep.sculpted_dscr), plain(rep.sculpted_dscr)});
        lines.push_back({"Minimum DSCR", "x", ratio(m.dscr_min), plain(m.dscr_min)});
        lines.push_back({"Average DSCR", "x", ratio(m.dscr_avg), plain(m.dscr_avg)});
        lines.push_back({"LLCR at COD", "x", ratio(m.llcr), plain(m.llcr)});
        lines.push_back({"PLCR at COD", "x", ratio(m.plcr), plain(m.plcr)});
        lines.push_back({"Lock-up in some period", "", m.lockup ? "yes" : "no", m.lockup ? "1" : "0"});
        lines.push_back({"Payment default", "", m.payment_default ? "yes" : "no",
                         m.payment_default ? "1" : "0"});
        lines.push_back({"Lender loss (gross)", "USD m", millions(m.lender_loss, 1), plain(m.lender_loss)});
        if (d.guarantee)
            lines.push_back({"Lender loss (net of guarantee)", "USD m", millions(m.lender_loss_net, 1),
                             plain(m.lender_loss_net)});
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
                       n, to_string(d.project.time.frequency), date_text(d.project.time.start),
                       d.project.construction_periods, deck_text(d.price_deck));
    TextTable t({"metric", "unit", "value"});
    t.set_align(1, TextTable::Align::Left);
    for (const auto& l : headline(rep)) t.add_row({l.name, l.unit, l.value});
    out += t.render();

    if (!rep.buyers.empty()) {
        out += "\n";
        TextTable b({"buyer", "contracted t", "delivered t", "price paid USD/t", "spot USD/t",
                     "premium USD/t", "prepay recovered USD m", "prepay lost USD m", "equity IRR"});
        for (const auto& s : rep.buyers) {
            bool any = s.delivered_tonnes > 0;
            b.add_row({s.buyer, thousands(s.contracted_tonnes), thousands(s.delivered_tonnes),
                       any ? thousands(s.average_price) : kAbsent,
                       any ? thousands(s.average_spot_price) : kAbsent,
                       any ? thousands(s.average_price - s.average_spot_price) : kAbsent,
                       millions(s.prepayment_recovered, 1), millions(s.prepayment_lost, 1),
                       percent(s.equity_irr, 1)});
        }
        out += b.render();
    }
    return out;
}

std::string deterministic_csv(const Deal& deal) {
    DealReport rep = run(deal);
    std::string out = csv_line({"metric", "unit", "value"});
    for (const auto& l : headline(rep)) out += csv_line({l.name, l.unit == "USD m" ? "USD" : l.unit == "%" ? "fraction" : l.unit, l.csv_value});
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
