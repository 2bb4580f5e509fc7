// Mean and variance of ln S_T by simulation against closed forms written out here:
//  GBM: ln S_T ~ N(ln S0 + (mu - sigma^2/2) T, sigma^2 T).
//  Schwartz 1F: mean e^{-kT} ln S0 + (1 - e^{-kT}) alpha, var sigma^2 (1 - e^{-2kT}) / (2k).
//  Schwartz-Smith: mean e^{-kT} chi0 + xi0 + mu_xi T,
//    var (1 - e^{-2kT}) sc^2 / (2k) + sx^2 T + 2 (1 - e^{-kT}) rho sc sx / k.
//  Jumps (compound Poisson, Campbell): add lambda m (1 - e^{-kT}) / k to the mean and
//    lambda (m^2 + s^2) (1 - e^{-2kT}) / (2k) to the variance (k -> 0: lambda m T, ...).
// Tolerance: 4 Monte Carlo standard errors computed from the sample.
#include "price_test_util.hpp"

#include <gtest/gtest.h>

using namespace offtake;
using namespace offtake::test;

namespace {

constexpr int kPaths = 20000;

void check(const std::string& name, const std::string& yaml, double s0, double T, int n,
           double mean, double var, int substeps = 1) {
    auto spec = load_price_model(write_model(name, yaml));
    const auto grid = uniform_grid(n, T / n);
    SimulationOptions o;
    o.substeps_per_period = substeps;
    auto sim = make_price_simulator(*spec, Commodity::LithiumCarbonate, grid,
                                    std::vector<double>(n + 1, s0), o);
    const auto logs = simulate_logs(*sim, n, kPaths);
    const auto m = moments(column(logs, n, n));
    EXPECT_NEAR(m.mean, mean, 4 * m.se_mean) << name;
    EXPECT_NEAR(m.var, var, 4 * m.se_var) << name;
    // Guard against a vacuous check: the errors are small next to the values.
    EXPECT_LT(m.se_var, 0.05 * var) << name;
}

const double S0 = 12000.0;

}  // namespace

TEST(PriceMoments, GbmLogPriceIsNormalWithItoDrift) {
    const double mu = 0.05, sigma = 0.4, T = 3.0;
    check("gbm", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.05, sigma: 0.4}\n", S0, T,
          12, std::log(S0) + (mu - 0.5 * sigma * sigma) * T, sigma * sigma * T);
}

TEST(PriceMoments, OneFactorOrnsteinUhlenbeck) {
    const double k = 0.8, alpha = std::log(15000.0), sigma = 0.5, T = 2.5;
    check("schwartz1f",
          "commodities:\n  lithium_carbonate: {model: schwartz1f, kappa: 0.8, long_run_median: "
          "15000, sigma: 0.5}\n",
          S0, T, 10, std::exp(-k * T) * std::log(S0) + (1 - std::exp(-k * T)) * alpha,
          sigma * sigma * (1 - std::exp(-2 * k * T)) / (2 * k));
}

TEST(PriceMoments, SchwartzSmithTable2Parameters) {
    // Schwartz and Smith (2000) Table 2: kappa 1.49, sigma_chi 0.286, mu_xi -0.0125,
    // sigma_xi 0.145, rho 0.300.
    const double k = 1.49, sc = 0.286, sx = 0.145, mx = -0.0125, rho = 0.3, chi0 = 0.1, T = 4.0;
    const double xi0 = std::log(S0) - chi0;
    check("ss",
          "commodities:\n  lithium_carbonate: {model: schwartz_smith, kappa: 1.49, sigma_chi: "
          "0.286, sigma_xi: 0.145, mu_xi: -0.0125, mu_xi_star: 0.0115, lambda_chi: 0.157, rho: "
          "0.3, chi0: 0.1}\n",
          S0, T, 16, std::exp(-k * T) * chi0 + xi0 + mx * T,
          (1 - std::exp(-2 * k * T)) * sc * sc / (2 * k) + sx * sx * T +
              2 * (1 - std::exp(-k * T)) * rho * sc * sx / k);
}

TEST(PriceMoments, GbmWithJumps) {
    const double mu = 0.03, sigma = 0.3, T = 2.0, lam = 1.5, jm = -0.1, js = 0.25;
    check("gbm_jumps",
          "commodities:\n  lithium_carbonate:\n    model: gbm\n    mu: 0.03\n    sigma: 0.3\n"
          "    jumps: {intensity: 1.5, mean: -0.1, stdev: 0.25}\n",
          S0, T, 8, std::log(S0) + (mu - 0.5 * sigma * sigma) * T + lam * jm * T,
          sigma * sigma * T + lam * (jm * jm + js * js) * T);
}

TEST(PriceMoments, OneFactorWithRevertingJumps) {
    const double k = 1.2, alpha = 9.3, sigma = 0.35, T = 1.5, lam = 2.0, jm = 0.3, js = 0.2;
    check("schwartz1f_jumps",
          "commodities:\n  lithium_carbonate:\n    model: schwartz1f\n    kappa: 1.2\n"
          "    alpha: 9.3\n    sigma: 0.35\n    jumps: {intensity: 2.0, mean: 0.3, stdev: 0.2}\n",
          S0, T, 6,
          std::exp(-k * T) * std::log(S0) + (1 - std::exp(-k * T)) * alpha +
              lam * jm * (1 - std::exp(-k * T)) / k,
          sigma * sigma * (1 - std::exp(-2 * k * T)) / (2 * k) +
              lam * (jm * jm + js * js) * (1 - std::exp(-2 * k * T)) / (2 * k));
}

TEST(PriceMoments, SchwartzSmithWithJumpsOnTheShortTermFactor) {
    const double k = 1.49, sc = 0.286, sx = 0.145, mx = -0.0125, rho = 0.3, T = 3.0;
    const double lam = 0.8, jm = 0.2, js = 0.3;
    check("ss_jumps",
          "commodities:\n  lithium_carbonate:\n    model: schwartz_smith\n    kappa: 1.49\n"
          "    sigma_chi: 0.286\n    sigma_xi: 0.145\n    mu_xi: -0.0125\n    rho: 0.3\n"
          "    jumps: {intensity: 0.8, mean: 0.2, stdev: 0.3}\n",
          S0, T, 12,
          std::log(S0) + mx * T + lam * jm * (1 - std::exp(-k * T)) / k,
          (1 - std::exp(-2 * k * T)) * sc * sc / (2 * k) + sx * sx * T +
              2 * (1 - std::exp(-k * T)) * rho * sc * sx / k +
              lam * (jm * jm + js * js) * (1 - std::exp(-2 * k * T)) / (2 * k));
}

TEST(PriceMoments, PeriodAverageOfGbmSubSteps) {
    // Period price = average of m sub-step prices; under GBM with S0 and drift mu,
    // E[average] = S0 / m * sum_j e^{mu j h}, h = tau / m (written out, not from the code).
    const double mu = 0.1, tau = 1.0;
    const int m = 12;
    auto spec = load_price_model(write_model(
        "gbm_avg", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.1, sigma: 0.3}\n"));
    const auto grid = uniform_grid(1, tau);
    SimulationOptions o;
    o.substeps_per_period = m;
    auto sim = make_price_simulator(*spec, Commodity::LithiumCarbonate, grid, {S0, S0}, o);
    const auto logs = simulate_logs(*sim, 1, kPaths);
    const auto mm = moments(column(logs, 1, 1, true));
    double expected = 0;
    for (int j = 1; j <= m; ++j) expected += S0 * std::exp(mu * j * tau / m) / m;
    EXPECT_NEAR(mm.mean, expected, 4 * mm.se_mean);
}
