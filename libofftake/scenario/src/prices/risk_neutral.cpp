#include "prices/risk_neutral.hpp"

#include "prices/factor_moments.hpp"
#include "prices/jump_overlay.hpp"

#include <cmath>

namespace offtake {

double risk_neutral_log_level(const PriceModelSpec& spec, const CommodityPriceSpec& c,
                              double forward, double t) {
    double phi = std::log(forward) - 0.5 * log_price_variance(spec, c, t);
    if (c.jumps) phi -= jump_log_mgf(*c.jumps, jump_kappa(c), t);
    return phi;
}

double lenders_case_log_level(const CommodityPriceSpec& c, double deck, double t) {
    double phi = std::log(deck);
    if (c.jumps) phi -= jump_log_mgf(*c.jumps, jump_kappa(c), t);
    return phi;
}

std::vector<double> substep_forwards(const TimeGrid& grid, const std::vector<double>& forward,
                                     int m) {
    const int n = grid.periods();
    std::vector<double> out(static_cast<size_t>(n) * m);
    for (int t = 1; t <= n; ++t) {
        const double a = std::log(forward[t - 1]), b = std::log(forward[t]);
        double sum = 0.0;
        for (int j = 1; j <= m; ++j) {
            const double w = static_cast<double>(j) / m;
            out[(t - 1) * m + j - 1] = std::exp(a + w * (b - a));
            sum += out[(t - 1) * m + j - 1];
        }
        const double scale = forward[t] * m / sum;
        for (int j = 0; j < m; ++j) out[(t - 1) * m + j] *= scale;
    }
    return out;
}

}  // namespace offtake
