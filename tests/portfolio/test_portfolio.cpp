// The buyer's portfolio (docs/portfolio.md) against hand calculations and closed forms:
// supply, spot top-ups, cost, the split of periods over calendar years by days, the HHI
// and the CRMA concentration test on a fixed case; P(shortfall) of a buyer whose
// default probability is known; a removed position leaves the other projects' numbers
// bit for bit; the thread count does not change a byte.
#include <offtake/portfolio.hpp>
#include <offtake/portfolio_run.hpp>
#include <offtake/result_json.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using namespace offtake;
namespace fs = std::filesystem;

#include "portfolio_fixture.hpp"

// Deal A (US, processed in DE) delivers 6,000 t/yr at a fixed 20,000/t from 2031; deal B
// (AU, processed in CN) starts on 1 April 2030, so its first delivery period runs from
// 1 April 2031 to 1 April 2032 (366 days, 2032 being a leap year), of which 275 days fall
// in 2031. No buyer default, deterministic decks: every path is the same.
TEST_F(PortfolioTest, SupplySpotCostAndConcentrationByHand) {
    DealSpec a;
    write("a.yaml", deal_text(a));
    DealSpec b;
    b.country = "AU";
    b.start = "2030-04-01";
    b.production = 4000;
    b.volume = 4000;
    b.fixed_price = 18000;
    write("b.yaml", deal_text(b));
    const std::string file = write("p.yaml", R"(buyer: Carmaker
needs:
  - product: lithium_hydroxide
    years: [{year: 2031, tonnes: 12000}]
positions:
  - {deal: a.yaml, offtakes: [Carmaker], equity: [Carmaker], processing_country: DE}
  - {deal: b.yaml, offtakes: [Carmaker], processing_country: CN}
spot: {max_share: 0.1, shortage_premium: 0.5}
report: {shortfall_thresholds: [0, 0.05, 0.25]}
)");
    const Portfolio pf = load_portfolio_file(file);
    const PortfolioResult r = run_portfolio(pf, quiet(50));
    ASSERT_EQ(r.products.size(), 1u);
    const SupplyYear& y = r.products[0].years.at(0);
    const double b2031 = 4000.0 * 275.0 / 366.0;  // B's 2031 days of its first delivery period
    const double delivered = 6000.0 + b2031;      // 9,005.46 t
    EXPECT_NEAR(*y.delivered.mean, delivered, 1e-6);
    EXPECT_NEAR(*y.contracted.mean, delivered, 1e-6);
    EXPECT_EQ(*y.delivered.p5, *y.delivered.p95);  // deterministic
    // Gap 2,994.54 t; spot at most 10 % of 12,000 = 1,200 t; unmet 1,794.54 t.
    const double spot = 1200.0, unmet = 12000.0 - delivered - spot;
    EXPECT_NEAR(*y.spot_tonnes.mean, spot, 1e-9);
    EXPECT_NEAR(*y.unmet.mean, unmet, 1e-6);
    ASSERT_EQ(y.p_shortfall.size(), 3u);
    EXPECT_EQ(y.p_shortfall[0].value, 1.0);  // unmet > 0
    EXPECT_EQ(y.p_shortfall[1].value, 1.0);  // 1,794.54 > 600
    EXPECT_EQ(y.p_shortfall[2].value, 0.0);  // 1,794.54 < 3,000
    EXPECT_NEAR(*y.cvar95_unmet, unmet, 1e-6);
    // Cost: contracts 6,000 x 20,000 + b2031 x 18,000; spot 1,200 x 15,000 (the deck of
    // A, the first deal of the product, on its 2031 period) x 1.5.
    const double contract = 6000.0 * 20000.0 + b2031 * 18000.0, spot_cost = 1200.0 * 15000.0 * 1.5;
    EXPECT_NEAR(*y.contract_cost.mean, contract, 1e-3);
    EXPECT_NEAR(*y.index_price.mean, 15000.0, 1e-9);
    EXPECT_NEAR(*y.spot_cost.mean, spot_cost, 1e-6);
    EXPECT_NEAR(*y.total_cost.mean, contract + spot_cost, 1e-3);
    EXPECT_NEAR(*y.unit_cost.mean, (contract + spot_cost) / (delivered + spot), 1e-6);
    EXPECT_NEAR(*y.contract_price.mean, contract / delivered, 1e-6);
    // Concentration: mining US 6,000 / 9,005.46 = 0.66626, AU 0.33374; HHI = their squares.
    const double us = 6000.0 / delivered, au = b2031 / delivered;
    EXPECT_NEAR(*y.hhi_mining.mean, us * us + au * au, 1e-12);
    EXPECT_NEAR(*y.largest_mining.mean, us, 1e-12);
    // The US is a third country with more than 65 %: the CRMA test fails on every path.
    EXPECT_EQ(y.p_concentration_mining.value, 1.0);
    // Processing: DE (an EU member) 0.666, CN 0.334: no third country above 65 %.
    EXPECT_NEAR(*y.hhi_processing.mean, us * us + au * au, 1e-12);
    EXPECT_EQ(y.p_concentration_processing.value, 0.0);
    ASSERT_EQ(y.mining.size(), 2u);
    EXPECT_EQ(y.mining[0].country, "US");
    EXPECT_TRUE(y.mining[0].third_country);
    EXPECT_NEAR(y.mining[0].share.value, us, 1e-12);
    ASSERT_EQ(y.processing.size(), 2u);
    EXPECT_EQ(y.processing[0].country, "DE");
    EXPECT_FALSE(y.processing[0].third_country);
}

