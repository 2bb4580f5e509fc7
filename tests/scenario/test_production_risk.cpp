// Production risk (docs/risks.md section 3, issue 14): the ramp-up and operating factors'
// laws against their closed forms, the ramp-up moving with a late COD, take-or-pay and
// shortfall penalties binding when output falls short (worked by hand), and a section of
// zeros giving the engine without it bit for bit.
#include "../montecarlo/mc_test_util.hpp"
#include "montecarlo/path_context.hpp"
#include "montecarlo/production_draws.hpp"

#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

using namespace offtake;

namespace {

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Sample moments of two columns.
struct Moments {
    double n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    void add(double x, double y) {
        n += 1; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
    }
    double mean_x() const { return sx / n; }
    double var_x() const { return (sxx - sx * sx / n) / (n - 1); }
    double corr() const {
        const double cxy = sxy - sx * sy / n, cxx = sxx - sx * sx / n, cyy = syy - sy * sy / n;
        return cxy / std::sqrt(cxx * cyy);
    }
};

// one_mine (annual, 30/360: every period exactly one year; construction in period 1,
// COD at t = 1) with `years` operating years.
Deal mine_with(int years, const ProductionRisk& risk) {
    Deal d = test::one_mine(years, 0.0);
    d.debt.reset();
    d.production_risk = risk;
    return d;
}

std::vector<double> factors(const montecarlo::ProductionDraws& draws, int n, std::uint64_t path, int delay = 0) {
    std::vector<double> f(static_cast<std::size_t>(n) + 1, -1.0);
    draws.draw(11, path, delay, f.data());
    return f;
}

}  // namespace

TEST(ProductionRisk, OperatingFactorHasMeanOneAndTheAr1Moments) {
    // x_t stationary N(0, s^2), s = 0.2, corr(x_t, x_{t+k}) = rho^k for annual periods,
    // rho = 0.6; factor e^{x - s^2/2}. With N = 20,000 paths: se of the mean factor
    // sqrt(e^{s^2} - 1) / sqrt(N) = 0.00143; se of the sample variance of ln f
    // s^2 sqrt(2 / N) = 0.0004; se of a correlation (1 - r^2) / sqrt(N) (Fisher's large-
    // sample approximation for normal data). Each checked to 4 se.
    ProductionRisk r;
    r.operating_sigma = 0.2;
    r.operating_autocorrelation = 0.6;
    const Deal d = mine_with(6, r);
    const auto p = prepare(d);
    const montecarlo::ProductionDraws draws(*p);
    ASSERT_TRUE(draws.active());
    const int N = 20000, n = grid(*p).periods();
    Moments lag1, lag2;
    double sum_f = 0.0;
    for (int path = 0; path < N; ++path) {
        const auto f = factors(draws, n, static_cast<std::uint64_t>(path));
        EXPECT_EQ(f[1], 1.0);  // construction: no factor
        sum_f += f[4];
        lag1.add(std::log(f[4]), std::log(f[5]));
        lag2.add(std::log(f[3]), std::log(f[5]));
    }
    const double s = 0.2, rho = 0.6, rn = std::sqrt(double(N));
    EXPECT_NEAR(sum_f / N, 1.0, 4.0 * std::sqrt(std::exp(s * s) - 1.0) / rn);
    EXPECT_NEAR(lag1.mean_x(), -0.5 * s * s, 4.0 * s / rn);
    EXPECT_NEAR(lag1.var_x(), s * s, 4.0 * s * s * std::sqrt(2.0 / N));
    EXPECT_NEAR(lag1.corr(), rho, 4.0 * (1.0 - rho * rho) / rn);
    EXPECT_NEAR(lag2.corr(), rho * rho, 4.0 * (1.0 - rho * rho * rho * rho) / rn);
}

TEST(ProductionRisk, QuarterlyPeriodsKeepTheOneYearAutocorrelation) {
    // Quarterly on 30/360: tau = 0.25, phi = rho^0.25 per quarter, so four quarters apart
    // the correlation is rho again (0.5 here), and one quarter apart rho^0.25 = 0.8409.
    ProductionRisk r;
    r.operating_sigma = 0.15;
    r.operating_autocorrelation = 0.5;
    Deal d = mine_with(4, r);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.construction_periods = 4;
    d.project.construction_capex = {250.0, 250.0, 250.0, 250.0};
    const auto p = prepare(d);
    const montecarlo::ProductionDraws draws(*p);
    const int N = 20000, n = grid(*p).periods();
    ASSERT_EQ(n, 20);
    Moments year, quarter;
    for (int path = 0; path < N; ++path) {
        const auto f = factors(draws, n, static_cast<std::uint64_t>(path));
        year.add(std::log(f[8]), std::log(f[12]));
        quarter.add(std::log(f[8]), std::log(f[9]));
    }
    const double rn = std::sqrt(double(N)), q = std::pow(0.5, 0.25);
    EXPECT_NEAR(year.corr(), 0.5, 4.0 * 0.75 / rn);
    EXPECT_NEAR(quarter.corr(), q, 4.0 * (1.0 - q * q) / rn);
    EXPECT_NEAR(year.var_x(), 0.15 * 0.15, 4.0 * 0.0225 * std::sqrt(2.0 / N));
}

