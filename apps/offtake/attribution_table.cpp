#include "attribution_table.hpp"

#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <fmt/format.h>

namespace offtake::cli {

namespace {

std::vector<std::string> cells(const AttributionMeasures& m) {
    return {format_value(UnitKind::Probability, m.p_default), format_value(UnitKind::Probability, m.expected_loss),
            format_value(UnitKind::Money, m.npv_p10), format_value(UnitKind::Ratio, m.dscr_min_p10),
            format_value(UnitKind::Probability, m.p_shortfall)};
}

std::string plain(const std::optional<double>& v) { return v ? fmt::format("{:.17g}", *v) : ""; }

std::vector<std::string> plain_cells(const AttributionMeasures& m) {
    return {plain(m.p_default), plain(m.expected_loss), plain(m.npv_p10), plain(m.dscr_min_p10), plain(m.p_shortfall)};
}

}  // namespace

std::string attribution_table(const Attribution& a, const std::string& currency) {
    TextTable t({"risks", "P(default)", "EL", fmt::format("P10 NPV {} m", currency), "P10 min DSCR",
                 "buyer P(shortfall)"});
    auto add = [&](const std::string& label, const AttributionMeasures& m) {
        std::vector<std::string> row{label};
        for (auto& c : cells(m)) row.push_back(c);
        t.add_row(row);
    };
    add("all on", a.all);
    t.add_separator();
    for (const auto& r : a.families) add(r.family + " off" + (r.in_deal ? "" : " (not in deal)"), r.without);
    t.add_separator();
    for (const auto& r : a.families)
        if (r.in_deal) add("effect of " + r.family, r.effect);
    std::string out = fmt::format("What drives the result: {} paths, seed {}, measure {}, each family off in turn on "
                                  "the same paths (effect = all on - off)\n",
                                  a.paths, a.seed, a.measure);
    out += t.render();
    std::string missing;
    for (const auto& f : a.not_modelled) missing += (missing.empty() ? "" : ", ") + f;
    out += "Not modelled yet: " + missing + "\n";
    return out;
}

std::string attribution_csv(const Attribution& a) {
    std::string out = csv_line({"family", "in_deal", "variant", "p_default", "expected_loss", "npv_p10",
                                "dscr_min_p10", "p_shortfall"});
    auto line = [&](const std::string& family, const std::string& in_deal, const char* variant,
                    const AttributionMeasures& m) {
        std::vector<std::string> row{family, in_deal, variant};
        for (auto& c : plain_cells(m)) row.push_back(c);
        out += csv_line(row);
    };
    line("all", "", "all", a.all);
    for (const auto& r : a.families) {
        line(r.family, r.in_deal ? "1" : "0", "without", r.without);
        line(r.family, r.in_deal ? "1" : "0", "effect", r.effect);
    }
    return out;
}

}  // namespace offtake::cli
