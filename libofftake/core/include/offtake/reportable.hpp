// The one gate every writer passes its numbers through (JSON, CSV, tables, the C API):
// a value that is absent, NaN or infinite leaves as "no value" (null in JSON, "n/a" in
// tables, an empty CSV cell, a cleared `present` bit in the C API), never as "nan" or
// "inf" (docs/conventions.md, "Values that do not exist").
#pragma once

#include <cmath>
#include <optional>

namespace offtake {

inline std::optional<double> reportable(const std::optional<double>& x) {
    if (!x || !std::isfinite(*x)) return std::nullopt;
    return x;
}
inline std::optional<double> reportable(double x) { return reportable(std::optional<double>(x)); }

}  // namespace offtake
