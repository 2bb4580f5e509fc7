// Discounting (conventions section 2): the deal's QuantLib yield curve, built with an
// explicit reference date (the deal's start) so that nothing depends on the global
// evaluation date.
#pragma once

#include <offtake/deal.hpp>

#include <ql/termstructures/yieldtermstructure.hpp>

#include <vector>

namespace offtake::market {

// A flat rate (annual compounding, Actual/365F) or a zero curve of annual-compounded
// zero rates, linear in the zero rate between tenors, flat outside.
QuantLib::ext::shared_ptr<QuantLib::YieldTermStructure> make_discount_curve(
    const Discounting& discounting, const QuantLib::Date& reference);

// DF(d_t) for every grid date; asked once, before any thread starts (FlatForward and
// ZeroCurve compute lazily on first use).
std::vector<double> discount_factors(const QuantLib::YieldTermStructure& curve,
                                     const std::vector<QuantLib::Date>& dates);

}  // namespace offtake::market
