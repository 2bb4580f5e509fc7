// Schwartz and Smith (2000) short-term/long-term model: ln S = chi + xi,
// d chi = -kappa chi dt + sigma_chi dW_chi, d xi = mu_xi dt + sigma_xi dW_xi.
// E[chi_t] = e^{-kappa t} chi_0, E[xi_t] = xi_0 + mu_xi t. Under Q (their risk-neutral
// version) d chi = (-kappa chi - lambda_chi) dt + ..., d xi = mu_xi* dt + ..., so
// E*[chi_t] = e^{-kappa t} chi_0 - (1 - e^{-kappa t}) lambda_chi / kappa and
// E*[xi_t] = xi_0 + mu_xi* t. xi_0 = ln S_0 - chi_0.
#include "prices/models.hpp"

#include <cmath>

namespace offtake {

double two_factor_log_level(const CommodityPriceSpec& c, double log_spot, double t, Measure m) {
    const double e = std::exp(-c.kappa * t);
    const double xi0 = log_spot - c.chi0;
    if (m == Measure::RiskNeutral)
        return e * c.chi0 - (1.0 - e) * c.lambda_chi / c.kappa + xi0 + c.mu_xi_star * t;
    return e * c.chi0 + xi0 + c.mu_xi * t;
}

}  // namespace offtake
