#include <offtake/errors.hpp>
#include <offtake/deal.hpp>

#include <gtest/gtest.h>

namespace offtake {

TEST(Problem, NamesFileLineFieldAndRule) {
    Problem p{"deal.yaml", 12, 5, "offtakes[0].pricing.floor", "must not exceed cap"};
    EXPECT_EQ(p.to_string(), "deal.yaml:12:5: offtakes[0].pricing.floor: must not exceed cap");
}

TEST(DealError, ListsEveryProblemOneALine) {
    DealError e({{"a.yaml", 1, 1, "x", "r1"}, {"a.yaml", 2, 3, "y", "r2"}});
    EXPECT_STREQ(e.what(), "a.yaml:1:1: x: r1\na.yaml:2:3: y: r2");
    EXPECT_EQ(e.problems().size(), 2u);
}

TEST(EnumNames, AreTheDealFileSpellings) {
    EXPECT_STREQ(to_string(Commodity::SpodumeneConcentrate), "spodumene_concentrate");
    EXPECT_STREQ(to_string(Frequency::Semiannual), "semiannual");
}

}  // namespace offtake
