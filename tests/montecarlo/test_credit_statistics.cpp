// Credit as lenders measure it (docs/credit.md section 5): PD cumulative and annualised,
// LGD exposure- and default-weighted, expected loss as PD x LGD and in money, the implied
// rating. A hand-computed set of paths, then a deal whose default, exposure and loss are
// functions of one log-normal price, so every statistic has a closed form.
#include "io/ratings.hpp"
#include "mc_test_util.hpp"
#include "montecarlo/co_moments.hpp"
#include "montecarlo/credit_accumulator.hpp"

#include <offtake/montecarlo.hpp>

#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

PathResult path(bool defaulted, double ead, double loss) {
    PathResult r;
    r.payment_default = defaulted;
    r.exposure_at_default = ead;
    r.lender_loss = loss;
    r.lender_loss_net = 0.5 * loss;
    return r;
}

}  // namespace

TEST(CreditStatistics, HandComputedPaths) {
    // Ten paths: three default, with (EAD, loss) = (200, 50), (100, 0), (300, 150).
    //   PD = 3 / 10; LGD exposure-weighted = 200 / 600 = 1/3; default-weighted =
    //   (0.25 + 0 + 0.5) / 3 = 0.25; EL = PD x LGD = 0.1 (= 200 / 10 / (600 / 3));
    //   EL money = 200 / 10 = 20; net: half of each loss, EL net = 0.05.
    // Standard errors (delta method over the 10 paths):
    //   EL money: losses 50, 0, 150 and seven 0, mean 20; sum of squared deviations
    //     30^2 + 20^2 + 130^2 + 7 x 20^2 = 21000; se = sqrt(21000 / 9 / 10) = 15.275.
    //   LGD: residuals L - E / 3 = -16.667, -33.333, 50 (others 0), mean 0; sum of squares
    //     277.78 + 1111.11 + 2500 = 3888.89; se = sqrt(3888.89 / 9 / 10) / mean(E) (60).
    // Over T = 4 years: PD annual = 1 - 0.7^(1/4) = 0.085309..., between the B/CCC
    // boundary sqrt(0.0376 x 0.2678) = 0.1003 and the BB/B one, 0.01645: "B".
    montecarlo::CreditAccumulator a, b;
    const PathResult rows[] = {path(true, 200, 50), path(false, 0, 0), path(true, 100, 0), path(false, 0, 0),
                               path(false, 0, 0),   path(true, 300, 150), path(false, 0, 0), path(false, 0, 0),
                               path(false, 0, 0),   path(false, 0, 0)};
    // Two blocks merged: the same numbers as one stream.
    for (std::uint64_t i = 0; i < 10; ++i) (i < 4 ? a : b).add(rows[i], i, true);
    a.merge(b);
    SimulationResult out;
    out.p_default = Estimate{0.3, std::sqrt(0.3 * 0.7 / 10), 10, 0};
    a.summarize_into(out, 4.0);
    EXPECT_NEAR(out.lgd.value, 1.0 / 3.0, 1e-12);
    EXPECT_EQ(out.lgd.paths, 3u);
    EXPECT_NEAR(out.lgd.standard_error, std::sqrt(3888.8889 / 90.0) / 60.0, 1e-6);
    EXPECT_NEAR(out.lgd_default_weighted.value, 0.25, 1e-12);
    EXPECT_NEAR(out.expected_loss.value, 0.1, 1e-12);
    EXPECT_NEAR(out.expected_loss_net.value, 0.05, 1e-12);
    EXPECT_NEAR(out.expected_loss_money.value, 20.0, 1e-12);
    EXPECT_NEAR(out.expected_loss_money.standard_error, std::sqrt(21000.0 / 90.0), 1e-9);
    EXPECT_NEAR(out.pd_annual.value, 1.0 - std::pow(0.7, 0.25), 1e-12);
    // d/dp [1 - (1 - p)^(1/T)] = (1 - p)^(1/T - 1) / T.
    EXPECT_NEAR(out.pd_annual.standard_error, std::pow(0.7, -0.75) / 4.0 * std::sqrt(0.021), 1e-12);
    EXPECT_EQ(out.loan_years, 4.0);
    EXPECT_EQ(out.implied_rating, "B");
}

