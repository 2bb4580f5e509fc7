// simulate() against the deterministic engine (zero volatility), against closed forms
// (a one-period deal whose default is a log-normal price below break-even), and for
// reproducibility across thread counts and cancellation.
#include "mc_test_util.hpp"

#include <offtake/deterministic.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

namespace offtake {
namespace {

void expect_all_equal(const MetricSummary& s, const std::optional<double>& truth, const char* what) {
    SCOPED_TRACE(what);
    if (!truth) {
        EXPECT_EQ(s.count, 0u);
        return;
    }
    const double tol = 1e-9 * std::max(1.0, std::abs(*truth));
    ASSERT_TRUE(s.mean.has_value());
    EXPECT_NEAR(*s.mean, *truth, tol);
    for (const auto& q : {s.p5, s.p10, s.p50, s.p90, s.p95}) EXPECT_NEAR(*q, *truth, tol);
    EXPECT_NEAR(*s.sd, 0.0, tol);
    EXPECT_EQ(s.absent, 0u);
}

TEST(Simulate, ZeroVolatilityEqualsTheDeterministicEngine) {
    Deal deal = test::rich_deal();
    deal.offtakes[0].buyer_pd.reset();                          // no random defaults
    deal.sustainability_linked_margin->kpis[0].probability_met.reset();  // the plan
    const std::string model = test::write_file(
        "zero_vol.yaml", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.0, sigma: 0.0}\n");
    MonteCarloOptions o;
    o.paths = 300;
    o.threads = 2;
    o.price_model_path = model;
    o.measure = Measure::RiskNeutral;
    const auto r = simulate(deal, o);
    const auto det = run_deterministic(deal);
    const auto& m = det.metrics;
    EXPECT_EQ(r.paths, 300u);
    EXPECT_EQ(r.measure, "risk_neutral");
    expect_all_equal(r.npv, m.npv, "npv");
    expect_all_equal(r.irr, m.irr, "irr");
    expect_all_equal(r.dscr_min, m.dscr_min, "dscr_min");
    expect_all_equal(r.dscr_avg, m.dscr_avg, "dscr_avg");
    expect_all_equal(r.llcr, m.llcr, "llcr");
    expect_all_equal(r.plcr, m.plcr, "plcr");
    ASSERT_EQ(r.equity_npv.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        expect_all_equal(r.equity_npv[i], m.equity_npv[i], "equity_npv");
        expect_all_equal(r.equity_irr[i], m.equity_irr[i], "equity_irr");
    }
    EXPECT_EQ(r.p_default.value, m.payment_default ? 1.0 : 0.0);
    EXPECT_EQ(r.p_lockup.value, m.lockup ? 1.0 : 0.0);
    EXPECT_EQ(r.p_dscr_below_1.value, (m.dscr_min && *m.dscr_min < 1.0) ? 1.0 : 0.0);
    EXPECT_NEAR(r.expected_loss.value, m.peak_debt > 0 ? m.lender_loss / m.peak_debt : 0.0, 1e-12);
    EXPECT_EQ(r.p_default.standard_error, 0.0);
    ASSERT_EQ(r.buyers.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& b = r.buyers[i];
        const auto& d = det.buyers[i];
        EXPECT_NEAR(*b.delivered_tonnes.mean, d.delivered_tonnes, 1e-9 * d.delivered_tonnes);
        EXPECT_NEAR(*b.delivered_tonnes.p5, d.delivered_tonnes, 1e-9 * d.delivered_tonnes);
        EXPECT_NEAR(*b.price_paid.mean, d.average_price, 1e-9 * d.average_price);
        EXPECT_NEAR(*b.spot_price.mean, d.average_spot_price, 1e-9 * d.average_spot_price);
        EXPECT_NEAR(*b.prepayment_recovered.mean, d.prepayment_recovered, 1e-6);
        EXPECT_EQ(b.p_shortfall.value, d.shortfall ? 1.0 : 0.0);
    }
    // Bands: every path is the deck, so P5 = P50 = P95 = the deterministic period line.
    const int n = static_cast<int>(det.periods.size()) - 1;
    ASSERT_EQ(r.bands.price.size(), static_cast<std::size_t>(n));
    for (int t = 1; t <= n; ++t) {
        const auto& row = det.periods[static_cast<std::size_t>(t)];
        const auto& price = r.bands.price[static_cast<std::size_t>(t - 1)];
        EXPECT_NEAR(*price.p5, row.price, 1e-9 * row.price);
        EXPECT_NEAR(*price.p95, row.price, 1e-9 * row.price);
        EXPECT_NEAR(*r.bands.cfads[static_cast<std::size_t>(t - 1)].p50, row.cfads, 1e-6 * std::max(1.0, std::abs(row.cfads)));
        if (row.has_dscr && row.dscr != 0.0)
            EXPECT_NEAR(*r.bands.dscr[static_cast<std::size_t>(t - 1)].p50, row.dscr, 1e-9 * std::abs(row.dscr));
    }
    ASSERT_TRUE(r.bankability.has_value());
    EXPECT_FALSE(r.bankability->category.empty());
    EXPECT_EQ(r.inputs_hash.size(), 16u);
}

// One construction year, one operating year: debt 500 at 5 % repaid in one installment of
// 525 at the end of year 2; CFADS = 10 t x S_2 with no costs, no tax and no DSRA, so
// payment default <=> 10 S_2 < 525 <=> S_2 < 52.5, and min DSCR = 10 S_2 / 525.
// With ln(S_2 / 100) ~ N(-sigma^2 T / 2, sigma^2 T), T = 2 years:
//   P(default) = Phi((ln(52.5 / 100) + sigma^2 T / 2) / (sigma sqrt(T))).
TEST(Simulate, OnePeriodDefaultProbabilityMatchesTheLogNormalClosedForm) {
    const Deal deal = test::one_mine(1, 0.5);
    const double sigma = 0.4, T = 2.0;
    MonteCarloOptions o;
    o.paths = 4000;
    o.threads = 2;
    o.price_simulator = test::lognormal_for(deal, sigma);
    const auto r = simulate(deal, o);
    boost::math::normal_distribution<double> N;
    auto p_below = [&](double price) {
        return boost::math::cdf(N, (std::log(price / 100.0) + 0.5 * sigma * sigma * T) / (sigma * std::sqrt(T)));
    };
    const double p_default = p_below(52.5);
    const double p_covenant = p_below(1.2 * 52.5);
    const double se = std::sqrt(p_default * (1 - p_default) / 4000.0);
    EXPECT_NEAR(r.p_default.value, p_default, 4 * se);
    EXPECT_NEAR(r.p_default.standard_error, se, 0.1 * se);
    // The same event, path by path.
    EXPECT_EQ(r.p_dscr_below_1.value, r.p_default.value);
    EXPECT_NEAR(r.p_dscr_below_covenant.value, p_covenant, 4 * std::sqrt(p_covenant * (1 - p_covenant) / 4000.0));
    // E[min DSCR] = 10 E[S_2] / 525 = 1000 / 525 (the price has mean 100).
    EXPECT_NEAR(*r.dscr_min.mean, 1000.0 / 525.0, 4 * *r.dscr_min.standard_error);
    // Median: 10 x 100 exp(-sigma^2 T / 2) / 525.
    EXPECT_NEAR(*r.dscr_min.p50, 1000.0 * std::exp(-0.5 * sigma * sigma * T) / 525.0, 0.05);
}

bool same_bits(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || std::memcmp(&*a, &*b, sizeof(double)) == 0;
}

void expect_same(const MetricSummary& a, const MetricSummary& b, const char* what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(a.count, b.count);
    EXPECT_EQ(a.absent, b.absent);
    for (auto [x, y] : {std::pair{a.mean, b.mean}, {a.sd, b.sd}, {a.standard_error, b.standard_error}, {a.p5, b.p5},
                        {a.p10, b.p10}, {a.p50, b.p50}, {a.p90, b.p90}, {a.p95, b.p95}})
        EXPECT_TRUE(same_bits(x, y));
}

TEST(Simulate, OneAndTwoThreadsGiveTheSameBits) {
    const Deal deal = test::rich_deal();  // random prices, buyer default, stochastic KPI
    MonteCarloOptions o;
    o.paths = 2 * kBlockPaths + 300;
    o.price_simulator = test::lognormal_for(deal, 0.5);
    o.threads = 1;
    const auto one = simulate(deal, o);
    o.threads = 2;
    const auto two = simulate(deal, o);
    EXPECT_EQ(two.threads, 2);
    expect_same(one.npv, two.npv, "npv");
    expect_same(one.irr, two.irr, "irr");
    expect_same(one.dscr_min, two.dscr_min, "dscr_min");
    expect_same(one.llcr, two.llcr, "llcr");
    expect_same(one.equity_irr[1], two.equity_irr[1], "equity_irr");
    expect_same(one.buyers[0].price_paid, two.buyers[0].price_paid, "price_paid");
    EXPECT_EQ(one.p_default.value, two.p_default.value);
    EXPECT_TRUE(same_bits(one.expected_loss.value, two.expected_loss.value));
    EXPECT_EQ(one.buyers[0].p_default.value, two.buyers[0].p_default.value);
    for (std::size_t t = 0; t < one.bands.cash_balance.size(); ++t)
        EXPECT_TRUE(same_bits(one.bands.cash_balance[t].p50, two.bands.cash_balance[t].p50));
    EXPECT_EQ(one.inputs_hash, two.inputs_hash);
    // The run is not degenerate: prices, defaults and KPIs vary.
    EXPECT_GT(*one.npv.sd, 0.0);
    EXPECT_GT(one.buyers[0].p_default.value, 0.0);
}

TEST(Simulate, CancellationKeepsAReproduciblePrefix) {
    const Deal deal = test::one_mine(3);
    MonteCarloOptions o;
    o.paths = 12 * kBlockPaths;
    o.threads = 2;
    o.price_simulator = test::lognormal_for(deal, 0.3);
    o.progress = [](std::uint64_t done, std::uint64_t) {
        return done >= 2 * kBlockPaths ? ProgressAction::Stop : ProgressAction::Continue;
    };
    const auto cut = simulate(deal, o);
    EXPECT_TRUE(cut.cancelled);
    EXPECT_EQ(cut.paths_requested, 12 * kBlockPaths);
    ASSERT_LT(cut.paths, 12 * kBlockPaths);
    EXPECT_EQ(cut.paths % kBlockPaths, 0u);
    o.progress = nullptr;
    o.paths = cut.paths;
    const auto full = simulate(deal, o);
    EXPECT_FALSE(full.cancelled);
    // Moments repeat to the bit. (Quantiles do too within their mode, but the mode, exact
    // or sketch, follows the paths requested: 12 blocks here, fewer in the prefix run.)
    EXPECT_EQ(cut.npv.count, full.npv.count);
    EXPECT_TRUE(same_bits(cut.npv.mean, full.npv.mean));
    EXPECT_TRUE(same_bits(cut.npv.sd, full.npv.sd));
    EXPECT_TRUE(same_bits(cut.dscr_min.mean, full.dscr_min.mean));
    EXPECT_EQ(cut.p_default.value, full.p_default.value);
}

TEST(Simulate, BuyerDefaultFrequencyFollowsTheHazard) {
    // Buyer PD 10 %/yr over the 4 years to the end of the deal:
    // P(default by year 4) = 1 - exp(-h 4) = 1 - 0.9^4, h = -ln(0.9).
    Deal deal = test::one_mine(3);
    Offtake o = {};
    o.buyer = "b";
    o.volume_tpa = 5.0;
    o.pricing.type = Pricing::Type::Index;
    o.buyer_pd = 0.10;
    deal.offtakes = {o};
    MonteCarloOptions opt;
    opt.paths = 4000;
    opt.threads = 2;
    opt.price_simulator = test::lognormal_for(deal, 0.2);
    const auto r = simulate(deal, opt);
    const double p = 1.0 - std::pow(0.9, 4.0);
    const double se = std::sqrt(p * (1 - p) / 4000.0);
    EXPECT_NEAR(r.buyers[0].p_default.value, p, 4 * se);
}

TEST(Simulate, ErrorsForMissingModelAndBadOptions) {
    const Deal deal = test::one_mine();
    EXPECT_THROW(simulate(deal, MonteCarloOptions{}), UsageError);  // no price model anywhere
    MonteCarloOptions o;
    o.price_simulator = test::lognormal_for(deal, 0.2);
    o.paths = 0;
    EXPECT_THROW(simulate(deal, o), UsageError);
}

}  // namespace
}  // namespace offtake

