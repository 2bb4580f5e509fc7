// Tranches below the senior debt (docs/credit.md section 7), checked against hand
// calculations. Minimal deal: annual, 30/360 (every tau = 1), capex 1000 in period 1,
// COD = period 1, 10 t/yr sold spot, no costs, no tax.
//   Senior: 50 % gearing = 500 at COD, 5 % fixed, straight line over 3 years, no DSRA:
//     principal 166.667 a year; interest 25, 16.667, 8.333; service 191.667, 183.333, 175.
//   Subordinated "mezz": 30 % gearing = 300 at COD (nothing accrues in period 1: the
//     balance is drawn at its end), 12 % fixed, bullet after 3 years: due 36, 36, 36 + 300.
#include "deal_builder.hpp"

#include <offtake/deterministic.hpp>
#include <offtake/engine.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

SeniorDebt senior(double gearing) {
    SeniorDebt debt;
    debt.gearing = gearing;
    debt.tenor_years = 3;
    debt.profile = SeniorDebt::Profile::StraightLine;
    debt.base_rate = 0.05;
    debt.dsra_months = 0;
    return debt;
}

DebtTranche tranche(const std::string& name, DebtTranche::Priority priority, double gearing, double rate,
                    DebtTranche::Profile profile = DebtTranche::Profile::Bullet) {
    DebtTranche t;
    t.name = name;
    t.priority = priority;
    t.gearing = gearing;
    t.tenor_years = 3;
    t.profile = profile;
    t.base_rate = rate;
    return t;
}

// Prices by calendar year: period 2 is 2026, period 3 2027, period 4 2028.
Deal two_tranche_deal(double p2, double p3, double p4) {
    Deal d = test::minimal_deal(3);
    d.price_deck.type = PriceDeck::Type::Table;
    d.price_deck.table = {{2026, p2}, {2027, p3}, {2028, p4}};
    d.debt = senior(0.5);
    d.debt->tranches.push_back(tranche("mezz", DebtTranche::Priority::Subordinated, 0.3, 0.12));
    return d;
}

void expect_reconciles(const DealReport& rep) {
    const ReconciliationReport rec = reconcile(rep);
    EXPECT_TRUE(rec.ok);
    for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
}

}  // namespace

