// A stress scenario written on the command line, e.g.
//   --scenario "lenders_case: price=-20%, capex=+10%, delay=2, rates=+100bps"
// Keys: price, capex, opex (relative changes), production (relative change of output:
// -10% is a 10 % shortfall, +10% an upside), delay (whole periods of COD delay), rates (basis points).
// Relative changes are written as a percentage ("-20%") or a fraction ("-0.2").
#pragma once

#include <offtake/montecarlo.hpp>

#include <string>

namespace offtake::cli {

// Throws UsageError naming the text, the part and the rule broken.
StressScenario parse_stress_scenario(const std::string& text);

}  // namespace offtake::cli
