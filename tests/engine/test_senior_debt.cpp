// Senior debt (conventions section 7) on the minimal deal: annual, tau = 1, construction
// in period 1 (capex 1000 unless stated), operations 2..4, CFADS 1000 a year.
// Loan: gearing 50 %, base 5 % fixed + 100 bps = 6 %, 3 years from COD.
#include "deal_builder.hpp"

#include <offtake/deterministic.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace offtake;

namespace {

Deal debt_deal(SeniorDebt::Profile profile, double tenor = 3) {
    Deal d = test::minimal_deal(static_cast<int>(tenor));
    SeniorDebt debt;
    debt.gearing = 0.5;
    debt.tenor_years = tenor;
    debt.profile = profile;
    debt.base_rate = 0.05;
    debt.margin_bps = 100;
    debt.dsra_months = 0;
    d.debt = debt;
    return d;
}

void expect_reconciles(const DealReport& rep) {
    const ReconciliationReport rec = reconcile(rep);
    for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
}

}  // namespace

TEST(SeniorDebt, StraightLineEqualPrincipal) {
    const DealReport rep = run_deterministic(debt_deal(SeniorDebt::Profile::StraightLine));
    // Draw 500 at the end of period 1 (no interest accrued yet): 500 at COD.
    EXPECT_NEAR(rep.debt_at_cod, 500.0, 1e-9);
    const double bal[] = {500.0, 1000.0 / 3, 500.0 / 3};
    for (int k = 0; k < 3; ++k) {
        const auto& r = rep.periods[2 + k];
        EXPECT_NEAR(r.principal_paid, 500.0 / 3, 1e-9);
        EXPECT_NEAR(r.interest_paid, 0.06 * bal[k], 1e-9);
        ASSERT_TRUE(r.has_dscr);
        EXPECT_NEAR(r.dscr, 1000.0 / (500.0 / 3 + 0.06 * bal[k]), 1e-9);
    }
    EXPECT_NEAR(rep.periods[4].debt_closing, 0.0, 1e-9);
    ASSERT_TRUE(rep.metrics.dscr_min);
    EXPECT_NEAR(*rep.metrics.dscr_min, 1000.0 / (500.0 / 3 + 30.0), 1e-9);
    const double avg = (1000.0 / (500.0 / 3 + 30.0) + 1000.0 / (500.0 / 3 + 20.0) +
                        1000.0 / (500.0 / 3 + 10.0)) / 3;
    EXPECT_NEAR(*rep.metrics.dscr_avg, avg, 1e-9);
    expect_reconciles(rep);
}

TEST(SeniorDebt, AnnuityEqualInstallments) {
    const DealReport rep = run_deterministic(debt_deal(SeniorDebt::Profile::Annuity));
    // Installment A = 500 * 0.06 / (1 - 1.06^-3) = 187.0549...; tau = 1 so every
    // installment is exactly A and the last clears the balance.
    const double A = 500.0 * 0.06 / (1.0 - std::pow(1.06, -3));
    double bal = 500.0;
    for (int t = 2; t <= 4; ++t) {
        const auto& r = rep.periods[t];
        EXPECT_NEAR(r.interest_paid + r.principal_paid, A, 1e-9);
        EXPECT_NEAR(r.interest_paid, 0.06 * bal, 1e-9);
        bal -= A - 0.06 * bal;
    }
    EXPECT_NEAR(rep.periods[4].debt_closing, 0.0, 1e-9);
    expect_reconciles(rep);
}

TEST(SeniorDebt, GracePeriodsPayInterestOnly) {
    Deal d = debt_deal(SeniorDebt::Profile::StraightLine, 3);
    d.debt->grace_periods = 1;
    const DealReport rep = run_deterministic(d);
    EXPECT_NEAR(rep.periods[2].principal_paid, 0.0, 1e-12);
    EXPECT_NEAR(rep.periods[2].interest_paid, 30.0, 1e-9);
    EXPECT_NEAR(rep.periods[3].principal_paid, 250.0, 1e-9);  // 500 over the 2 periods left
    EXPECT_NEAR(rep.periods[4].principal_paid, 250.0, 1e-9);
}

