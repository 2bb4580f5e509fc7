// The catalogue tests/bad_inputs/: every NN-name.yaml must be refused, and the message
// must contain each line of NN-name.expected (file:line:column, field path, rule).
// tests/bad_inputs/make_catalogue.py writes both; its positions come from the text.
#include <offtake/deal_file.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace offtake;
namespace fs = std::filesystem;

namespace {

const fs::path kCatalogue = fs::path(OFFTAKE_SOURCE_DIR) / "tests" / "bad_inputs";

std::vector<fs::path> catalogue() {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(kCatalogue))
        if (e.path().extension() == ".yaml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> expected_parts(const fs::path& yaml) {
    fs::path expected = yaml;
    expected.replace_extension(".expected");
    std::ifstream in(expected);
    std::vector<std::string> parts;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) parts.push_back(line);
    return parts;
}

}  // namespace

TEST(BadInputs, CatalogueHasAtLeastFortyCases) {
    EXPECT_GE(catalogue().size(), 40u);
}

TEST(BadInputs, EveryCaseIsRefusedWithItsExpectedMessage) {
    for (const auto& path : catalogue()) {
        SCOPED_TRACE(path.filename().string());
        auto parts = expected_parts(path);
        ASSERT_GE(parts.size(), 2u) << "missing or short .expected file";
        auto problems = validate_deal_file(path.string());
        ASSERT_FALSE(problems.empty()) << "accepted a broken deal";
        std::string message;
        for (const auto& p : problems) message += p.to_string() + "\n";
        for (const auto& part : parts)
            EXPECT_NE(message.find(part), std::string::npos) << "message lacks '" << part << "':\n" << message;
        // Every problem names the file.
        for (const auto& p : problems) EXPECT_EQ(p.file, path.string());
        EXPECT_THROW(load_deal_file(path.string()), DealError);
    }
}

TEST(BadInputs, DealDocumentRefusesThemToo) {
    for (const auto& path : catalogue()) {
        SCOPED_TRACE(path.filename().string());
        try {
            DealDocument doc = DealDocument::from_file(path.string());
            EXPECT_THROW(doc.to_deal(), DealError);
            EXPECT_FALSE(doc.validate().empty());
        } catch (const DealError&) {
            // unreadable as YAML: refused at construction, which is also fine
        }
    }
}
