// Waterfall (conventions section 8): DSRA draw and refill, lock-up and release,
// payment default and the lenders' sweep, lender loss; prepayment (section 5); tax with
// losses carried forward and working capital (section 3). Minimal deal: annual, tau = 1,
// capex 1000 in period 1, 10 t/yr, no costs unless stated. Loan: 50 % gearing = 500 at
// COD, 6 % all-in, straight line over 4 years, DSRA = the next 12 months (one period).
//   Balances 500, 375, 250, 125; debt service DS_2..DS_5 = 155, 147.5, 140, 132.5.
#include "deal_builder.hpp"

#include <offtake/deterministic.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

// Prices by calendar year of the period: period 2 is 2026 ... period 5 is 2029.
Deal reserve_deal(double p2, double p3, double p4, double p5) {
    Deal d = test::minimal_deal(4);
    d.price_deck.type = PriceDeck::Type::Table;
    d.price_deck.table = {{2026, p2}, {2027, p3}, {2028, p4}, {2029, p5}};
    SeniorDebt debt;
    debt.gearing = 0.5;
    debt.tenor_years = 4;
    debt.profile = SeniorDebt::Profile::StraightLine;
    debt.base_rate = 0.05;
    debt.margin_bps = 100;
    debt.dsra_months = 12;
    debt.lockup_dscr = 1.10;
    d.debt = debt;
    return d;
}

void expect_reconciles(const DealReport& rep) {
    const ReconciliationReport rec = reconcile(rep);
    EXPECT_TRUE(rec.ok);
    for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
}

}  // namespace

TEST(Waterfall, DsraFundedAtCodDrawnThenRefilled) {
    const DealReport rep = run_deterministic(reserve_deal(100, 10, 100, 100));
    const auto& P = rep.periods;
    // COD: equity funds 500 of capex and the DSRA at DS_2 = 155.
    EXPECT_NEAR(P[1].dsra_deposit, 155.0, 1e-9);
    EXPECT_NEAR(P[1].equity_contribution, 655.0, 1e-9);
    // t = 2: pays 155; the target falls to DS_3 = 147.5, releasing 7.5.
    EXPECT_NEAR(P[2].dsra_withdrawal, 7.5, 1e-9);
    EXPECT_NEAR(P[2].distribution, 1000 - 155 + 7.5, 1e-9);
    // t = 3: CFADS 100 < 147.5: the DSRA pays 47.5 and cannot be topped up (balance 100).
    EXPECT_NEAR(P[3].dsra_withdrawal, 47.5, 1e-9);
    EXPECT_NEAR(P[3].dsra_balance, 100.0, 1e-9);
    EXPECT_FALSE(P[3].payment_default);
    EXPECT_NEAR(P[3].distribution, 0.0, 1e-12);
    // t = 4: CFADS 1000 pays 140 and refills the DSRA to DS_5 = 132.5 (32.5).
    EXPECT_NEAR(P[4].dsra_deposit, 32.5, 1e-9);
    EXPECT_NEAR(P[4].dsra_balance, 132.5, 1e-9);
    EXPECT_NEAR(P[4].distribution, 1000 - 140 - 32.5, 1e-9);
    // t = 5: last service, the DSRA is released.
    EXPECT_NEAR(P[5].dsra_withdrawal, 132.5, 1e-9);
    EXPECT_NEAR(P[5].distribution, 1000.0, 1e-9);
    EXPECT_FALSE(rep.metrics.payment_default);
    ASSERT_TRUE(rep.metrics.dscr_min);
    EXPECT_NEAR(*rep.metrics.dscr_min, 100.0 / 147.5, 1e-12);
    expect_reconciles(rep);
}

TEST(Waterfall, LockUpTrapsCashAndReleasesIt) {
    // t = 3 at 15.5: CFADS 155, DSCR 155 / 147.5 = 1.0508 < 1.10.
    const DealReport rep = run_deterministic(reserve_deal(100, 15.5, 100, 100));
    const auto& P = rep.periods;
    // Cash after service 7.5, plus 7.5 released by the DSRA (target 140): 15 trapped.
    EXPECT_TRUE(P[3].lockup);
    EXPECT_NEAR(P[3].trapped_deposit, 15.0, 1e-9);
    EXPECT_NEAR(P[3].distribution, 0.0, 1e-12);
    // t = 4 passes the test: 1000 - 140 + 7.5 (DSRA to 132.5) + 15 released.
    EXPECT_FALSE(P[4].lockup);
    EXPECT_NEAR(P[4].trapped_release, 15.0, 1e-9);
    EXPECT_NEAR(P[4].distribution, 882.5, 1e-9);
    EXPECT_TRUE(rep.metrics.lockup);
    expect_reconciles(rep);
}

