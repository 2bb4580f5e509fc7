#include "montecarlo/production_draws.hpp"

#include "random/counter_rng.hpp"
#include "random/identity_hash.hpp"
#include "waterfall/prepared_deal.hpp"

#include <algorithm>
#include <cmath>

namespace offtake::montecarlo {

ProductionDraws::ProductionDraws(const PreparedDeal& prepared) {
    const Deal& d = deal(prepared);
    if (!d.production_risk) return;
    const ProductionRisk& x = *d.production_risk;
    probability_ = x.rampup_probability;
    shortfall_mean_ = x.rampup_shortfall_mean;
    shortfall_sigma_ = x.rampup_shortfall_sigma;
    years_ = x.rampup_years;
    permanent_ = x.rampup_permanent_share;
    sigma_ = x.operating_sigma;
    autocorrelation_ = x.operating_autocorrelation;
    // A section whose every figure is zero draws nothing: factor 1, the engine without it.
    active_ = (probability_ > 0.0 && shortfall_mean_ > 0.0) || sigma_ > 0.0;
    rampup_identity_ = identity_hash("rampup:" + d.project.name);
    operating_identity_ = identity_hash("production:" + d.project.name);
    const TimeGrid& g = prepared.grid;
    n_ = g.periods();
    cod_ = prepared.cod;
    tau_ = g.tau;
    date_key_.resize(g.dates.size());
    for (std::size_t t = 0; t < g.dates.size(); ++t) {
        const QuantLib::Date& day = g.dates[t];
        date_key_[t] = date_key(day.year(), static_cast<int>(day.month()), day.dayOfMonth());
    }
}

void ProductionDraws::draw(std::uint64_t seed, std::uint64_t path, int delay_periods, double* factor) const {
    std::fill(factor, factor + n_ + 1, 1.0);
    if (!active_) return;
    const int path_cod = cod_ + delay_periods;
    const CounterRng rng(seed, path, RandomStream::Production);

    // Ramp-up: with probability p a depth D = min(1, m e^{s Z - s^2/2}) at COD.
    double depth = 0.0;
    if (probability_ > 0.0 && shortfall_mean_ > 0.0) {
        const auto w = rng.words(rampup_identity_, 0, 0);
        if (r123::u01<double>(w.v[2]) <= probability_) {
            const double z = r123::boxmuller(w.v[0], w.v[1]).x;
            depth = std::min(1.0, shortfall_mean_ * std::exp(shortfall_sigma_ * z - 0.5 * shortfall_sigma_ * shortfall_sigma_));
        }
    }

    // Operating shock: x_t = phi_t x_{t-1} + sigma sqrt(1 - phi_t^2) z_t with phi_t =
    // rho^{tau_t}, started in its stationary law N(0, sigma^2) in the first operating
    // period, so every period's x is N(0, sigma^2) and e^{x - sigma^2/2} has mean 1.
    double x = 0.0;
    double elapsed = 0.0;  // years from the path's COD to the end of the previous period
    for (int t = path_cod + 1; t <= n_; ++t) {
        double f = 1.0;
        if (depth > 0.0) {
            const double mid = elapsed + 0.5 * tau_[t];  // the period's middle, years after COD
            const double open = years_ > 0.0 ? std::max(0.0, 1.0 - mid / years_) : 0.0;
            f = 1.0 - depth * (permanent_ + (1.0 - permanent_) * open);
        }
        if (sigma_ > 0.0) {
            const auto w = rng.words(operating_identity_, date_key_[t], 0);
            const double z = r123::boxmuller(w.v[0], w.v[1]).x;
            if (t == path_cod + 1) {
                x = sigma_ * z;
            } else {
                const double phi = std::pow(autocorrelation_, tau_[t]);
                x = phi * x + sigma_ * std::sqrt(1.0 - phi * phi) * z;
            }
            f *= std::exp(x - 0.5 * sigma_ * sigma_);
        }
        factor[t] = f;
        elapsed += tau_[t];
    }
}

}  // namespace offtake::montecarlo
