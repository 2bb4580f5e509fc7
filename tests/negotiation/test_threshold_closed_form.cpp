// The one-term search against a closed form (docs/negotiation.md section 4).
//
// The deal of negotiation_test_deal.hpp: revenue at the year-2 price S is
// 5 max(S, F) + 5 S against a debt service of 525, so for a floor F >= 52.5 the project
// defaults exactly when S < s*(F) = 105 - F (below the floor the floored tonnes earn F,
// above it everything earns S >= F >= 52.5). With ln(S / 100) ~ N(-sigma^2 T / 2,
// sigma^2 T), T = 2, sigma = 0.4:
//   P(default | F) = N((ln(s*(F) / 100) + sigma^2 T / 2) / (sigma sqrt T)),
// and the floor that makes it equal a target p is
//   F* = 105 - 100 exp(-sigma^2 T / 2 + sigma sqrt T z_p),  z_p = N^-1(p).
// Its Monte Carlo error, the sample-quantile variance: P^(F) is the share of paths with
// S < s*(F), so F^ = 105 - (the sample p-quantile of S), and
//   se(F^) = sqrt(p (1 - p) / n) / f_S(s*)   (f_S the log-normal density),
// which is also what the search states, se(P) / |dP/dF| with dP/dF = -f_S(s*).
#include "negotiation_test_deal.hpp"

#include <offtake/negotiation.hpp>

#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

struct ClosedForm {
    double floor, std_error;
};

ClosedForm closed_form_floor(double p, double paths, double sigma = 0.4, double T = 2.0) {
    const double s = sigma * std::sqrt(T);
    boost::math::normal_distribution<double> N;
    boost::math::lognormal_distribution<double> S(std::log(100.0) - 0.5 * s * s, s);
    const double s_star = 100.0 * std::exp(-0.5 * s * s + s * quantile(N, p));
    return {105.0 - s_star, std::sqrt(p * (1.0 - p) / paths) / pdf(S, s_star)};
}

}  // namespace

TEST(NegotiationThreshold, FloorForATargetDefaultProbabilityMatchesTheClosedForm) {
    const DealDocument doc = test::one_period_floor_document();
    const MonteCarloOptions o = test::one_period_options(doc);
    const NegotiationTerm term = parse_negotiation_term("offtakes[0].pricing.floor=52.5..105");
    const auto target = parse_target("p_default<=0.05");
    const ThresholdSearch r = find_threshold(doc, term, target, {}, o);
    const ClosedForm cf = closed_form_floor(0.05, 4000);
    // cf.floor = 105 - 100 exp(-0.16 - 0.5657 x 1.6449) = 71.39; cf.std_error = 0.64.
    EXPECT_NEAR(cf.floor, 71.39, 0.01);
    EXPECT_EQ(r.direction, "at_least");
    EXPECT_EQ(r.binding, "p_default<=0.05");
    ASSERT_TRUE(r.threshold_std_error);
    // Found within 3 of its stated errors (two-sided 99.7 % for a normal error).
    EXPECT_NEAR(r.threshold, cf.floor, 3.0 * *r.threshold_std_error);
    // The stated error is the closed form's within the noise of a density estimated by
    // a secant over a few per cent of the range (25 %).
    EXPECT_NEAR(*r.threshold_std_error, cf.std_error, 0.25 * cf.std_error);
    // At the threshold the target holds; the bracket is within the tolerance.
    EXPECT_TRUE(r.at_threshold.meets);
    EXPECT_LE(r.at_threshold.result.p_default.value, 0.05);
    EXPECT_LE(r.bracket_high - r.bracket_low, 1e-3 * 52.5 + 1e-12);
    // The slope is dP/dF = -f_S(s*) (0.0054 per unit of floor), within 25 %.
    ASSERT_TRUE(r.slope);
    EXPECT_NEAR(*r.slope, -std::sqrt(0.05 * 0.95 / 4000) / cf.std_error, 0.25 * std::fabs(*r.slope));
}

TEST(NegotiationThreshold, AnotherTargetProbabilityMovesTheFloorAsTheClosedFormSays) {
    const DealDocument doc = test::one_period_floor_document();
    const MonteCarloOptions o = test::one_period_options(doc);
    const ThresholdSearch r = find_threshold(doc, parse_negotiation_term("offtakes[0].pricing.floor=52.5..105"),
                                             parse_target("p_default<=0.15"), {}, o);
    const ClosedForm cf = closed_form_floor(0.15, 4000);  // 105 - 100 exp(-0.16 - 0.5657 x 1.0364) = 57.87
    ASSERT_TRUE(r.threshold_std_error);
    EXPECT_NEAR(r.threshold, cf.floor, 3.0 * *r.threshold_std_error);
}

TEST(NegotiationThreshold, SameRequestGivesTheSameBitsOnAnyThreadCount) {
    const DealDocument doc = test::one_period_floor_document();
    MonteCarloOptions one = test::one_period_options(doc), three = one;
    one.threads = 1;
    three.threads = 3;
    const auto term = parse_negotiation_term("offtakes[0].pricing.floor=52.5..105");
    const auto target = parse_target("p_default<=0.05");
    const ThresholdSearch a = find_threshold(doc, term, target, {}, one), b = find_threshold(doc, term, target, {}, three);
    EXPECT_EQ(a.threshold, b.threshold);
    EXPECT_EQ(a.runs, b.runs);
    ASSERT_TRUE(a.threshold_std_error && b.threshold_std_error);
    EXPECT_EQ(*a.threshold_std_error, *b.threshold_std_error);
}
