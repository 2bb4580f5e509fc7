#include "number_format.hpp"

#include <fmt/format.h>

#include <cmath>

namespace offtake::cli {

std::string thousands(double value, int decimals) {
    if (!reportable(value)) return kAbsent;
    std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
    // Avoid "-0" for values that round to zero.
    bool negative = value < 0 && digits.find_first_not_of("0.") != std::string::npos;
    auto point = digits.find('.');
    std::string whole = digits.substr(0, point);
    std::string frac = point == std::string::npos ? "" : digits.substr(point);
    std::string grouped;
    int count = 0;
    for (auto it = whole.rbegin(); it != whole.rend(); ++it) {
        if (count > 0 && count % 3 == 0) grouped.insert(grouped.begin(), ',');
        grouped.insert(grouped.begin(), *it);
        ++count;
    }
    return (negative ? "-" : "") + grouped + frac;
}

std::string millions(double value, int decimals) { return thousands(value / 1e6, decimals); }

std::string percent(double fraction, int decimals) {
    if (!reportable(fraction)) return kAbsent;
    return thousands(fraction * 100.0, decimals) + " %";
}

std::string ratio(double value, int decimals) {
    if (!reportable(value)) return kAbsent;
    return thousands(value, decimals) + "x";
}

std::string millions(const std::optional<double>& value, int decimals) {
    return value ? millions(*value, decimals) : kAbsent;
}
std::string percent(const std::optional<double>& fraction, int decimals) {
    return fraction ? percent(*fraction, decimals) : kAbsent;
}
std::string ratio(const std::optional<double>& value, int decimals) {
    return value ? ratio(*value, decimals) : kAbsent;
}
std::string fixed(const std::optional<double>& value, int decimals) {
    return value ? thousands(*value, decimals) : kAbsent;
}

std::string csv_number(const std::optional<double>& value) {
    const auto v = reportable(value);
    return v ? fmt::format("{:.10g}", *v) : std::string();
}

}  // namespace offtake::cli