// One buyer with annual default probability p on one deal whose offtake is the whole
// need and no spot: the buyer is out of the contract in period t exactly when its
// default time tau is at or before the end of period t - 1 (it is served in its default
// period; docs/scenarios.md section 6), so with tau exponential at hazard -ln(1 - p)
// from the scenario origin 2030-01-01, P(shortfall in year y) = 1 - (1 - p)^T with T the
// Act/365F years from 2030-01-01 to 1 January y. With 4,000 paths the binomial standard
// error is at most sqrt(0.25 / 4000) = 0.0079; the tolerance is 4 standard errors.
TEST_F(PortfolioTest, ShortfallProbabilityIsTheBuyersDefaultProbability) {
    DealSpec a;
    a.buyer_pd = 0.1;
    write("a.yaml", deal_text(a));
    const std::string file = write("p.yaml", R"(buyer: Carmaker
needs:
  - product: lithium_hydroxide
    years: [{year: 2031, tonnes: 6000}, {year: 2032, tonnes: 6000}, {year: 2033, tonnes: 6000}]
positions:
  - {deal: a.yaml, offtakes: [Carmaker]}
)");
    const PortfolioResult r = run_portfolio(load_portfolio_file(file), quiet(4000));
    const auto& years = r.products.at(0).years;
    const double p = 0.1;
    const double t[] = {365.0 / 365.0, 730.0 / 365.0, 1096.0 / 365.0};  // to 2031, 2032, 2033-01-01
    for (int k = 0; k < 3; ++k) {
        SCOPED_TRACE(years[k].year);
        const double expected = 1.0 - std::pow(1.0 - p, t[k]);
        const double se = std::sqrt(expected * (1.0 - expected) / 4000.0);
        EXPECT_NEAR(years[k].p_shortfall.at(0).value, expected, 4.0 * se);
        // Unmet is 6,000 t on those paths and 0 elsewhere: E[unmet] = 6,000 P.
        EXPECT_NEAR(*years[k].unmet.mean, 6000.0 * years[k].p_shortfall[0].value, 1e-6);
        // More than 5 % of paths short: the worst 5 % are all 6,000 t.
        EXPECT_NEAR(*years[k].cvar95_unmet, 6000.0, 1e-9);
    }
}