TEST(CreditStatistics, NoDefaultLeavesLgdAbsentAndTheLossZero) {
    montecarlo::CreditAccumulator a;
    for (std::uint64_t i = 0; i < 5; ++i) a.add(path(false, 0, 0), i, true);
    SimulationResult out;
    out.p_default = Estimate{0.0, 0.0, 5, 0};
    a.summarize_into(out, 10.0);
    EXPECT_EQ(out.lgd.paths, 0u);  // absent: no default to measure a loss on
    EXPECT_EQ(out.lgd_default_weighted.paths, 0u);
    EXPECT_EQ(out.expected_loss.value, 0.0);
    EXPECT_EQ(out.expected_loss.paths, 5u);
    EXPECT_EQ(out.pd_annual.value, 0.0);
    EXPECT_EQ(out.implied_rating, "AAA");  // only a PD of exactly 0 maps to AAA
}

TEST(CreditStatistics, ImpliedRatingIsTheNearestCategoryOnALogScale) {
    // models/ratings.yaml: AAA 0, AA 0.0002, A 0.0006, BBB 0.0018, BB 0.0072, B 0.0376,
    // CCC/C 0.2678; boundaries at the geometric means of neighbours.
    EXPECT_EQ(io::implied_rating(0.0), "AAA");
    EXPECT_EQ(io::implied_rating(1e-9), "AA");
    EXPECT_EQ(io::implied_rating(std::sqrt(0.0002 * 0.0006) * 0.999), "AA");
    EXPECT_EQ(io::implied_rating(std::sqrt(0.0002 * 0.0006) * 1.001), "A");
    EXPECT_EQ(io::implied_rating(0.0018), "BBB");
    EXPECT_EQ(io::implied_rating(std::sqrt(0.0018 * 0.0072) * 1.001), "BB");
    EXPECT_EQ(io::implied_rating(0.02), "B");
    EXPECT_EQ(io::implied_rating(0.5), "CCC/C");
    EXPECT_EQ(io::implied_rating(1.0), "CCC/C");
    EXPECT_EQ(io::implied_rating(-0.1), "");
    EXPECT_EQ(io::implied_rating(std::nan("")), "");
}

TEST(CreditStatistics, CoMomentsMergeAsOneStream) {
    // Covariance of (1, 2), (2, 4), (4, 5): means 7/3, 11/3; sample covariance
    // sum (x - 7/3)(y - 11/3) / 2 = ((-4/3)(-5/3) + (-1/3)(1/3) + (5/3)(4/3)) / 2 = (20 - 1 + 20) / 9 / 2 = 39/18.
    montecarlo::CoMoments a(2), b(2);
    const double x1[] = {1, 2}, x2[] = {2, 4}, x3[] = {4, 5};
    a.add(x1);
    b.add(x2);
    b.add(x3);
    a.merge(b);
    EXPECT_EQ(a.count(), 3u);
    EXPECT_NEAR(a.mean(0), 7.0 / 3.0, 1e-12);
    EXPECT_NEAR(a.covariance(0, 1), 39.0 / 18.0, 1e-12);
    EXPECT_NEAR(a.covariance(0, 0), (16.0 + 1.0 + 25.0) / 9.0 / 2.0, 1e-12);
}

