// offtake: the command-line face of libofftake. main() parses, runs the chosen command
// and turns every outcome into a documented exit code (exit_codes.hpp, docs/cli.md).
#include "command.hpp"
#include "commands.hpp"
#include "exit_codes.hpp"
#include "interrupt.hpp"

#include <offtake/errors.hpp>
#include <offtake/version.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <exception>

namespace {

using namespace offtake::cli;

void print_problems(const offtake::DealError& e) {
    const auto& problems = e.problems();
    std::fprintf(stderr, "offtake: %zu problem%s found:\n", problems.size(),
                 problems.size() == 1 ? "" : "s");
    for (const auto& p : problems) std::fprintf(stderr, "  %s\n", p.to_string().c_str());
}

int run(int argc, char** argv) {
    CLI::App app{"offtake: can this mining project be financed, and on which deal terms?\n"
                 "Prices a critical-mineral deal (offtakes, prepayment, equity, senior debt,\n"
                 "guarantees) deterministically and under simulated prices.",
                 "offtake"};
    app.set_version_flag("--version", fmt::format("offtake {} (libofftake {}, ABI {})",
                                                  OFFTAKE_VERSION_STRING, OFFTAKE_VERSION_STRING,
                                                  OFFTAKE_ABI_VERSION));
    app.require_subcommand(1);
    app.fallthrough(false);
    app.footer(examples_footer({"offtake validate examples/thacker-pass-gm.yaml",
                                "offtake run examples/thacker-pass-gm.yaml --paths 20000",
                                "offtake <command> --help"}) +
               "\n\nExit codes: 0 success, 1 internal error, 2 bad usage, 3 bad input file,\n"
               "130 cancelled (Ctrl-C), 143 stopped by SIGTERM. See docs/cli.md.");

    CommandAction action;
    add_all_commands(app, action);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);  // prints help, version or the parse error
        return code == 0 ? kSuccess : kBadUsage;
    }
    if (!action) return kBadUsage;

    install_interrupt_handler();
    try {
        return action();
    } catch (const offtake::DealError& e) {
        print_problems(e);
        return kBadInput;
    } catch (const OutputError& e) {
        std::fprintf(stderr, "offtake: %s\n", e.what());
        return kBadInput;
    } catch (const offtake::UsageError& e) {
        std::fprintf(stderr, "offtake: %s\n", e.what());
        return kBadUsage;
    } catch (const Cancelled& e) {
        std::fprintf(stderr, "\nofftake: %s\n", e.what());
        return e.signal == SIGTERM ? kTerminated : kCancelled;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "offtake: internal error: %s\n", e.what());
        return kInternalError;
    }
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (...) {
        std::fprintf(stderr, "offtake: internal error: unknown exception\n");
        return kInternalError;
    }
}
