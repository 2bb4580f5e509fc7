// Contract price of one offtake in one period (conventions section 4).
#pragma once

#include <offtake/deal.hpp>

#include <algorithm>

namespace offtake::instruments {

// S: the index price of the period; escalation: (1 + e)^T(d_t) of the contract.
inline double contract_price(const Pricing& p, double S, double escalation) {
    switch (p.type) {
        case Pricing::Type::Fixed:
            return p.price * escalation;
        case Pricing::Type::Index:
            return S * (1.0 - p.discount) - p.discount_abs;
        case Pricing::Type::Collar: {
            const double k = p.escalate_floor_cap ? escalation : 1.0;
            double x = S;
            if (p.floor) x = std::max(x, *p.floor * k);
            if (p.cap) x = std::min(x, *p.cap * k);
            return x * (1.0 - p.discount);
        }
    }
    return 0.0;
}

}  // namespace offtake::instruments
