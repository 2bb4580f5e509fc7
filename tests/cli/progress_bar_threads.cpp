// The progress bar promises to be safe to call from any thread (progress_bar.hpp). The
// library calls progress on the thread that started the run, but the bar does not rely
// on it: this test updates one enabled bar from several threads at once, so that the
// `tsan` preset checks the promise, and checks that every frame drawn is whole.
#include "progress_bar.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

using offtake::cli::ProgressBar;

TEST(ProgressBar, UpdatesFromSeveralThreadsDrawWholeFrames) {
    constexpr int kThreads = 4;
    constexpr long kPerThread = 2000;
    testing::internal::CaptureStderr();
    {
        ProgressBar bar(kThreads * kPerThread, "paths", true);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&bar, t] {
                for (long i = 1; i <= kPerThread; ++i) bar.update(t * kPerThread + i);
            });
        for (auto& t : threads) t.join();
        bar.finish();
    }
    const std::string out = testing::internal::GetCapturedStderr();
    // Frames start with a carriage return; the first update always draws, and finish()
    // clears the line ("\r" then erase-line).
    ASSERT_GE(out.size(), 2u);
    EXPECT_EQ(out.substr(0, 2), "\r[");
    EXPECT_EQ(out.substr(out.size() - 4), "\r\033[K");
    std::size_t frames = 0;
    for (std::size_t at = 0; at < out.size() - 4;) {
        const std::size_t next = out.find('\r', at + 1);
        const std::string frame = out.substr(at, next - at);
        // "\r[" + 28 bar characters + "] ", then the counts: never two frames in one.
        ASSERT_GE(frame.size(), 32u) << frame;
        EXPECT_EQ(frame.substr(0, 2), "\r[");
        EXPECT_EQ(frame.substr(30, 2), "] ") << frame;
        EXPECT_EQ(frame.find('[', 2), std::string::npos) << frame;
        EXPECT_NE(frame.find(" left "), std::string::npos) << frame;
        ++frames;
        at = next;
    }
    EXPECT_GE(frames, 1u);
}
