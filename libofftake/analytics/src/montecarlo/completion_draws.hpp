// Completion risk on a path (docs/risks.md section 2): the construction capex overrun
// factor and the construction delay, drawn from RandomStream::Completion keyed by
// (seed, path, `completion:<project name>`), so one project keeps its draws whatever
// else a run holds.
#pragma once

#include <offtake/engine.hpp>

#include <cstdint>

namespace offtake::montecarlo {

class CompletionDraws {
  public:
    explicit CompletionDraws(const PreparedDeal& prepared);
    bool active() const { return active_; }
    // F = (1 + mean) e^{sigma Z - sigma^2 / 2} (lognormal, E[F] = 1 + mean); the delay,
    // with probability p, is round(min(max_share, S) x construction periods) periods,
    // S = mean_share e^{s Z' - s^2 / 2}; never more than leaves one operating period.
    void draw(std::uint64_t seed, std::uint64_t path, double& capex_factor, int& delay_periods) const;

  private:
    bool active_ = false;
    std::uint64_t identity_ = 0;
    double overrun_mean_ = 0.0, overrun_sigma_ = 0.0;
    double delay_probability_ = 0.0, delay_mean_share_ = 0.0, delay_sigma_ = 0.0, delay_max_share_ = 1.0;
    int construction_periods_ = 0, max_delay_ = 0;
};

}  // namespace offtake::montecarlo
