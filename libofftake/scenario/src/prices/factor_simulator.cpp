#include "prices/factor_simulator.hpp"

#include "math/cholesky.hpp"
#include "prices/factor_moments.hpp"
#include "prices/jump_overlay.hpp"
#include "prices/models.hpp"
#include "prices/risk_neutral.hpp"
#include "random/counter_rng.hpp"

#include <offtake/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace offtake {

namespace {

constexpr int kMaxFactors = 16;

std::string describe(const CommodityPriceSpec& c, Measure m, const SimulationOptions& o) {
    std::string s;
    switch (c.dynamics) {
        case PriceDynamics::Gbm:
            s = fmt::format("gbm(mu={:.4g}, sigma={:.4g})", c.mu, c.sigma);
            break;
        case PriceDynamics::OneFactor:
            s = fmt::format("schwartz1f(kappa={:.4g}, alpha={:.4g}, sigma={:.4g})", c.kappa,
                            c.alpha, c.sigma);
            break;
        case PriceDynamics::TwoFactor:
            s = fmt::format(
                "schwartz_smith(kappa={:.4g}, sigma_chi={:.4g}, sigma_xi={:.4g}, mu_xi={:.4g}, "
                "rho={:.4g}, chi0={:.4g})",
                c.kappa, c.sigma_chi, c.sigma_xi, c.mu_xi, c.rho, c.chi0);
            break;
        case PriceDynamics::Deterministic: s = "deterministic"; break;
    }
    if (c.jumps)
        s += fmt::format(" + jumps(intensity={:.4g}, mean={:.4g}, stdev={:.4g})",
                         c.jumps->intensity, c.jumps->mean, c.jumps->stdev);
    s += fmt::format(" for {}, measure {}", c.name, to_string(m));
    if (o.substeps_per_period > 1) s += fmt::format(", {} sub-steps/period", o.substeps_per_period);
    if (o.antithetic) s += ", antithetic";
    if (o.sobol) s += ", Sobol + Brownian bridge";
    return s;
}

}  // namespace

FactorPriceSimulator::FactorPriceSimulator(const PriceModelSpec& spec, const CommodityPriceSpec& c,
                                           const TimeGrid& grid, const std::vector<double>& forward,
                                           const SimulationOptions& options)
    : options_(options), description_(describe(c, options.measure, options)) {
    periods_ = grid.periods();
    m_ = options.substeps_per_period;
    stride_ = static_cast<int>(spec.factors.size());
    first_ = c.first_factor;
    own_ = c.factor_count();
    used_ = first_ + own_;
    if (stride_ > kMaxFactors)
        throw UsageError(fmt::format("price model {}: {} factors, at most {} supported", spec.file,
                                     stride_, kMaxFactors));
    const int total = periods_ * m_;
    const double spot = options.measure == Measure::RealWorld && c.spot ? *c.spot : forward[0];
    price0_ = spot;

    time_.resize(total);
    dt_.resize(total);
    for (int t = 1; t <= periods_; ++t) {
        const double h = (grid.years[t] - grid.years[t - 1]) / m_;
        for (int j = 0; j < m_; ++j) {
            dt_[(t - 1) * m_ + j] = h;
            // Model time runs from the grid's first date.
            time_[(t - 1) * m_ + j] = grid.years[t - 1] - grid.years[0] + (j + 1) * h;
        }
    }
    // Deterministic level per sub-step.
    level_.resize(total);
    if (options.measure == Measure::RiskNeutral) {
        const auto f = substep_forwards(grid, forward, m_);
        for (int s = 0; s < total; ++s) level_[s] = risk_neutral_log_level(spec, c, f[s], time_[s]);
    } else {
        for (int s = 0; s < total; ++s)
            level_[s] = model_log_level(c, std::log(spot), time_[s], Measure::RealWorld);
    }
    // Exact one-step transition: X(t+h) = e^{-kappa h} X(t) + shock, shocks of all factors
    // jointly Gaussian with covariance factor_covariance(., ., h); its Cholesky rows for
    // this commodity's factors (leading block of the full one, so every commodity of the
    // file turns the same normals into the same shocks).
    decay_.assign(static_cast<size_t>(total) * 2, 0.0);
    chol_.assign(static_cast<size_t>(total) * 2 * used_, 0.0);
    std::vector<double> cov(static_cast<size_t>(used_) * used_), low(cov.size());
    for (int s = 0; s < total; ++s) {
        const double h = dt_[s];
        if (s == 0 || h != dt_[s - 1]) {
            for (int a = 0; a < used_; ++a)
                for (int b = 0; b < used_; ++b) cov[a * used_ + b] = factor_covariance(spec, a, b, h);
            if (semidefinite_cholesky(cov.data(), used_, low.data(), 1e-14) >= 0)
                throw UsageError("price model " + spec.file +
                                 ": step covariance not positive semi-definite");
        }
        for (int k = 0; k < own_; ++k) {
            decay_[s * 2 + k] = std::exp(-spec.factors[first_ + k].kappa * h);
            for (int j = 0; j < used_; ++j)
                chol_[(static_cast<size_t>(s) * 2 + k) * used_ + j] = low[(first_ + k) * used_ + j];
        }
    }
    if (c.jumps && c.jumps->intensity > 0.0) {
        jumps_ = true;
        jump_mean_ = c.jumps->mean;
        jump_stdev_ = c.jumps->stdev;
        jump_kappa_ = jump_kappa(c);
        jump_rate_dt_.resize(total);
        jump_p0_.resize(total);
        for (int s = 0; s < total; ++s) {
            jump_rate_dt_[s] = c.jumps->intensity * dt_[s];
            jump_p0_[s] = std::exp(-jump_rate_dt_[s]);
        }
    }
    if (options.sobol) sobol_ = std::make_unique<SobolBridge>(stride_, total);
}

