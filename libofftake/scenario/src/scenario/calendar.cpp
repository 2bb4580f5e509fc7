// The scenario calendar: month points from an origin, whole years (docs/scenarios.md
// section 2). Each point is origin + k months computed directly (QuantLib clamps the day
// to the month's end, 31 January + 1 month = 28 or 29 February), never by adding one
// month repeatedly, so a point's date does not depend on how far the calendar reaches.
#include <offtake/errors.hpp>
#include <offtake/scenario.hpp>

#include <ql/time/period.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace offtake {

ScenarioCalendar::ScenarioCalendar(QuantLib::Date origin, QuantLib::Date last) {
    if (last < origin)
        throw UsageError(fmt::format("the scenario ends ({}) before it starts ({})", iso_date(last), iso_date(origin)));
    int years = 1;
    while (origin + QuantLib::Period(12 * years, QuantLib::Months) < last) {
        if (++years > kMaxYears)
            throw UsageError(fmt::format("the scenario from {} to {} spans more than {} years", iso_date(origin), iso_date(last),
                                         kMaxYears));
    }
    const int months = 12 * years;
    dates_.reserve(static_cast<std::size_t>(months) + 1);
    for (int k = 0; k <= months; ++k) dates_.push_back(origin + QuantLib::Period(k, QuantLib::Months));
    for (const auto& d : dates_) times_.push_back((d - origin) / 365.0);
}

int ScenarioCalendar::nearest(const QuantLib::Date& d) const {
    if (d < dates_.front() || d > dates_.back())
        throw UsageError(fmt::format("date {} is outside the scenario ({} to {})", iso_date(d), iso_date(dates_.front()),
                                     iso_date(dates_.back())));
    const auto it = std::lower_bound(dates_.begin(), dates_.end(), d);
    const int k = static_cast<int>(it - dates_.begin());
    if (*it == d || k == 0) return k;
    // Between points k - 1 and k: the nearer one, the earlier on a tie.
    return (d - dates_[k - 1]) <= (dates_[k] - d) ? k - 1 : k;
}

}  // namespace offtake
