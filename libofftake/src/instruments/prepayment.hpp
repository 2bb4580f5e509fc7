// Prepayment balance and invoice deductions (conventions section 5).
#pragma once

#include <algorithm>

namespace offtake::instruments {

// B_t = B_{t-1} (1 + rate tau_t): simple interest per period.
inline double accrue_prepayment(double balance, double rate, double tau) {
    return balance * (1.0 + rate * tau);
}

// D_t = min(B_t, deduction_share * invoice): deducted from the buyer's invoice, not paid in cash.
inline double prepayment_deduction(double balance, double deduction_share, double invoice) {
    return std::max(0.0, std::min(balance, deduction_share * invoice));
}

}  // namespace offtake::instruments
