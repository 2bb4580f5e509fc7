#include "models/price_model_spec.hpp"

namespace offtake {

const char* to_string(PriceDynamics d) {
    switch (d) {
        case PriceDynamics::Deterministic: return "deterministic";
        case PriceDynamics::Gbm: return "gbm";
        case PriceDynamics::OneFactor: return "schwartz1f";
        case PriceDynamics::TwoFactor: return "schwartz_smith";
    }
    return "unknown";
}

int CommodityPriceSpec::factor_count() const {
    switch (dynamics) {
        case PriceDynamics::Deterministic: return 0;
        case PriceDynamics::TwoFactor: return 2;
        default: return 1;
    }
}

bool CommodityPriceSpec::matches(Commodity c) const {
    if (name == to_string(c)) return true;
    return name == "copper" && (c == Commodity::CopperCathode || c == Commodity::CopperConcentrate);
}

const CommodityPriceSpec* PriceModelSpec::find(Commodity c) const {
    for (const auto& x : commodities)
        if (x.name == to_string(c)) return &x;
    for (const auto& x : commodities)
        if (x.matches(c)) return &x;
    return nullptr;
}

}  // namespace offtake
