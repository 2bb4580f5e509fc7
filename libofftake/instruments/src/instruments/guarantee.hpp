// Guarantee of the senior debt (conventions section 7): a share g of the loan is
// covered; the covered share may carry its own margin; the project pays a fee per year
// on the guaranteed balance.
#pragma once

#include <offtake/deal.hpp>

#include <optional>

namespace offtake::instruments {

// Loan margin as a rate, blended over the covered and uncovered shares. A covered-share
// margin of 0 means "not stated": the loan margin applies to the whole loan.
inline double blended_margin(const SeniorDebt& debt, const std::optional<Guarantee>& g) {
    const double m = debt.margin_bps * 1e-4;
    if (!g || g->margin_bps <= 0.0) return m;
    return (1.0 - g->cover) * m + g->cover * g->margin_bps * 1e-4;
}

// Fee per year as a rate on the whole balance: g * fee.
inline double guarantee_fee_rate(const std::optional<Guarantee>& g) {
    return g ? g->cover * g->fee_bps * 1e-4 : 0.0;
}

}  // namespace offtake::instruments
