// A deal states its currency (project.currency, ISO 4217, default USD): every table,
// CSV file, JSON document and C API label names it, the numbers do not change (the
// engine never converts), and the inputs hash of a deal that states none is what it
// was before the field existed.
#include "deterministic_view.hpp"
#include "simulation_tables.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/deterministic.hpp>
#include <offtake/errors.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/offtake.h>
#include <offtake/result_json.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace offtake;

namespace {

const std::string kFile = std::string(OFFTAKE_SOURCE_DIR) + "/examples/thacker-pass-gm.yaml";

std::string text_of(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The example with `currency: <code>` added under `project:`.
std::string in_currency(const std::string& code) {
    std::string yaml = text_of(kFile);
    const auto at = yaml.find("\nproject:\n");
    EXPECT_NE(at, std::string::npos);
    yaml.insert(at + 10, "  currency: " + code + "\n");
    return yaml;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST(Currency, DefaultIsUsdAndTheHashOfADealWithoutOneIsUnchanged) {
    const Deal usd = load_deal_file(kFile);
    EXPECT_EQ(usd.project.currency, "USD");
    // The deterministic document's hash (of the deal as prepared), recorded from
    // `offtake run examples/thacker-pass-gm.yaml --format json` at b3afb01, before
    // project.currency existed (the hash covers the price model's path as the deal
    // resolves it, so the deal is read under the same relative name).
    // Issue 13 added a sponsor_support section to the file; without it the deal is the
    // one hashed then, and a deal that states no sponsor support hashes as before.
    auto hash = [](const Deal& d) { return inputs_hash(run_deterministic(d).deal); };
    Deal before = load_deal_string(text_of(kFile), "examples/thacker-pass-gm.yaml");
    before.sponsor_support.reset();
    EXPECT_EQ(hash(before), "06462ddde3593999");
    EXPECT_EQ(hash(load_deal_string(in_currency("USD"), kFile)), hash(usd));
    EXPECT_NE(hash(load_deal_string(in_currency("EUR"), kFile)), hash(usd));
}

TEST(Currency, CodesThatAreNotThreeCapitalLettersAreRefusedWithTheField) {
    for (const std::string bad : {"eur", "EURO", "E1R", "US", "\"\""}) {
        try {
            load_deal_string(in_currency(bad), "bad.yaml");
            ADD_FAILURE() << bad << " accepted";
        } catch (const DealError& e) {
            EXPECT_TRUE(has(e.what(), "project.currency")) << e.what();
            EXPECT_TRUE(has(e.what(), "ISO 4217")) << e.what();
            EXPECT_TRUE(has(e.what(), "bad.yaml:41:")) << e.what();  // the line of the code
        }
    }
    EXPECT_EQ(load_deal_string(in_currency("AUD"), "aud.yaml").project.currency, "AUD");
}

TEST(Currency, EuroDealHasTheSameNumbersAndEuroLabelsEverywhere) {
    const Deal usd = load_deal_file(kFile);
    const Deal eur = load_deal_string(in_currency("EUR"), kFile);
    ASSERT_EQ(eur.project.currency, "EUR");

    // Deterministic: identical numbers, labels in EUR.
    const DealReport a = run_deterministic(usd), b = run_deterministic(eur);
    EXPECT_EQ(a.metrics.npv, b.metrics.npv);
    EXPECT_EQ(a.metrics.irr, b.metrics.irr);
    EXPECT_EQ(a.metrics.peak_debt, b.metrics.peak_debt);
    const std::string table = cli::deterministic_table(eur);
    EXPECT_TRUE(has(table, "EUR m")) << table;
    EXPECT_TRUE(has(table, "flat 12,000 EUR/t")) << table;
    EXPECT_TRUE(has(table, "price paid EUR/t")) << table;
    EXPECT_FALSE(has(table, "USD")) << table;
    const std::string csv = cli::deterministic_csv(eur);
    EXPECT_TRUE(has(csv, ",EUR,")) << csv;
    EXPECT_FALSE(has(csv, "USD")) << csv;
    const auto doc = nlohmann::json::parse(to_json(b));
    EXPECT_EQ(doc["currency"], "EUR");
    EXPECT_EQ(nlohmann::json::parse(to_json(a))["currency"], "USD");

    // Monte Carlo: the same numbers (the currency does not enter the draws), EUR labels.
    MonteCarloOptions options;
    options.paths = 100;
    options.seed = 42;
    options.threads = 1;
    const SimulationResult ra = simulate(usd, options), rb = simulate(eur, options);
    EXPECT_EQ(ra.npv.mean, rb.npv.mean);
    EXPECT_EQ(ra.p_default.value, rb.p_default.value);
    EXPECT_EQ(rb.currency, "EUR");
    const std::string mc = cli::simulation_table(rb) + cli::simulation_csv(rb);
    EXPECT_TRUE(has(mc, "EUR m")) << mc;
    EXPECT_TRUE(has(mc, ",EUR,")) << mc;
    EXPECT_FALSE(has(mc, "USD")) << mc;
    EXPECT_EQ(nlohmann::json::parse(to_json(rb, &eur))["currency"], "EUR");

    // C API: the result's currency and every money metric's unit.
    offtake_deal* d = nullptr;
    const std::string yaml = in_currency("EUR");
    ASSERT_EQ(offtake_deal_load_string(&d, yaml.c_str(), kFile.c_str()), OFFTAKE_OK) << offtake_last_error();
    offtake_result* r = nullptr;
    ASSERT_EQ(offtake_run_deterministic(&r, d), OFFTAKE_OK) << offtake_last_error();
    const char* code = nullptr;
    ASSERT_EQ(offtake_result_currency(&code, r), OFFTAKE_OK);
    EXPECT_STREQ(code, "EUR");
    offtake_metric_info info;
    ASSERT_EQ(offtake_result_metric_info(&info, r, "npv"), OFFTAKE_OK);
    EXPECT_STREQ(info.unit, "EUR");
    ASSERT_EQ(offtake_result_metric_info(&info, r, "buyers[0].price_paid"), OFFTAKE_OK);
    EXPECT_STREQ(info.unit, "EUR/t");
    offtake_result_free(r);
    offtake_simulation_options co;
    offtake_simulation_options_init(&co, OFFTAKE_SIMULATION_OPTIONS_VERSION);
    co.paths = 50;
    co.threads = 1;
    ASSERT_EQ(offtake_simulate(&r, d, &co), OFFTAKE_OK) << offtake_last_error();
    ASSERT_EQ(offtake_result_currency(&code, r), OFFTAKE_OK);
    EXPECT_STREQ(code, "EUR");
    ASSERT_EQ(offtake_result_metric_info(&info, r, "equity_npv[0]"), OFFTAKE_OK);
    EXPECT_STREQ(info.unit, "EUR");
    offtake_result_free(r);
    offtake_deal_free(d);
}
