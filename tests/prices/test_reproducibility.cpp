// simulate() is a pure function of (seed, path): bit-identical whichever thread runs a
// path and in whatever order; antithetic pairs mirror.
#include "price_test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <random>
#include <thread>

using namespace offtake;
using namespace offtake::test;

namespace {

const char* kModel =
    "commodities:\n"
    "  lithium_carbonate:\n    model: schwartz_smith\n    kappa: 1.49\n    sigma_chi: 0.286\n"
    "    sigma_xi: 0.145\n    mu_xi: -0.0125\n    rho: 0.3\n"
    "    jumps: {intensity: 1.0, mean: 0.1, stdev: 0.3}\n"
    "  copper: {model: gbm, mu: 0.02, sigma: 0.25}\n"
    "correlation:\n  factors: [lithium_carbonate.long, copper]\n  matrix: [[1, 0.4], [0.4, 1]]\n";

constexpr int kN = 40, kPaths = 600;

std::vector<double> run(const PriceSimulator& sim, const std::vector<int>& order, int threads) {
    std::vector<double> out(static_cast<size_t>(kPaths) * (kN + 1));
    std::vector<std::thread> pool;
    for (int w = 0; w < threads; ++w)
        pool.emplace_back([&, w] {
            std::vector<double> scratch;
            for (size_t i = w; i < order.size(); i += threads)
                sim.simulate(99, order[i], &out[static_cast<size_t>(order[i]) * (kN + 1)], scratch);
        });
    for (auto& t : pool) t.join();
    return out;
}

void check_reproducible(const SimulationOptions& o) {
    auto spec = load_price_model(write_model("repro", kModel));
    auto sim = make_price_simulator(*spec, Commodity::LithiumCarbonate, uniform_grid(kN, 0.25),
                                    std::vector<double>(kN + 1, 15000.0), o);
    std::vector<int> order(kPaths);
    for (int i = 0; i < kPaths; ++i) order[i] = i;
    const auto a = run(*sim, order, 1);
    std::shuffle(order.begin(), order.end(), std::mt19937(7));
    const auto b = run(*sim, order, 4);
    std::reverse(order.begin(), order.end());
    const auto c = run(*sim, order, 3);
    EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(double)));
    EXPECT_EQ(0, std::memcmp(a.data(), c.data(), a.size() * sizeof(double)));
    // And different paths differ.
    EXPECT_NE(a[kN], a[2 * (kN + 1) + kN]);
}

}  // namespace

TEST(Reproducibility, PhiloxPathsAreBitIdenticalAcrossThreadsAndOrder) {
    check_reproducible(SimulationOptions{});
}

TEST(Reproducibility, PeriodAverageAntitheticRiskNeutral) {
    SimulationOptions o;
    o.measure = Measure::RiskNeutral;
    o.antithetic = true;
    o.aggregation = PriceAggregation::PeriodAverage;
    check_reproducible(o);
}

TEST(Reproducibility, AntitheticPairsMirror) {
    // No jumps: ln S_t = level_t + (linear in the normals), so the pair (2k, 2k+1) gives
    // deviations of opposite sign and equal size: ln a_t + ln b_t = 2 level_t is the same
    // for every pair, while ln a_t - ln b_t is not zero.
    auto spec = load_price_model(write_model(
        "anti", "commodities:\n  copper: {model: schwartz_smith, kappa: 1.49, sigma_chi: 0.286, "
                "sigma_xi: 0.145, mu_xi: -0.0125, rho: 0.3}\n"));
    SimulationOptions o;
    o.antithetic = true;
    const int n = 12;
    auto sim = make_price_simulator(*spec, Commodity::CopperCathode, uniform_grid(n, 0.25),
                                    std::vector<double>(n + 1, 9000.0), o);
    std::vector<double> a(n + 1), b(n + 1), twice_level(n + 1), scratch;
    for (int k = 0; k < 5; ++k) {
        sim->simulate(3, 2 * k, a.data(), scratch);
        sim->simulate(3, 2 * k + 1, b.data(), scratch);
        for (int t = 1; t <= n; ++t) {
            const double sum = std::log(a[t]) + std::log(b[t]);
            if (k == 0) twice_level[t] = sum;
            EXPECT_NEAR(sum, twice_level[t], 1e-11);
            EXPECT_GT(std::fabs(std::log(a[t]) - std::log(b[t])), 1e-6);
        }
    }
}

