#include "commands.hpp"

namespace offtake::cli {

void add_all_commands(CLI::App& app, CommandAction& action) {
    (void)app;
    (void)action;
}

}  // namespace offtake::cli