TEST(ProductionRisk, RampUpShortfallMeanMatchesItsClosedForm) {
    // With probability p = 0.5 the depth is D = min(1, m e^{sZ - s^2/2}), m = 0.3, s = 0.6.
    // E[min(1, X)] for X lognormal with ln X ~ N(mu, s^2), mu = ln m - s^2/2:
    //   E[X; X < 1] + P(X >= 1) = m Phi((-ln m - s^2/2) / s) + Phi((ln m - s^2/2) / s).
    // Catch-up over Y = 2 years with a permanent share c = 0.25: at the middle of operating
    // year k (years 0.5, 1.5, 2.5 after COD) the open share of D is
    //   c + (1 - c) max(0, 1 - mid / Y) = 0.8125, 0.4375, 0.25,
    // so E[f_k] = 1 - p E[min(1, D)] w_k. N = 20,000 paths, tolerance 4 sample se.
    ProductionRisk r;
    r.rampup_probability = 0.5;
    r.rampup_shortfall_mean = 0.3;
    r.rampup_shortfall_sigma = 0.6;
    r.rampup_years = 2.0;
    r.rampup_permanent_share = 0.25;
    const Deal d = mine_with(5, r);
    const auto p = prepare(d);
    const montecarlo::ProductionDraws draws(*p);
    const int N = 20000, n = grid(*p).periods();
    const double m = 0.3, s = 0.6;
    const double e_depth = m * normal_cdf((-std::log(m) - 0.5 * s * s) / s) + normal_cdf((std::log(m) - 0.5 * s * s) / s);
    const double weight[] = {0.8125, 0.4375, 0.25, 0.25};
    for (int k = 0; k < 4; ++k) {
        Moments f;
        int short_paths = 0;
        for (int path = 0; path < N; ++path) {
            const auto x = factors(draws, n, static_cast<std::uint64_t>(path));
            f.add(x[2 + k], 0.0);
            short_paths += x[2 + k] < 1.0;
        }
        EXPECT_NEAR(f.mean_x(), 1.0 - 0.5 * e_depth * weight[k], 4.0 * std::sqrt(f.var_x() / N)) << "year " << k;
        EXPECT_NEAR(short_paths / double(N), 0.5, 4.0 * std::sqrt(0.25 / N));
    }
}

TEST(ProductionRisk, ALateCompletionMovesTheRampUpWithIt) {
    // Ramp-up only (no operating shock): the path's factors with a 2-period delay are its
    // factors without delay, 2 periods later; every period up to the late COD reads 1.
    ProductionRisk r;
    r.rampup_probability = 1.0;
    r.rampup_shortfall_mean = 0.4;
    r.rampup_shortfall_sigma = 0.5;
    r.rampup_years = 3.0;
    const Deal d = mine_with(8, r);
    const auto p = prepare(d);
    const montecarlo::ProductionDraws draws(*p);
    const int n = grid(*p).periods();
    for (std::uint64_t path = 0; path < 50; ++path) {
        const auto on_time = factors(draws, n, path, 0);
        const auto late = factors(draws, n, path, 2);
        for (int t = 0; t <= 3; ++t) EXPECT_EQ(late[t], 1.0);
        for (int t = 2; t + 2 <= n; ++t) EXPECT_EQ(late[t + 2], on_time[t]) << "path " << path << " t " << t;
        EXPECT_LT(on_time[2], 1.0);
    }
}

