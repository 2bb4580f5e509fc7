#include "prices/jump_overlay.hpp"

#include "prices/factor_moments.hpp"

#include <ql/math/integrals/gausslobattointegral.hpp>

#include <cmath>

namespace offtake {

double jump_kappa(const CommodityPriceSpec& c) {
    switch (c.dynamics) {
        case PriceDynamics::OneFactor:
        case PriceDynamics::TwoFactor: return c.kappa;
        default: return 0.0;
    }
}

double jump_log_mean(const JumpSpec& j, double kappa, double t) {
    return j.intensity * j.mean * decay_integral(kappa, t);
}

double jump_log_variance(const JumpSpec& j, double kappa, double t) {
    return j.intensity * (j.mean * j.mean + j.stdev * j.stdev) * decay_integral(2.0 * kappa, t);
}

double jump_log_mgf(const JumpSpec& j, double kappa, double t) {
    if (t <= 0.0 || j.intensity == 0.0) return 0.0;
    const double m = j.mean, v = j.stdev * j.stdev;
    if (kappa == 0.0) return j.intensity * t * std::expm1(m + 0.5 * v);
    auto integrand = [&](double u) {
        const double e = std::exp(-kappa * u);
        return std::expm1(m * e + 0.5 * v * e * e);
    };
    QuantLib::GaussLobattoIntegral integral(100000, 1e-13, 1e-13);
    return j.intensity * integral(integrand, 0.0, t);
}

}  // namespace offtake
