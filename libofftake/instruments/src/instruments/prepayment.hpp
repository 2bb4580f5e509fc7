// Prepayment balance and invoice deductions (conventions section 5).
#pragma once

#include <algorithm>

namespace offtake {

// A buyer's prepayment on the grid (docs/conventions.md section 5).
struct PrepaymentPlan {
    bool active = false;
    double amount = 0.0;
    int draw_period = 0;             // received at d_{draw_period}
    int end_period = 0;              // last period of the buyer's contracts: balance due in cash
    double rate = 0.0;
    double deduction_share = 0.0;
    bool counts_as_debt_service = true;
};

}  // namespace offtake

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
