// The catalogue tests/bad_inputs/: every NN-name.yaml must be refused, and the message
// must contain each line of NN-name.expected (file:line:column, field path, rule).
// tests/bad_inputs/make_catalogue.py writes both; its positions come from the text.
// Deal files sit in the folder itself; the other files the engine reads in subfolders
// (price_models, scorecards, price_series, futures_panels), each read by its loader.
#include <offtake/bankability.hpp>
#include <offtake/calibration.hpp>
#include <offtake/country_model.hpp>
#include <offtake/deal_file.hpp>
#include <offtake/portfolio.hpp>
#include <offtake/price_model_file.hpp>

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

std::vector<fs::path> catalogue(const fs::path& folder = kCatalogue, const char* ext = ".yaml") {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(folder))
        if (e.is_regular_file() && e.path().extension() == ext) files.push_back(e.path());
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

// Every file kind the engine reads, and at least 100 cases in all (issue 12).
TEST(BadInputs, CatalogueHasAtLeastAHundredCasesOverEveryFileKind) {
    const std::size_t deals = catalogue().size();
    const std::size_t models = catalogue(kCatalogue / "price_models").size();
    const std::size_t cards = catalogue(kCatalogue / "scorecards").size();
    const std::size_t series = catalogue(kCatalogue / "price_series", ".csv").size();
    const std::size_t panels = catalogue(kCatalogue / "futures_panels", ".csv").size();
    EXPECT_GE(deals, 100u);
    EXPECT_GE(models, 20u);
    EXPECT_GE(cards, 10u);
    EXPECT_GE(series, 10u);
    EXPECT_GE(panels, 5u);
    EXPECT_GE(deals + models + cards + series + panels, 150u);
}

namespace {
// Each case of `folder` must make `read` throw a DealError whose problems name the file
// and whose message holds every expected part.
template <class Read>
void expect_refused(const fs::path& folder, const char* ext, Read read) {
    const auto files = catalogue(folder, ext);
    ASSERT_FALSE(files.empty()) << folder;
    for (const auto& path : files) {
        SCOPED_TRACE(path.filename().string());
        auto parts = expected_parts(path);
        ASSERT_GE(parts.size(), 1u) << "missing .expected file";
        std::string message;
        try {
            read(path.string());
            ADD_FAILURE() << "accepted a broken file";
            continue;
        } catch (const DealError& e) {
            ASSERT_FALSE(e.problems().empty());
            for (const auto& p : e.problems()) {
                message += p.to_string() + "\n";
                EXPECT_EQ(p.file, path.string());
            }
        }
        for (const auto& part : parts)
            EXPECT_NE(message.find(part), std::string::npos) << "message lacks '" << part << "':\n" << message;
    }
}
}  // namespace

TEST(BadInputs, PriceModelsAreRefusedWithTheirExpectedMessage) {
    expect_refused(kCatalogue / "price_models", ".yaml", [](const std::string& p) { load_price_model(p); });
}

TEST(BadInputs, CountryModelsAreRefusedWithTheirExpectedMessage) {
    expect_refused(kCatalogue / "country_models", ".yaml", [](const std::string& p) { load_country_model(p); });
}

TEST(BadInputs, ScorecardsAreRefusedWithTheirExpectedMessage) {
    expect_refused(kCatalogue / "scorecards", ".yaml", [](const std::string& p) { load_scorecard(p); });
}

TEST(BadInputs, PriceSeriesAreRefusedWithTheirExpectedMessage) {
    expect_refused(kCatalogue / "price_series", ".csv", [](const std::string& p) { read_price_series(p); });
}

TEST(BadInputs, FuturesPanelsAreRefusedWithTheirExpectedMessage) {
    expect_refused(kCatalogue / "futures_panels", ".csv", [](const std::string& p) { read_futures_panel(p); });
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

// Portfolio files (tests/bad_inputs/portfolios/, their deals in deals/): refused with the
// expected message; the first problem names the portfolio file itself (a broken deal's
// own problems follow with the deal file's name).
TEST(BadInputs, PortfoliosAreRefusedWithTheirExpectedMessage) {
    const auto files = catalogue(kCatalogue / "portfolios");
    ASSERT_GE(files.size(), 20u);
    for (const auto& path : files) {
        SCOPED_TRACE(path.filename().string());
        auto parts = expected_parts(path);
        ASSERT_GE(parts.size(), 2u) << "missing or short .expected file";
        const auto problems = validate_portfolio_file(path.string());
        ASSERT_FALSE(problems.empty()) << "accepted a broken portfolio";
        EXPECT_EQ(problems.front().file, path.string());
        std::string message;
        for (const auto& p : problems) message += p.to_string() + "\n";
        for (const auto& part : parts)
            EXPECT_NE(message.find(part), std::string::npos) << "message lacks '" << part << "':\n" << message;
        EXPECT_THROW(load_portfolio_file(path.string()), DealError);
    }
}
