// Every metric of the catalogue (offtake/metric_catalogue.hpp) appears in every output:
// the JSON documents, the CSV files, the command-line tables and the C API, for the
// deterministic base case, a Monte Carlo run and a comparison. The test iterates the
// catalogue and looks each metric up in the outputs, so a metric added to the catalogue
// is checked everywhere without editing this file; and it fails for a writer that
// keeps a list of its own (as the C API did: no buyer prepayment recovered, no buyer
// equity IRR, no buyer differences).
#include "deterministic_view.hpp"
#include "simulation_tables.hpp"

#include <offtake/deal_file.hpp>
#include <offtake/deterministic.hpp>
#include <offtake/metric_catalogue.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/offtake.h>
#include <offtake/result_json.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <sstream>

using namespace offtake;
using nlohmann::json;

namespace {

const std::vector<std::string> kDeals = {
    "examples/procurement/index-equity-eca.yaml",  // guarantee, buyer equity stake, sculpted debt
    "examples/procurement/collar-prepay.yaml",     // buyer prepayment
    "examples/thacker-pass-gm.yaml",               // two investors, two offtakes of one buyer
    "examples/thacker-pass-tranches.yaml",         // a tranche below the senior debt
};

std::string path_of(const std::string& deal) { return std::string(OFFTAKE_SOURCE_DIR) + "/" + deal; }

// CSV rows by their `key` column (the last one).
std::map<std::string, std::vector<std::string>> csv_by_key(const std::string& text) {
    std::map<std::string, std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        // Cells with commas are quoted; only the last cell (the key) is needed and keys
        // have no commas.
        const auto comma = line.rfind(',');
        rows[line.substr(comma + 1)].push_back(line);
    }
    return rows;
}

// The JSON object a metric lives at: doc[key], doc[key][i] or doc["buyers"][i][key].
const json* json_at(const json& doc, const MetricEntry& e, std::size_t i, const std::string& buyers_key = "buyers") {
    switch (e.scope) {
        case MetricScope::Deal:
            return doc.contains(e.key) ? &doc[e.key] : nullptr;
        case MetricScope::Investor:
            return doc.contains(e.key) && doc[e.key].is_array() && i < doc[e.key].size() ? &doc[e.key][i] : nullptr;
        case MetricScope::Buyer:
            if (!doc.contains(buyers_key) || i >= doc[buyers_key].size()) return nullptr;
            return doc[buyers_key][i].contains(e.key) ? &doc[buyers_key][i][e.key] : nullptr;
        case MetricScope::Tranche:
            if (!doc.contains("tranches") || i >= doc["tranches"].size()) return nullptr;
            return doc["tranches"][i].contains(e.key) ? &doc["tranches"][i][e.key] : nullptr;
    }
    return nullptr;
}

std::vector<std::string> investors_of(const Deal& d) {
    std::vector<std::string> v;
    for (const auto& e : d.equity) v.push_back(e.name);
    return v;
}
std::vector<std::string> buyers_of(const Deal& d) {
    std::vector<std::string> v;
    for (const auto& o : d.offtakes) v.push_back(o.buyer);
    return v;
}

offtake_deal* c_deal(const std::string& file) {
    offtake_deal* d = nullptr;
    EXPECT_EQ(offtake_deal_load_file(&d, path_of(file).c_str()), OFFTAKE_OK) << offtake_last_error();
    return d;
}

// The C API has the metric under `name`, labelled as the tables label it.
void expect_c_metric(const offtake_result* r, const std::string& name, const std::string& label,
                     const std::string& where) {
    offtake_statistics s;
    EXPECT_EQ(offtake_result_statistics(&s, r, name.c_str()), OFFTAKE_OK) << where << ": " << name;
    offtake_metric_info info;
    ASSERT_EQ(offtake_result_metric_info(&info, r, name.c_str()), OFFTAKE_OK) << where << ": " << name;
    EXPECT_EQ(std::string(info.label), label) << where << ": " << name;
}

bool all(const MetricEntry&) { return true; }

}  // namespace

TEST(MetricCatalogue, KeysAreUniqueWithinAScopeAndEveryEntryIsReadSomewhere) {
    std::set<std::pair<int, std::string>> seen;
    for (const auto& e : metric_catalogue()) {
        EXPECT_TRUE(seen.insert({static_cast<int>(e.scope), e.key}).second) << e.key;
        EXPECT_TRUE(e.in_base_case() || e.in_monte_carlo()) << e.key;
        EXPECT_FALSE(std::string(e.label).empty()) << e.key;
        EXPECT_FALSE(std::string(e.column).empty()) << e.key;
    }
}

