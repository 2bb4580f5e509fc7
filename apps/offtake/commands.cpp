#include "commands.hpp"

namespace offtake::cli {

void add_all_commands(CLI::App& app, CommandAction& action) {
    add_validate_command(app, action);
    add_run_command(app, action);
    add_schedule_command(app, action);
    add_compare_command(app, action);
    add_portfolio_command(app, action);
    add_size_debt_command(app, action);
    add_negotiate_command(app, action);
    add_stress_command(app, action);
    add_tornado_command(app, action);
    add_calibrate_command(app, action);
}

}  // namespace offtake::cli
