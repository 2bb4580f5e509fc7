// The what-if table: the signed portfolio's headline, then one row per change with the
// paired difference and its standard error for each measure, the money committed and the
// change in expected unmet tonnes per million committed; additions are ranked by the
// tonnes they save per million (most first), removals by the tonnes each million freed
// costs (least first), stresses by the tonnes they add (most first).
#include "portfolio_what_if_view.hpp"

#include "number_format.hpp"
#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace offtake::cli {

namespace {

std::string signed_value(UnitKind unit, const Estimate& e) {
    if (e.paths == 0) return "n/a";
    const std::string v = format_value(unit, e.value);
    return (e.value > 0 ? "+" : "") + v;
}

std::string with_error(UnitKind unit, const Estimate& e) {
    if (e.paths == 0) return "n/a";
    return signed_value(unit, e) + " ± " + format_value(unit, e.standard_error);
}

// The rank order of the changes of one kind (indices into r.changes).
std::vector<std::size_t> ranked(const WhatIfResult& r, WhatIfKind kind) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < r.changes.size(); ++i)
        if (r.changes[i].kind == kind) out.push_back(i);
    auto key = [&](std::size_t i) {
        const auto& ch = r.changes[i];
        if (kind == WhatIfKind::Stress) return -ch.difference.unmet_tonnes.value;
        const auto per = per_million_committed(ch, "unmet_tonnes");
        // Additions: tonnes saved per million (a negative difference) first; removals:
        // tonnes added per million freed, least first. No money committed ranks last.
        return per ? *per : HUGE_VAL;
    };
    std::stable_sort(out.begin(), out.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    return out;
}

}  // namespace

std::string render_what_if_table(const WhatIfResult& r) {
    const auto& b = r.base;
    const std::string money = table_unit(UnitKind::Money, b.currency);
    const double x = b.report.shortfall_thresholds.front();
    std::string out = fmt::format(
        "What-if for {}: signed positions {}, candidates {}, stresses {}; {} paths (seed {}), all on the same paths.\n"
        "P(shortfall): P(unmet > {} of need) averaged over the products' need years. Unmet tonnes and cost: summed over "
        "products and years. Loss: prepayments lost + guarantees paid. Differences are per path against the "
        "portfolio as signed (± one standard error).\n",
        b.buyer, b.positions.size(), r.candidates.size(),
        std::count_if(r.changes.begin(), r.changes.end(), [](const auto& c) { return c.kind == WhatIfKind::Stress; }),
        b.paths, b.seed, percent(x, 0));
    TextTable head({"portfolio as signed", "P(shortfall)", "E[unmet t]", "E[cost] " + money, "E[loss] " + money});
    head.add_row({"", format_value(UnitKind::Probability, r.headline.p_shortfall.value),
                  format_value(UnitKind::Tonnes, r.headline.unmet_tonnes.value),
                  format_value(UnitKind::Money, r.headline.total_cost.value),
                  format_value(UnitKind::Money, r.headline.capital_loss.value)});
    out += "\n" + head.render();
    for (WhatIfKind kind : {WhatIfKind::Add, WhatIfKind::Remove, WhatIfKind::Stress}) {
        const auto order = ranked(r, kind);
        if (order.empty()) continue;
        const char* title = kind == WhatIfKind::Add      ? "Adding each candidate (ranked by unmet tonnes saved per million committed)"
                            : kind == WhatIfKind::Remove ? "Removing each position (ranked by unmet tonnes added per million freed, least first)"
                                                         : "Named stresses (ranked by unmet tonnes added)";
        TextTable t({"rank", kind == WhatIfKind::Stress ? "stress" : "deal", "committed " + money, "Δ P(shortfall)",
                     "Δ E[unmet t]", "Δ E[cost] " + money, "Δ E[loss] " + money, "Δ unmet t per m"});
        t.set_align(1, TextTable::Align::Left);
        for (std::size_t i = 0; i < order.size(); ++i) {
            const auto& ch = r.changes[order[i]];
            const auto per = per_million_committed(ch, "unmet_tonnes");
            t.add_row({std::to_string(i + 1), ch.label,
                       kind == WhatIfKind::Stress ? std::string("") : format_value(UnitKind::Money, ch.committed),
                       with_error(UnitKind::Probability, ch.difference.p_shortfall),
                       with_error(UnitKind::Tonnes, ch.difference.unmet_tonnes),
                       with_error(UnitKind::Money, ch.difference.total_cost),
                       with_error(UnitKind::Money, ch.difference.capital_loss),
                       per ? fmt::format("{:+.1f}", *per) : std::string("n/a")});
        }
        out += fmt::format("\n{}:\n", title) + t.render();
    }
    return out;
}

std::string render_what_if_csv(const WhatIfResult& r) {
    std::string out = csv_line({"kind", "label", "committed", "measure", "after", "difference", "standard_error",
                                "difference_per_million_committed", "paths"});
    auto lines = [&](const std::string& kind, const std::string& label, const std::optional<double>& committed,
                     const PortfolioHeadline& after, const PortfolioHeadline* diff, const WhatIfChange* ch) {
        const std::pair<const char*, const Estimate PortfolioHeadline::*> measures[] = {
            {"p_shortfall", &PortfolioHeadline::p_shortfall}, {"unmet_tonnes", &PortfolioHeadline::unmet_tonnes},
            {"total_cost", &PortfolioHeadline::total_cost}, {"capital_loss", &PortfolioHeadline::capital_loss}};
        for (const auto& [name, member] : measures) {
            const Estimate& a = after.*member;
            out += csv_line({kind, label, csv_number(committed), name, csv_number(std::optional<double>(a.value)),
                             diff ? csv_number(std::optional<double>((diff->*member).value)) : "",
                             diff ? csv_number(std::optional<double>((diff->*member).standard_error)) : "",
                             ch ? csv_number(per_million_committed(*ch, name)) : "", std::to_string(a.paths)});
        }
    };
    lines("base", r.base.buyer, std::nullopt, r.headline, nullptr, nullptr);
    for (const auto& ch : r.changes)
        lines(to_string(ch.kind), ch.label,
              ch.kind == WhatIfKind::Stress ? std::nullopt : std::optional<double>(ch.committed), ch.after,
              &ch.difference, &ch);
    return out;
}

}  // namespace offtake::cli
