// The calendar of a deal: its conventions as the deal file states them and the period
// grid built from them (docs/conventions.md section 1). Core: no deal, no model.
#pragma once

#include <offtake/export.h>

#include <ql/time/date.hpp>

#include <optional>
#include <string>
#include <vector>

namespace offtake {

// Periods per year.
enum class Frequency { Annual = 1, Semiannual = 2, Quarterly = 4, Monthly = 12 };

// Conventions section 1.
struct TimeConventions {
    QuantLib::Date start;                       // financial close
    Frequency frequency = Frequency::Quarterly;
    std::string calendar = "null";              // null | target | united_states | australia | ...
    std::string business_day_convention = "unadjusted";  // unadjusted | following | modified_following | preceding
    std::string day_counter = "actual365fixed";  // actual365fixed | actual360 | thirty360 | actualactual
};

// The period grid (conventions section 1). Period t = 1..n covers (d_{t-1}, d_t];
// index 0 is financial close.
struct TimeGrid {
    std::vector<QuantLib::Date> dates;   // d_0..d_n
    std::vector<double> tau;             // tau[t] = year fraction of period t (tau[0] = 0)
    std::vector<double> years;           // T(d_t): years from start by the day counter
    int construction_periods = 0;        // periods 1..construction_periods build the mine
    int periods() const { return static_cast<int>(dates.size()) - 1; }
    int cod_index() const { return construction_periods; }
};

OFFTAKE_API const char* to_string(Frequency f);

// A date as yyyy-mm-dd (ISO 8601), the one way the engine writes a date in messages,
// CSV, JSON and model files.
OFFTAKE_API std::string iso_date(const QuantLib::Date& d);

// The inverse for dates given outside a deal file (the command line's --scenario-start,
// the C API's options): exactly yyyy-mm-dd, a day that exists, within QuantLib's
// 1901-2199; nullopt otherwise.
OFFTAKE_API std::optional<QuantLib::Date> parse_iso_date(const std::string& text);

}  // namespace offtake
