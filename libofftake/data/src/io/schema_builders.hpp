// The small builders the file schemas are written with (deal_schema.cpp,
// portfolio/portfolio_schema.cpp), so that a schema table reads like the documentation
// it produces.
#pragma once

#include "io/deal_schema.hpp"

#include <memory>
#include <string>
#include <vector>

namespace offtake::io::schema {

// Small builders so that the table below reads like the documentation it produces.
struct F {
    Field f;
    F(std::string name, Kind kind) { f.name = std::move(name); f.kind = kind; }
    F& req() { f.required = true; return *this; }
    F& range(double lo, double hi) { f.min = lo; f.max = hi; return *this; }
    F& open_lo() { f.min_open = true; return *this; }
    F& open_hi() { f.max_open = true; return *this; }
    F& def(std::string d) { f.has_default = true; f.default_text = std::move(d); return *this; }
    F& unit(std::string u) { f.unit = std::move(u); return *this; }
    F& doc(std::string d) { f.doc = std::move(d); return *this; }
    F& sec(std::string s) { f.section = std::move(s); return *this; }
    F& choices(std::vector<std::string> c) { f.choices = std::move(c); return *this; }
    F& fields(std::vector<Field> fs) { f.fields = std::move(fs); return *this; }
    F& items(Field item, std::size_t max_items, std::size_t min_items = 0) {
        f.item = std::make_shared<const Field>(std::move(item));
        f.max_items = max_items;
        f.min_items = min_items;
        return *this;
    }
    operator Field() const { return f; }
};

inline F number(std::string n) { return F(std::move(n), Kind::Number); }
inline F integer(std::string n) { return F(std::move(n), Kind::Integer); }
inline F text(std::string n) { return F(std::move(n), Kind::String); }
inline F boolean(std::string n) { return F(std::move(n), Kind::Bool); }
inline F date(std::string n) { return F(std::move(n), Kind::Date); }
inline F choice(std::string n, std::vector<std::string> c) { return F(std::move(n), Kind::Enum).choices(std::move(c)); }
inline F map(std::string n, std::vector<Field> fs) { return F(std::move(n), Kind::Map).fields(std::move(fs)); }
inline F list(std::string n, Field item, std::size_t max_items, std::size_t min_items = 0) {
    return F(std::move(n), Kind::List).items(std::move(item), max_items, min_items);
}

}  // namespace offtake::io::schema
