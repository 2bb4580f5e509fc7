// project.country: an ISO 3166-1 alpha-2 code, optional (not stated: ""), refused with
// file, line and field when it is not an assigned code; a deal that states none hashes
// as before the field existed (bad-input catalogue cases 140-142 cover the messages).
#include <offtake/deal_file.hpp>
#include <offtake/deterministic.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace offtake;

namespace {

const std::string kFile = std::string(OFFTAKE_SOURCE_DIR) + "/examples/thacker-pass-gm.yaml";

std::string with_country(const std::string& code) {
    std::ifstream in(kFile);
    std::stringstream s;
    s << in.rdbuf();
    std::string yaml = s.str();
    const auto at = yaml.find("\nproject:\n");
    EXPECT_NE(at, std::string::npos);
    yaml.insert(at + 10, "  country: " + code + "\n");
    return yaml;
}

}  // namespace

TEST(Country, AbsentByDefaultAndReadWhenGiven) {
    EXPECT_EQ(load_deal_file(kFile).project.country, "");
    EXPECT_EQ(load_deal_string(with_country("US"), kFile).project.country, "US");
    EXPECT_EQ(load_deal_string(with_country("CD"), kFile).project.country, "CD");
}

TEST(Country, CodesThatAreNotAssignedAlpha2CodesAreRefusedWithFileLineAndField) {
    for (const char* bad : {"us", "USA", "UK", "EU", "XX", "1A"}) {
        try {
            load_deal_string(with_country(bad), "deal.yaml");
            ADD_FAILURE() << bad << " accepted";
        } catch (const DealError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("deal.yaml:"), std::string::npos) << what;
            EXPECT_NE(what.find("project.country"), std::string::npos) << what;
            EXPECT_NE(what.find("is not an ISO 3166-1 alpha-2 country code"), std::string::npos) << what;
        }
    }
}

TEST(Country, ADealWithoutOneHashesAsBefore) {
    // 06462ddde3593999: recorded before project.country existed (tests/cli/test_currency.cpp).
    auto hash = [](const Deal& d) { return inputs_hash(run_deterministic(d).deal); };
    std::ifstream in(kFile);
    std::stringstream s;
    s << in.rdbuf();
    // Issue 13 added a sponsor_support section to the file: without it, the deal hashed then.
    Deal before = load_deal_string(s.str(), "examples/thacker-pass-gm.yaml");
    before.sponsor_support.reset();
    EXPECT_EQ(hash(before), "06462ddde3593999");
    EXPECT_NE(hash(load_deal_string(with_country("US"), kFile)), hash(load_deal_file(kFile)));
}
