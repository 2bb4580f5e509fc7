// When defaults happen (SimulationResult::default_by_period, issue 16) against the truth
// computed here from the same paths: every path is run again, in the test, through the
// engine's per-path function run_path with the same prices, and the periods of its event
// of default are counted.
#include "mc_test_util.hpp"

#include <offtake/engine.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

namespace offtake {
namespace {

// Quarterly periods, 60 % price volatility and fixed costs: on some paths CFADS falls
// short of the debt service and the shortfall is not cured, in various periods.
Deal defaulting_deal() {
    Deal d = test::one_mine(6, 0.6);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.construction_periods = 4;
    d.project.construction_capex = {250.0, 250.0, 250.0, 250.0};
    d.project.fixed_opex = {400.0};
    d.project.depreciation_years = 4.0;
    return d;
}

// counts[t - 1]: paths whose event of default is in period t.
std::vector<std::uint64_t> defaults_by_period(const Deal& deal, const PriceSimulator& sim, std::uint64_t seed,
                                              std::uint64_t paths) {
    const auto prepared = prepare(deal);
    const int n = grid(*prepared).periods();
    std::vector<std::uint64_t> counts(static_cast<std::size_t>(n), 0);
    std::vector<double> prices(static_cast<std::size_t>(n) + 1), scratch;
    PathResult result;
    PathScratch path_scratch;
    for (std::uint64_t p = 0; p < paths; ++p) {
        sim.simulate(seed, p, prices.data(), scratch);
        PathInputs in;
        in.price = prices.data();
        run_path(*prepared, in, result, path_scratch, nullptr);
        if (result.payment_default) {
            EXPECT_GE(result.default_period, 1);
            EXPECT_LE(result.default_period, n);
            ++counts[static_cast<std::size_t>(result.default_period - 1)];
        }
    }
    return counts;
}

SimulationResult run(const Deal& deal, std::shared_ptr<const PriceSimulator> sim, std::uint64_t paths, int threads) {
    MonteCarloOptions o;
    o.paths = paths;
    o.seed = 23;
    o.threads = threads;
    o.price_simulator = std::move(sim);
    o.score = false;
    return simulate(deal, o);
}

TEST(DefaultTiming, SharesAreTheCountsOfEventsOfDefaultPerPeriod) {
    const Deal deal = defaulting_deal();
    const auto sim = test::lognormal_for(deal, 0.6);
    const std::uint64_t paths = 1200;
    const SimulationResult r = run(deal, sim, paths, 2);
    const auto counts = defaults_by_period(deal, *sim, 23, paths);
    ASSERT_EQ(r.default_by_period.size(), counts.size());
    ASSERT_EQ(r.bands.dates.size(), counts.size());
    std::uint64_t total = 0;
    std::set<std::size_t> periods_with_defaults;
    for (std::size_t t = 0; t < counts.size(); ++t) {
        SCOPED_TRACE(testing::Message() << "period " << t + 1);
        const Estimate& e = r.default_by_period[t];
        const double p = static_cast<double>(counts[t]) / paths;
        EXPECT_EQ(e.paths, paths);
        EXPECT_DOUBLE_EQ(e.value, p);
        // Binomial standard error sqrt(p (1 - p) / n).
        EXPECT_DOUBLE_EQ(e.standard_error, std::sqrt(p * (1 - p) / paths));
        total += counts[t];
        if (counts[t] > 0) periods_with_defaults.insert(t);
    }
    // They split P(payment default): the same paths, the same event.
    EXPECT_DOUBLE_EQ(r.p_default.value, static_cast<double>(total) / paths);
    // Not a degenerate case: defaults on many paths, in several periods.
    EXPECT_GT(total, 50u);
    EXPECT_GT(periods_with_defaults.size(), 3u);
}

TEST(DefaultTiming, SameOnOneAndThreeThreads) {
    const Deal deal = defaulting_deal();
    const auto sim = test::lognormal_for(deal, 0.6);
    const SimulationResult a = run(deal, sim, 700, 1), b = run(deal, sim, 700, 3);
    ASSERT_EQ(a.default_by_period.size(), b.default_by_period.size());
    for (std::size_t t = 0; t < a.default_by_period.size(); ++t) {
        EXPECT_EQ(a.default_by_period[t].value, b.default_by_period[t].value);
        EXPECT_EQ(a.default_by_period[t].standard_error, b.default_by_period[t].standard_error);
    }
}

TEST(DefaultTiming, AbsentWithoutBands) {
    const Deal deal = defaulting_deal();
    MonteCarloOptions o;
    o.paths = 50;
    o.price_simulator = test::lognormal_for(deal, 0.6);
    o.collect_bands = false;
    o.score = false;
    EXPECT_TRUE(simulate(deal, o).default_by_period.empty());
}

}  // namespace
}  // namespace offtake
