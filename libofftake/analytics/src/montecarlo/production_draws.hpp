// Production risk on a path (docs/risks.md section 3): the factor on the plan's
// production in every operating period, the product of a ramp-up shortfall (one draw per
// path, `rampup:<project name>`) and an AR(1) operating shock in logs (one normal per
// operating period, `production:<project name>` keyed by the period's end date), both
// from RandomStream::Production. Keyed by name and date, so a project keeps its draws
// whatever else a run holds, and a late COD moves the ramp-up with the mine.
#pragma once

#include <offtake/engine.hpp>

#include <cstdint>
#include <vector>

namespace offtake::montecarlo {

class ProductionDraws {
  public:
    explicit ProductionDraws(const PreparedDeal& prepared);
    bool active() const { return active_; }
    // factor[t] for t = 0..n: 1 up to the path's COD (cod + delay_periods), then
    // ramp(t) x shock(t) (formulas in the header of offtake/deal.hpp's ProductionRisk).
    void draw(std::uint64_t seed, std::uint64_t path, int delay_periods, double* factor) const;

  private:
    bool active_ = false;
    std::uint64_t rampup_identity_ = 0, operating_identity_ = 0;
    double probability_ = 0.0, shortfall_mean_ = 0.0, shortfall_sigma_ = 0.0, years_ = 0.0, permanent_ = 0.0;
    double sigma_ = 0.0, autocorrelation_ = 0.0;
    int n_ = 0, cod_ = 0;
    std::vector<double> tau_;                // period length in years (the grid's)
    std::vector<std::uint64_t> date_key_;    // yyyymmdd of each period's end
};

}  // namespace offtake::montecarlo
