// The command line and the C API refuse exactly the same values (issue 11, "options
// resolved once"): every bound of run_limits.hpp is tried just inside and just outside
// through both front ends. The bounds are written out here from docs/cli.md and
// docs/c-api.md, not read from the header, so a change of a limit in one place only
// fails this test.
//
// The command line: the tool's own parser (add_all_commands) and command, on a deal path
// that does not exist: a refused value is a parse error or a UsageError before the deal
// is read; an accepted one gets as far as reading the deal (a DealError).
// The C API: a real deal, and a progress callback that stops the run after its first
// block: an accepted value gives OFFTAKE_E_CANCELLED, a refused one OFFTAKE_E_RANGE.
#include "command.hpp"
#include "commands.hpp"
#include "stress_scenario_spec.hpp"

#include <offtake/errors.hpp>
#include <offtake/offtake.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using offtake::cli::CommandAction;

enum class Verdict { Accepted, Refused, Other };

const char* kMissingDeal = "no-such-deal-for-limits.yaml";

Verdict cli(std::vector<std::string> words) {
    CLI::App app{"offtake", "offtake"};
    app.require_subcommand(1);
    CommandAction action;
    offtake::cli::add_all_commands(app, action);
    words.insert(words.begin(), "offtake");
    std::vector<char*> argv;
    for (auto& w : words) argv.push_back(w.data());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError&) {
        return Verdict::Refused;
    }
    if (!action) return Verdict::Other;
    try {
        action();
    } catch (const offtake::UsageError&) {
        return Verdict::Refused;
    } catch (const offtake::DealError&) {
        return Verdict::Accepted;  // the values passed; the deal file does not exist
    } catch (...) {
        return Verdict::Other;
    }
    return Verdict::Other;
}

int stop_at_once(void*, long long, long long) { return 1; }

Verdict status(offtake_status s) {
    if (s == OFFTAKE_E_CANCELLED) return Verdict::Accepted;
    if (s == OFFTAKE_E_RANGE) return Verdict::Refused;
    ADD_FAILURE() << "status " << s << ": " << offtake_last_error();
    return Verdict::Other;
}

class RunLimits : public ::testing::Test {
  protected:
    void SetUp() override {
        const std::string path = std::string(OFFTAKE_SOURCE_DIR) + "/examples/procurement/fixed.yaml";
        ASSERT_EQ(offtake_deal_load_file(&deal_, path.c_str()), OFFTAKE_OK) << offtake_last_error();
    }
    void TearDown() override { offtake_deal_free(deal_); }

    offtake_simulation_options options(long long paths, int threads) const {
        offtake_simulation_options o;
        offtake_simulation_options_init(&o, OFFTAKE_SIMULATION_OPTIONS_VERSION);
        o.paths = paths;
        o.threads = threads;
        o.progress = stop_at_once;
        return o;
    }
    Verdict simulate(const offtake_simulation_options& o) const {
        offtake_result* r = nullptr;
        const Verdict v = status(offtake_simulate(&r, deal_, &o));
        offtake_result_free(r);
        return v;
    }
    Verdict stress(const std::vector<offtake_stress_scenario>& s) const {
        const auto o = options(1, 1);
        offtake_result* r = nullptr;
        const Verdict v = status(offtake_stress(&r, deal_, s.data(), s.size(), &o));
        offtake_result_free(r);
        return v;
    }
    Verdict stress_one(void (*set)(offtake_stress_scenario&)) const {
        offtake_stress_scenario s;
        offtake_stress_scenario_init(&s, OFFTAKE_STRESS_SCENARIO_VERSION);
        s.name = "x";
        set(s);
        return stress({s});
    }
    Verdict size_debt(void (*set)(offtake_debt_sizing_options&)) const {
        offtake_debt_sizing_options s;
        offtake_debt_sizing_options_init(&s, OFFTAKE_DEBT_SIZING_OPTIONS_VERSION);
        set(s);
        const auto o = options(1, 1);
        offtake_result* r = nullptr;
        const Verdict v = status(offtake_size_debt(&r, deal_, &s, &o));
        offtake_result_free(r);
        return v;
    }
    Verdict compare(std::size_t count) const {
        std::vector<const offtake_deal*> deals(count, deal_);
        const auto o = options(1, 1);
        offtake_result* r = nullptr;
        const Verdict v = status(offtake_compare(&r, deals.data(), deals.size(), &o));
        offtake_result_free(r);
        return v;
    }

