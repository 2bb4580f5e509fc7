#include "prices/factor_moments.hpp"

#include "prices/jump_overlay.hpp"
#include "prices/models.hpp"

#include <cmath>

namespace offtake {

double decay_integral(double k, double t) {
    const double x = k * t;
    if (std::fabs(x) < 1e-8) return t * (1.0 - 0.5 * x);
    return -std::expm1(-x) / k;
}

double factor_covariance(const PriceModelSpec& spec, int a, int b, double t) {
    const auto& fa = spec.factors[a];
    const auto& fb = spec.factors[b];
    return fa.sigma * fb.sigma * spec.corr(a, b) * decay_integral(fa.kappa + fb.kappa, t);
}

double log_price_variance(const PriceModelSpec& spec, const CommodityPriceSpec& c, double t) {
    double v = 0.0;
    const int n = c.factor_count();
    for (int a = 0; a < n; ++a)
        for (int b = 0; b < n; ++b)
            v += factor_covariance(spec, c.first_factor + a, c.first_factor + b, t);
    return v;
}

LogMoments log_price_moments(const PriceModelSpec& spec, const CommodityPriceSpec& c,
                             double spot, double t, Measure m) {
    LogMoments r;
    r.mean = model_log_level(c, std::log(spot), t, m);
    if (c.dynamics == PriceDynamics::Deterministic) return r;
    r.variance = log_price_variance(spec, c, t);
    if (c.jumps) {
        const double k = jump_kappa(c);
        r.mean += jump_log_mean(*c.jumps, k, t);
        r.variance += jump_log_variance(*c.jumps, k, t);
    }
    return r;
}

double model_futures_price(const PriceModelSpec& spec, const CommodityPriceSpec& c, double spot,
                           double t) {
    if (c.dynamics == PriceDynamics::Deterministic) return spot;
    double log_f = model_log_level(c, std::log(spot), t, Measure::RiskNeutral) +
                   0.5 * log_price_variance(spec, c, t);
    if (c.jumps) log_f += jump_log_mgf(*c.jumps, jump_kappa(c), t);
    return std::exp(log_f);
}

}  // namespace offtake
