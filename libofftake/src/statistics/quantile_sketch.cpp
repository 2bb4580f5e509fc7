// Exact order statistics for small runs, a DDSketch (Masson, Rim and Lee, "DDSketch: a
// fast and fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019)
// past that. The sketch's bins are integer counts, so merging is exact and commutative:
// the quantiles of a run do not depend on the order in which blocks were merged.
#include <offtake/statistics.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace offtake {
namespace {
const double kGamma = (1.0 + QuantileSketch::kRelativeAccuracy) / (1.0 - QuantileSketch::kRelativeAccuracy);
const double kLogGamma = std::log(kGamma);
const double kInverseLogGamma = 1.0 / kLogGamma;
}  // namespace

QuantileSketch::QuantileSketch(std::uint64_t exact_capacity) : exact_capacity_(exact_capacity) {
    if (exact_capacity_ == 0) binned_ = true;
}

int QuantileSketch::index_of(double magnitude) const {
    // Bin i holds magnitudes in (gamma^(i-1), gamma^i].
    const double i = std::ceil(std::log(magnitude) * kInverseLogGamma);
    const double limit = 1.0e6;  // |log(m)| < 710 for finite doubles: far inside
    return static_cast<int>(std::clamp(i, -limit, limit));
}

double QuantileSketch::value_of(int index) const {
    // The point of the bin with the same relative distance a to both ends.
    return 2.0 * std::pow(kGamma, index) / (kGamma + 1.0);
}

void QuantileSketch::Store::cover(int index) {
    const int size = static_cast<int>(counts.size());
    if (size > 0 && index >= offset && index < offset + size) return;
    // Grow geometrically (half the current size, at least 16 bins) towards the index,
    // never below the lowest kept bin nor past kMaxBins + 64 bins of storage.
    const int grow = std::max(16, size / 2);
    int lo = size > 0 ? std::min(offset, index) : index - grow;
    int hi = size > 0 ? std::max(offset + size - 1, index) : index + grow;
    if (size > 0 && index < offset) lo = index - grow;
    if (size > 0 && index >= offset + size) hi = index + grow;
    lo = std::max(lo, min_kept());
    hi = std::max(hi, index);
    if (hi - lo + 1 > kMaxBins + 64) hi = std::max(index, lo + kMaxBins + 63);
    std::vector<std::uint64_t> grown(static_cast<std::size_t>(hi - lo + 1), 0);
    for (int k = 0; k < size; ++k) {
        const int i = offset + k;
        if (counts[static_cast<std::size_t>(k)] == 0) continue;
        // Bins outside the new storage can only be empty padding.
        grown[static_cast<std::size_t>(i - lo)] += counts[static_cast<std::size_t>(k)];
    }
    counts.swap(grown);
    offset = lo;
}

void QuantileSketch::Store::fold_below(int lowest) {
    // Move every count below `lowest` into bin `lowest`, and drop the storage below it.
    const int size = static_cast<int>(counts.size());
    if (size == 0 || offset >= lowest) return;
    std::uint64_t folded = 0;
    const int end = std::min(lowest - offset, size);
    for (int k = 0; k < end; ++k) folded += counts[static_cast<std::size_t>(k)];
    counts.erase(counts.begin(), counts.begin() + end);
    offset += end;
    if (folded == 0) return;
    cover(lowest);
    counts[static_cast<std::size_t>(lowest - offset)] += folded;
}

void QuantileSketch::Store::add(int index, std::uint64_t n) {
    if (empty) {
        empty = false;
        max_index = index;
    } else if (index > max_index) {
        max_index = index;
        fold_below(min_kept());
    }
    const int i = std::max(index, min_kept());
    cover(i);
    counts[static_cast<std::size_t>(i - offset)] += n;
}

void QuantileSketch::Store::add_each(const std::vector<int>& indices) {
    if (indices.empty()) return;
    const auto [lo, hi] = std::minmax_element(indices.begin(), indices.end());
    // Size the store once for the whole batch, then count without range checks: the same
    // counts as adding one by one, since folding depends only on the largest index.
    add(*hi, 0);
    add(std::max(*lo, min_kept()), 0);
    const int keep = min_kept();
    for (int i : indices) ++counts[static_cast<std::size_t>(std::max(i, keep) - offset)];
}

