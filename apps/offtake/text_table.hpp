// Plain-text tables with aligned columns (labels left, numbers right) and CSV.
#pragma once

#include <string>
#include <vector>

namespace offtake::cli {

class TextTable {
  public:
    enum class Align { Left, Right };
    // The first column is left-aligned, the others right-aligned, unless set.
    explicit TextTable(std::vector<std::string> header);
    void set_align(std::size_t column, Align align);
    void add_row(std::vector<std::string> cells);
    // A blank line between groups of rows.
    void add_separator();
    std::string render() const;

  private:
    std::vector<std::string> header_;
    std::vector<Align> align_;
    std::vector<std::vector<std::string>> rows_;  // empty row = separator
};

// RFC 4180 quoting: a field with a comma, quote or line break is quoted.
std::string csv_field(const std::string& text);
std::string csv_line(const std::vector<std::string>& fields);

}  // namespace offtake::cli
