// The lines of one period, as the waterfall core fills them (the public PeriodLines).
#pragma once

#include <offtake/deterministic.hpp>

namespace offtake::waterfall {

using PeriodFlows = PeriodLines;

}  // namespace offtake::waterfall