void QuantileSketch::Store::merge(const Store& other) {
    if (other.empty) return;
    add(other.max_index, 0);  // folds first, once, to the merged range
    for (std::size_t k = 0; k < other.counts.size(); ++k)
        if (other.counts[k] != 0) add(other.offset + static_cast<int>(k), other.counts[k]);
}

void QuantileSketch::add_binned(double x, std::uint64_t n) {
    if (x > 0.0)
        positive_.add(index_of(x), n);
    else if (x < 0.0)
        negative_.add(index_of(-x), n);
    else
        zeros_ += n;
}

void QuantileSketch::to_bins() {
    if (binned_) return;
    binned_ = true;
    // Batched: indices first, then one sizing of each store (runs bin every block's
    // values this way at the end of the block).
    thread_local std::vector<int> positive, negative;
    positive.clear();
    negative.clear();
    for (double v : values_) {
        if (v > 0.0)
            positive.push_back(index_of(v));
        else if (v < 0.0)
            negative.push_back(index_of(-v));
        else
            ++zeros_;
    }
    positive_.add_each(positive);
    negative_.add_each(negative);
    std::vector<double>().swap(values_);
}

void QuantileSketch::add(double x) {
    if (std::isnan(x)) return;
    if (count_ == 0) {
        min_ = max_ = x;
    } else {
        min_ = std::min(min_, x);
        max_ = std::max(max_, x);
    }
    ++count_;
    if (!binned_ && values_.size() < exact_capacity_) {
        // One allocation for a block's worth of values instead of repeated doubling.
        if (values_.empty()) values_.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(exact_capacity_, 1024)));
        values_.push_back(x);
        return;
    }
    to_bins();
    add_binned(x, 1);
}

void QuantileSketch::merge(const QuantileSketch& other) {
    if (other.count_ == 0) return;
    if (count_ == 0) {
        min_ = other.min_;
        max_ = other.max_;
    } else {
        min_ = std::min(min_, other.min_);
        max_ = std::max(max_, other.max_);
    }
    if (!binned_ && !other.binned_ && values_.size() + other.values_.size() <= exact_capacity_) {
        values_.insert(values_.end(), other.values_.begin(), other.values_.end());
        count_ += other.count_;
        return;
    }
    to_bins();
    if (other.binned_) {
        positive_.merge(other.positive_);
        negative_.merge(other.negative_);
        zeros_ += other.zeros_;
    } else {
        for (double v : other.values_) add_binned(v, 1);
    }
    count_ += other.count_;
}

std::optional<double> QuantileSketch::quantile(double q) const {
    if (count_ == 0) return std::nullopt;
    q = std::clamp(q, 0.0, 1.0);
    if (!binned_) {
        std::vector<double> sorted(values_);
        std::sort(sorted.begin(), sorted.end());
        const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
        const auto lo = static_cast<std::size_t>(std::floor(h));
        const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
        return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
    }
    // Rank of the order statistic, then walk the bins in increasing value.
    const double rank = q * static_cast<double>(count_ - 1);
    double seen = 0.0;
    double value = max_;
    bool found = false;
    for (std::size_t k = negative_.counts.size(); k-- > 0 && !found;) {
        seen += static_cast<double>(negative_.counts[k]);
        if (seen > rank) {
            value = -value_of(negative_.offset + static_cast<int>(k));
            found = true;
        }
    }
    if (!found) {
        seen += static_cast<double>(zeros_);
        if (seen > rank) {
            value = 0.0;
            found = true;
        }
    }
    for (std::size_t k = 0; k < positive_.counts.size() && !found; ++k) {
        seen += static_cast<double>(positive_.counts[k]);
        if (seen > rank) {
            value = value_of(positive_.offset + static_cast<int>(k));
            found = true;
        }
    }
    return std::clamp(value, min_, max_);
}

std::size_t QuantileSketch::stored_items() const {
    return values_.capacity() + positive_.counts.capacity() + negative_.counts.capacity();
}

}  // namespace offtake