TEST(ProductionRisk, ShortOutputBindsTheFixedVolumeAndItsPenaltyButNotAShareOfOutput) {
    // one_mine(1): 10 t in operating period 2 at a flat 100, no costs, no tax, 8 % flat
    // discounting. Buyer A takes a fixed 6 t/yr at the index with a shortfall penalty of
    // 10 % of price; buyer B takes 20 % of output. The path produces half the plan (5 t):
    //   B (priority 1) contracts 0.2 x 10 x 0.5 = 1 t and gets it: no shortfall;
    //   A (priority 2) contracts 6 t, gets the 4 t left: 2 t short, penalty 0.1 x 100 x 2 = 20.
    // Revenue falls from 1000 to 500 and the penalty costs 20 more, so the project NPV
    // falls by 520 / 1.08^2 = 445.816 (period 2 ends 2 years after financial close).
    Deal d = test::one_mine(1, 0.0);
    d.debt.reset();
    Offtake a;
    a.buyer = "A";
    a.volume_tpa = 6.0;
    a.priority = 2;
    a.shortfall_penalty = 0.1;
    Offtake b;
    b.buyer = "B";
    b.share = 0.2;
    b.priority = 1;
    d.offtakes = {a, b};
    const auto p = prepare(d);
    const int n = grid(*p).periods();
    std::vector<double> prices(static_cast<std::size_t>(n) + 1, 100.0), half(static_cast<std::size_t>(n) + 1, 1.0);
    half[2] = 0.5;
    auto run = [&](const double* factor) {
        PathInputs in;
        in.price = prices.data();
        in.production_factor = factor;
        PathResult r;
        PathScratch scratch;
        run_path(*p, in, r, scratch);
        return r;
    };
    const PathResult plan = run(nullptr), short_path = run(half.data());
    EXPECT_DOUBLE_EQ(plan.buyers[0].delivered_tonnes, 6.0);
    EXPECT_FALSE(plan.buyers[0].shortfall);
    EXPECT_DOUBLE_EQ(short_path.buyers[0].contracted_tonnes, 6.0);
    EXPECT_DOUBLE_EQ(short_path.buyers[0].delivered_tonnes, 4.0);
    EXPECT_TRUE(short_path.buyers[0].shortfall);
    EXPECT_DOUBLE_EQ(short_path.buyers[1].contracted_tonnes, 1.0);
    EXPECT_DOUBLE_EQ(short_path.buyers[1].delivered_tonnes, 1.0);
    EXPECT_FALSE(short_path.buyers[1].shortfall);
    EXPECT_NEAR(plan.npv - short_path.npv, 520.0 / (1.08 * 1.08), 1e-9);
    // A factor of exactly 1 everywhere is the plan, bit for bit.
    const std::vector<double> ones(static_cast<std::size_t>(n) + 1, 1.0);
    EXPECT_EQ(run(ones.data()).npv, plan.npv);
}

TEST(ProductionRisk, ASectionOfZerosIsTheEngineWithoutItBitForBit) {
    Deal plain = test::rich_deal();
    Deal with = plain;
    with.production_risk = ProductionRisk{};  // no ramp-up shortfall, no operating shock
    auto json = [](const Deal& d) {
        MonteCarloOptions o;
        o.paths = 300;
        o.seed = 5;
        o.threads = 2;
        o.price_simulator = test::lognormal_for(d, 0.3);
        auto j = nlohmann::json::parse(to_json(simulate(d, o)));
        j.erase("seconds");
        j.erase("inputs_hash");
        return j.dump();
    };
    EXPECT_EQ(json(plain), json(with));
}

TEST(ProductionRisk, OperatingShocksMakeTheRunsMeanProductionThePlan) {
    // Through simulate: the buyers' mean delivered tonnes under a share-of-output offtake
    // are the share times the plan's tonnes (E[shock] = 1), within 4 se (sample sd from
    // the run's own per-buyer statistics is not exposed, so the bound uses the factor's
    // law: delivered = 0.2 x 10 x f per year over 3 operating years, f lognormal with
    // sd(ln f) = 0.1 and one-year autocorrelation 0.5: Var(sum) <= (3 x 2 x 0.1003)^2,
    // a conservative bound from perfect correlation, se <= 0.602 / sqrt(4000) = 0.0095).
    ProductionRisk r;
    r.operating_sigma = 0.1;
    r.operating_autocorrelation = 0.5;
    Deal d = mine_with(3, r);
    Offtake b;
    b.buyer = "B";
    b.share = 0.2;
    d.offtakes = {b};
    auto setups = montecarlo::setup_runs({d}, [&] {
        MonteCarloOptions o;
        o.paths = 4000;
        o.seed = 3;
        o.threads = 1;
        o.price_simulator = test::lognormal_for(d, 0.0);
        return o;
    }());
    montecarlo::PathContext ctx(setups[0], false);
    double sum = 0.0;
    for (int path = 0; path < 4000; ++path) sum += ctx.run(static_cast<std::uint64_t>(path)).buyers[0].delivered_tonnes;
    EXPECT_NEAR(sum / 4000.0, 6.0, 4.0 * 0.0095);
}
