// Helpers of the JSON writers (result_json.cpp, report_json.cpp). Numbers pass the one
// gate of every writer (reportable(), offtake/metric_catalogue.hpp), so that absent
// values, NaN and infinity all become null.
#pragma once

#include <offtake/metric_catalogue.hpp>

#include <offtake/time_grid.hpp>

#include <nlohmann/json.hpp>
#include <ql/time/date.hpp>

#include <cmath>
#include <cstdio>
#include <optional>

namespace offtake {
struct SimulationResult;
struct Deal;
}

namespace offtake::io {

inline nlohmann::json json_number(const std::optional<double>& x) {
    const auto v = reportable(x);
    if (!v) return nullptr;
    return *v;
}

inline nlohmann::json json_number(double x) { return json_number(std::optional<double>(x)); }

// ISO 8601 (yyyy-mm-dd), or null for QuantLib's null date.
inline nlohmann::json json_date(const QuantLib::Date& d) {
    if (d == QuantLib::Date()) return nullptr;
    return iso_date(d);
}

// Invalid UTF-8 in a deal's names is replaced rather than thrown on.
inline std::string json_text(const nlohmann::json& j, int indent) {
    return j.dump(indent < 0 ? -1 : indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The Monte Carlo document's parts (result_json.cpp), for the documents that hold them.
nlohmann::json statistics_json(const MetricStatistics& s);
nlohmann::json simulation_json(const SimulationResult& r, const Deal* deal);

}  // namespace offtake::io
