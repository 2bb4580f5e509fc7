// Statistics against exact computations done here, in the test, by the textbook
// two-pass formulas and by sorting.
#include <offtake/statistics.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace offtake {
namespace {

std::vector<double> sample(std::size_t n, unsigned seed) {
    std::mt19937_64 gen(seed);
    std::lognormal_distribution<double> lognormal(10.0, 1.0);
    std::normal_distribution<double> normal(0.0, 5.0e4);
    std::vector<double> v(n);
    // A mix of signs and magnitudes, like project NPVs.
    for (std::size_t i = 0; i < n; ++i) v[i] = (i % 3 == 0) ? normal(gen) : lognormal(gen);
    return v;
}

double two_pass_variance(const std::vector<double>& v) {
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
    double ss = 0.0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return ss / (v.size() - 1);
}

// Order statistic of rank q (n - 1) with linear interpolation (Hyndman-Fan 7).
double type7(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const double h = (v.size() - 1) * q;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

TEST(RunningMoments, MatchesTwoPassFormulas) {
    const auto v = sample(5000, 1);
    RunningMoments m;
    for (double x : v) m.add(x);
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / v.size();
    const double var = two_pass_variance(v);
    EXPECT_EQ(m.count(), 5000u);
    EXPECT_NEAR(m.mean(), mean, 1e-9 * std::abs(mean) + 1e-9);
    EXPECT_NEAR(m.variance(), var, 1e-9 * var);
    EXPECT_NEAR(m.standard_error(), std::sqrt(var / 5000.0), 1e-9 * std::sqrt(var));
}

TEST(RunningMoments, SmallHandExample) {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample variance 32/7.
    RunningMoments m;
    for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) m.add(x);
    EXPECT_DOUBLE_EQ(m.mean(), 5.0);
    EXPECT_DOUBLE_EQ(m.variance(), 32.0 / 7.0);
}

TEST(RunningMoments, MergeOfChunksEqualsOnePass) {
    const auto v = sample(3001, 2);
    RunningMoments all, merged;
    for (double x : v) all.add(x);
    for (std::size_t start = 0; start < v.size(); start += 700) {
        RunningMoments chunk;
        for (std::size_t i = start; i < std::min(v.size(), start + 700); ++i) chunk.add(v[i]);
        merged.merge(chunk);
    }
    EXPECT_EQ(merged.count(), all.count());
    EXPECT_NEAR(merged.mean(), all.mean(), 1e-9 * std::abs(all.mean()));
    EXPECT_NEAR(merged.variance(), all.variance(), 1e-9 * all.variance());
}

TEST(RunningMoments, ConstantDataHasZeroVarianceAfterMerges) {
    RunningMoments a, b;
    for (int i = 0; i < 100; ++i) a.add(0.1);
    for (int i = 0; i < 37; ++i) b.add(0.1);
    a.merge(b);
    EXPECT_EQ(a.variance(), 0.0);
    EXPECT_DOUBLE_EQ(a.mean(), 0.1);
}

TEST(Proportion, BinomialStandardError) {
    ProportionAccumulator p;
    for (int i = 0; i < 400; ++i) p.add(i % 4 == 0);  // 100 of 400
    EXPECT_DOUBLE_EQ(p.value(), 0.25);
    EXPECT_DOUBLE_EQ(p.standard_error(), std::sqrt(0.25 * 0.75 / 400.0));
}

TEST(QuantileSketch, ExactModeIsHyndmanFanSeven) {
    // 1..10: P10 at rank 0.9 -> 1.9; P50 at rank 4.5 -> 5.5; P95 at rank 8.55 -> 9.55.
    QuantileSketch s;
    for (int i = 10; i >= 1; --i) s.add(i);
    EXPECT_TRUE(s.exact());
    EXPECT_DOUBLE_EQ(*s.quantile(0.10), 1.9);
    EXPECT_DOUBLE_EQ(*s.quantile(0.50), 5.5);
    EXPECT_DOUBLE_EQ(*s.quantile(0.95), 9.55);
    EXPECT_FALSE(QuantileSketch().quantile(0.5).has_value());
}

TEST(QuantileSketch, BinnedQuantilesWithinRelativeAccuracy) {
    const auto v = sample(20000, 3);
    QuantileSketch s(0);  // straight to bins
    for (double x : v) s.add(x);
    EXPECT_FALSE(s.exact());
    std::vector<double> sorted(v);
    std::sort(sorted.begin(), sorted.end());
    for (double q : {0.05, 0.10, 0.50, 0.90, 0.95}) {
        // DDSketch's guarantee is on the order statistic of rank floor(q (n - 1)).
        const double truth = sorted[static_cast<std::size_t>(std::floor(q * (v.size() - 1)))];
        EXPECT_NEAR(*s.quantile(q), truth, QuantileSketch::kRelativeAccuracy * std::abs(truth) * (1 + 1e-12))
            << "q=" << q;
    }
}

TEST(QuantileSketch, MergeIsOrderIndependentAndMatchesOneStream) {
    const auto v = sample(12000, 4);
    QuantileSketch all;
    for (double x : v) all.add(x);
    std::vector<QuantileSketch> parts;
    for (std::size_t start = 0; start < v.size(); start += 1024) {
        QuantileSketch part;
        for (std::size_t i = start; i < std::min(v.size(), start + 1024); ++i) part.add(v[i]);
        parts.push_back(part);
    }
    QuantileSketch forward, backward;
    for (const auto& p : parts) forward.merge(p);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) backward.merge(*it);
    EXPECT_EQ(forward.count(), v.size());
    for (double q : {0.05, 0.10, 0.50, 0.90, 0.95}) {
        EXPECT_EQ(*forward.quantile(q), *backward.quantile(q));
        EXPECT_EQ(*forward.quantile(q), *all.quantile(q));
    }
}

