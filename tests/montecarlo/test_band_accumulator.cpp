// BandAccumulator (src/montecarlo/band_accumulator.hpp): the staged (path-major table)
// form of a large run's blocks gives the same sketches as adding each path's values
// straight to binned sketches, whether a block is finished before its merge or not.
#include "montecarlo/band_accumulator.hpp"

#include <offtake/engine.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

namespace offtake {
namespace {

bool same_bits(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || std::memcmp(&*a, &*b, sizeof(double)) == 0;
}

// Series of n periods (index 0..n) with both signs, zeros and DSCR-less periods.
PathSeries random_series(int n, std::mt19937_64& gen) {
    std::normal_distribution<double> z(0.0, 1.0);
    PathSeries s;
    for (int t = 0; t <= n; ++t) {
        s.price.push_back(100.0 * std::exp(0.4 * z(gen)));
        s.cfads.push_back(t % 5 == 0 ? 0.0 : 1e6 * z(gen));
        s.dscr.push_back(t < 3 ? 0.0 : 1.3 + 0.5 * z(gen));  // no debt service before t = 3
        s.cash_balance.push_back(std::max(0.0, 5e5 * z(gen)));
    }
    return s;
}

TEST(BandAccumulator, StagedBlocksEqualDirectBinningFinishedOrNot) {
    const int n = 37;  // a row stride that is not a power of two either
    std::mt19937_64 gen(21);
    montecarlo::BandAccumulator direct(n, 0, false);  // capacity 0: binned from the first value
    montecarlo::BandAccumulator finished_total(n, 0, false), unfinished_total(n, 0, false);
    for (int block = 0; block < 3; ++block) {
        montecarlo::BandAccumulator a(n, 0, true), b(n, 0, true);
        for (std::uint64_t p = 0; p < kBlockPaths - 100 * block; ++p) {
            const PathSeries s = random_series(n, gen);
            direct.add(s);
            a.add(s);
            b.add(s);
        }
        a.finish_block();
        finished_total.merge(a);
        unfinished_total.merge(b);  // its staged values are binned by the merge
    }
    PeriodBands want, finished, unfinished;
    direct.summarize_into(want);
    finished_total.summarize_into(finished);
    unfinished_total.summarize_into(unfinished);
    const std::vector<Band>* series[][3] = {{&want.price, &finished.price, &unfinished.price},
                                            {&want.cfads, &finished.cfads, &unfinished.cfads},
                                            {&want.dscr, &finished.dscr, &unfinished.dscr},
                                            {&want.cash_balance, &finished.cash_balance, &unfinished.cash_balance}};
    for (auto& s : series) {
        ASSERT_EQ(s[0]->size(), static_cast<std::size_t>(n));
        for (int k = 1; k < 3; ++k) {
            ASSERT_EQ(s[k]->size(), s[0]->size());
            for (std::size_t t = 0; t < s[0]->size(); ++t) {
                EXPECT_TRUE(same_bits((*s[0])[t].p5, (*s[k])[t].p5));
                EXPECT_TRUE(same_bits((*s[0])[t].p50, (*s[k])[t].p50));
                EXPECT_TRUE(same_bits((*s[0])[t].p95, (*s[k])[t].p95));
            }
        }
    }
    // Periods without debt service have no DSCR band; the others do.
    EXPECT_FALSE(want.dscr[0].p50.has_value());
    EXPECT_TRUE(want.dscr[5].p50.has_value());
}

}  // namespace
}  // namespace offtake
