#include "io/deal_reader.hpp"

#include "io/yaml_text.hpp"

#include <offtake/time_grid.hpp>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <map>

namespace offtake::io {

std::optional<std::vector<Segment>> parse_path(std::string_view path) {
    std::vector<Segment> out;
    std::size_t i = 0;
    if (path.empty() || path.size() > 500) return std::nullopt;
    while (i < path.size()) {
        if (path[i] == '[') {
            std::size_t close = path.find(']', i);
            if (close == std::string_view::npos || close == i + 1 || out.empty()) return std::nullopt;
            long index = 0;
            for (std::size_t k = i + 1; k < close; ++k) {
                if (path[k] < '0' || path[k] > '9' || index > 100000000) return std::nullopt;
                index = index * 10 + (path[k] - '0');
            }
            out.push_back({"", index});
            i = close + 1;
            if (i < path.size() && path[i] == '.') {
                ++i;
                if (i == path.size()) return std::nullopt;
            } else if (i < path.size() && path[i] != '[') {
                return std::nullopt;
            }
        } else {
            std::size_t end = path.find_first_of(".[", i);
            if (end == std::string_view::npos) end = path.size();
            if (end == i) return std::nullopt;
            out.push_back({std::string(path.substr(i, end - i)), -1});
            i = end;
            if (i < path.size() && path[i] == '.') {
                ++i;
                if (i == path.size()) return std::nullopt;
            }
        }
    }
    return out;
}

std::string format_path(const std::vector<Segment>& segments) {
    std::string out;
    for (const auto& s : segments) {
        if (s.is_index()) out += fmt::format("[{}]", s.index);
        else out += (out.empty() ? "" : ".") + s.key;
    }
    return out;
}

std::string child_path(const std::string& parent, const std::string& key) {
    return parent.empty() ? key : parent + "." + key;
}

std::string item_path(const std::string& parent, std::size_t index) {
    return fmt::format("{}[{}]", parent, index);
}

namespace {
std::vector<std::string> names_of(const Field& map) {
    std::vector<std::string> names;
    for (const auto& f : map.fields) names.push_back(f.name);
    return names;
}

std::string unknown_key_rule(std::string_view key, const Field& map) {
    std::string hint = closest_key(key, names_of(map));
    std::string shown = key.size() > 60 ? std::string(key.substr(0, 60)) + "..." : std::string(key);
    if (!hint.empty()) return fmt::format("unknown key '{}' (did you mean '{}'?)", shown, hint);
    std::string known;
    for (const auto& f : map.fields) known += (known.empty() ? "" : ", ") + f.name;
    return fmt::format("unknown key '{}' (known keys: {})", shown, known);
}
}  // namespace

const Field* field_for_path(const std::vector<Segment>& segments, std::string* unknown_rule) {
    const Field* f = &deal_schema();
    for (const auto& s : segments) {
        if (s.is_index()) {
            if (f->kind != Kind::List) {
                if (unknown_rule) *unknown_rule = fmt::format("'{}' is not a list", f->name);
                return nullptr;
            }
            f = f->item.get();
        } else {
            if (f->kind != Kind::Map) {
                if (unknown_rule)
                    *unknown_rule = f->kind == Kind::List
                                        ? fmt::format("'{}' is a list: give an index, e.g. {}[0]", f->name, f->name)
                                        : fmt::format("'{}' is a {}, it has no field '{}'", f->name,
                                                      kind_name(f->kind), s.key);
                return nullptr;
            }
            const Field* c = f->child(s.key);
            if (!c) {
                if (unknown_rule) *unknown_rule = "unknown parameter path: " + unknown_key_rule(s.key, *f);
                return nullptr;
            }
            f = c;
        }
    }
    return f;
}

bool is_plain(const YAML::Node& n) { return n.Tag() == "?" || n.Tag().empty(); }

namespace {

std::string shown(const std::string& text) {
    if (text.size() > 40) return "'" + text.substr(0, 40) + "...'";
    return "'" + text + "'";
}

bool looks_decimal(const std::string& t) {
    std::size_t i = 0, n = t.size();
    if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
    std::size_t digits = 0;
    while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++digits; }
    if (i < n && t[i] == '.') {
        ++i;
        while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++digits; }
    }
    if (digits == 0) return false;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        std::size_t exp_digits = 0;
        while (i < n && std::isdigit(static_cast<unsigned char>(t[i]))) { ++i; ++exp_digits; }
        if (exp_digits == 0) return false;
    }
    return i == n;
}

bool looks_integer(const std::string& t) {
    std::size_t i = (!t.empty() && (t[0] == '+' || t[0] == '-')) ? 1 : 0;
    if (i == t.size()) return false;
    for (; i < t.size(); ++i)
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    return true;
}

