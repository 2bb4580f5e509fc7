#include "simulation_tables.hpp"

#include "number_format.hpp"
#include "text_table.hpp"

#include <fmt/format.h>

namespace offtake::cli {

namespace {

bool distribution_row(const MetricEntry& e) { return e.summary != nullptr && e.scope != MetricScope::Buyer; }
bool probability_row(const MetricEntry& e) { return e.estimate != nullptr && e.scope == MetricScope::Deal; }
bool buyer_column(const MetricEntry& e) { return e.in_monte_carlo() && e.scope == MetricScope::Buyer; }
bool any_monte_carlo(const MetricEntry& e) { return e.in_monte_carlo(); }

std::vector<std::string> buyer_names(const SimulationResult& r) {
    std::vector<std::string> names;
    for (const auto& b : r.buyers) names.push_back(b.buyer);
    return names;
}

// The covenant a probability is taken against, in its label.
std::string context_of(const MetricEntry& e, const SimulationResult& r) {
    return std::string(e.key) == "p_dscr_below_covenant" ? ratio(r.covenant_dscr) : std::string();
}

// Paths whose numbers overflowed, said in words under the metrics: their NaN and
// infinite values are in no statistic, and the probabilities leave the paths out.
std::string nonfinite_note(const SimulationResult& r) {
    if (r.nonfinite_paths == 0) return "";
    std::string text = fmt::format(
        "Non-finite: on {} of {} paths some metric was not a finite number (prices or costs that "
        "overflow). Those values are in no statistic above, and the probabilities below leave "
        "those paths out.\n", thousands(static_cast<double>(r.nonfinite_paths)),
        thousands(static_cast<double>(r.paths)));
    std::string counts;
    for (const auto& slot : metric_slots(r.investors, buyer_names(r), any_monte_carlo)) {
        const auto m = monte_carlo_statistics(*slot.entry, r, slot.index);
        if (m && m->distribution && m->nonfinite > 0)
            counts += fmt::format("{}{}: {}", counts.empty() ? "" : "; ", metric_label(*slot.entry, slot.holder),
                                  thousands(static_cast<double>(m->nonfinite)));
    }
    if (!counts.empty()) text += "Non-finite values per metric: " + counts + ".\n";
    return text;
}

// The implied rating under the lender risk table, with what it is read from.
std::string implied_rating_note(const SimulationResult& r) {
    if (r.implied_rating.empty()) return "";
    return fmt::format("Implied rating {}: annualised PD {} over the loan's {} years from financial close, "
                       "nearest category of models/ratings.yaml on a log scale.\n",
                       r.implied_rating, percent(r.pd_annual.value, 2), fixed(r.loan_years, 1));
}

}  // namespace

std::string format_value(UnitKind unit, const std::optional<double>& v) {
    switch (unit) {
        case UnitKind::Money: return millions(v, 1);
        case UnitKind::Percent:
        case UnitKind::Probability: return percent(v, 1);
        case UnitKind::Ratio: return ratio(v, 2);
        case UnitKind::Years: return fixed(v, 1);
        case UnitKind::Tonnes:
        case UnitKind::MoneyPerTonne:
        case UnitKind::Count: return fixed(v, 0);
        case UnitKind::Flag: return reportable(v) ? (*v != 0.0 ? "yes" : "no") : kAbsent;
    }
    return kAbsent;
}

std::string column_heading(const MetricEntry& entry, const std::string& currency) {
    switch (entry.unit) {
        case UnitKind::Money:
        case UnitKind::MoneyPerTonne:
        case UnitKind::Tonnes: return std::string(entry.column) + " " + table_unit(entry.unit, currency);
        default: return entry.column;
    }
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
    for (const auto& slot : metric_slots(r.investors, {}, distribution_row, tranche_names(r))) {
        const auto m = monte_carlo_statistics(*slot.entry, r, slot.index);
        if (!m || (m->count == 0 && m->absent == 0 && m->nonfinite == 0)) continue;
        const UnitKind unit = slot.entry->unit;
        std::string se = m->std_error ? format_value(unit, m->std_error) : kAbsent;
        if (unit == UnitKind::Percent && m->std_error) se = percent(m->std_error, 2);
        metrics.add_row({metric_label(*slot.entry, slot.holder), table_unit(unit, r.currency),
                         format_value(unit, m->mean), se, format_value(unit, m->p5),
                         format_value(unit, m->p10), format_value(unit, m->p50),
                         format_value(unit, m->p90), format_value(unit, m->p95)});
    }
    out += metrics.render();
    out += nonfinite_note(r);

    out += "\n";
    TextTable risks({"lender risk", "probability / share", "± s.e. (pts)"});
    for (const auto& slot : metric_slots({}, {}, probability_row)) {
        const auto e = monte_carlo_statistics(*slot.entry, r, 0);
        const std::string label = metric_label(*slot.entry, "", context_of(*slot.entry, r));
        if (!e || !e->mean) {
            risks.add_row({label, kAbsent, kAbsent});
            continue;
        }
        if (slot.entry->unit == UnitKind::Money) {  // the expected loss in money
            risks.add_row({label + " (" + table_unit(UnitKind::Money, r.currency) + ")", millions(e->mean, 1),
                           e->std_error ? millions(e->std_error, 1) : std::string(kAbsent)});
            continue;
        }
        risks.add_row({label, percent(e->mean, 2),
                       e->std_error ? thousands(*e->std_error * 100.0, 2) : std::string(kAbsent)});
    }
    out += risks.render();
    out += implied_rating_note(r);

    if (!r.buyers.empty()) {
        out += "\n";
        std::vector<const MetricEntry*> columns;
        std::vector<std::string> header{"buyer (mean over paths)", "contracted t"};
        for (const auto& e : metric_catalogue())
            if (buyer_column(e)) {
                columns.push_back(&e);
                header.push_back(column_heading(e, r.currency));
            }
        TextTable buyers(header);
        for (std::size_t i = 0; i < r.buyers.size(); ++i) {
            std::vector<std::string> cells{r.buyers[i].buyer, thousands(r.buyers[i].contracted_tonnes)};
            for (const auto* e : columns) {
                const auto m = monte_carlo_statistics(*e, r, i);
                cells.push_back(format_value(e->unit, m ? m->mean : std::nullopt));
            }
            buyers.add_row(cells);
        }
        out += buyers.render();
    }

    // Per debt tranche (docs/credit.md section 7), senior first; with debt.tranches only.
    if (!r.tranches.empty()) {
        out += "\n";
        std::vector<const MetricEntry*> columns;
        std::vector<std::string> header{"tranche", "priority"};
        for (const auto& e : metric_catalogue())
            if (e.scope == MetricScope::Tranche && e.estimate) {
                columns.push_back(&e);
                header.push_back(column_heading(e, r.currency));
            }
        header.push_back("implied");
        TextTable tranches(header);
        for (std::size_t i = 0; i < r.tranches.size(); ++i) {
            std::vector<std::string> cells{r.tranches[i].name, r.tranches[i].priority};
            for (const auto* e : columns) {
                const auto m = monte_carlo_statistics(*e, r, i);
                cells.push_back(format_value(e->unit, m ? m->mean : std::nullopt));
            }
            cells.push_back(r.tranches[i].implied_rating.empty() ? std::string(kAbsent) : r.tranches[i].implied_rating);
            tranches.add_row(cells);
        }
        out += tranches.render();
    }

    if (r.bankability) {
        const auto& b = *r.bankability;
        out += fmt::format("\nBankability: {} / 100, {} (risk weight {}; scorecard {})\n",
                           thousands(b.score, 1), b.category, percent(b.risk_weight, 0),
                           b.scorecard);
        if (b.annual_expected_loss)
            out += fmt::format("Expected loss {} a year (PD x LGD) is nearest to the slotting category {}.\n",
                               percent(b.annual_expected_loss, 2), b.expected_loss_category);
        if (!b.consistency_note.empty()) out += "Note: " + b.consistency_note + "\n";
    }
    return out;
}

std::string simulation_csv(const SimulationResult& r) {
    std::string out = csv_line({"metric", "unit", "mean", "sd", "standard_error", "p5", "p10",
                                "p50", "p90", "p95", "paths", "absent", "nonfinite", "key"});
    for (const auto& slot : metric_slots(r.investors, buyer_names(r), any_monte_carlo, tranche_names(r))) {
        const auto m = monte_carlo_statistics(*slot.entry, r, slot.index);
        if (!m) continue;
        out += csv_line({metric_label(*slot.entry, slot.holder), plain_unit(slot.entry->unit, r.currency),
                         csv_number(m->mean), csv_number(m->sd), csv_number(m->std_error),
                         csv_number(m->p5), csv_number(m->p10), csv_number(m->p50),
                         csv_number(m->p90), csv_number(m->p95), std::to_string(m->count),
                         std::to_string(m->absent), std::to_string(m->nonfinite),
                         metric_name(*slot.entry, slot.index)});
    }
    if (!r.implied_rating.empty())
        out += csv_line({"Implied rating", "category", r.implied_rating, "", "", "", "", "", "", "",
                         std::to_string(r.paths), "0", "0", "implied_rating"});
    if (r.bankability)
        out += csv_line({"Bankability score", "points", csv_number(r.bankability->score), "", "",
                         "", "", "", "", "", std::to_string(r.paths), "0", "0", "bankability.score"});
    return out;
}

}  // namespace offtake::cli
