// What a path draws besides prices: counterparties' default dates and sustainability-KPI
// outcomes, from the counter-based streams RandomStream::BuyerDefaults and ::Kpis keyed
// by (seed, path, name): a buyer's default uniform is keyed by the buyer's name, so a
// buyer holding several offtakes, or offtakes in several deals of a run, defaults on one
// date (given one PD); a KPI's by "project/KPI" (docs/scenarios.md section 6).
#pragma once

#include <offtake/engine.hpp>

#include <cstdint>
#include <vector>

namespace offtake::montecarlo {

class PathDraws {
  public:
    // `origin`: the scenario's first date; default times count from it.
    PathDraws(const PreparedDeal& prepared, const QuantLib::Date& origin);

    bool has_defaults() const { return has_defaults_; }
    bool has_kpis() const { return has_kpis_; }

    // Conventions section 4: default time tau = -ln(U) / h with hazard h = -ln(1 - PD)
    // per year, in Act/365F years from the scenario origin; the buyer is in default from
    // the first period whose end date is at or after tau; n + 1 when tau is past the last
    // period.
    void buyer_defaults(std::uint64_t seed, std::uint64_t path, int* first_default_period) const;
    // With a counterparty_dependence section (docs/risks.md section 3b) U = Phi(-X), X =
    // sqrt(rho) M + sqrt(1 - rho) Z: M keyed by the factor's name, Z by the buyer's.
    // Stochastic KPIs meet each SPT with their probability_met; planned KPIs follow the plan.
    void kpi_outcomes(std::uint64_t seed, std::uint64_t path, unsigned char* met) const;

    std::size_t buyers() const { return hazard_.size(); }
    std::size_t kpi_slots() const { return plan_met_.size(); }

  private:
    std::vector<double> hazard_;           // per offtake, per year; 0: no default risk
    std::vector<std::uint64_t> identity_;  // per offtake: its buyer's name hashed
    std::vector<double> years_;            // Act/365F years from the origin to d_t, t = 0..n
    std::vector<std::uint64_t> kpi_identity_;  // per KPI: "project/KPI" hashed
    int n_ = 0;
    int kpis_ = 0, tests_ = 0;
    std::vector<double> probability_met_;  // per KPI; < 0: planned
    std::vector<unsigned char> plan_met_;  // kpi * tests + k
    bool has_defaults_ = false, has_kpis_ = false;
    bool copula_ = false;                  // counterparty_dependence given
    double loading_ = 0.0, idiosyncratic_ = 1.0;  // sqrt(rho), sqrt(1 - rho)
    std::uint64_t systematic_identity_ = 0;       // "systematic:<factor>" hashed
};

}  // namespace offtake::montecarlo
