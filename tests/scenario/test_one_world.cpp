// One market for many deals (docs/scenarios.md): the consequences issue 11 asks for,
// each checked on the bundled copper examples or on small scenarios built here.
//  - two deals with different start dates read identical prices on the same dates;
//  - a buyer with the same name defaults in the same period on the same calendar;
//  - adding a deal to a run leaves every other deal's numbers bit for bit unchanged,
//    also when the new deal needs a finer calendar (months where the others need years);
//  - comparing a deal with itself gives differences of exactly zero;
//  - a deal asking for a commodity the model file lacks is refused with its line;
//  - a prepayment buyer holding two offtakes counts its recovery once.
#include "montecarlo/path_context.hpp"
#include "montecarlo/path_draws.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/deterministic.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>
#include <offtake/scenario.hpp>

#include <ql/time/period.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

using namespace offtake;
using QuantLib::Date;

namespace {

const std::string kExamples = std::string(OFFTAKE_SOURCE_DIR) + "/examples/procurement/";

Deal example(const std::string& name) { return load_deal_file(kExamples + name + ".yaml"); }

TimeGrid grid_from(Date start, int n, int months) {
    TimeGrid g;
    for (int t = 0; t <= n; ++t) {
        g.dates.push_back(start + QuantLib::Period(months * t, QuantLib::Months));
        g.years.push_back((g.dates.back() - start) / 365.0);
        g.tau.push_back(t ? g.years[t] - g.years[t - 1] : 0.0);
    }
    return g;
}

std::shared_ptr<const PriceModelSpec> copper_model() {
    return load_price_model(std::string(OFFTAKE_SOURCE_DIR) + "/models/prices/copper.yaml");
}

// A result as JSON without the fields that say how long it took.
std::string stable_json(const SimulationResult& r) {
    auto j = nlohmann::json::parse(to_json(r));
    j.erase("seconds");
    return j.dump();
}

MonteCarloOptions few_paths() {
    MonteCarloOptions o;
    o.paths = 400;
    o.seed = 7;
    o.threads = 2;
    return o;
}

}  // namespace

TEST(OneWorld, DealsWithDifferentStartsReadTheSamePricesOnTheSameDates) {
    // An annual deal from 2026-01-01 and a quarterly one from 2027-04-01 on one market:
    // every date the two grids share (the nine year starts 2028-01-01 ... 2036-01-01)
    // carries one price.
    auto spec = copper_model();
    const TimeGrid annual = grid_from(Date(1, QuantLib::January, 2026), 10, 12);
    const TimeGrid quarterly = grid_from(Date(1, QuantLib::April, 2027), 36, 3);
    ScenarioModel model(spec, ScenarioCalendar(annual.dates.front(), quarterly.dates.back()), false);
    const DealPriceReader a(model, Commodity::CopperCathode, annual, std::vector<double>(11, 9000.0),
                            Measure::RealWorld, PriceAggregation::EndOfPeriod, 9000.0);
    const DealPriceReader q(model, Commodity::CopperCathode, quarterly, std::vector<double>(37, 9500.0),
                            Measure::RealWorld, PriceAggregation::EndOfPeriod, 9000.0);
    EXPECT_EQ(a.finest_level(), 0);
    EXPECT_EQ(q.finest_level(), 1);
    std::vector<double> world(model.path_size()), pa(11), pq(37);
    int shared = 0;
    for (std::uint64_t path = 0; path < 50; ++path) {
        model.generate(3, path, 1, world.data());
        a.read(world.data(), pa.data());
        q.read(world.data(), pq.data());
        for (int i = 0; i <= 10; ++i)
            for (int j = 0; j <= 36; ++j)
                if (annual.dates[i] == quarterly.dates[j]) {
                    EXPECT_EQ(pa[i], pq[j]) << "path " << path << " date " << annual.dates[i];
                    ++shared;
                }
    }
    EXPECT_EQ(shared, 50 * 9);
}

TEST(OneWorld, FinerLevelsLeaveCoarserValuesBitForBit) {
    // Generating months as well (a monthly deal joins) must not move a single anchor or
    // quarter value; the months lie between them (Gaussian bridge), they do not shift them.
    auto spec = load_price_model(std::string(OFFTAKE_SOURCE_DIR) + "/models/prices/battery_metals.yaml");
    ScenarioModel model(spec, ScenarioCalendar(Date(1, QuantLib::July, 2025), Date(1, QuantLib::July, 2045)), false);
    std::vector<double> coarse(model.path_size()), quarters(model.path_size()), months(model.path_size());
    for (std::uint64_t path = 0; path < 20; ++path) {
        model.generate(11, path, 0, coarse.data());
        model.generate(11, path, 1, quarters.data());
        model.generate(11, path, 2, months.data());
        for (int k = 0; k <= model.calendar().months(); ++k)
            for (int f = 0; f < model.factors(); ++f) {
                const int level = ScenarioCalendar::level(k);
                if (level == 0) EXPECT_EQ(model.factor(coarse.data(), k, f), model.factor(months.data(), k, f));
                if (level <= 1) EXPECT_EQ(model.factor(quarters.data(), k, f), model.factor(months.data(), k, f));
            }
    }
}

