// Payback (undiscounted): the time from the start, in years, when the cumulative
// project cash flow turns non-negative for good after having been negative, linear
// within the period that crosses. Absent if it never does.
#pragma once

#include <optional>

namespace offtake::metrics {

inline std::optional<double> payback_years(const double* cf, const double* years, int n) {
    double cum = 0.0;
    int cross = -1;
    double prev_cum = 0.0;
    bool was_negative = false;
    double when = 0.0;
    for (int t = 0; t <= n; ++t) {
        prev_cum = cum;
        cum += cf[t];
        if (cum < 0.0) { was_negative = true; cross = -1; }
        else if (was_negative && cross < 0) {
            cross = t;
            const double w = (cf[t] != 0.0) ? -prev_cum / cf[t] : 1.0;
            when = (t == 0) ? 0.0 : years[t - 1] + w * (years[t] - years[t - 1]);
        }
    }
    if (!was_negative || cross < 0) return std::nullopt;
    return when;
}

}  // namespace offtake::metrics
