// compare(): several deals on one shared scenario (docs/scenarios.md): path i of the
// market is generated once and every deal reads its prices from it by date, its buyers'
// defaults by name; the paired difference of a metric is accumulated path by path, so its standard
// error reflects the (usually strong) correlation between the deals.
#include "montecarlo/block_runner.hpp"
#include "montecarlo/deal_accumulator.hpp"
#include "montecarlo/path_context.hpp"

#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <algorithm>
#include <chrono>
#include <memory>

namespace offtake {

namespace {
struct CompareBlock {
    std::vector<montecarlo::DealAccumulator> deals;
    std::vector<montecarlo::PairedAccumulator> pairs;  // [k - 1]: deal k - deal 0
};
}  // namespace

DealComparison compare(const std::vector<Deal>& deals, const MonteCarloOptions& options_in) {
    using namespace montecarlo;
    if (!compare_count_allowed(deals.size()))
        throw UsageError("compare needs " + std::to_string(kMinCompareDeals) + " .. " +
                         std::to_string(kMaxCompareDeals) + " deals, not " + std::to_string(deals.size()));
    const auto started = std::chrono::steady_clock::now();
    // One seed and one path count for all: those of the options, else of the first deal.
    const MonteCarloOptions options = common_random_numbers(deals.front(), options_in);

    const std::vector<RunSetup> setups = setup_runs(deals, options);
    std::vector<DealShape> shapes;
    for (const auto& s : setups) shapes.push_back(block_shape(shape_of(s, options), s.paths));
    const std::uint64_t paths = setups.front().paths;
    const int threads = resolve_threads(options.threads, paths);
    std::vector<std::pair<std::size_t, std::size_t>> pair_sizes;  // investors, buyers in common
    for (std::size_t k = 1; k < deals.size(); ++k)
        pair_sizes.emplace_back(std::min(deals[k].equity.size(), deals[0].equity.size()),
                                std::min(deals[k].offtakes.size(), deals[0].offtakes.size()));

    auto make = [&] {
        CompareBlock b;
        for (const auto& s : shapes) b.deals.emplace_back(s);
        for (const auto& ps : pair_sizes) b.pairs.emplace_back(ps.first, ps.second);
        return b;
    };
    // contexts[w][k]: worker w's buffers for deal k.
    std::vector<std::vector<std::unique_ptr<PathContext>>> contexts(static_cast<std::size_t>(threads));
    for (auto& row : contexts)
        for (const auto& s : setups) row.push_back(std::make_unique<PathContext>(s, options.collect_bands));
    std::vector<WorldBuffer> worlds;
    for (int w = 0; w < threads; ++w) worlds.emplace_back(setups.front().scenario.get());

    CompareBlock total;
    for (const auto& s : shapes) total.deals.emplace_back(total_shape(s, paths));
    for (const auto& ps : pair_sizes) total.pairs.emplace_back(ps.first, ps.second);
    const auto status = run_in_blocks<CompareBlock>(
        paths, threads, make,
        [&](int w, CompareBlock& acc, std::uint64_t first, std::uint64_t end) {
            auto& row = contexts[static_cast<std::size_t>(w)];
            for (std::uint64_t path = first; path < end; ++path) {
                const double* world = worlds[static_cast<std::size_t>(w)].generate(setups.front().seed, path);
                const PathResult& base = row[0]->run(path, world);
                acc.deals[0].add(base, row[0]->series(), path);
                for (std::size_t k = 1; k < row.size(); ++k) {
                    const PathResult& r = row[k]->run(path, world);
                    acc.deals[k].add(r, row[k]->series(), path);
                    acc.pairs[k - 1].add(r, base);
                }
            }
            for (auto& d : acc.deals) d.finish_block();
        },
        [&](CompareBlock&& block) {
            for (std::size_t k = 0; k < total.deals.size(); ++k) total.deals[k].merge(block.deals[k]);
            for (std::size_t k = 0; k < total.pairs.size(); ++k) total.pairs[k].merge(block.pairs[k]);
        },
        options.progress);

    DealComparison out;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const Scorecard card = options.score ? scorecard_for(options) : Scorecard{};
    for (std::size_t k = 0; k < deals.size(); ++k) {
        SimulationResult r;
        describe_run(deals[k], setups[k], options, threads, r);
        r.paths = status.paths_done;
        r.cancelled = status.cancelled;
        total.deals[k].summarize_into(r);
        if (options.score && r.paths > 0) score_run(deals[k], card, r);
        r.seconds = seconds;
        out.results.push_back(std::move(r));
    }
    // The baseline against itself: exact zeros by construction.
    PairedDifferences zero;
    {
        PairedAccumulator z(deals[0].equity.size(), deals[0].offtakes.size());
        zero = z.summarize();
        for (auto* e : {&zero.npv, &zero.irr, &zero.dscr_min, &zero.dscr_avg, &zero.llcr, &zero.plcr, &zero.p_dscr_below_1,
                        &zero.p_default, &zero.p_lockup, &zero.expected_loss, &zero.expected_loss_net})
            e->paths = status.paths_done;
    }
    out.differences.push_back(zero);
    for (const auto& p : total.pairs) out.differences.push_back(p.summarize());
    return out;
}

}  // namespace offtake
