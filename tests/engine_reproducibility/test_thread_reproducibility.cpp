// A path's numbers depend on that path alone (issue 11): every bundled example, run on
// 2500 paths (three blocks of kBlockPaths = 1024, so threads really split the work), gives
// the same JSON document, byte for byte, on 1, 2 and 3 threads, less the two fields that
// say how the run went (seconds, threads). This failed while the IRR solver warm-started
// from the previous path run by the same thread: a path's IRR then depended on which
// path that thread had run before it, and irr / equity_irr statistics differed in their
// last digits between thread counts.
#include <offtake/deal_file.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <sstream>
#include <string>

namespace offtake {
namespace {

// The document without its "seconds" and "threads" lines (pretty-printed: one key a line).
std::string without_run_timing(const std::string& json) {
    std::istringstream in(json);
    std::string line, out;
    while (std::getline(in, line))
        if (line.find("\"seconds\":") == std::string::npos && line.find("\"threads\":") == std::string::npos)
            out += line + '\n';
    return out;
}

std::string run(const Deal& deal, int threads) {
    MonteCarloOptions o;
    o.paths = 2500;
    o.seed = 7;
    o.threads = threads;
    return without_run_timing(to_json(simulate(deal, o), &deal));
}

class ThreadReproducibility : public ::testing::TestWithParam<const char*> {};

TEST_P(ThreadReproducibility, SameBytesOnOneTwoAndThreeThreads) {
    const Deal deal = load_deal_file(std::string(OFFTAKE_SOURCE_DIR "/examples/") + GetParam());
    const std::string one = run(deal, 1);
    ASSERT_NE(one.find("\"irr\""), std::string::npos);  // the document reports IRRs
    ASSERT_NE(one.find("\"equity_irr\""), std::string::npos);
    EXPECT_EQ(one, run(deal, 2)) << "2 threads differ from 1";
    EXPECT_EQ(one, run(deal, 3)) << "3 threads differ from 1";
}

INSTANTIATE_TEST_SUITE_P(BundledExamples, ThreadReproducibility,
                         ::testing::Values("thacker-pass-gm.yaml", "rhyolite-ridge.yaml",
                                           "copper-prepay.yaml", "procurement/fixed.yaml",
                                           "procurement/collar-prepay.yaml",
                                           "procurement/index-equity-eca.yaml"),
                         [](const ::testing::TestParamInfo<const char*>& info) {
                             std::string name = info.param;
                             for (char& c : name)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return name;
                         });

}  // namespace
}  // namespace offtake
