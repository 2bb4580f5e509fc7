// offtake stress DEAL: the base case and stress scenarios (the standard set, or the
// user's own with --scenario), each run on the same random numbers.
#include "command.hpp"
#include "exit_codes.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "report_html.hpp"
#include "report_xlsx.hpp"
#include "simulation_args.hpp"
#include "simulation_tables.hpp"
#include "stress_scenario_spec.hpp"
#include "text_table.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace offtake::cli {

namespace {

struct StressArgs {
    std::string deal;
    std::vector<std::string> scenarios;  // --scenario specs
    bool standard = false;               // --standard: the standard set as well
    SimulationArgs sim;
    Format format = Format::Table;
    std::optional<std::string> out;
};

int run_stress_command(const StressArgs& args) {
    if (args.format == Format::Html || args.format == Format::Xlsx)
        check_report_destination(to_string(args.format), args.out);
    // The base row first: every scenario reads against it, on the same paths.
    std::vector<StressScenario> scenarios{StressScenario{}};
    scenarios.front().name = kStressBaseName;
    // Each scenario is a whole run: the bound of run_limits.hpp, as the C API's.
    if (!stress_count_allowed(args.scenarios.size()))
        throw UsageError("--scenario is given " + std::to_string(args.scenarios.size()) + " times; at most " +
                         std::to_string(kMaxStressScenarios) + " scenarios a run");
    for (const auto& text : args.scenarios) {
        scenarios.push_back(parse_stress_scenario(text));
        for (std::size_t i = 0; i + 1 < scenarios.size(); ++i)
            if (scenarios[i].name == scenarios.back().name)
                throw UsageError("--scenario \"" + text + "\": the name '" + scenarios.back().name +
                                 "' is already used");
    }
    if (args.scenarios.empty() || args.standard)
        for (auto& s : standard_stress_scenarios()) scenarios.push_back(std::move(s));
    Deal deal = load_deal_file(args.deal);
    check_output_target(args.out, input_files(args.sim, deal));
    std::uint64_t paths = planned_paths(args.sim, deal);
    ProgressBar bar(static_cast<long>(paths * scenarios.size()), "paths");
    MonteCarloOptions options = to_options(args.sim, deal, nullptr);
    track_successive_runs(options, bar);
    auto results = run_stress(deal, scenarios, options);
    bar.finish();
    for (const auto& r : results) check_not_cancelled(r.result);

    std::string body;
    if (args.format == Format::Json) {
        body = to_json(results, &deal) + "\n";
    } else if (args.format == Format::Xlsx) {
        body = xlsx_stress_workbook(nlohmann::json::parse(to_json(results, &deal)));
    } else if (args.format == Format::Html) {
        body = html_report("stress", nlohmann::json::parse(to_json(results, &deal)), deal);
    } else if (args.format == Format::Csv) {
        body = csv_line({"scenario", "changes", "npv_mean", "npv_p10", "irr_p50", "dscr_min_p10",
                         "dscr_min_p50", "p_dscr_below_1", "p_default", "expected_loss_net",
                         "bankability_score", "nonfinite_paths"});
        for (const auto& s : results) {
            const auto& r = s.result;
            body += csv_line({s.scenario.name, describe_stress(s.scenario), csv_number(r.npv.mean), csv_number(r.npv.p10),
                              csv_number(r.irr.p50), csv_number(r.dscr_min.p10), csv_number(r.dscr_min.p50),
                              csv_number(r.p_dscr_below_1.value), csv_number(r.p_default.value),
                              csv_number(r.expected_loss_net.value),
                              r.bankability ? csv_number(r.bankability->score) : "",
                              std::to_string(r.nonfinite_paths)});
        }
    } else {
        const std::string money = table_unit(UnitKind::Money, results.front().result.currency);
        TextTable t({"scenario", "changes", "NPV mean " + money, "NPV P10 " + money, "IRR P50",
                     "min DSCR P10", "P(DSCR<1)", "P(default)", "EL net", "score"});
        t.set_align(1, TextTable::Align::Left);
        for (const auto& s : results) {
            const auto& r = s.result;
            t.add_row({s.scenario.name, describe_stress(s.scenario), millions(r.npv.mean), millions(r.npv.p10),
                       percent(r.irr.p50), ratio(r.dscr_min.p10), percent(r.p_dscr_below_1.value, 1),
                       percent(r.p_default.value, 1), percent(r.expected_loss_net.value, 2),
                       r.bankability ? thousands(r.bankability->score, 1) + " " + r.bankability->category
                                     : std::string(kAbsent)});
        }
        body = simulation_header(results.front().result) +
               "Every scenario uses the same seed and paths (common random numbers).\n\n" + t.render();
        // Scenarios whose numbers overflowed: their NaN and infinite values are in no
        // statistic and the probabilities leave those paths out (docs/conventions.md).
        for (const auto& s : results)
            if (s.result.nonfinite_paths > 0)
                body += fmt::format("Non-finite: {}: on {} of {} paths some metric was not a finite number; "
                                    "left out of the statistics.\n",
                                    s.scenario.name, thousands(static_cast<double>(s.result.nonfinite_paths)),
                                    thousands(static_cast<double>(s.result.paths)));
    }
    emit(args.out, body);
    return kSuccess;
}

}  // namespace

void add_stress_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<StressArgs>();
    CLI::App* cmd = app.add_subcommand("stress", "Run the base case and stress scenarios on a deal");
    cmd->add_option("deal", args->deal, "Deal file")->required();
    cmd->add_option("--scenario", args->scenarios,
                    "Your own scenario, repeatable: \"NAME: price=-20%, capex=+10%, opex=+5%, "
                    "production=-10%, delay=2, rates=+100bps\" (replaces the standard set)");
    cmd->add_flag("--standard", args->standard, "With --scenario: run the standard set as well");
    add_simulation_options(*cmd, args->sim, "Simulated price paths per scenario (default: the deal file's)");
    add_format_option(*cmd, args->format, {Format::Table, Format::Json, Format::Csv, Format::Html, Format::Xlsx});
    cmd->add_option("--out", args->out, "Write the result to this file (atomically)");
    cmd->footer(examples_footer({"offtake stress examples/copper-prepay.yaml --paths 2000",
                                 "offtake stress examples/copper-prepay.yaml --paths 2000 "
                                 "--scenario \"lenders_case: price=-20%, capex=+10%, delay=2\""}));
    cmd->callback([args, &action] { action = [args] { return run_stress_command(*args); }; });
}

}  // namespace offtake::cli