namespace offtake {
namespace {

// Antithetic pairs: the standard error comes from pair means. One-period deal, risk
// neutral GBM: E[S_2] = 100 (the deck), so E[NPV] = -1000 / 1.08 + 10 x 100 / 1.08^2
// (capex at year 1, revenue at year 2, 8 % annual, 30/360).
TEST(Simulate, AntitheticErrorsComeFromPairMeans) {
    const Deal deal = test::one_mine(1, 0.5);
    const std::string model = test::write_file(
        "anti.yaml", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.0, sigma: 0.3}\n");
    MonteCarloOptions o;
    o.paths = 2000;
    o.threads = 2;
    o.price_model_path = model;
    o.measure = Measure::RiskNeutral;
    o.antithetic = true;
    const auto anti = simulate(deal, o);
    const double expected = -1000.0 / 1.08 + 1000.0 / (1.08 * 1.08);
    const double naive = *anti.npv.sd / std::sqrt(2000.0);
    ASSERT_TRUE(anti.npv.standard_error.has_value());
    // NPV is increasing in the price: mirrored pairs are negatively correlated.
    EXPECT_LT(*anti.npv.standard_error, 0.8 * naive);
    EXPECT_NEAR(*anti.npv.mean, expected, 4 * *anti.npv.standard_error);
    EXPECT_TRUE(anti.antithetic);
}

// Per-buyer and per-investor errors of an antithetic run come from pair means too. One
// buyer takes all output at the index: its price paid is S_T with T = 2 years, risk
// neutral GBM, sigma 0.3, so ln(S_T / 100) ~ N(-v / 2, v), v = sigma^2 T = 0.18, and
//   Var S_T = 100^2 (e^v - 1),  Corr(S_T(Z), S_T(-Z)) = (e^-v - 1) / (e^v - 1) = rho.
// A mean over n paths in n / 2 mirrored pairs has variance Var S_T (1 + rho) / n: the
// reported error must match that closed form (0.570 at n = 1000, against 1.40 from the
// independent formula), and the spread of the means over independent seeds.
TEST(Simulate, AntitheticBuyerAndInvestorErrorsComeFromPairMeans) {
    Deal deal = test::one_mine(1, 0.5);
    Offtake o;
    o.buyer = "cathode maker";
    o.share = 1.0;
    o.pricing.type = Pricing::Type::Index;
    deal.offtakes = {o};
    const std::string model = test::write_file(
        "anti_buyer.yaml", "commodities:\n  lithium_carbonate: {model: gbm, mu: 0.0, sigma: 0.3}\n");
    const int runs = 40;
    const std::uint64_t paths = 1000;
    const double v = 0.3 * 0.3 * 2.0;
    const double rho = std::expm1(-v) / std::expm1(v);
    const double closed_form = std::sqrt(1e4 * std::expm1(v) * (1 + rho) / static_cast<double>(paths));
    RunningMoments price_means, price_errors, equity_means, equity_errors;
    for (int k = 0; k < runs; ++k) {
        MonteCarloOptions mc;
        mc.paths = paths;
        mc.threads = 1;
        mc.seed = 1000 + static_cast<std::uint64_t>(k);
        mc.price_model_path = model;
        mc.measure = Measure::RiskNeutral;
        mc.antithetic = true;
        mc.collect_bands = false;
        const auto r = simulate(deal, mc);
        ASSERT_EQ(r.buyers.size(), 1u);
        const auto& paid = r.buyers[0].price_paid;
        ASSERT_TRUE(paid.mean && paid.standard_error);
        price_means.add(*paid.mean);
        price_errors.add(*paid.standard_error);
        ASSERT_EQ(r.equity_npv.size(), 1u);
        equity_means.add(*r.equity_npv[0].mean);
        equity_errors.add(*r.equity_npv[0].standard_error);
    }
    // The average reported error estimates the closed form. A pair mean here behaves like
    // a scaled chi-square (kurtosis ~ 15), so one run's error has relative noise
    // sqrt((15 - 1) / (4 x 500)) = 8 % and bias (15 - 1) / (8 x 500) = 0.4 %; averaged
    // over 40 runs, 1.3 %: 6 % is more than four of those.
    EXPECT_NEAR(price_errors.mean(), closed_form, 0.06 * closed_form);
    // Over 40 independent runs the sample sd of the means has relative error about
    // 1 / sqrt(2 x 39) = 11 %: three of those bound the ratio. The independent formula
    // would give a ratio near 1 / sqrt(1 + rho) = 2.5 and fail.
    EXPECT_NEAR(price_errors.mean() / price_means.standard_deviation(), 1.0, 0.35);
    EXPECT_NEAR(equity_errors.mean() / equity_means.standard_deviation(), 1.0, 0.35);
}

}  // namespace
}  // namespace offtake
