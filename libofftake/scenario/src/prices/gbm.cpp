// Geometric Brownian motion: dS/S = mu dt + sigma dW, so
// ln S_t = ln S_0 + (mu - sigma^2/2) t + sigma W_t (exact; Ito's lemma).
// Under the model's own Q the drift is mu - lambda sigma.
#include "prices/models.hpp"

namespace offtake {

double gbm_log_level(const CommodityPriceSpec& c, double log_spot, double t, Measure m) {
    const double drift = m == Measure::RiskNeutral ? c.mu - c.lambda * c.sigma : c.mu;
    return log_spot + (drift - 0.5 * c.sigma * c.sigma) * t;
}

}  // namespace offtake
