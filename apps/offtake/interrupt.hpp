// Ctrl-C handling. The first SIGINT only raises a flag: long computations poll it
// through the library's cancellation callback and stop at the next path, so that
// nothing is written and the tool exits with kCancelled. A second SIGINT ends the
// process at once (default action), for a user who does not want to wait.
#pragma once

#include <stdexcept>

namespace offtake::cli {

void install_interrupt_handler();
bool interrupted();

// Thrown when a command stops because of Ctrl-C.
struct Cancelled : std::runtime_error {
    Cancelled() : std::runtime_error("cancelled by the user (Ctrl-C); no output written") {}
};

// Throws Cancelled if Ctrl-C was pressed.
void throw_if_interrupted();

}  // namespace offtake::cli
