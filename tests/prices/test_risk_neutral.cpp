// The risk-neutral shift: E[S_t] equals an arbitrary forward curve (bumpy, backwardated
// then contango) within Monte Carlo error, for every model with and without jumps, and
// the shift equals ln F - Var(ln S_t)/2 - ln E[e^{J_t}] computed here independently.
#include "price_test_util.hpp"

#include <offtake/scenario.hpp>

#include <gtest/gtest.h>

using namespace offtake;
using namespace offtake::test;

namespace {

const std::vector<double> kCurve = {14000, 12500, 11000, 10200, 11800, 13500, 13100, 16000, 15000};

std::unique_ptr<PriceSimulator> risk_neutral(const std::string& name, const std::string& yaml,
                                             bool period_average = false, bool antithetic = false) {
    auto spec = load_price_model(write_model(name, yaml));
    SimulationOptions o;
    o.measure = Measure::RiskNeutral;
    o.aggregation = period_average ? PriceAggregation::PeriodAverage : PriceAggregation::EndOfPeriod;
    o.antithetic = antithetic;
    return make_price_simulator(*spec, Commodity::LithiumCarbonate, uniform_grid(8, 0.5), kCurve, o);
}

void check_mean_matches_curve(const PriceSimulator& sim) {
    const auto logs = simulate_logs(sim, 8, 20000, 77);
    for (int t = 1; t <= 8; ++t) {
        const auto m = moments(column(logs, 8, t, true));
        EXPECT_NEAR(m.mean, kCurve[t], 4 * m.se_mean) << sim.description() << " t=" << t;
    }
    EXPECT_EQ(sim.measure(), Measure::RiskNeutral);
}

// ln E[e^{J_t}] = lambda int_0^t (exp(m e^{-ku} + s^2 e^{-2ku}/2) - 1) du by Simpson's rule.
double jump_mgf(double lam, double m, double s, double k, double t) {
    const int n = 2000;
    const double h = t / n;
    double sum = 0;
    for (int i = 0; i <= n; ++i) {
        const double u = i * h, e = std::exp(-k * u);
        const double f = std::exp(m * e + 0.5 * s * s * e * e) - 1;
        sum += f * (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2));
    }
    return lam * sum * h / 3;
}

}  // namespace

TEST(RiskNeutral, GbmMeanMatchesAnyCurve) {
    check_mean_matches_curve(*risk_neutral(
        "rn_gbm", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.2, sigma: 0.5}\n"));
}

TEST(RiskNeutral, OneFactorWithJumpsAndPeriodAverageMatchesAnyCurve) {
    check_mean_matches_curve(*risk_neutral(
        "rn_1f",
        "commodities:\n  lithium_carbonate:\n    model: schwartz1f\n    kappa: 1.1\n    alpha: 9.0\n"
        "    sigma: 0.45\n    jumps: {intensity: 0.7, mean: 0.35, stdev: 0.3}\n",
        true));
}

TEST(RiskNeutral, TwoFactorWithJumpsAntitheticMatchesAnyCurve) {
    check_mean_matches_curve(*risk_neutral(
        "rn_2f",
        "commodities:\n  lithium_carbonate:\n    model: schwartz_smith\n    kappa: 1.49\n"
        "    sigma_chi: 0.286\n    sigma_xi: 0.145\n    mu_xi: -0.0125\n    rho: 0.3\n"
        "    jumps: {intensity: 0.5, mean: -0.2, stdev: 0.25}\n",
        false, true));
}

TEST(RiskNeutral, ShiftEqualsTheAnalyticFormula) {
    // The reader's level for period s + 1 at its end date, time t = Act/365F years from
    // the first date. GBM: phi(t) = ln F(t) - sigma^2 t / 2 - lambda t (e^{m + s^2/2} - 1).
    const auto grid = uniform_grid(8, 0.5);
    auto reader_for = [&](const std::string& name, const std::string& yaml) {
        auto spec = load_price_model(write_model(name, yaml));
        auto model = std::make_shared<ScenarioModel>(spec, ScenarioCalendar(grid.dates.front(), grid.dates.back()), false);
        return std::make_pair(model, DealPriceReader(*model, Commodity::LithiumCarbonate, grid, kCurve,
                                                     Measure::RiskNeutral, PriceAggregation::EndOfPeriod, kCurve[0]));
    };
    {
        const auto [model, f] = reader_for("rn_shift_gbm",
                                "commodities:\n  lithium_carbonate:\n    model: gbm\n    mu: 0.2\n"
                                "    sigma: 0.5\n    jumps: {intensity: 0.4, mean: 0.1, stdev: 0.2}\n");
        for (int s = 0; s < 8; ++s) {
            const double t = grid.years[s + 1];
            const double phi = std::log(kCurve[s + 1]) - 0.5 * 0.25 * t -
                               0.4 * t * (std::exp(0.1 + 0.5 * 0.04) - 1);
            EXPECT_NEAR(f.log_level(s + 1), phi, 1e-12);
        }
    }
    // Schwartz-Smith with jumps on chi.
    {
        const auto [model, f] = reader_for(
            "rn_shift_2f",
            "commodities:\n  lithium_carbonate:\n    model: schwartz_smith\n    kappa: 1.49\n"
            "    sigma_chi: 0.286\n    sigma_xi: 0.145\n    mu_xi: -0.0125\n    rho: 0.3\n"
            "    jumps: {intensity: 0.5, mean: -0.2, stdev: 0.25}\n");
        const double k = 1.49, sc = 0.286, sx = 0.145, rho = 0.3;
        for (int s = 0; s < 8; ++s) {
            const double t = grid.years[s + 1];
            const double var = (1 - std::exp(-2 * k * t)) * sc * sc / (2 * k) + sx * sx * t +
                               2 * (1 - std::exp(-k * t)) * rho * sc * sx / k;
            const double phi =
                std::log(kCurve[s + 1]) - 0.5 * var - jump_mgf(0.5, -0.2, 0.25, k, t);
            EXPECT_NEAR(f.log_level(s + 1), phi, 1e-9);
        }
    }
}

TEST(RiskNeutral, PeriodAveragesMatchTheCurveExactly) {
    // With period_average the period price is a mean of month points; the shift must still
    // give E[period price] = F(t). Checked by simulation above; here the deterministic
    // limit: sigma = 0 makes every path equal to its expectation.
    auto sim = risk_neutral("rn_sigma0",
                            "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.0, sigma: 0.0}\n",
                            true);
    std::vector<double> p(9), scratch;
    sim->simulate(1, 1, p.data(), scratch);
    for (int t = 0; t <= 8; ++t) EXPECT_NEAR(p[t], kCurve[t], 1e-9 * kCurve[t]);
}

TEST(RiskNeutral, RealWorldStartsFromTodaysForwardOrTheFileSpot) {
    auto spec = load_price_model(write_model(
        "rw_spot", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.0, sigma: 0.0, spot: 9000}\n"
                   "  copper: {model: gbm, mu: 0.0, sigma: 0.0}\n"));
    SimulationOptions o;
    std::vector<double> p(9), scratch;
    make_price_simulator(*spec, Commodity::LithiumCarbonate, uniform_grid(8, 0.5), kCurve, o)
        ->simulate(1, 0, p.data(), scratch);
    EXPECT_DOUBLE_EQ(p[0], 9000.0);
    EXPECT_NEAR(p[8], 9000.0, 1e-9);
    make_price_simulator(*spec, Commodity::CopperCathode, uniform_grid(8, 0.5), kCurve, o)
        ->simulate(1, 0, p.data(), scratch);
    EXPECT_DOUBLE_EQ(p[0], kCurve[0]);
    EXPECT_NEAR(p[5], kCurve[0], 1e-9);
}

