// From a checked YAML tree to the plain Deal struct, and the rules that relate fields
// to each other (shares summing to one, floor below cap, dates in order, ...).
#pragma once

#include <offtake/deal.hpp>
#include <offtake/errors.hpp>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace offtake::io {

// Reads every value that passes its own scalar rule; values that do not are left at
// their defaults (their problems were reported by check_structure).
Deal build_deal(const YAML::Node& root, const std::string& source);

// Cross-field rules. Rules touching a field that already has a problem are skipped,
// so one mistake is reported once.
void check_rules(const YAML::Node& root, const Deal& deal, const std::string& file, std::vector<Problem>& problems);

// An officially assigned ISO 3166-1 alpha-2 code (two capital letters).
bool is_country_code(const std::string& s);

// The whole pipeline on a parsed tree: structure, build, rules.
std::vector<Problem> analyse(const YAML::Node& root, const std::string& source, Deal* out);

}  // namespace offtake::io
