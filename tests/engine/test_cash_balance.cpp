// `cash_balance` has one meaning (docs/conventions.md glossary): all the cash the project
// holds at the end of a period, that is prepayment proceeds not yet spent on
// construction (`unspent_prepayment`) + the DSRA + cash trapped by the lock-up; the same
// in the deterministic report and in the per-period series behind the Monte Carlo bands.
// Before issue 11 the report's `cash_balance` was the unspent proceeds alone and the
// series' was DSRA + trapped cash, so the two disagreed in every period that had either.
#include "deal_builder.hpp"

#include <offtake/deterministic.hpp>
#include <offtake/engine.hpp>

#include <gtest/gtest.h>

using namespace offtake;

namespace {

// Annual, tau = 1: close (t = 0), one construction year (capex 1000, t = 1 = COD), three
// operating years of 10 t at 100. The buyer prepays 500 at close.
Deal prepaid_deal() {
    Deal d = test::minimal_deal(3);
    d.offtakes.push_back(test::offtake_for("A", 6, Pricing::Type::Index));
    Prepayment pp;
    pp.buyer = "A";
    pp.amount = 500;
    pp.rate = 0.10;
    pp.deduction_share = 0.5;
    d.prepayment = pp;
    return d;
}

// The loan of tests/engine/test_waterfall.cpp: 500 at COD, 6 % all-in, straight line over
// 4 years (DS_2..DS_5 = 155, 147.5, 140, 132.5), DSRA = the next year's service, lock-up
// below DSCR 1.10. Prices by year: t = 3 at 15.5 gives CFADS 155 < 1.10 x 147.5.
Deal locked_up_deal() {
    Deal d = test::minimal_deal(4);
    d.price_deck.type = PriceDeck::Type::Table;
    d.price_deck.table = {{2026, 100}, {2027, 15.5}, {2028, 100}, {2029, 100}};
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

std::vector<double> series_cash(const Deal& d) {
    const auto p = prepare(d);
    PathResult r;
    PathScratch s;
    PathSeries series;
    PathInputs in;
    in.price = base_prices(*p).data();
    run_path(*p, in, r, s, &series);
    return series.cash_balance;
}

}  // namespace

TEST(CashBalance, UnspentPrepaymentDuringConstruction) {
    const DealReport rep = run_deterministic(prepaid_deal());
    const auto& P = rep.periods;
    // t = 0: the 500 received is held; t = 1: it pays half of the 1000 capex (equity the
    // other half) and nothing is left.
    EXPECT_NEAR(P[0].unspent_prepayment, 500.0, 1e-9);
    EXPECT_NEAR(P[0].cash_balance, 500.0, 1e-9);
    EXPECT_NEAR(P[1].equity_contribution, 500.0, 1e-9);
    EXPECT_NEAR(P[1].unspent_prepayment, 0.0, 1e-12);
    EXPECT_NEAR(P[1].cash_balance, 0.0, 1e-12);
    EXPECT_TRUE(reconcile(rep).ok);
}

TEST(CashBalance, DsraAndTrappedCashInOperations) {
    const DealReport rep = run_deterministic(locked_up_deal());
    const auto& P = rep.periods;
    EXPECT_NEAR(P[1].cash_balance, 155.0, 1e-9);           // DSRA funded at COD
    EXPECT_NEAR(P[2].cash_balance, 147.5, 1e-9);           // DSRA at DS_3
    ASSERT_TRUE(P[3].lockup);
    EXPECT_NEAR(P[3].cash_balance, 140.0 + 15.0, 1e-9);    // DSRA at DS_4 + 15 trapped
    EXPECT_NEAR(P[4].cash_balance, 132.5, 1e-9);           // trapped cash released
    EXPECT_NEAR(P[5].cash_balance, 0.0, 1e-12);            // all released at the end
    for (const auto& row : P) EXPECT_NEAR(row.unspent_prepayment, 0.0, 1e-12);
    const ReconciliationReport rec = reconcile(rep);
    for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
}

TEST(CashBalance, SeriesForTheBandsMeansTheSame) {
    for (const Deal& d : {prepaid_deal(), locked_up_deal()}) {
        const DealReport rep = run_deterministic(d);
        const std::vector<double> series = series_cash(d);
        ASSERT_EQ(series.size(), rep.periods.size());
        for (std::size_t t = 0; t < series.size(); ++t)
            EXPECT_EQ(series[t], rep.periods[t].cash_balance) << "period " << t;
    }
    EXPECT_NEAR(series_cash(prepaid_deal())[0], 500.0, 1e-9);  // was 0: proceeds left out
}
