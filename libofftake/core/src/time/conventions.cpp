#include "time/conventions.hpp"

#include <offtake/errors.hpp>
#include <offtake/time_grid.hpp>

#include <ql/time/calendars/australia.hpp>
#include <ql/time/calendars/canada.hpp>
#include <ql/time/calendars/chile.hpp>
#include <ql/time/calendars/china.hpp>
#include <ql/time/calendars/germany.hpp>
#include <ql/time/calendars/japan.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/calendars/southafrica.hpp>
#include <ql/time/calendars/target.hpp>
#include <ql/time/calendars/unitedkingdom.hpp>
#include <ql/time/calendars/unitedstates.hpp>
#include <ql/time/calendars/weekendsonly.hpp>
#include <ql/time/daycounters/actual360.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>
#include <ql/time/daycounters/actualactual.hpp>
#include <ql/time/daycounters/thirty360.hpp>

namespace offtake {

const char* to_string(Frequency f) {
    switch (f) {
        case Frequency::Annual: return "annual";
        case Frequency::Semiannual: return "semiannual";
        case Frequency::Quarterly: return "quarterly";
        case Frequency::Monthly: return "monthly";
    }
    return "unknown";
}

}  // namespace offtake

namespace offtake::time {

namespace {
[[noreturn]] void unknown(const std::string& field, const std::string& name, const char* allowed) {
    throw DealError(Problem{"", 0, 0, field, "unknown value '" + name + "' (allowed: " + allowed + ")"});
}
}  // namespace

QuantLib::Calendar calendar_from_name(const std::string& name, const std::string& field) {
    using namespace QuantLib;
    if (name == "null" || name.empty()) return NullCalendar();
    if (name == "weekends_only") return WeekendsOnly();
    if (name == "target") return TARGET();
    if (name == "united_states") return UnitedStates(UnitedStates::Settlement);
    if (name == "united_kingdom") return UnitedKingdom(UnitedKingdom::Settlement);
    if (name == "australia") return Australia();
    if (name == "canada") return Canada(Canada::Settlement);
    if (name == "chile") return Chile();
    if (name == "china") return China(China::SSE);
    if (name == "germany") return Germany(Germany::Settlement);
    if (name == "japan") return Japan();
    if (name == "south_africa") return SouthAfrica();
    unknown(field, name,
            "null, weekends_only, target, united_states, united_kingdom, australia, canada, "
            "chile, china, germany, japan, south_africa");
}

QuantLib::BusinessDayConvention convention_from_name(const std::string& name,
                                                     const std::string& field) {
    using namespace QuantLib;
    if (name == "unadjusted" || name.empty()) return Unadjusted;
    if (name == "following") return Following;
    if (name == "modified_following") return ModifiedFollowing;
    if (name == "preceding") return Preceding;
    if (name == "modified_preceding") return ModifiedPreceding;
    unknown(field, name, "unadjusted, following, modified_following, preceding, modified_preceding");
}

QuantLib::DayCounter day_counter_from_name(const std::string& name, const std::string& field) {
    using namespace QuantLib;
    if (name == "actual365fixed" || name.empty()) return Actual365Fixed();
    if (name == "actual360") return Actual360();
    if (name == "thirty360") return Thirty360(Thirty360::BondBasis);
    if (name == "actualactual") return ActualActual(ActualActual::ISDA);
    unknown(field, name, "actual365fixed, actual360, thirty360, actualactual");
}

}  // namespace offtake::time