TEST(Waterfall, PaymentDefaultThenSweepAndLenderLoss) {
    Deal d = reserve_deal(100, 0, 0, 20);
    Guarantee g;
    g.cover = 0.5;  // no fee, no own margin: only the loss sharing matters here
    d.guarantee = g;
    const DealReport rep = run_deterministic(d);
    const auto& P = rep.periods;
    // t = 3: the DSRA (147.5) pays DS_3 in full. t = 4: nothing left for DS_4 = 140:
    // a payment shortfall; the cure period (default 3 days) ends before the next period,
    // so it is an event of default at t = 4. The 15 of interest is capitalised: the
    // exposure at default is 265.
    EXPECT_NEAR(P[3].dsra_withdrawal, 147.5, 1e-9);
    EXPECT_FALSE(P[3].payment_default);
    EXPECT_TRUE(P[4].payment_default);
    EXPECT_TRUE(P[4].event_of_default);
    EXPECT_NEAR(P[4].debt_closing, 265.0, 1e-9);
    EXPECT_NEAR(rep.metrics.exposure_at_default, 265.0, 1e-9);
    // Rule `best`. Restructure: t = 5 sweeps all of CFADS 200 against 265 * 1.06 = 280.9
    // owed; the horizon (maturity + 3 years) is past the mine's end, so 80.9 is written
    // off at t = 5. Recovery at the default date, at the base rate 5 % + 5 % = 10 %:
    // 200 / 1.10 = 181.8181... Enforce: no reserves left at t = 4; the sale is worth
    // 200 / 1.15 (distressed rate 15 %) x (1 - 0.10 costs) = 156.52: restructuring
    // recovers more, so the lenders restructure.
    EXPECT_FALSE(rep.metrics.enforced);
    EXPECT_NEAR(P[5].interest_paid + P[5].principal_paid, 200.0, 1e-9);
    EXPECT_NEAR(P[5].debt_write_off, 80.9, 1e-9);
    EXPECT_NEAR(P[5].distribution, 0.0, 1e-12);
    EXPECT_TRUE(rep.metrics.payment_default);
    EXPECT_NEAR(rep.metrics.recovery, 200.0 / 1.10, 1e-9);
    EXPECT_NEAR(rep.metrics.lender_loss, 265.0 - 200.0 / 1.10, 1e-9);
    EXPECT_NEAR(rep.metrics.lender_loss_net, 0.5 * (265.0 - 200.0 / 1.10), 1e-9);
    expect_reconciles(rep);
}

TEST(Waterfall, SweepRepaysAndTheProjectLeavesDefault) {
    Deal d = reserve_deal(100, 0, 0, 100);
    d.debt->on_default = DefaultRemedies{};
    d.debt->on_default->response = DefaultRemedies::Response::Restructure;
    const DealReport rep = run_deterministic(d);
    const auto& P = rep.periods;
    // t = 5: 280.9 owed is swept out of 1000; 719.1 goes to equity.
    EXPECT_NEAR(P[5].interest_paid + P[5].principal_paid, 280.9, 1e-9);
    EXPECT_NEAR(P[5].debt_closing, 0.0, 1e-9);
    EXPECT_NEAR(P[5].distribution, 719.1, 1e-9);
    // Repaid a year late with interest at the loan's 6 %, but recoveries are discounted
    // at 10 % (base rate + 5 %): loss = EAD 265 - 280.9 / 1.10 = 9.6363...
    EXPECT_TRUE(rep.metrics.payment_default);
    EXPECT_NEAR(rep.metrics.lender_loss, 265.0 - 280.9 / 1.10, 1e-9);
    expect_reconciles(rep);
}

