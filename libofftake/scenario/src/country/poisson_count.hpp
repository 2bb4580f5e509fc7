// The number of Poisson(rate) arrivals in one unit of time, by inversion of the
// distribution function at the uniform u (in (0, 1]), at most `cap`: the count of a
// country's events in a calendar year (docs/risks.md sections 1 and 1b).
#pragma once

#include <cmath>

namespace offtake::country {

inline int poisson_count(double u, double rate, int cap) {
    const double p0 = std::exp(-rate);
    double prob = p0, cdf = p0;
    int count = 0;
    while (u > cdf && count < cap) {
        ++count;
        prob *= rate / count;
        cdf += prob;
    }
    return count;
}

}  // namespace offtake::country
