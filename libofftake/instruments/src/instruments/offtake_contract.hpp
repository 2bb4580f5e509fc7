// An offtake agreement on the period grid (docs/conventions.md section 4): contracted
// tonnes and escalation per period, the pricing terms and the buyer's links to the other
// instruments. Its price per period is instruments/offtake_pricing.hpp.
#pragma once

#include <offtake/deal.hpp>

#include <vector>

namespace offtake {

// One offtake agreement on the grid (conventions section 4).
struct ContractPlan {
    std::vector<double> volume;      // contracted tonnes of period t (0 outside the tenor)
    std::vector<double> escalation;  // (1 + escalation)^T(d_t)
    Pricing pricing;
    double take_or_pay = 0.0;
    double shortfall_penalty = 0.0;
    double recovery = 0.0;
    bool prepayment_buyer = false;   // its invoices carry the prepayment deductions
    bool share_of_output = false;    // volume is a share of the plan: it follows the path's production
    int equity_investor = -1;        // the buyer's index among equity investors, or -1
};

}  // namespace offtake