TEST(Waterfall, EnforcedAtAStatedValueLosesExposureMinusNetProceeds) {
    // The same path as above, lenders enforcing. At t = 4 the exposure is 265 and no
    // reserve is left. The going concern is the project's one remaining cash flow, 1000
    // at t = 5, at the 15 % distressed rate: V = 1000 / 1.15 = 869.565...; less 10 %
    // costs: 782.608... The lenders take 265 (loss 0) and equity the rest at t = 4.
    // With enforcement costs of 80 % the net proceeds are 0.2 x 869.565 = 173.913 and
    // the loss is exactly 265 - 173.913... = 91.0869...
    Deal d = reserve_deal(100, 0, 0, 100);
    d.debt->on_default = DefaultRemedies{};
    d.debt->on_default->response = DefaultRemedies::Response::Enforce;
    DealReport rep = run_deterministic(d);
    EXPECT_TRUE(rep.metrics.enforced);
    EXPECT_NEAR(rep.metrics.exposure_at_default, 265.0, 1e-9);
    EXPECT_NEAR(rep.metrics.sale_proceeds, 0.9 * 1000.0 / 1.15, 1e-9);
    EXPECT_NEAR(rep.metrics.lender_loss, 0.0, 1e-12);
    EXPECT_NEAR(rep.periods[4].distribution, 0.9 * 1000.0 / 1.15 - 265.0, 1e-9);
    EXPECT_NEAR(rep.periods[5].distribution, 0.0, 1e-12);  // the new owner's year
    EXPECT_NEAR(rep.periods[5].acquirer_distribution, 1000.0, 1e-9);
    expect_reconciles(rep);

    d.debt->on_default->enforcement_cost = 0.8;
    rep = run_deterministic(d);
    EXPECT_NEAR(rep.metrics.sale_proceeds, 0.2 * 1000.0 / 1.15, 1e-9);
    EXPECT_NEAR(rep.metrics.lender_loss, 265.0 - 0.2 * 1000.0 / 1.15, 1e-9);
    EXPECT_NEAR(rep.metrics.recovery, 0.2 * 1000.0 / 1.15, 1e-9);
    expect_reconciles(rep);

    // Rule `best` on this path: enforcing recovers 265, restructuring 280.9 / 1.10 =
    // 255.36, so the lenders enforce.
    d.debt->on_default = std::nullopt;
    rep = run_deterministic(d);
    EXPECT_TRUE(rep.metrics.enforced);
    EXPECT_NEAR(rep.metrics.lender_loss, 0.0, 1e-12);
}

TEST(Waterfall, ShortfallCuredWithinTheCurePeriodLosesNothing) {
    // A 400-day cure period: the shortfall of t = 4 (140 unpaid) may be cured by the end
    // of t = 5. t = 5 pays the whole balance at maturity, 265 x 1.06 = 280.9, from CFADS
    // 1000: cured, no event of default, the lenders lose exactly nothing.
    Deal d = reserve_deal(100, 0, 0, 100);
    d.debt->on_default = DefaultRemedies{};
    d.debt->on_default->cure_days = 400;
    const DealReport rep = run_deterministic(d);
    EXPECT_TRUE(rep.periods[4].payment_default);
    EXPECT_FALSE(rep.periods[4].event_of_default);
    EXPECT_NEAR(rep.periods[4].arrears, 140.0, 1e-9);
    EXPECT_NEAR(rep.periods[5].arrears, 0.0, 1e-12);
    EXPECT_TRUE(rep.metrics.payment_shortfall);
    EXPECT_FALSE(rep.metrics.payment_default);
    EXPECT_EQ(rep.metrics.lender_loss, 0.0);
    EXPECT_EQ(rep.metrics.exposure_at_default, 0.0);
    EXPECT_NEAR(rep.periods[5].distribution, 719.1, 1e-9);
    expect_reconciles(rep);
}

namespace {
// A path's own prices for reserve_deal(100, 100, 100, 100) (a flat deck of 100): [0] at
// financial close, [1] construction, [2..5] the operating years.
struct PathPrices {
    double v[6];
    PathInputs inputs() const {
        PathInputs in;
        in.price = v;
        return in;
    }
};
}  // namespace

