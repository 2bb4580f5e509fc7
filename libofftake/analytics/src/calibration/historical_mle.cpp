// Exact maximum likelihood from a dated price series, any spacing (Actual/365F years
// between observations). GBM: ln(P_i / P_{i-1}) ~ N((mu - sigma^2/2) d_i, sigma^2 d_i),
// independent, closed-form optimum. Schwartz one-factor: x = ln P is Gaussian AR(1) with
// x_i | x_{i-1} ~ N(alpha + (x_{i-1} - alpha) e^{-kappa d_i}, sigma^2 (1 - e^{-2 kappa d_i})
// / (2 kappa)), maximised numerically. Standard errors: observed information.
#include "calibration/likelihood.hpp"

#include <offtake/calibration.hpp>
#include <offtake/errors.hpp>

#include <ql/time/daycounters/actual365fixed.hpp>

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace offtake {

namespace {

constexpr double kLog2Pi = 1.8378770664093453;

struct Increments {
    std::vector<double> x;   // ln P
    std::vector<double> dt;  // dt[i] = years between i-1 and i (dt[0] unused)
};

Increments increments(const PriceSeries& s) {
    Increments r;
    const QuantLib::Actual365Fixed dc;
    for (size_t i = 0; i < s.prices.size(); ++i) {
        r.x.push_back(std::log(s.prices[i]));
        r.dt.push_back(i ? dc.yearFraction(s.dates[i - 1], s.dates[i]) : 0.0);
    }
    return r;
}

CalibrationResult frame(const PriceSeries& s, CalibrationModel m) {
    CalibrationResult r;
    r.model = m;
    r.source = s.file;
    r.observations = static_cast<int>(s.prices.size());
    r.first = s.dates.front();
    r.last = s.dates.back();
    r.last_price = s.prices.back();
    if (r.observations < 30)
        r.notes.push_back(fmt::format(
            "only {} observations: estimates are imprecise, read the standard errors",
            r.observations));
    return r;
}

double gbm_loglik(const Increments& in, double mu, double sigma) {
    double ll = 0.0;
    const double v = sigma * sigma;
    for (size_t i = 1; i < in.x.size(); ++i) {
        const double d = in.dt[i], r = in.x[i] - in.x[i - 1] - (mu - 0.5 * v) * d;
        ll += -0.5 * (kLog2Pi + std::log(v * d)) - r * r / (2 * v * d);
    }
    return ll;
}

double one_factor_loglik(const Increments& in, double kappa, double alpha, double sigma) {
    double ll = 0.0;
    for (size_t i = 1; i < in.x.size(); ++i) {
        const double e = std::exp(-kappa * in.dt[i]);
        const double m = alpha + (in.x[i - 1] - alpha) * e;
        const double v = sigma * sigma * -std::expm1(-2 * kappa * in.dt[i]) / (2 * kappa);
        const double r = in.x[i] - m;
        ll += -0.5 * (kLog2Pi + std::log(v)) - r * r / (2 * v);
    }
    return ll;
}

}  // namespace

const char* to_string(CalibrationModel m) {
    switch (m) {
        case CalibrationModel::Gbm: return "gbm";
        case CalibrationModel::Schwartz1F: return "schwartz1f";
        case CalibrationModel::SchwartzSmith: return "schwartz_smith";
    }
    return "unknown";
}

const CalibratedParameter& CalibrationResult::parameter(const std::string& name) const {
    for (const auto& p : parameters)
        if (p.name == name) return p;
    throw std::out_of_range("no calibrated parameter " + name);
}

CalibrationResult calibrate_gbm(const PriceSeries& s) {
    const auto in = increments(s);
    const size_t n = in.x.size() - 1;
    double sum_r = 0.0, sum_d = 0.0;
    for (size_t i = 1; i <= n; ++i) {
        sum_r += in.x[i] - in.x[i - 1];
        sum_d += in.dt[i];
    }
    const double nu = sum_r / sum_d;  // drift of ln P
    double ss = 0.0;
    for (size_t i = 1; i <= n; ++i) {
        const double r = in.x[i] - in.x[i - 1] - nu * in.dt[i];
        ss += r * r / in.dt[i];
    }
    const double sigma = std::sqrt(ss / n);
    const double mu = nu + 0.5 * sigma * sigma;
    auto r = frame(s, CalibrationModel::Gbm);
    const LogLikelihood ll = [&](const std::vector<double>& p) { return gbm_loglik(in, p[0], p[1]); };
    const std::vector<double> theta = {mu, sigma};
    const auto se = standard_errors(ll, theta);
    r.log_likelihood = ll(theta);
    r.parameters = {{"mu", mu, se[0]}, {"sigma", sigma, se[1]}};
    return r;
}

CalibrationResult calibrate_one_factor(const PriceSeries& s) {
    const auto in = increments(s);
    const size_t n = in.x.size() - 1;
    // Start: AR(1) regression with the mean spacing, the sample mean as alpha.
    double mean = 0.0, dbar = 0.0;
    for (size_t i = 0; i <= n; ++i) mean += in.x[i] / (n + 1);
    for (size_t i = 1; i <= n; ++i) dbar += in.dt[i] / n;
    double sxy = 0.0, sxx = 0.0;
    for (size_t i = 1; i <= n; ++i) {
        sxy += (in.x[i] - mean) * (in.x[i - 1] - mean);
        sxx += (in.x[i - 1] - mean) * (in.x[i - 1] - mean);
    }
    const double b = std::min(0.99, std::max(0.05, sxx > 0 ? sxy / sxx : 0.5));
    const double kappa0 = -std::log(b) / dbar;
    double res = 0.0;
    for (size_t i = 1; i <= n; ++i) {
        const double e = in.x[i] - mean - b * (in.x[i - 1] - mean);
        res += e * e / n;
    }
    const double sigma0 = std::sqrt(std::max(res, 1e-8) * 2 * kappa0 / (1 - b * b));

    const LogLikelihood ll = [&](const std::vector<double>& p) {
        if (!(p[0] > 0) || !(p[2] > 0)) return -1e300;
        return one_factor_loglik(in, p[0], p[1], p[2]);
    };
    const auto theta = maximize_likelihood(ll, {kappa0, mean, sigma0},
                                           {Domain::Positive, Domain::Real, Domain::Positive});
    auto r = frame(s, CalibrationModel::Schwartz1F);
    const auto se = standard_errors(ll, theta);
    r.log_likelihood = ll(theta);
    r.parameters = {{"kappa", theta[0], se[0]}, {"alpha", theta[1], se[1]}, {"sigma", theta[2], se[2]}};
    if (theta[0] * (s.dates.size() > 1 ? QuantLib::Actual365Fixed().yearFraction(
                                                s.dates.front(), s.dates.back())
                                          : 1.0) < 1.0)
        r.notes.push_back(
            "kappa x sample length < 1: the sample shows little mean reversion, so alpha (the "
            "long-run log level) is barely identified");
    return r;
}

}  // namespace offtake
