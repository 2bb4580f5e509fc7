#include "instruments/sculpting.hpp"

#include <ql/math/solvers1d/brent.hpp>

#include <limits>

namespace offtake::instruments {

double sculpted_capacity(const double* cfads, const double* ded, const double* rate,
                         const double* tau, int first, int last, double dscr) {
    double df = 1.0, pv = 0.0;
    for (int t = first; t <= last; ++t) {
        df /= 1.0 + rate[t] * tau[t];
        pv += df * sculpted_service(cfads[t], ded[t], dscr);
    }
    return pv;
}

double dscr_for_capacity(const double* cfads, const double* ded, const double* rate,
                         const double* tau, int first, int last, double debt, double min_dscr) {
    auto excess = [&](double dscr) {
        return sculpted_capacity(cfads, ded, rate, tau, first, last, dscr) - debt;
    };
    if (excess(min_dscr) <= 0.0) return min_dscr;
    // Capacity falls as the DSCR rises (to zero as it grows without bound), so doubling
    // brackets the root. A small debt needs a large DSCR (about capacity at 1x / debt:
    // 1e9 for a gearing of 1e-9), so there is no fixed ceiling; only a debt too small
    // for any finite DSCR (a denormal gearing) stops at the largest double, where the
    // service left is below a millionth of a cent.
    double hi = min_dscr * 2.0;
    while (excess(hi) > 0.0) {
        if (hi > std::numeric_limits<double>::max() / 2.0) return hi;
        hi *= 2.0;
    }
    QuantLib::Brent solver;
    solver.setMaxEvaluations(200);
    return solver.solve(excess, 1e-14, 0.5 * (min_dscr + hi), min_dscr, hi);
}

}  // namespace offtake::instruments
