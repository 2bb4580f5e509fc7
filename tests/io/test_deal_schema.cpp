// The schema's choices must be ones the rest of the library understands: every
// calendar, business-day convention and day counter the loader accepts is built by
// time/conventions.cpp, and every rating it accepts has a PD in models/ratings.yaml.
#include "io/deal_build.hpp"
#include "io/deal_reader.hpp"
#include "io/ratings.hpp"
#include "io/deal_schema.hpp"
#include "time/conventions.hpp"

#include <gtest/gtest.h>

using offtake::io::deal_schema;

namespace {
const offtake::io::Field& field(std::initializer_list<const char*> path) {
    const offtake::io::Field* f = &deal_schema();
    for (const char* key : path) {
        const offtake::io::Field* next = f->child(key);
        if (!next && f->item) next = f->item->child(key);
        EXPECT_NE(next, nullptr) << key;
        if (!next) return deal_schema();
        f = next;
    }
    return *f;
}
}  // namespace

TEST(DealSchema, TimeChoicesAreBuiltByTheEngine) {
    for (const auto& name : field({"project", "time", "calendar"}).choices)
        EXPECT_NO_THROW(offtake::time::calendar_from_name(name, "project.time.calendar")) << name;
    for (const auto& name : field({"project", "time", "business_day_convention"}).choices)
        EXPECT_NO_THROW(offtake::time::convention_from_name(name, "project.time.business_day_convention")) << name;
    for (const auto& name : field({"project", "time", "day_counter"}).choices)
        EXPECT_NO_THROW(offtake::time::day_counter_from_name(name, "project.time.day_counter")) << name;
}

TEST(DealSchema, EveryRatingHasADefaultProbability) {
    const auto& ratings = field({"offtakes", "buyer_rating"}).choices;
    EXPECT_EQ(ratings.size(), 21u);
    double previous = -1;
    for (const auto& r : ratings) {
        auto pd = offtake::io::rating_default_probability(r);
        ASSERT_TRUE(pd.has_value()) << r;
        // Listed from best to worst: PDs never decrease down the scale.
        EXPECT_GE(*pd, previous) << r;
        previous = *pd;
    }
    // The year-1 column read from the source (models/ratings.yaml header).
    EXPECT_DOUBLE_EQ(*offtake::io::rating_default_probability("AA-"), 0.0002);
    EXPECT_DOUBLE_EQ(*offtake::io::rating_default_probability("B+"), 0.0376);
    EXPECT_FALSE(offtake::io::rating_default_probability("D").has_value());
}

TEST(DealSchema, DefaultsAreValidValues) {
    // A default that broke its own rule would make get_number() return a value that
    // set_number() refuses.
    std::vector<std::pair<std::string, const offtake::io::Field*>> stack{{"", &deal_schema()}};
    int checked = 0;
    while (!stack.empty()) {
        auto [path, f] = stack.back();
        stack.pop_back();
        for (const auto& c : f->fields) {
            if (c.kind == offtake::io::Kind::Map) stack.push_back({path + "." + c.name, &c});
            if (c.kind == offtake::io::Kind::List && c.item->kind == offtake::io::Kind::Map)
                stack.push_back({path + "." + c.name + "[]", c.item.get()});
            if (c.has_default && c.kind != offtake::io::Kind::List && c.kind != offtake::io::Kind::Map) {
                EXPECT_EQ(offtake::io::scalar_text_rule(c.default_text, true, c), "") << path << "." << c.name;
                ++checked;
            }
        }
    }
    EXPECT_GT(checked, 40);
}
