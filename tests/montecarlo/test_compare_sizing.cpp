// compare on common random numbers, debt sizing, stress scenarios and the tornado table.
#include "mc_test_util.hpp"

#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace offtake {
namespace {

// Five operating years, capex 5000: debt capacity binds well inside the gearing bracket.
Deal five_year_mine(double gearing) {
    Deal d = test::one_mine(5, gearing);
    d.project.construction_capex = {5000.0};
    return d;
}

MonteCarloOptions options_for(const Deal& d, std::uint64_t paths = 1500) {
    MonteCarloOptions o;
    o.paths = paths;
    o.threads = 2;
    o.collect_bands = false;
    o.price_simulator = test::lognormal_for(d, 0.3);
    return o;
}

void expect_exact_zero(const Estimate& e, const char* what) {
    SCOPED_TRACE(what);
    EXPECT_EQ(e.value, 0.0);
    EXPECT_EQ(e.standard_error, 0.0);
}

TEST(Compare, ADealWithItselfGivesExactZeros) {
    const Deal a = five_year_mine(0.5);
    const auto c = compare({a, a}, options_for(a));
    ASSERT_EQ(c.results.size(), 2u);
    ASSERT_EQ(c.differences.size(), 2u);
    const auto& d = c.differences[1];
    EXPECT_EQ(d.npv.paths, 1500u);
    for (const auto* e : {&d.npv, &d.irr, &d.dscr_min, &d.dscr_avg, &d.llcr, &d.plcr, &d.p_dscr_below_1, &d.p_default,
                          &d.p_lockup, &d.expected_loss, &d.expected_loss_net})
        expect_exact_zero(*e, "difference");
    EXPECT_EQ(*c.results[0].npv.mean, *c.results[1].npv.mean);
}

TEST(Compare, PairedDifferencesAreDifferencesOfMeansWithSmallerErrors) {
    const Deal a = five_year_mine(0.45), b = five_year_mine(0.60);
    const auto c = compare({a, b}, options_for(a));
    const auto& ra = c.results[0];
    const auto& rb = c.results[1];
    const auto& d = c.differences[1];
    // The mean of per-path differences is the difference of the means.
    EXPECT_NEAR(d.dscr_min.value, *rb.dscr_min.mean - *ra.dscr_min.mean, 1e-12);
    EXPECT_NEAR(d.p_default.value, rb.p_default.value - ra.p_default.value, 1e-12);
    EXPECT_LT(d.dscr_min.value, 0.0);  // more debt, less cover on every path
    EXPECT_GE(d.p_default.value, 0.0);
    // Common random numbers: the paired error is far below that of independent runs,
    // sqrt(se_a^2 + se_b^2).
    const double independent = std::hypot(*ra.dscr_min.standard_error, *rb.dscr_min.standard_error);
    EXPECT_LT(d.dscr_min.standard_error, 0.5 * independent);
    // Same paths: both runs saw the same prices, so the unlevered project NPV is identical.
    EXPECT_EQ(*ra.npv.mean, *rb.npv.mean);
    EXPECT_EQ(d.npv.value, 0.0);
}

TEST(DebtSizing, MeetsTheTargetAndOnePercentMoreDebtBreaksIt) {
    const Deal deal = five_year_mine(0.5);
    const auto o = options_for(deal);
    DebtSizingOptions s;
    s.dscr_percentile = 0.10;
    s.target_dscr = 1.30;
    const auto sized = size_debt(deal, s, o);
    ASSERT_TRUE(sized.feasible);
    EXPECT_EQ(sized.binding, "dscr");
    EXPECT_GT(sized.gearing, 0.05);
    EXPECT_LT(sized.gearing, 0.95);
    ASSERT_TRUE(sized.result.dscr_min.p10.has_value());
    EXPECT_GE(*sized.result.dscr_min.p10, 1.30);
    // Within solver tolerance: a gearing one tolerance higher already fails.
    Deal above = deal;
    above.debt->gearing = sized.gearing + 2 * s.tolerance;
    EXPECT_LT(*simulate(above, o).dscr_min.p10, 1.30);
    // One per cent more debt breaks the target.
    above.debt->gearing = sized.gearing * 1.01;
    const auto broken = simulate(above, o);
    EXPECT_LT(*broken.dscr_min.p10, 1.30);
    EXPECT_GT(broken.peak_debt.mean.value(), 1.009 * sized.debt);
    // The sized debt is the gearing times the capex (interest during construction is
    // paid by equity in this deal): 5000 g.
    EXPECT_NEAR(sized.debt, 5000.0 * sized.gearing, 1e-6);
}

TEST(DebtSizing, ATargetNoPositiveDebtMeetsIsInfeasible) {
    // Zero gearing has no debt service and so no DSCR: it meets any target only
    // vacuously. DSCR scales like 1/gearing; on this mine gearing 2.4e-4 gives about
    // 1000x, so 1e9x needs gearing below ~2.4e-10, far inside the solver's 1e-5
    // tolerance: the search ends at zero and must say infeasible, not "feasible at 0 %".
    const Deal deal = five_year_mine(0.5);
    DebtSizingOptions s;
    s.target_dscr = 1.0e9;
    const auto sized = size_debt(deal, s, options_for(deal));
    EXPECT_FALSE(sized.feasible);
    EXPECT_EQ(sized.gearing, 0.0);
    EXPECT_EQ(sized.binding, "dscr");
}

TEST(DebtSizing, NegativeCashFlowOnMorePathsThanThePercentileMakesAnyDebtFail) {
    // One operating year (period 2, T = 2 years from the start on 30/360), revenue 10 S_T,
    // fixed opex 800, no tax: CFADS < 0 exactly when S_T < 80. With the test prices
    // ln(S_T / 100) ~ N(-sigma^2 T / 2, sigma^2 T), sigma 0.3:
    //   P(S_T < 80) = Phi((ln 0.8 + 0.09) / (0.3 sqrt 2)) = Phi(-0.31383) = 0.37683,
    // above the 10 % of the DSCR test, so no gearing passes, and the result must say so.
    Deal deal = test::one_mine(1, 0.5);
    deal.project.fixed_opex = {800.0};
    const std::uint64_t paths = 1500;
    DebtSizingOptions s;
    s.target_dscr = 1.30;
    const auto sized = size_debt(deal, s, options_for(deal, paths));
    EXPECT_FALSE(sized.feasible);
    EXPECT_EQ(sized.gearing, 0.0);
    const double p = 0.5 * std::erfc(0.31383 / std::sqrt(2.0));
    EXPECT_NEAR(p, 0.37683, 5e-5);
    const double se = std::sqrt(p * (1 - p) / static_cast<double>(paths));
    EXPECT_NEAR(sized.share_negative_dscr, p, 4 * se);
    ASSERT_TRUE(sized.smallest_failing_gearing.has_value());
    EXPECT_GT(*sized.smallest_failing_gearing, 0.0);
    EXPECT_LT(*sized.smallest_failing_gearing, 2 * s.tolerance);
    ASSERT_TRUE(sized.dscr_at_smallest_failing.has_value());
    EXPECT_LT(*sized.dscr_at_smallest_failing, 0.0);
}

TEST(DebtSizing, AFeasibleSizingReportsTheFailureJustAboveIt) {
    const Deal deal = five_year_mine(0.5);
    DebtSizingOptions s;
    const auto sized = size_debt(deal, s, options_for(deal));
    ASSERT_TRUE(sized.feasible);
    ASSERT_TRUE(sized.smallest_failing_gearing.has_value());
    EXPECT_GT(*sized.smallest_failing_gearing, sized.gearing);
    EXPECT_LE(*sized.smallest_failing_gearing - sized.gearing, s.tolerance);
    EXPECT_LT(*sized.dscr_at_smallest_failing, s.target_dscr);
    EXPECT_EQ(sized.share_negative_dscr, 0.0);  // no costs: CFADS is revenue, never negative
}

TEST(DebtSizing, LlcrTargetCanBind) {
    const Deal deal = five_year_mine(0.5);
    DebtSizingOptions s;
    s.target_dscr = 0.1;  // loose
    s.target_llcr = 1.6;
    const auto sized = size_debt(deal, s, options_for(deal));
    ASSERT_TRUE(sized.feasible);
    EXPECT_EQ(sized.binding, "llcr");
    EXPECT_GE(*sized.result.llcr.p50, 1.6);
    EXPECT_THROW(size_debt(test::minimal_no_debt(), s, options_for(deal)), UsageError);
}

TEST(Stress, PriceShockScalesRevenueLinearly) {
    // No costs and no tax: project cash flow = -5000 at year 1, 10 S_t in years 2..6,
    // so NPV(shocked) = 0.7 (NPV + PV(capex)) - PV(capex), PV(capex) = 5000 / 1.08.
    const Deal deal = five_year_mine(0.5);
    StressScenario s;
    s.name = "price";
    s.price_shock = -0.30;
    const auto runs = run_stress(deal, {StressScenario{}, s}, options_for(deal));
    const double capex_pv = 5000.0 / 1.08;
    EXPECT_NEAR(*runs[1].result.npv.mean, 0.7 * (*runs[0].result.npv.mean + capex_pv) - capex_pv, 1e-6);
    EXPECT_GT(runs[1].result.p_default.value, runs[0].result.p_default.value);
}

TEST(Stress, ApplyStressChangesTheStatedInputs) {
    Deal deal = test::rich_deal();
    StressScenario s;
    s.capex_overrun = 0.25;
    s.construction_delay_periods = 2;
    s.production_shortfall = 0.10;
    s.opex_change = 0.15;
    s.rate_shift_bps = 200;
    const Deal d = apply_stress(deal, s);
    EXPECT_EQ(d.project.construction_periods, 6);
    ASSERT_EQ(d.project.construction_capex.size(), 6u);
    EXPECT_DOUBLE_EQ(d.project.construction_capex[0], 62.5e6);
    EXPECT_EQ(d.project.construction_capex[5], 0.0);
    EXPECT_DOUBLE_EQ(d.project.production_tpa[1], 18000.0);
    EXPECT_DOUBLE_EQ(d.project.unit_opex, 6900.0);
    EXPECT_DOUBLE_EQ(*d.discounting.rate, 0.10);
    EXPECT_DOUBLE_EQ(*d.debt->base_rate, 0.065);
    EXPECT_EQ(standard_stress_scenarios().size(), 6u);
}

TEST(Tornado, RowsForEachInputSortedBySwing) {
    const Deal deal = five_year_mine(0.5);
    const auto table = tornado(deal, standard_tornado_inputs(), options_for(deal, 600));
    ASSERT_EQ(table.rows.size(), 5u);
    for (std::size_t i = 1; i < table.rows.size(); ++i)
        EXPECT_GE(std::abs(table.rows[i - 1].npv_high.value - table.rows[i - 1].npv_low.value),
                  std::abs(table.rows[i].npv_high.value - table.rows[i].npv_low.value));
    for (const auto& row : table.rows) {
        if (row.name != "price") continue;
        EXPECT_LT(row.npv_low.value, table.base_npv.value);
        EXPECT_GT(row.npv_high.value, table.base_npv.value);
        EXPECT_GE(row.p_default_low.value, table.base_p_default.value);
        EXPECT_EQ(row.low_label, "price -20 %");
    }
}

}  // namespace
}  // namespace offtake
