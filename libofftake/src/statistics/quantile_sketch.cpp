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
}  // namespace

QuantileSketch::QuantileSketch(std::uint64_t exact_capacity) : exact_capacity_(exact_capacity) {
    if (exact_capacity_ == 0) binned_ = true;
}

int QuantileSketch::index_of(double magnitude) const {
    // Bin i holds magnitudes in (gamma^(i-1), gamma^i].
    const double i = std::ceil(std::log(magnitude) / kLogGamma);
    const double limit = 1.0e6;  // |log(m)| < 710 for finite doubles: far inside
    return static_cast<int>(std::clamp(i, -limit, limit));
}

double QuantileSketch::value_of(int index) const {
    // The point of the bin with the same relative distance a to both ends.
    return 2.0 * std::pow(kGamma, index) / (kGamma + 1.0);
}

void QuantileSketch::Store::add(int index, std::uint64_t n) {
    if (counts.empty()) {
        counts.assign(1, 0);
        offset = index;
    }
    int lo = offset, hi = offset + static_cast<int>(counts.size()) - 1;
    if (index >= lo && index <= hi) {
        counts[index - offset] += n;
        return;
    }
    int new_lo = std::min(lo, index), new_hi = std::max(hi, index);
    // Keep the kMaxBins bins of largest magnitude; smaller ones fold into the lowest kept.
    if (new_hi - new_lo + 1 > kMaxBins) new_lo = new_hi - kMaxBins + 1;
    if (new_lo == lo && new_hi == hi) {  // already full: a small value folds into the lowest bin
        counts[0] += n;
        return;
    }
    std::vector<std::uint64_t> grown(static_cast<std::size_t>(new_hi - new_lo + 1), 0);
    for (std::size_t k = 0; k < counts.size(); ++k) {
        const int i = std::max(offset + static_cast<int>(k), new_lo);
        grown[static_cast<std::size_t>(i - new_lo)] += counts[k];
    }
    counts.swap(grown);
    offset = new_lo;
    counts[static_cast<std::size_t>(std::max(index, new_lo) - new_lo)] += n;
}

void QuantileSketch::Store::merge(const Store& other) {
    if (other.counts.empty()) return;
    // Extend to the union range first so that folding happens once.
    add(other.offset, 0);
    add(other.offset + static_cast<int>(other.counts.size()) - 1, 0);
    for (std::size_t k = 0; k < other.counts.size(); ++k)
        if (other.counts[k] != 0) add(other.offset + static_cast<int>(k), other.counts[k]);
}

std::uint64_t QuantileSketch::Store::total() const {
    std::uint64_t t = 0;
    for (auto c : counts) t += c;
    return t;
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
    for (double v : values_) add_binned(v, 1);
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
