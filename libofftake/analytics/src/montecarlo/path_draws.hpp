// What a path draws besides prices: buyers' default periods and sustainability-KPI
// outcomes, from the counter-based streams RandomStream::BuyerDefaults and ::Kpis keyed
// by (seed, path), so that the same path of two deals (compare, sizing) sees the same
// defaults and KPI outcomes.
#pragma once

#include <offtake/engine.hpp>

#include <cstdint>
#include <vector>

namespace offtake::montecarlo {

class PathDraws {
  public:
    explicit PathDraws(const PreparedDeal& prepared);

    bool has_defaults() const { return has_defaults_; }
    bool has_kpis() const { return has_kpis_; }

    // Conventions section 4: default time tau = -ln(U) / h with hazard h = -ln(1 - PD)
    // per year; the buyer is in default from the first period whose end date is at or
    // after tau (years from financial close); n + 1 when tau is past the last period.
    void buyer_defaults(std::uint64_t seed, std::uint64_t path, int* first_default_period) const;
    // Stochastic KPIs meet each SPT with their probability_met; planned KPIs follow the plan.
    void kpi_outcomes(std::uint64_t seed, std::uint64_t path, unsigned char* met) const;

    std::size_t buyers() const { return hazard_.size(); }
    std::size_t kpi_slots() const { return plan_met_.size(); }

  private:
    std::vector<double> hazard_;           // per offtake, per year; 0: no default risk
    std::vector<double> years_;            // T(d_t), t = 0..n
    int n_ = 0;
    int kpis_ = 0, tests_ = 0;
    std::vector<double> probability_met_;  // per KPI; < 0: planned
    std::vector<unsigned char> plan_met_;  // kpi * tests + k
    bool has_defaults_ = false, has_kpis_ = false;
};

}  // namespace offtake::montecarlo