// Removing a position leaves every other project's own numbers bit for bit: each reads
// the market by date and its counterparties by name (docs/scenarios.md section 7; the
// removed deal is neither the earliest start nor the first of its commodity). And the
// thread count changes no byte of the portfolio document.
TEST_F(PortfolioTest, RemovingAPositionLeavesTheOthersBitForBitAndThreadsChangeNothing) {
    DealSpec a, b, c;
    a.commodity = b.commodity = c.commodity = "lithium_carbonate";  // stochastic prices
    a.buyer_pd = b.buyer_pd = c.buyer_pd = 0.02;
    b.country = "AU";
    b.start = "2030-04-01";
    c.country = "RS";
    c.start = "2031-01-01";
    write("a.yaml", deal_text(a));
    write("b.yaml", deal_text(b));
    write("c.yaml", deal_text(c));
    const std::string head = "buyer: Carmaker\nneeds:\n  - product: lithium_carbonate\n"
                             "    years: [{year: 2032, tonnes: 15000}, {year: 2033, tonnes: 15000}]\n"
                             "spot: {max_share: 0.2, shortage_premium: 0.3}\npositions:\n"
                             "  - {deal: a.yaml, offtakes: [Carmaker]}\n  - {deal: b.yaml, offtakes: [Carmaker]}\n";
    const std::string three = write("three.yaml", head + "  - {deal: c.yaml, offtakes: [Carmaker]}\n");
    const std::string two = write("two.yaml", head);
    const PortfolioResult r3 = run_portfolio(load_portfolio_file(three), quiet(1500));
    const PortfolioResult r2 = run_portfolio(load_portfolio_file(two), quiet(1500));
    auto project_json = [](const PortfolioResult& r, std::size_t k) {
        auto j = nlohmann::json::parse(to_json(r.projects[k], &r.positions[k].deal));
        j.erase("seconds");
        return j.dump();
    };
    for (std::size_t k = 0; k < 2; ++k) EXPECT_EQ(project_json(r3, k), project_json(r2, k)) << "project " << k;
    // The third project does change the buyer's supply.
    EXPECT_NE(*r3.products[0].years[0].delivered.mean, *r2.products[0].years[0].delivered.mean);

    // 2,500 paths are three blocks of 1,024: one and two threads merge them in one order.
    auto doc = [&](int threads) {
        auto j = nlohmann::json::parse(to_json(run_portfolio(load_portfolio_file(three), quiet(2500, threads))));
        j.erase("seconds");
        j.erase("threads");
        for (auto& p : j["positions"]) {
            p["result"].erase("seconds");
            p["result"].erase("threads");
        }
        return j.dump();
    };
    EXPECT_EQ(doc(1), doc(2));
}

// The EU member states of models/eu_member_states.yaml: 27, Greece as GR.
TEST(EuMemberStates, TwentySevenAndNoOthers) {
    EXPECT_EQ(eu_member_states().size(), 27u);
    EXPECT_TRUE(is_eu_member_state("GR"));
    EXPECT_TRUE(is_eu_member_state("DE"));
    EXPECT_FALSE(is_eu_member_state("GB"));
    EXPECT_FALSE(is_eu_member_state("RS"));
    EXPECT_FALSE(is_eu_member_state("EL"));
}

// docs/portfolio.md embeds the schema table between its markers, as generated.
TEST(PortfolioDocs, SchemaTableIsCurrent) {
    std::ifstream in(std::string(OFFTAKE_SOURCE_DIR) + "/docs/portfolio.md");
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string begin = "<!-- portfolio-schema:begin -->\n", end = "<!-- portfolio-schema:end -->";
    const auto a = text.find(begin), b = text.find(end);
    ASSERT_NE(a, std::string::npos);
    ASSERT_NE(b, std::string::npos);
    // The current table, to paste between the markers when the schema changes.
    std::ofstream(std::string(OFFTAKE_BINARY_DIR) + "/portfolio-schema.md") << portfolio_schema_markdown();
    EXPECT_EQ(text.substr(a + begin.size(), b - a - begin.size()), portfolio_schema_markdown())
        << "regenerate from " << OFFTAKE_BINARY_DIR << "/portfolio-schema.md";
}

