// docs/deal-file.md must describe the schema the loader uses, and its example must load.
// To refresh the table after changing the schema: OFFTAKE_UPDATE_DOCS=1 test_io
// --gtest_filter=DealDocs.* rewrites the part between the schema markers.
#include <offtake/deal_file.hpp>

#include "io/deal_schema.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace {

const std::string kDoc = std::string(OFFTAKE_SOURCE_DIR) + "/docs/deal-file.md";

std::string read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string between(const std::string& text, const std::string& begin, const std::string& end) {
    auto b = text.find(begin);
    auto e = text.find(end);
    if (b == std::string::npos || e == std::string::npos || e < b) return "";
    b += begin.size();
    return text.substr(b, e - b);
}

}  // namespace

TEST(DealDocs, FieldTableMatchesTheSchema) {
    std::string doc = read(kDoc);
    const std::string begin = "<!-- schema:begin -->\n", end = "<!-- schema:end -->";
    std::string expected = offtake::io::schema_markdown();
    if (std::getenv("OFFTAKE_UPDATE_DOCS")) {
        auto b = doc.find(begin), e = doc.find(end);
        ASSERT_TRUE(b != std::string::npos && e != std::string::npos);
        doc.replace(b + begin.size(), e - b - begin.size(), expected);
        std::ofstream(kDoc) << doc;
    }
    EXPECT_EQ(between(doc, begin, end), expected)
        << "docs/deal-file.md is out of date: run OFFTAKE_UPDATE_DOCS=1 test_io --gtest_filter=DealDocs.*";
}

TEST(DealDocs, ExampleLoads) {
    std::string block = between(read(kDoc), "<!-- example:begin -->\n```yaml\n", "```\n<!-- example:end -->");
    ASSERT_FALSE(block.empty());
    offtake::Deal d = offtake::load_deal_string(block, "docs/deal-file.md");
    EXPECT_EQ(d.offtakes.size(), 1u);
    ASSERT_TRUE(d.debt.has_value());
    // BBB maps to 0.18 % a year (models/ratings.yaml).
    EXPECT_DOUBLE_EQ(*d.offtakes[0].buyer_pd, 0.0018);
}
