// The score's category against the expected loss (docs/bankability.md, "Score and
// expected loss"). Slotting expected-loss rates 8 % x (5, 10, 35, 100 %) = 0.4, 0.8, 2.8,
// 8 %; boundaries at geometric means: sqrt(0.4 x 0.8) = 0.566 %, sqrt(0.8 x 2.8) =
// 1.497 %, sqrt(2.8 x 8) = 4.733 %.
#include <offtake/bankability.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

using namespace offtake;

namespace {

BankabilityScore scored(const std::string& category) {
    BankabilityScore b;
    b.category = category;
    FactorScore cover{"p10_dscr_min", "coverage", "P10 of minimum DSCR", 0.0, 10.0, 0.6, 6.0, 0.6, true};
    FactorScore share{"contracted_share", "revenue_certainty", "Contracted share", 0.5, 90.0, 0.4, 36.0, 0.4, true};
    b.factors = {cover, share};
    return b;
}

SimulationResult run(double pd_annual, double lgd) {
    SimulationResult r;
    r.pd_annual = Estimate{pd_annual, 0.0, 1000, 0};
    r.lgd = Estimate{lgd, 0.0, lgd > 0 ? 100u : 0u, 0};
    return r;
}

}  // namespace

TEST(LossConsistency, WeakWithANearZeroLossSaysWhy) {
    // 0.1 % a year x LGD 20 % = 0.02 %: below 0.566 %, Strong; Weak is three categories away.
    BankabilityScore b = scored("Weak");
    check_expected_loss_consistency(b, run(0.001, 0.2));
    ASSERT_TRUE(b.annual_expected_loss);
    EXPECT_NEAR(*b.annual_expected_loss, 0.0002, 1e-15);
    EXPECT_EQ(b.expected_loss_category, "Strong");
    EXPECT_NE(b.consistency_note.find("worse"), std::string::npos);
    // Points lost: coverage 0.6 x 90 = 54, contracted share 0.4 x 10 = 4: coverage first.
    EXPECT_NE(b.consistency_note.find("P10 of minimum DSCR (10)"), std::string::npos) << b.consistency_note;
}

TEST(LossConsistency, StrongWithAHighLossSaysWhy) {
    // 5 % x 50 % = 2.5 %: between 1.497 % and 4.733 %, Satisfactory: two below Strong.
    BankabilityScore b = scored("Strong");
    check_expected_loss_consistency(b, run(0.05, 0.5));
    EXPECT_EQ(b.expected_loss_category, "Satisfactory");
    EXPECT_NE(b.consistency_note.find("better"), std::string::npos);
    // Points won: contracted share 36 before coverage 6.
    EXPECT_EQ(b.consistency_note.find("Contracted share (90)") < b.consistency_note.find("P10 of minimum DSCR"), true);
}

TEST(LossConsistency, OneCategoryApartNeedsNoNote) {
    BankabilityScore b = scored("Good");
    check_expected_loss_consistency(b, run(0.001, 0.2));  // Strong by the loss
    EXPECT_EQ(b.expected_loss_category, "Strong");
    EXPECT_TRUE(b.consistency_note.empty());
    // Just above a boundary: 4.8 % x 100 % = 4.8 % > 4.733 %: Weak.
    b = scored("Weak");
    check_expected_loss_consistency(b, run(0.048, 1.0));
    EXPECT_EQ(b.expected_loss_category, "Weak");
    EXPECT_TRUE(b.consistency_note.empty());
    // No default on any path: no loss, Strong; a Satisfactory score is two away.
    b = scored("Satisfactory");
    check_expected_loss_consistency(b, run(0.0, 0.0));
    EXPECT_EQ(*b.annual_expected_loss, 0.0);
    EXPECT_EQ(b.expected_loss_category, "Strong");
    EXPECT_FALSE(b.consistency_note.empty());
}

TEST(LossConsistency, WithoutSeniorDebtThereIsNothingToCompare) {
    BankabilityScore b = scored("Weak");
    b.senior_debt = false;
    check_expected_loss_consistency(b, run(0.001, 0.2));
    EXPECT_FALSE(b.annual_expected_loss);
    EXPECT_TRUE(b.expected_loss_category.empty());
    EXPECT_TRUE(b.consistency_note.empty());
}

TEST(LossConsistency, TheLastSentenceNamesWhatTheDriversMeasure) {
    // Weak by the score, Strong by the loss (0.1 % x 20 % = 0.02 %), with coverage and the
    // contracts as the drivers: the sentence names those groups, not default risk.
    BankabilityScore b = scored("Weak");
    check_expected_loss_consistency(b, run(0.001, 0.2));
    EXPECT_NE(b.consistency_note.find("The coverage (DSCR, LLCR) and contracts factors score more than the "
                                      "lenders' loss"),
              std::string::npos)
        << b.consistency_note;
    EXPECT_EQ(b.consistency_note.find("probability of default is scored"), std::string::npos);

    // The same category gap with the points lost on the PD factor: pd_annual weight 0.5 at
    // sub-score 10 loses 45 points, the coverage 0.3 x 90 = 27, the contracts 0.2 x 10 = 2.
    // The sentence explains the PD factor and must not call it coverage or contracts.
    BankabilityScore p;
    p.category = "Weak";
    p.factors = {FactorScore{"pd_annual", "default_risk", "Annualised PD", 0.05, 10.0, 0.5, 5.0, 0.5, true},
                 FactorScore{"p10_dscr_min", "coverage", "P10 of minimum DSCR", 0.9, 10.0, 0.3, 3.0, 0.3, true},
                 FactorScore{"contracted_share", "revenue_certainty", "Contracted share", 0.9, 90.0, 0.2, 18.0,
                             0.2, true}};
    check_expected_loss_consistency(p, run(0.05, 0.01));  // 0.05 % a year: Strong
    const std::string& n = p.consistency_note;
    EXPECT_LT(n.find("Annualised PD (10)"), n.find("P10 of minimum DSCR (10)")) << n;
    EXPECT_NE(n.find("The probability of default is scored apart from what a default loses"), std::string::npos)
        << n;
    // Coverage (the second driver) is named as such, the PD is not among "contracts" etc.
    EXPECT_NE(n.find("The coverage (DSCR, LLCR) and contracts factors"), std::string::npos) << n;

    // Only default-risk drivers: no sentence about coverage, contracts or standing at all.
    p.factors = {FactorScore{"pd_annual", "default_risk", "Annualised PD", 0.05, 10.0, 0.6, 6.0, 0.6, true},
                 FactorScore{"annual_expected_loss_net", "default_risk", "Annual expected loss net", 0.0005, 20.0,
                             0.4, 8.0, 0.4, true}};
    check_expected_loss_consistency(p, run(0.05, 0.01));
    EXPECT_NE(p.consistency_note.find("probability of default is scored apart"), std::string::npos);
    EXPECT_NE(p.consistency_note.find("expected-loss factor is scored on the scorecard's own thresholds"),
              std::string::npos);
    for (const char* w : {"coverage", "contracts", "standing"})
        EXPECT_EQ(p.consistency_note.find(w), std::string::npos) << w << ": " << p.consistency_note;
}
