// What drives the result (docs/risks.md section 4): each risk family switched off in turn
// on the same paths. Checked against independent runs and hand-known cases: switching a
// family off is the run of the deal without it, bit for bit; a family the deal lacks has
// an effect of exactly zero; with prices off every path reads the deck, so the P10 NPV is
// the deterministic NPV; a ramp-up that always halves output makes a fixed-volume buyer
// short on every path, and only then.
#include "mc_test_util.hpp"

#include <offtake/attribution.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

using namespace offtake;

namespace {

MonteCarloOptions options(const Deal& d, double sigma) {
    MonteCarloOptions o;
    o.paths = 400;
    o.seed = 9;
    o.threads = 2;
    o.price_simulator = test::lognormal_for(d, sigma);
    return o;
}

const AttributionRow& row(const Attribution& a, const std::string& family) {
    for (const auto& r : a.families)
        if (r.family == family) return r;
    throw std::runtime_error("no row " + family);
}

}  // namespace

TEST(Attribution, SwitchingAFamilyOffIsTheDealWithoutItBitForBit) {
    Deal d = test::rich_deal();
    CompletionRisk c;
    c.overrun_mean = 0.2;
    c.overrun_sigma = 0.4;
    c.completion_support = 1e12;
    d.completion_risk = c;
    const Attribution a = attribute_risks(d, options(d, 0.35));
    Deal without = d;
    without.completion_risk.reset();
    const SimulationResult plain = simulate(without, options(without, 0.35));
    const auto& r = row(a, "completion");
    ASSERT_TRUE(r.in_deal);
    EXPECT_EQ(*r.without.p_default, plain.p_default.value);
    EXPECT_EQ(*r.without.npv_p10, *plain.npv.p10);
    // and the all-on run is simulate() of the deal itself
    const SimulationResult all = simulate(d, options(d, 0.35));
    EXPECT_EQ(*a.all.npv_p10, *all.npv.p10);
    EXPECT_EQ(*a.all.p_default, all.p_default.value);
    EXPECT_EQ(*r.effect.npv_p10, *all.npv.p10 - *plain.npv.p10);
    // production, country, counterparty: not in this deal, effect exactly zero
    for (const char* f : {"production", "country"}) {
        EXPECT_FALSE(row(a, f).in_deal);
        EXPECT_EQ(*row(a, f).effect.npv_p10, 0.0);
    }
    EXPECT_EQ(a.not_modelled, (std::vector<std::string>{"products", "currency", "parameters"}));
}

TEST(Attribution, PricesOffReadTheDeckOnEveryPath) {
    // No other risk: with prices off all 400 paths are the deterministic case, so every
    // quantile of NPV is its NPV.
    Deal d = test::one_mine(3, 0.5);
    const Attribution a = attribute_risks(d, options(d, 0.4));
    const auto p = prepare(d);
    PathInputs in;  // null prices: the deck
    PathResult det;
    PathScratch scratch;
    run_path(*p, in, det, scratch);
    const auto& r = row(a, "price");
    EXPECT_DOUBLE_EQ(*r.without.npv_p10, det.npv);
    EXPECT_EQ(*r.without.p_default, det.payment_default ? 1.0 : 0.0);
}

TEST(Attribution, ARampUpThatAlwaysHalvesOutputIsTheWholeShortfall) {
    // one_mine: 10 t/yr; a buyer of a fixed 8 t/yr. Ramp-up short on every path (p = 1)
    // by D = 0.5 exactly (sigma 0), never caught up (permanent share 1): 5 t a year, so the
    // buyer is short on every path; with production off, on none (flat prices, no other
    // risk). Effect on P(shortfall): exactly 1.
    Deal d = test::one_mine(3, 0.0);
    d.debt.reset();
    Offtake b;
    b.buyer = "B";
    b.volume_tpa = 8.0;
    d.offtakes = {b};
    ProductionRisk r;
    r.rampup_probability = 1.0;
    r.rampup_shortfall_mean = 0.5;
    r.rampup_permanent_share = 1.0;
    d.production_risk = r;
    const Attribution a = attribute_risks(d, options(d, 0.0));
    EXPECT_EQ(*a.all.p_shortfall, 1.0);
    EXPECT_EQ(*row(a, "production").without.p_shortfall, 0.0);
    EXPECT_EQ(*row(a, "production").effect.p_shortfall, 1.0);
}
