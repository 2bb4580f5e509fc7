// What every subcommand shares: how it registers with the parser, and the errors the
// entry point maps to exit codes (exit_codes.hpp).
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>
#include <string>

namespace offtake::cli {

// The chosen subcommand's work, set by its parse callback and run by main() once the
// whole command line has parsed. Returns the exit code.
using CommandAction = std::function<int()>;

// One registration function per command (command_<name>.cpp).
void add_validate_command(CLI::App& app, CommandAction& action);
void add_run_command(CLI::App& app, CommandAction& action);
void add_compare_command(CLI::App& app, CommandAction& action);
void add_size_debt_command(CLI::App& app, CommandAction& action);
void add_stress_command(CLI::App& app, CommandAction& action);
void add_tornado_command(CLI::App& app, CommandAction& action);
void add_schedule_command(CLI::App& app, CommandAction& action);
void add_calibrate_command(CLI::App& app, CommandAction& action);
void add_portfolio_command(CLI::App& app, CommandAction& action);
void add_negotiate_command(CLI::App& app, CommandAction& action);


// A file the tool could not write (permissions, missing folder, full disk): the
// user's input is at fault, not the program.
struct OutputError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Output formats shared by the commands that print results.
// Html and Xlsx are files for people (docs/reports.md): written with --out, or to a
// redirected standard output, never onto a terminal (check_report_destination).
enum class Format { Table, Json, Csv, Html, Xlsx };
// Adds --format with the allowed values (first one is the default).
CLI::Option* add_format_option(CLI::App& cmd, Format& format, std::vector<Format> allowed);
const char* to_string(Format f);

// Help footer text: "Example:\n  <line>" for each line.
std::string examples_footer(std::initializer_list<const char*> lines);

}  // namespace offtake::cli
