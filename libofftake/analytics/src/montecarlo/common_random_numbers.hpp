// Common random numbers for runs that vary one deal (stress scenarios, the tornado, the
// bisection of debt sizing): every run reads the same market. The seed and path count,
// the price model (loaded once, not once per run) and the scenario origin (the base
// deal's start, so a scenario that delays the project still reads the base case's
// prices on each calendar date) are fixed here, once (docs/scenarios.md section 7).
#pragma once

#include <offtake/montecarlo.hpp>

namespace offtake::montecarlo {

MonteCarloOptions pin_common_random_numbers(const Deal& deal, MonteCarloOptions options);

}  // namespace offtake::montecarlo
