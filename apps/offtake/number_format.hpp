// How numbers read in the tool's tables and CSV: thousands separators, fixed decimals,
// units, and "n/a" (tables) or an empty cell (CSV) for values that do not exist (an IRR
// with no root, a DSCR with no debt service) or are not finite — never "inf" or "nan".
// Every number passes offtake::reportable(), the gate all writers share.
#pragma once

#include <offtake/reportable.hpp>

#include <optional>
#include <string>

namespace offtake::cli {

inline constexpr const char* kAbsent = "n/a";

// 1234567.8 -> "1,234,568"; decimals > 0 keep that many: "1,234,567.80".
std::string thousands(double value, int decimals = 0);
// Money in millions with one decimal: 2601345000 -> "2,601.3".
std::string millions(double value, int decimals = 1);
// A fraction as a percentage: 0.2934 -> "29.3 %".
std::string percent(double fraction, int decimals = 1);
// A coverage ratio: 1.4231 -> "1.42x".
std::string ratio(double value, int decimals = 2);

// The same, with "n/a" for absent (or non-finite) values.
std::string millions(const std::optional<double>& value, int decimals = 1);
std::string percent(const std::optional<double>& fraction, int decimals = 1);
std::string ratio(const std::optional<double>& value, int decimals = 2);
std::string fixed(const std::optional<double>& value, int decimals);

// A number in a CSV cell: full precision ("%.10g"), empty when absent or not finite.
std::string csv_number(const std::optional<double>& value);

}  // namespace offtake::cli
