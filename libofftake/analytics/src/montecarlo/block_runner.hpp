// Runs paths in fixed-size blocks on worker threads and merges the blocks' accumulators
// in block order on the calling thread. Because the blocks and the merge order do not
// depend on the thread count, neither do the merged statistics: 1 and N threads give the
// same bits. Memory: at most `window` blocks wait to be merged at any time.
#pragma once

#include <offtake/montecarlo.hpp>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace offtake::montecarlo {

struct BlockRunStatus {
    std::uint64_t paths_done = 0;
    bool cancelled = false;
};

inline int resolve_threads(int requested, std::uint64_t paths) {
    int t = requested > 0 ? requested : static_cast<int>(std::thread::hardware_concurrency());
    const std::uint64_t blocks = (paths + kBlockPaths - 1) / kBlockPaths;
    t = std::max(1, t);
    if (blocks < static_cast<std::uint64_t>(t)) t = static_cast<int>(std::max<std::uint64_t>(1, blocks));
    return t;
}

// make() -> Acc: a fresh accumulator for one block.
// work(worker, acc, first_path, end_path): fills acc; worker in [0, threads).
// merge(acc): called in block order on the calling thread.
template <class Acc, class Make, class Work, class Merge>
BlockRunStatus run_in_blocks(std::uint64_t paths, int threads, Make make, Work work, Merge merge,
                             const ProgressCallback& progress) {
    const std::uint64_t blocks = (paths + kBlockPaths - 1) / kBlockPaths;
    auto block_end = [&](std::uint64_t b) { return std::min(paths, (b + 1) * kBlockPaths); };
    BlockRunStatus status;
    if (threads <= 1) {
        for (std::uint64_t b = 0; b < blocks; ++b) {
            Acc acc = make();
            work(0, acc, b * kBlockPaths, block_end(b));
            merge(std::move(acc));
            status.paths_done = block_end(b);
            if (progress && progress(status.paths_done, paths) == ProgressAction::Stop && b + 1 < blocks) {
                status.cancelled = true;
                break;
            }
        }
        return status;
    }

    std::mutex mutex;
    std::condition_variable merged_cv, ready_cv;
    std::map<std::uint64_t, Acc> ready;
    std::uint64_t next_claim = 0, merged = 0;
    int in_flight = 0;
    bool stop = false;
    std::exception_ptr error;
    const std::uint64_t window = 2 * static_cast<std::uint64_t>(threads);

    auto worker = [&](int w) {
        for (;;) {
            std::uint64_t b = 0;
            {
                std::unique_lock<std::mutex> lock(mutex);
                merged_cv.wait(lock, [&] { return stop || next_claim >= blocks || next_claim < merged + window; });
                if (stop || next_claim >= blocks) return;
                b = next_claim++;
                ++in_flight;
            }
            Acc acc = make();
            try {
                work(w, acc, b * kBlockPaths, block_end(b));
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!error) error = std::current_exception();
                stop = true;
                --in_flight;
                ready_cv.notify_all();
                merged_cv.notify_all();
                return;
            }
            {
                std::lock_guard<std::mutex> lock(mutex);
                ready.emplace(b, std::move(acc));
                --in_flight;
            }
            ready_cv.notify_all();
        }
    };

    std::vector<std::thread> pool;
    pool.reserve(static_cast<std::size_t>(threads));
    for (int w = 0; w < threads; ++w) pool.emplace_back(worker, w);

    for (;;) {
        std::unique_lock<std::mutex> lock(mutex);
        ready_cv.wait(lock, [&] { return ready.count(merged) || (stop && in_flight == 0) || merged >= blocks; });
        if (merged >= blocks) break;
        auto it = ready.find(merged);
        if (it == ready.end()) break;  // stopped and nothing contiguous left
        Acc acc = std::move(it->second);
        ready.erase(it);
        lock.unlock();
        merge(std::move(acc));
        const std::uint64_t done = block_end(merged);
        // A worker may be storing an error right now: read it under the lock, but call the
        // caller's progress callback without holding it.
        lock.lock();
        const bool failed = static_cast<bool>(error);
        lock.unlock();
        const bool stop_now = !failed && progress && progress(done, paths) == ProgressAction::Stop;
        lock.lock();
        ++merged;
        status.paths_done = done;
        if (stop_now) stop = true;
        lock.unlock();
        merged_cv.notify_all();
    }
    {
        std::lock_guard<std::mutex> lock(mutex);
        stop = true;
    }
    merged_cv.notify_all();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
    status.cancelled = status.paths_done < paths;
    return status;
}

}  // namespace offtake::montecarlo
