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
// file could not be read at all rather than being too large; `file_words` names the
// kind of file in the messages.
bool read_text_file(const std::string& path, std::string& text, std::vector<Problem>& problems,
                    bool* unreadable = nullptr, const char* file_words = "deal file");

// The length of the well-formed UTF-8 sequence starting at s[i] (1 to 4) and its code
// point, or 0 if it is not one: overlong forms, UTF-16 surrogates (U+D800..U+DFFF) and
// code points past U+10FFFF are refused as well as stray and missing continuation bytes.
std::size_t utf8_sequence(const unsigned char* s, std::size_t n, std::size_t i, char32_t& code_point);

// "" if `text` is UTF-8 without control characters (C0, DEL, C1); else the rule broken,
// naming the character's position. Names are printed to terminals and reports as they
// are, so a control character is refused rather than passed on.
std::string printable_text_rule(const std::string& text);

// The checks every text input passes before it is parsed: UTF-8 (strict), no control
// bytes but tab and line breaks, LF or CRLF line endings. Adds a problem with the
// position of the first offence and returns false. The CSV readers use it too.
bool check_text_file(const std::string& text, const std::string& source, std::vector<Problem>& problems);

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
