#include "deal_builder.hpp"

#include <offtake/deterministic.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

using namespace offtake;

TEST(EngineSmoke, FullDealRunsAndReconciles) {
    Deal d = test::minimal_deal(10);
    d.project.production_tpa = {50, 80, 100};
    d.project.fixed_opex = {1000};
    d.project.unit_opex = 20;
    d.project.inflation = 0.02;
    d.project.royalty_rate = 0.05;
    d.project.tax_rate = 0.3;
    d.project.depreciation_years = 5;
    d.project.working_capital_days = 30;
    d.project.sustaining_capex = {100};
    d.project.closure_cost = 500;
    d.offtakes.push_back(test::offtake_for("A", 40, Pricing::Type::Fixed));
    d.offtakes[0].pricing.price = 110;
    d.offtakes.push_back(test::offtake_for("B", 30, Pricing::Type::Collar));
    d.offtakes[1].pricing.floor = 90;
    d.offtakes[1].priority = 2;
    Prepayment pp;
    pp.buyer = "A";
    pp.amount = 200;
    pp.rate = 0.05;
    pp.deduction_share = 0.5;
    d.prepayment = pp;
    d.equity = {{"Sponsor", 0.7}, {"A", 0.3}};
    SeniorDebt debt;
    debt.gearing = 0.6;
    debt.tenor_years = 6;
    debt.profile = SeniorDebt::Profile::Sculpted;
    debt.base_rate = 0.04;
    debt.margin_bps = 300;
    debt.upfront_fee_bps = 100;
    debt.commitment_fee_bps = 50;
    d.debt = debt;
    const DealReport rep = run_deterministic(d);
    const ReconciliationReport rec = reconcile(rep);
    for (const auto& c : rec.checks) EXPECT_TRUE(c.ok) << c.name << ": " << c.residual;
    EXPECT_TRUE(rec.ok);
    std::ostringstream csv;
    write_schedule_csv(rep, csv);
    const std::string text = csv.str();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1 + 12);  // header + t = 0..11
}
