// Schwartz (1997) one-factor model: X = ln S, dX = kappa (alpha - X) dt + sigma dW.
// Solution: X_t = e^{-kappa t} X_0 + (1 - e^{-kappa t}) alpha + sigma int_0^t
// e^{-kappa (t-u)} dW_u; the stochastic integral is the simulator's OU factor. Under Q
// alpha becomes alpha* = alpha - lambda / kappa (lambda: market price of risk).
#include "prices/models.hpp"

#include <cmath>

namespace offtake {

double one_factor_log_level(const CommodityPriceSpec& c, double log_spot, double t, Measure m) {
    const double alpha = m == Measure::RiskNeutral ? c.alpha - c.lambda / c.kappa : c.alpha;
    const double e = std::exp(-c.kappa * t);
    return e * log_spot + (1.0 - e) * alpha;
}

}  // namespace offtake