TEST(MetricCatalogue, EveryBaseCaseMetricIsInTheJsonCsvTableAndCApi) {
    std::set<std::string> shown_in_a_table;
    for (const auto& file : kDeals) {
        const Deal deal = load_deal_file(path_of(file));
        const DealReport report = run_deterministic(deal);
        const json doc = json::parse(to_json(report));
        const auto csv = csv_by_key(cli::deterministic_csv(deal));
        const std::string table = cli::deterministic_table(deal);
        offtake_deal* cd = c_deal(file);
        offtake_result* cr = nullptr;
        ASSERT_EQ(offtake_run_deterministic(&cr, cd), OFFTAKE_OK) << offtake_last_error();

        for (const auto& slot : metric_slots(investors_of(deal), buyers_of(deal), all, tranche_names(deal))) {
            const MetricEntry& e = *slot.entry;
            if (!e.in_base_case()) continue;
            const std::string name = metric_name(e, slot.index);
            const std::string where = file + " " + name;
            EXPECT_NE(json_at(doc, e, slot.index), nullptr) << where << " not in the JSON";
            EXPECT_EQ(csv.count(name), 1u) << where << " not in the CSV";
            expect_c_metric(cr, name, metric_label(e, slot.holder), where);
            if (!applies_to(e, deal)) continue;
            // Rows carry the label, buyers' metrics their column heading.
            const bool column = e.scope == MetricScope::Buyer || e.scope == MetricScope::Tranche;
            const std::string shown = column ? cli::column_heading(e, kDefaultCurrency) : metric_label(e, slot.holder);
            const std::string probe = e.scope == MetricScope::Deal && shown.back() == ')'
                                          ? shown.substr(0, shown.size() - 1)  // the context joins it
                                          : shown;
            EXPECT_NE(table.find(probe), std::string::npos) << where << ": '" << probe << "' not in\n" << table;
            shown_in_a_table.insert(std::to_string(static_cast<int>(e.scope)) + e.key);
        }
        offtake_result_free(cr);
        offtake_deal_free(cd);
    }
    for (const auto& e : metric_catalogue())
        if (e.in_base_case())
            EXPECT_EQ(shown_in_a_table.count(std::to_string(static_cast<int>(e.scope)) + e.key), 1u)
                << e.key << ": no test deal shows it in a deterministic table";
}

TEST(MetricCatalogue, EveryMonteCarloMetricIsInTheJsonCsvTableAndCApi) {
    for (const auto& file : kDeals) {
        const Deal deal = load_deal_file(path_of(file));
        MonteCarloOptions options;
        options.paths = 64;
        options.seed = 7;
        options.threads = 1;
        const SimulationResult r = simulate(deal, options);
        const json doc = json::parse(to_json(r, &deal));
        const auto csv = csv_by_key(cli::simulation_csv(r));
        const std::string table = cli::simulation_table(r);
        offtake_deal* cd = c_deal(file);
        offtake_simulation_options co;
        offtake_simulation_options_init(&co, OFFTAKE_SIMULATION_OPTIONS_VERSION);
        co.paths = 64;
        co.seed = 7;
        co.threads = 1;
        offtake_result* cr = nullptr;
        ASSERT_EQ(offtake_simulate(&cr, cd, &co), OFFTAKE_OK) << offtake_last_error();

        for (const auto& slot : metric_slots(r.investors, buyers_of(deal), all, tranche_names(r))) {
            const MetricEntry& e = *slot.entry;
            if (!e.in_monte_carlo()) continue;
            const std::string name = metric_name(e, slot.index);
            const std::string where = file + " " + name;
            const json* j = json_at(doc, e, slot.index);
            ASSERT_NE(j, nullptr) << where << " not in the JSON";
            EXPECT_TRUE(j->contains("count") && j->contains("mean") && j->contains("std_error")) << where;
            EXPECT_EQ(csv.count(name), 1u) << where << " not in the CSV";
            expect_c_metric(cr, name, metric_label(e, slot.holder), where);
            const bool column = e.scope == MetricScope::Buyer || e.scope == MetricScope::Tranche;
            const std::string shown = column ? cli::column_heading(e, r.currency) : metric_label(e, slot.holder);
            const std::string probe = shown.back() == ')' ? shown.substr(0, shown.size() - 1) : shown;
            EXPECT_NE(table.find(probe), std::string::npos) << where << ": '" << probe << "' not in\n" << table;
        }
        offtake_result_free(cr);
        offtake_deal_free(cd);
    }
}

