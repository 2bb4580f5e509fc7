// Per-tranche statistics of a Monte Carlo run (docs/credit.md section 7) against the
// log-normal closed form of a one-period deal.
//   One construction year, one operating year: senior 500 at 5 %, due 525 at the end of
//   year 2; a mezzanine tranche of 30 % of capex = 300 at 12 %, bullet, due 336 then.
//   CFADS = 10 S_2 (no costs, no tax, no DSRA). The senior defaults iff 10 S_2 < 525; the
//   mezzanine (paid from what is left, or cross-defaulted) iff 10 S_2 < 861. Period 2 is
//   the mine's last: what the mezzanine is not paid is lost, so its LGD is exactly 1 and
//   its loss on a path is 336 - max(0, 10 S_2 - 525) when 10 S_2 < 861.
//   With ln(S_2 / 100) ~ N(-sigma^2 T / 2, sigma^2 T), T = 2:
//     P(S < K) = Phi(d(K)), d(K) = (ln(K / 100) + sigma^2 T / 2) / (sigma sqrt T),
//     E[S 1{S < K}] = 100 Phi(d(K) - sigma sqrt T),
//   so E[loss] = 861 P(S < 86.1) - 10 E[S 1{S < 86.1}] - (861 - 336) P(S < 52.5)
//                + 10 E[S 1{S < 52.5}]   (below 52.5 the loss is the whole 336).
#include "mc_test_util.hpp"

#include <offtake/errors.hpp>
#include <offtake/metric_catalogue.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>

#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

