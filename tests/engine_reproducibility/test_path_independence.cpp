// run_path keeps nothing from one path to the next in its PathScratch: a path run after
// another, on the same scratch, gives bit for bit what it gives on a fresh scratch. This
// failed while the scratch kept the IRR solver's warm starts (the previous path's IRRs):
// Newton stops within 1e-12 of the root, and where it stops depends on where it started.
#include "../engine/deal_builder.hpp"

#include <offtake/engine.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace offtake {
namespace {

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(PathIndependence, IrrsDoNotDependOnThePathRunBefore) {
    Deal d = test::quarterly_project();
    d.equity = {{"Sponsor", 1.0}};
    SeniorDebt debt;
    debt.gearing = 0.5;
    debt.tenor_years = 8;
    debt.profile = SeniorDebt::Profile::Annuity;
    debt.base_rate = 0.05;
    debt.margin_bps = 250;
    d.debt = debt;
    const auto p = prepare(d);

    // The path of interest: the base deck. The path before it: the deck at 1.6 times,
    // whose IRRs are far from this path's.
    const std::vector<double> base = base_prices(*p);
    std::vector<double> high = base;
    for (double& x : high) x *= 1.6;

    PathInputs in;
    in.price = base.data();
    PathResult fresh;
    PathScratch fresh_scratch;
    run_path(*p, in, fresh, fresh_scratch);
    ASSERT_TRUE(fresh.irr.has_value());
    ASSERT_TRUE(fresh.equity_irr[0].has_value());

    PathScratch reused;
    PathResult before, after;
    PathInputs in_high;
    in_high.price = high.data();
    run_path(*p, in_high, before, reused);
    ASSERT_TRUE(before.irr && before.equity_irr[0]);
    ASSERT_GT(*before.irr - *fresh.irr, 0.05);  // the path before really is elsewhere
    run_path(*p, in, after, reused);

    EXPECT_TRUE(same_bits(*after.irr, *fresh.irr)) << *after.irr << " vs " << *fresh.irr;
    EXPECT_TRUE(same_bits(*after.equity_irr[0], *fresh.equity_irr[0]))
        << *after.equity_irr[0] << " vs " << *fresh.equity_irr[0];
    EXPECT_TRUE(same_bits(after.npv, fresh.npv));
}

}  // namespace
}  // namespace offtake