TEST(OneWorld, ABuyerDefaultsInTheSamePeriodInEveryDealOfARun) {
    // "European cable maker" is offtake 0 of fixed.yaml; in the second deal it becomes
    // offtake 1 behind a new buyer with the same PD. Keyed by name, its default period is
    // the same on every path; keyed by position (round 1) it would follow the new buyer.
    Deal a = example("fixed");
    ASSERT_FALSE(a.offtakes.empty());
    a.offtakes[0].buyer_pd = 0.2;
    a.offtakes[0].buyer_rating.reset();
    Deal b = a;
    Offtake other = a.offtakes[0];
    other.buyer = "Another mill";
    b.offtakes.insert(b.offtakes.begin(), other);
    const auto pa = prepare(a), pb = prepare(b);
    const Date origin = a.project.time.start;
    montecarlo::PathDraws da(*pa, origin), db(*pb, origin);
    const int n = grid(*pa).periods();
    std::vector<int> fa(da.buyers()), fb(db.buyers());
    int defaults = 0, differ = 0;
    for (std::uint64_t path = 0; path < 400; ++path) {
        da.buyer_defaults(5, path, fa.data());
        db.buyer_defaults(5, path, fb.data());
        EXPECT_EQ(fa[0], fb[1]) << "path " << path;
        defaults += fa[0] <= n;
        differ += fb[0] != fb[1];
    }
    // With PD 20 % a year over the deal's life most paths default, and the two buyers are
    // independent: they seldom default in the same period.
    EXPECT_GT(defaults, 200);
    EXPECT_GT(differ, 200);
}

TEST(OneWorld, AddingADealLeavesTheOthersBitForBit) {
    Deal a = example("fixed"), b = example("collar-prepay"), c = example("index-equity-eca");
    b.project.time.start = Date(1, QuantLib::April, 2027);
    // The third deal is monthly: the shared market is generated to its months now.
    c.project.time.frequency = Frequency::Monthly;
    const auto two = compare({a, b}, few_paths());
    const auto three = compare({a, b, c}, few_paths());
    ASSERT_EQ(three.results.size(), 3u);
    EXPECT_EQ(stable_json(two.results[0]), stable_json(three.results[0]));
    EXPECT_EQ(stable_json(two.results[1]), stable_json(three.results[1]));
    // And alone, the first deal gives what it gives in either run.
    EXPECT_EQ(stable_json(simulate(a, few_paths())), stable_json(three.results[0]));
}

TEST(OneWorld, ADealComparedWithItselfDiffersByExactlyZero) {
    const Deal a = example("collar-prepay");
    const auto c = compare({a, a}, few_paths());
    ASSERT_EQ(c.differences.size(), 2u);
    const auto& d = c.differences[1];
    for (const auto* e : {&d.npv, &d.irr, &d.dscr_min, &d.p_default, &d.expected_loss}) {
        EXPECT_EQ(e->value, 0.0);
        EXPECT_EQ(e->standard_error, 0.0);
        EXPECT_EQ(e->paths, 400u);
    }
    EXPECT_EQ(stable_json(c.results[0]), stable_json(c.results[1]));
}

TEST(OneWorld, ACommodityTheModelLacksIsRefusedWithTheDealFileLine) {
    // fixed.yaml is copper; the lithium model has no copper factor.
    MonteCarloOptions o = few_paths();
    o.price_model_path = std::string(OFFTAKE_SOURCE_DIR) + "/models/prices/lithium_carbonate.yaml";
    const Deal a = example("fixed");
    int line = 0;
    {
        std::ifstream in(kExamples + "fixed.yaml");
        std::string text;
        for (int i = 1; std::getline(in, text); ++i)
            if (text.rfind("  commodity:", 0) == 0) line = i;
    }
    ASSERT_GT(line, 0);
    try {
        simulate(a, o);
        FAIL() << "a copper deal ran on a lithium-only model";
    } catch (const DealError& e) {
        ASSERT_EQ(e.problems().size(), 1u);
        const Problem& p = e.problems().front();
        EXPECT_EQ(p.field, "project.commodity");
        EXPECT_EQ(p.line, line);
        EXPECT_NE(p.rule.find("copper_cathode"), std::string::npos) << p.rule;
    }
}

TEST(OneWorld, ADealBeforeTheScenarioStartIsRefused) {
    MonteCarloOptions o = few_paths();
    o.scenario_start = Date(1, QuantLib::January, 2027);
    EXPECT_THROW(simulate(example("fixed"), o), UsageError);  // fixed.yaml starts 2026-01-01
    // A pinned start before the deal's own is fine, and recorded.
    o.scenario_start = Date(1, QuantLib::January, 2025);
    EXPECT_EQ(simulate(example("fixed"), o).scenario_origin, "2025-01-01");
}

TEST(OneWorld, APrepaymentBuyerWithTwoOfftakesCountsItsRecoveryOnce) {
    // collar-prepay.yaml: the cable maker prepays and holds one offtake. Split the offtake
    // into two of half the volume (or share of production) each: the buyer's invoices, hence the deductions and
    // the recovery, are the same; summed over its offtakes the recovery must equal the
    // single-offtake figure (before: counted in full on each, twice as much).
    const Deal one = example("collar-prepay");
    ASSERT_TRUE(one.prepayment.has_value());
    ASSERT_EQ(one.offtakes.size(), 1u);
    Deal two = one;
    if (one.offtakes[0].volume_tpa)
        two.offtakes[0].volume_tpa = *one.offtakes[0].volume_tpa / 2;
    else
        two.offtakes[0].share = *one.offtakes[0].share / 2;
    two.offtakes.push_back(two.offtakes[0]);
    const auto r1 = run_deterministic(one), r2 = run_deterministic(two);
    ASSERT_EQ(r2.buyers.size(), 2u);
    EXPECT_GT(r1.buyers[0].prepayment_recovered, 0.0);
    EXPECT_NEAR(r2.buyers[0].prepayment_recovered + r2.buyers[1].prepayment_recovered,
                r1.buyers[0].prepayment_recovered, 1e-6 * r1.buyers[0].prepayment_recovered);
    EXPECT_EQ(r2.buyers[1].prepayment_recovered, 0.0);
}
