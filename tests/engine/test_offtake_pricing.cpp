// Offtake allocation and pricing (conventions section 4) on the minimal deal: annual
// periods, 30/360 so tau = 1 and T(d_t) = t, construction in period 1, operating
// periods 2..4 (10 t/yr, no costs, no tax, no debt). Expected revenues by hand.
#include "deal_builder.hpp"

#include <offtake/deterministic.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;
using QuantLib::Date;

namespace {
void expect_reconciles(const DealReport& rep) {
    const ReconciliationReport rec = reconcile(rep);
    for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
}
}  // namespace

TEST(OfftakePricing, FixedPriceEscalatesAndRestGoesSpot) {
    Deal d = test::minimal_deal();
    d.price_deck.spot_discount = 0.1;
    d.offtakes.push_back(test::offtake_for("A", 6, Pricing::Type::Fixed));
    d.offtakes[0].pricing.price = 120;
    d.offtakes[0].pricing.escalation = 0.05;
    const DealReport rep = run_deterministic(d);
    for (int t = 2; t <= 4; ++t) {
        // 6 t at 120 * 1.05^t (T(d_t) = t years from start), 4 t spot at 100 * (1 - 10 %).
        const double fixed = 6 * 120 * std::pow(1.05, t);
        EXPECT_NEAR(rep.periods[t].contract_revenue, fixed, 1e-9);
        EXPECT_NEAR(rep.periods[t].spot_revenue, 4 * 90.0, 1e-9);
        EXPECT_NEAR(rep.periods[t].revenue, fixed + 360.0, 1e-9);
        EXPECT_NEAR(rep.periods[t].contract_price[0], 120 * std::pow(1.05, t), 1e-9);
    }
    EXPECT_NEAR(rep.buyers[0].delivered_tonnes, 18.0, 1e-12);
    EXPECT_NEAR(rep.buyers[0].average_spot_price, 100.0, 1e-12);
    expect_reconciles(rep);
}

TEST(OfftakePricing, IndexWithPercentAndAbsoluteDiscount) {
    Deal d = test::minimal_deal();
    d.offtakes.push_back(test::offtake_for("A", 6, Pricing::Type::Index));
    d.offtakes[0].pricing.discount = 0.1;
    d.offtakes[0].pricing.discount_abs = 5;
    const DealReport rep = run_deterministic(d);
    // 6 t at 100 * 0.9 - 5 = 85, 4 t spot at 100.
    EXPECT_NEAR(rep.periods[2].contract_price[0], 85.0, 1e-12);
    EXPECT_NEAR(rep.periods[3].revenue, 6 * 85.0 + 400.0, 1e-9);
    EXPECT_NEAR(rep.buyers[0].average_price, 85.0, 1e-12);
    expect_reconciles(rep);
}

namespace {
// Calendar-year price table: period 2 is calendar 2026, period 3 2027, period 4 2028.
Deal collar_deal(std::optional<double> floor, std::optional<double> cap) {
    Deal d = test::minimal_deal();
    d.price_deck.type = PriceDeck::Type::Table;
    d.price_deck.table = {{2026, 50}, {2027, 100}, {2028, 200}};
    d.offtakes.push_back(test::offtake_for("A", 10, Pricing::Type::Collar));
    d.offtakes[0].pricing.floor = floor;
    d.offtakes[0].pricing.cap = cap;
    d.offtakes[0].pricing.discount = 0.02;
    return d;
}
}  // namespace

TEST(OfftakePricing, CollarFloorAndCap) {
    const DealReport rep = run_deterministic(collar_deal(80.0, 150.0));
    EXPECT_NEAR(rep.periods[2].contract_price[0], 80 * 0.98, 1e-12);   // floor binds (S = 50)
    EXPECT_NEAR(rep.periods[3].contract_price[0], 100 * 0.98, 1e-12);  // inside (S = 100)
    EXPECT_NEAR(rep.periods[4].contract_price[0], 150 * 0.98, 1e-12);  // cap binds (S = 200)
    EXPECT_NEAR(rep.periods[4].revenue, 10 * 147.0, 1e-9);
    expect_reconciles(rep);
}

TEST(OfftakePricing, FloorAloneAndCapAloneAreOneSidedCollars) {
    const DealReport floor_only = run_deterministic(collar_deal(80.0, std::nullopt));
    EXPECT_NEAR(floor_only.periods[2].contract_price[0], 80 * 0.98, 1e-12);
    EXPECT_NEAR(floor_only.periods[4].contract_price[0], 200 * 0.98, 1e-12);
    const DealReport cap_only = run_deterministic(collar_deal(std::nullopt, 150.0));
    EXPECT_NEAR(cap_only.periods[2].contract_price[0], 50 * 0.98, 1e-12);
    EXPECT_NEAR(cap_only.periods[4].contract_price[0], 150 * 0.98, 1e-12);
}

