// The `offtake` tool's exit codes (documented in docs/cli.md). Scripts and schedulers
// branch on them, so they never change meaning.
#pragma once

namespace offtake::cli {

enum ExitCode : int {
    kSuccess = 0,
    kInternalError = 1,  // a bug or an unexpected failure: report it
    kBadUsage = 2,       // unknown command or option, missing or malformed argument
    kBadInput = 3,       // a deal, model or data file that cannot be read or breaks a rule
    kTargetNotReached = 4,  // negotiate: no structure in the ranges meets the target
    kCancelled = 130,    // stopped by Ctrl-C (SIGINT), as shells report 128 + 2
    kTerminated = 143,   // stopped by SIGTERM, as shells report 128 + 15
};

}  // namespace offtake::cli
