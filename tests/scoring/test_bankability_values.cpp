// The scorecard's factor values of a deal, computed by hand over the debt tenor.
#include <offtake/montecarlo.hpp>
#include <offtake/bankability.hpp>

#include <gtest/gtest.h>

namespace offtake {
namespace {

// Annual periods from 1 January 2025, one construction year: COD 1 January 2026. Debt
// tenor 4 operating years; production 100 t in year 1, then 200 t.
Deal tenor_deal() {
    Deal d;
    d.project.time.start = QuantLib::Date(1, QuantLib::January, 2025);
    d.project.time.frequency = Frequency::Annual;
    d.project.construction_periods = 1;
    d.project.mine_life_years = 10;
    d.project.production_tpa = {100.0, 200.0};
    Offtake a;  // first served, fixed price, PD 2 %
    a.buyer = "a";
    a.volume_tpa = 150.0;
    a.pricing.type = Pricing::Type::Fixed;
    a.buyer_pd = 0.02;
    Offtake b;  // 20 % of production at index, PD 1 %
    b.buyer = "b";
    b.share = 0.2;
    b.priority = 2;
    b.pricing.type = Pricing::Type::Index;
    b.buyer_pd = 0.01;
    Offtake c;  // a floored collar ending 1 January 2028, no PD
    c.buyer = "c";
    c.volume_tpa = 50.0;
    c.priority = 3;
    c.pricing.type = Pricing::Type::Collar;
    c.pricing.floor = 10.0;
    c.end = QuantLib::Date(1, QuantLib::January, 2028);
    d.offtakes = {a, b, c};
    SeniorDebt debt;
    debt.tenor_years = 4;
    debt.dsra_months = 6;
    d.debt = debt;
    Prepayment p;
    p.buyer = "a";
    p.amount = 100.0;
    d.prepayment = p;
    d.assessment.country_risk = 60.0;
    return d;
}

TEST(BankabilityValues, RevenueCertaintyAndSecurityByHand) {
    SimulationResult r;
    r.paths = 1000;
    r.dscr_min.p50 = 1.4;
    r.dscr_min.p10 = 1.1;
    r.llcr.p50 = 1.5;
    r.p_default.value = 0.03;
    r.expected_loss_net.value = 0.004;
    r.peak_debt.mean = 500.0;
    const auto v = bankability_values(tenor_deal(), r);
    // Year 1: 100 t, all to a.  Year 2: 200 t: a 150, b 40, c gets the 10 t left
    // (its contract covers 730/365.25 = 1.9986 years from COD, most of year 2).
    // Years 3 and 4: a 150, b 40, c ended: 190 of 200.
    // Contracted 100 + 200 + 190 + 190 = 680 of 700 produced.
    EXPECT_NEAR(*v.at("contracted_share"), 680.0 / 700.0, 1e-12);
    // Floor or fixed price: a's 550 t and c's 10 t.
    EXPECT_NEAR(*v.at("floor_protection"), 560.0 / 680.0, 1e-12);
    // PD weighted by tonnes of buyers with a PD: (0.02 x 550 + 0.01 x 120) / 670.
    EXPECT_NEAR(*v.at("buyer_pd"), (0.02 * 550 + 0.01 * 120) / 670.0, 1e-12);
    EXPECT_EQ(*v.at("guarantee_cover"), 0.0);
    EXPECT_EQ(*v.at("dsra_months"), 6.0);
    EXPECT_NEAR(*v.at("prepayment_ranking"), 100.0 / 500.0, 1e-12);
    EXPECT_EQ(*v.at("p10_dscr_min"), 1.1);
    EXPECT_EQ(*v.at("country_risk"), 60.0);
    EXPECT_FALSE(v.at("sponsor_strength").has_value());

    const auto score = score_bankability(default_scorecard(), v);
    for (const auto& f : score.factors) {
        // P10 min DSCR 1.1 lies between [1.00, 35] and [1.15, 60]: 35 + (0.1 / 0.15) 25.
        if (f.id == "p10_dscr_min") EXPECT_NEAR(f.sub_score, 35.0 + 0.1 / 0.15 * 25.0, 1e-9);
        // Unstated sponsor strength: the file's neutral 50.
        if (f.id == "sponsor_strength") EXPECT_EQ(f.sub_score, 50.0);
    }
    double total = 0.0;
    for (const auto& f : score.factors) total += f.weight * f.sub_score;
    EXPECT_NEAR(score.score, total, 1e-9);
}

TEST(BankabilityValues, NoDebtLeavesCoverageAbsent) {
    Deal d = tenor_deal();
    d.debt.reset();
    SimulationResult r;
    r.paths = 10;
    const auto v = bankability_values(d, r);
    auto absent = [&](const char* id) { return v.count(id) == 0 || !v.at(id).has_value(); };
    EXPECT_TRUE(absent("p_default"));
    EXPECT_TRUE(absent("expected_loss_net"));
    EXPECT_TRUE(absent("dsra_months"));
    EXPECT_TRUE(absent("prepayment_ranking"));
    // Absent values take the file's missing sub-score.
    const auto score = score_bankability(default_scorecard(), v);
    for (const auto& f : score.factors)
        if (f.id == "p_default") EXPECT_EQ(f.sub_score, 50.0);
}

}  // namespace
}  // namespace offtake
