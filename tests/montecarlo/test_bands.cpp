// Per-period bands (fan-chart data) against exact order statistics computed here from the
// same paths: every path is run again, in the test, through the engine's per-path
// function run_path with the same prices, and the per-period values are sorted.
#include "mc_test_util.hpp"

#include <offtake/engine.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/statistics.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace offtake {
namespace {

// Quarterly periods (4 construction quarters, 6 operating years = 28 periods), log-normal
// prices with a 60 % volatility so that CFADS and cash balances change sign across paths.
Deal banded_deal() {
    Deal d = test::one_mine(6, 0.6);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.construction_periods = 4;
    d.project.construction_capex = {250.0, 250.0, 250.0, 250.0};
    d.project.fixed_opex = {400.0};
    d.project.depreciation_years = 4.0;
    return d;
}

// values[q][t - 1]: the per-period values of quantity q (price, cfads, dscr, cash) of
// every path, with the rule of docs/monte-carlo.md section 4 (DSCR only where the engine
// reports one, i.e. not 0).
using PerPeriod = std::vector<std::vector<std::vector<double>>>;

PerPeriod values_by_period(const Deal& deal, const PriceSimulator& sim, std::uint64_t seed, std::uint64_t paths) {
    const auto prepared = prepare(deal);
    const int n = grid(*prepared).periods();
    PerPeriod v(4, std::vector<std::vector<double>>(static_cast<std::size_t>(n)));
    std::vector<double> prices(static_cast<std::size_t>(n) + 1), scratch;
    PathResult result;
    PathScratch path_scratch;
    PathSeries series;
    for (std::uint64_t p = 0; p < paths; ++p) {
        sim.simulate(seed, p, prices.data(), scratch);
        PathInputs in;
        in.price = prices.data();
        run_path(*prepared, in, result, path_scratch, &series);
        for (int t = 1; t <= n; ++t) {
            const auto k = static_cast<std::size_t>(t);
            v[0][k - 1].push_back(series.price[k]);
            v[1][k - 1].push_back(series.cfads[k]);
            if (series.dscr[k] != 0.0) v[2][k - 1].push_back(series.dscr[k]);
            v[3][k - 1].push_back(series.cash_balance[k]);
        }
    }
    return v;
}

// The simulated bands of a run on two threads, and every path's per-period values
// recomputed in the test (the truth they are checked against).
std::pair<SimulationResult, PerPeriod> banded_run(std::uint64_t paths, std::uint64_t seed) {
    const Deal deal = banded_deal();
    const auto sim = test::lognormal_for(deal, 0.6);
    MonteCarloOptions o;
    o.paths = paths;
    o.seed = seed;
    o.threads = 2;
    o.price_simulator = sim;
    o.score = false;
    return {simulate(deal, o), values_by_period(deal, *sim, seed, paths)};
}

const std::vector<Band>& band_series(const PeriodBands& b, int q) {
    const std::vector<Band>* all[] = {&b.price, &b.cfads, &b.dscr, &b.cash_balance};
    return *all[q];
}

bool same_bits(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || std::memcmp(&*a, &*b, sizeof(double)) == 0;
}

// Above 4096 paths the bands come from the DDSketch: each quantile within the relative
// accuracy a = 0.5 % of the order statistic of rank floor(q (n - 1)) (the sketch's bound,
// docs/monte-carlo.md section 3), up to rounding.
TEST(Bands, SketchedBandsAreWithinTheDocumentedBoundOfExactOrderStatistics) {
    const auto [r, truth] = banded_run(5000, 17);
    const double a = QuantileSketch::kRelativeAccuracy;
    int negatives = 0, checked = 0;
    for (int q = 0; q < 4; ++q) {
        const auto& bands = band_series(r.bands, q);
        ASSERT_EQ(bands.size(), truth[static_cast<std::size_t>(q)].size());
        for (std::size_t t = 0; t < bands.size(); ++t) {
            auto sorted = truth[static_cast<std::size_t>(q)][t];
            std::sort(sorted.begin(), sorted.end());
            const Band& b = bands[t];
            const std::pair<double, std::optional<double>> want[] = {{0.05, b.p5}, {0.50, b.p50}, {0.95, b.p95}};
            for (const auto& [level, got] : want) {
                SCOPED_TRACE(testing::Message() << "quantity " << q << " period " << t + 1 << " q " << level);
                if (sorted.empty()) {
                    EXPECT_FALSE(got.has_value());
                    continue;
                }
                ASSERT_TRUE(got.has_value());
                const double exact = sorted[static_cast<std::size_t>(std::floor(level * (sorted.size() - 1)))];
                EXPECT_NEAR(*got, exact, a * std::abs(exact) * (1 + 1e-12));
                negatives += exact < 0.0 ? 1 : 0;
                ++checked;
            }
        }
    }
    // The run exercises both signs and many bins, not a degenerate case.
    EXPECT_GT(negatives, 10);
    EXPECT_GT(checked, 300);
}

// Up to 4096 paths the bands are exact order statistics (Hyndman-Fan definition 7).
TEST(Bands, SmallRunsGiveExactQuantiles) {
    const auto [r, truth] = banded_run(1500, 5);
    for (int q = 0; q < 4; ++q) {
        const auto& bands = band_series(r.bands, q);
        for (std::size_t t = 0; t < bands.size(); ++t) {
            auto v = truth[static_cast<std::size_t>(q)][t];
            if (v.empty()) continue;
            std::sort(v.begin(), v.end());
            const auto type7 = [&](double level) {
                const double h = (v.size() - 1) * level;
                const auto lo = static_cast<std::size_t>(std::floor(h));
                const auto hi = std::min(lo + 1, v.size() - 1);
                return v[lo] + (h - lo) * (v[hi] - v[lo]);
            };
            SCOPED_TRACE(testing::Message() << "quantity " << q << " period " << t + 1);
            EXPECT_DOUBLE_EQ(*bands[t].p5, type7(0.05));
            EXPECT_DOUBLE_EQ(*bands[t].p50, type7(0.50));
            EXPECT_DOUBLE_EQ(*bands[t].p95, type7(0.95));
        }
    }
}

// Sketched (above 4096 paths) bands repeat bit for bit on 1 and 2 threads: blocks are
// staged, binned and merged in block order whatever thread ran them.
TEST(Bands, SketchedBandsAreTheSameBitsOnOneAndTwoThreads) {
    const Deal deal = banded_deal();
    MonteCarloOptions o;
    o.paths = 4 * kBlockPaths + 700;
    o.seed = 3;
    o.price_simulator = test::lognormal_for(deal, 0.6);
    o.score = false;
    o.threads = 1;
    const auto one = simulate(deal, o);
    o.threads = 2;
    const auto two = simulate(deal, o);
    ASSERT_FALSE(one.npv.exact_quantiles);  // the sketch, not exact order statistics
    for (int q = 0; q < 4; ++q) {
        const auto& a = band_series(one.bands, q);
        const auto& b = band_series(two.bands, q);
        ASSERT_EQ(a.size(), b.size());
        ASSERT_FALSE(a.empty());
        for (std::size_t t = 0; t < a.size(); ++t) {
            EXPECT_TRUE(same_bits(a[t].p5, b[t].p5));
            EXPECT_TRUE(same_bits(a[t].p50, b[t].p50));
            EXPECT_TRUE(same_bits(a[t].p95, b[t].p95));
        }
    }
}

}  // namespace
}  // namespace offtake
