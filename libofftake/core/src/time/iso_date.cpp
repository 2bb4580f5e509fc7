#include <offtake/time_grid.hpp>

#include <fmt/format.h>

#include <cstdio>

namespace offtake {

std::string iso_date(const QuantLib::Date& d) {
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(d.year()), static_cast<int>(d.month()),
                       static_cast<int>(d.dayOfMonth()));
}

std::optional<QuantLib::Date> parse_iso_date(const std::string& text) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || text[4] != '-' ||
        text[7] != '-')
        return std::nullopt;
    // QuantLib's calendar runs from 1901 to 2199; a day must exist in its month.
    if (y < 1901 || y > 2199 || m < 1 || m > 12 || d < 1) return std::nullopt;
    if (d > QuantLib::Date::endOfMonth(QuantLib::Date(1, static_cast<QuantLib::Month>(m), y)).dayOfMonth())
        return std::nullopt;
    return QuantLib::Date(d, static_cast<QuantLib::Month>(m), y);
}

}  // namespace offtake