// The drift the catalogue removed: the C API had neither the buyer's prepayment
// recovered nor its equity IRR. Values checked against the library's own statistics
// through an independent path (the C++ result of the same run).
TEST(MetricCatalogue, TheCApiHasTheBuyerMetricsTheJsonCarries) {
    const std::string file = "examples/procurement/index-equity-eca.yaml";
    const Deal deal = load_deal_file(path_of(file));
    MonteCarloOptions options;
    options.paths = 200;
    options.seed = 11;
    options.threads = 1;
    const SimulationResult r = simulate(deal, options);
    offtake_deal* cd = c_deal(file);
    offtake_simulation_options co;
    offtake_simulation_options_init(&co, OFFTAKE_SIMULATION_OPTIONS_VERSION);
    co.paths = 200;
    co.seed = 11;
    co.threads = 1;
    offtake_result* cr = nullptr;
    ASSERT_EQ(offtake_simulate(&cr, cd, &co), OFFTAKE_OK) << offtake_last_error();
    ASSERT_GE(r.buyers.size(), 1u);
    double x = 0.0;
    ASSERT_EQ(offtake_result_stat(&x, cr, "buyers[0].prepayment_recovered", OFFTAKE_STAT_MEAN), OFFTAKE_OK);
    EXPECT_EQ(x, *r.buyers[0].prepayment_recovered.mean);
    // The cable maker holds a stake in this deal: its equity IRR exists on most paths.
    ASSERT_TRUE(r.buyers[0].equity_irr.mean.has_value());
    ASSERT_EQ(offtake_result_stat(&x, cr, "buyers[0].equity_irr", OFFTAKE_STAT_P50), OFFTAKE_OK);
    EXPECT_EQ(x, *r.buyers[0].equity_irr.p50);
    offtake_metric_info info;
    ASSERT_EQ(offtake_result_metric_info(&info, cr, "buyers[0].equity_irr"), OFFTAKE_OK);
    EXPECT_EQ(std::string(info.unit), "fraction");
    EXPECT_EQ(std::string(info.label), "Buyer equity IRR, " + r.buyers[0].buyer);
    offtake_result_free(cr);

    // Paired differences of the buyers' metrics, as the JSON's buyer_price_paid list.
    const offtake_deal* both[] = {cd, cd};
    ASSERT_EQ(offtake_compare(&cr, both, 2, &co), OFFTAKE_OK) << offtake_last_error();
    for (const char* name : {"difference[1].buyer_price_paid[0]", "difference[1].buyer_delivered_tonnes[0]"}) {
        ASSERT_EQ(offtake_result_stat(&x, cr, name, OFFTAKE_STAT_MEAN), OFFTAKE_OK) << name;
        EXPECT_EQ(x, 0.0) << name << ": a deal compared with itself";
    }
    offtake_result_free(cr);
    offtake_deal_free(cd);
}

TEST(MetricCatalogue, EveryDifferenceIsInTheComparisonJsonAndCApi) {
    const std::vector<std::string> files = {"examples/procurement/fixed.yaml",
                                            "examples/procurement/index-equity-eca.yaml"};
    std::vector<Deal> deals;
    for (const auto& f : files) deals.push_back(load_deal_file(path_of(f)));
    MonteCarloOptions options;
    options.paths = 64;
    options.seed = 3;
    options.threads = 1;
    const DealComparison c = compare(deals, options);
    const json doc = json::parse(to_json(c));
    std::vector<offtake_deal*> cds;
    for (const auto& f : files) cds.push_back(c_deal(f));
    offtake_simulation_options co;
    offtake_simulation_options_init(&co, OFFTAKE_SIMULATION_OPTIONS_VERSION);
    co.paths = 64;
    co.seed = 3;
    co.threads = 1;
    offtake_result* cr = nullptr;
    const offtake_deal* pointers[] = {cds[0], cds[1]};
    ASSERT_EQ(offtake_compare(&cr, pointers, 2, &co), OFFTAKE_OK) << offtake_last_error();
    const auto& d = doc["differences"][1];
    std::size_t checked = 0;
    for (const auto& e : metric_catalogue()) {
        if (!e.in_differences()) continue;
        for (std::size_t i = 0;; ++i) {
            if (!difference_statistics(e, c.differences[1], i)) {
                EXPECT_GT(i, 0u) << e.key << ": no difference at all";
                break;
            }
            const std::string name = difference_name(e, i);
            const std::string list = e.scope == MetricScope::Buyer ? "buyer_" + std::string(e.key) : e.key;
            ASSERT_TRUE(d.contains(list)) << name;
            if (e.scope != MetricScope::Deal) EXPECT_LT(i, d[list].size()) << name;
            offtake_statistics s;
            EXPECT_EQ(offtake_result_statistics(&s, cr, ("difference[1]." + name).c_str()), OFFTAKE_OK) << name;
            ++checked;
            if (e.scope == MetricScope::Deal) break;
        }
    }
    EXPECT_GT(checked, 10u);
    offtake_result_free(cr);
    for (auto* cd : cds) offtake_deal_free(cd);
}