// Capital at risk sums the buyer's pieces path by path, so its means are the sums of the
// projects' own means (linearity of the expectation over the same paths): the equity NPV
// of the stakes named and the prepayment lost, reported on the prepayment buyer's
// offtake (docs/conventions.md section 5). A prepayment the project cannot repay in full
// on some paths makes the loss non-trivial. Tolerance: rounding of sums, 1e-9 relative.
TEST_F(PortfolioTest, CapitalAtRiskSumsTheProjectsOwnNumbers) {
    DealSpec a, b;
    a.commodity = b.commodity = "lithium_carbonate";
    a.buyer_pd = b.buyer_pd = 0.05;
    b.country = "AU";
    write("a.yaml", deal_text(a));
    // B: a prepayment of 400m against 4,000 t/yr at 20,000/t, a third of each invoice
    // deducted: 10 years of deductions repay at most 267m, so the rest is lost on every path.
    write("b.yaml", deal_text(b) + "prepayment: {buyer: Carmaker, amount: 400e6, deduction_share: 0.3333}\n");
    const std::string file = write("p.yaml", R"(buyer: Carmaker
needs:
  - product: lithium_carbonate
    years: [{year: 2032, tonnes: 12000}]
positions:
  - {deal: a.yaml, offtakes: [Carmaker], equity: [Carmaker]}
  - {deal: b.yaml, offtakes: [Carmaker], prepayments: [Carmaker], equity: [Carmaker]}
)");
    const PortfolioResult r = run_portfolio(load_portfolio_file(file), quiet(1200));
    const double equity = *r.projects[0].equity_npv[1].mean + *r.projects[1].equity_npv[1].mean;
    EXPECT_NEAR(*r.capital.equity_npv.mean, equity, 1e-9 * std::fabs(equity));
    const double lost = *r.projects[1].buyers[0].prepayment_lost.mean;
    EXPECT_GT(lost, 0.0);
    EXPECT_NEAR(*r.capital.prepayment_lost.mean, lost, 1e-9 * lost);
    EXPECT_EQ(r.capital.prepayments_committed, 400e6);
    EXPECT_EQ(*r.capital.guarantee_paid.mean, 0.0);  // no guarantee named
    EXPECT_NEAR(*r.capital.loss.mean, lost, 1e-9 * lost);
}