TEST(QuantileSketch, MergeFoldsCollapsedBinsLikeOneStream) {
    // Part of the second sketch lies more than 1e9 below the first one's largest value,
    // so merging must fold those bins into the lowest kept one, as adding the values to
    // one sketch does; both signs, in both orders.
    std::mt19937_64 gen(9);
    std::uniform_real_distribution<double> exponent(-4.0, 4.0);
    QuantileSketch large(0), small(0), one(0);
    for (int i = 0; i < 3000; ++i) {
        const double big = std::pow(10.0, 8.0 + exponent(gen)) * (i % 2 ? 1.0 : -1.0);
        const double tiny = std::pow(10.0, exponent(gen)) * (i % 3 ? 1.0 : -1.0);
        large.add(big);
        small.add(tiny);
        one.add(big);
        one.add(tiny);
    }
    QuantileSketch forward = large, backward = small;
    forward.merge(small);
    backward.merge(large);
    for (int k = 0; k <= 100; ++k) {
        const double q = k / 100.0;
        EXPECT_EQ(*forward.quantile(q), *one.quantile(q)) << q;
        EXPECT_EQ(*backward.quantile(q), *one.quantile(q)) << q;
    }
}

TEST(QuantileSketch, ExactWhileUnderCapacityAcrossMerges) {
    const auto v = sample(3000, 5);
    QuantileSketch a, b;
    for (std::size_t i = 0; i < 1500; ++i) a.add(v[i]);
    for (std::size_t i = 1500; i < 3000; ++i) b.add(v[i]);
    a.merge(b);
    EXPECT_TRUE(a.exact());
    for (double q : {0.05, 0.5, 0.95}) EXPECT_DOUBLE_EQ(*a.quantile(q), type7(v, q));
}

TEST(QuantileSketch, ConstantValueIsReturnedExactlyInBins) {
    QuantileSketch s(0);
    for (int i = 0; i < 5000; ++i) s.add(1.2345);
    EXPECT_EQ(*s.quantile(0.05), 1.2345);  // clamped to [min, max]
    EXPECT_EQ(*s.quantile(0.95), 1.2345);
}

TEST(QuantileSketch, MemoryDoesNotGrowWithCount) {
    // Values spread over 40 orders of magnitude: the stores hit their bin limit, and
    // neither stores nor the exact buffer grow past their bounds however many are added.
    QuantileSketch s;
    std::mt19937_64 gen(6);
    std::uniform_real_distribution<double> exponent(-20.0, 20.0);
    std::size_t after_100k = 0;
    std::vector<double> all;
    for (int i = 0; i < 300000; ++i) {
        const double x = std::pow(10.0, exponent(gen));
        s.add(i % 2 ? x : -x);
        all.push_back(i % 2 ? x : -x);
        if (i == 100000) after_100k = s.stored_items();
    }
    const std::size_t bound = 2 * QuantileSketch::kMaxBins + 2 * QuantileSketch::kDefaultExactCapacity;
    EXPECT_LE(s.stored_items(), bound);
    EXPECT_EQ(s.stored_items(), after_100k);
    // The largest values keep their accuracy after folding.
    std::sort(all.begin(), all.end());
    for (double q : {0.001, 0.999}) {
        const double truth = all[static_cast<std::size_t>(std::floor(q * (all.size() - 1)))];
        EXPECT_NEAR(*s.quantile(q), truth, QuantileSketch::kRelativeAccuracy * std::abs(truth) * (1 + 1e-12));
    }
}