// Enforcement value without perfect foresight (docs/credit.md section 3): the buyer
// values the project on the deck rescaled to the price at the default date,
// S^_t = deck_t x S_e / deck_e, not on the path's own later prices.
TEST(EnforcementValue, IsTheBuyersViewAtTheDefaultDateNotThePathsFuture) {
    // Path 100, 0, 5, 100 on a flat deck of 100. t = 2 pays DS_2 = 155 out of CFADS 1000;
    // t = 3 (CFADS 0): the DSRA's 147.5 pays DS_3 and is empty. t = 4: CFADS 50 against
    // DS_4 = 15 interest + 125 principal: 90 unpaid, an event of default (3-day cure);
    // EAD = 250 + 15 - 50 = 215, no reserve or cash left to take.
    // Buyer's view at t = 4: ratio 5 / 100 = 0.05, so S^_5 = 5 and the new owner expects
    // CFADS 10 t x 5 = 50 at t = 5: V = 50 / 1.15 = 43.478...; proceeds 0.9 V = 39.130...
    // (the path's own t = 5, price 100, would have given V = 1000 / 1.15 and no loss).
    Deal d = reserve_deal(100, 100, 100, 100);
    d.debt->on_default = DefaultRemedies{};
    d.debt->on_default->response = DefaultRemedies::Response::Enforce;
    const auto prepared = prepare(d);
    const PathPrices path{{100, 100, 100, 0, 5, 100}};
    const DealReport rep = run_path_report(*prepared, path.inputs());
    const double v = 50.0 / 1.15;
    EXPECT_TRUE(rep.metrics.enforced);
    EXPECT_EQ(rep.metrics.default_period, 4);
    EXPECT_NEAR(rep.metrics.exposure_at_default, 215.0, 1e-9);
    EXPECT_NEAR(rep.metrics.going_concern_value, v, 1e-9);
    EXPECT_NEAR(rep.metrics.sale_proceeds, 0.9 * v, 1e-9);
    EXPECT_NEAR(rep.metrics.recovery, 0.9 * v, 1e-9);
    EXPECT_NEAR(rep.metrics.lender_loss, 215.0 - 0.9 * v, 1e-9);
    // The project's real t = 5 (price 100) is its new owner's; nothing goes to equity.
    EXPECT_NEAR(rep.periods[4].distribution, 0.0, 1e-12);
    EXPECT_NEAR(rep.periods[5].acquirer_distribution, 1000.0, 1e-9);
    expect_reconciles(rep);
    // run_path keeps the same numbers as the report of the path.
    PathResult r;
    PathScratch scratch;
    run_path(*prepared, path.inputs(), r, scratch);
    EXPECT_EQ(r.lender_loss, rep.metrics.lender_loss);
    EXPECT_EQ(r.going_concern_value, rep.metrics.going_concern_value);
}

TEST(EnforcementValue, EqualsThePathsOwnValueWhenThePathFollowsTheRescaledDeck) {
    // Path 100, 0, 5, 5: after the default at t = 4 the path stays at 0.05 x the deck,
    // which is the buyer's view, so V is the path's own value: 50 / 1.15. The loss of a
    // path enforced at a stated value is exposure minus that value net of costs:
    // 215 - 0.9 x 50 / 1.15 = 175.869...
    Deal d = reserve_deal(100, 100, 100, 100);
    d.debt->on_default = DefaultRemedies{};
    d.debt->on_default->response = DefaultRemedies::Response::Enforce;
    const auto prepared = prepare(d);
    const PathPrices path{{100, 100, 100, 0, 5, 5}};
    const DealReport rep = run_path_report(*prepared, path.inputs());
    EXPECT_NEAR(rep.metrics.going_concern_value, 50.0 / 1.15, 1e-9);
    EXPECT_NEAR(rep.periods[5].acquirer_distribution, 50.0, 1e-9);
    EXPECT_NEAR(rep.metrics.lender_loss, 215.0 - 0.9 * 50.0 / 1.15, 1e-9);
    expect_reconciles(rep);
}

TEST(EnforcementValue, TheRuleBestDecidesOnTheBuyersViewToo) {
    // The first path under `best`. On the view (S^_5 = 5) enforcing recovers 0.9 x 50 /
    // 1.15 = 39.13; restructuring would sweep t = 5's CFADS 50 against 215 x 1.06 owed:
    // 50 / 1.10 = 45.45 (recovery rate 5 % + 5 %). The lenders restructure; the path's
    // real t = 5 (CFADS 1000) then repays 227.9: loss 215 - 227.9 / 1.10 = 7.818...
    // (deciding on the path's own future they would have enforced, at V = 1000 / 1.15).
    Deal d = reserve_deal(100, 100, 100, 100);
    const auto prepared = prepare(d);
    const PathPrices path{{100, 100, 100, 0, 5, 100}};
    const DealReport rep = run_path_report(*prepared, path.inputs());
    EXPECT_FALSE(rep.metrics.enforced);
    EXPECT_NEAR(rep.metrics.exposure_at_default, 215.0, 1e-9);
    EXPECT_NEAR(rep.metrics.lender_loss, 215.0 - 215.0 * 1.06 / 1.10, 1e-9);
    expect_reconciles(rep);
    PathResult r;
    PathScratch scratch;
    run_path(*prepared, path.inputs(), r, scratch);
    EXPECT_FALSE(r.enforced);
    EXPECT_EQ(r.lender_loss, rep.metrics.lender_loss);
}

