// A progress bar for long Monte Carlo runs: paths done, rate and time left, redrawn on
// standard error at most ten times a second. Shown only when standard error is a
// terminal; a log file or a pipe gets nothing, so scripted runs stay clean.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace offtake::cli {

class ProgressBar {
  public:
    // `label` names the work ("paths"); `enabled` defaults to isatty(stderr).
    ProgressBar(long total, std::string label);
    ProgressBar(long total, std::string label, bool enabled);
    ~ProgressBar();
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // Safe to call from any thread; cheap when nothing needs redrawing.
    void update(long done);
    // Clears the bar's line (called by the destructor too).
    void finish();

    bool enabled() const { return enabled_; }

  private:
    using Clock = std::chrono::steady_clock;
    long total_;
    std::string label_;
    bool enabled_;
    bool drawn_ = false;
    Clock::time_point start_;
    Clock::time_point last_draw_;
    std::mutex mutex_;
};

// "1:05" / "1:02:03" for a duration in seconds.
std::string format_duration(double seconds);

}  // namespace offtake::cli
