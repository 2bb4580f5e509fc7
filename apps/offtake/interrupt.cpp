#include "interrupt.hpp"

#include <atomic>
#include <csignal>

namespace offtake::cli {

namespace {
// A signal handler may only touch lock-free atomics; this is the tool's one
// process-wide state and lives in the executable, never in the library. It holds the
// first stop signal received (0: none).
std::atomic<int> g_stop_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_stop_signal(int signal) {
    int none = 0;
    g_stop_signal.compare_exchange_strong(none, signal);
    std::signal(signal, SIG_DFL);  // a second one ends the process at once
}

const char* signal_words(int signal) { return signal == SIGTERM ? "SIGTERM" : "the user (Ctrl-C)"; }
}  // namespace

Cancelled::Cancelled()
    : std::runtime_error(std::string("cancelled by ") + signal_words(g_stop_signal.load()) +
                         "; no output written"),
      signal(g_stop_signal.load()) {}

void install_interrupt_handler() {
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);
}

bool interrupted() { return g_stop_signal.load() != 0; }

void throw_if_interrupted() {
    if (interrupted()) throw Cancelled();
}

}  // namespace offtake::cli
