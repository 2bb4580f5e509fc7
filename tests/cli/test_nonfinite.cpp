// Issue 12, defect 3: one gate for non-finite values in every writer, and paths whose
// metrics come out NaN or infinite counted, never averaged or read as "no default".
// The C API side here (the command line's is cli_e2e.py
// overflowing_prices_print_no_nan_or_inf_and_are_counted), and the accumulator itself.
#include <offtake/offtake.h>
#include <offtake/statistics.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>

namespace {

// The bundled lithium model with alpha = 800: e^800 overflows a double, so every price
// past the start is infinite.
std::string overflowing_model() {
    std::ifstream in(std::string(OFFTAKE_SOURCE_DIR) + "/models/prices/lithium_carbonate.yaml");
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    const auto at = text.find("alpha: 9.64577");
    EXPECT_NE(at, std::string::npos);
    text.replace(at, 14, "alpha: 800");
    const std::string path = std::string(OFFTAKE_BINARY_DIR) + "/test_nonfinite_alpha800.yaml";
    std::ofstream(path) << text;
    return path;
}

}  // namespace

TEST(NonFinite, MetricAccumulatorCountsNanAndInfinityApartFromAbsentValues) {
    offtake::MetricAccumulator a;
    a.add(1.0);
    a.add(3.0);
    a.add(std::numeric_limits<double>::infinity());
    a.add(-std::numeric_limits<double>::infinity());
    a.add(std::nan(""));
    a.add_absent();
    const auto s = offtake::summarize(a);
    EXPECT_EQ(s.count, 2u);
    EXPECT_EQ(s.absent, 1u);
    EXPECT_EQ(s.nonfinite, 3u);
    EXPECT_EQ(*s.mean, 2.0);  // (1 + 3) / 2: the infinities are not averaged in
}

TEST(NonFinite, TheCApiCountsOverflowingPathsAndGivesNoProbabilityOverThem) {
    const std::string model = overflowing_model();
    offtake_deal* d = nullptr;
    ASSERT_EQ(offtake_deal_load_file(&d, (std::string(OFFTAKE_SOURCE_DIR) + "/examples/thacker-pass-gm.yaml").c_str()),
              OFFTAKE_OK)
        << offtake_last_error();
    ASSERT_EQ(offtake_deal_set_string(d, "simulation.price_model", model.c_str()), OFFTAKE_OK) << offtake_last_error();
    offtake_simulation_options o;
    offtake_simulation_options_init(&o, OFFTAKE_SIMULATION_OPTIONS_VERSION);
    o.paths = 120;
    o.threads = 1;
    offtake_result* r = nullptr;
    ASSERT_EQ(offtake_simulate(&r, d, &o), OFFTAKE_OK) << offtake_last_error();

    double x = -1.0;
    ASSERT_EQ(offtake_result_stat(&x, r, "nonfinite_paths", OFFTAKE_STAT_MEAN), OFFTAKE_OK);
    EXPECT_EQ(x, 120.0);
    offtake_metric_info info;
    ASSERT_EQ(offtake_result_metric_info(&info, r, "npv"), OFFTAKE_OK);
    EXPECT_EQ(info.nonfinite, 120);
    offtake_statistics s;
    ASSERT_EQ(offtake_result_statistics(&s, r, "npv"), OFFTAKE_OK);
    EXPECT_EQ(s.count, 0);
    EXPECT_EQ(s.present, 0u);
    // Not "no default": the probability has no value, its paths are the non-finite ones.
    EXPECT_EQ(offtake_result_stat(&x, r, "p_default", OFFTAKE_STAT_MEAN), OFFTAKE_E_ABSENT);
    ASSERT_EQ(offtake_result_metric_info(&info, r, "p_default"), OFFTAKE_OK);
    EXPECT_EQ(info.nonfinite, 120);
    // The JSON text has no NaN or infinity either.
    const char* json = nullptr;
    ASSERT_EQ(offtake_result_json(&json, nullptr, r), OFFTAKE_OK);
    const std::string text = json;
    EXPECT_EQ(text.find("NaN"), std::string::npos);
    EXPECT_EQ(text.find("Infinity"), std::string::npos);
    EXPECT_NE(text.find("\"nonfinite_paths\": 120"), std::string::npos);
    offtake_result_free(r);
    offtake_deal_free(d);
    std::remove(model.c_str());
}
