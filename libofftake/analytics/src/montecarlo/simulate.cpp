// simulate(): one deal over many paths (docs/monte-carlo.md).
#include "montecarlo/block_runner.hpp"
#include "montecarlo/deal_accumulator.hpp"
#include "montecarlo/path_context.hpp"

#include <offtake/montecarlo.hpp>

#include <chrono>
#include <memory>

namespace offtake {

SimulationResult simulate(const Deal& deal, const MonteCarloOptions& options) {
    using namespace montecarlo;
    const auto started = std::chrono::steady_clock::now();
    const RunSetup setup = setup_run(deal, options);
    const int threads = resolve_threads(options.threads, setup.paths);
    const DealShape shape = block_shape(shape_of(setup, options), setup.paths);

    std::vector<std::unique_ptr<PathContext>> contexts;
    for (int w = 0; w < threads; ++w) contexts.push_back(std::make_unique<PathContext>(setup, options.collect_bands));

    DealAccumulator total(total_shape(shape, setup.paths));
    const auto status = run_in_blocks<DealAccumulator>(
        setup.paths, threads, [&] { return DealAccumulator(shape); },
        [&](int w, DealAccumulator& acc, std::uint64_t first, std::uint64_t end) {
            auto& ctx = *contexts[static_cast<std::size_t>(w)];
            for (std::uint64_t path = first; path < end; ++path) acc.add(ctx.run(path), ctx.series(), path);
            acc.finish_block();
        },
        [&](DealAccumulator&& block) { total.merge(block); }, options.progress);

    SimulationResult result;
    describe_run(deal, setup, options, threads, result);
    result.paths = status.paths_done;
    result.cancelled = status.cancelled;
    total.summarize_into(result);
    if (options.score && result.paths > 0) score_run(deal, scorecard_for(options), result);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

}  // namespace offtake
