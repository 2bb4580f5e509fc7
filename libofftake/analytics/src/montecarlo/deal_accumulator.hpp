// Everything a run keeps about one deal's paths: mergeable accumulators for each metric
// of conventions sections 11 and 12, per buyer, and per period (bands). One per block;
// blocks merge in order (block_runner.hpp).
#pragma once

#include "montecarlo/band_accumulator.hpp"
#include "montecarlo/co_moments.hpp"
#include "montecarlo/credit_accumulator.hpp"

#include <offtake/engine.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/statistics.hpp>

#include <cstdint>
#include <vector>

namespace offtake::montecarlo {

struct BuyerAccumulator {
    explicit BuyerAccumulator(std::uint64_t cap)
        : delivered(cap), price_paid(cap), spot_price(cap), premium(cap), recovered(cap), lost(cap), equity_irr(cap) {}
    RunningMoments contracted;
    MetricAccumulator delivered, price_paid, spot_price, premium, recovered, lost, equity_irr;
    ProportionAccumulator shortfall, defaulted;
    void merge(const BuyerAccumulator& o);
};

struct DealShape {
    std::size_t investors = 0;
    std::size_t buyers = 0;
    int periods = 0;                      // 0: no bands
    double covenant_dscr = 1.2;
    double loan_years = 0.0;              // financial close to the legal maturity (0: no debt)
    // The tranches below the senior debt (docs/credit.md section 7): each one's years from
    // financial close to its maturity; empty without them.
    std::vector<double> tranche_years;
    std::uint64_t exact_capacity = 0;     // quantile sketches' exact storage
    bool bin_blocks = false;              // bin each block's values at its end (large runs)
    bool antithetic = false;              // paths 2k and 2k+1 are mirrored pairs
};

// Antithetic runs: every mean's standard error comes from pair means
// (x_2k + x_2k+1) / 2, which are independent across pairs while the two halves are not.
// A pair counts for a quantity when both of its paths have it.
class PairMeans {
  public:
    explicit PairMeans(std::size_t quantities = 0)
        : pending_(quantities), pending_present_(quantities), pairs_(quantities) {}
    std::size_t size() const { return pairs_.size(); }
    // `values` and `present` hold size() entries, in the order the caller chose.
    void add(std::uint64_t path, const double* values, const unsigned char* present);
    void merge(const PairMeans& o);
    // Standard error of the mean of quantity q from its pair means (absent if < 2 pairs).
    std::optional<double> standard_error(std::size_t q) const;

  private:
    std::vector<double> pending_;
    std::vector<unsigned char> pending_present_;
    std::vector<RunningMoments> pairs_;
};

// The shapes of a run's per-block and total accumulators: exact quantiles for runs of up
// to QuantileSketch::kDefaultExactCapacity paths; larger runs keep each block exact while
// it runs, bin it when it ends (finish_block) and merge blocks into a binned total.
DealShape block_shape(DealShape shape, std::uint64_t paths);
DealShape total_shape(DealShape shape, std::uint64_t paths);

class DealAccumulator {
  public:
    explicit DealAccumulator(const DealShape& shape);
    void add(const PathResult& r, const PathSeries* series, std::uint64_t path);
    void finish_block();
    void merge(const DealAccumulator& other);
    // Fills the metric fields of `out` (run description fields are the caller's).
    void summarize_into(SimulationResult& out) const;

  private:
    void add_pair_quantities(const PathResult& r, std::uint64_t path, bool finite);

    DealShape shape_;
    MetricAccumulator npv_, irr_, dscr_min_, dscr_avg_, llcr_, plcr_, payback_, peak_debt_;
    std::vector<MetricAccumulator> equity_npv_, equity_irr_;
    ProportionAccumulator below_1_, below_covenant_, default_, lockup_;
    CreditAccumulator credit_;
    std::vector<CreditAccumulator> tranche_credit_;  // per tranche below the senior debt
    MetricAccumulator dscr_total_min_;
    std::vector<BuyerAccumulator> buyers_;
    BandAccumulator bands_;
    std::vector<ProportionAccumulator> default_in_period_;  // per period t = 1..n, with the bands
    std::uint64_t nonfinite_paths_ = 0;  // paths with a NaN or infinite metric
    // Antithetic runs: pair means of every summarised quantity (layout in the .cpp), and
    // one path's values and presence flags, kept to avoid allocating per path.
    PairMeans pairs_;
    std::vector<double> pair_values_;
    std::vector<unsigned char> pair_present_;
};

// Per-path paired differences (compare): deal k minus the baseline.
class PairedAccumulator {
  public:
    PairedAccumulator(std::size_t investors, std::size_t buyers)
        : equity_npv_(investors), credit_(kCredit), price_paid_(buyers), delivered_(buyers) {}
    void add(const PathResult& deal, const PathResult& base);
    void merge(const PairedAccumulator& other);
    PairedDifferences summarize() const;

  private:
    RunningMoments npv_, irr_, dscr_min_, dscr_avg_, llcr_, plcr_;
    std::vector<RunningMoments> equity_npv_;
    RunningMoments below_1_, default_, lockup_;
    // (default, EAD, loss, loss net) of the deal, then of the baseline, per path.
    static constexpr std::size_t kCredit = 8;
    CoMoments credit_;
    std::vector<RunningMoments> price_paid_, delivered_;
    std::uint64_t nonfinite_ = 0;  // paths where either deal had a non-finite metric
};

}  // namespace offtake::montecarlo
