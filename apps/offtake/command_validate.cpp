// offtake validate DEAL...: checks deal files and lists every problem found.
#include "command.hpp"
#include "exit_codes.hpp"
#include "output_file.hpp"
#include "text_table.hpp"

#include <offtake/deal_file.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <memory>

namespace offtake::cli {

namespace {

struct ValidateArgs {
    std::vector<std::string> deals;
    Format format = Format::Table;
    std::optional<std::string> out;
};

int run_validate(const ValidateArgs& args) {
    check_output_target(args.out, args.deals);
    std::size_t total = 0;
    std::string text;
    nlohmann::json report = nlohmann::json::array();
    for (const auto& path : args.deals) {
        std::vector<Problem> problems = validate_deal_file(path);
        total += problems.size();
        nlohmann::json entry = {{"file", path}, {"valid", problems.empty()},
                                {"problems", nlohmann::json::array()}};
        for (const auto& p : problems)
            entry["problems"].push_back({{"file", p.file}, {"line", p.line},
                                         {"column", p.column}, {"field", p.field},
                                         {"rule", p.rule}});
        report.push_back(entry);
        if (problems.empty()) {
            text += fmt::format("{}: valid\n", path);
        } else {
            text += fmt::format("{}: {} problem{}\n", path, problems.size(),
                                problems.size() == 1 ? "" : "s");
            for (const auto& p : problems) text += "  " + p.to_string() + "\n";
        }
    }
    std::string rendered = args.format == Format::Json ? report.dump(2) + "\n" : text;
    if (total == 0) {
        emit(args.out, rendered);
        return kSuccess;
    }
    // An invalid file is bad input: the problems go to standard error and no output
    // file is written, so a pipeline never mistakes a failed check for a report.
    std::fputs(rendered.c_str(), stderr);
    return kBadInput;
}

}  // namespace

void add_validate_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<ValidateArgs>();
    CLI::App* cmd = app.add_subcommand(
        "validate", "Check deal files and explain every problem found (not just the first)");
    cmd->add_option("deal", args->deals, "Deal file(s) (YAML, see docs/deal-file.md)")
        ->required();
    add_format_option(*cmd, args->format, {Format::Table, Format::Json});
    cmd->add_option("--out", args->out, "Write the report to this file (atomically)");
    cmd->footer(examples_footer({"offtake validate examples/thacker-pass-gm.yaml",
                                 "offtake validate examples/procurement/*.yaml --format json"}) +
                "\n\nExit code 0 when every file is valid, 3 when any has a problem.");
    cmd->callback([args, &action] { action = [args] { return run_validate(*args); }; });
}

}  // namespace offtake::cli
