// CSV readers for calibration data. Errors name file, line and column.
#include <offtake/calibration.hpp>
#include <offtake/errors.hpp>

#include "files/input_file.hpp"
#include "io/yaml_text.hpp"

#include <ql/utilities/dataparsers.hpp>

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <sstream>

namespace offtake {

namespace {

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> out;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) {
        const auto a = cell.find_first_not_of(" \t\r"), b = cell.find_last_not_of(" \t\r");
        out.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
    }
    if (!line.empty() && line.back() == ',') out.push_back("");
    return out;
}

// A cell as messages show it: never more than 40 characters of it.
std::string shown(const std::string& cell) { return cell.size() > 40 ? cell.substr(0, 40) + "..." : cell; }

bool parse_number(const std::string& s, double& v) {
    if (s.empty()) return false;
    char* end = nullptr;
    v = std::strtod(s.c_str(), &end);
    return end && *end == '\0' && std::isfinite(v);
}

bool parse_date(const std::string& s, QuantLib::Date& d) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    try {
        d = QuantLib::DateParser::parseISO(s);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

struct CsvLines {
    std::vector<std::pair<int, std::vector<std::string>>> rows;  // (line, cells), comments skipped
};

CsvLines read_lines(const std::string& text, const std::string& path) {
    // Binary data and CR-only line endings are named as such, not read as odd rows.
    std::vector<Problem> text_problems;
    if (!io::check_text_file(text, path, text_problems)) throw DealError(std::move(text_problems));
    std::istringstream in(text);
    CsvLines out;
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        const auto first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        out.rows.push_back({n, split(line)});
    }
    return out;
}

}  // namespace

// A regular file of at most 16 MiB (files/input_file.hpp): a FIFO, a device or an
// endless file is refused before any read.
PriceSeries read_price_series(const std::string& path) {
    return parse_price_series(files::read_input_file_or_throw(path, files::kMaxCsvFileBytes, "price series"), path);
}

FuturesPanel read_futures_panel(const std::string& path) {
    return parse_futures_panel(files::read_input_file_or_throw(path, files::kMaxCsvFileBytes, "futures panel"),
                               path);
}

PriceSeries parse_price_series(const std::string& text, const std::string& path) {
    PriceSeries s;
    s.file = path;
    std::vector<Problem> problems;
    const auto lines = read_lines(text, path);
    bool first = true;
    for (const auto& [line, cells] : lines.rows) {
        QuantLib::Date d;
        if (first && !cells.empty() && !parse_date(cells[0], d)) {
            first = false;  // a header line
            continue;
        }
        first = false;
        if (cells.size() < 2) {
            problems.push_back({path, line, 1, "row", "expected 'date,price'"});
            continue;
        }
        if (cells.size() > 2) {
            // "2020-07-01,6,180": a thousands separator would otherwise read as 6.
            problems.push_back({path, line, 3, "row",
                                fmt::format("expected 'date,price', got {} cells (a ',' inside a number?)",
                                            cells.size())});
            continue;
        }
        double p = 0.0;
        if (!parse_date(cells[0], d)) {
            problems.push_back({path, line, 1, "date",
                                fmt::format("'{}' is not an ISO date YYYY-MM-DD", shown(cells[0]))});
            continue;
        }
        if (!parse_number(cells[1], p) || !(p > 0.0)) {
            problems.push_back({path, line, 2, "price",
                                fmt::format("'{}' is not a positive number", shown(cells[1]))});
            continue;
        }
        if (!s.dates.empty() && !(d > s.dates.back())) {
            problems.push_back({path, line, 1, "date", "dates must increase strictly"});
            continue;
        }
        s.dates.push_back(d);
        s.prices.push_back(p);
    }
    if (problems.empty() && s.prices.size() < 3)
        problems.push_back({path, 0, 0, "", "at least 3 prices are needed to calibrate"});
    if (!problems.empty()) throw DealError(problems);
    return s;
}

FuturesPanel parse_futures_panel(const std::string& text, const std::string& path) {
    FuturesPanel p;
    p.file = path;
    std::vector<Problem> problems;
    const auto lines = read_lines(text, path);
    if (lines.rows.empty()) throw DealError(Problem{path, 0, 0, "", "empty panel"});
    const auto& [hline, header] = lines.rows.front();
    for (size_t j = 1; j < header.size(); ++j) {
        double t = 0.0;
        if (!parse_number(header[j], t) || !(t >= 0.0))
            problems.push_back({path, hline, static_cast<int>(j) + 1, "maturity",
                                fmt::format("header '{}' must be a time to maturity in years",
                                            shown(header[j]))});
        p.maturities.push_back(t);
    }
    if (p.maturities.empty())
        problems.push_back({path, hline, 1, "header", "expected 'date,T1,T2,...'"});
    const size_t k = p.maturities.size();
    for (size_t r = 1; r < lines.rows.size(); ++r) {
        const auto& [line, cells] = lines.rows[r];
        QuantLib::Date d;
        if (!parse_date(cells[0], d)) {
            problems.push_back({path, line, 1, "date",
                                fmt::format("'{}' is not an ISO date YYYY-MM-DD", shown(cells[0]))});
            continue;
        }
        if (!p.dates.empty() && !(d > p.dates.back())) {
            problems.push_back({path, line, 1, "date", "dates must increase strictly"});
            continue;
        }
        if (cells.size() != k + 1) {
            problems.push_back({path, line, 1, "row",
                                fmt::format("expected {} cells, got {}", k + 1, cells.size())});
            continue;
        }
        p.dates.push_back(d);
        for (size_t j = 0; j < k; ++j) {
            double v = std::numeric_limits<double>::quiet_NaN();
            if (!cells[j + 1].empty() && (!parse_number(cells[j + 1], v) || !(v > 0.0))) {
                problems.push_back({path, line, static_cast<int>(j) + 2, "price",
                                    fmt::format("'{}' is not a positive number", shown(cells[j + 1]))});
                v = std::numeric_limits<double>::quiet_NaN();
            }
            p.prices.push_back(v);
        }
    }
    if (problems.empty() && p.dates.size() < 10)
        problems.push_back({path, 0, 0, "", "at least 10 panel dates are needed to calibrate"});
    if (!problems.empty()) throw DealError(problems);
    return p;
}

}  // namespace offtake
