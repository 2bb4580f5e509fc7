// A bundled example rebuilt from a published feasibility study must give back the
// study's after-tax NPV at the study's discount rate, within 10 %.
//
// Expected figures are the study's own, from the news release of the Thacker Pass
// pre-feasibility study (Lithium Americas, 21 June 2018): after-tax NPV at 8 %
// $2.6 billion and after-tax IRR 29.3 % at $12,000/t Li2CO3. The example's inputs are
// that release's figures (see the comments in examples/thacker-pass-gm.yaml).
//
// Project NPV and IRR are unlevered (conventions section 3), so the DOE loan, GM's
// equity stake and the offtakes at index prices do not enter them: the deterministic
// run of the example is the study's project case.
//
// Why the result is not exactly $2.6B (our reconstruction lands about 10 % above):
//  - no ramp-up: each phase produces at nameplate from its first year;
//  - tax is the 21 % federal rate on EBITDA less 10-year straight-line depreciation;
//    the Nevada net-proceeds-of-minerals tax and percentage depletion are left out;
//  - the all-in sustaining cost ($3,043/t) is charged per tonne in place of the
//    study's year-by-year opex, royalties and sustaining capital;
//  - the three-year construction (2019-2021) and even capex spend are our reading of
//    "first production in 2022", not the study's schedule; Phase 2 capex is spent in
//    the two years before Phase 2 starts;
//  - no working capital and no closure cost.
// Leaving out a state tax and spending evenly both raise NPV, which is the direction
// of the gap.
#include <offtake/deal_file.hpp>
#include <offtake/engine.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

namespace {

std::string example(const std::string& name) {
    return std::string(OFFTAKE_SOURCE_DIR) + "/examples/" + name;
}

offtake::PathResult deterministic(const offtake::Deal& deal) {
    auto prepared = offtake::prepare(deal);
    const auto& prices = offtake::base_prices(*prepared);
    offtake::PathInputs inputs;
    inputs.price = prices.data();
    offtake::PathResult result;
    offtake::PathScratch scratch;
    offtake::run_path(*prepared, inputs, result, scratch);
    return result;
}

}  // namespace

TEST(PublishedNpv, ThackerPassPfs2018WithinTenPercent) {
    offtake::Deal deal = offtake::load_deal_file(example("thacker-pass-gm.yaml"));

    // The example must still hold the study's deck and rate, else the comparison is void.
    ASSERT_EQ(deal.price_deck.type, offtake::PriceDeck::Type::Flat);
    ASSERT_DOUBLE_EQ(deal.price_deck.price, 12000.0);
    ASSERT_TRUE(deal.discounting.rate.has_value());
    ASSERT_DOUBLE_EQ(*deal.discounting.rate, 0.08);
    ASSERT_EQ(deal.project.mine_life_years, 46);

    offtake::PathResult r = deterministic(deal);

    const double published_npv = 2.6e9;   // after tax, 8 % [PFS release]
    const double published_irr = 0.293;   // after tax [PFS release]
    const double gap = r.npv / published_npv - 1.0;
    std::printf("Thacker Pass PFS 2018: NPV8 %.0f vs published %.0f (%+.1f %%)\n", r.npv,
                published_npv, 100.0 * gap);
    EXPECT_LT(std::fabs(gap), 0.10) << "NPV " << r.npv;

    // The IRR is a second, independent published figure; same 10 % tolerance, relative.
    ASSERT_TRUE(r.irr.has_value());
    std::printf("Thacker Pass PFS 2018: IRR %.2f %% vs published %.1f %%\n", 100.0 * *r.irr,
                100.0 * published_irr);
    EXPECT_LT(std::fabs(*r.irr / published_irr - 1.0), 0.10) << "IRR " << *r.irr;
}
