// Tables, CSV and deal files of `offtake negotiate` (docs/negotiation.md section 5).
#include "negotiation_view.hpp"

#include "number_format.hpp"
#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <offtake/metric_catalogue.hpp>
#include <offtake/reportable.hpp>
#include <offtake/run_limits.hpp>

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

namespace offtake::cli {
namespace {

// Enough decimals to show `error` to two significant figures (at least `minimum`).
int decimals_for(const std::optional<double>& error, int minimum = 0) {
    if (!error || *error <= 0.0 || !std::isfinite(*error)) return std::max(minimum, 2);
    return std::clamp(1 - static_cast<int>(std::floor(std::log10(*error))), minimum, 8);
}

std::string plain(const std::optional<double>& v, int decimals) {
    const auto x = reportable(v);
    return x ? thousands(*x, decimals) : std::string(kAbsent);
}

std::string six(const std::optional<double>& v) {
    const auto x = reportable(v);
    return x ? fmt::format("{:.10g}", *x) : std::string();
}

std::string direction_words(const std::string& d) {
    if (d == "at_least") return "the target holds from the threshold up";
    if (d == "at_most") return "the target holds up to the threshold";
    return "the target holds over the whole range (threshold = low end)";
}

}  // namespace

std::string threshold_table(const ThresholdSearch& s, const Deal& deal) {
    const int d = decimals_for(s.threshold_std_error);
    std::string out = fmt::format("Negotiation: {} in {} .. {} for {}\nDebt: {}\n\n", s.term.path,
                                  plain(s.term.low, d), plain(s.term.high, d),
                                  [&] {
                                      std::string t;
                                      for (const auto& c : s.target) t += (t.empty() ? "" : ", ") + c.text;
                                      return t;
                                  }(),
                                  to_string(s.debt));
    TextTable t({"result", "value"});
    t.set_align(1, TextTable::Align::Left);
    t.add_row({"Threshold", plain(s.threshold, d)});
    t.add_row({"Monte Carlo standard error of the threshold", plain(s.threshold_std_error, d)});
    t.add_row({"Direction", direction_words(s.direction)});
    if (!s.binding.empty()) t.add_row({"Binding condition", s.binding});
    if (s.slope) t.add_row({"Slope of the binding measure (per unit of the term)", fmt::format("{:.4g}", *s.slope)});
    t.add_row({"Final bracket", plain(s.bracket_low, d + 1) + " .. " + plain(s.bracket_high, d + 1)});
    t.add_row({"Runs", fmt::format("{} of {} paths each, seed {}", s.runs, s.at_threshold.result.paths,
                                   s.at_threshold.result.seed)});
    if (s.at_threshold.gearing) t.add_row({"Gearing at the threshold", percent(*s.at_threshold.gearing, 2)});
    out += t.render();

    out += "\nThe target at the threshold:\n";
    TextTable c({"condition", "value", "std error", "met"});
    for (std::size_t i = 0; i < s.target.size(); ++i) {
        const auto& v = s.at_threshold.conditions[i];
        const int dv = decimals_for(v.std_error, 2);
        c.add_row({s.target[i].text, plain(v.value, dv), plain(v.std_error, dv), v.met ? "yes" : "no"});
    }
    out += c.render();
    (void)deal;
    out += "\nThe run at the threshold:\n" + simulation_table(s.at_threshold.result);
    return out;
}

namespace {

// With --sensitivity, every CSV row starts with the measure it was run under: the
// search's own rows first, then one block per other measure (docs/negotiation.md
// section 9).
std::vector<std::string> with_measure(std::vector<std::string> cells, const std::string& measure, bool on) {
    if (on) cells.insert(cells.begin(), measure);
    return cells;
}

}  // namespace

std::string threshold_csv(const ThresholdSearch& s, const std::vector<MeasureSensitivity>& sensitivity) {
    const bool on = !sensitivity.empty();
    std::string out = csv_line(with_measure({"path", "low", "high", "debt_view", "direction", "threshold",
                                             "threshold_std_error", "bracket_low", "bracket_high", "binding", "slope",
                                             "runs", "condition", "value", "std_error", "met"},
                                            "measure", on));
    const std::string searched = s.at_threshold.result.measure;
    for (std::size_t i = 0; i < s.target.size(); ++i) {
        const auto& v = s.at_threshold.conditions[i];
        out += csv_line(with_measure({s.term.path, six(s.term.low), six(s.term.high), debt_view_key(s.debt), s.direction,
                                      six(s.threshold), six(s.threshold_std_error), six(s.bracket_low),
                                      six(s.bracket_high), s.binding, six(s.slope), std::to_string(s.runs),
                                      s.target[i].text, six(v.value), six(v.std_error), v.met ? "true" : "false"},
                                     searched, on));
    }
    // A sensitivity row: the threshold searched again under that measure (empty when the
    // target is not reached there) and the structure found's conditions under it.
    for (const auto& r : sensitivity)
        for (std::size_t i = 0; i < s.target.size() && i < r.structure.conditions.size(); ++i) {
            const auto& v = r.structure.conditions[i];
            out += csv_line({r.measure, s.term.path, six(s.term.low), six(s.term.high), debt_view_key(s.debt), "",
                             six(r.threshold), six(r.threshold_std_error), "", "", "", "", "", s.target[i].text,
                             six(v.value), six(v.std_error), v.met ? "true" : "false"});
        }
    return out;
}

namespace {
std::vector<std::string> design_cells(const DesignSearch& s, std::size_t k, bool table) {
    const DesignPoint& p = s.points[k];
    const SimulationResult& r = p.candidate.result;
    std::vector<std::string> cells;
    for (double t : p.candidate.terms) cells.push_back(table ? fmt::format("{:.6g}", t) : six(t));
    auto money = [&](double v) { return table ? millions(v, 1) : six(v); };
    auto prob = [&](double v) { return table ? percent(v, 1) : six(v); };
    cells.push_back(p.candidate.meets ? "yes" : "no");
    cells.push_back(p.on_frontier ? "yes" : "no");
    cells.push_back(s.recommended && *s.recommended == k ? "yes" : "no");
    cells.push_back(money(p.buyer.cost_against_spot.value));
    cells.push_back(money(p.buyer.capital_at_risk));
    cells.push_back(p.buyer.equity_share ? money(p.buyer.equity_contributed.value) : "");
    cells.push_back(money(p.buyer.expected_loss.value));
    cells.push_back(prob(p.buyer.p_shortfall.value));
    cells.push_back(prob(r.p_default.value));
    cells.push_back(prob(r.expected_loss.value));
    cells.push_back(table ? ratio(r.dscr_min.p10) : six(r.dscr_min.p10));
    cells.push_back(r.bankability ? (table ? fmt::format("{:.1f}", r.bankability->score) : six(r.bankability->score)) : "");
    cells.push_back(r.bankability ? r.bankability->category : "");
    cells.push_back(table ? millions(r.peak_debt.mean, 1) : six(r.peak_debt.mean));
    cells.push_back(p.candidate.gearing ? (table ? percent(*p.candidate.gearing, 1) : six(*p.candidate.gearing)) : "");
    return cells;
}
}  // namespace

std::string sensitivity_table(const std::vector<MeasureSensitivity>& rows, const std::vector<TargetCondition>& target) {
    std::string out = "\nSensitivity to the price model (the same structure, seed and paths, another measure):\n";
    std::vector<std::string> header{"measure", "meets"};
    for (const auto& t : target) header.push_back(t.text);
    header.push_back("P(default)");
    header.push_back("score");
    header.push_back("category");
    header.push_back("threshold there");
    TextTable table(header);
    for (const auto& r : rows) {
        std::vector<std::string> cells{r.measure, r.structure.meets ? "yes" : "no"};
        for (std::size_t i = 0; i < target.size() && i < r.structure.conditions.size(); ++i) {
            const auto& v = r.structure.conditions[i];
            cells.push_back(v.value ? fmt::format("{:.4g}", *v.value) : std::string(kAbsent));
        }
        const auto& res = r.structure.result;
        cells.push_back(percent(res.p_default.value, 2));
        cells.push_back(res.bankability ? fmt::format("{:.1f}", res.bankability->score) : std::string(kAbsent));
        cells.push_back(res.bankability ? res.bankability->category : std::string(kAbsent));
        if (r.threshold) {
            const int d = decimals_for(r.threshold_std_error);
            cells.push_back(plain(r.threshold, d) + " +/- " + plain(r.threshold_std_error, d));
        } else {
            cells.push_back(r.unreachable.empty() ? "" : "not reached in the range");
        }
        table.add_row(cells);
    }
    out += table.render();
    for (const auto& r : rows)
        if (!r.unreachable.empty()) out += r.measure + ": " + r.unreachable + "\n";
    return out;
}

std::string design_table(const DesignSearch& s) {
    const std::string cur = s.points.empty() ? "USD" : s.points.front().candidate.result.currency;
    std::string out;
    if (s.optimiser) {
        const OptimiserReport& o = *s.optimiser;
        out = fmt::format("Negotiation search by {} {}: {} structures tried (budget {}, tolerance {:g} of each range), "
                          "minimising the buyer's {}; stopped: {}; debt {}\n",
                          o.library, o.algorithm, o.evaluations, o.settings.max_evaluations, o.settings.relative_tolerance,
                          o.objective == "buyer_cost" ? "cost" : "P(shortfall) within the budget", o.stop_words,
                          to_string(s.debt));
    } else {
        out = "Negotiation design: " + std::to_string(s.points.size()) + " structures (" +
              std::to_string(s.points_per_term) + " points per term), debt " + to_string(s.debt) + "\n";
    }
    std::string t;
    for (const auto& c : s.target) t += (t.empty() ? "" : ", ") + c.text;
    out += "Target: " + t + "; buyer followed: " + (s.points.empty() ? "" : s.points.front().buyer.buyer) + "\n\n";
    std::vector<std::string> header;
    for (const auto& term : s.terms) header.push_back(term.path);
    for (const char* h : {"meets", "frontier", "recommended"}) header.push_back(h);
    header.push_back("buyer cost vs spot, " + cur + " m");
    header.push_back("capital at risk, " + cur + " m");
    header.push_back("of which equity, " + cur + " m");
    header.push_back("buyer exp. loss, " + cur + " m");
    header.push_back("P(shortfall)");
    header.push_back("PD");
    header.push_back("EL");
    header.push_back("P10 min DSCR");
    header.push_back("score");
    header.push_back("category");
    header.push_back("peak debt, " + cur + " m");
    header.push_back("gearing");
    TextTable table(header);
    for (std::size_t k = 0; k < s.points.size(); ++k) table.add_row(design_cells(s, k, true));
    out += table.render();
    if (s.recommended) {
        out += "\nRecommended (" + std::string(s.preference == BuyerPreference::Cheapest ? "cheapest for the buyer"
                                                                                        : "most secure supply within the budget") +
               "):";
        for (std::size_t i = 0; i < s.terms.size(); ++i)
            out += fmt::format(" {}={:.10g}", s.terms[i].path, s.points[*s.recommended].candidate.terms[i]);
        out += "\n";
    } else {
        out += "\nNo structure " + std::string(s.optimiser ? "tried" : "of the design") + " meets the target" +
               std::string(s.budget ? " within the budget" : "") + ".\n";
    }
    return out;
}

std::string design_csv(const DesignSearch& s, const std::vector<MeasureSensitivity>& sensitivity) {
    const bool on = !sensitivity.empty();
    std::vector<std::string> header;
    for (const auto& term : s.terms) header.push_back(term.path);
    for (const char* h : {"meets", "on_frontier", "recommended", "buyer_cost_against_spot", "buyer_capital_at_risk",
                          "buyer_equity_at_risk", "buyer_expected_loss", "buyer_p_shortfall", "p_default",
                          "expected_loss", "p10_dscr_min", "score", "category", "peak_debt", "gearing"})
        header.push_back(h);
    std::string out = csv_line(with_measure(header, "measure", on));
    const std::string searched = s.points.empty() ? "" : s.points.front().candidate.result.measure;
    for (std::size_t k = 0; k < s.points.size(); ++k) {
        auto cells = design_cells(s, k, false);
        for (auto& c : cells) c = c == "yes" ? "true" : c == "no" ? "false" : c;
        out += csv_line(with_measure(cells, searched, on));
    }
    // A sensitivity row: the recommended structure under that measure, the project's side
    // (the buyer's side is not measured again: empty).
    for (const auto& r : sensitivity) {
        const SimulationResult& res = r.structure.result;
        std::vector<std::string> cells{r.measure};
        for (double t : r.structure.terms) cells.push_back(six(t));
        cells.push_back(r.structure.meets ? "true" : "false");
        for (const char* empty : {"", "true", "", "", "", "", ""}) cells.push_back(empty);
        cells.push_back(six(res.p_default.value));
        cells.push_back(six(res.expected_loss.value));
        cells.push_back(six(res.dscr_min.p10));
        cells.push_back(res.bankability ? six(res.bankability->score) : "");
        cells.push_back(res.bankability ? res.bankability->category : "");
        cells.push_back(six(res.peak_debt.mean));
        cells.push_back(r.structure.gearing ? six(*r.structure.gearing) : "");
        out += csv_line(cells);
    }
    return out;
}

std::string deal_file_text(DealDocument found, const Deal& original, const std::string& path,
                           const std::string& model, const SimulationResult& run) {
    namespace fs = std::filesystem;
    if (!model.empty()) {
        const fs::path folder = fs::absolute(fs::path(path)).parent_path();
        found.set_string("simulation.price_model", fs::relative(fs::absolute(model), folder).generic_string());
    }
    found.set_number("simulation.seed", static_cast<double>(run.seed));
    found.set_number("simulation.paths", static_cast<double>(run.paths));
    found.set_string("simulation.measure", run.measure);
    return "# Written by offtake negotiate from " + original.source +
           " (docs/negotiation.md): the structure found, to run on its own.\n" + found.to_yaml();
}

}  // namespace offtake::cli