// Period 3 (price 20): CFADS 200 pays the senior service 183.333 in full; the 16.667
// left pays part of the mezzanine's 36: a shortfall of 19.333, not cured (3-day cure
// period), so the mezzanine's own event of default, with the senior performing.
//   EAD = 300 + 36 - 16.667 = 319.333.
// Period 4 (price 30): CFADS 300 pays the senior 175; the mezzanine (accelerated) is owed
// 319.333 x 1.12 = 357.653 and gets 125; 232.653 is written off at the mine's end.
// Recovery at the default date, at the senior's base rate + 5 % = 10 %: 125 / 1.1 =
// 113.636; loss = 319.333 - 113.636 = 205.697.
TEST(Tranches, SubordinatedShortOfCashWhileTheSeniorIsPaid) {
    const DealReport rep = run_deterministic(two_tranche_deal(100, 20, 30));
    const auto& P = rep.periods;
    // Construction: 500 senior + 300 mezzanine, the sponsors 200.
    EXPECT_NEAR(P[1].debt_draw, 500.0, 1e-9);
    EXPECT_NEAR(P[1].tranche_draw, 300.0, 1e-9);
    EXPECT_NEAR(P[1].equity_contribution, 200.0, 1e-9);
    // Period 2: both paid; 1000 - 191.667 - 36 distributed.
    EXPECT_NEAR(P[2].debt_service_due, 500.0 / 3 + 25.0, 1e-9);
    EXPECT_NEAR(P[2].tranche_interest, 36.0, 1e-9);
    EXPECT_NEAR(P[2].tranche_paid, 36.0, 1e-9);
    EXPECT_NEAR(P[2].distribution, 1000.0 - (500.0 / 3 + 25.0) - 36.0, 1e-9);
    // Period 3: the senior in full, the mezzanine short.
    const double senior3 = 500.0 / 3 + 1000.0 / 3 * 0.05;
    EXPECT_NEAR(P[3].principal_paid + P[3].interest_paid, senior3, 1e-9);
    EXPECT_FALSE(P[3].payment_default);
    EXPECT_NEAR(P[3].tranche_paid, 200.0 - senior3, 1e-9);
    const double ead = 300.0 + 36.0 - (200.0 - senior3);
    EXPECT_NEAR(P[3].tranche_balance, ead, 1e-9);
    EXPECT_NEAR(P[3].distribution, 0.0, 1e-12);
    // Period 4.
    EXPECT_NEAR(P[4].tranche_interest, ead * 0.12, 1e-9);
    EXPECT_NEAR(P[4].tranche_paid, 300.0 - 175.0, 1e-9);
    EXPECT_NEAR(P[4].tranche_write_off, ead * 1.12 - 125.0, 1e-9);
    EXPECT_NEAR(P[4].tranche_balance, 0.0, 1e-12);
    // The senior never defaults; the mezzanine does, in period 3.
    EXPECT_FALSE(rep.metrics.payment_default);
    ASSERT_EQ(rep.metrics.tranches.size(), 1u);
    const TranchePathResult& m = rep.metrics.tranches[0];
    EXPECT_TRUE(m.payment_default);
    EXPECT_EQ(m.default_period, 3);
    EXPECT_NEAR(m.exposure_at_default, ead, 1e-9);
    EXPECT_NEAR(m.recovery, 125.0 / 1.1, 1e-9);
    EXPECT_NEAR(m.loss, ead - 125.0 / 1.1, 1e-9);
    // Senior DSCR: min 200 / 183.333; total DSCR (senior + mezzanine service due):
    // period 4 is 300 / (175 + 357.653).
    ASSERT_TRUE(rep.metrics.dscr_min);
    EXPECT_NEAR(*rep.metrics.dscr_min, 200.0 / senior3, 1e-12);
    ASSERT_TRUE(rep.metrics.dscr_total_min);
    EXPECT_NEAR(*rep.metrics.dscr_total_min, 300.0 / (175.0 + ead * 1.12), 1e-12);
    expect_reconciles(rep);
}

// With cash for all, the mezzanine is paid to plan, and the total DSCR is
// CFADS / (senior + mezzanine service): period 4 is 1000 / (175 + 336).
TEST(Tranches, PaidToPlanWithTotalDscr) {
    const DealReport rep = run_deterministic(two_tranche_deal(100, 100, 100));
    const auto& P = rep.periods;
    EXPECT_NEAR(P[4].tranche_paid, 336.0, 1e-9);
    EXPECT_NEAR(P[4].distribution, 1000.0 - 175.0 - 336.0, 1e-9);
    EXPECT_FALSE(rep.metrics.tranches[0].payment_default);
    EXPECT_FALSE(rep.metrics.tranches[0].payment_shortfall);
    EXPECT_NEAR(*rep.metrics.dscr_total_min, 1000.0 / (175.0 + 336.0), 1e-12);
    EXPECT_NEAR(*rep.metrics.dscr_min, 1000.0 / (500.0 / 3 + 25.0), 1e-12);
    expect_reconciles(rep);
}

