// What the C API's opaque handles hold. Results are flattened once, when the run
// returns, into named statistics and series: every reader is then a lookup in data
// that never changes, which is what lets several threads read one result at once.
#pragma once

#include <offtake/offtake.h>

#include "capi/registry.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace offtake::capi {

struct Statistics {
    offtake_statistics values{};  // `present` tells which fields hold a value
    std::string label;            // in words (the catalogue's label)
    std::string unit;             // plain unit: "EUR", "EUR/t", "fraction", "x", ...
    long long nonfinite = 0;      // paths where it came out NaN or infinite
};

struct Factor {
    std::string id, group, label;
    bool has_value = false;
    double value = 0.0, sub_score = 0.0, weight = 0.0, contribution = 0.0;
};

struct Bankability {
    double score = 0.0;
    std::string category;
    double risk_weight = 0.0;
    std::string scorecard;
    std::vector<Factor> factors;
};

}  // namespace offtake::capi

struct offtake_result {
    offtake_result_kind kind = OFFTAKE_RESULT_DETERMINISTIC;
    long long paths = 1;
    unsigned long long seed = 0;
    int measure = OFFTAKE_MEASURE_DEAL;
    std::vector<std::string> metric_names;                          // insertion order
    std::map<std::string, offtake::capi::Statistics> metrics;
    std::map<std::string, std::vector<double>> bands;               // "<series>/<stat>"
    std::vector<double> period_years;
    std::unique_ptr<offtake::capi::Bankability> bankability;
    std::vector<std::unique_ptr<offtake_result>> items;             // borrowed by callers
    bool owned_by_parent = false;
    std::string label;                                              // its name as an item
    std::string currency = "USD";                                   // the deal's (money units)
    std::string json;                                               // built on creation
};

namespace offtake::capi {

// Registers a new result (and its items) and hands it to the caller.
offtake_result* publish(std::unique_ptr<offtake_result> result);
// Takes a result's items (recursively) out of the registry, before it is deleted.
void unregister_items(offtake_result* result);
// The live result behind `handle`, or OFFTAKE_E_MISUSE.
const offtake_result& live_result(const offtake_result* handle, const char* argument);

// Adds a metric under `name` (first one wins), with its label and unit in words.
void add_metric(offtake_result& result, const std::string& name, const offtake_statistics& s,
                std::string label = "", std::string unit = "", long long nonfinite = 0);

// A statistics record of one value (a deterministic figure or a sizing answer): count
// 1, the value as mean and every percentile; absent (count 0, absent 1) when `value` is
// absent or not finite.
offtake_statistics single_value(const std::optional<double>& value);

}  // namespace offtake::capi
