// examples/portfolio/grid-operator-copper.portfolio.yaml against what follows from its
// numbers by hand (docs/portfolio.md section 6b). Each mine produces far more than the
// grid operator's contract (Timok 61,571 t/yr at least, Kamoa-Kakula 620,000, Quellaveco
// 300,000, against 15,000, 20,000 and 15,000), the buyer has no default probability, and
// the DRC's modelled restrictions leave 35 % of Kamoa-Kakula's output exportable (217,000
// t, above its 20,000 t contract), so the tonnes are the same on every path:
//   delivered 50,000 t a year; spot min(10,000, 0.1 x 60,000) = 6,000 t; unmet 4,000 t;
//   P(unmet > 0) = P(unmet > 5 %) = 1 (4,000 > 3,000), P(unmet > 10 %) = 0; CVaR 4,000 t;
//   mining shares RS 15/50, CD 20/50, PE 15/50, HHI 0.09 + 0.16 + 0.09 = 0.34; processing
//   RS, CN, JP the same; no third country above 65 %; index-priced contracts cost the
//   index (premium 0) and the spot top-up 6,000 x 1.3 x the index.
// The candidate Los Azules offer at the index less 1 % is cheaper than spot at the index
// + 30 % for every missing tonne and buys nothing above the need, so the cheapest volume
// meeting P(shortfall) <= 5 % is the gap, 10,000 t/yr. A two-year ban of all DRC exports
// takes Kamoa-Kakula's 20,000 t out of 2030 and 2031: 40,000 t more unmet.
#include "portfolio_fixture.hpp"

#include <offtake/portfolio.hpp>
#include <offtake/portfolio_optimise.hpp>
#include <offtake/portfolio_run.hpp>
#include <offtake/portfolio_what_if.hpp>

#include <map>

namespace {

const std::string kExample =
    std::string(OFFTAKE_SOURCE_DIR) + "/examples/portfolio/grid-operator-copper.portfolio.yaml";

TEST(GridOperatorExample, SupplyAndConcentrationByHand) {
    const Portfolio pf = load_portfolio_file(kExample);
    MonteCarloOptions o = quiet(64, 2);
    o.score = false;
    const PortfolioResult r = run_portfolio(pf, o);
    ASSERT_EQ(r.products.size(), 1u);
    ASSERT_EQ(r.products[0].years.size(), 10u);
    for (const auto& y : r.products[0].years) {
        SCOPED_TRACE(y.year);
        EXPECT_NEAR(*y.delivered.p5, 50000.0, 1e-6);
        EXPECT_NEAR(*y.delivered.p95, 50000.0, 1e-6);
        EXPECT_NEAR(*y.spot_tonnes.mean, 6000.0, 1e-6);
        EXPECT_NEAR(*y.unmet.mean, 4000.0, 1e-6);
        EXPECT_EQ(y.p_shortfall.at(0).value, 1.0);
        EXPECT_EQ(y.p_shortfall.at(1).value, 1.0);
        EXPECT_EQ(y.p_shortfall.at(2).value, 0.0);
        EXPECT_NEAR(*y.cvar95_unmet, 4000.0, 1e-6);
        std::map<std::string, double> mined, processed;
        for (const auto& c : y.mining) mined[c.country] = c.share.value;
        for (const auto& c : y.processing) processed[c.country] = c.share.value;
        EXPECT_NEAR(mined["RS"], 0.3, 1e-12);
        EXPECT_NEAR(mined["CD"], 0.4, 1e-12);
        EXPECT_NEAR(mined["PE"], 0.3, 1e-12);
        EXPECT_NEAR(processed["RS"], 0.3, 1e-12);
        EXPECT_NEAR(processed["CN"], 0.4, 1e-12);
        EXPECT_NEAR(processed["JP"], 0.3, 1e-12);
        EXPECT_NEAR(*y.hhi_mining.mean, 0.34, 1e-12);
        EXPECT_NEAR(*y.hhi_processing.mean, 0.34, 1e-12);
        EXPECT_NEAR(*y.largest_mining.mean, 0.4, 1e-12);
        EXPECT_EQ(y.p_concentration_mining.value, 0.0);
        EXPECT_EQ(y.p_concentration_processing.value, 0.0);
        EXPECT_NEAR(*y.contract_premium.mean, 0.0, 1e-9 * *y.index_price.mean);
        EXPECT_NEAR(*y.spot_cost.mean, 6000.0 * 1.3 * *y.index_price.mean, 1e-9 * *y.spot_cost.mean);
    }
}

TEST(GridOperatorExample, TheOptimiserBuysTheGapAndTheDrcBanCostsItsTonnes) {
    Portfolio pf = load_portfolio_file(kExample);
    pf.optimise->paths = 20;  // the tonnes are the same on every path; few paths keep it fast
    MonteCarloOptions o = quiet(64, 2);
    o.score = false;
    const OptimiseResult r = optimise_portfolio(pf, o, 0);
    ASSERT_EQ(r.choices.size(), 1u);
    EXPECT_EQ(r.status, "optimal");
    EXPECT_NEAR(r.choices[0].chosen_tpa, 10000.0, 1e-6);
    EXPECT_NEAR(r.choices[0].delivered_tonnes, 100000.0, 1e-6);  // 10 years x 10,000 t
    EXPECT_EQ(r.in_sample.optimised.p_shortfall_average, 0.0);
    EXPECT_EQ(r.scaling_max_deviation_tonnes, 0.0);

    const WhatIfResult w = run_what_if(load_portfolio_file(kExample), o);
    const WhatIfChange* ban = nullptr;
    for (const auto& ch : w.changes)
        if (ch.kind == WhatIfKind::Stress) ban = &ch;
    ASSERT_NE(ban, nullptr);
    EXPECT_NEAR(ban->difference.unmet_tonnes.value, 40000.0, 1e-6);
    EXPECT_EQ(ban->difference.unmet_tonnes.standard_error, 0.0);
}

}  // namespace
