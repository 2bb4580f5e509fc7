// Sculpted repayment (conventions section 7; NREL SAM sizes debt the same way):
// debt service of repayment period t is CFADS_t / target DSCR less the prepayment
// deductions counted as debt service, and the debt is what that service repays.
#pragma once

#include <algorithm>

namespace offtake::instruments {

// Scheduled service of one period; a period with negative base CFADS gets zero.
inline double sculpted_service(double cfads, double counted_deduction, double dscr) {
    return std::max(0.0, cfads / dscr - counted_deduction);
}

// The debt at the start of repayment that the sculpted service repays:
// sum over t in [first, last] of DF(t) service_t, DF(t) = prod_{u<=t} 1/(1 + r_u tau_u)
// with r_u the all-in rate plus the guarantee fee rate (both accrue on the balance).
double sculpted_capacity(const double* cfads, const double* counted_deduction,
                         const double* rate, const double* tau, int first, int last, double dscr);

// The DSCR at which the capacity equals `debt` (capacity falls as the DSCR rises); used
// when the gearing cap binds and the schedule is sculpted to a higher DSCR.
double dscr_for_capacity(const double* cfads, const double* counted_deduction,
                         const double* rate, const double* tau, int first, int last,
                         double debt, double min_dscr);

}  // namespace offtake::instruments
