// Streaming, mergeable statistics for Monte Carlo runs (docs/monte-carlo.md).
//
// Every accumulator here can be fed one value at a time and merged with another of its
// kind, and its memory does not grow with the number of values past a fixed bound. The
// runner gives each block of paths its own accumulators and merges blocks in block order,
// so a run's numbers do not depend on how many threads computed the blocks.
#pragma once

#include <offtake/export.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace offtake {

// Count, mean and variance by Welford's update; two accumulators merge by the pairwise
// formula of Chan, Golub and LeVeque (1979). Deterministic: the same values added and
// merged in the same order give the same bits.
class OFFTAKE_API RunningMoments {
  public:
    void add(double x);
    void merge(const RunningMoments& other);

    std::uint64_t count() const { return n_; }
    double mean() const { return mean_; }
    // Sample variance (divisor n - 1); 0 when n < 2.
    double variance() const;
    double standard_deviation() const;
    // Standard error of the mean, sd / sqrt(n); 0 when n < 2.
    double standard_error() const;

  private:
    std::uint64_t n_ = 0;
    double mean_ = 0.0;
    double m2_ = 0.0;  // sum of squared deviations from the mean
};

// Quantiles of a stream with bounded memory. Up to `exact_capacity` values are kept
// as they are and quantiles are exact order statistics (linear interpolation between
// neighbours, Hyndman and Fan's definition 7). Past that, values go to a DDSketch
// (Masson, Rim and Lee, VLDB 2019): one store of bins for positive and one for negative
// values, and a count of zeros. Bins are cut by a piecewise-quadratic log2 read from the
// double's exponent and mantissa bits (the "quadratically interpolated" index mapping of
// Datadog's sketches-java) instead of a call to log(): each bin's upper to lower ratio is
// at most gamma = (1 + a) / (1 - a) with a = kRelativeAccuracy, so a quantile is within a
// relative error a of the exact order statistic of the same rank (docs/monte-carlo.md
// section 3 derives it), as long as its bin was not collapsed: each store keeps at most
// kMaxBins bins and merges the ones of smallest magnitude, which loses accuracy only for
// values more than 2^(4 kMaxBins ln(gamma) / 3) (about 1e9) times smaller than the largest.
// Merging adds bin counts, so the result does not depend on merge order.
class OFFTAKE_API QuantileSketch {
  public:
    static constexpr double kRelativeAccuracy = 0.005;
    static constexpr int kMaxBins = 2240;
    static constexpr std::uint64_t kDefaultExactCapacity = 4096;

    explicit QuantileSketch(std::uint64_t exact_capacity = kDefaultExactCapacity);

    void add(double x);  // NaN is ignored (callers pass only present values)
    // The same as add() on each of values[0], values[stride], ... values[(n - 1) stride]
    // in turn, faster for a binned sketch (one sizing of the stores for the whole batch).
    void add_many(const double* values, std::size_t n, std::size_t stride = 1);
    void merge(const QuantileSketch& other);

    std::uint64_t count() const { return count_; }
    bool exact() const { return !binned_; }
    // Moves the exact values into bins now (a no-op if already binned). Runs call it at
    // the end of each block, in the worker: a block's values are then binned one sketch
    // at a time (cache-friendly) and blocks merge by adding bin counts.
    void bin_now() { to_bins(); }
    // q in [0, 1]; absent when empty. Within [min, max] of the values added.
    std::optional<double> quantile(double q) const;
    // Memory held, in stored values or bins (for the memory-bound tests).
    std::size_t stored_items() const;

  private:
    // Bin counts for indices offset .. offset + counts.size() - 1 (storage may hold empty
    // bins beyond the data, so that it grows geometrically). Indices below
    // max_index - kMaxBins + 1 fold into that bin: the result depends only on the values
    // added, not on their order.
    struct Store {
        std::vector<std::uint64_t> counts;
        int offset = 0;
        int max_index = 0;
        bool empty = true;
        void add(int index, std::uint64_t n);
        void add_each(const std::vector<int>& indices);  // one count each
        void add_range(const int* indices, std::size_t n, int lo, int hi);  // lo, hi: their min, max
        void merge(const Store& other);
        int min_kept() const { return max_index - kMaxBins + 1; }

