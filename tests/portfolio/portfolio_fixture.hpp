// Shared by the portfolio tests: a small deal file written from a few numbers, a
// fixture that writes files into its own temporary folder, quiet Monte Carlo options.
#pragma once

#include <offtake/montecarlo.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace portfolio_test {

using namespace offtake;
namespace fs = std::filesystem;

inline const std::string kModel = std::string(OFFTAKE_SOURCE_DIR) + "/models/prices/battery_metals.yaml";

struct DealSpec {
    std::string commodity = "lithium_hydroxide";  // a deterministic deck in battery_metals.yaml
    std::string country = "US";
    std::string start = "2030-01-01";
    double production = 10000, volume = 6000, price = 15000, fixed_price = 20000, buyer_pd = 0.0;
    std::string buyer = "Carmaker";
};

inline std::string deal_text(const DealSpec& d) {
    std::string pd = d.buyer_pd > 0 ? "    buyer_pd: " + std::to_string(d.buyer_pd) + "\n" : "";
    return "project:\n  name: Mine " + d.country + " " + d.start + "\n  country: " + d.country +
           "\n  commodity: " + d.commodity + "\n  time: {start: " + d.start +
           ", frequency: annual}\n  construction_periods: 1\n  mine_life_years: 10\n"
           "  production_tpa: [" + std::to_string(d.production) + "]\n  construction_capex: [100e6]\n"
           "  unit_opex: 5000\nprice_deck: {type: flat, price: " + std::to_string(d.price) +
           "}\ndiscounting: {rate: 0.08}\nofftakes:\n  - buyer: " + d.buyer +
           "\n    volume_tpa: " + std::to_string(d.volume) + "\n    pricing: {type: fixed, price: " +
           std::to_string(d.fixed_price) + "}\n" + pd + "equity:\n  - {name: Sponsor, share: 0.9}\n  - {name: " +
           d.buyer + ", share: 0.1}\nsimulation: {price_model: " + kModel + ", paths: 200, seed: 3}\n";
}

class PortfolioTest : public ::testing::Test {
  protected:
    void SetUp() override {
        // The process id keeps two test runs at once (two worktrees, ctest -j) apart.
        dir_ = fs::temp_directory_path() /
               ("offtake_portfolio_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) +
                "_" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
        return (dir_ / name).string();
    }
    fs::path dir_;
};

inline MonteCarloOptions quiet(std::uint64_t paths, int threads = 1) {
    MonteCarloOptions o;
    o.paths = paths;
    o.threads = threads;
    o.collect_bands = false;
    return o;
}

}  // namespace portfolio_test

using namespace portfolio_test;
