// Several terms: the design over the ranges, the buyer's side, the Pareto frontier and
// the recommendation (docs/negotiation.md section 8), on the one-period deal of
// negotiation_test_deal.hpp.
#include "negotiation_test_deal.hpp"

#include <offtake/negotiation.hpp>

#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

DesignSearch floor_and_volume(int points, BuyerPreference pref = BuyerPreference::Cheapest,
                              std::optional<double> budget = std::nullopt) {
    const DealDocument doc = test::one_period_floor_document();
    MonteCarloOptions o = test::one_period_options(doc);
    o.paths = 2000;
    return search_design(doc,
                         {parse_negotiation_term("offtakes[0].pricing.floor=40..100"),
                          parse_negotiation_term("offtakes[0].volume_tpa=2..8")},
                         parse_target("p_default<=0.10"), points, 0, pref, budget, {}, o);
}

}  // namespace

// The buyer's cost against spot has a closed form: it pays max(S, F) for v tonnes
// worth v S at spot, so E[cost] = v E[(F - S)^+] = v P(F), the put on the log-normal S
// (ln(S / 100) ~ N(-0.16, 0.32)): P(F) = F N(-d2) - 100 N(-d1),
// d1 = (ln(100 / F) + 0.16) / 0.5657, d2 = d1 - 0.5657.
TEST(NegotiationDesign, BuyersCostAgainstSpotIsThePutOnTheFlooredTonnes) {
    const DesignSearch d = floor_and_volume(3);
    ASSERT_EQ(d.points.size(), 9u);
    boost::math::normal_distribution<double> N;
    const double s = 0.4 * std::sqrt(2.0);
    for (const auto& p : d.points) {
        const double F = p.candidate.terms[0], v = p.candidate.terms[1];
        const double d1 = (std::log(100.0 / F) + 0.5 * s * s) / s;
        const double put = F * cdf(N, -(d1 - s)) - 100.0 * cdf(N, -d1);
        // 4 of the run's standard errors.
        EXPECT_NEAR(p.buyer.cost_against_spot.value, v * put, 4.0 * p.buyer.cost_against_spot.standard_error + 1e-9)
            << "F " << F << " v " << v;
    }
}

TEST(NegotiationDesign, RaisingTheFloorNeverLowersTheBuyersCostOrTheCoverage) {
    // On common random numbers every path's floored price max(S, F) rises with F, so
    // the buyer's cost and the project's CFADS rise path by path: the means and every
    // percentile of min DSCR cannot fall, and P(default) cannot rise.
    const DesignSearch d = floor_and_volume(4);
    ASSERT_EQ(d.points.size(), 16u);
    for (std::size_t v = 0; v < 4; ++v)
        for (std::size_t f = 1; f < 4; ++f) {
            const auto& lo = d.points[(f - 1) * 4 + v];
            const auto& hi = d.points[f * 4 + v];
            ASSERT_LT(lo.candidate.terms[0], hi.candidate.terms[0]);
            ASSERT_EQ(lo.candidate.terms[1], hi.candidate.terms[1]);
            EXPECT_GE(hi.buyer.cost_against_spot.value, lo.buyer.cost_against_spot.value);
            EXPECT_GE(*hi.candidate.result.dscr_min.p10, *lo.candidate.result.dscr_min.p10);
            EXPECT_GE(*hi.candidate.result.dscr_min.mean, *lo.candidate.result.dscr_min.mean);
            EXPECT_LE(hi.candidate.result.p_default.value, lo.candidate.result.p_default.value);
        }
}

TEST(NegotiationDesign, TheFrontierHasNoDominatedPointAndEveryOtherPointIsDominated) {
    const DesignSearch d = floor_and_volume(4);
    std::size_t on = 0;
    for (const auto& p : d.points) {
        bool dominated = false;
        for (const auto& q : d.points)
            if (&p != &q && dominates(q, p)) dominated = true;
        EXPECT_EQ(p.on_frontier, !dominated);
        on += p.on_frontier;
    }
    EXPECT_GT(on, 1u);  // the buyer's cost and the project's PD pull apart
    // A point does not dominate itself; dominance is strict.
    EXPECT_FALSE(dominates(d.points[0], d.points[0]));
}

TEST(NegotiationDesign, TheRecommendationIsTheCheapestPointThatMeetsTheTarget) {
    const DesignSearch d = floor_and_volume(4);
    ASSERT_TRUE(d.recommended);
    const auto& r = d.points[*d.recommended];
    EXPECT_TRUE(r.candidate.meets);
    auto cost = [](const DesignPoint& p) { return p.buyer.cost_against_spot.value + p.buyer.expected_loss.value; };
    for (const auto& p : d.points)
        if (p.candidate.meets) EXPECT_GE(cost(p), cost(r));
    // Most secure within a budget: the budget is respected.
    const DesignSearch s = floor_and_volume(4, BuyerPreference::MostSecure, cost(r) * 1.5 + 1e-9);
    ASSERT_TRUE(s.recommended);
    EXPECT_LE(cost(s.points[*s.recommended]), cost(r) * 1.5 + 1e-9);
}
