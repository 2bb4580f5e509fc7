// Futures prices under the model's own risk-neutral measure against the papers' closed
// forms, typed here from the formulas:
//  Schwartz (1997) model 1: F(S, T) = exp(e^{-kT} ln S + (1 - e^{-kT}) alpha*
//                                      + sigma^2 (1 - e^{-2kT}) / (4k)), alpha* = alpha - lambda/k.
//  Schwartz-Smith (2000): ln F = e^{-kT} chi0 + xi0 + A(T), A(T) = mu_xi* T
//    - (1 - e^{-kT}) lambda_chi / k + 1/2 [(1 - e^{-2kT}) sc^2 / (2k) + sx^2 T
//    + 2 (1 - e^{-kT}) rho sc sx / k].
// Also: the risk-neutral simulation driven by that futures curve prices it back.
#include "price_test_util.hpp"

#include "prices/factor_moments.hpp"

#include <gtest/gtest.h>

using namespace offtake;
using namespace offtake::test;

TEST(Futures, OneFactorMatchesSchwartz1997) {
    auto spec = load_price_model(write_model(
        "f1", "commodities:\n  copper: {model: schwartz1f, kappa: 0.7, alpha: 9.0, sigma: 0.3, "
              "lambda: 0.12}\n"));
    const auto& c = *spec->find(Commodity::CopperCathode);
    const double k = 0.7, sigma = 0.3, astar = 9.0 - 0.12 / 0.7, S = 8500.0;
    for (double T : {0.0, 0.25, 1.0, 3.0, 10.0}) {
        const double expected = std::exp(std::exp(-k * T) * std::log(S) +
                                         (1 - std::exp(-k * T)) * astar +
                                         sigma * sigma * (1 - std::exp(-2 * k * T)) / (4 * k));
        EXPECT_NEAR(model_futures_price(*spec, c, S, T), expected, 1e-9 * expected) << T;
    }
}

TEST(Futures, TwoFactorMatchesSchwartzSmith2000Table2) {
    auto spec = load_price_model(write_model(
        "f2", "commodities:\n  copper: {model: schwartz_smith, kappa: 1.49, sigma_chi: 0.286, "
              "sigma_xi: 0.145, mu_xi: -0.0125, mu_xi_star: 0.0115, lambda_chi: 0.157, rho: 0.3, "
              "chi0: -0.15}\n"));
    const auto& c = *spec->find(Commodity::CopperConcentrate);
    const double k = 1.49, sc = 0.286, sx = 0.145, ms = 0.0115, lc = 0.157, rho = 0.3;
    const double S = 20.0, chi0 = -0.15, xi0 = std::log(S) - chi0;
    for (double T : {0.0, 0.5, 1.0, 2.0, 5.0, 9.0}) {
        const double A = ms * T - (1 - std::exp(-k * T)) * lc / k +
                         0.5 * ((1 - std::exp(-2 * k * T)) * sc * sc / (2 * k) + sx * sx * T +
                                2 * (1 - std::exp(-k * T)) * rho * sc * sx / k);
        const double expected = std::exp(std::exp(-k * T) * chi0 + xi0 + A);
        EXPECT_NEAR(model_futures_price(*spec, c, S, T), expected, 1e-9 * expected) << T;
    }
    // Long maturities: d ln F / dT -> mu_xi* + sx^2 / 2 (their discussion of A(T)).
    const double slope = std::log(model_futures_price(*spec, c, S, 31.0) /
                                  model_futures_price(*spec, c, S, 30.0));
    EXPECT_NEAR(slope, ms + 0.5 * sx * sx, 1e-9);
}

TEST(Futures, RiskNeutralSimulationPricesTheModelFuturesCurve) {
    auto spec = load_price_model(write_model(
        "f3", "commodities:\n  copper: {model: schwartz_smith, kappa: 1.49, sigma_chi: 0.286, "
              "sigma_xi: 0.145, mu_xi: -0.0125, mu_xi_star: 0.0115, lambda_chi: 0.157, rho: 0.3}\n"));
    const auto& c = *spec->find(Commodity::CopperCathode);
    const int n = 8;
    const auto grid = uniform_grid(n, 0.5);
    std::vector<double> fwd;
    for (int t = 0; t <= n; ++t) fwd.push_back(model_futures_price(*spec, c, 9000.0, 0.5 * t));
    SimulationOptions o;
    o.measure = Measure::RiskNeutral;
    auto sim = make_price_simulator(*spec, Commodity::CopperCathode, grid, fwd, o);
    const auto logs = simulate_logs(*sim, n, 20000);
    for (int t = 1; t <= n; ++t) {
        const auto m = moments(column(logs, n, t, true));
        EXPECT_NEAR(m.mean, fwd[t], 4 * m.se_mean) << t;
    }
}