TEST(SeniorDebt, InterestDuringConstructionCapitalisedOrEquityPaid) {
    Deal d = debt_deal(SeniorDebt::Profile::StraightLine, 3);
    d.project.construction_periods = 2;
    d.project.construction_capex = {1000, 1000};
    d.debt->upfront_fee_bps = 100;
    d.debt->commitment_fee_bps = 50;
    const DealReport cap = run_deterministic(d);
    // Draws of 500 at the ends of periods 1 and 2; period 2 accrues 6 % on 500 = 30.
    EXPECT_NEAR(cap.periods[2].interest_capitalised, 30.0, 1e-9);
    EXPECT_NEAR(cap.debt_at_cod, 1030.0, 1e-9);
    // Fees: upfront 1 % of the 1000 commitment at close; commitment fee 0.5 % a year on
    // the undrawn 1000 in period 1 and 500 in period 2. Equity pays fees and its 50 %.
    EXPECT_NEAR(cap.periods[0].upfront_fee, 10.0, 1e-9);
    EXPECT_NEAR(cap.periods[1].commitment_fee, 5.0, 1e-9);
    EXPECT_NEAR(cap.periods[2].commitment_fee, 2.5, 1e-9);
    EXPECT_NEAR(cap.periods[0].equity_contribution, 10.0, 1e-9);
    EXPECT_NEAR(cap.periods[1].equity_contribution, 505.0, 1e-9);
    EXPECT_NEAR(cap.periods[2].equity_contribution, 502.5, 1e-9);
    expect_reconciles(cap);

    d.debt->idc = SeniorDebt::Idc::Equity;
    const DealReport eq = run_deterministic(d);
    EXPECT_NEAR(eq.debt_at_cod, 1000.0, 1e-9);
    EXPECT_NEAR(eq.periods[2].interest_paid, 30.0, 1e-9);
    EXPECT_NEAR(eq.periods[2].equity_contribution, 532.5, 1e-9);
    expect_reconciles(eq);
}

TEST(SeniorDebt, SculptedSizesDebtToTheTargetDscr) {
    Deal d = debt_deal(SeniorDebt::Profile::Sculpted);
    d.project.construction_capex = {10000};  // gearing cap 5000 does not bind
    d.debt->target_dscr = 2.0;
    const DealReport rep = run_deterministic(d);
    // Service 1000 / 2 = 500 a year for 3 years at 6 %: D = 500 * (1 - 1.06^-3) / 0.06.
    const double D = 500.0 * (1.0 - std::pow(1.06, -3)) / 0.06;
    EXPECT_NEAR(rep.debt_at_cod, D, 1e-8);
    for (int t = 2; t <= 4; ++t) {
        ASSERT_TRUE(rep.periods[t].has_dscr);
        EXPECT_NEAR(rep.periods[t].dscr, 2.0, 1e-12);
        EXPECT_NEAR(rep.periods[t].interest_paid + rep.periods[t].principal_paid, 500.0, 1e-9);
    }
    ASSERT_TRUE(rep.sculpted_dscr);
    EXPECT_DOUBLE_EQ(*rep.sculpted_dscr, 2.0);
    expect_reconciles(rep);
}

TEST(SeniorDebt, SculptedCappedByGearingSculptsToAHigherDscr) {
    Deal d = debt_deal(SeniorDebt::Profile::Sculpted);
    d.debt->target_dscr = 2.0;  // capacity 1336.5 > cap 500
    const DealReport rep = run_deterministic(d);
    EXPECT_NEAR(rep.debt_at_cod, 500.0, 1e-9);
    // 500 = sum 1000 / s * 1.06^-k  =>  s = 1000 * a(3, 6 %) / 500.
    const double s = 1000.0 * (1.0 - std::pow(1.06, -3)) / 0.06 / 500.0;
    for (int t = 2; t <= 4; ++t) EXPECT_NEAR(rep.periods[t].dscr, s, 1e-9);
}

// Issue 12, defect 5: a tiny gearing needs a huge DSCR (1000 a / debt), beyond the
// solver's former ceiling of about 1.4e6, and gave "root not bracketed".
TEST(SeniorDebt, SculptedTinyGearingSculptsToItsHugeDscr) {
    const double a = (1.0 - std::pow(1.06, -3)) / 0.06;  // annuity factor, 3 years at 6 %
    for (double gearing : {1e-6, 1e-9, 1e-12}) {
        SCOPED_TRACE(gearing);
        Deal d = debt_deal(SeniorDebt::Profile::Sculpted);
        d.debt->target_dscr = 2.0;
        d.debt->gearing = gearing;
        const DealReport rep = run_deterministic(d);
        const double debt = 1000.0 * gearing;  // capex 1000, drawn at COD without interest
        EXPECT_NEAR(rep.debt_at_cod, debt, 1e-9 * debt);
        ASSERT_TRUE(rep.sculpted_dscr);
        EXPECT_NEAR(*rep.sculpted_dscr, 1000.0 * a / debt, 1e-9 * (1000.0 * a / debt));
    }
    // A denormal gearing (no finite DSCR repays so little): a result, not an error.
    for (double gearing : {1e-310, 5e-324}) {
        SCOPED_TRACE(gearing);
        Deal d = debt_deal(SeniorDebt::Profile::Sculpted);
        d.debt->gearing = gearing;
        const DealReport rep = run_deterministic(d);
        EXPECT_TRUE(std::isfinite(rep.debt_at_cod));
        EXPECT_LE(rep.debt_at_cod, 1e-300);
    }
}

