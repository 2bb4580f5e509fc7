#include "montecarlo/band_accumulator.hpp"

#include <algorithm>
#include <limits>

namespace offtake::montecarlo {
BandAccumulator::BandAccumulator(int periods, std::uint64_t exact_capacity, bool staged)
    : periods_(static_cast<std::size_t>(std::max(periods, 0))),
      staged_(staged),
      sketches_(periods_ * kQuantities, QuantileSketch(staged ? 0 : exact_capacity)) {}

void BandAccumulator::add(const PathSeries& series) {
    if (periods_ == 0) return;
    const std::size_t width = row_stride();
    double* row = nullptr;
    double unstaged[kQuantities];
    if (staged_) {
        if (row_count_ == row_capacity_) {
            const std::size_t capacity = std::max<std::size_t>(2 * row_capacity_, kBlockPaths);
            std::unique_ptr<double[]> grown(new double[capacity * width]);
            std::copy(rows_.get(), rows_.get() + row_count_ * width, grown.get());
            rows_ = std::move(grown);
            row_capacity_ = capacity;
        }
        row = rows_.get() + row_count_ * width;
        ++row_count_;
    }
    const double absent = std::numeric_limits<double>::quiet_NaN();  // QuantileSketch ignores NaN
    // Series are indexed like the grid (t = 0..n); the bands cover t = 1..n.
    for (std::size_t t = 1; t <= periods_; ++t) {
        double* v = staged_ ? row + (t - 1) * kQuantities : unstaged;
        v[0] = t < series.price.size() ? series.price[t] : absent;
        v[1] = t < series.cfads.size() ? series.cfads[t] : absent;
        // The engine writes 0 where a period has no debt service: not a DSCR.
        v[2] = t < series.dscr.size() && series.dscr[t] != 0.0 ? series.dscr[t] : absent;
        v[3] = t < series.cash_balance.size() ? series.cash_balance[t] : absent;
        if (!staged_)
            for (std::size_t q = 0; q < kQuantities; ++q) sketches_[(t - 1) * kQuantities + q].add(v[q]);
    }
}

void BandAccumulator::finish_block() {
    if (!staged_ || row_count_ == 0) return;
    // Column by column: each sketch's values in one batch, its bins hot in cache.
    const std::size_t stride = row_stride();
    for (std::size_t i = 0; i < sketches_.size(); ++i) sketches_[i].add_many(rows_.get() + i, row_count_, stride);
    // A finished block waiting to be merged holds only its bins.
    rows_.reset();
    row_count_ = row_capacity_ = 0;
}

void BandAccumulator::merge(const BandAccumulator& other) {
    const std::size_t stride = other.row_stride();
    if (other.periods_ == periods_)
        for (std::size_t r = 0; r < other.row_count_; ++r)
            for (std::size_t i = 0; i < sketches_.size(); ++i) sketches_[i].add(other.rows_[r * stride + i]);
    for (std::size_t i = 0; i < sketches_.size() && i < other.sketches_.size(); ++i) sketches_[i].merge(other.sketches_[i]);
}

void BandAccumulator::summarize_into(PeriodBands& out) const {
    std::vector<Band>* series[kQuantities] = {&out.price, &out.cfads, &out.dscr, &out.cash_balance};
    for (auto* s : series) {
        s->clear();
        s->reserve(periods_);
    }
    for (std::size_t t = 0; t < periods_; ++t)
        for (std::size_t q = 0; q < kQuantities; ++q) {
            const auto& sketch = sketches_[t * kQuantities + q];
            series[q]->push_back(Band{sketch.quantile(0.05), sketch.quantile(0.50), sketch.quantile(0.95)});
        }
}

}  // namespace offtake::montecarlo
