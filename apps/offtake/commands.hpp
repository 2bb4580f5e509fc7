// The registration function of each subcommand (command_<name>.cpp).
#pragma once

#include "command.hpp"

namespace offtake::cli {

// Registers every command the tool offers, in the order `--help` lists them.
void add_all_commands(CLI::App& app, CommandAction& action);

}  // namespace offtake::cli
