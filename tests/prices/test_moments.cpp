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

// `closed_form(T)` gives {mean, variance} of ln S_T; it is evaluated at the grid's last
// time on the scenario clock (Act/365F years of whole months, so a little off `horizon`).
template <class ClosedForm>
void check(const std::string& name, const std::string& yaml, double s0, double horizon, int n,
           ClosedForm closed_form) {
    auto spec = load_price_model(write_model(name, yaml));
    const auto grid = uniform_grid(n, horizon / n);
    auto sim = make_price_simulator(*spec, Commodity::LithiumCarbonate, grid,
                                    std::vector<double>(n + 1, s0), SimulationOptions{});
    const auto logs = simulate_logs(*sim, n, kPaths);
    const auto m = moments(column(logs, n, n));
    const auto [mean, var] = closed_form(grid.years[n]);
    EXPECT_NEAR(m.mean, mean, 4 * m.se_mean) << name;
    EXPECT_NEAR(m.var, var, 4 * m.se_var) << name;
    // Guard against a vacuous check: the errors are small next to the values.
    EXPECT_LT(m.se_var, 0.05 * var) << name;
}

const double S0 = 12000.0;

}  // namespace

TEST(PriceMoments, GbmLogPriceIsNormalWithItoDrift) {
    const double mu = 0.05, sigma = 0.4, horizon = 3.0;
    check("gbm",
          "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.05, sigma: 0.4}\n",
          S0, horizon, 12, [=](double T) {
              return std::pair<double, double>{std::log(S0) + (mu - 0.5 * sigma * sigma) * T,
                                               sigma * sigma * T};
          });
}

TEST(PriceMoments, OneFactorOrnsteinUhlenbeck) {
    const double k = 0.8, alpha = std::log(15000.0), sigma = 0.5, horizon = 2.5;
    check("schwartz1f",
          "commodities:\n  lithium_carbonate: {model: schwartz1f, kappa: 0.8, long_run_median: "
          "15000, sigma: 0.5}\n",
          S0, horizon, 10, [=](double T) {
              return std::pair<double, double>{std::exp(-k * T) * std::log(S0) + (1 - std::exp(-k * T)) * alpha,
                                               sigma * sigma * (1 - std::exp(-2 * k * T)) / (2 * k)};
          });
}

TEST(PriceMoments, SchwartzSmithTable2Parameters) {
    // Schwartz and Smith (2000) Table 2: kappa 1.49, sigma_chi 0.286, mu_xi -0.0125,
    // sigma_xi 0.145, rho 0.300.
    const double k = 1.49, sc = 0.286, sx = 0.145, mx = -0.0125, rho = 0.3, chi0 = 0.1, horizon = 4.0;
    const double xi0 = std::log(S0) - chi0;
    check("ss",
          "commodities:\n  lithium_carbonate: {model: schwartz_smith, kappa: 1.49, sigma_chi: "
          "0.286, sigma_xi: 0.145, mu_xi: -0.0125, mu_xi_star: 0.0115, lambda_chi: 0.157, rho: "
          "0.3, chi0: 0.1}\n",
          S0, horizon, 16, [=](double T) {
              return std::pair<double, double>{std::exp(-k * T) * chi0 + xi0 + mx * T,
                                               (1 - std::exp(-2 * k * T)) * sc * sc / (2 * k) + sx * sx * T +
              2 * (1 - std::exp(-k * T)) * rho * sc * sx / k};
          });
}

TEST(PriceMoments, GbmWithJumps) {
    const double mu = 0.03, sigma = 0.3, horizon = 2.0, lam = 1.5, jm = -0.1, js = 0.25;
    check("gbm_jumps",
          "commodities:\n  lithium_carbonate:\n    model: gbm\n    mu: 0.03\n    sigma: 0.3\n"
          "    jumps: {intensity: 1.5, mean: -0.1, stdev: 0.25}\n",
          S0, horizon, 8, [=](double T) {
              return std::pair<double, double>{std::log(S0) + (mu - 0.5 * sigma * sigma) * T + lam * jm * T,
                                               sigma * sigma * T + lam * (jm * jm + js * js) * T};
          });
}