TEST(RiskNeutral, ModelTimeStartsAtTheGridsFirstDate) {
    // sigma = 0 GBM: S_t = S0 e^{mu t}, t = Act/365F years from the grid's first date
    // (whatever the grid's own `years` say): 2026-01-01 + 6, 12, 18, 24 months is 181,
    // 365, 546, 730 days.
    auto spec = load_price_model(write_model(
        "offset", "commodities:\n  copper: {model: gbm, mu: 0.1, sigma: 0.0}\n"));
    auto grid = uniform_grid(4, 0.5);
    for (auto& y : grid.years) y += 2.0;
    std::vector<double> p(5), scratch;
    make_price_simulator(*spec, Commodity::CopperCathode, grid, std::vector<double>(5, 100.0), {})
        ->simulate(1, 0, p.data(), scratch);
    const int days[5] = {0, 181, 365, 546, 730};
    for (int t = 0; t <= 4; ++t) EXPECT_NEAR(p[t], 100.0 * std::exp(0.1 * days[t] / 365.0), 1e-9);
}

// The lenders' case: the median of every period's price is the deck, the shape the
// model's. For Gaussian factors X_t (mean 0, symmetric) with ln S_t = ln D(t) + X_t,
// P(S_t <= D(t)) = 1/2 exactly; with N = 20,000 paths the share below the deck has
// binomial se sqrt(0.25 / N) = 0.0035, checked to 4 se. The spread of ln S_t is the
// model's own: its sample variance is compared with the real-world run's on the same draws,
// which differ only by a deterministic level, so the two agree to rounding.
namespace {

std::unique_ptr<PriceSimulator> simulator(const std::string& name, const std::string& yaml, Measure m) {
    auto spec = load_price_model(write_model(name, yaml));
    SimulationOptions o;
    o.measure = m;
    return make_price_simulator(*spec, Commodity::LithiumCarbonate, uniform_grid(8, 0.5), kCurve, o);
}

void check_median_is_the_deck(const std::string& name, const std::string& yaml) {
    const auto lenders = simulator(name, yaml, Measure::LendersCase);
    const auto real = simulator(name + "_rw", yaml, Measure::RealWorld);
    EXPECT_EQ(lenders->measure(), Measure::LendersCase);
    const int N = 20000;
    const auto logs = simulate_logs(*lenders, 8, N, 91);
    const auto real_logs = simulate_logs(*real, 8, N, 91);
    for (int t = 1; t <= 8; ++t) {
        const auto col = column(logs, 8, t, false);
        int below = 0;
        for (double x : col) below += x <= std::log(kCurve[t]);
        EXPECT_NEAR(below / double(N), 0.5, 4.0 * std::sqrt(0.25 / N)) << name << " t=" << t;
        const double v = moments(col).var;
        EXPECT_NEAR(v, moments(column(real_logs, 8, t, false)).var, 1e-9 * v) << name << " t=" << t;
    }
}

}  // namespace

TEST(LendersCase, GbmMedianIsTheDeck) {
    check_median_is_the_deck("lc_gbm", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.2, sigma: 0.5}\n");
}

TEST(LendersCase, TwoFactorMedianIsTheDeckWithTheModelsSpread) {
    check_median_is_the_deck("lc_2f",
                             "commodities:\n  lithium_carbonate:\n    model: schwartz_smith\n    kappa: 1.49\n"
                             "    sigma_chi: 0.286\n    sigma_xi: 0.145\n    mu_xi: -0.0125\n    rho: 0.3\n");
}