TEST(SeniorDebt, SculptedExactTargetWithTaxCostsAndPrepayment) {
    // A fuller deal: quarterly, Actual/365F, tax with interest deductible (so CFADS
    // depends on the debt), ramp-up, prepayment deductions counted as debt service.
    Deal d = test::minimal_deal(10);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.time.day_counter = "actual365fixed";
    d.project.construction_periods = 4;
    // Capex 4 x 70000: the 70 % gearing cap (about 200000) is above what CFADS / 1.4
    // repays (about 130000), so the debt is sized by the target DSCR.
    d.project.construction_capex = {70000, 70000, 70000, 70000};
    d.project.production_tpa = {600, 900, 1000};
    d.project.fixed_opex = {20000};
    d.project.unit_opex = 20;
    d.project.inflation = 0.02;
    d.project.tax_rate = 0.3;
    d.project.depreciation_years = 8;
    d.project.working_capital_days = 30;
    d.offtakes.push_back(test::offtake_for("A", 300, Pricing::Type::Fixed));
    d.offtakes[0].pricing.price = 110;
    Prepayment pp;
    pp.buyer = "A";
    pp.amount = 5000;
    pp.rate = 0.06;
    pp.deduction_share = 0.2;
    d.prepayment = pp;
    SeniorDebt debt;
    debt.gearing = 0.7;
    debt.tenor_years = 7;
    debt.grace_periods = 2;
    debt.profile = SeniorDebt::Profile::Sculpted;
    debt.target_dscr = 1.4;
    debt.margin_bps = 300;  // base rate forward from the 8 % curve
    d.debt = debt;
    const DealReport rep = run_deterministic(d);
    ASSERT_TRUE(rep.sculpted_dscr);
    EXPECT_DOUBLE_EQ(*rep.sculpted_dscr, 1.4);  // the cap does not bind here
    const int first = 4 + 2 + 1, maturity = 4 + 28;
    for (int t = first; t <= maturity; ++t) {
        ASSERT_TRUE(rep.periods[t].has_dscr) << t;
        EXPECT_NEAR(rep.periods[t].dscr, 1.4, 1e-9) << "period " << t;
    }
    EXPECT_NEAR(rep.periods[maturity].debt_closing, 0.0, 1e-6);
    expect_reconciles(rep);
}

TEST(SeniorDebt, GuaranteeFeeAndCoveredShareMargin) {
    Deal d = debt_deal(SeniorDebt::Profile::StraightLine);
    Guarantee g;
    g.cover = 0.5;
    g.fee_bps = 100;
    g.margin_bps = 50;
    d.guarantee = g;
    const DealReport rep = run_deterministic(d);
    // Margin 0.5 * 100 + 0.5 * 50 = 75 bps: rate 5.75 %; fee 0.5 * 1 % of the balance.
    EXPECT_NEAR(rep.periods[2].interest_paid, 500 * 0.0575, 1e-9);
    EXPECT_NEAR(rep.periods[2].guarantee_fee, 500 * 0.005, 1e-9);
    EXPECT_NEAR(rep.periods[3].guarantee_fee, 1000.0 / 3 * 0.005, 1e-9);
    // The fee is senior debt service: DSCR = 1000 / (166.67 + 28.75 + 2.5).
    EXPECT_NEAR(rep.periods[2].dscr, 1000.0 / (500.0 / 3 + 28.75 + 2.5), 1e-9);
    expect_reconciles(rep);
}

