// Model-file errors name file, line, field and rule; a deterministic deck is the
// degenerate model.
#include "price_test_util.hpp"

#include <offtake/errors.hpp>

#include <gtest/gtest.h>

using namespace offtake;
using namespace offtake::test;

namespace {

Problem first_problem(const std::string& name, const std::string& yaml) {
    const auto path = write_model(name, yaml);
    try {
        load_price_model(path);
    } catch (const DealError& e) {
        EXPECT_EQ(e.problems().at(0).file, path);
        return e.problems().at(0);
    }
    ADD_FAILURE() << "no error for " << name;
    return {};
}

}  // namespace

TEST(PriceModelLoader, UnknownKeyNamesLineAndField) {
    const auto p = first_problem("bad_key",
                                 "commodities:\n  copper:\n    model: gbm\n    mu: 0.01\n"
                                 "    sigma: 0.2\n    sigmaa: 0.3\n");
    EXPECT_EQ(p.line, 6);
    EXPECT_EQ(p.field, "commodities.copper.sigmaa");
    EXPECT_NE(p.rule.find("unknown key"), std::string::npos);
}

TEST(PriceModelLoader, MissingAndOutOfRangeValues) {
    auto p = first_problem("missing", "commodities:\n  copper:\n    model: schwartz1f\n"
                                      "    kappa: 0.5\n    alpha: 9\n");
    EXPECT_EQ(p.field, "commodities.copper.sigma");
    EXPECT_NE(p.rule.find("missing"), std::string::npos);
    p = first_problem("negative", "commodities:\n  copper:\n    model: gbm\n    mu: 0\n"
                                  "    sigma: -0.2\n");
    EXPECT_EQ(p.line, 5);
    EXPECT_EQ(p.field, "commodities.copper.sigma");
    p = first_problem("kappa0", "commodities:\n  copper: {model: schwartz1f, kappa: 0, alpha: 9,"
                                " sigma: 0.2}\n");
    EXPECT_EQ(p.field, "commodities.copper.kappa");
    p = first_problem("rho", "commodities:\n  copper: {model: schwartz_smith, kappa: 1,"
                             " sigma_chi: 0.2, sigma_xi: 0.1, mu_xi: 0, rho: 1.5}\n");
    EXPECT_EQ(p.field, "commodities.copper.rho");
    p = first_problem("text", "commodities:\n  copper: {model: gbm, mu: abc, sigma: 0.2}\n");
    EXPECT_EQ(p.field, "commodities.copper.mu");
    EXPECT_NE(p.rule.find("abc"), std::string::npos);
}

TEST(PriceModelLoader, UnknownModelCommodityAndDuplicates) {
    auto p = first_problem("model", "commodities:\n  copper: {model: heston}\n");
    EXPECT_EQ(p.field, "commodities.copper.model");
    p = first_problem("commodity", "commodities:\n  nickel: {model: gbm, mu: 0, sigma: 0.1}\n");
    EXPECT_EQ(p.field, "commodities.nickel");
    p = first_problem("dup", "commodities:\n  copper:\n    model: gbm\n    mu: 0\n    mu: 1\n"
                             "    sigma: 0.1\n");
    EXPECT_EQ(p.line, 5);
    EXPECT_NE(p.rule.find("duplicate"), std::string::npos);
    p = first_problem("badfactor", "commodities:\n  copper: {model: gbm, mu: 0, sigma: 0.1}\n"
                                   "  lithium_carbonate: {model: gbm, mu: 0, sigma: 0.1}\n"
                                   "correlation:\n  factors: [copper, lithium]\n"
                                   "  matrix: [[1, 0], [0, 1]]\n");
    EXPECT_EQ(p.field, "correlation.factors[1]");
    p = first_problem("asym", "commodities:\n  copper: {model: gbm, mu: 0, sigma: 0.1}\n"
                              "  lithium_carbonate: {model: gbm, mu: 0, sigma: 0.1}\n"
                              "correlation:\n  factors: [copper, lithium_carbonate]\n"
                              "  matrix: [[1, 0.2], [0.3, 1]]\n");
    EXPECT_NE(p.rule.find("symmetric"), std::string::npos);
}

TEST(PriceModelLoader, MissingCommodityIsAClearError) {
    auto spec = load_price_model(
        write_model("only_cu", "commodities:\n  copper: {model: gbm, mu: 0, sigma: 0.1}\n"));
    try {
        make_price_simulator(*spec, Commodity::LithiumHydroxide, uniform_grid(2, 1), {1, 1, 1}, {});
        FAIL();
    } catch (const DealError& e) {
        EXPECT_NE(std::string(e.what()).find("lithium_hydroxide"), std::string::npos);
    }
}

TEST(PriceModelLoader, DeterministicDeckByYearAndForward) {
    auto spec = load_price_model(write_model(
        "deck", "commodities:\n  lithium_carbonate: {model: deterministic, by_year: [10, 20, 30]}\n"
                "  copper: {model: deterministic}\n"));
    // Semiannual grid over 4 years: periods ending at 0.5, 1.0 belong to year 1, etc.
    const auto grid = uniform_grid(8, 0.5);
    std::vector<double> p(9), scratch;
    const std::vector<double> fwd = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    make_price_simulator(*spec, Commodity::LithiumCarbonate, grid, fwd, {})
        ->simulate(1, 2, p.data(), scratch);
    EXPECT_EQ(p, (std::vector<double>{10, 10, 10, 20, 20, 30, 30, 30, 30}));
    make_price_simulator(*spec, Commodity::CopperCathode, grid, fwd, {})
        ->simulate(1, 2, p.data(), scratch);
    EXPECT_EQ(p, fwd);
}

TEST(PriceModelLoader, ForwardCurveMustFitTheGrid) {
    auto spec = load_price_model(
        write_model("fwd", "commodities:\n  copper: {model: gbm, mu: 0, sigma: 0.1}\n"));
    EXPECT_THROW(make_price_simulator(*spec, Commodity::CopperCathode, uniform_grid(3, 1),
                                      {1, 1, 1}, {}),
                 UsageError);
    EXPECT_THROW(make_price_simulator(*spec, Commodity::CopperCathode, uniform_grid(2, 1),
                                      {1, -1, 1}, {}),
                 UsageError);
}

TEST(PriceModelLoader, ShippedModelFilesLoadAndSimulate) {
    const std::string dir = std::string(OFFTAKE_SOURCE_DIR) + "/models/prices/";
    const auto grid = uniform_grid(20, 0.25);
    std::vector<double> p(21), scratch;
    for (const char* f : {"lithium_carbonate.yaml", "copper.yaml", "battery_metals.yaml",
                          "schwartz_smith_crude_table2.yaml"}) {
        const auto spec = load_price_model(dir + f);
        ASSERT_FALSE(spec->commodities.empty()) << f;
        for (const auto& c : spec->commodities) {
            EXPECT_FALSE(c.source.empty()) << f << " " << c.name;
            const Commodity which = c.name == "copper" ? Commodity::CopperCathode
                                    : c.name == "lithium_carbonate" ? Commodity::LithiumCarbonate
                                    : c.name == "lithium_hydroxide" ? Commodity::LithiumHydroxide
                                                                    : Commodity::SpodumeneConcentrate;
            make_price_simulator(*spec, which, grid, std::vector<double>(21, 10000.0), {})
                ->simulate(1, 0, p.data(), scratch);
            for (double v : p) EXPECT_TRUE(v > 0 && std::isfinite(v)) << f;
        }
    }
}