// Cross-default and recovery by priority. Ten operating years at a flat price of 10
// (CFADS 100 a year); senior 30 % = 300, 5 %, straight line over 3 years (service in
// period 2: 100 + 15 = 115); mezzanine 30 % = 300, 12 % bullet; the lenders enforce.
// Period 2: CFADS 100 < 115: the senior gets 100 (15 interest, 85 principal) and the
// shortfall is an event of default: senior EAD = 300 + 15 - 100 = 215; the mezzanine,
// paid nothing, is in default with it (cross-default): EAD = 300 + 36 = 336.
// The sale: the buyer's view of periods 3..11 is the deck (S_e / deck_e = 1), CFADS 100 a
// year, V = 100 x (1 - 1.15^-9) / 0.15 at the distressed 15 %; net of 10 % costs, 0.9 V.
// The senior takes 215, the mezzanine the rest (0.9 V - 215 < 336), equity nothing.
TEST(Tranches, EnforcementPaysSeniorThenSubordinated) {
    Deal d = test::minimal_deal(10);
    d.price_deck.price = 10.0;
    d.debt = senior(0.3);
    DefaultRemedies rules;
    rules.response = DefaultRemedies::Response::Enforce;
    d.debt->on_default = rules;
    d.debt->tranches.push_back(tranche("mezz", DebtTranche::Priority::Subordinated, 0.3, 0.12));
    const DealReport rep = run_deterministic(d);
    const double V = 100.0 * (1.0 - std::pow(1.15, -9)) / 0.15;
    const double net = 0.9 * V;
    const PathResult& m = rep.metrics;
    ASSERT_TRUE(m.payment_default);
    EXPECT_EQ(m.default_period, 2);
    EXPECT_TRUE(m.enforced);
    EXPECT_NEAR(m.exposure_at_default, 215.0, 1e-9);
    EXPECT_NEAR(m.going_concern_value, V, 1e-9);
    EXPECT_NEAR(m.sale_to_lenders, 215.0, 1e-9);
    EXPECT_NEAR(m.lender_loss, 0.0, 1e-12);
    ASSERT_EQ(m.tranches.size(), 1u);
    EXPECT_TRUE(m.tranches[0].payment_default);
    EXPECT_EQ(m.tranches[0].default_period, 2);
    EXPECT_NEAR(m.tranches[0].exposure_at_default, 336.0, 1e-9);
    EXPECT_NEAR(m.sale_to_tranches, net - 215.0, 1e-9);
    EXPECT_NEAR(m.tranches[0].recovery, net - 215.0, 1e-9);
    EXPECT_NEAR(m.tranches[0].loss, 336.0 - (net - 215.0), 1e-9);
    // The sale is in period 2's row; nothing reaches equity.
    EXPECT_NEAR(rep.periods[2].tranche_paid, net - 215.0, 1e-9);
    EXPECT_NEAR(rep.periods[2].distribution, 0.0, 1e-9);
    expect_reconciles(rep);
    // run_path on the same prices gives the same credit numbers.
    auto prepared = prepare(d);
    PathResult r;
    PathScratch scratch;
    run_path(*prepared, PathInputs{}, r, scratch);
    EXPECT_EQ(r.tranches[0].loss, m.tranches[0].loss);
    EXPECT_EQ(r.lender_loss, m.lender_loss);
}

// A shareholder loan is the sponsors' money: with no tax and a 0 % loan, lending 500
// instead of investing it as equity leaves the sponsors' cash flow, and so the equity
// NPV and IRR, where they were (the loan is repaid from what would have been dividends).
TEST(Tranches, ShareholderLoanFlowsAreTheSponsors) {
    Deal all_equity = test::minimal_deal(3);
    all_equity.debt = senior(0.4);
    Deal with_loan = all_equity;
    with_loan.debt->tranches.push_back(tranche("sponsor loan", DebtTranche::Priority::Shareholder, 0.6, 0.0));
    const DealReport a = run_deterministic(all_equity);
    const DealReport b = run_deterministic(with_loan);
    EXPECT_NEAR(b.periods[1].equity_contribution, 0.0, 1e-9);
    EXPECT_NEAR(b.periods[1].tranche_draw, 600.0, 1e-9);
    EXPECT_NEAR(b.periods[4].tranche_paid, 600.0, 1e-9);
    EXPECT_NEAR(b.metrics.equity_npv[0], a.metrics.equity_npv[0], 1e-9);
    ASSERT_TRUE(a.metrics.equity_irr[0] && b.metrics.equity_irr[0]);
    EXPECT_NEAR(*b.metrics.equity_irr[0], *a.metrics.equity_irr[0], 1e-10);
    // Shareholder loans are left out of the total DSCR: it equals the senior DSCR.
    EXPECT_NEAR(*b.metrics.dscr_total_min, *b.metrics.dscr_min, 1e-12);
    expect_reconciles(b);
}

// Without tranches nothing changes: no tranche results, no total DSCR.
TEST(Tranches, NoTranchesNoTrancheResults) {
    Deal d = test::minimal_deal(3);
    d.debt = senior(0.5);
    const DealReport rep = run_deterministic(d);
    EXPECT_TRUE(rep.metrics.tranches.empty());
    EXPECT_FALSE(rep.metrics.dscr_total_min);
}