// test::one_mine(2) with a one-year loan, enforced on default. The loan, 500 at 5 %, is
// due in full at t = 2 (T = 2 years from financial close): 525. With S = S_2:
//   default <=> 10 S < 525 <=> S < 52.5;   EAD = 525 - 10 S (all of CFADS went to it);
//   the buyer's view at t = 2 is S^_3 = S (flat deck): V = 10 S / 1.15, proceeds
//   0.9 V = 7.8261 S; loss = max(0, 525 - 10 S - 7.8261 S) = 17.8261 (K2 - S)^+ with
//   K2 = 525 / 17.8261 = 29.451.
// ln(S / 100) ~ N(-sigma^2 T / 2, sigma^2 T), so with the put P(K) = E[(K - S)^+] =
// K N(-d2) - 100 N(-d1), d1 = (ln(100 / K) + sigma^2 T / 2) / (sigma sqrt T), d2 = d1 -
// sigma sqrt T:  PD = N(-d2(52.5)), E[EAD] = 10 P(52.5), E[loss] = 17.8261 P(K2),
// LGD = E[loss] / E[EAD], EL = PD x LGD. Second moment for the loss's standard error:
// E[((K - S)^+)^2] = K^2 N(-d2) - 2 K 100 N(-d1) + 100^2 e^(sigma^2 T) N(-d1 - sigma sqrt T).
TEST(CreditStatistics, OneLogNormalPriceGivesClosedFormPdLgdAndExpectedLoss) {
    Deal deal = test::one_mine(2, 0.5);
    deal.debt->tenor_years = 1;
    deal.debt->on_default = DefaultRemedies{};
    deal.debt->on_default->response = DefaultRemedies::Response::Enforce;
    const double sigma = 0.4, T = 2.0, paths = 4000;
    MonteCarloOptions o;
    o.paths = 4000;
    o.threads = 2;
    o.price_simulator = test::lognormal_for(deal, sigma);
    const SimulationResult r = simulate(deal, o);

    boost::math::normal_distribution<double> N;
    const double s = sigma * std::sqrt(T);
    auto d1 = [&](double k) { return (std::log(100.0 / k) + 0.5 * s * s) / s; };
    auto put = [&](double k) { return k * cdf(N, -(d1(k) - s)) - 100.0 * cdf(N, -d1(k)); };
    auto put2 = [&](double k) {
        return k * k * cdf(N, -(d1(k) - s)) - 2.0 * k * 100.0 * cdf(N, -d1(k)) +
               1e4 * std::exp(s * s) * cdf(N, -d1(k) - s);
    };
    const double slope = 10.0 + 9.0 / 1.15, k2 = 525.0 / slope;
    const double pd = cdf(N, -(d1(52.5) - s));
    const double ead = 10.0 * put(52.5), loss = slope * put(k2);
    const double loss_sd = std::sqrt(slope * slope * put2(k2) - loss * loss);

    EXPECT_NEAR(r.p_default.value, pd, 4 * std::sqrt(pd * (1 - pd) / paths));
    // The loss in money: tolerance 4 standard errors of the closed-form sd.
    EXPECT_NEAR(r.expected_loss_money.value, loss, 4 * loss_sd / std::sqrt(paths));
    EXPECT_NEAR(r.expected_loss_money.standard_error, loss_sd / std::sqrt(paths), 0.1 * loss_sd / std::sqrt(paths));
    // LGD and EL: 4 of the run's delta-method standard errors.
    EXPECT_NEAR(r.lgd.value, loss / ead, 4 * r.lgd.standard_error);
    EXPECT_NEAR(r.expected_loss.value, pd * loss / ead, 4 * r.expected_loss.standard_error);
    EXPECT_GT(r.lgd.standard_error, 0.0);
    EXPECT_LT(r.lgd.standard_error, 0.05);  // a few thousand paths pin it to a few points
    // Identities of the estimates themselves.
    EXPECT_NEAR(r.expected_loss.value, r.p_default.value * r.lgd.value, 1e-12);
    EXPECT_NEAR(r.loan_years, 2.0, 1e-12);
    EXPECT_NEAR(r.pd_annual.value, 1.0 - std::sqrt(1.0 - r.p_default.value), 1e-12);
    EXPECT_EQ(r.implied_rating, io::implied_rating(r.pd_annual.value));
}