bool is_nan_or_inf(const std::string& t) {
    std::string s;
    for (char c : t) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.erase(0, 1);
    return s == ".nan" || s == "nan" || s == ".inf" || s == "inf" || s == "infinity";
}

bool parse_double(const std::string& t, double& v) {
    const char* b = t.data();
    if (*b == '+') ++b;
    auto r = std::from_chars(b, t.data() + t.size(), v);
    return r.ec == std::errc() && r.ptr == t.data() + t.size();
}

bool parse_date(const std::string& t, int& y, int& m, int& d) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
    y = std::stoi(t.substr(0, 4));
    m = std::stoi(t.substr(5, 2));
    d = std::stoi(t.substr(8, 2));
    if (m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

// Why a text shaped YYYY-MM-DD names no day ("" when it is not of that shape).
std::string not_a_day(const std::string& t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return "";
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!std::isdigit(static_cast<unsigned char>(t[i]))) return "";
    const int y = std::stoi(t.substr(0, 4)), m = std::stoi(t.substr(5, 2)), d = std::stoi(t.substr(8, 2));
    if (m < 1 || m > 12) return fmt::format("there is no month {}", m);
    if (d < 1) return "days start at 01";
    static const char* const names[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) return fmt::format("{} is not a leap year", y);
    return fmt::format("{} {} has {} days", names[m - 1], y, days[m - 1] + (m == 2 && leap ? 1 : 0));
}

std::string range_rule(const Field& f, const std::string& text) {
    return fmt::format("must be {}, got {}", f.range_text(), text);
}

}  // namespace

std::string scalar_text_rule(const std::string& text, bool plain, const Field& f) {
    switch (f.kind) {
        case Kind::Number: {
            if (!plain) return fmt::format("expected a number, got the quoted string {}", shown(text));
            if (is_nan_or_inf(text)) return fmt::format("must be a finite number, got {}", shown(text));
            if (!looks_decimal(text)) return fmt::format("expected a number, got {}", shown(text));
            double v = 0;
            if (!parse_double(text, v) || !std::isfinite(v))
                return fmt::format("number {} is out of range (too large)", shown(text));
            if (!f.in_range(v)) return range_rule(f, text);
            return "";
        }
        case Kind::Integer: {
            if (!plain) return fmt::format("expected an integer, got the quoted string {}", shown(text));
            if (!looks_integer(text)) {
                if (looks_decimal(text) || is_nan_or_inf(text))
                    return fmt::format("expected a whole number, got {}", shown(text));
                return fmt::format("expected an integer, got {}", shown(text));
            }
            long long v = 0;
            const char* b = text.data() + (text[0] == '+' ? 1 : 0);
            auto r = std::from_chars(b, text.data() + text.size(), v);
            if (r.ec != std::errc() || !f.in_range(static_cast<double>(v))) return range_rule(f, text);
            return "";
        }
        case Kind::Bool:
            if (plain && (text == "true" || text == "false")) return "";
            return fmt::format("expected true or false, got {}", shown(text));
        case Kind::Date: {
            int y, m, d;
            if (!parse_date(text, y, m, d)) {
                if (const std::string why = not_a_day(text); !why.empty())
                    return fmt::format("{} is not a calendar day ({})", shown(text), why);
                return fmt::format("expected a date YYYY-MM-DD, got {}", shown(text));
            }
            if (y < 1950 || y > 2150) return fmt::format("date must be between 1950 and 2150, got {}", shown(text));
            return "";
        }
        case Kind::Enum: {
            for (const auto& c : f.choices)
                if (c == text) return "";
            std::string all;
            for (const auto& c : f.choices) all += (all.empty() ? "" : ", ") + c;
            std::string hint = closest_key(text, f.choices);
            return fmt::format("must be one of {}; got {}{}", all, shown(text),
                               hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint));
        }
        case Kind::String:
            if (text.size() > kMaxStringLength)
                return fmt::format("text is {} characters; at most {} allowed", text.size(), kMaxStringLength);
            return printable_text_rule(text);
        case Kind::Map:
        case Kind::List:
            return fmt::format("expected a {}, got {}", kind_name(f.kind), shown(text));
    }
    return "";
}

std::string node_rule(const YAML::Node& n, const Field& f) {
    const bool scalar_kind = f.kind != Kind::Map && f.kind != Kind::List;
    const char* expected = f.kind == Kind::Integer ? "an integer"
                           : f.kind == Kind::Number ? "a number"
                           : f.kind == Kind::Bool   ? "true or false"
                           : f.kind == Kind::Date   ? "a date YYYY-MM-DD"
                           : f.kind == Kind::Map    ? "a map"
                           : f.kind == Kind::List   ? "a list"
                                                    : "a single value";
    // A tag the file wrote (!money 6500, !!str 5) never gets here: it is refused while
    // libyaml reads the text (io/yaml_tags.hpp).
    if (n.IsNull()) return fmt::format("expected {}, got nothing (null)", expected);
    if (n.IsMap()) return f.kind == Kind::Map ? "" : fmt::format("expected {}, got a map", expected);
    if (n.IsSequence()) return f.kind == Kind::List ? "" : fmt::format("expected {}, got a list", expected);
    if (!scalar_kind) return fmt::format("expected {}, got {}", expected, shown(n.Scalar()));
    return scalar_text_rule(n.Scalar(), is_plain(n), f);
}

