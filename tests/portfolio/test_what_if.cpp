// What-if on common random numbers (docs/portfolio.md, "What-if"): a removal is the run
// of the portfolio without the position, bit for bit, and leaves every other project's
// numbers unchanged; an addition is the run with the candidate signed; the thread count
// changes no byte; the named stresses and the money committed against hand calculations.
#include <offtake/portfolio.hpp>
#include <offtake/portfolio_run.hpp>
#include <offtake/portfolio_what_if.hpp>
#include <offtake/result_json.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "portfolio_fixture.hpp"

namespace {

using nlohmann::json;

// Drops what depends on the machine (wall time, threads) from a Monte Carlo document.
void drop_timing(json& j) {
    if (!j.is_object()) return;
    j.erase("seconds");
    j.erase("threads");
    for (auto& [key, value] : j.items()) {
        if (value.is_object()) drop_timing(value);
        if (value.is_array())
            for (auto& v : value) drop_timing(v);
    }
}

json parsed(const std::string& text) {
    json j = json::parse(text);
    drop_timing(j);
    return j;
}

const char* kNeeds = "buyer: Carmaker\nneeds:\n  - product: lithium_carbonate\n"
                     "    years: [{year: 2031, tonnes: 12000}, {year: 2032, tonnes: 12000}, {year: 2033, tonnes: 12000}]\n"
                     "spot: {max_share: 0.1, shortage_premium: 0.3}\n";

}  // namespace

// Three projects in three countries on the stochastic lithium carbonate model, the buyer's
// default (5 % a year) the common event; one candidate in a fourth country. The what-if
// row "remove b.yaml" is the run of the portfolio of a and c alone (the same scenario:
// every deal starts on 2030-01-01, the first of the commodity stays), bit for bit in every
// supply and capital number, and a's and c's own numbers there are those of the signed
// portfolio; the row "add d.yaml" is the run with d signed. One and two threads agree.
TEST_F(PortfolioTest, WhatIfRowsAreTheRunsWithoutAndWithThePositionBitForBit) {
    for (const char* country : {"US", "AU", "CL", "PE"}) {
        DealSpec d;
        d.commodity = "lithium_carbonate";
        d.country = country;
        d.buyer_pd = 0.05;
        d.volume = 4000;
        const std::string name = std::string(country) == "US"   ? "a.yaml"
                                 : std::string(country) == "AU" ? "b.yaml"
                                 : std::string(country) == "CL" ? "c.yaml"
                                                                : "d.yaml";
        write(name, deal_text(d));
    }
    const std::string pos = "  - {deal: a.yaml, offtakes: [Carmaker]}\n  - {deal: b.yaml, offtakes: [Carmaker]}\n"
                            "  - {deal: c.yaml, offtakes: [Carmaker]}\n";
    const std::string cand = "candidates:\n  - {deal: d.yaml, offtakes: [Carmaker], volume_tpa: {min: 1000, max: 8000}}\n";
    const std::string file = write("p.yaml", std::string(kNeeds) + "positions:\n" + pos + cand);
    const std::string without_b = write("p-b.yaml", std::string(kNeeds) + "positions:\n" +
                                                        "  - {deal: a.yaml, offtakes: [Carmaker]}\n"
                                                        "  - {deal: c.yaml, offtakes: [Carmaker]}\n");
    const std::string with_d = write("p+d.yaml", std::string(kNeeds) + "positions:\n" + pos +
                                                     "  - {deal: d.yaml, offtakes: [Carmaker]}\n");
    const Portfolio pf = load_portfolio_file(file);
    ASSERT_EQ(pf.candidates.size(), 1u);
    const WhatIfResult w = run_what_if(pf, quiet(2100, 1));
    const json doc = parsed(to_json(w));
    ASSERT_EQ(doc["changes"].size(), 4u);  // three removals, one addition

    const json alone = parsed(to_json(run_portfolio(load_portfolio_file(without_b), quiet(2100, 1))));
    const json& removed = doc["changes"][1];
    EXPECT_EQ(removed["kind"], "remove");
    EXPECT_EQ(removed["label"], "b.yaml");
    EXPECT_EQ(removed["products"].dump(), alone["products"].dump());
    EXPECT_EQ(removed["capital_at_risk"].dump(), alone["capital_at_risk"].dump());
    EXPECT_EQ(alone["positions"][0]["result"].dump(), doc["portfolio"]["positions"][0]["result"].dump());
    EXPECT_EQ(alone["positions"][1]["result"].dump(), doc["portfolio"]["positions"][2]["result"].dump());
    // The buyer's default stops deliveries on some paths, so the removal is a real change.
    EXPECT_GT(w.changes[1].difference.unmet_tonnes.value, 0.0);

    const json signed_d = parsed(to_json(run_portfolio(load_portfolio_file(with_d), quiet(2100, 1))));
    const json& added = doc["changes"][3];
    EXPECT_EQ(added["kind"], "add");
    EXPECT_EQ(added["products"].dump(), signed_d["products"].dump());
    EXPECT_EQ(doc["candidates"][0]["result"].dump(), signed_d["positions"][3]["result"].dump());
    // The signed portfolio inside the what-if is the plain run's.
    const json plain = parsed(to_json(run_portfolio(load_portfolio_file(file), quiet(2100, 1))));
    EXPECT_EQ(doc["portfolio"]["products"].dump(), plain["products"].dump());

    EXPECT_EQ(parsed(to_json(run_what_if(pf, quiet(2100, 2)))).dump(), doc.dump());
}

