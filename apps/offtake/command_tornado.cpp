// offtake tornado DEAL: how far each input moves NPV, P50 minimum DSCR and the
// probability of default, largest NPV swing first.
#include "command.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"
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

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <memory>

namespace offtake::cli {

namespace {

struct TornadoArgs {
    std::string deal;
    SimulationArgs sim;
    Format format = Format::Table;
    std::optional<std::string> out;
};

int run_tornado(const TornadoArgs& args) {
    if (args.format == Format::Xlsx || args.format == Format::Html)
        check_report_destination(to_string(args.format), args.out);
    Deal deal = load_deal_file(args.deal);
    check_output_target(args.out, input_files(args.sim, deal));
    auto inputs = standard_tornado_inputs();
    std::uint64_t paths = planned_paths(args.sim, deal);
    ProgressBar bar(static_cast<long>(paths * (2 * inputs.size() + 1)), "paths");
    MonteCarloOptions options = to_options(args.sim, deal, nullptr);
    track_successive_runs(options, bar);
    TornadoTable table = tornado(deal, inputs, options);
    bar.finish();
    throw_if_interrupted();

    std::string body;
    if (args.format == Format::Json) {
        body = to_json(table, &deal) + "\n";
    } else if (args.format == Format::Html) {
        body = html_report("tornado", nlohmann::json::parse(to_json(table, &deal)), deal);
    } else if (args.format == Format::Xlsx) {
        body = xlsx_tornado_workbook(nlohmann::json::parse(to_json(table, &deal)));
    } else if (args.format == Format::Csv) {
        body = csv_line({"input", "low", "high", "npv_low", "npv_high", "npv_swing",
                         "dscr_min_p50_low", "dscr_min_p50_high", "p_default_low", "p_default_high"});
        for (const auto& r : table.rows)
            body += csv_line({r.name, r.low_label, r.high_label, csv_number(r.npv_low.value),
                              csv_number(r.npv_high.value), csv_number(r.npv_high.value - r.npv_low.value),
                              csv_number(r.p50_dscr_min_low), csv_number(r.p50_dscr_min_high),
                              csv_number(r.p_default_low.value), csv_number(r.p_default_high.value)});
    } else {
        const std::string money = table_unit(UnitKind::Money, deal.project.currency);
        body = fmt::format("Base case: mean NPV {} {} (± {}), P50 min DSCR {}, P(default) {}\n\n", money,
                           millions(table.base_npv.value), millions(table.base_npv.standard_error),
                           ratio(table.base_p50_dscr_min), percent(table.base_p_default.value, 2));
        TextTable t({"input", "low", "high", "NPV low " + money, "NPV high " + money, "swing " + money,
                     "P50 min DSCR low", "high", "P(default) low", "high"});
        for (const auto& r : table.rows)
            t.add_row({r.name, r.low_label, r.high_label, millions(r.npv_low.value),
                       millions(r.npv_high.value), millions(r.npv_high.value - r.npv_low.value),
                       ratio(r.p50_dscr_min_low), ratio(r.p50_dscr_min_high),
                       percent(r.p_default_low.value, 1), percent(r.p_default_high.value, 1)});
        body += t.render();
    }
    emit(args.out, body);
    return kSuccess;
}

}  // namespace

void add_tornado_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<TornadoArgs>();
    CLI::App* cmd = app.add_subcommand(
        "tornado", "Rank the inputs by how far they move NPV, DSCR and default risk");
    cmd->add_option("deal", args->deal, "Deal file")->required();
    add_simulation_options(*cmd, args->sim, "Simulated price paths per run (default: the deal file's)");
    add_format_option(*cmd, args->format, {Format::Table, Format::Json, Format::Csv, Format::Html, Format::Xlsx});
    cmd->add_option("--out", args->out, "Write the result to this file (atomically)");
    cmd->footer(examples_footer({"offtake tornado examples/rhyolite-ridge.yaml --paths 1000",
                                 "offtake tornado examples/rhyolite-ridge.yaml --paths 1000 --format xlsx --out tornado.xlsx"}));
    cmd->callback([args, &action] { action = [args] { return run_tornado(*args); }; });
}

}  // namespace offtake::cli