// The bin of any value, positive or negative, normal or subnormal, has a representative
// within the relative accuracy a of the value (docs/monte-carlo.md section 3: a bin spans
// a ratio of at most gamma = (1 + a)/(1 - a), and the representative 2 lo hi/(lo + hi) is
// then within a of every point of it). Mantissas near 1 and 2 are where the approximate
// log2 is steepest; the quantile is read back from a two-value sketch whose clamping to
// [min, max] lets through only the error on one side, so both sides are checked.
TEST(QuantileSketch, EveryValueIsWithinTheRelativeAccuracyOfItsBin) {
    const double a = QuantileSketch::kRelativeAccuracy;
    int checked = 0;
    for (int e : {-1070, -1030, -300, -20, -1, 0, 1, 7, 20, 300, 1020}) {
        for (int j = 0; j <= 4096; ++j) {
            const double m = j < 4096 ? 1.0 + j / 4096.0 : std::nextafter(2.0, 1.0);
            const double x = std::ldexp(m, e);
            for (double sign : {1.0, -1.0}) {
                const double v = sign * x;
                QuantileSketch above(0), below(0);  // v with a neighbour 4x further out / in
                above.add(v);
                above.add(4.0 * v);
                below.add(v / 4.0);
                below.add(v);
                const double lowest = sign > 0 ? *above.quantile(0.0) : *above.quantile(1.0);
                const double highest = sign > 0 ? *below.quantile(1.0) : *below.quantile(0.0);
                ASSERT_LE(std::abs(lowest - v), a * x * (1 + 1e-12)) << v;
                ASSERT_LE(std::abs(highest - v), a * x * (1 + 1e-12)) << v;
                ++checked;
            }
        }
    }
    EXPECT_EQ(checked, 11 * 4097 * 2);
}

TEST(QuantileSketch, AddManyEqualsAddingOneByOne) {
    // A strided column with absent (NaN) values, zeros and both signs, added in two
    // batches to a binned and to an exact sketch.
    auto v = sample(9000, 8);
    for (std::size_t i = 0; i < v.size(); i += 7) v[i] = std::nan("");
    for (std::size_t i = 3; i < v.size(); i += 11) v[i] = 0.0;
    const std::size_t stride = 3, n = v.size() / stride;
    for (std::uint64_t capacity : {std::uint64_t{0}, std::uint64_t{4096}}) {
        QuantileSketch one(capacity), many(capacity);
        for (std::size_t i = 0; i < n; ++i) one.add(v[i * stride]);
        many.add_many(v.data(), n / 2, stride);
        many.add_many(v.data() + (n / 2) * stride, n - n / 2, stride);
        EXPECT_EQ(one.count(), many.count());
        EXPECT_EQ(one.exact(), many.exact());
        for (double q : {0.0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1.0}) EXPECT_EQ(*one.quantile(q), *many.quantile(q));
    }
}

TEST(MetricAccumulator, CountsAbsentValuesApart) {
    MetricAccumulator m;
    m.add(std::optional<double>(1.0));
    m.add(std::optional<double>());
    m.add(3.0);
    const auto s = summarize(m);
    EXPECT_EQ(s.count, 2u);
    EXPECT_EQ(s.absent, 1u);
    EXPECT_DOUBLE_EQ(*s.mean, 2.0);
    EXPECT_DOUBLE_EQ(*s.p50, 2.0);
    const auto empty = summarize(MetricAccumulator());
    EXPECT_FALSE(empty.mean.has_value());
    EXPECT_FALSE(empty.p5.has_value());
}

}  // namespace
}  // namespace offtake

namespace offtake {
namespace {

// The quantile grid behind the reports' histograms: the values 1, 2, ..., 101 have, by
// Hyndman-Fan definition 7, the quantile 1 + 100 q, so the grid q = k / 20 reads
// 1, 6, 11, ..., 101 (every 5 %: minimum, P5, ..., maximum).
TEST(QuantileGrid, ExactValuesGiveTheTextbookQuantiles) {
    MetricAccumulator acc;
    for (int v = 101; v >= 1; --v) acc.add(static_cast<double>(v));  // order does not matter
    const MetricSummary s = summarize(acc);
    ASSERT_EQ(s.quantiles.size(), static_cast<std::size_t>(kQuantileGridSteps + 1));
    for (int k = 0; k <= kQuantileGridSteps; ++k) EXPECT_DOUBLE_EQ(s.quantiles[k], 1.0 + 5.0 * k) << k;
    EXPECT_DOUBLE_EQ(s.quantiles[1], *s.p5);
    EXPECT_DOUBLE_EQ(s.quantiles[19], *s.p95);
}

TEST(QuantileGrid, EmptyWithoutValues) {
    MetricAccumulator acc;
    acc.add_absent();
    EXPECT_TRUE(summarize(acc).quantiles.empty());
}

}  // namespace
}  // namespace offtake
