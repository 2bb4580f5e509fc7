// offtake schedule DEAL: the period-by-period waterfall of the base case, every line,
// as CSV (one row per period, period 0 = financial close).
#include "command.hpp"
#include "deterministic_view.hpp"
#include "exit_codes.hpp"
#include "output_file.hpp"

#include <offtake/deal_file.hpp>

#include <memory>

namespace offtake::cli {

namespace {

struct ScheduleArgs {
    std::string deal;
    std::optional<std::string> out;
};

int run_schedule(const ScheduleArgs& args) {
    Deal deal = load_deal_file(args.deal);
    check_output_target(args.out, {args.deal});
    emit(args.out, schedule_csv(deal));
    return kSuccess;
}

}  // namespace

void add_schedule_command(CLI::App& app, CommandAction& action) {
    auto args = std::make_shared<ScheduleArgs>();
    CLI::App* cmd = app.add_subcommand(
        "schedule", "Write the base case's period-by-period waterfall table (CSV)");
    cmd->add_option("deal", args->deal, "Deal file")->required();
    cmd->add_option("--out", args->out, "Write the CSV to this file (atomically)");
    cmd->footer(examples_footer({"offtake schedule examples/rhyolite-ridge.yaml --out rhyolite-schedule.csv"}));
    cmd->callback([args, &action] { action = [args] { return run_schedule(*args); }; });
}

}  // namespace offtake::cli
