// A deal without equity investors has one, `sponsor` with share 1 (docs/deal-file.md),
// whether it came from a file or was built in code. Before issue 11 the loader named it
// `sponsor` and prepare() `equity`, so the same deal printed different investor names.
#include "deal_builder.hpp"

#include <offtake/deal.hpp>
#include <offtake/deal_file.hpp>
#include <offtake/deterministic.hpp>
#include <offtake/engine.hpp>

#include <gtest/gtest.h>

#include <string>

using namespace offtake;

namespace {

const std::string kNoEquity =
    "project:\n"
    "  commodity: copper_cathode\n"
    "  time: {start: 2026-01-01, frequency: annual}\n"
    "  construction_periods: 1\n"
    "  mine_life_years: 3\n"
    "  production_tpa: [10]\n"
    "  construction_capex: [1000]\n"
    "price_deck: {type: flat, price: 100}\n"
    "discounting: {rate: 0.08}\n";

void expect_one_sponsor(const std::vector<EquityInvestor>& equity) {
    ASSERT_EQ(equity.size(), 1u);
    EXPECT_EQ(equity[0].name, "sponsor");  // the documented name
    EXPECT_EQ(equity[0].name, kDefaultEquityInvestor);
    EXPECT_EQ(equity[0].share, 1.0);
}

}  // namespace

TEST(DefaultInvestor, LoaderGivesOneSponsor) {
    const Deal d = load_deal_string(kNoEquity, "deal.yaml");
    expect_one_sponsor(d.equity);
    expect_one_sponsor(deal(*prepare(d)).equity);
}

TEST(DefaultInvestor, PrepareGivesTheSameSponsorToADealBuiltInCode) {
    Deal d = test::minimal_deal(3);
    ASSERT_TRUE(d.equity.empty());
    expect_one_sponsor(deal(*prepare(d)).equity);
    expect_one_sponsor(run_deterministic(d).deal.equity);
}

TEST(DefaultInvestor, FileAndCodeGiveTheSameInvestors) {
    Deal in_code = test::minimal_deal(3);
    const Deal from_file = load_deal_string(kNoEquity, "deal.yaml");
    const auto a = prepare(in_code), b = prepare(from_file);
    ASSERT_EQ(deal(*a).equity.size(), deal(*b).equity.size());
    EXPECT_EQ(deal(*a).equity[0].name, deal(*b).equity[0].name);
}
