// Several terms by NLopt's COBYLA (docs/negotiation.md section 11), on the one-period
// deal of negotiation_test_deal.hpp, where the buyer's cheapest structure that meets a
// target P(default) has a closed form.
#include "negotiation_test_deal.hpp"

#include <offtake/errors.hpp>
#include <offtake/negotiation.hpp>

#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

using namespace offtake;

namespace {

// The log-normal S of the test deal: ln(S / 100) ~ N(-s^2 / 2, s^2), s = 0.4 sqrt(2).
const double kS = 0.4 * std::sqrt(2.0);

double put(double strike) {
    boost::math::normal_distribution<double> N;
    const double d1 = (std::log(100.0 / strike) + 0.5 * kS * kS) / kS;
    return strike * cdf(N, -(d1 - kS)) - 100.0 * cdf(N, -d1);
}

DesignSearch optimise(int threads = 2, OptimiserOptions settings = {}, int paths = 4000) {
    const DealDocument doc = test::one_period_floor_document();
    MonteCarloOptions o = test::one_period_options(doc);
    o.paths = static_cast<std::uint64_t>(paths);
    o.threads = threads;
    return search_optimised(doc,
                            {parse_negotiation_term("offtakes[0].pricing.floor=40..100"),
                             parse_negotiation_term("offtakes[0].volume_tpa=2..8")},
                            parse_target("p_default<=0.05"), 0, BuyerPreference::Cheapest, std::nullopt, settings, {}, o);
}

// The default search, run once for the tests that read it.
const DesignSearch& default_search() {
    static const DesignSearch d = optimise();
    return d;
}

}  // namespace

// The closed form. With v t floored at F (F > 52.5) and 10 - v t at spot, the project
// defaults exactly when v F + (10 - v) S < 525, i.e. S < s*(F, v) = (525 - v F) / (10 - v),
// so P(default) <= p  <=>  s*(F, v) <= q_p = 100 exp(-s^2 / 2 + s N^-1(p))
//                     <=>  F >= F_min(v) = (525 - (10 - v) q_p) / v.
// The buyer's cost is v E[(F - S)^+] = v put(F), rising in F, so on the constraint it is
// v put(F_min(v)); F_min falls as v rises (dF_min/dv = -(525 - 10 q_p) / v^2 < 0) and the
// cost along it falls too (checked below on a dense grid of v), so the optimum is the
// corner v* = 8 (the range's top), F* = F_min(8) = (525 - 2 q_p) / 8 = 57.22 for p = 5 %.
// The Monte Carlo error of the F found is that of a threshold (section 3):
// se(F^) = sqrt(p (1 - p) / N) / (f_S(q_p) |ds*/dF|), |ds*/dF| = v / (10 - v) = 4.
TEST(NegotiationOptimiser, FindsTheClosedFormCheapestStructureWithinItsStatedError) {
    boost::math::normal_distribution<double> N;
    const double p = 0.05, n = 4000.0;
    const double q = 100.0 * std::exp(-0.5 * kS * kS + kS * quantile(N, p));
    auto f_min = [&](double v) { return (525.0 - (10.0 - v) * q) / v; };
    // The cost along the constraint falls in v over the range (why the corner is optimal).
    for (double v = 2.9; v < 8.0; v += 0.1) ASSERT_GT(v * put(f_min(v)), (v + 0.1) * put(f_min(v + 0.1))) << v;
    const double v_star = 8.0, f_star = f_min(v_star);
    EXPECT_NEAR(f_star, 57.22, 0.01);  // (525 - 2 x 33.606) / 8, written out
    const double density = pdf(N, quantile(N, p)) / (q * kS);
    const double se_f = std::sqrt(p * (1.0 - p) / n) / (density * v_star / (10.0 - v_star));

    const DesignSearch& d = default_search();
    ASSERT_TRUE(d.optimiser);
    ASSERT_TRUE(d.recommended) << d.optimiser->stop_words;
    std::printf("COBYLA: F %.4f (closed form %.4f, se %.4f), v %.4f, %d runs, stop: %s\n", d.points[*d.recommended].candidate.terms[0],
                f_star, se_f, d.points[*d.recommended].candidate.terms[1], d.optimiser->evaluations, d.optimiser->stop_words.c_str());
    const DesignPoint& best = d.points[*d.recommended];
    const double tol_f = d.optimiser->settings.relative_tolerance * 60.0, tol_v = d.optimiser->settings.relative_tolerance * 6.0;
    // Stated tolerance: 3 Monte Carlo errors of the threshold plus 3 optimiser steps at its
    // final size (the tolerance times the range); the volume, at a bound, within 3 steps.
    EXPECT_NEAR(best.candidate.terms[0], f_star, 3.0 * se_f + 3.0 * tol_f) << "se " << se_f;
    EXPECT_NEAR(best.candidate.terms[1], v_star, 3.0 * tol_v);
    EXPECT_TRUE(best.candidate.meets);
    EXPECT_LE(best.candidate.result.p_default.value, p);
    // Its cost: v put(F*), within 4 of its own standard errors plus what the error in F
    // moves it by (dcost/dF = v P(S < F), at most v).
    EXPECT_NEAR(best.buyer.cost_against_spot.value, v_star * put(f_star),
                4.0 * best.buyer.cost_against_spot.standard_error + v_star * (3.0 * se_f + 3.0 * tol_f));
    EXPECT_LE(d.optimiser->evaluations, d.optimiser->settings.max_evaluations);
    EXPECT_EQ(static_cast<int>(d.points.size()), d.optimiser->evaluations);
    EXPECT_EQ(d.optimiser->algorithm, "LN_COBYLA");
}

