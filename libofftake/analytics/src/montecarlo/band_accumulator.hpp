// Per-period P5/P50/P95 of price, CFADS, DSCR and cash balance (fan-chart bands): one
// QuantileSketch per period and quantity, mergeable block by block like every other
// statistic of a run (deal_accumulator.hpp).
#pragma once

#include <offtake/engine.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/statistics.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace offtake::montecarlo {

class BandAccumulator {
  public:
    // staged: a block of a large run. Its values wait in a path-major table (one row per
    // path, written in order) and go to the sketches' bins in finish_block, a few sketches
    // at a time. Writing straight into 4 x periods per-sketch buffers or bin arrays
    // instead touches hundreds of scattered cache lines per path, which cost as much as
    // the waterfall (docs/monte-carlo.md section 9).
    BandAccumulator(int periods, std::uint64_t exact_capacity, bool staged);

    void add(const PathSeries& series);
    void finish_block();
    // Merging a block that was not finished bins its staged values here.
    void merge(const BandAccumulator& other);
    void summarize_into(PeriodBands& out) const;

  private:
    static constexpr std::size_t kQuantities = 4;  // price, cfads, dscr, cash balance
    // Doubles from one staged row to the next: one cache line more than the values, so
    // that a column's values (read with this stride) do not all fall into the same cache
    // sets, as they would with the 4 KiB stride of 128 quarterly periods.
    std::size_t row_stride() const { return periods_ * kQuantities + 8; }
    std::size_t periods_;
    bool staged_;
    // Sketch of quantity q in period t (1..n) at (t - 1) * kQuantities + q, the column
    // order of the staged rows.
    std::vector<QuantileSketch> sketches_;
    // Staged values, NaN where a path has none: row_count_ rows of row_stride(), room for
    // row_capacity_ (left uninitialised: every value read was written).
    std::unique_ptr<double[]> rows_;
    std::size_t row_count_ = 0, row_capacity_ = 0;
};

}  // namespace offtake::montecarlo
