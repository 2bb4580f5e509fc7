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

// Reads a deal file (a regular file of at most kMaxFileBytes; files/input_file.hpp).
// On failure returns false and adds a problem; `unreadable` (if given) is set when the
// file could not be read at all rather than being too large.
bool read_text_file(const std::string& path, std::string& text, std::vector<Problem>& problems,
                    bool* unreadable = nullptr);

// What the messages call a kind of YAML file.
struct YamlFileKind {
    const char* file_words;   // "deal file"
    const char* needs;        // "a deal needs project, price_deck and discounting"
    const char* sections;     // "project, price_deck, discounting, ..."
};
extern const YamlFileKind kDealYaml;

// Parses one YAML document whose root is a map, after checking the text (UTF-8, no
// control bytes), the flow nesting and the syntax (libyaml) so that yaml-cpp never sees
// text it could loop on. On failure the node is null and at least one problem is added.
YAML::Node parse_yaml_map(const std::string& text, const std::string& source, const YamlFileKind& kind,
                          std::vector<Problem>& problems);
YAML::Node parse_deal_yaml(const std::string& text, const std::string& source, std::vector<Problem>& problems);

}  // namespace offtake::io