      private:
        void cover(int index);
        void fold_below(int lowest);
    };
    void to_bins();
    void add_binned(double x, std::uint64_t n);
    int index_of(double magnitude) const;
    double value_of(int index) const;

    std::uint64_t exact_capacity_;
    std::uint64_t count_ = 0;
    bool binned_ = false;
    std::vector<double> values_;  // exact mode, in arrival order
    Store positive_, negative_;
    std::uint64_t zeros_ = 0;
    double min_ = 0.0, max_ = 0.0;
};

// A metric that some paths lack (no IRR root, no debt service): moments and quantiles
// of the present, finite values, a count of the absent ones and a count of the NaN or
// infinite ones (left out of every statistic, docs/conventions.md).
class OFFTAKE_API MetricAccumulator {
  public:
    explicit MetricAccumulator(std::uint64_t exact_capacity = QuantileSketch::kDefaultExactCapacity)
        : sketch_(exact_capacity) {}
    void add(double x);
    void add(const std::optional<double>& x) { x ? add(*x) : add_absent(); }
    void add_absent() { ++absent_; }
    void merge(const MetricAccumulator& other);
    void bin_now() { sketch_.bin_now(); }

    const RunningMoments& moments() const { return moments_; }
    const QuantileSketch& sketch() const { return sketch_; }
    std::uint64_t absent() const { return absent_; }
    std::uint64_t nonfinite() const { return nonfinite_; }

  private:
    RunningMoments moments_;
    QuantileSketch sketch_;
    std::uint64_t absent_ = 0;
    std::uint64_t nonfinite_ = 0;
};

// The share of paths on which an event happens.
class OFFTAKE_API ProportionAccumulator {
  public:
    void add(bool event) { ++n_; hits_ += event ? 1 : 0; }
    void merge(const ProportionAccumulator& o) { n_ += o.n_; hits_ += o.hits_; }
    std::uint64_t count() const { return n_; }
    std::uint64_t hits() const { return hits_; }
    double value() const;
    // Binomial standard error sqrt(p (1 - p) / n).
    double standard_error() const;

  private:
    std::uint64_t n_ = 0, hits_ = 0;
};

// --- Plain summaries (what results carry; the JSON writer reads these) -------------

// Conventions section 11. Statistics of the paths where the metric exists; all absent
// when count == 0 (sd and standard_error also when count < 2).
struct MetricSummary {
    std::uint64_t count = 0;
    std::uint64_t absent = 0;
    std::uint64_t nonfinite = 0;  // paths where the value was NaN or infinite: in no statistic
    std::optional<double> mean, sd, standard_error;
    std::optional<double> p5, p10, p50, p90, p95;
    bool exact_quantiles = true;  // false: DDSketch, relative error QuantileSketch::kRelativeAccuracy
    // The quantile function on a grid, q = 0, 1/kQuantileGridSteps, ..., 1 (so [0] is the
    // smallest value, [kQuantileGridSteps] the largest): the distribution's shape, e.g.
    // for a histogram of equal-probability bins (docs/reports.md). Empty when count == 0.
    std::vector<double> quantiles;
};

// Steps of MetricSummary::quantiles: 20, one every 5 % of paths.
inline constexpr int kQuantileGridSteps = 20;

// A probability or an expected value with its Monte Carlo standard error.
struct Estimate {
    double value = 0.0;
    double standard_error = 0.0;
    std::uint64_t paths = 0;  // paths the estimate is taken over
    std::uint64_t nonfinite = 0;  // paths left out because their numbers were not finite
};

OFFTAKE_API MetricSummary summarize(const MetricAccumulator& acc);
OFFTAKE_API Estimate summarize(const ProportionAccumulator& acc);
OFFTAKE_API Estimate mean_estimate(const RunningMoments& moments);

}  // namespace offtake
