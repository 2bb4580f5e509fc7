// Kalman-filter maximum likelihood for the Schwartz-Smith (2000) model from a panel of
// futures prices, as in their section 4: state (chi_t, xi_t) with the exact real-world
// transition over each (possibly irregular) interval d,
//   chi' = e^{-kappa d} chi + w1, xi' = xi + mu_xi d + w2,
//   Var w1 = sigma_chi^2 (1 - e^{-2 kappa d}) / (2 kappa), Var w2 = sigma_xi^2 d,
//   Cov = rho sigma_chi sigma_xi (1 - e^{-kappa d}) / kappa;
// measurement ln F(T_j) = e^{-kappa T_j} chi + xi + A(T_j) + e_j, e_j ~ N(0, s_j^2)
// independent (diagonal, as theirs), A from their futures formula. Observations at a date
// are absorbed one at a time (valid for independent errors), missing cells skipped. The
// filter starts from chi = 0, xi = ln F(shortest) with variances (sigma_chi^2 / (2 kappa),
// 1): a proper but wide prior, documented in docs/price-models.md.
#include "calibration/likelihood.hpp"

#include <offtake/calibration.hpp>

#include <ql/time/daycounters/actual365fixed.hpp>

#include <fmt/format.h>

#include <cmath>

namespace offtake {

namespace {

constexpr double kLog2Pi = 1.8378770664093453;

struct SsParams {
    double kappa, sigma_chi, lambda_chi, mu_xi, sigma_xi, mu_xi_star, rho;
    const double* s;  // measurement sds, one per maturity
};

double a_of_t(const SsParams& p, double T) {
    const double e1 = -std::expm1(-p.kappa * T), e2 = -std::expm1(-2 * p.kappa * T);
    return p.mu_xi_star * T - e1 * p.lambda_chi / p.kappa +
           0.5 * (e2 * p.sigma_chi * p.sigma_chi / (2 * p.kappa) + p.sigma_xi * p.sigma_xi * T +
                  2 * e1 * p.rho * p.sigma_chi * p.sigma_xi / p.kappa);
}

struct FilterOutput {
    double loglik = 0.0;
    double chi = 0.0, xi = 0.0;  // filtered state at the last date
};

FilterOutput run_filter(const FuturesPanel& panel, const std::vector<double>& dt, const SsParams& p) {
    const size_t k = panel.maturities.size();
    std::vector<double> A(k), B(k);
    for (size_t j = 0; j < k; ++j) {
        A[j] = a_of_t(p, panel.maturities[j]);
        B[j] = std::exp(-p.kappa * panel.maturities[j]);
    }
    FilterOutput out;
    // Prior.
    double a0 = 0.0, a1 = 0.0;
    for (size_t j = 0; j < k; ++j)
        if (std::isfinite(panel.prices[j])) {
            a1 = std::log(panel.prices[j]) - A[j];
            break;
        }
    double p00 = p.sigma_chi * p.sigma_chi / (2 * p.kappa), p01 = 0.0, p11 = 1.0;
    for (size_t t = 0; t < panel.dates.size(); ++t) {
        if (t > 0) {
            const double d = dt[t];
            const double e = std::exp(-p.kappa * d);
            const double w00 = p.sigma_chi * p.sigma_chi * -std::expm1(-2 * p.kappa * d) / (2 * p.kappa);
            const double w11 = p.sigma_xi * p.sigma_xi * d;
            const double w01 = p.rho * p.sigma_chi * p.sigma_xi * -std::expm1(-p.kappa * d) / p.kappa;
            a0 *= e;
            a1 += p.mu_xi * d;
            p00 = e * e * p00 + w00;
            p01 = e * p01 + w01;
            p11 = p11 + w11;
        }
        for (size_t j = 0; j < k; ++j) {
            const double price = panel.prices[t * k + j];
            if (!std::isfinite(price)) continue;
            const double f0 = B[j];
            const double v = std::log(price) - A[j] - f0 * a0 - a1;
            const double pf0 = p00 * f0 + p01, pf1 = p01 * f0 + p11;  // P F'
            const double S = f0 * pf0 + pf1 + p.s[j] * p.s[j];
            const double k0 = pf0 / S, k1 = pf1 / S;
            a0 += k0 * v;
            a1 += k1 * v;
            p00 -= k0 * pf0;
            p01 -= k0 * pf1;
            p11 -= k1 * pf1;
            out.loglik += -0.5 * (kLog2Pi + std::log(S) + v * v / S);
        }
    }
    out.chi = a0;
    out.xi = a1;
    return out;
}

}  // namespace

CalibrationResult calibrate_schwartz_smith(const FuturesPanel& panel) {
    const size_t k = panel.maturities.size();
    std::vector<double> dt(panel.dates.size(), 0.0);
    const QuantLib::Actual365Fixed dc;
    for (size_t t = 1; t < panel.dates.size(); ++t)
        dt[t] = dc.yearFraction(panel.dates[t - 1], panel.dates[t]);

    auto unpack = [&](const std::vector<double>& q) {
        return SsParams{q[0], q[1], q[2], q[3], q[4], q[5], q[6], q.data() + 7};
    };
    const LogLikelihood ll = [&](const std::vector<double>& q) {
        if (!(q[0] > 1e-6) || !(q[1] > 0) || !(q[4] > 0) || !(std::fabs(q[6]) < 1)) return -1e300;
        for (size_t j = 0; j < k; ++j)
            if (!(q[7 + j] > 0)) return -1e300;
        const double v = run_filter(panel, dt, unpack(q)).loglik;
        return std::isfinite(v) ? v : -1e300;
    };
    // Start: moderate mean reversion, the long end's average slope as mu_xi*.
    std::vector<double> start = {1.0, 0.3, 0.0, 0.0, 0.2, 0.0, 0.0};
    for (size_t j = 0; j < k; ++j) start.push_back(0.02);
    std::vector<Domain> domain = {Domain::Positive, Domain::Positive, Domain::Real,
                                  Domain::Real,     Domain::Positive, Domain::Real,
                                  Domain::Correlation};
    for (size_t j = 0; j < k; ++j) domain.push_back(Domain::Positive);
    const auto theta = maximize_likelihood(ll, start, domain);
    const auto se = standard_errors(ll, theta);

    CalibrationResult r;
    r.model = CalibrationModel::SchwartzSmith;
    r.source = panel.file;
    r.observations = static_cast<int>(panel.dates.size());
    r.first = panel.dates.front();
    r.last = panel.dates.back();
    r.log_likelihood = ll(theta);
    const char* names[] = {"kappa", "sigma_chi", "lambda_chi", "mu_xi", "sigma_xi", "mu_xi_star", "rho"};
    for (int i = 0; i < 7; ++i) r.parameters.push_back({names[i], theta[i], se[i]});
    for (size_t j = 0; j < k; ++j)
        r.parameters.push_back({fmt::format("measurement_sd[{}]", panel.maturities[j]), theta[7 + j],
                                se[7 + j]});
    const auto state = run_filter(panel, dt, unpack(theta));
    r.parameters.push_back({"chi0", state.chi, std::nullopt});
    r.last_price = std::exp(state.chi + state.xi);
    return r;
}

}  // namespace offtake
