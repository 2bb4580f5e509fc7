#include <offtake/time_grid.hpp>

#include <fmt/format.h>

namespace offtake {

std::string iso_date(const QuantLib::Date& d) {
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(d.year()), static_cast<int>(d.month()),
                       static_cast<int>(d.dayOfMonth()));
}

}  // namespace offtake
