// The block runner with a fake path: results must not depend on the thread count, a
// stop request must leave a clean prefix, and a failing path must surface its error.
#include "montecarlo/block_runner.hpp"

#include <offtake/statistics.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace offtake::montecarlo {
namespace {

struct Acc {
    RunningMoments moments;
    QuantileSketch sketch{0};
    std::uint64_t paths = 0;
};

// A path's "metric": a deterministic, irregular function of its index.
double fake_path(std::uint64_t i) { return std::sin(0.37 * static_cast<double>(i)) * 1.0e6 + std::sqrt(i + 1.0); }

Acc run(std::uint64_t paths, int threads, const ProgressCallback& progress = {}, BlockRunStatus* status = nullptr) {
    Acc total;
    const auto s = run_in_blocks<Acc>(
        paths, threads, [] { return Acc{}; },
        [](int, Acc& acc, std::uint64_t first, std::uint64_t end) {
            for (auto i = first; i < end; ++i) {
                acc.moments.add(fake_path(i));
                acc.sketch.add(fake_path(i));
                ++acc.paths;
            }
        },
        [&](Acc&& b) {
            total.moments.merge(b.moments);
            total.sketch.merge(b.sketch);
            total.paths += b.paths;
        },
        progress);
    if (status) *status = s;
    return total;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(BlockRunner, SameBitsWhateverTheThreadCount) {
    const std::uint64_t paths = 10 * kBlockPaths + 17;  // a ragged last block
    const Acc one = run(paths, 1), two = run(paths, 2), three = run(paths, 3);
    EXPECT_EQ(one.paths, paths);
    for (const Acc* other : {&two, &three}) {
        EXPECT_EQ(other->paths, paths);
        EXPECT_TRUE(same_bits(one.moments.mean(), other->moments.mean()));
        EXPECT_TRUE(same_bits(one.moments.variance(), other->moments.variance()));
        EXPECT_TRUE(same_bits(*one.sketch.quantile(0.1), *other->sketch.quantile(0.1)));
    }
    // And the mean is the plain mean of the fake metric (computed here in one pass).
    long double sum = 0;
    for (std::uint64_t i = 0; i < paths; ++i) sum += fake_path(i);
    EXPECT_NEAR(one.moments.mean(), static_cast<double>(sum / paths), 1e-6);
}

TEST(BlockRunner, StopLeavesAPrefixOfWholeBlocks) {
    for (int threads : {1, 2}) {
        std::uint64_t calls = 0, last_done = 0;
        BlockRunStatus status;
        const Acc partial = run(
            20 * kBlockPaths, threads,
            [&](std::uint64_t done, std::uint64_t total) {
                ++calls;
                EXPECT_EQ(total, 20 * kBlockPaths);
                EXPECT_GT(done, last_done);
                last_done = done;
                return done >= 3 * kBlockPaths ? ProgressAction::Stop : ProgressAction::Continue;
            },
            &status);
        EXPECT_TRUE(status.cancelled);
        EXPECT_EQ(status.paths_done % kBlockPaths, 0u);
        EXPECT_GE(status.paths_done, 3 * kBlockPaths);
        EXPECT_LT(status.paths_done, 20 * kBlockPaths);
        EXPECT_EQ(partial.paths, status.paths_done);
        // The prefix equals a run of exactly that many paths.
        const Acc prefix = run(status.paths_done, 1);
        EXPECT_TRUE(same_bits(prefix.moments.mean(), partial.moments.mean()));
    }
}

TEST(BlockRunner, AnErrorInAPathIsRethrown) {
    for (int threads : {1, 2}) {
        EXPECT_THROW(run_in_blocks<Acc>(
                         8 * kBlockPaths, threads, [] { return Acc{}; },
                         [](int, Acc&, std::uint64_t first, std::uint64_t) {
                             if (first == 5 * kBlockPaths) throw std::runtime_error("path failed");
                         },
                         [](Acc&&) {}, ProgressCallback{}),
                     std::runtime_error);
    }
}

TEST(BlockRunner, ThreadsResolveToAtLeastOneAndAtMostTheBlocks) {
    EXPECT_EQ(resolve_threads(8, 100), 1);
    EXPECT_EQ(resolve_threads(2, 5 * kBlockPaths), 2);
    EXPECT_GE(resolve_threads(0, 100 * kBlockPaths), 1);
}

}  // namespace
}  // namespace offtake::montecarlo
