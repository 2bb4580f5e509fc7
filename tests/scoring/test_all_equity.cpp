// A deal without senior debt is scored on what applies to it (issue 11): the coverage,
// default-risk and lenders'-security factors are not applicable, and the other factors'
// weights are scaled to sum to 1. Expected scores are computed here by hand from the
// deal's terms and the weights and points of models/scorecard/default.yaml, written out.
#include <offtake/bankability.hpp>
#include <offtake/deal_file.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace offtake {
namespace {

// examples/procurement/fixed.yaml without its `debt` section: quarterly periods from
// 2026-01-01, 8 construction quarters (COD 2028-01-01), a 10-year life producing
// 143,000 t in years 1-3 and 61,571 t in years 4-10; one buyer takes 40 % of output at a
// fixed price until 2034-12-31, buyer_pd 0.004; stated country 60, sponsor 65, ESG 60.
Deal all_equity_fixed_price_deal() {
    Deal d = load_deal_file(std::string(OFFTAKE_SOURCE_DIR) + "/examples/procurement/fixed.yaml");
    d.debt.reset();
    return d;
}

// The hand calculation (docs/bankability.md, "Deals without senior debt").
// Without debt the tenor is the mine life, 10 operating years.
//   production     = 3 x 143,000 + 7 x 61,571                     = 859,997 t
//   The contract ends 2034-12-31: 2,556 days after COD (2028-01-01 to 2035-01-01 is
//   7 x 365 + 2 leap days = 2,557 days), 2,556 / 365.25 = 6.997947 years, so it covers
//   years 1-6 and 0.997947 of year 7.
//   contracted     = 0.4 x (3 x 143,000 + 3 x 61,571 + 0.997947 x 61,571)
//   contracted_share = contracted / production                     = 0.31403
// Sub-scores (default.yaml points):
//   contracted_share: between (0.3, 40) and (0.6, 70): 40 + (share - 0.3) / 0.3 x 30
//   floor_protection: every contracted tonne is fixed-price, 1.0     -> 100
//   buyer_pd 0.004: between (0.003, 90) and (0.010, 70): 90 - 20 x 0.001 / 0.007
//   country_risk 60 -> 60, sponsor_strength 65 -> 65, esg_standing 60 -> 60
// Applicable weights: 0.08 + 0.06 + 0.06 + 0.04 + 0.03 + 0.03 = 0.30.
double expected_all_equity_score() {
    const double cover_year_7 = (2556.0 / 365.25) - 6.0;
    const double production = 3 * 143000.0 + 7 * 61571.0;
    const double contracted = 0.4 * (3 * 143000.0 + 3 * 61571.0 + cover_year_7 * 61571.0);
    const double share = contracted / production;
    const double s_contracted = 40.0 + (share - 0.3) / 0.3 * 30.0;
    const double s_floor = 100.0;
    const double s_buyer_pd = 90.0 - 20.0 * 0.001 / 0.007;
    const double weighted = 0.08 * s_contracted + 0.06 * s_floor + 0.06 * s_buyer_pd + 0.04 * 60.0 +
                            0.03 * 65.0 + 0.03 * 60.0;
    return weighted / 0.30;
}

TEST(AllEquity, ScoredOnTheFactorsThatApply) {
    const double expected = expected_all_equity_score();
    // 68.97: Good (65 <= score < 80). Before issue 11 the same deal scored 36.4, Weak:
    // coverage 0 x 0.35, default risk 50 x 0.25, guarantee 30 x 0.04, DSRA 0, prepayment
    // ranking 100 x 0.02 added to the 20.69 points above.
    ASSERT_NEAR(expected, 68.97, 0.01);

    const Deal deal = all_equity_fixed_price_deal();
    MonteCarloOptions o;
    o.paths = 200;
    o.threads = 1;
    const SimulationResult r = simulate(deal, o);
    ASSERT_TRUE(r.bankability.has_value());
    const BankabilityScore& b = *r.bankability;
    EXPECT_FALSE(b.senior_debt);
    EXPECT_NEAR(b.score, expected, 1e-3);  // the share is hand-rounded to 1e-6 years
    EXPECT_EQ(b.category, "Good");
    EXPECT_NEAR(b.risk_weight, 0.90, 1e-12);

    // The factors that measure senior debt are listed, weigh nothing and score nothing.
    const std::vector<std::string> not_applicable{"p50_dscr_min", "p10_dscr_min",     "p50_llcr",
                                                  "pd_annual",    "annual_expected_loss_net", "guarantee_cover",
                                                  "dsra_months",  "prepayment_ranking"};
    EXPECT_EQ(b.not_applicable, not_applicable);
    double weights = 0.0, contributions = 0.0;
    for (const auto& f : b.factors) {
        const bool listed = std::find(not_applicable.begin(), not_applicable.end(), f.id) != not_applicable.end();
        EXPECT_EQ(f.applicable, !listed) << f.id;
        if (listed) {
            EXPECT_EQ(f.weight, 0.0) << f.id;
            EXPECT_EQ(f.contribution, 0.0) << f.id;
            EXPECT_FALSE(f.value.has_value()) << f.id;
        } else {
            EXPECT_NEAR(f.weight, f.scorecard_weight / 0.30, 1e-12) << f.id;
        }
        weights += f.weight;
        contributions += f.contribution;
    }
    EXPECT_NEAR(weights, 1.0, 1e-12);
    EXPECT_NEAR(contributions, b.score, 1e-9);
    const auto share = std::find_if(b.factors.begin(), b.factors.end(),
                                    [](const FactorScore& f) { return f.id == "contracted_share"; });
    ASSERT_NE(share, b.factors.end());
    ASSERT_TRUE(share->value.has_value());
    EXPECT_NEAR(*share->value, 0.31403, 5e-6);
}

TEST(AllEquity, WithDebtEveryFactorKeepsItsScorecardWeight) {
    // Two factors, hand-scored: p10_dscr_min 1.4 is 85 + (0.1 / 0.2) x 15 = 92.5 and
    // pd_annual 0.0376 is 50 (a point of the default scorecard).
    const Scorecard& card = default_scorecard();
    const std::map<std::string, std::optional<double>> v{{"p10_dscr_min", 1.4}, {"pd_annual", 0.0376}};
    const BankabilityScore with_debt = score_bankability(card, v, true);
    EXPECT_TRUE(with_debt.not_applicable.empty());
    for (const auto& f : with_debt.factors) EXPECT_EQ(f.weight, f.scorecard_weight) << f.id;
    // The same values without debt: only the stated factors' missing 50 and the revenue
    // factors' missing scores (contracted 10, floor 30, buyer PD 50) remain:
    // (0.08 x 10 + 0.06 x 30 + 0.06 x 50 + 0.10 x 50) / 0.30 = 10.6 / 0.30.
    const BankabilityScore without = score_bankability(card, v, false);
    EXPECT_NEAR(without.score, 10.6 / 0.30, 1e-9);
    EXPECT_EQ(without.not_applicable.size(), 8u);
}

TEST(AllEquity, ZeroGearingIsNoDebt) {
    // A `debt` section whose loan is nothing (gearing 0) is scored like no debt.
    Deal deal = load_deal_file(std::string(OFFTAKE_SOURCE_DIR) + "/examples/procurement/fixed.yaml");
    deal.debt->gearing = 0.0;
    MonteCarloOptions o;
    o.paths = 200;
    o.threads = 1;
    const SimulationResult r = simulate(deal, o);
    ASSERT_TRUE(r.bankability.has_value());
    EXPECT_FALSE(r.bankability->senior_debt);
    EXPECT_NEAR(r.bankability->score, expected_all_equity_score(), 1e-3);
}

}  // namespace
}  // namespace offtake
