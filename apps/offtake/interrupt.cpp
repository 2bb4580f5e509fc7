#include "interrupt.hpp"

#include <atomic>
#include <csignal>

namespace offtake::cli {

namespace {
// A signal handler may only touch lock-free atomics; this flag is the tool's one
// process-wide state and lives in the executable, never in the library.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_sigint(int) {
    g_interrupted.store(true);
    std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process
}
}  // namespace

void install_interrupt_handler() { std::signal(SIGINT, on_sigint); }

bool interrupted() { return g_interrupted.load(); }

void throw_if_interrupted() {
    if (interrupted()) throw Cancelled();
}

}  // namespace offtake::cli
