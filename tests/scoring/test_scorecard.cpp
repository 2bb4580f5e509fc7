// Scorecard: thresholds interpolate as the file says, the weighted score and its
// category are computed by hand here, and bad files are reported with file, line, field.
#include <offtake/errors.hpp>
#include <offtake/bankability.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <limits>

namespace offtake {
namespace {

const char* kSmall = R"(name: small
categories:
  - {name: Strong, min_score: 80, risk_weight: 0.70}
  - {name: Good, min_score: 65, risk_weight: 0.90}
  - {name: Satisfactory, min_score: 50, risk_weight: 1.15}
  - {name: Weak, min_score: 0, risk_weight: 2.50}
factors:
  - id: p10_dscr_min
    group: coverage
    weight: 0.6
    points: [[1.0, 0], [1.5, 100]]
    missing: 0
  - id: p_default
    group: default_risk
    weight: 0.4
    points: [[0.0, 100], [0.2, 0]]
    missing: 50
)";

// Issue 12, defect 2: a NaN factor value (a price shock of 1e308 gave one) compared
// false with every threshold, so upper_bound returned end() and the interpolation read
// past the points. NaN has no place on the scale: it scores as missing.
TEST(Scorecard, NanValueScoresAsMissing) {
    const auto card = parse_scorecard(kSmall, "small.yaml");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(sub_score(card.factors[0], nan), 0.0);   // missing: 0
    EXPECT_EQ(sub_score(card.factors[1], nan), 50.0);  // missing: 50
    // Infinities lie beyond the last and first thresholds.
    EXPECT_EQ(sub_score(card.factors[0], std::numeric_limits<double>::infinity()), 100.0);
    EXPECT_EQ(sub_score(card.factors[0], -std::numeric_limits<double>::infinity()), 0.0);
}

TEST(Scorecard, SubScoreIsLinearBetweenPointsAndFlatOutside) {
    const auto card = parse_scorecard(kSmall, "small.yaml");
    const auto& dscr = card.factors[0];
    EXPECT_DOUBLE_EQ(sub_score(dscr, 1.25), 50.0);   // halfway from 1.0 to 1.5
    EXPECT_NEAR(sub_score(dscr, 1.1), 20.0, 1e-12);
    EXPECT_DOUBLE_EQ(sub_score(dscr, 0.5), 0.0);
    EXPECT_DOUBLE_EQ(sub_score(dscr, 3.0), 100.0);
    EXPECT_DOUBLE_EQ(sub_score(card.factors[1], std::nullopt), 50.0);
}

TEST(Scorecard, WeightedScoreAndCategoryByHand) {
    const auto card = parse_scorecard(kSmall, "small.yaml");
    // P10 min DSCR 1.4 -> 80; P(default) 0.05 -> 75. Score 0.6*80 + 0.4*75 = 78: Good, 90 %.
    const auto s = score_bankability(card, {{"p10_dscr_min", 1.4}, {"p_default", 0.05}});
    EXPECT_NEAR(s.score, 78.0, 1e-12);
    EXPECT_EQ(s.category, "Good");
    EXPECT_DOUBLE_EQ(s.risk_weight, 0.90);
    ASSERT_EQ(s.factors.size(), 2u);
    EXPECT_NEAR(s.factors[0].sub_score, 80.0, 1e-12);
    EXPECT_NEAR(s.factors[1].contribution, 30.0, 1e-12);
    // P10 1.5 and no default: 100 -> Strong, 70 %; P10 1.0 and 20 % default: 0 -> Weak, 250 %.
    EXPECT_EQ(score_bankability(card, {{"p10_dscr_min", 1.5}, {"p_default", 0.0}}).category, "Strong");
    const auto weak = score_bankability(card, {{"p10_dscr_min", 1.0}, {"p_default", 0.2}});
    EXPECT_EQ(weak.category, "Weak");
    EXPECT_DOUBLE_EQ(weak.risk_weight, 2.50);
}

TEST(Scorecard, DefaultFileLoadsWithBaselRiskWeights) {
    const auto& card = default_scorecard();
    ASSERT_EQ(card.categories.size(), 4u);
    EXPECT_EQ(card.categories[0].name, "Strong");
    EXPECT_DOUBLE_EQ(card.categories[0].risk_weight, 0.70);
    EXPECT_DOUBLE_EQ(card.categories[1].risk_weight, 0.90);
    EXPECT_DOUBLE_EQ(card.categories[2].risk_weight, 1.15);
    EXPECT_DOUBLE_EQ(card.categories[3].risk_weight, 2.50);
    double total = 0.0;
    for (const auto& f : card.factors) total += f.weight;
    EXPECT_NEAR(total, 1.0, 1e-9);
    // The built-in copy is the file in models/.
    const auto from_file = load_scorecard(OFFTAKE_SOURCE_DIR "/models/scorecard/default.yaml");
    EXPECT_EQ(from_file.factors.size(), card.factors.size());
}

std::vector<Problem> problems_of(const std::string& text) {
    try {
        parse_scorecard(text, "bad.yaml");
    } catch (const DealError& e) {
        return e.problems();
    }
    return {};
}

TEST(Scorecard, ErrorsNameFileLineAndField) {
    std::string text = kSmall;
    text.replace(text.find("weight: 0.4"), 11, "weight: 0.5");   // weights sum to 1.1
    text.replace(text.find("[0.2, 0]"), 8, "[0.0, 0]");          // values not increasing
    text.replace(text.find("id: p_default"), 13, "id: p_defalt");  // unknown id
    const auto problems = problems_of(text);
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0].file, "bad.yaml");
    EXPECT_EQ(problems[0].field, "factors[1].id");
    EXPECT_EQ(problems[0].line, 13);
    EXPECT_NE(problems[0].rule.find("unknown factor `p_defalt`"), std::string::npos);
    EXPECT_EQ(problems[1].field, "factors[1].points[1][0]");
    EXPECT_EQ(problems[1].line, 16);
    EXPECT_EQ(problems[2].field, "factors");
    EXPECT_NE(problems[2].rule.find("sum to 1"), std::string::npos);
}

TEST(Scorecard, MissingAndMistypedFields) {
    const auto problems = problems_of("name: x\ncategories:\n  - {name: Weak, min_score: 0}\nfactors:\n"
                                      "  - {id: p_default, group: default_risk, weight: one, points: [[0, 1]], missing: 0}\n");
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0].field, "categories[0].risk_weight");
    EXPECT_EQ(problems[0].line, 3);
    EXPECT_EQ(problems[1].field, "factors[0].weight");
    EXPECT_EQ(problems[1].line, 5);
    EXPECT_NE(problems[1].rule.find("finite number"), std::string::npos);
    EXPECT_EQ(problems[2].field, "factors");  // the weight that failed counts as 0
}

TEST(Scorecard, UnreadableFileIsNamed) {
    try {
        load_scorecard("/nonexistent/card.yaml");
        FAIL();
    } catch (const DealError& e) {
        EXPECT_EQ(e.problems()[0].file, "/nonexistent/card.yaml");
    }
}

}  // namespace
}  // namespace offtake