// Two projects on deterministic decks, no buyer default: every path is the base case. A
// (US) and B (AU) each deliver 6,000 t in 2031 at the fixed 20,000/t (their first
// operating period is [2031-01-01, 2032-01-01), all in 2031), against a need of 12,000 t
// and no spot. So the signed portfolio has nothing unmet, and by hand:
// - an AU ban over 2031 stops B's 6,000 t: unmet +6,000, P(shortfall) +1 (one need year),
//   cost -6,000 x 20,000 = -120 m (the buyer pays for what it receives);
// - the same ban on half the output: B mines 10,000 t, the exportable 5,000 t go to the
//   offtake first (docs/risks.md section 1), so it misses 1,000 t;
// - a ban of half a year (round(365 x 0.5) = 183 days, all output): 183/365 of the year's
//   10,000 t cannot be exported, the offtake gets 10,000 x 182/365 = 4,986.3 t and misses
//   6,000 - 10,000 x (1 - 183/365) = 1,013.7 t;
// - B never completing: no tonnes, +6,000 t, the same change as removing B.
// Committed: A's contract payments in 2031, 6,000 x 20,000 = 120 m, plus its 10 % equity
// stake's contributions in the base case (no debt: equity funds the 100 m capex): 10 m.
TEST_F(PortfolioTest, WhatIfStressesAndCommittedMoneyByHand) {
    DealSpec a, b;
    b.country = "AU";
    write("a.yaml", deal_text(a));
    write("b.yaml", deal_text(b));
    const std::string file = write("p.yaml", R"(buyer: Carmaker
needs:
  - product: lithium_hydroxide
    years: [{year: 2031, tonnes: 12000}]
positions:
  - {deal: a.yaml, offtakes: [Carmaker], equity: [Carmaker]}
  - {deal: b.yaml, offtakes: [Carmaker]}
stresses:
  - {name: AU bans 2031, export_ban: {country: AU, from_year: 2031, years: 1}}
  - {name: AU bans half, export_ban: {country: AU, from_year: 2031, years: 1, share: 0.5}}
  - {name: AU bans half a year, export_ban: {country: AU, from_year: 2031, years: 0.5}}
  - {name: B never completes, fails_to_complete: b.yaml}
)");
    const WhatIfResult w = run_what_if(load_portfolio_file(file), quiet(40));
    EXPECT_EQ(w.headline.unmet_tonnes.value, 0.0);
    EXPECT_EQ(w.headline.p_shortfall.value, 0.0);
    ASSERT_EQ(w.changes.size(), 6u);  // two removals, four stresses
    const WhatIfChange &remove_b = w.changes[1], &ban = w.changes[2], &half = w.changes[3],
                       &half_year = w.changes[4], &fails = w.changes[5];
    EXPECT_EQ(fails.kind, WhatIfKind::Stress);
    EXPECT_NEAR(ban.difference.unmet_tonnes.value, 6000.0, 1e-6);
    EXPECT_EQ(ban.difference.unmet_tonnes.standard_error, 0.0);  // the same on every path
    EXPECT_EQ(ban.difference.p_shortfall.value, 1.0);
    EXPECT_NEAR(ban.difference.total_cost.value, -6000.0 * 20000.0, 1e-3);
    EXPECT_NEAR(half.difference.unmet_tonnes.value, 1000.0, 1e-6);
    EXPECT_NEAR(half_year.difference.unmet_tonnes.value, 6000.0 - 10000.0 * (1.0 - 183.0 / 365.0), 1e-6);
    EXPECT_NEAR(fails.difference.unmet_tonnes.value, 6000.0, 1e-6);
    EXPECT_EQ(fails.difference.unmet_tonnes.value, remove_b.difference.unmet_tonnes.value);
    EXPECT_EQ(fails.difference.total_cost.value, remove_b.difference.total_cost.value);
    ASSERT_EQ(w.committed.size(), 2u);
    EXPECT_NEAR(w.committed[0], 120e6 + 10e6, 1e-3);
    EXPECT_NEAR(w.committed[1], 120e6, 1e-3);
    EXPECT_NEAR(w.changes[0].committed, -130e6, 1e-3);
    // Per million committed: removing B adds 6,000 t for 120 m freed, 50 t per million.
    EXPECT_NEAR(*per_million_committed(remove_b, "unmet_tonnes"), 50.0, 1e-9);
    EXPECT_FALSE(per_million_committed(ban, "unmet_tonnes"));  // a stress commits nothing
}
