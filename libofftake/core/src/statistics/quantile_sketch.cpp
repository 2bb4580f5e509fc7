// Exact order statistics for small runs, a DDSketch (Masson, Rim and Lee, "DDSketch: a
// fast and fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019)
// past that. The sketch's bins are integer counts, so merging is exact and commutative:
// the quantiles of a run do not depend on the order in which blocks were merged.
#include <offtake/statistics.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace offtake {
namespace {
const double kGamma = (1.0 + QuantileSketch::kRelativeAccuracy) / (1.0 - QuantileSketch::kRelativeAccuracy);
// Bins per unit of the approximate log2 below. Its slope against ln x is at least 4/3,
// so a bin 1/M wide spans a factor of at most e^(3 / (4 M)) = gamma
// (docs/monte-carlo.md section 3).
const double kBinsPerLog2 = 3.0 / (4.0 * std::log(kGamma));

// L(x) = e + (m - 1)(5 - m) / 3 for x = m 2^e, m in [1, 2): equal to log2 x at powers of
// two, quadratic in between, continuous and increasing; read from the bits of a normal
// double (the "quadratically interpolated" mapping of Datadog's sketches-java).
inline double approx_log2(double x) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &x, sizeof bits);
    const auto biased = static_cast<int>((bits >> 52) & 0x7ffu);
    double e = 0.0, m = 1.0;
    if (biased != 0 && biased != 0x7ff) {
        e = static_cast<double>(biased - 1023);
        m = 1.0 + static_cast<double>(bits & ((std::uint64_t{1} << 52) - 1)) * 0x1p-52;
    } else if (std::isinf(x)) {
        return 1024.0;
    } else {
        // Subnormal: the same function through frexp, x = f 2^k, f in [0.5, 1).
        int k = 0;
        m = 2.0 * std::frexp(x, &k);
        e = static_cast<double>(k - 1);
    }
    return e + (m - 1.0) * (5.0 - m) * (1.0 / 3.0);
}

// The inverse of approx_log2.
double approx_exp2(double l) {
    const double e = std::floor(l);
    return std::ldexp(3.0 - std::sqrt(4.0 - 3.0 * (l - e)), static_cast<int>(e));
}

// Bin i holds magnitudes with L(x) in ((i - 1) / M, i / M]. |L| <= 1075 for doubles.
inline int bin_index(double magnitude) {
    const double y = approx_log2(magnitude) * kBinsPerLog2;
    const int truncated = static_cast<int>(y);  // ceil without a libm call
    return truncated + (static_cast<double>(truncated) < y ? 1 : 0);
}
}  // namespace

QuantileSketch::QuantileSketch(std::uint64_t exact_capacity) : exact_capacity_(exact_capacity) {
    if (exact_capacity_ == 0) binned_ = true;
}

int QuantileSketch::index_of(double magnitude) const { return bin_index(magnitude); }

double QuantileSketch::value_of(int index) const {
    // The point of bin (lo, hi] with the same relative distance to both ends,
    // 2 lo hi / (lo + hi), written so that it cannot overflow.
    const double lo = approx_exp2((index - 1) / kBinsPerLog2);
    const double hi = approx_exp2(index / kBinsPerLog2);
    return lo * (2.0 / (1.0 + lo / hi));
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
    // Common case first: a bin inside the storage and no new maximum (storage never
    // starts below the lowest kept bin, so no folding either).
    const int k = index - offset;
    if (!empty && index <= max_index && k >= 0 && k < static_cast<int>(counts.size())) {
        counts[static_cast<std::size_t>(k)] += n;
        return;
    }
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
    add_range(indices.data(), indices.size(), *lo, *hi);
}

void QuantileSketch::Store::add_range(const int* indices, std::size_t n, int lo, int hi) {
    // Size the store once for the whole batch, then count without range checks: the same
    // counts as adding one by one, since folding depends only on the largest index.
    add(hi, 0);
    add(std::max(lo, min_kept()), 0);
    const int keep = min_kept();
    std::uint64_t* base = counts.data() - offset;
    if (lo >= keep) {
        for (std::size_t k = 0; k < n; ++k) ++base[indices[k]];
    } else {
        for (std::size_t k = 0; k < n; ++k) ++base[std::max(indices[k], keep)];
    }
}

void QuantileSketch::Store::merge(const Store& other) {
    if (other.empty) return;
    std::size_t first = 0, last = other.counts.size();
    while (first < last && other.counts[first] == 0) ++first;
    while (last > first && other.counts[last - 1] == 0) --last;
    add(other.max_index, 0);  // folds first, once, to the merged range
    if (first == last) return;
    // Size the storage once for the other's occupied range, then add counts directly;
    // bins below the lowest kept one fold into it, as one-by-one adds would.
    const int keep = min_kept();
    cover(std::max(other.offset + static_cast<int>(first), keep));
    cover(other.offset + static_cast<int>(last) - 1);
    // Bins of the other below `keep` fold into it; the rest add bin to bin (a plain loop
    // over two contiguous ranges, which the compiler vectorises).
    std::size_t k = first;
    for (; k < last && other.offset + static_cast<int>(k) < keep; ++k)
        counts[static_cast<std::size_t>(keep - offset)] += other.counts[k];
    if (k == last) return;
    std::uint64_t* into = counts.data() + (other.offset + static_cast<int>(k) - offset);
    const std::uint64_t* from = other.counts.data() + k;
    const std::size_t n = last - k;
    for (std::size_t j = 0; j < n; ++j) into[j] += from[j];
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

void QuantileSketch::add_many(const double* values, std::size_t n, std::size_t stride) {
    if (!binned_) {
        for (std::size_t i = 0; i < n; ++i) add(values[i * stride]);
        return;
    }
    // Indices first, with their range, then one sizing of each store and plain counting.
    thread_local std::vector<int> positive, negative;
    positive.resize(n);
    negative.resize(n);
    std::size_t np = 0, nn = 0, added = 0, zeros = 0;
    int plo = std::numeric_limits<int>::max(), phi = std::numeric_limits<int>::min();
    int nlo = plo, nhi = phi;
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    int* pos = positive.data();
    int* neg = negative.data();
    for (std::size_t i = 0; i < n; ++i) {
        if (i + 8 < n) __builtin_prefetch(values + (i + 8) * stride);  // a strided column
        const double v = values[i * stride];
        if (std::isnan(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        ++added;
        if (v > 0.0) {
            const int k = bin_index(v);
            plo = std::min(plo, k);
            phi = std::max(phi, k);
            pos[np++] = k;
        } else if (v < 0.0) {
            const int k = bin_index(-v);
            nlo = std::min(nlo, k);
            nhi = std::max(nhi, k);
            neg[nn++] = k;
        } else {
            ++zeros;
        }
    }
    if (added == 0) return;
    min_ = count_ == 0 ? lo : std::min(min_, lo);
    max_ = count_ == 0 ? hi : std::max(max_, hi);
    count_ += added;
    zeros_ += zeros;
    if (np) positive_.add_range(positive.data(), np, plo, phi);
    if (nn) negative_.add_range(negative.data(), nn, nlo, nhi);
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
