// The simulator every stochastic model shares: exact Gaussian transitions of the
// commodity's factors over each sub-step (decay e^{-kappa dt}, shocks with the exact
// step covariance, correlated with every other factor of the file through one Cholesky
// factor per sub-step), the jump overlay, and a deterministic log level per sub-step
// (the model's real-world drift, or the risk-neutral shift). All coefficients are
// computed here once; simulate() only multiplies, adds and exponentiates.
#pragma once

#include "models/price_model_spec.hpp"
#include "prices/sobol_bridge.hpp"

#include <offtake/price_model.hpp>

#include <memory>
#include <vector>

namespace offtake {

class FactorPriceSimulator final : public PriceSimulator {
  public:
    FactorPriceSimulator(const PriceModelSpec& spec, const CommodityPriceSpec& c,
                         const TimeGrid& grid, const std::vector<double>& forward,
                         const SimulationOptions& options);

    void simulate(std::uint64_t seed, std::uint64_t path, double* prices,
                  std::vector<double>& scratch) const override;
    Measure measure() const override { return options_.measure; }
    std::string description() const override { return description_; }

    // For tests: the deterministic log level and time of sub-step s (0-based).
    double log_level(int s) const { return level_[s]; }
    double substep_time(int s) const { return time_[s]; }
    int substeps_total() const { return static_cast<int>(level_.size()); }

  private:
    SimulationOptions options_;
    std::string description_;
    int periods_ = 0;
    int m_ = 1;          // sub-steps per period
    int stride_ = 0;     // normals per sub-step in the shared layout (all factors of the file)
    int first_ = 0;      // this commodity's first factor
    int own_ = 0;        // its number of factors (1 or 2)
    int used_ = 0;       // first_ + own_: normals a sub-step actually needs
    double price0_ = 0.0;
    std::vector<double> time_;    // sub-step end times (years)
    std::vector<double> level_;   // deterministic log level per sub-step
    std::vector<double> decay_;   // [s * 2 + k]: e^{-kappa_k dt_s}
    std::vector<double> chol_;    // [(s * 2 + k) * used_ + j]: row of the step covariance factor
    // Jumps.
    bool jumps_ = false;
    double jump_mean_ = 0.0, jump_stdev_ = 0.0, jump_kappa_ = 0.0;
    std::vector<double> jump_rate_dt_;  // lambda dt_s
    std::vector<double> jump_p0_;       // e^{-lambda dt_s}
    std::vector<double> dt_;
    std::unique_ptr<SobolBridge> sobol_;
};

}  // namespace offtake