namespace offtake {
namespace {

Deal with_mezzanine() {
    Deal deal = test::one_mine(1, 0.5);
    DebtTranche t;
    t.name = "mezzanine";
    t.priority = DebtTranche::Priority::Subordinated;
    t.gearing = 0.3;
    t.tenor_years = 1;
    t.profile = DebtTranche::Profile::Bullet;
    t.base_rate = 0.12;
    deal.debt->tranches.push_back(t);
    return deal;
}

TEST(TrancheStatistics, OnePeriodMezzanineMatchesTheLogNormalClosedForm) {
    const Deal deal = with_mezzanine();
    const double sigma = 0.4, T = 2.0;
    const std::uint64_t paths = 4000;
    MonteCarloOptions o;
    o.paths = paths;
    o.threads = 2;
    o.price_simulator = test::lognormal_for(deal, sigma);
    const SimulationResult r = simulate(deal, o);
    boost::math::normal_distribution<double> N;
    const double s = sigma * std::sqrt(T);
    auto d = [&](double k) { return (std::log(k / 100.0) + 0.5 * sigma * sigma * T) / s; };
    auto p_below = [&](double k) { return boost::math::cdf(N, d(k)); };
    auto partial_mean = [&](double k) { return 100.0 * boost::math::cdf(N, d(k) - s); };

    ASSERT_EQ(r.tranches.size(), 2u);
    EXPECT_EQ(r.tranches[0].name, "senior");
    EXPECT_EQ(r.tranches[0].priority, "senior");
    EXPECT_EQ(r.tranches[1].name, "mezzanine");
    EXPECT_EQ(r.tranches[1].priority, "subordinated");
    // The senior's figures are the deal's.
    EXPECT_EQ(r.tranches[0].p_default.value, r.p_default.value);
    EXPECT_EQ(r.tranches[0].expected_loss.value, r.expected_loss.value);
    const double p_senior = p_below(52.5), p_mezz = p_below(86.1);
    EXPECT_NEAR(r.p_default.value, p_senior, 4 * std::sqrt(p_senior * (1 - p_senior) / paths));
    const TrancheStatistics& m = r.tranches[1];
    const double se = std::sqrt(p_mezz * (1 - p_mezz) / paths);
    EXPECT_NEAR(m.p_default.value, p_mezz, 4 * se);
    EXPECT_NEAR(m.p_default.standard_error, se, 0.1 * se);
    // Everything the mezzanine is owed at the end of the mine life is lost.
    EXPECT_NEAR(m.lgd.value, 1.0, 1e-12);
    EXPECT_NEAR(m.lgd_default_weighted.value, 1.0, 1e-12);
    EXPECT_NEAR(m.expected_loss.value, m.p_default.value, 1e-12);
    const double loss = 861.0 * p_mezz - 10.0 * partial_mean(86.1) - 525.0 * p_senior + 10.0 * partial_mean(52.5);
    EXPECT_NEAR(m.expected_loss_money.value, loss, 4 * m.expected_loss_money.standard_error);
    // Annualised over the mezzanine's life, financial close to its maturity: 2 years.
    EXPECT_DOUBLE_EQ(m.loan_years, 2.0);
    EXPECT_NEAR(m.pd_annual.value, 1.0 - std::sqrt(1.0 - m.p_default.value), 1e-12);
    // Total DSCR = 10 S_2 / 861 on every path: its mean is 1000 / 861.
    ASSERT_TRUE(r.dscr_total_min.mean);
    EXPECT_NEAR(*r.dscr_total_min.mean, 1000.0 / 861.0, 4 * *r.dscr_total_min.standard_error);

    // Through the catalogue and into the JSON: tranches[1].expected_loss.
    const MetricEntry* el = find_metric("expected_loss", MetricScope::Tranche);
    ASSERT_NE(el, nullptr);
    EXPECT_EQ(metric_name(*el, 1), "tranches[1].expected_loss");
    const auto stat = monte_carlo_statistics(*el, r, 1);
    ASSERT_TRUE(stat && stat->mean);
    EXPECT_EQ(*stat->mean, m.expected_loss.value);
    const auto json = nlohmann::json::parse(to_json(r, &deal));
    ASSERT_TRUE(json.contains("tranches"));
    EXPECT_EQ(json["tranches"][1]["name"], "mezzanine");
    EXPECT_DOUBLE_EQ(json["tranches"][1]["p_default"]["mean"].get<double>(), m.p_default.value);
    EXPECT_DOUBLE_EQ(json["tranches"][1]["lgd"]["mean"].get<double>(), m.lgd.value);
}

// Without tranches: no tranche statistics, no total DSCR, and no tranche key in the JSON.
TEST(TrancheStatistics, NoneWithoutTranches) {
    const Deal deal = test::one_mine(1, 0.5);
    MonteCarloOptions o;
    o.paths = 200;
    o.price_simulator = test::lognormal_for(deal, 0.4);
    const SimulationResult r = simulate(deal, o);
    EXPECT_TRUE(r.tranches.empty());
    const auto json = nlohmann::json::parse(to_json(r, &deal));
    EXPECT_FALSE(json.contains("tranches"));
    EXPECT_FALSE(json.contains("dscr_total_min"));
    EXPECT_TRUE(tranche_names(deal).empty());
}

// size-debt --tranche: the mezzanine sized on the P10 of the total DSCR, the senior held.
// Total DSCR = 10 S_2 / (525 + 300 g / 0.3 x 1.12), the mezzanine's service due 1.12 x its
// COD balance 1000 g: P10 of 10 S_2 is 1000 exp(-sigma^2 T / 2 + z_0.1 sigma sqrt T); the
// largest g with P10 / (525 + 1120 g) >= 1.0 is g* = (P10 - 525) / 1120.
TEST(TrancheStatistics, SizeDebtSizesTheNamedTranche) {
    const Deal deal = with_mezzanine();
    const double sigma = 0.2, T = 2.0;
    MonteCarloOptions o;
    o.paths = 4000;
    o.threads = 2;
    o.price_simulator = test::lognormal_for(deal, sigma);
    DebtSizingOptions sizing;
    sizing.target_dscr = 1.0;
    sizing.dscr_percentile = 0.10;
    sizing.tranche = "mezzanine";
    const DebtSizingResult s = size_debt(deal, sizing, o);
    boost::math::normal_distribution<double> N;
    const double p10 = 1000.0 * std::exp(-0.5 * sigma * sigma * T + boost::math::quantile(N, 0.10) * sigma * std::sqrt(T));
    const double g = (p10 - 525.0) / 1120.0;
    EXPECT_TRUE(s.feasible);
    EXPECT_EQ(s.tranche, "mezzanine");
    // The sample P10 of X = 10 S_2 has a standard error of sqrt(0.1 x 0.9 / n) / f_X(P10),
    // f_X(q) = phi(z_0.1) / (q sigma sqrt T): 0.0076 x P10 here; 4 of them, in g.
    const double z = boost::math::quantile(N, 0.10);
    const double phi = boost::math::pdf(N, z);
    const double p10_se = std::sqrt(0.09 / 4000.0) * p10 * sigma * std::sqrt(T) / phi;
    EXPECT_NEAR(s.gearing, g, 4 * p10_se / 1120.0);
    EXPECT_NEAR(s.debt, s.gearing * 1000.0, 1e-9);
    EXPECT_THROW(
        [&] {
            DebtSizingOptions bad = sizing;
            bad.tranche = "no such tranche";
            size_debt(deal, bad, o);
        }(),
        UsageError);
}

}  // namespace
}  // namespace offtake
