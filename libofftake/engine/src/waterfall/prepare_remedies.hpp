#pragma once

#include "waterfall/prepared_deal.hpp"

namespace offtake {

// Recoveries are discounted at the loan's base rate plus this when the deal states no
// rate: the EBA's choice for realised LGD (docs/credit.md section 5).
constexpr double kRecoveryRateAddOn = 0.05;

// After prepare_debt(): fills p.remedies and p.sponsor_support.
void prepare_remedies(PreparedDeal& p);

}  // namespace offtake
