// Bad negotiation requests get clear errors before any run (docs/negotiation.md
// section 1): syntax, an unknown parameter path, a range outside the field's limits, an
// unknown metric or category, and a target no structure in the range reaches (which
// says what binds and how close the best candidate came).
#include "negotiation_test_deal.hpp"

#include <offtake/negotiation.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace offtake;

namespace {

// The message of the UsageError `f` throws ("" if none).
template <class F>
std::string usage_error(F f) {
    try {
        f();
    } catch (const UsageError& e) {
        return e.what();
    }
    return "";
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(NegotiationBadRequests, TermSyntax) {
    EXPECT_TRUE(has(usage_error([] { parse_negotiation_term("offtakes[0].pricing.floor"); }), "PATH=LO..HI"));
    EXPECT_TRUE(has(usage_error([] { parse_negotiation_term("offtakes[0].pricing.floor=60-80"); }), "PATH=LO..HI"));
    EXPECT_TRUE(has(usage_error([] { parse_negotiation_term("x=a..80"); }), "finite numbers"));
    EXPECT_TRUE(has(usage_error([] { parse_negotiation_term("x=80..60"); }), "LO must be below HI"));
    const NegotiationTerm t = parse_negotiation_term("prepayment.amount=0..2e8");
    EXPECT_EQ(t.path, "prepayment.amount");
    EXPECT_EQ(t.low, 0.0);
    EXPECT_EQ(t.high, 2e8);
}

TEST(NegotiationBadRequests, TargetSyntax) {
    EXPECT_TRUE(has(usage_error([] { parse_target("p10_dscr_min=1.3"); }), "NAME>=VALUE"));
    EXPECT_TRUE(has(usage_error([] { parse_target("p10_dscr_min>=1.3,,score>=65"); }), "empty condition"));
    EXPECT_TRUE(has(usage_error([] { parse_target("score>=high"); }), "finite number"));
    EXPECT_TRUE(has(usage_error([] { parse_target("category<=Good"); }), "category>=NAME"));
    const auto t = parse_target(" p10_dscr_min >= 1.30 , category>=Good, p_default<=0.05");
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0].metric, "dscr_min");
    EXPECT_EQ(t[0].statistic, "p10");
    EXPECT_TRUE(t[0].at_least);
    EXPECT_EQ(t[0].value, 1.30);
    EXPECT_EQ(t[1].kind, TargetCondition::Kind::Category);
    EXPECT_EQ(t[2].metric, "p_default");
    EXPECT_EQ(t[2].statistic, "mean");
    EXPECT_FALSE(t[2].at_least);
}

TEST(NegotiationBadRequests, UnknownParameterPath) {
    const DealDocument doc = test::one_period_floor_document();
    const std::string m = usage_error([&] { check_terms(doc, {parse_negotiation_term("offtakes[0].pricing.flor=60..80")}); });
    EXPECT_TRUE(has(m, "--vary offtakes[0].pricing.flor=60..80")) << m;
    EXPECT_TRUE(has(m, "unknown parameter path")) << m;
    // A list item the deal does not have.
    const std::string m2 = usage_error([&] { check_terms(doc, {parse_negotiation_term("offtakes[3].pricing.floor=60..80")}); });
    EXPECT_FALSE(m2.empty());
    // A path that is not a number.
    const std::string m3 = usage_error([&] { check_terms(doc, {parse_negotiation_term("project.time.start=1..2")}); });
    EXPECT_TRUE(has(m3, "not a number")) << m3;
}

TEST(NegotiationBadRequests, RangeOutsideTheFieldsLimits) {
    const DealDocument doc = test::one_period_floor_document();
    // debt.gearing must lie in [0, 1) (docs/deal-file.md).
    const std::string m = usage_error([&] { check_terms(doc, {parse_negotiation_term("debt.gearing=0.2..1.5")}); });
    EXPECT_TRUE(has(m, "1.5 is outside the field's limits")) << m;
    EXPECT_TRUE(has(m, "debt.gearing")) << m;
    const std::string m2 = usage_error([&] { check_terms(doc, {parse_negotiation_term("project.tax_rate=-0.1..0.3")}); });
    EXPECT_TRUE(has(m2, "-0.1 is outside the field's limits")) << m2;
}

TEST(NegotiationBadRequests, UnknownMetricOrCategory) {
    const DealDocument doc = test::one_period_floor_document();
    const Deal deal = doc.to_deal();
    const std::string m = usage_error([&] { bind_targets(parse_target("p10_dscr_mn>=1.3"), deal, {}); });
    EXPECT_TRUE(has(m, "no Monte Carlo metric 'dscr_mn'")) << m;
    EXPECT_TRUE(has(m, "dscr_min")) << m;  // the names that exist are listed
    const std::string m2 = usage_error([&] { bind_targets(parse_target("category>=Excellent"), deal, {}); });
    EXPECT_TRUE(has(m2, "no category 'Excellent'")) << m2;
    EXPECT_TRUE(has(m2, "Strong, Good, Satisfactory, Weak")) << m2;
    const std::string m3 = usage_error([&] { bind_targets(parse_target("p10_p_default<=0.1"), deal, {}); });
    EXPECT_TRUE(has(m3, "no percentiles")) << m3;
    // A buyer's metric by its catalogue name binds.
    EXPECT_EQ(bind_targets(parse_target("buyers[0].p_shortfall<=0.1"), deal, {}).size(), 1u);
    // The category's minimum score comes from the scorecard (default: Good >= 65).
    EXPECT_EQ(bind_targets(parse_target("category>=Good"), deal, {}).front().value, 65.0);
}

TEST(NegotiationBadRequests, UnreachableTargetSaysWhatBindsAndHowCloseItCame) {
    // The deal of negotiation_test_deal.hpp defaults when S < 105 - F (F >= 52.5); with
    // a floor of at most 60 the default probability stays at or above
    // P(S < 45) = N((ln 0.45 + 0.16) / 0.5657) = N(-1.129) = 12.9 %, far above 1 %.
    const DealDocument doc = test::one_period_floor_document();
    MonteCarloOptions o = test::one_period_options(doc);
    o.paths = 1000;
    try {
        find_threshold(doc, parse_negotiation_term("offtakes[0].pricing.floor=52.5..60"), parse_target("p_default<=0.01"),
                       {}, o);
        FAIL() << "an unreachable target was reported as reached";
    } catch (const NegotiationUnreachable& e) {
        const std::string m = e.what();
        EXPECT_TRUE(has(m, "not reached anywhere in offtakes[0].pricing.floor=52.5..60")) << m;
        EXPECT_TRUE(has(m, "best candidate tried, offtakes[0].pricing.floor=60")) << m;
        EXPECT_TRUE(has(m, "p_default = ")) << m;
        EXPECT_TRUE(has(m, "(needs <= 0.01)")) << m;
        // The best candidate is the high end, at P(default) ~ 12.9 % (4 standard errors
        // of a proportion over 1,000 paths: 4 x sqrt(0.129 x 0.871 / 1000) = 0.042).
        EXPECT_EQ(e.best().terms.front(), 60.0);
        ASSERT_TRUE(e.best().conditions.front().value);
        EXPECT_NEAR(*e.best().conditions.front().value, 0.129, 0.042);
    }
}
