// Turning deal-file text into a YAML tree without trusting the text: size, encoding and
// nesting are checked before yaml-cpp sees it, and every yaml-cpp exception becomes a
// Problem with a one-based position.
#pragma once

#include <offtake/errors.hpp>

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace offtake::io {

// One-based line and column of a node; 0, 0 for nodes built in code (no mark).
int line_of(const YAML::Node& n);
int column_of(const YAML::Node& n);
Problem problem_at(const std::string& file, const YAML::Node& n, std::string field, std::string rule);

// Reads a file (bounded by kMaxFileBytes). On failure returns false and adds a problem.
bool read_text_file(const std::string& path, std::string& text, std::vector<Problem>& problems);

// Parses one YAML document whose root is a map. On failure the node is null and at
// least one problem is added.
YAML::Node parse_deal_yaml(const std::string& text, const std::string& source, std::vector<Problem>& problems);

}  // namespace offtake::io