    offtake_deal* deal_ = nullptr;
};

constexpr auto A = Verdict::Accepted;
constexpr auto R = Verdict::Refused;

TEST_F(RunLimits, ThreadsZeroTo256) {
    // 1,024 was the command line's bound, 256 the library's and the C API's.
    for (const auto& [threads, expected] : std::vector<std::pair<int, Verdict>>{
             {-1, R}, {0, A}, {1, A}, {256, A}, {257, R}, {1024, R}}) {
        EXPECT_EQ(cli({"run", kMissingDeal, "--paths", "1", "--threads", std::to_string(threads)}), expected)
            << threads;
        EXPECT_EQ(simulate(options(1, threads)), expected) << threads;
    }
}

TEST_F(RunLimits, PathsOneTo100Million) {
    for (const auto& [paths, expected] : std::vector<std::pair<long long, Verdict>>{
             {-1, R}, {1, A}, {100000000, A}, {100000001, R}}) {
        EXPECT_EQ(cli({"run", kMissingDeal, "--paths", std::to_string(paths)}), expected) << paths;
        EXPECT_EQ(simulate(options(paths, 1)), expected) << paths;
    }
}

TEST_F(RunLimits, SeedsUpTo2To53Minus1) {
    for (const auto& [seed, expected] : std::vector<std::pair<unsigned long long, Verdict>>{
             {1, A}, {9007199254740991ULL, A}, {9007199254740992ULL, R}}) {
        EXPECT_EQ(cli({"run", kMissingDeal, "--paths", "1", "--seed", std::to_string(seed)}), expected) << seed;
        auto o = options(1, 1);
        o.seed = seed;
        EXPECT_EQ(simulate(o), expected) << seed;
    }
}

Verdict cli_scenario(const std::string& spec) { return cli({"stress", kMissingDeal, "--scenario", spec}); }

TEST_F(RunLimits, StressRelativeChangesAboveMinus100AndAtMost1000Percent) {
    EXPECT_EQ(cli_scenario("x: price=-100%"), R);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.price_shock = -1.0; }), R);
    EXPECT_EQ(cli_scenario("x: price=-99%"), A);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.price_shock = -0.99; }), A);
    EXPECT_EQ(cli_scenario("x: capex=+1000%"), A);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.capex_overrun = 10.0; }), A);
    EXPECT_EQ(cli_scenario("x: opex=+1001%"), R);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.opex_change = 10.01; }), R);
}

TEST_F(RunLimits, StressProductionShortfallMinus1UpToBelow1) {
    // The command line writes the change of output: -100 % is a shortfall of 1.
    EXPECT_EQ(cli_scenario("x: production=-100%"), R);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.production_shortfall = 1.0; }), R);
    EXPECT_EQ(cli_scenario("x: production=-99%"), A);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.production_shortfall = 0.99; }), A);
    EXPECT_EQ(cli_scenario("x: production=+100%"), A);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.production_shortfall = -1.0; }), A);
    EXPECT_EQ(cli_scenario("x: production=+101%"), R);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.production_shortfall = -1.01; }), R);
}

TEST_F(RunLimits, StressDelayUpTo40AndRatesWithin2000Bps) {
    EXPECT_EQ(cli_scenario("x: delay=40"), A);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.construction_delay_periods = 40; }), A);
    EXPECT_EQ(cli_scenario("x: delay=41"), R);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.construction_delay_periods = 41; }), R);
    EXPECT_EQ(cli_scenario("x: rates=-2000bps"), A);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.rate_shift_bps = -2000.0; }), A);
    EXPECT_EQ(cli_scenario("x: rates=2000.5bps"), R);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.rate_shift_bps = 2000.5; }), R);
}

