// The deterministic base case as the tool shows it. Kept in its own translation unit
// (with deterministic.hpp) so commands need not include the engine's report types.
#pragma once

#include "command.hpp"

#include <offtake/deal.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace offtake::cli {

// Runs the deterministic waterfall on the deal's price deck and renders it.
std::string deterministic_table(const Deal& deal);
std::string deterministic_csv(const Deal& deal);
// The library's JSON document of the base case (docs/json-output.md).
std::string deterministic_json(const Deal& deal);
// The period-by-period waterfall (every line), CSV.
std::string schedule_csv(const Deal& deal);

}  // namespace offtake::cli