TEST(OfftakePricing, CollarBoundsEscalateWhenStated) {
    Deal d = collar_deal(80.0, 150.0);
    d.offtakes[0].pricing.escalation = 0.1;
    d.offtakes[0].pricing.escalate_floor_cap = true;
    const DealReport rep = run_deterministic(d);
    EXPECT_NEAR(rep.periods[2].contract_price[0], 80 * 1.1 * 1.1 * 0.98, 1e-9);         // floor 96.8
    // The cap escalates to 150 * 1.1^4 = 219.615 > S = 200: the index price applies.
    EXPECT_NEAR(rep.periods[4].contract_price[0], 200 * 0.98, 1e-9);
}

TEST(OfftakePricing, PriorityOrderThenSpot) {
    Deal d = test::minimal_deal();
    d.offtakes.push_back(test::offtake_for("A", 8, Pricing::Type::Index));
    d.offtakes[0].priority = 2;
    d.offtakes.push_back(test::offtake_for("B", 5, Pricing::Type::Index));
    d.offtakes[1].priority = 1;
    const DealReport rep = run_deterministic(d);
    // B (priority 1) gets its 5 t, A the 5 t left of its 8, nothing spot.
    EXPECT_NEAR(rep.periods[2].delivered[1], 5.0, 1e-12);
    EXPECT_NEAR(rep.periods[2].delivered[0], 5.0, 1e-12);
    EXPECT_NEAR(rep.periods[2].spot_tonnes, 0.0, 1e-12);
    EXPECT_TRUE(rep.buyers[0].shortfall);
    EXPECT_FALSE(rep.buyers[1].shortfall);
}

TEST(OfftakePricing, TakeOrPayShortfallPenaltyIsAProjectCost) {
    Deal d = test::minimal_deal();
    d.offtakes.push_back(test::offtake_for("A", 12, Pricing::Type::Fixed));
    d.offtakes[0].pricing.price = 100;
    d.offtakes[0].take_or_pay = 0.8;
    d.offtakes[0].shortfall_penalty = 0.5;
    const DealReport rep = run_deterministic(d);
    // 10 t produced of 12 contracted: 2 t short, penalty 0.5 * 100 * 2 = 100 per year.
    EXPECT_NEAR(rep.periods[2].shortfall_penalty, 100.0, 1e-9);
    EXPECT_NEAR(rep.periods[2].ebitda, 1000.0 - 100.0, 1e-9);
    EXPECT_NEAR(rep.buyers[0].contracted_tonnes, 36.0, 1e-9);
    EXPECT_NEAR(rep.buyers[0].delivered_tonnes, 30.0, 1e-9);
    EXPECT_TRUE(rep.buyers[0].shortfall);
    expect_reconciles(rep);
}

TEST(OfftakePricing, ContractTenorLimitsDeliveries) {
    Deal d = test::minimal_deal();
    d.offtakes.push_back(test::offtake_for("A", 6, Pricing::Type::Fixed));
    d.offtakes[0].pricing.price = 50;
    d.offtakes[0].end = Date(1, QuantLib::January, 2028);  // covers periods 2 and 3 only
    const DealReport rep = run_deterministic(d);
    EXPECT_NEAR(rep.periods[3].delivered[0], 6.0, 1e-12);
    EXPECT_NEAR(rep.periods[4].delivered[0], 0.0, 1e-12);
    EXPECT_NEAR(rep.periods[4].revenue, 1000.0, 1e-9);
}

TEST(OfftakePricing, BuyerDefaultLosesTheReceivableThenSellsSpot) {
    Deal d = test::minimal_deal();
    d.offtakes.push_back(test::offtake_for("A", 6, Pricing::Type::Fixed));
    d.offtakes[0].pricing.price = 150;
    d.offtakes[0].recovery = 0.4;
    const auto p = prepare(d);
    const int default_period = 3;
    PathInputs in;
    in.buyer_default_period = &default_period;
    PathResult r;
    PathScratch s;
    PathSeries series;
    run_path(*p, in, r, s, &series);
    // t = 2: 6 t at 150 + 4 t at 100 = 1300. t = 3: same invoice, but A's 900 is lost
    // except 40 %: CFADS = 1300 - 0.6 * 900 = 760. t = 4: all 10 t spot = 1000.
    EXPECT_NEAR(series.cfads[2], 1300.0, 1e-9);
    EXPECT_NEAR(series.cfads[3], 760.0, 1e-9);
    EXPECT_NEAR(series.cfads[4], 1000.0, 1e-9);
    EXPECT_TRUE(r.buyers[0].defaulted);
    EXPECT_NEAR(r.buyers[0].delivered_tonnes, 12.0, 1e-12);
}
