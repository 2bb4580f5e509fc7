// The optimiser's table: the problem and its size, the linear-scaling assumption and its
// check, the chosen volumes and what they buy, then the measures as signed and optimised
// on the sample (predicted by scaling, and exact) and on independent paths, in total and
// per need year. The CSV carries the same numbers, one per line.
#include "portfolio_optimise_view.hpp"

#include "number_format.hpp"
#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <fmt/format.h>

namespace offtake::cli {

namespace {

std::string constraint_text(const OptimiseResult& r) {
    if (r.spec.measure == OptimiseMeasure::PShortfall)
        return fmt::format("P(unmet > {} of need) <= {} {}", percent(r.threshold, 0), percent(r.spec.max, 2),
                           r.spec.over == OptimiseScope::EachYear ? "in each need year" : "averaged over the need years");
    return fmt::format("CVaR 95 % of unmet tonnes <= {} t {}", thousands(r.spec.max, 0),
                       r.spec.over == OptimiseScope::EachYear ? "in each need year" : "(of their sum over the need years)");
}

std::string cost_text(const OptimiseMeasures& m) {
    return m.cost_present ? millions(m.cost_total) : std::string(kAbsent);
}

std::string with_error(UnitKind unit, const Estimate& e) {
    if (e.paths == 0) return kAbsent;
    return (e.value > 0 ? "+" : "") + format_value(unit, e.value) + " ± " + format_value(unit, e.standard_error);
}

}  // namespace

std::string render_optimise_table(const OptimiseResult& r) {
    const std::string money = table_unit(UnitKind::Money, r.currency);
    std::string out = fmt::format(
        "Optimiser for {}: minimise E[total cost of supply] subject to {}.\n"
        "Sample-average problem on {} paths (seed {}): {} with {} columns, {} rows, {} binaries, {} integer "
        "volumes; {}: {} in {:.2f} s.\n",
        r.buyer, constraint_text(r), r.sample_paths, r.seed, r.mip ? "MIP" : "LP", r.columns, r.rows, r.binaries,
        r.integers, r.solver, r.status, r.solver_seconds);
    out += fmt::format(
        "ASSUMPTION (linear scaling): a candidate at volume v delivers and invoices v / max of its tonnes and "
        "invoices at its largest volume, path by path and year by year.\nCheck: at the largest volumes {} of {} "
        "candidate path-years with contracted tonnes fell short of the contract (where scaling may fail); the exact "
        "run at the chosen volumes on the same paths differs from the scaled tonnes by at most {} t in a "
        "path-year.\n",
        r.cells_short_at_max, r.cells_contracted, thousands(r.scaling_max_deviation_tonnes, 3));

    TextTable c({"candidate", "buyer", "min t/yr", "max t/yr", "offered t/yr", "chosen t/yr",
                 "E[delivered t] need years", "E[payments] " + money});
    c.set_align(1, TextTable::Align::Left);
    for (const auto& ch : r.choices)
        c.add_row({ch.deal_file, ch.buyer, thousands(ch.min_tpa, 0), thousands(ch.max_tpa, 0),
                   thousands(ch.offered_tpa, 0), thousands(ch.chosen_tpa, 0), thousands(ch.delivered_tonnes, 0),
                   millions(ch.payments)});
    out += "\nChosen volumes (what they buy: tonnes and payments from the exact run on the sample):\n" + c.render();

    std::vector<std::string> h{"measure", "as signed", "optimised, predicted", "optimised, exact"};
    if (r.out_of_sample) {
        h.push_back(fmt::format("out of sample ({} paths, seed {}): as signed", r.out_of_sample->paths,
                                r.out_of_sample->seed));
        h.push_back("optimised");
        h.push_back("difference ± se");
    }
    TextTable t(h);
    auto row = [&](const std::string& name, std::string (*fmt_value)(const OptimiseMeasures&),
                   const Estimate* diff, UnitKind unit) {
        std::vector<std::string> cells{name, fmt_value(r.in_sample.as_signed), fmt_value(r.predicted),
                                       fmt_value(r.in_sample.optimised)};
        if (r.out_of_sample) {
            cells.push_back(fmt_value(r.out_of_sample->as_signed));
            cells.push_back(fmt_value(r.out_of_sample->optimised));
            cells.push_back(diff ? with_error(unit, *diff) : std::string(""));
        }
        t.add_row(cells);
    };
    const auto* oos = r.out_of_sample ? &r.out_of_sample->difference : nullptr;
    row("P(shortfall), mean over need years",
        [](const OptimiseMeasures& m) { return percent(m.p_shortfall_average, 2); },
        oos ? &oos->p_shortfall : nullptr, UnitKind::Probability);
    row("CVaR 95 % of unmet t, summed over years",
        [](const OptimiseMeasures& m) { return thousands(m.cvar95_unmet_total, 0); }, nullptr, UnitKind::Tonnes);
    row("E[unmet t], summed over years", [](const OptimiseMeasures& m) { return thousands(m.unmet_total, 0); },
        oos ? &oos->unmet_tonnes : nullptr, UnitKind::Tonnes);
    row("E[total cost] " + money, cost_text, oos ? &oos->total_cost : nullptr, UnitKind::Money);
    out += fmt::format("\nWhat they buy (as signed and optimised on the {} sample paths: predicted by scaling, "
                       "and run exactly):\n",
                       r.sample_paths) +
           t.render();

    std::vector<std::string> yh{"need year", "need t", "P(short) signed", "optimised", "CVaR95 unmet t signed",
                                "optimised", "E[cost] " + money + " optimised"};
    if (r.out_of_sample) {
        yh.push_back("out of sample: P(short) optimised");
        yh.push_back("CVaR95 unmet t optimised");
    }
    TextTable y(yh);
    y.set_align(0, TextTable::Align::Left);
    const auto& in = r.in_sample;
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
        std::vector<std::string> cells{r.cells[i],
                                       thousands(r.need[i], 0),
                                       percent(in.as_signed.p_shortfall[i], 1),
                                       percent(in.optimised.p_shortfall[i], 1),
                                       thousands(in.as_signed.cvar95_unmet[i], 0),
                                       thousands(in.optimised.cvar95_unmet[i], 0),
                                       millions(in.optimised.cost[i])};
        if (r.out_of_sample) {
            cells.push_back(percent(r.out_of_sample->optimised.p_shortfall[i], 1));
            cells.push_back(thousands(r.out_of_sample->optimised.cvar95_unmet[i], 0));
        }
        y.add_row(cells);
    }
    out += "\nPer need year (exact runs):\n" + y.render();
    return out;
}