double number_of(const std::string& text) {
    double v = 0;
    parse_double(text, v);
    return v;
}

long long integer_of(const std::string& text) {
    long long v = 0;
    const char* b = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
    std::from_chars(b, text.data() + text.size(), v);
    return v;
}

bool bool_of(const std::string& text) { return text == "true"; }

QuantLib::Date date_of(const std::string& text) {
    int y = 0, m = 0, d = 0;
    if (!parse_date(text, y, m, d)) return {};
    return QuantLib::Date(d, static_cast<QuantLib::Month>(m), y);
}

std::string date_text(const QuantLib::Date& d) { return offtake::iso_date(d); }

YAML::Node find_key(const YAML::Node& map, std::string_view key) {
    if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    for (auto it = map.begin(); it != map.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node find_node(const YAML::Node& root, const std::vector<Segment>& segments) {
    YAML::Node n = root;
    for (const auto& s : segments) {
        if (s.is_index()) {
            if (!n.IsSequence() || static_cast<std::size_t>(s.index) >= n.size())
                return YAML::Node(YAML::NodeType::Undefined);
            YAML::Node next = n[static_cast<std::size_t>(s.index)];
            n.reset(next);  // rebind; `n = next` would overwrite the tree's node
        } else {
            YAML::Node next = find_key(n, s.key);
            if (!next.IsDefined()) return next;
            n.reset(next);
        }
    }
    return n;
}

namespace {

class StructureCheck {
  public:
    StructureCheck(const std::string& file, std::vector<Problem>& problems) : file_(file), problems_(problems) {}

    void walk(const YAML::Node& n, const Field& f, const std::string& path) {
        std::string rule = node_rule(n, f);
        if (!rule.empty()) {
            report(n, path, std::move(rule));
            return;
        }
        if (f.kind == Kind::Map) walk_map(n, f, path);
        if (f.kind == Kind::List) walk_list(n, f, path);
    }

  private:
    void report(const YAML::Node& n, const std::string& path, std::string rule) {
        problems_.push_back(problem_at(file_, n, path, std::move(rule)));
    }

    void walk_map(const YAML::Node& n, const Field& f, const std::string& path) {
        std::map<std::string, int> seen;  // key -> line of first occurrence
        for (auto it = n.begin(); it != n.end(); ++it) {
            // Copies: yaml-cpp's iterator yields a temporary pair, so a reference to
            // it->first dangles (found by fuzz_deal_loader under AddressSanitizer).
            const YAML::Node key = it->first;
            const YAML::Node value = it->second;
            if (!key.IsScalar()) {
                report(key, path, "map keys must be plain names");
                continue;
            }
            const std::string& name = key.Scalar();
            std::string p = child_path(path, name);
            auto [pos, fresh] = seen.emplace(name, line_of(key));
            if (!fresh) {
                report(key, p, fmt::format("duplicate key '{}' (first given at line {})", name, pos->second));
                continue;
            }
            const Field* c = f.child(name);
            if (!c) {
                report(key, p, unknown_key_rule(name, f));
                continue;
            }
            // An explicit null (`cap:` or `cap: ~`) means "not given".
            if (value.IsNull()) {
                if (c->required) report(key, p, "required field has no value");
                continue;
            }
            walk(value, *c, p);
        }
        for (const auto& c : f.fields)
            if (c.required && !seen.count(c.name))
                report(n, child_path(path, c.name), fmt::format("missing required field '{}'", c.name));
    }

    void walk_list(const YAML::Node& n, const Field& f, const std::string& path) {
        if (n.size() > f.max_items) {
            report(n, path, fmt::format("list has {} items; at most {} allowed", n.size(), f.max_items));
            return;
        }
        if (n.size() < f.min_items) {
            report(n, path, fmt::format("list has {} items; at least {} required", n.size(), f.min_items));
            return;
        }
        for (std::size_t i = 0; i < n.size(); ++i) walk(n[i], *f.item, item_path(path, i));
    }

    const std::string& file_;
    std::vector<Problem>& problems_;
};

}  // namespace

void check_structure(const YAML::Node& root, const std::string& file, std::vector<Problem>& problems) {
    check_structure(root, deal_schema(), file, problems);
}

void check_structure(const YAML::Node& root, const Field& schema, const std::string& file,
                     std::vector<Problem>& problems) {
    StructureCheck(file, problems).walk(root, schema, "");
}

}  // namespace offtake::io
