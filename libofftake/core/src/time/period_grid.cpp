#include "time/period_grid.hpp"

#include "time/conventions.hpp"

#include <offtake/errors.hpp>

#include <ql/time/schedule.hpp>

namespace offtake::time {

TimeGrid make_period_grid(const TimeConventions& tc, int construction_periods, int periods) {
    using namespace QuantLib;
    if (tc.start == Date())
        throw DealError(Problem{"", 0, 0, "project.start", "a start date is required"});
    if (periods <= 0)
        throw DealError(Problem{"", 0, 0, "project.mine_life_years",
                                "the deal needs at least one operating period"});
    const Calendar cal = calendar_from_name(tc.calendar, "project.calendar");
    const BusinessDayConvention bdc =
        convention_from_name(tc.business_day_convention, "project.business_day_convention");
    const DayCounter dc = day_counter_from_name(tc.day_counter, "project.day_counter");
    const int per_year = static_cast<int>(tc.frequency);
    const Period step(12 / per_year, Months);
    // The unadjusted end date: Forward generation keeps the anniversary dates, the
    // calendar only moves payment dates (conventions section 1).
    const Date end = tc.start + Period(periods * (12 / per_year), Months);
    const Schedule schedule(tc.start, end, step, cal, bdc, bdc, DateGeneration::Forward, false);

    TimeGrid g;
    g.construction_periods = construction_periods;
    g.dates.assign(schedule.dates().begin(), schedule.dates().end());
    g.tau.assign(g.dates.size(), 0.0);
    g.years.assign(g.dates.size(), 0.0);
    for (std::size_t t = 1; t < g.dates.size(); ++t) {
        g.tau[t] = dc.yearFraction(g.dates[t - 1], g.dates[t]);
        g.years[t] = dc.yearFraction(g.dates[0], g.dates[t]);
    }
    return g;
}

}  // namespace offtake::time
