// A bundled example deal file through the loader and the Monte Carlo engine: the price
// model path resolves, the run is described, and the inputs' hash identifies the inputs.
#include <offtake/deal_file.hpp>
#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace offtake {
namespace {

const std::string kExample = OFFTAKE_SOURCE_DIR "/examples/thacker-pass-gm.yaml";

TEST(ExampleRuns, ThackerPassRunsFromItsFile) {
    const Deal deal = load_deal_file(kExample);
    MonteCarloOptions o;
    o.paths = 256;
    o.threads = 2;
    const auto r = simulate(deal, o);
    EXPECT_EQ(r.paths, 256u);
    EXPECT_EQ(r.seed, deal.simulation.seed);
    EXPECT_EQ(r.measure, "real_world");
    EXPECT_FALSE(r.price_model.empty());
    EXPECT_FALSE(r.library_version.empty());
    ASSERT_TRUE(r.bankability.has_value());
    EXPECT_GE(r.bankability->score, 0.0);
    EXPECT_LE(r.bankability->score, 100.0);
    EXPECT_EQ(r.buyers.size(), deal.offtakes.size());
    // Probabilities are proportions of 256 paths.
    EXPECT_DOUBLE_EQ(r.p_default.value * 256.0, std::round(r.p_default.value * 256.0));
}

TEST(InputsHash, SameInputsSameHashAnyChangeAnother) {
    const Deal a = load_deal_file(kExample);
    Deal moved = a;
    moved.source = "/elsewhere/copy.yaml";  // where the file was read from does not count
    EXPECT_EQ(inputs_hash(a), inputs_hash(moved));
    Deal b = a;
    b.debt->gearing += 1e-9;
    EXPECT_NE(inputs_hash(a), inputs_hash(b));
    Deal c = a;
    c.offtakes[0].buyer_pd = c.offtakes[0].buyer_pd.value_or(0.0) + 0.001;
    EXPECT_NE(inputs_hash(a), inputs_hash(c));
    EXPECT_NE(inputs_hash(a), inputs_hash(a, a.simulation.price_model));  // the model file's bytes count
    EXPECT_EQ(inputs_hash(a).size(), 16u);
}

}  // namespace
}  // namespace offtake
