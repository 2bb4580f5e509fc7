// The deal's period grid (conventions section 1): dates from a QuantLib Schedule,
// year fractions from the deal's day counter.
#pragma once

#include <offtake/time_grid.hpp>

namespace offtake::time {

// `periods` periods of the deal's frequency from its start date.
TimeGrid make_period_grid(const TimeConventions& conventions, int construction_periods,
                          int periods);

}  // namespace offtake::time