TEST_F(RunLimits, StressNamesUpTo64BytesAndNotBase) {
    // The command line had no length bound, and refused "base" only as a duplicate.
    static const std::string n64(64, 'a'), n65(65, 'a');
    EXPECT_EQ(cli_scenario(n64 + ": price=-1%"), A);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.name = n64.c_str(); }), A);
    EXPECT_EQ(cli_scenario(n65 + ": price=-1%"), R);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.name = n65.c_str(); }), R);
    EXPECT_EQ(cli_scenario("base: price=-1%"), R);
    EXPECT_EQ(stress_one([](offtake_stress_scenario& s) { s.name = "base"; }), R);
}

TEST_F(RunLimits, AtMost256StressScenarios) {
    // The command line had no bound.
    for (const auto& [count, expected] : std::vector<std::pair<std::size_t, Verdict>>{{256, A}, {257, R}}) {
        std::vector<std::string> words{"stress", kMissingDeal};
        std::vector<std::string> names;
        for (std::size_t k = 0; k < count; ++k) names.push_back("s" + std::to_string(k));
        for (const auto& n : names) {
            words.push_back("--scenario");
            words.push_back(n + ": price=-1%");
        }
        EXPECT_EQ(cli(words), expected) << count;
        std::vector<offtake_stress_scenario> s(count);
        for (std::size_t k = 0; k < count; ++k) {
            offtake_stress_scenario_init(&s[k], OFFTAKE_STRESS_SCENARIO_VERSION);
            s[k].name = names[k].c_str();
            s[k].price_shock = -0.01;
        }
        EXPECT_EQ(stress(s), expected) << count;
    }
}

TEST_F(RunLimits, CompareTwoTo256Deals) {
    // The command line took 2 .. 64, the C API 1 .. 256.
    for (const auto& [count, expected] : std::vector<std::pair<std::size_t, Verdict>>{
             {1, R}, {2, A}, {64, A}, {65, A}, {256, A}, {257, R}}) {
        std::vector<std::string> words{"compare"};
        for (std::size_t k = 0; k < count; ++k) words.push_back(kMissingDeal);
        words.insert(words.end(), {"--paths", "1"});
        EXPECT_EQ(cli(words), expected) << count;
        EXPECT_EQ(compare(count), expected) << count;
    }
}

TEST_F(RunLimits, SizingGearingBelow1) {
    // The C API took max_gearing 1 (and min = max), the library refused it after the
    // checks had passed; the command line took 0.01 .. 1.
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--max-gearing", "0.999"}), A);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.max_gearing = 0.999; }), A);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--max-gearing", "1"}), R);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.max_gearing = 1.0; }), R);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--max-gearing", "0.005"}), A);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.max_gearing = 0.005; }), A);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--max-gearing", "0"}), R);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.max_gearing = 0.0; }), R);
}

TEST_F(RunLimits, SizingPercentileStrictlyBetween0And100Percent) {
    // The command line writes a percentage (10 = P10), the C API a fraction.
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--percentile", "0"}), R);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.dscr_percentile = 0.0; }), R);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--percentile", "0.01"}), A);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.dscr_percentile = 0.0001; }), A);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--percentile", "99.99"}), A);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.dscr_percentile = 0.9999; }), A);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--percentile", "100"}), R);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.dscr_percentile = 1.0; }), R);
}

TEST_F(RunLimits, SizingTargetsAbove0) {
    // The command line took 0.5 .. 10, the C API any number above 0.
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--target-dscr", "0"}), R);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.target_dscr = 0.0; }), R);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--target-dscr", "0.1"}), A);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.target_dscr = 0.1; }), A);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--target-dscr", "20"}), A);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.target_dscr = 20.0; }), A);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--target-llcr", "-1"}), R);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.target_llcr = -1.0; }), R);
    EXPECT_EQ(cli({"size-debt", kMissingDeal, "--target-llcr", "20"}), A);
    EXPECT_EQ(size_debt([](offtake_debt_sizing_options& s) { s.target_llcr = 20.0; }), A);
}

}  // namespace
