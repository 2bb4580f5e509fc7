// Metrics (conventions sections 2 and 9): NPV and IRR against QuantLib's CashFlows on
// the same dated flows, hand-computed IRRs, LLCR / PLCR, payback, and absent values.
#include "deal_builder.hpp"
#include "metrics/irr.hpp"

#include <offtake/deterministic.hpp>

#include <ql/cashflows/cashflows.hpp>
#include <ql/cashflows/simplecashflow.hpp>
#include <ql/math/solvers1d/brent.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;
using namespace QuantLib;

namespace {

// A quarterly Actual/365F deal with debt, tax, prepayment and two investors.
offtake::Deal quarterly_deal() {
    offtake::Deal d = test::quarterly_project();
    d.offtakes.push_back(test::offtake_for("A", 50, offtake::Pricing::Type::Fixed));
    d.offtakes[0].pricing.price = 95;
    d.offtakes[0].pricing.escalation = 0.015;
    Prepayment pp;
    pp.buyer = "A";
    pp.amount = 1000;
    pp.rate = 0.07;
    pp.deduction_share = 0.25;
    d.prepayment = pp;
    d.equity = {{"Sponsor", 0.75}, {"A", 0.25}};
    SeniorDebt debt;
    debt.gearing = 0.55;
    debt.tenor_years = 7;
    debt.profile = SeniorDebt::Profile::Annuity;
    debt.margin_bps = 250;
    debt.upfront_fee_bps = 100;
    d.debt = debt;
    return d;
}

Leg leg_of(const DealReport& rep, bool equity) {
    Leg leg;
    for (const auto& r : rep.periods) {
        const double cf = equity ? r.distribution - r.equity_contribution : r.project_cash_flow;
        if (cf != 0.0) leg.push_back(ext::make_shared<SimpleCashFlow>(cf, r.end));
    }
    return leg;
}

}  // namespace

TEST(Metrics, NpvAgreesWithQuantLibCashFlowsNpv) {
    const DealReport rep = run_deterministic(quarterly_deal());
    const Date start = rep.periods[0].end;
    const FlatForward curve(start, 0.08, Actual365Fixed(), Compounded, Annual);
    const double ql = CashFlows::npv(leg_of(rep, false), curve, true, start, start);
    EXPECT_NEAR(rep.metrics.npv, ql, 1e-9 * std::fabs(ql));
}

TEST(Metrics, IrrAgreesWithQuantLibCashFlowsYield) {
    const DealReport rep = run_deterministic(quarterly_deal());
    const Date start = rep.periods[0].end;
    // QuantLib's default NewtonSafe stops near 1e-8 on these flows; Brent at 1e-14 is
    // QuantLib's answer to full precision.
    Brent brent;
    const double ql = CashFlows::yield(brent, leg_of(rep, false), 0.0, Actual365Fixed(), Compounded,
                                       Annual, true, start, start, 1e-14, 0.1);
    ASSERT_TRUE(rep.metrics.irr);
    EXPECT_NEAR(*rep.metrics.irr, ql, 1e-11);
    const double ql_eq = CashFlows::yield(brent, leg_of(rep, true), 0.0, Actual365Fixed(),
                                          Compounded, Annual, true, start, start, 1e-14, 0.1);
    ASSERT_TRUE(rep.metrics.equity_irr[0]);
    EXPECT_NEAR(*rep.metrics.equity_irr[0], ql_eq, 1e-11);
    // Equity NPV at the cost of equity, split by shares.
    const double ql_eq_npv = CashFlows::npv(leg_of(rep, true), 0.10, Actual365Fixed(), Compounded,
                                            Annual, true, start, start);
    EXPECT_NEAR(rep.metrics.equity_npv[0], 0.75 * ql_eq_npv, 1e-9 * std::fabs(ql_eq_npv));
    EXPECT_NEAR(rep.metrics.equity_npv[1], 0.25 * ql_eq_npv, 1e-9 * std::fabs(ql_eq_npv));
    // The buyer holding a stake sees the same equity IRR.
    ASSERT_TRUE(rep.buyers[0].equity_irr);
    EXPECT_DOUBLE_EQ(*rep.buyers[0].equity_irr, *rep.metrics.equity_irr[1]);
    const ReconciliationReport rec = reconcile(rep);
    for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
}

