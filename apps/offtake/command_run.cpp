// offtake run DEAL: the deterministic base case, and with --paths (or --simulate) the
// Monte Carlo run on simulated prices.
#include "attribution_table.hpp"
#include "command.hpp"
#include "deterministic_view.hpp"
#include "exit_codes.hpp"
#include "output_file.hpp"
#include "report_html.hpp"
#include "report_xlsx.hpp"
#include "simulation_args.hpp"
#include "simulation_tables.hpp"

#include <offtake/attribution.hpp>
#include <offtake/deal_file.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>

#include <nlohmann/json.hpp>

#include <memory>

namespace offtake::cli {

namespace {

struct RunArgs {
    std::string deal;
    bool simulate = false;
    bool attribution = false;
    SimulationArgs sim;
    Format format = Format::Table;
    std::optional<std::string> out;
};

// The JSON document of the run: the Monte Carlo document with the base case inside it,
// or the base case alone. The HTML report embeds this very document.
nlohmann::json run_document(const Deal& deal, const std::optional<SimulationResult>& result,
                            const std::optional<Attribution>& attribution = std::nullopt) {
    if (!result) return nlohmann::json::parse(deterministic_json(deal));
    auto doc = nlohmann::json::parse(to_json(*result, &deal));
    doc["base_case"] = nlohmann::json::parse(deterministic_json(deal));
    if (attribution) doc["attribution"] = nlohmann::json::parse(attribution_json(*attribution));
    return doc;
}

int run_run(const RunArgs& args) {
    if (args.format == Format::Html || args.format == Format::Xlsx)
        check_report_destination(to_string(args.format), args.out);
    Deal deal = load_deal_file(args.deal);
    check_output_target(args.out, input_files(args.sim, deal));
    const bool monte_carlo = args.simulate || args.sim.paths.has_value() || args.attribution;

    std::optional<SimulationResult> result;
    if (monte_carlo) {
        ProgressBar bar(static_cast<long>(planned_paths(args.sim, deal)), "paths");
        result = simulate(deal, to_options(args.sim, deal, &bar));
        bar.finish();
        check_not_cancelled(*result);
    }
    std::optional<Attribution> attribution;
    if (args.attribution) attribution = attribute_risks(deal, to_options(args.sim, deal, nullptr));

    std::string body;
    switch (args.format) {
        case Format::Table:
            body = deterministic_table(deal);
            if (result) body += "\n" + simulation_table(*result);
            if (attribution) body += "\n" + attribution_table(*attribution, result->currency);
            break;
        case Format::Csv:
            // One table shape per file: the Monte Carlo metrics when simulated, else the
            // deterministic ones.
            // With --attribution, the attribution table (its own shape).
            body = attribution ? attribution_csv(*attribution) : result ? simulation_csv(*result) : deterministic_csv(deal);
            break;
        case Format::Json:
            body = result ? run_document(deal, result, attribution).dump(2) + "\n" : deterministic_json(deal);
            break;
        case Format::Html:
            body = html_report("run", run_document(deal, result), deal);
            break;
        case Format::Xlsx:
            body = xlsx_run_workbook(run_document(deal, result), deal, schedule_csv(deal));
            break;
    }
    emit(args.out, body);
    return kSuccess;
}

}  // namespace

void add_run_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<RunArgs>();
    CLI::App* cmd = app.add_subcommand(
        "run", "Price a deal: deterministic base case, and a Monte Carlo run with --paths");
    cmd->add_option("deal", args->deal, "Deal file (YAML, see docs/deal-file.md)")->required();
    cmd->add_flag("--simulate", args->simulate,
                  "Run the Monte Carlo with the deal file's simulation settings");
    cmd->add_flag("--attribution", args->attribution,
                  "Also run each risk family switched off in turn on the same paths: what drives "
                  "P(default), EL, P10 NPV, P10 min DSCR and P(shortfall) (docs/risks.md)");
    add_simulation_options(*cmd, args->sim,
                           "Simulated price paths; giving it runs the Monte Carlo");
    add_format_option(*cmd, args->format, {Format::Table, Format::Json, Format::Csv, Format::Html, Format::Xlsx});
    cmd->add_option("--out", args->out, "Write the result to this file (atomically)");
    cmd->footer(examples_footer({"offtake run examples/thacker-pass-gm.yaml",
                                 "offtake run examples/thacker-pass-gm.yaml --paths 2000 --format html --out report.html",
                                 "offtake run examples/thacker-pass-gm.yaml --paths 2000 --format xlsx --out model.xlsx",
                                 "offtake run examples/thacker-pass-gm.yaml --paths 20000 --seed 42",
                                 "offtake run examples/copper-prepay.yaml --paths 2000 --attribution",
                                 "offtake run examples/copper-prepay.yaml --paths 5000 --format json --out result.json"}));
    cmd->callback([args, &action] { action = [args] { return run_run(*args); }; });
}

}  // namespace offtake::cli
