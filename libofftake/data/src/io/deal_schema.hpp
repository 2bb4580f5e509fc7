// The deal file's schema: every key, its type, whether it is required, its default,
// its allowed range and its unit, in one table. The loader (structural checks), the
// DealDocument (parameter paths), the documentation generator and the tests all read
// this table, so that a key cannot be known to one of them and unknown to another.
#pragma once

#include <cstddef>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace offtake::io {

enum class Kind { Number, Integer, String, Bool, Date, Enum, Map, List };

const char* kind_name(Kind k);  // "number", "integer", ...

struct Field {
    std::string name;                      // YAML key ("" for a list's items)
    Kind kind = Kind::Number;
    bool required = false;
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
    bool min_open = false;                 // min itself not allowed
    bool max_open = false;
    std::vector<std::string> choices;      // Enum
    std::vector<Field> fields;             // Map: its keys, in document order
    std::shared_ptr<const Field> item;     // List: what each item is
    std::size_t max_items = 0;             // List
    std::size_t min_items = 0;             // List
    bool has_default = false;
    std::string default_text;              // the default, as it would be written in the file
    std::string unit;
    std::string doc;                       // one line: meaning
    std::string section;                   // docs/conventions.md section, e.g. "4"

    const Field* child(std::string_view key) const;
    // "in [0, 1]", "in (0, 1]", ">= 0" ... for messages and docs; "" when unbounded.
    std::string range_text() const;
    bool in_range(double v) const;
};

// The root: a Map whose fields are project, price_deck, discounting, ...
const Field& deal_schema();

// Documented maximums (also enforced through the schema's list limits).
inline constexpr std::size_t kMaxFileBytes = 512 * 1024;  // = files::kMaxYamlFileBytes
inline constexpr int kMaxPeriods = 2400;
inline constexpr int kMaxFlowNesting = 64;
inline constexpr std::size_t kMaxStringLength = 1000;

// Closest known key to `key` among `candidates`, or "" if none is close.
std::string closest_key(std::string_view key, const std::vector<std::string>& candidates);

// The schema as a Markdown table (docs/deal-file.md embeds it between markers).
std::string schema_markdown();
// The same table for another file schema (the portfolio file's).
std::string schema_markdown(const Field& root);

}  // namespace offtake::io
