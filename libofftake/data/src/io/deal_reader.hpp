// Reading YAML nodes against the schema: parameter paths, scalar rules and the
// structural walk that reports unknown keys, duplicate keys, wrong types, missing
// required fields and out-of-range values, every one with its path and position.
#pragma once

#include "io/deal_schema.hpp"

#include <offtake/errors.hpp>

#include <ql/time/date.hpp>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace offtake::io {

// A parameter path: `offtakes[0].pricing.floor` = {offtakes}{[0]}{pricing}{floor}.
struct Segment {
    std::string key;    // a map key, or "" for a list index
    long index = -1;    // >= 0 for a list index
    bool is_index() const { return index >= 0; }
};
std::optional<std::vector<Segment>> parse_path(std::string_view path);
std::string format_path(const std::vector<Segment>& segments);
std::string child_path(const std::string& parent, const std::string& key);
std::string item_path(const std::string& parent, std::size_t index);

// The schema field a path names (list indices step into the list's items), or nullptr.
const Field* field_for_path(const std::vector<Segment>& segments, std::string* unknown_rule = nullptr);

// The rule a scalar's text breaks for field f, or "" if it is fine. `plain` is false
// for quoted or tagged scalars, which are strings and never numbers or booleans.
std::string scalar_text_rule(const std::string& text, bool plain, const Field& f);
// Same for a node (also says "expected a number, got a map", null handling aside).
std::string node_rule(const YAML::Node& n, const Field& f);
bool is_plain(const YAML::Node& n);

// Converters for text that passed scalar_text_rule.
double number_of(const std::string& text);
long long integer_of(const std::string& text);
bool bool_of(const std::string& text);
QuantLib::Date date_of(const std::string& text);
std::string date_text(const QuantLib::Date& d);

// The value node of `key` in a map node (the first, if duplicated); undefined if absent.
YAML::Node find_key(const YAML::Node& map, std::string_view key);
// Follows a path from the root; undefined if any step is missing.
YAML::Node find_node(const YAML::Node& root, const std::vector<Segment>& segments);

// Structural checks of a whole tree against the schema.
void check_structure(const YAML::Node& root, const std::string& file, std::vector<Problem>& problems);
// The same walk against another file schema (the portfolio file's).
void check_structure(const YAML::Node& root, const Field& schema, const std::string& file,
                     std::vector<Problem>& problems);

}  // namespace offtake::io
