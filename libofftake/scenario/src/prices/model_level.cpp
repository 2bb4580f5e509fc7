#include "prices/models.hpp"

namespace offtake {

double model_log_level(const CommodityPriceSpec& c, double log_spot, double t, Measure m) {
    switch (c.dynamics) {
        case PriceDynamics::Gbm: return gbm_log_level(c, log_spot, t, m);
        case PriceDynamics::OneFactor: return one_factor_log_level(c, log_spot, t, m);
        case PriceDynamics::TwoFactor: return two_factor_log_level(c, log_spot, t, m);
        case PriceDynamics::Deterministic: break;
    }
    return log_spot;
}

}  // namespace offtake