TEST(Metrics, IrrByHand) {
    // -100 now, +121 in two years: (1 + r)^2 = 1.21, r = 10 %.
    const metrics::IrrGrid g({0.0, 1.0, 2.0});
    const double cf[] = {-100.0, 0.0, 121.0};
    const auto r = metrics::irr(g, cf, 0, 2);
    ASSERT_TRUE(r);
    EXPECT_NEAR(*r, 0.10, 1e-12);
    // -100, +60, +60: 60 / (1 + r) + 60 / (1 + r)^2 = 100 -> r = 13.0662386...%, the
    // positive root of 100 x^2 - 60 x - 60 = 0 with x = 1 + r... solved in closed form:
    const double x = (60.0 + std::sqrt(3600.0 + 24000.0)) / 200.0;
    const double cf2[] = {-100.0, 60.0, 60.0};
    const auto r2 = metrics::irr(g, cf2, 0, 2, {0.5});
    ASSERT_TRUE(r2);
    EXPECT_NEAR(*r2, x - 1.0, 1e-12);
    // Warm start far away still converges (bracketing).
    const auto r3 = metrics::irr(g, cf2, 0, 2, {-0.9});
    ASSERT_TRUE(r3);
    EXPECT_NEAR(*r3, x - 1.0, 1e-12);
}

TEST(Metrics, IrrAbsentWithoutSignChange) {
    const metrics::IrrGrid g({0.0, 1.0, 2.0});
    const double all_positive[] = {10.0, 20.0, 30.0};
    EXPECT_FALSE(metrics::irr(g, all_positive, 0, 2).has_value());
    const double zeros[] = {0.0, 0.0, 0.0};
    EXPECT_FALSE(metrics::irr(g, zeros, 0, 2).has_value());
    // A project that never earns anything: no IRR, no payback.
    offtake::Deal d = test::minimal_deal(3);
    d.price_deck.price = 0.0;
    const DealReport rep = run_deterministic(d);
    EXPECT_FALSE(rep.metrics.irr.has_value());
    EXPECT_FALSE(rep.metrics.payback_years.has_value());
    EXPECT_FALSE(rep.metrics.equity_irr[0].has_value());
}

TEST(Metrics, RatiosAbsentWithoutDebt) {
    const DealReport rep = run_deterministic(test::minimal_deal(3));
    EXPECT_FALSE(rep.metrics.dscr_min.has_value());
    EXPECT_FALSE(rep.metrics.dscr_avg.has_value());
    EXPECT_FALSE(rep.metrics.llcr.has_value());
    EXPECT_FALSE(rep.metrics.plcr.has_value());
    for (const auto& r : rep.periods) EXPECT_FALSE(r.has_dscr);
    EXPECT_EQ(rep.metrics.lender_loss, 0.0);
}

TEST(Metrics, LlcrAndPlcrAtCod) {
    offtake::Deal d = test::minimal_deal(4);
    SeniorDebt debt;
    debt.gearing = 0.5;
    debt.tenor_years = 3;
    debt.profile = SeniorDebt::Profile::StraightLine;
    debt.base_rate = 0.05;
    debt.margin_bps = 100;
    debt.dsra_months = 0;
    d.debt = debt;
    const DealReport rep = run_deterministic(d);
    // CFADS 1000 a year, 6 % loan rate: LLCR = 1000 a(3) / 500, PLCR = 1000 a(4) / 500.
    auto annuity = [](int n) { return (1.0 - std::pow(1.06, -n)) / 0.06; };
    ASSERT_TRUE(rep.metrics.llcr && rep.metrics.plcr);
    EXPECT_NEAR(*rep.metrics.llcr, 1000.0 * annuity(3) / 500.0, 1e-9);
    EXPECT_NEAR(*rep.metrics.plcr, 1000.0 * annuity(4) / 500.0, 1e-9);
    // With a 12-month DSRA the denominator is net of the reserve: 500 - DS_2 (196.67).
    d.debt->dsra_months = 12;
    const DealReport with_dsra = run_deterministic(d);
    EXPECT_NEAR(*with_dsra.metrics.llcr, 1000.0 * annuity(3) / (500.0 - (500.0 / 3 + 30.0)), 1e-9);
}

TEST(Metrics, PaybackInterpolatesWithinThePeriod) {
    offtake::Deal d = test::minimal_deal(3);
    d.price_deck.price = 150.0;  // 1500 a year against 1000 of capex at t = 1
    const DealReport rep = run_deterministic(d);
    ASSERT_TRUE(rep.metrics.payback_years);
    EXPECT_NEAR(*rep.metrics.payback_years, 1.0 + 1000.0 / 1500.0, 1e-12);
}

TEST(Metrics, DeterministicNpvByHand) {
    // -1000 at 2026-01-01 (365 days), +1000 at 2027, 2028, 2029 (730, 1095, 1461 days)
    // discounted at 8 % annual on Actual/365F.
    const DealReport rep = run_deterministic(test::minimal_deal(3));
    const double npv = -1000 * std::pow(1.08, -365 / 365.0) + 1000 * std::pow(1.08, -730 / 365.0) +
                       1000 * std::pow(1.08, -1095 / 365.0) + 1000 * std::pow(1.08, -1461 / 365.0);
    EXPECT_NEAR(rep.metrics.npv, npv, 1e-9);
}