TEST(Waterfall, NonRecourseDeficitIsAShortfallUnlessSponsorSupportCoversIt) {
    // t = 3 at price -10: CFADS -100 (an operating deficit) and DS_3 = 147.5 due; the
    // DSRA holds 147.5. Deficit first: the DSRA pays 100 of opex and 47.5 of service;
    // 100 of service is unpaid: a shortfall, and an event of default at t = 3.
    Deal d = reserve_deal(100, -10, 100, 100);
    DealReport rep = run_deterministic(d);
    EXPECT_TRUE(rep.periods[3].payment_default);
    EXPECT_NEAR(rep.periods[3].dsra_withdrawal, 147.5, 1e-9);
    EXPECT_NEAR(rep.periods[3].equity_contribution, 0.0, 1e-12);  // no sponsor money
    expect_reconciles(rep);
    // A sponsor facility of 60: it meets 60 of the 100 unpaid; 40 still short.
    SponsorSupport f;
    f.amount = 60;
    f.term_years = 5;
    d.sponsor_support = f;
    rep = run_deterministic(d);
    EXPECT_NEAR(rep.periods[3].sponsor_support_draw, 60.0, 1e-9);
    EXPECT_TRUE(rep.periods[3].payment_default);
    expect_reconciles(rep);
    // Of 200 it covers all 100: no shortfall. Subordinated, it is repaid at t = 4 from
    // cash left after service (1000 - 140) and the DSRA top-up (132.5): 100.
    f.amount = 200;
    d.sponsor_support = f;
    rep = run_deterministic(d);
    EXPECT_NEAR(rep.periods[3].sponsor_support_draw, 100.0, 1e-9);
    EXPECT_FALSE(rep.metrics.payment_shortfall);
    EXPECT_NEAR(rep.periods[4].sponsor_support_repaid, 100.0, 1e-9);
    EXPECT_NEAR(rep.periods[4].distribution, 1000.0 - 140.0 - 132.5 - 100.0, 1e-9);
    expect_reconciles(rep);
}

namespace {
Deal prepayment_deal(double share) {
    Deal d = test::minimal_deal(3);
    d.offtakes.push_back(test::offtake_for("A", 6, Pricing::Type::Index));
    Prepayment pp;
    pp.buyer = "A";
    pp.amount = 500;
    pp.rate = 0.10;
    pp.deduction_share = share;
    d.prepayment = pp;
    return d;
}
}  // namespace

TEST(Prepayment, AccruesAndIsRepaidByDeductions) {
    const DealReport rep = run_deterministic(prepayment_deal(0.5));
    const auto& P = rep.periods;
    // 500 at close funds construction first: equity pays 1000 - 500.
    EXPECT_NEAR(P[0].unspent_prepayment, 500.0, 1e-9);
    EXPECT_NEAR(P[1].equity_contribution, 500.0, 1e-9);
    // Balance 500 -> 550 (t = 1) -> 605, deduct min(605, 0.5 * 600) = 300 -> 305
    // -> 335.5, deduct 300 -> 35.5 -> 39.05, deduct 39.05 -> 0.
    EXPECT_NEAR(P[1].prepayment_balance, 550.0, 1e-9);
    EXPECT_NEAR(P[2].prepayment_deduction, 300.0, 1e-9);
    EXPECT_NEAR(P[3].prepayment_deduction, 300.0, 1e-9);
    EXPECT_NEAR(P[4].prepayment_deduction, 39.05, 1e-9);
    EXPECT_NEAR(P[4].prepayment_balance, 0.0, 1e-9);
    // Deductions are not cash: distributions 700, 700, 960.95.
    EXPECT_NEAR(P[2].distribution, 700.0, 1e-9);
    EXPECT_NEAR(P[4].distribution, 960.95, 1e-9);
    EXPECT_NEAR(rep.buyers[0].prepayment_recovered, 639.05, 1e-9);
    EXPECT_NEAR(rep.buyers[0].prepayment_lost, 0.0, 1e-12);
    // Counted as debt service: DSCR_2 = 1000 / 300.
    ASSERT_TRUE(rep.metrics.dscr_min);
    EXPECT_NEAR(*rep.metrics.dscr_min, 1000.0 / 300.0, 1e-12);
    expect_reconciles(rep);
}

