#include "market/discount_curve.hpp"

#include <offtake/errors.hpp>

#include <ql/math/interpolations/linearinterpolation.hpp>
#include <ql/termstructures/yield/flatforward.hpp>
#include <ql/termstructures/yield/zerocurve.hpp>
#include <ql/time/calendars/nullcalendar.hpp>
#include <ql/time/daycounters/actual365fixed.hpp>

#include <cmath>

namespace offtake::market {

QuantLib::ext::shared_ptr<QuantLib::YieldTermStructure> make_discount_curve(
    const Discounting& d, const QuantLib::Date& reference) {
    using namespace QuantLib;
    if (d.rate) {
        if (*d.rate <= -1.0)
            throw DealError(Problem{"", 0, 0, "discounting.rate", "must be above -100 %"});
        return ext::make_shared<FlatForward>(reference, *d.rate, Actual365Fixed(), Compounded,
                                             Annual);
    }
    if (d.zero_curve.empty())
        throw DealError(Problem{"", 0, 0, "discounting",
                                "either a rate or a zero_curve is required"});
    std::vector<Date> dates{reference};
    std::vector<Rate> rates{d.zero_curve.front().rate};
    for (std::size_t i = 0; i < d.zero_curve.size(); ++i) {
        const auto& p = d.zero_curve[i];
        // Tenors in years map to dates by Actual/365F, the curve's own day counter.
        const Date date = reference + static_cast<Date::serial_type>(std::lround(p.tenor_years * 365.0));
        if (date <= dates.back()) {
            if (i == 0 && date == reference) { rates[0] = p.rate; continue; }
            throw DealError(Problem{"", 0, 0, "discounting.zero_curve[" + std::to_string(i) + "].tenor_years",
                                    "tenors must increase"});
        }
        dates.push_back(date);
        rates.push_back(p.rate);
    }
    if (dates.size() == 1) {  // a single point at t=0: a flat curve
        dates.push_back(reference + 365);
        rates.push_back(rates.front());
    }
    auto curve = ext::make_shared<InterpolatedZeroCurve<Linear>>(
        dates, rates, Actual365Fixed(), NullCalendar(), Linear(), Compounded, Annual);
    curve->enableExtrapolation();
    return curve;
}

std::vector<double> discount_factors(const QuantLib::YieldTermStructure& curve,
                                     const std::vector<QuantLib::Date>& dates) {
    std::vector<double> df(dates.size());
    for (std::size_t t = 0; t < dates.size(); ++t) df[t] = curve.discount(dates[t]);
    return df;
}

}  // namespace offtake::market
