// Closed-form moments of the Gaussian factors and of a commodity's log price.
// Factor a: dX_a = -kappa_a X_a dt + sigma_a dW_a, X_a(0) = 0, dW_a dW_b = rho_ab dt.
// Cov(X_a(t), X_b(t)) = sigma_a sigma_b rho_ab int_0^t e^{-(kappa_a + kappa_b) u} du,
// the same integral giving the covariance of the shocks added over one step of length t.
#pragma once

#include "models/price_model_spec.hpp"

#include <offtake/price_model.hpp>

namespace offtake {

// int_0^t e^{-k u} du = (1 - e^{-k t}) / k, and t when k = 0 (series near 0).
double decay_integral(double k, double t);

double factor_covariance(const PriceModelSpec& spec, int a, int b, double t);

// Var of the diffusive part of ln S_t (sum of the commodity's factors).
double log_price_variance(const PriceModelSpec& spec, const CommodityPriceSpec& c, double t);

// Mean and variance of ln S_t under the model's own measure m (jumps included), given S_0.
struct LogMoments {
    double mean = 0.0;
    double variance = 0.0;
};
LogMoments log_price_moments(const PriceModelSpec& spec, const CommodityPriceSpec& c,
                             double spot, double t, Measure m);

// Futures price for delivery at t under the model's own Q: E*[S_t] (Schwartz 1997 and
// Schwartz-Smith 2000 take futures = expected spot under Q; jumps keep their P law).
double model_futures_price(const PriceModelSpec& spec, const CommodityPriceSpec& c, double spot,
                           double t);

}  // namespace offtake
