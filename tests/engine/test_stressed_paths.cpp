// Stressed paths through the full waterfall: low and high prices, a buyer default, KPIs
// missed. On each, the accounts reconcile to the cent and run_path (no recorder) gives
// the same metrics as the full report (recorder), since both run the same core.
#include "deal_builder.hpp"

#include <offtake/deterministic.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

Deal full_deal() {
    Deal d = test::quarterly_project();
    d.offtakes.push_back(test::offtake_for("A", 40, Pricing::Type::Fixed));
    d.offtakes[0].pricing.price = 95;
    d.offtakes[0].shortfall_penalty = 0.2;
    d.offtakes[0].recovery = 0.3;
    d.offtakes.push_back(test::offtake_for("B", 30, Pricing::Type::Collar));
    d.offtakes[1].priority = 2;
    d.offtakes[1].pricing.floor = 80;
    d.offtakes[1].pricing.cap = 130;
    Prepayment pp;
    pp.buyer = "A";
    pp.amount = 1500;
    pp.rate = 0.07;
    pp.deduction_share = 0.25;
    d.prepayment = pp;
    d.equity = {{"Sponsor", 0.75}, {"B", 0.25}};
    SeniorDebt debt;
    debt.gearing = 0.65;
    debt.tenor_years = 8;
    debt.grace_periods = 2;
    debt.profile = SeniorDebt::Profile::Sculpted;
    debt.target_dscr = 1.3;
    debt.margin_bps = 250;
    debt.upfront_fee_bps = 100;
    debt.commitment_fee_bps = 40;
    d.debt = debt;
    Guarantee g;
    g.cover = 0.4;
    g.fee_bps = 90;
    g.margin_bps = 120;
    d.guarantee = g;
    SustainabilityLinkedMargin sll;
    Kpi k;
    k.name = "water";
    k.step_up_bps = 15;
    k.step_down_bps = 10;
    for (int y = 1; y <= 12; ++y) {
        k.targets.push_back({y, 1.0});
        k.planned.push_back({y, 1.1});
    }
    sll.kpis = {k};
    d.sustainability_linked_margin = sll;
    return d;
}

void expect_same(const PathResult& a, const PathResult& b) {
    EXPECT_DOUBLE_EQ(a.npv, b.npv);
    EXPECT_EQ(a.irr.has_value(), b.irr.has_value());
    if (a.irr && b.irr) EXPECT_NEAR(*a.irr, *b.irr, 1e-11);
    EXPECT_EQ(a.dscr_min.has_value(), b.dscr_min.has_value());
    if (a.dscr_min && b.dscr_min) EXPECT_DOUBLE_EQ(*a.dscr_min, *b.dscr_min);
    EXPECT_DOUBLE_EQ(a.lender_loss, b.lender_loss);
    EXPECT_EQ(a.payment_default, b.payment_default);
    EXPECT_EQ(a.lockup, b.lockup);
    EXPECT_DOUBLE_EQ(a.equity_npv[0], b.equity_npv[0]);
}

}  // namespace

TEST(StressedPaths, ReconcileAndAgreeWithRunPath) {
    const auto p = prepare(full_deal());
    const int n = grid(*p).periods();
    const double factors[] = {1.0, 0.2, 0.5, 0.8, 1.5};
    int defaults = 0, lockups = 0;
    for (double factor : factors) {
        for (int scenario = 0; scenario < 3; ++scenario) {
            SCOPED_TRACE("price x" + std::to_string(factor) + " scenario " + std::to_string(scenario));
            std::vector<double> prices = base_prices(*p);
            for (int t = 0; t <= n; ++t) prices[t] *= factor * (1.0 + 0.3 * std::sin(0.7 * t));
            std::vector<int> defaults_at(2, n + 1);
            std::vector<unsigned char> met(12, 1);
            PathInputs in;
            in.price = prices.data();
            if (scenario >= 1) { defaults_at[0] = 15; in.buyer_default_period = defaults_at.data(); }
            if (scenario == 2) { std::fill(met.begin(), met.end(), 0); in.kpi_met = met.data(); }
            const DealReport rep = run_path_report(*p, in);
            const ReconciliationReport rec = reconcile(rep);
            for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
            PathResult r;
            PathScratch s;
            run_path(*p, in, r, s);
            expect_same(r, rep.metrics);
            defaults += r.payment_default;
            lockups += r.lockup;
        }
    }
    // The scenarios do reach the default and lock-up branches.
    EXPECT_GT(defaults, 0);
    EXPECT_GT(lockups, 0);
}