TEST(PriceMoments, OneFactorWithRevertingJumps) {
    const double k = 1.2, alpha = 9.3, sigma = 0.35, horizon = 1.5, lam = 2.0, jm = 0.3, js = 0.2;
    check("schwartz1f_jumps",
          "commodities:\n  lithium_carbonate:\n    model: schwartz1f\n    kappa: 1.2\n"
          "    alpha: 9.3\n    sigma: 0.35\n    jumps: {intensity: 2.0, mean: 0.3, stdev: 0.2}\n",
          S0, horizon, 6, [=](double T) {
              return std::pair<double, double>{std::exp(-k * T) * std::log(S0) + (1 - std::exp(-k * T)) * alpha +
              lam * jm * (1 - std::exp(-k * T)) / k,
                                               sigma * sigma * (1 - std::exp(-2 * k * T)) / (2 * k) +
              lam * (jm * jm + js * js) * (1 - std::exp(-2 * k * T)) / (2 * k)};
          });
}

TEST(PriceMoments, SchwartzSmithWithJumpsOnTheShortTermFactor) {
    const double k = 1.49, sc = 0.286, sx = 0.145, mx = -0.0125, rho = 0.3, horizon = 3.0;
    const double lam = 0.8, jm = 0.2, js = 0.3;
    check("ss_jumps",
          "commodities:\n  lithium_carbonate:\n    model: schwartz_smith\n    kappa: 1.49\n"
          "    sigma_chi: 0.286\n    sigma_xi: 0.145\n    mu_xi: -0.0125\n    rho: 0.3\n"
          "    jumps: {intensity: 0.8, mean: 0.2, stdev: 0.3}\n",
          S0, horizon, 12, [=](double T) {
              return std::pair<double, double>{std::log(S0) + mx * T + lam * jm * (1 - std::exp(-k * T)) / k,
                                               (1 - std::exp(-2 * k * T)) * sc * sc / (2 * k) + sx * sx * T +
              2 * (1 - std::exp(-k * T)) * rho * sc * sx / k +
              lam * (jm * jm + js * js) * (1 - std::exp(-2 * k * T)) / (2 * k)};
          });
}

TEST(PriceMoments, PeriodAverageOfGbmMonthPoints) {
    // period_average: the price of a one-year period from 2026-01-01 is the mean of the
    // scenario's 12 month points, so under GBM E[average] = S0 / 12 sum_k e^{mu t_k} with
    // t_k the Act/365F time of the k-th month end: 2026-02-01 is 31 days in, then 59, 90,
    // 120, 151, 181, 212, 243, 273, 304, 334 and 365 days (written out, not from the code).
    const double mu = 0.1;
    const int days[12] = {31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
    auto spec = load_price_model(write_model(
        "gbm_avg", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.1, sigma: 0.3}\n"));
    const auto grid = uniform_grid(1, 1.0);
    SimulationOptions o;
    o.aggregation = PriceAggregation::PeriodAverage;
    auto sim = make_price_simulator(*spec, Commodity::LithiumCarbonate, grid, {S0, S0}, o);
    const auto logs = simulate_logs(*sim, 1, kPaths);
    const auto mm = moments(column(logs, 1, 1, true));
    double expected = 0;
    for (int d : days) expected += S0 * std::exp(mu * d / 365.0) / 12.0;
    EXPECT_NEAR(mm.mean, expected, 4 * mm.se_mean);
    // The average of twelve prices varies less than the year-end price: Var of the
    // year-end log price is sigma^2 = 0.09; the sample's log-variance must be well below.
    const auto ml = moments(column(logs, 1, 1));
    EXPECT_LT(ml.var, 0.6 * 0.09);
}
