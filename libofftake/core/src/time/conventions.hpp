// Calendar, business-day convention and day counter named as in the deal file
// (conventions section 1), turned into QuantLib objects.
#pragma once

#include <ql/time/businessdayconvention.hpp>
#include <ql/time/calendar.hpp>
#include <ql/time/daycounter.hpp>

#include <string>

namespace offtake::time {

// Each throws offtake::DealError naming `field` when the name is unknown.
QuantLib::Calendar calendar_from_name(const std::string& name, const std::string& field);
QuantLib::BusinessDayConvention convention_from_name(const std::string& name,
                                                     const std::string& field);
QuantLib::DayCounter day_counter_from_name(const std::string& name, const std::string& field);

}  // namespace offtake::time
