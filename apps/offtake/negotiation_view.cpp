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

std::string threshold_csv(const ThresholdSearch& s) {
    std::string out = csv_line({"path", "low", "high", "debt_view", "direction", "threshold", "threshold_std_error",
                                "bracket_low", "bracket_high", "binding", "slope", "runs", "condition", "value",
                                "std_error", "met"});
    for (std::size_t i = 0; i < s.target.size(); ++i) {
        const auto& v = s.at_threshold.conditions[i];
        out += csv_line({s.term.path, six(s.term.low), six(s.term.high), debt_view_key(s.debt), s.direction,
                         six(s.threshold), six(s.threshold_std_error), six(s.bracket_low), six(s.bracket_high),
                         s.binding, six(s.slope), std::to_string(s.runs), s.target[i].text, six(v.value),
                         six(v.std_error), v.met ? "true" : "false"});
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