// Against a grid on the same paths: no grid point that meets the target is cheaper than
// the optimiser's structure (the grid's best here is F = 60 at v = 8, above F* = 57.2).
TEST(NegotiationOptimiser, NoGridPointThatMeetsTheTargetIsCheaper) {
    const DealDocument doc = test::one_period_floor_document();
    MonteCarloOptions o = test::one_period_options(doc);
    o.paths = 4000;
    const DesignSearch grid = search_design(doc,
                                            {parse_negotiation_term("offtakes[0].pricing.floor=40..100"),
                                             parse_negotiation_term("offtakes[0].volume_tpa=2..8")},
                                            parse_target("p_default<=0.05"), 4, 0, BuyerPreference::Cheapest,
                                            std::nullopt, {}, o);
    const DesignSearch& d = default_search();
    ASSERT_TRUE(grid.recommended && d.recommended);
    const auto& g = grid.points[*grid.recommended].candidate.terms;
    EXPECT_EQ(g[0], 60.0);
    EXPECT_EQ(g[1], 8.0);
    auto cost = [](const DesignPoint& p) { return p.buyer.cost_against_spot.value + p.buyer.expected_loss.value; };
    for (const auto& p : grid.points)
        if (p.candidate.meets) EXPECT_LT(cost(d.points[*d.recommended]), cost(p));
    // The recommendation is the cheapest structure tried that meets the target.
    for (const auto& p : d.points)
        if (p.candidate.meets) EXPECT_GE(cost(p), cost(d.points[*d.recommended]));
}

TEST(NegotiationOptimiser, SameStructuresAndBitsOnOneAndTwoThreads) {
    const DesignSearch a = optimise(1, {}, 1000), b = optimise(2, {}, 1000);
    ASSERT_EQ(a.points.size(), b.points.size());
    for (std::size_t k = 0; k < a.points.size(); ++k) {
        EXPECT_EQ(a.points[k].candidate.terms, b.points[k].candidate.terms);
        EXPECT_EQ(a.points[k].buyer.cost_against_spot.value, b.points[k].buyer.cost_against_spot.value);
        EXPECT_EQ(a.points[k].candidate.result.p_default.value, b.points[k].candidate.result.p_default.value);
    }
    EXPECT_EQ(a.recommended, b.recommended);
}

TEST(NegotiationOptimiser, StopsAtTheEvaluationBudget) {
    OptimiserOptions s;
    s.max_evaluations = 6;
    const DesignSearch d = optimise(2, s, 1000);
    ASSERT_TRUE(d.optimiser);
    EXPECT_EQ(d.optimiser->evaluations, 6);
    EXPECT_EQ(d.points.size(), 6u);
    EXPECT_EQ(d.optimiser->stop, "evaluation_budget");
    // The first structure tried is the middle of both ranges.
    EXPECT_EQ(d.points.front().candidate.terms, (std::vector<double>{70.0, 5.0}));
}

TEST(NegotiationOptimiser, BadSettingsAreRefused) {
    OptimiserOptions s;
    s.max_evaluations = 1;
    EXPECT_THROW(optimise(2, s, 200), UsageError);
    s = {};
    s.relative_tolerance = 0.5;
    EXPECT_THROW(optimise(2, s, 200), UsageError);
    // Most secure needs a budget.
    const DealDocument doc = test::one_period_floor_document();
    EXPECT_THROW(search_optimised(doc, {parse_negotiation_term("offtakes[0].pricing.floor=40..100")},
                                  parse_target("p_default<=0.05"), 0, BuyerPreference::MostSecure, std::nullopt),
                 UsageError);
}