void FactorPriceSimulator::simulate(std::uint64_t seed, std::uint64_t path, double* prices,
                                    std::vector<double>& scratch) const {
    const bool mirror = options_.antithetic && (path & 1u);
    const std::uint64_t base = options_.antithetic ? path >> 1 : path;
    const double sign = mirror ? -1.0 : 1.0;
    const CounterRng rng(seed, base, RandomStream::Prices);
    const CounterRng jump_rng(seed, base, RandomStream::Jumps);

    const double* qmc = nullptr;
    if (sobol_) {
        const size_t dim = static_cast<size_t>(sobol_->dimension());
        const size_t need = dim + dim + 2 * static_cast<size_t>(sobol_->steps());
        if (scratch.size() < need) scratch.resize(need);
        sobol_->normals(base, scratch.data(), scratch.data() + dim);
        qmc = scratch.data();
    }

    double buf[4] = {0, 0, 0, 0};
    std::uint64_t buf_block = ~std::uint64_t{0};
    double x[2] = {0.0, 0.0};
    double jump_state = 0.0;
    double z[kMaxFactors];
    prices[0] = price0_;
    const double inv_m = 1.0 / m_;
    int s = 0;
    for (int t = 1; t <= periods_; ++t) {
        double sum = 0.0;
        for (int j = 0; j < m_; ++j, ++s) {
            const std::uint64_t lin = static_cast<std::uint64_t>(s) * stride_;
            for (int i = 0; i < used_; ++i) {
                if (qmc) {
                    z[i] = qmc[lin + i];
                } else {
                    const std::uint64_t idx = lin + i, block = idx >> 2;
                    if (block != buf_block) {
                        const auto w = rng.words(block, 0);
                        const auto a = r123::boxmuller(w.v[0], w.v[1]);
                        const auto b = r123::boxmuller(w.v[2], w.v[3]);
                        buf[0] = a.x; buf[1] = a.y; buf[2] = b.x; buf[3] = b.y;
                        buf_block = block;
                    }
                    z[i] = buf[idx & 3];
                }
            }
            double log_price = level_[s];
            for (int k = 0; k < own_; ++k) {
                const double* row = &chol_[(static_cast<size_t>(s) * 2 + k) * used_];
                double shock = 0.0;
                for (int i = 0; i <= first_ + k; ++i) shock += row[i] * z[i];
                x[k] = decay_[s * 2 + k] * x[k] + sign * shock;
                log_price += x[k];
            }
            if (jumps_) {
                jump_state *= decay_[s * 2];
                const auto w = jump_rng.words(s, 0);
                const double u = r123::u01<double>(w.v[0]);
                if (u > jump_p0_[s]) {
                    // Poisson count by inversion of its distribution function.
                    double p = jump_p0_[s], cdf = p;
                    int count = 0;
                    while (u > cdf && count < 1000) {
                        ++count;
                        p *= jump_rate_dt_[s] / count;
                        cdf += p;
                    }
                    for (int i = 0; i < count; ++i) {
                        const auto v = jump_rng.words(s, 1 + i);
                        const double arrival = r123::u01<double>(v.v[0]);  // fraction of the step
                        const double size =
                            jump_mean_ + sign * jump_stdev_ * r123::boxmuller(v.v[2], v.v[3]).x;
                        jump_state += size * std::exp(-jump_kappa_ * (1.0 - arrival) * dt_[s]);
                    }
                }
                log_price += jump_state;
            }
            sum += std::exp(log_price);
        }
        prices[t] = sum * inv_m;
    }
}

}  // namespace offtake
