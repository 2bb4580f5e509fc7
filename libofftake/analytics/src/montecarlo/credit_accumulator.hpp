// The lenders' statistics of a run (docs/credit.md section 5): probability of default
// annualised over the loan's life, loss given default (exposure-weighted, and
// default-weighted), expected loss as a share of the exposure at default and in money.
// Streams the co-moments of (default, exposure at default, loss, loss net) per path, and
// per antithetic pair for the standard errors of an antithetic run.
#pragma once

#include "montecarlo/co_moments.hpp"

#include <offtake/engine.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/statistics.hpp>

#include <cstdint>

namespace offtake::montecarlo {

class CreditAccumulator {
  public:
    explicit CreditAccumulator(bool antithetic = false) : antithetic_(antithetic), paths_(kQuantities), pairs_(kQuantities) {}
    // `finite`: the path's numbers are all finite (a non-finite path's default and loss
    // are not known, as for p_default).
    void add(const PathResult& r, std::uint64_t path, bool finite);
    // One tranche's (docs/credit.md section 7): its default flag, exposure and loss (the
    // loss net of a guarantee is the loss: no tranche below the senior is guaranteed).
    void add(bool defaulted, double exposure, double loss, std::uint64_t path, bool finite);
    void merge(const CreditAccumulator& o);
    // Fills pd_annual (from out.p_default, which must be set), lgd, lgd_default_weighted,
    // expected_loss, expected_loss_net and expected_loss_money; loan_years = T.
    void summarize_into(SimulationResult& out, double loan_years) const;
    // A tranche's statistics; p_default from these paths' own default flags.
    void summarize_into(TrancheStatistics& out, double loan_years, std::uint64_t nonfinite) const;

  private:
    void add_values(bool defaulted, double exposure, double loss, double loss_net, std::uint64_t path, bool finite);
    static constexpr std::size_t kQuantities = 4;  // default, EAD, loss, loss net
    bool antithetic_;
    CoMoments paths_, pairs_;
    RunningMoments loss_rate_;  // loss / EAD over the defaulted paths
    double pending_[kQuantities] = {};
    bool pending_known_ = false;
};

// Annualised PD over T years: 1 - (1 - p)^(1/T), its standard error by the delta method.
// Absent (paths = 0) when T <= 0.
Estimate annualised_pd(const Estimate& cumulative, double years);

}  // namespace offtake::montecarlo
