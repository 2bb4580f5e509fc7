// The buyer's equity stake (docs/negotiation.md section 12): its capital at risk and
// expected loss count the equity it puts in, and an equity share is a term, the other
// investors' shares rescaled pro rata so that all sum to 1. On the one-period deal of
// negotiation_test_deal.hpp with the buyer also an investor.
#include "negotiation_test_deal.hpp"

#include <offtake/errors.hpp>
#include <offtake/negotiation.hpp>

#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace offtake;

namespace {

// The test deal with its equity split between the sponsor and the buyer ("Cable maker"),
// and optionally a third investor.
DealDocument with_equity(const std::string& equity) {
    std::string yaml = test::one_period_floor_deal(60.0);
    const std::string from = "equity:\n  - name: Sponsor\n    share: 1.0\n";
    const auto at = yaml.find(from);
    EXPECT_NE(at, std::string::npos);
    yaml.replace(at, from.size(), "equity:\n" + equity);
    return DealDocument::from_string(yaml, "one-period-equity.yaml");
}

const char* const kTwoInvestors = "  - name: Sponsor\n    share: 0.7\n  - name: Cable maker\n    share: 0.3\n";
const char* const kThreeInvestors =
    "  - name: Sponsor\n    share: 0.6\n  - name: Fund\n    share: 0.2\n  - name: Cable maker\n    share: 0.2\n";

// E[max(0, I - (R - 525)^+)], R = 5 max(S, 60) + 5 S, ln(S / 100) ~ N(-s^2 / 2, s^2),
// s = 0.4 sqrt(2): the equity not returned, all investors together, by Simpson's rule
// over the standard normal z (S = 100 exp(-s^2 / 2 + s z)) on [-9, 9].
double equity_not_returned(double invested) {
    const double s = 0.4 * std::sqrt(2.0);
    auto g = [&](double z) {
        const double S = 100.0 * std::exp(-0.5 * s * s + s * z);
        const double R = 5.0 * std::max(S, 60.0) + 5.0 * S;
        const double back = std::max(R - 525.0, 0.0);
        return std::max(0.0, invested - back) * std::exp(-0.5 * z * z) / std::sqrt(4.0 * std::acos(0.0));
    };
    const int n = 36000;  // even
    const double a = -9.0, h = 18.0 / n;
    double sum = g(a) + g(a + n * h);
    for (int i = 1; i < n; ++i) sum += (i % 2 ? 4.0 : 2.0) * g(a + i * h);
    return sum * h / 3.0;
}

}  // namespace

// The equity the investors put in: construction capex 1000 at the end of the
// construction year (flows are dated at period ends, conventions section 1), half of it
// drawn from the loan at the same date, so no interest accrues during construction, no
// fees and no DSRA: 500, of which the buyer's 30 % is 150, on every path. What comes back
// is the year-2 cash after the loan's 525, (R - 525)^+ (a default leaves nothing to
// equity), all of it distributed in the last period (conventions section 8, step 7).
TEST(NegotiationEquityStake, CapitalAtRiskAndExpectedLossCountTheEquityPutIn) {
    const DealDocument doc = with_equity(kTwoInvestors);
    MonteCarloOptions o = test::one_period_options(doc);
    o.paths = 4000;
    const DesignSearch d = search_design(doc, {parse_negotiation_term("offtakes[0].volume_tpa=4..5")},
                                         parse_target("p_default<=0.2"), 2, 0, BuyerPreference::Cheapest,
                                         std::nullopt, {}, o);
    const BuyerSide& b = d.points.back().buyer;  // volume 5
    ASSERT_TRUE(b.equity_share);
    EXPECT_DOUBLE_EQ(*b.equity_share, 0.3);
    EXPECT_NEAR(b.equity_contributed.value, 150.0, 1e-6);
    EXPECT_NEAR(b.equity_contributed.standard_error, 0.0, 1e-6);
    EXPECT_DOUBLE_EQ(b.prepayment, 0.0);
    EXPECT_NEAR(b.capital_at_risk, 150.0, 1e-6);
    const double expected = 0.3 * equity_not_returned(500.0);
    std::printf("buyer's equity not returned: %.4f (se %.4f), closed form %.4f\n", b.equity_expected_loss.value,
                b.equity_expected_loss.standard_error, expected);
    EXPECT_GT(expected, 10.0);  // a real share of the stake is at risk
    EXPECT_NEAR(b.equity_expected_loss.value, expected, 4.0 * b.equity_expected_loss.standard_error);
    // Without a prepayment the capital lost is the equity's.
    EXPECT_DOUBLE_EQ(b.expected_loss.value, b.equity_expected_loss.value);
}

