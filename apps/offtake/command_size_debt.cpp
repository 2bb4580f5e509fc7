// offtake size-debt DEAL --target-dscr 1.30 --percentile 10: the largest senior debt
// whose minimum DSCR stays at or above the target on all but `percentile` % of paths.
#include "command.hpp"
#include "exit_codes.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "report_html.hpp"
#include "report_xlsx.hpp"
#include "simulation_args.hpp"
#include "simulation_tables.hpp"
#include "text_table.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>
#include <offtake/run_limits.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <memory>

namespace offtake::cli {

namespace {

struct SizeDebtArgs {
    std::string deal;
    double target_dscr = 1.30;
    double percentile = 10.0;
    std::optional<double> target_llcr;
    double max_gearing = 0.95;
    std::string tranche;
    SimulationArgs sim;
    Format format = Format::Table;
    std::optional<std::string> out;
};

int run_size_debt(const SizeDebtArgs& args) {
    if (args.format == Format::Html || args.format == Format::Xlsx)
        check_report_destination(to_string(args.format), args.out);
    Deal deal = load_deal_file(args.deal);
    check_output_target(args.out, input_files(args.sim, deal));
    if (!deal.debt)
        throw DealError(Problem{args.deal, 0, 0, "debt",
                                "size-debt needs a `debt` section to size (none in this file)"});
    DebtSizingOptions sizing;
    sizing.target_dscr = args.target_dscr;
    sizing.dscr_percentile = args.percentile / 100.0;
    sizing.target_llcr = args.target_llcr;
    sizing.max_gearing = args.max_gearing;
    sizing.tranche = args.tranche;

    // Bisection runs the simulation many times; the bar counts runs of paths.
    ProgressBar bar(static_cast<long>(planned_paths(args.sim, deal)), "paths");
    MonteCarloOptions options = to_options(args.sim, deal, &bar);
    DebtSizingResult s = size_debt(deal, sizing, options);
    bar.finish();
    check_not_cancelled(s.result);

    std::string body;
    if (args.format == Format::Json) {
        body = to_json(s, &deal) + "\n";
    } else if (args.format == Format::Xlsx) {
        body = xlsx_sizing_workbook(nlohmann::json::parse(to_json(s, &deal)));
    } else if (args.format == Format::Html) {
        body = html_report("size-debt", nlohmann::json::parse(to_json(s, &deal)), deal);
    } else if (args.format == Format::Csv) {
        body = csv_line({"feasible", "gearing", "debt", "binding", "iterations",
                         "target_dscr", "percentile", "dscr_min_at_percentile", "smallest_failing_gearing",
                         "dscr_at_smallest_failing", "share_negative_min_dscr"});
        // Six decimals, through the gate of every writer (empty when absent or not finite).
        auto six = [](const std::optional<double>& v) {
            const auto x = reportable(v);
            return x ? fmt::format("{:.6f}", *x) : std::string();
        };
        auto q = args.percentile <= 5.0 ? s.result.dscr_min.p5 : s.result.dscr_min.p10;
        const auto debt = reportable(s.debt);
        body += csv_line({s.feasible ? "true" : "false", six(s.gearing),
                          debt ? fmt::format("{:.2f}", *debt) : std::string(), s.binding,
                          std::to_string(s.iterations), fmt::format("{}", args.target_dscr),
                          fmt::format("{}", args.percentile), six(q), six(s.smallest_failing_gearing),
                          six(s.dscr_at_smallest_failing), six(s.share_negative_dscr)});
    } else {
        body = fmt::format("Debt sizing: P{} of minimum DSCR >= {} over the tenor\n\n",
                           thousands(args.percentile, 0), ratio(args.target_dscr));
        TextTable t({"result", "value"});
        t.add_row({"Feasible", s.feasible ? "yes" : "no (no gearing in the bracket meets the target)"});
        if (!s.tranche.empty()) {
            // A tranche below the senior debt (docs/credit.md section 7): on the total DSCR.
            t.add_row({"Tranche sized (the others as in the deal file)", s.tranche});
            t.add_row({"Gearing of the tranche (share of construction capex drawn)", percent(s.gearing, 1)});
            t.add_row({"Tranche commitment (" + table_unit(UnitKind::Money, s.result.currency) + ")",
                       millions(s.debt, 1)});
        } else {
            t.add_row({"Gearing (share of construction capex drawn)", percent(s.gearing, 1)});
            t.add_row({"Gearing achieved (debt / total funding at COD)",
                       s.gearing_achieved ? percent(*s.gearing_achieved, 1) : kAbsent});
            t.add_row({"Senior debt (mean peak, " + table_unit(UnitKind::Money, s.result.currency) + ")",
                       millions(s.debt, 1)});
        }
        t.add_row({"Binding constraint", s.binding.empty() ? kAbsent : s.binding});
        t.add_row({"Bisection runs", std::to_string(s.iterations)});
        if (s.tranche.empty()) t.add_row({"Gearing in the deal file", percent(deal.debt->gearing, 1)});
        if (s.smallest_failing_gearing) {
            const std::string p = "P" + thousands(args.percentile, 0);
            t.add_row({"Smallest gearing that fails", percent(*s.smallest_failing_gearing, 3)});
            t.add_row({p + " of minimum " + (s.tranche.empty() ? "" : "total ") + "DSCR there",
                       s.dscr_at_smallest_failing ? ratio(*s.dscr_at_smallest_failing) : kAbsent});
            t.add_row({"Paths with negative minimum DSCR", percent(s.share_negative_dscr, 1)});
        }
        body += t.render();
        if (!s.feasible && s.share_negative_dscr > sizing.dscr_percentile)
            body += fmt::format(
                "\nWhy: on {} of paths CFADS is negative in some repayment period (minimum DSCR\n"
                "below zero). No loan, however small, covers that, so the {} of minimum DSCR stays\n"
                "below {} at any gearing. Only a percentile above {} (a less prudent test) could\n"
                "be met; otherwise protect the cash flow (a price floor in the offtake, lower fixed\n"
                "costs) and size again.\n",
                percent(s.share_negative_dscr, 1), "P" + thousands(args.percentile, 0),
                ratio(args.target_dscr), percent(s.share_negative_dscr, 1),
                ratio(args.target_dscr));
        body += "\nAt the sized gearing:\n" + simulation_table(s.result);
    }
    emit(args.out, body);
    return kSuccess;
}

// A CLI11 check of a number against one of the library's sizing predicates.
CLI::Validator sizing_rule(const std::string& what, bool (*allowed)(double)) {
    return CLI::Validator(
        [what, allowed](std::string& text) -> std::string {
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            if (text.empty() || end != text.c_str() + text.size() || !allowed(v))
                return "'" + text + "' is not " + what;
            return "";
        },
        "NUMBER");
}

}  // namespace

void add_size_debt_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<SizeDebtArgs>();
    CLI::App* cmd = app.add_subcommand(
        "size-debt", "Size senior debt so the minimum DSCR meets a target at a percentile");
    cmd->add_option("deal", args->deal, "Deal file with a debt section")->required();
    // The bounds are the library's (run_limits.hpp), as the C API's offtake_size_debt.
    cmd->add_option("--target-dscr", args->target_dscr, "Minimum DSCR required (default 1.30)")
        ->check(sizing_rule("a number above 0", [](double v) { return sizing_target_allowed(v); }));
    cmd->add_option("--percentile", args->percentile,
                    "Percentile of the minimum DSCR that must meet the target, in % (default 10)")
        ->check(sizing_rule("a percentage above 0 and below 100",
                            [](double v) { return sizing_percentile_allowed(v / 100.0); }));
    cmd->add_option("--target-llcr", args->target_llcr, "Also require P50 LLCR at COD >= this")
        ->check(sizing_rule("a number above 0", [](double v) { return sizing_target_allowed(v); }));
    cmd->add_option("--max-gearing", args->max_gearing, "Largest gearing searched (default 0.95)")
        ->check(sizing_rule("a fraction above 0 and below 1",
                            [](double v) { return sizing_gearing_bracket_allowed(0.0, v); }));
    cmd->add_option("--tranche", args->tranche,
                    "Size this tranche of debt.tranches (by name) on the minimum total DSCR, the others held "
                    "(default: the senior debt)");
    add_simulation_options(*cmd, args->sim, "Simulated price paths per run (default: the deal file's)");
    add_format_option(*cmd, args->format, {Format::Table, Format::Json, Format::Csv, Format::Html, Format::Xlsx});
    cmd->add_option("--out", args->out, "Write the result to this file (atomically)");
    cmd->footer(examples_footer({"offtake size-debt examples/thacker-pass-gm.yaml --target-dscr 1.30 "
                                 "--percentile 10 --paths 2000"}));
    cmd->callback([args, &action] { action = [args] { return run_size_debt(*args); }; });
}

}  // namespace offtake::cli