TEST(SeniorDebt, SustainabilityLinkedMarginStepsFromPlanAndFromPath) {
    Deal d = debt_deal(SeniorDebt::Profile::StraightLine);
    SustainabilityLinkedMargin sll;
    Kpi k;
    k.name = "emissions";
    k.higher_is_better = false;
    k.targets = {{1, 10.0}, {2, 9.0}};
    k.planned = {{1, 9.5}, {2, 9.5}};  // meets year 1, misses year 2
    k.step_down_bps = 20;
    k.step_up_bps = 30;
    sll.kpis = {k};
    d.sustainability_linked_margin = sll;
    const DealReport rep = run_deterministic(d);
    // Operating year 1 (t = 2): no test yet, 6 %. Year 2 (t = 3): year 1 met, 5.8 %.
    // Year 3 (t = 4): year 2 missed, 6.3 %.
    EXPECT_NEAR(rep.periods[2].interest_paid, 500 * 0.06, 1e-9);
    EXPECT_NEAR(rep.periods[3].interest_paid, 1000.0 / 3 * 0.058, 1e-9);
    EXPECT_NEAR(rep.periods[4].interest_paid, 500.0 / 3 * 0.063, 1e-9);
    expect_reconciles(rep);

    // On a path, kpi_met (kpi * tests + year) overrides the plan: both met.
    const auto p = prepare(d);
    const unsigned char met[3] = {1, 1, 1};
    PathInputs in;
    in.kpi_met = met;
    PathResult r;
    PathScratch s;
    PathSeries series;
    run_path(*p, in, r, s, &series);
    // DSCR of t = 4 = 1000 / (166.67 + 166.67 * 5.8 %).
    EXPECT_NEAR(series.dscr[4], 1000.0 / (500.0 / 3 * 1.058), 1e-9);
}

TEST(SeniorDebt, GearingAchievedIsDebtOverTotalFundingAtCod) {
    // Conventions section 7: `gearing` is the share of construction capex the loan draws;
    // the achieved gearing is debt at COD / total funding to COD. Deal of the IDC test:
    // capex 1000 in each of periods 1 and 2, draws 500 + 500, 6 % a year, fees 1 % upfront
    // on the 1000 commitment (10) and 0.5 % a year on the undrawn 1000 and 500 (5 + 2.5),
    // period 2's interest 6 % x 500 = 30, no DSRA.
    Deal d = debt_deal(SeniorDebt::Profile::StraightLine, 3);
    d.project.construction_periods = 2;
    d.project.construction_capex = {1000, 1000};
    d.debt->upfront_fee_bps = 100;
    d.debt->commitment_fee_bps = 50;
    DealReport r = run_deterministic(d);
    // Capitalised IDC: debt 1030 of funding 2000 + 10 + 7.5 + 30 = 2047.5: above the 50 %
    // target, because the interest is funded by the loan on top of its capex share.
    ASSERT_TRUE(r.gearing_achieved && r.total_funding && r.gearing_target);
    EXPECT_EQ(*r.gearing_target, 0.5);
    EXPECT_NEAR(*r.total_funding, 2047.5, 1e-9);
    EXPECT_NEAR(*r.gearing_achieved, 1030.0 / 2047.5, 1e-12);

    // A 6-month DSRA funded at COD: half of the first operating year's service,
    // principal 1030 / 3 + interest 6 % x 1030 = 343.3333 + 61.8; funding grows by it.
    d.debt->dsra_months = 6;
    r = run_deterministic(d);
    const double dsra = 0.5 * (1030.0 / 3.0 + 0.06 * 1030.0);
    EXPECT_NEAR(r.periods[2].dsra_deposit, dsra, 1e-9);
    EXPECT_NEAR(*r.total_funding, 2047.5 + dsra, 1e-9);
    EXPECT_NEAR(*r.gearing_achieved, 1030.0 / (2047.5 + dsra), 1e-12);

    // Interest paid by equity: debt 1000, the interest is still a use of funds; the DSRA
    // is half of 1000 / 3 + 60.
    d.debt->idc = SeniorDebt::Idc::Equity;
    r = run_deterministic(d);
    const double dsra_eq = 0.5 * (1000.0 / 3.0 + 60.0);
    EXPECT_NEAR(*r.total_funding, 2047.5 + dsra_eq, 1e-9);
    EXPECT_NEAR(*r.gearing_achieved, 1000.0 / (2047.5 + dsra_eq), 1e-12);

    // No debt: nothing to report.
    d.debt.reset();
    r = run_deterministic(d);
    EXPECT_FALSE(r.gearing_achieved);
    EXPECT_FALSE(r.gearing_target);
}
