#include "progress_bar.hpp"

#include "number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <unistd.h>

namespace offtake::cli {

std::string format_duration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "--:--";
    long s = std::lround(seconds);
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

ProgressBar::ProgressBar(long total, std::string label)
    : ProgressBar(total, std::move(label), ::isatty(STDERR_FILENO) == 1) {}

ProgressBar::ProgressBar(long total, std::string label, bool enabled)
    : total_(std::max(total, 1L)), label_(std::move(label)), enabled_(enabled),
      start_(Clock::now()), last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::update(long done) {
    if (!enabled_) return;
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;  // another thread is drawing: skip this tick
    auto now = Clock::now();
    if (drawn_ && done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
    double left = rate > 0 ? static_cast<double>(total_ - done) / rate : NAN;
    constexpr int width = 28;
    int filled = static_cast<int>(width * std::min(1.0, static_cast<double>(done) / total_));
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(width - filled), '.');
    std::fprintf(stderr, "\r[%s] %s/%s %s  %s %s/s  %s left ", bar.c_str(),
                 thousands(static_cast<double>(done)).c_str(),
                 thousands(static_cast<double>(total_)).c_str(), label_.c_str(),
                 thousands(rate).c_str(), label_.c_str(), format_duration(left).c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressBar::finish() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (enabled_ && drawn_) {
        std::fprintf(stderr, "\r\033[K");
        std::fflush(stderr);
    }
    drawn_ = false;
}

}  // namespace offtake::cli
