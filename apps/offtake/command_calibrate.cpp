// offtake calibrate SERIES.csv --model gbm|schwartz1f|schwartz-smith: fits a price model
// to history by maximum likelihood (the library's calibration, docs/price-models.md) and
// writes the parameters, with their standard errors, as a models/prices-style file.
#include "command.hpp"
#include "exit_codes.hpp"
#include "number_format.hpp"
#include "output_file.hpp"
#include "text_table.hpp"

#include <offtake/calibration.hpp>
#include <offtake/errors.hpp>

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>

namespace offtake::cli {

namespace {

struct CalibrateArgs {
    std::string series;
    CalibrationModel model = CalibrationModel::Schwartz1F;
    std::string commodity;
    Format format = Format::Table;  // Table: the YAML model file plus a summary
    std::optional<std::string> out;
};

const std::vector<std::string>& commodity_names() {
    static const std::vector<std::string> names{"lithium_carbonate", "lithium_hydroxide",
                                                "spodumene_concentrate", "copper_cathode",
                                                "copper_concentrate", "copper"};
    return names;
}

// The commodity a data file is about, from its name (lithium_carbonate_usgs_annual.csv).
std::string commodity_from_file(const std::string& path) {
    std::string stem = std::filesystem::path(path).stem().string();
    std::string best;
    for (const auto& name : commodity_names())
        if (stem.rfind(name, 0) == 0 && name.size() > best.size()) best = name;
    return best;
}

std::string summary(const CalibrationResult& r, const std::string& commodity) {
    std::string out = fmt::format(
        "Calibrated {} for {} on {}: {} observations, {:04}-{:02}-{:02} to {:04}-{:02}-{:02}\n"
        "Log-likelihood {}; last price {}\n\n",
        to_string(r.model), commodity, r.source, r.observations, r.first.year(),
        static_cast<int>(r.first.month()), r.first.dayOfMonth(), r.last.year(),
        static_cast<int>(r.last.month()), r.last.dayOfMonth(), thousands(r.log_likelihood, 4),
        thousands(r.last_price, 2));
    TextTable t({"parameter", "estimate", "standard error", "t-stat"});
    for (const auto& p : r.parameters) {
        std::optional<double> tstat;
        if (p.std_error && *p.std_error > 0) tstat = p.value / *p.std_error;
        t.add_row({p.name, thousands(p.value, 4), fixed(p.std_error, 4), fixed(tstat, 2)});
    }
    out += t.render();
    for (const auto& note : r.notes) out += "Note: " + note + "\n";
    return out;
}

int run_calibrate(const CalibrateArgs& args) {
    check_output_target(args.out, {args.series});
    std::string commodity = args.commodity.empty() ? commodity_from_file(args.series) : args.commodity;
    if (commodity.empty())
        throw UsageError(fmt::format(
            "cannot tell the commodity from the file name {}; give --commodity", args.series));

    CalibrationResult result;
    switch (args.model) {
        case CalibrationModel::Gbm: result = calibrate_gbm(read_price_series(args.series)); break;
        case CalibrationModel::Schwartz1F:
            result = calibrate_one_factor(read_price_series(args.series));
            break;
        case CalibrationModel::SchwartzSmith:
            result = calibrate_schwartz_smith(read_futures_panel(args.series));
            break;
    }
    std::string yaml = price_model_yaml(result, commodity);
    if (args.format == Format::Csv) {
        std::string csv = csv_line({"parameter", "estimate", "standard_error"});
        for (const auto& p : result.parameters)
            csv += csv_line({p.name, csv_number(p.value),
                             csv_number(p.std_error)});
        emit(args.out, csv);
    } else if (args.out) {
        // The model file goes to --out; the person at the terminal gets the summary.
        write_file_atomically(*args.out, yaml);
        std::fputs((summary(result, commodity) + "\nWrote " + *args.out + "\n").c_str(), stdout);
    } else {
        emit(args.out, yaml);
    }
    return kSuccess;
}

}  // namespace

void add_calibrate_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<CalibrateArgs>();
    CLI::App* cmd = app.add_subcommand(
        "calibrate", "Fit a price model to a price history and write a models/prices file");
    cmd->add_option("series", args->series,
                    "CSV \"date,price\" (gbm, schwartz1f) or a futures panel \"date,T1,T2,...\" "
                    "(schwartz-smith)")
        ->required();
    std::map<std::string, CalibrationModel> models{{"gbm", CalibrationModel::Gbm},
                                                   {"schwartz1f", CalibrationModel::Schwartz1F},
                                                   {"schwartz-smith", CalibrationModel::SchwartzSmith}};
    cmd->add_option("--model", args->model, "gbm | schwartz1f | schwartz-smith")
        ->required()
        ->transform(CLI::CheckedTransformer(models, CLI::ignore_case));
    cmd->add_option("--commodity", args->commodity,
                    "Commodity the model is for (default: from the file name)")
        ->check(CLI::IsMember(commodity_names()));
    add_format_option(*cmd, args->format, {Format::Table, Format::Csv})
        ->description("table: the model file (YAML, standard errors as comments) and, with "
                      "--out, a summary; csv: parameters and standard errors");
    cmd->add_option("--out", args->out, "Write the model file to this path (atomically)");
    cmd->footer(examples_footer({"offtake calibrate models/data/lithium_carbonate_usgs_annual.csv "
                                 "--model schwartz1f --out my-lithium.yaml"}));
    cmd->callback([args, &action] { action = [args] { return run_calibrate(*args); }; });
}

}  // namespace offtake::cli