// Export bans reach the buyer through what each project delivers (docs/risks.md,
// docs/portfolio.md section 2). Two projects, each half of the 6,000 t need of 2031, no
// spot; each country's restrictions arrive as a Poisson process of lambda = 0.2 a calendar
// year and last D = 0.5 years (sigma 0: the lognormal is its median), stopping all
// exports. A project is short in 2031 exactly when a restriction of its country touches
// 2031: one arriving in 2031 (Poisson mean lambda) or one arriving in the last
// 0.5 x 365 days of 2030 (mean lambda x 182.5 / 365; none earlier, D < 1 year), so
// P(no restriction of a country touches 2031) = exp(-1.5 lambda) (docs/risks.md,
// exp(-lambda (T + E[min(D, c)])) with T = 1, E[min(D, c)] = 0.5).
class ExportBanPortfolio : public PortfolioTest {
  protected:
    static constexpr double kLambda = 0.2;
    static constexpr std::uint64_t kPaths = 3000;
    void SetUp() override {
        PortfolioTest::SetUp();
        const std::string model =
            write("countries.yaml",
                  "export_restrictions:\n"
                  "  ID: {arrivals_per_year: 0.2, duration: {median_years: 0.5, sigma: 0, max_years: 5},"
                  " restricted_share: 1.0, domestic_discount: 0.3}\n"
                  "  CD: {arrivals_per_year: 0.2, duration: {median_years: 0.5, sigma: 0, max_years: 5},"
                  " restricted_share: 1.0, domestic_discount: 0.3}\n");
        auto banned = [&](const std::string& name, const std::string& country, const std::string& project) {
            DealSpec d;
            d.country = country;
            d.production = d.volume = 3000;
            std::string text = deal_text(d);
            const std::string generated = "name: Mine " + country + " " + d.start;
            text.replace(text.find(generated), generated.size(), "name: " + project);
            write(name, text + "export_restrictions: {model: " + model + "}\n");
        };
        banned("id.yaml", "ID", "Mine A");
        banned("cd.yaml", "CD", "Mine B");
        banned("id2.yaml", "ID", "Mine C");
    }
    // Year 2031 of a portfolio of the given deals, each offtake 3,000 t/yr of the need.
    SupplyYear year_2031(const std::vector<std::string>& deals) {
        std::string text = "buyer: Carmaker\nneeds:\n  - product: lithium_hydroxide\n    years: [{year: 2031, tonnes: " +
                           std::to_string(3000 * deals.size()) + "}]\npositions:\n";
        std::string name = "p";
        for (const auto& d : deals) {
            text += "  - {deal: " + d + ", offtakes: [Carmaker]}\n";
            name += "-" + d;
        }
        return run_portfolio(load_portfolio_file(write(name, text)), quiet(kPaths)).products.at(0).years.at(0);
    }
};

// Different countries draw independently: P(shortfall) = 1 - exp(-1.5 lambda)^2 =
// 1 - exp(-3 lambda) = 0.4512. 3,000 paths: the binomial standard error is at most
// sqrt(0.25 / 3000) = 0.0091; the tolerance is 4 of them. One ban alone leaves the need
// unmet, so the pair is short more often than each country alone (0.2592).
TEST_F(ExportBanPortfolio, IndependentCountriesFollowThePoissonLaw) {
    const double se = std::sqrt(0.25 / kPaths);
    const SupplyYear apart = year_2031({"id.yaml", "cd.yaml"});
    EXPECT_NEAR(apart.p_shortfall.at(0).value, 1.0 - std::exp(-3.0 * kLambda), 4.0 * se);
    const SupplyYear id = year_2031({"id.yaml"}), cd = year_2031({"cd.yaml"});
    EXPECT_NEAR(id.p_shortfall.at(0).value, 1.0 - std::exp(-1.5 * kLambda), 4.0 * se);
    EXPECT_NEAR(cd.p_shortfall.at(0).value, 1.0 - std::exp(-1.5 * kLambda), 4.0 * se);
    // Unmet tonnes add up path by path (each project's own ban, no spot): exact.
    EXPECT_NEAR(*apart.unmet.mean, *id.unmet.mean + *cd.unmet.mean, 1e-9 * 6000.0);
}

// Two projects in one country are banned together: on every path both or neither are
// short, so the pair's P(shortfall) is exactly that of one of them (the same paths), it
// matches 1 - exp(-1.5 lambda) = 0.2592 within 4 standard errors (sqrt(p (1 - p) / n)
// <= 0.0091), and the pair's expected unmet tonnes are twice one project's (each loses
// the same share of 2031 on each path).
TEST_F(ExportBanPortfolio, OneCountryBansBothTogether) {
    const double se = std::sqrt(0.25 / kPaths);
    const SupplyYear together = year_2031({"id.yaml", "id2.yaml"});
    const SupplyYear one = year_2031({"id.yaml"});
    EXPECT_EQ(together.p_shortfall.at(0).value, one.p_shortfall.at(0).value);
    EXPECT_NEAR(together.p_shortfall.at(0).value, 1.0 - std::exp(-1.5 * kLambda), 4.0 * se);
    EXPECT_GT(*one.unmet.mean, 0.0);
    EXPECT_NEAR(*together.unmet.mean, 2.0 * *one.unmet.mean, 1e-9 * 6000.0);
}