// An equity share as a term: the others rescaled pro rata, share_j (1 - x) / (1 - x0).
TEST(NegotiationEquityStake, AVariedShareRescalesTheOthersProRata) {
    const DealDocument doc = with_equity(kThreeInvestors);
    const std::vector<NegotiationTerm> terms{parse_negotiation_term("equity[2].share=0..0.4")};
    check_terms(doc, terms);
    const DealDocument d = with_terms(doc, terms, {0.4});
    // 0.6 x 0.6 / 0.8 = 0.45 and 0.2 x 0.6 / 0.8 = 0.15.
    EXPECT_NEAR(d.get_number("equity[0].share"), 0.45, 1e-15);
    EXPECT_NEAR(d.get_number("equity[1].share"), 0.15, 1e-15);
    EXPECT_DOUBLE_EQ(d.get_number("equity[2].share"), 0.4);
    EXPECT_NO_THROW(d.to_deal());  // the shares sum to 1
    const DealDocument z = with_terms(doc, terms, {0.0});
    EXPECT_NEAR(z.get_number("equity[0].share"), 0.75, 1e-15);
    EXPECT_NEAR(z.get_number("equity[1].share"), 0.25, 1e-15);
    EXPECT_NO_THROW(z.to_deal());
}

// Along the share the project is unchanged (the shares split one equity cash flow), so
// the buyer's equity put in is 500 x, and its expected loss x E[max(0, 500 - (R - 525)^+)].
TEST(NegotiationEquityStake, TheBuyersEquityAtRiskIsLinearInItsShare) {
    const DealDocument doc = with_equity(kTwoInvestors);
    MonteCarloOptions o = test::one_period_options(doc);
    o.paths = 2000;
    const DesignSearch d = search_design(doc,
                                         {parse_negotiation_term("offtakes[0].pricing.floor=60..80"),
                                          parse_negotiation_term("equity[1].share=0..0.3")},
                                         parse_target("p_default<=0.2"), 4, 0, BuyerPreference::Cheapest,
                                         std::nullopt, {}, o);
    ASSERT_EQ(d.points.size(), 16u);
    for (std::size_t f = 0; f < 4; ++f) {
        const DesignPoint& top = d.points[f * 4 + 3];
        ASSERT_EQ(top.candidate.terms[1], 0.3);
        for (std::size_t k = 0; k < 4; ++k) {
            const DesignPoint& p = d.points[f * 4 + k];
            const double x = p.candidate.terms[1];
            EXPECT_NEAR(p.buyer.equity_contributed.value, 500.0 * x, 1e-6);
            EXPECT_NEAR(p.buyer.capital_at_risk, 500.0 * x, 1e-6);
            // The same paths: the loss scales exactly with the share.
            EXPECT_NEAR(p.buyer.equity_expected_loss.value, top.buyer.equity_expected_loss.value * x / 0.3,
                        1e-9 * (1.0 + top.buyer.equity_expected_loss.value));
            // The project's side does not depend on who holds the equity.
            EXPECT_EQ(p.candidate.result.p_default.value, top.candidate.result.p_default.value);
        }
    }
}

TEST(NegotiationEquityStake, CoupledSharesThatCannotSumToOneAreRefused) {
    const DealDocument two = with_equity(kTwoInvestors);
    // The varied share's high above what the rest can give: 0.7 + 0.6 > 1 is not the
    // rule (the rest is rescaled); the varied shares together above 1 is.
    EXPECT_THROW(check_terms(with_equity(kThreeInvestors), {parse_negotiation_term("equity[1].share=0..0.6"),
                                                            parse_negotiation_term("equity[2].share=0..0.6")}),
                 UsageError);
    // Every share varied: nothing to rescale.
    EXPECT_THROW(check_terms(two, {parse_negotiation_term("equity[0].share=0.5..0.8"),
                                   parse_negotiation_term("equity[1].share=0..0.3")}),
                 UsageError);
    // The others all 0.
    const DealDocument zero = with_equity("  - name: Sponsor\n    share: 0.0\n  - name: Cable maker\n    share: 1.0\n");
    EXPECT_THROW(check_terms(zero, {parse_negotiation_term("equity[1].share=0.2..0.5")}), UsageError);
}
