// The default scorecard's default-risk factors on the slotting scale (docs/bankability.md,
// "Default risk on the slotting scale"): the thresholds are recomputed here from their
// sources, not read back from the file, and each boundary must score its category's
// min_score.
#include <offtake/bankability.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/scorecard.hpp>

#include "io/ratings.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace offtake {
namespace {

double sub_score(const std::string& id, double value) {
    const auto s = score_bankability(default_scorecard(), {{id, value}});
    for (const auto& f : s.factors)
        if (f.id == id) return f.sub_score;
    ADD_FAILURE() << id << " not in the default scorecard";
    return -1.0;
}

TEST(SlottingCalibration, AnnualPdBoundariesAreTheRatingBoundaries) {
    // Slotting: Strong ~ BBB- or better, Good ~ BB+/BB, Satisfactory ~ BB-/B+, Weak ~ B to C;
    // PDs of models/ratings.yaml (the file the implied rating uses).
    const double bbb = *io::rating_default_probability("BBB"), bb = *io::rating_default_probability("BB");
    const double b = *io::rating_default_probability("B"), ccc = *io::rating_default_probability("CCC");
    EXPECT_NEAR(sub_score("pd_annual", 0.0), 100.0, 1e-9);
    // The file rounds sqrt(0.0018 x 0.0072) = 0.0036 and sqrt(0.0072 x 0.0376) = 0.016454
    // to 4 decimals: within 0.00005 of the boundary, the sub-score within 0.1 of it.
    EXPECT_NEAR(sub_score("pd_annual", std::sqrt(bbb * bb)), 80.0, 0.1);
    EXPECT_NEAR(sub_score("pd_annual", std::sqrt(bb * b)), 65.0, 0.1);
    EXPECT_NEAR(sub_score("pd_annual", b), 50.0, 1e-9);
    EXPECT_NEAR(sub_score("pd_annual", std::sqrt(b * ccc)), 20.0, 0.1);
    EXPECT_NEAR(sub_score("pd_annual", ccc), 0.0, 1e-9);
    // Half-way between BBB/BB and BB/B on the value: linear, (80 + 65) / 2.
    EXPECT_NEAR(sub_score("pd_annual", (0.0036 + 0.0165) / 2), 72.5, 1e-9);
}

TEST(SlottingCalibration, AnnualExpectedLossBoundariesAreTheSlottingRates) {
    // 8 % x EL risk weights 5, 10, 35, 100, 625 %.
    const double strong = 0.004, good = 0.008, sat = 0.028, weak = 0.08, dflt = 0.5;
    EXPECT_NEAR(sub_score("annual_expected_loss_net", std::sqrt(strong * good)), 80.0, 0.1);
    EXPECT_NEAR(sub_score("annual_expected_loss_net", std::sqrt(good * sat)), 65.0, 0.1);
    EXPECT_NEAR(sub_score("annual_expected_loss_net", std::sqrt(sat * weak)), 50.0, 0.1);
    EXPECT_NEAR(sub_score("annual_expected_loss_net", weak), 30.0, 1e-9);
    EXPECT_NEAR(sub_score("annual_expected_loss_net", dflt), 0.0, 1e-9);
}

TEST(SlottingCalibration, TheValuesAreAnnualRatesByHand) {
    Deal d;
    d.debt = SeniorDebt{};
    SimulationResult r;
    r.paths = 1000;
    r.peak_debt.mean = 100.0;
    r.p_default.value = 0.2;                     // cumulative over T = 20 years
    r.pd_annual = Estimate{1.0 - std::pow(0.8, 1.0 / 20.0), 0.0, 1000, 0};
    r.expected_loss.value = 0.2 * 0.4;           // LGD 40 %
    r.expected_loss_net.value = 0.2 * 0.1;       // net LGD 10 % (a 75 % guarantee)
    const auto v = bankability_values(d, r);
    const double pa = 1.0 - std::pow(0.8, 0.05);  // 0.011095
    EXPECT_NEAR(*v.at("pd_annual"), pa, 1e-15);
    EXPECT_NEAR(*v.at("annual_expected_loss"), pa * 0.4, 1e-15);
    EXPECT_NEAR(*v.at("annual_expected_loss_net"), pa * 0.1, 1e-15);
    // No default on any path: no loss, whatever the other estimates hold.
    r.p_default.value = 0.0;
    r.pd_annual.value = 0.0;
    r.expected_loss.value = 0.0;
    r.expected_loss_net.value = 0.0;
    const auto z = bankability_values(d, r);
    EXPECT_EQ(*z.at("annual_expected_loss"), 0.0);
    EXPECT_EQ(*z.at("annual_expected_loss_net"), 0.0);
}

}  // namespace
}  // namespace offtake
