// Helpers of the JSON writers (result_json.cpp, report_json.cpp): the one gate numbers
// pass on their way out, so that absent values, NaN and infinity all become null.
#pragma once

#include <nlohmann/json.hpp>
#include <ql/time/date.hpp>

#include <cmath>
#include <cstdio>
#include <optional>

namespace offtake::io {

inline nlohmann::json json_number(const std::optional<double>& x) {
    if (!x || !std::isfinite(*x)) return nullptr;
    return *x;
}

inline nlohmann::json json_number(double x) { return json_number(std::optional<double>(x)); }

// ISO 8601 (yyyy-mm-dd), or null for QuantLib's null date.
inline nlohmann::json json_date(const QuantLib::Date& d) {
    if (d == QuantLib::Date()) return nullptr;
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", static_cast<int>(d.year()),
                  static_cast<int>(d.month()), static_cast<int>(d.dayOfMonth()));
    return text;
}

// Invalid UTF-8 in a deal's names is replaced rather than thrown on.
inline std::string json_text(const nlohmann::json& j, int indent) {
    return j.dump(indent < 0 ? -1 : indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace offtake::io