std::string render_optimise_csv(const OptimiseResult& r) {
    std::string out = csv_line({"set", "item", "measure", "value"});
    for (const auto& c : r.choices) {
        out += csv_line({"choice", c.deal_file, "min_tpa", csv_number(c.min_tpa)});
        out += csv_line({"choice", c.deal_file, "max_tpa", csv_number(c.max_tpa)});
        out += csv_line({"choice", c.deal_file, "offered_tpa", csv_number(c.offered_tpa)});
        out += csv_line({"choice", c.deal_file, "chosen_tpa", csv_number(c.chosen_tpa)});
        out += csv_line({"choice", c.deal_file, "delivered_tonnes", csv_number(c.delivered_tonnes)});
        out += csv_line({"choice", c.deal_file, "payments", csv_number(c.payments)});
    }
    out += csv_line({"problem", "", "sample_paths", std::to_string(r.sample_paths)});
    out += csv_line({"problem", "", "seed", std::to_string(r.seed)});
    out += csv_line({"problem", "", "objective_value", csv_number(r.objective)});
    out += csv_line({"problem", "", "binaries", std::to_string(r.binaries)});
    auto set = [&](const std::string& name, const OptimiseMeasures& m) {
        out += csv_line({name, "all years", "p_shortfall_average", csv_number(m.p_shortfall_average)});
        out += csv_line({name, "all years", "cvar95_unmet_tonnes_total", csv_number(m.cvar95_unmet_total)});
        out += csv_line({name, "all years", "unmet_tonnes", csv_number(m.unmet_total)});
        out += csv_line({name, "all years", "total_cost",
                         m.cost_present ? csv_number(m.cost_total) : std::string()});
        for (std::size_t i = 0; i < r.cells.size() && i < m.p_shortfall.size(); ++i) {
            out += csv_line({name, r.cells[i], "p_shortfall", csv_number(m.p_shortfall[i])});
            out += csv_line({name, r.cells[i], "cvar95_unmet_tonnes", csv_number(m.cvar95_unmet[i])});
            out += csv_line({name, r.cells[i], "unmet_tonnes", csv_number(m.unmet[i])});
            out += csv_line({name, r.cells[i], "total_cost", csv_number(m.cost[i])});
        }
    };
    set("predicted", r.predicted);
    set("in_sample_as_signed", r.in_sample.as_signed);
    set("in_sample_optimised", r.in_sample.optimised);
    if (r.out_of_sample) {
        set("out_of_sample_as_signed", r.out_of_sample->as_signed);
        set("out_of_sample_optimised", r.out_of_sample->optimised);
    }
    return out;
}

}  // namespace offtake::cli
