// Ctrl-C (SIGINT) and SIGTERM handling. The first such signal only raises a flag: long
// computations poll it through the library's cancellation callback and stop at the
// next block, so that nothing is written and the tool exits with kCancelled (SIGINT)
// or kTerminated (SIGTERM). A second signal ends the process at once (default action),
// for a user who does not want to wait.
#pragma once

#include <stdexcept>

namespace offtake::cli {

void install_interrupt_handler();
bool interrupted();

// Thrown when a command stops because of SIGINT or SIGTERM.
struct Cancelled : std::runtime_error {
    Cancelled();
    int signal;  // the signal that stopped the run (SIGINT or SIGTERM)
};

// Throws Cancelled if a stop signal arrived.
void throw_if_interrupted();

}  // namespace offtake::cli