TEST(Prepayment, BalanceLeftAtContractEndIsRepaidInCash) {
    const DealReport rep = run_deterministic(prepayment_deal(0.1));
    const auto& P = rep.periods;
    // Deductions of 60 a year: 605 - 60 = 545; 599.5 - 60 = 539.5; 593.45 - 60 = 533.45
    // repaid in cash at the contract's end (t = 4).
    EXPECT_NEAR(P[4].prepayment_cash_repaid, 533.45, 1e-9);
    EXPECT_NEAR(P[4].distribution, 1000 - 60 - 533.45, 1e-9);
    EXPECT_NEAR(rep.buyers[0].prepayment_recovered, 180 + 533.45, 1e-9);
    expect_reconciles(rep);
}

TEST(Prepayment, NotCountedAsDebtServiceLeavesDscrAbsent) {
    Deal d = prepayment_deal(0.5);
    d.prepayment->counts_as_debt_service = false;
    const DealReport rep = run_deterministic(d);
    EXPECT_FALSE(rep.metrics.dscr_min.has_value());
    EXPECT_FALSE(rep.metrics.dscr_avg.has_value());
}

TEST(Tax, LossesCarriedForward) {
    Deal d = test::minimal_deal(4);
    d.project.fixed_opex = {700};  // EBITDA 300 a year
    d.project.tax_rate = 0.3;
    d.project.depreciation_years = 1;  // the 1000 of capex is deducted in period 2
    const DealReport rep = run_deterministic(d);
    const auto& P = rep.periods;
    // t = 2: 300 - 1000 = -700 -> loss 700. t = 3: 300 - 700 -> 400. t = 4: -> 100.
    // t = 5: 300 - 100 = 200 taxed at 30 % = 60.
    EXPECT_NEAR(P[2].loss_carried_forward, 700.0, 1e-9);
    EXPECT_NEAR(P[3].loss_carried_forward, 400.0, 1e-9);
    EXPECT_NEAR(P[4].loss_carried_forward, 100.0, 1e-9);
    EXPECT_NEAR(P[4].tax, 0.0, 1e-12);
    EXPECT_NEAR(P[5].tax, 60.0, 1e-9);
    EXPECT_NEAR(P[5].loss_carried_forward, 0.0, 1e-12);
    EXPECT_NEAR(P[5].cfads, 240.0, 1e-9);
    expect_reconciles(rep);
}

TEST(Tax, InterestIsDeductibleButNotForTheUnleveredProjectTax) {
    Deal d = reserve_deal(100, 100, 100, 100);
    d.project.tax_rate = 0.3;
    d.project.depreciation_years = 4;  // 250 a year
    const DealReport rep = run_deterministic(d);
    // t = 2: EBITDA 1000, depreciation 250, interest 30: tax 0.3 * 720 = 216;
    // unlevered 0.3 * 750 = 225.
    EXPECT_NEAR(rep.periods[2].tax, 216.0, 1e-9);
    EXPECT_NEAR(rep.periods[2].unlevered_tax, 225.0, 1e-9);
    EXPECT_NEAR(rep.periods[2].project_cash_flow, 775.0, 1e-9);
}

TEST(WorkingCapital, ReceivablesBuildAndAreReleasedAtTheEnd) {
    Deal d = test::minimal_deal(3);
    d.project.working_capital_days = 36.5;  // 10 % of a year's revenue
    const DealReport rep = run_deterministic(d);
    EXPECT_NEAR(rep.periods[2].working_capital_change, 100.0, 1e-9);
    EXPECT_NEAR(rep.periods[3].working_capital_change, 0.0, 1e-9);
    EXPECT_NEAR(rep.periods[4].working_capital_change, -100.0, 1e-9);
    EXPECT_NEAR(rep.periods[2].cfads, 900.0, 1e-9);
    EXPECT_NEAR(rep.periods[4].cfads, 1100.0, 1e-9);
}
