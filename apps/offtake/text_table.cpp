#include "text_table.hpp"

#include <algorithm>

namespace offtake::cli {

namespace {
// Display width: count UTF-8 code points, not bytes, so "€" or "≥" align.
std::size_t width(const std::string& s) {
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}
}  // namespace

TextTable::TextTable(std::vector<std::string> header) : header_(std::move(header)) {
    align_.assign(header_.size(), Align::Right);
    if (!align_.empty()) align_[0] = Align::Left;
}

void TextTable::set_align(std::size_t column, Align align) {
    if (column < align_.size()) align_[column] = align;
}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(header_.size());
    rows_.push_back(std::move(cells));
}

void TextTable::add_separator() { rows_.emplace_back(); }

std::string TextTable::render() const {
    std::vector<std::size_t> w(header_.size(), 0);
    for (std::size_t c = 0; c < header_.size(); ++c) w[c] = width(header_[c]);
    for (const auto& row : rows_)
        for (std::size_t c = 0; c < row.size(); ++c) w[c] = std::max(w[c], width(row[c]));

    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            std::string pad(w[c] - width(cells[c]), ' ');
            if (c > 0) out += "  ";
            out += align_[c] == Align::Left ? cells[c] + pad : pad + cells[c];
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + '\n';
    };

    std::string out = line(header_);
    std::size_t total = 0;
    for (auto x : w) total += x;
    total += 2 * (w.empty() ? 0 : w.size() - 1);
    out += std::string(total, '-') + '\n';
    for (const auto& row : rows_) out += row.empty() ? std::string("\n") : line(row);
    return out;
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

std::string csv_line(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_field(fields[i]);
    }
    return out + '\n';
}

}  // namespace offtake::cli
