#include "calibration/likelihood.hpp"

#include <ql/math/matrix.hpp>
#include <ql/math/matrixutilities/choleskydecomposition.hpp>
#include <ql/math/optimization/costfunction.hpp>
#include <ql/math/optimization/endcriteria.hpp>
#include <ql/math/optimization/problem.hpp>
#include <ql/math/optimization/simplex.hpp>
#include <ql/math/optimization/constraint.hpp>

#include <cmath>
#include <limits>

namespace offtake {

namespace {

double to_natural(double x, Domain d) {
    switch (d) {
        case Domain::Positive: return std::exp(x);
        case Domain::Correlation: return std::tanh(x);
        default: return x;
    }
}

double to_free(double v, Domain d) {
    switch (d) {
        case Domain::Positive: return std::log(v);
        case Domain::Correlation: return std::atanh(std::max(-0.999, std::min(0.999, v)));
        default: return v;
    }
}

class NegativeLogLikelihood : public QuantLib::CostFunction {
  public:
    NegativeLogLikelihood(const LogLikelihood& f, const std::vector<Domain>& d) : f_(f), d_(d) {}
    QuantLib::Real value(const QuantLib::Array& x) const override {
        std::vector<double> v(x.size());
        for (size_t i = 0; i < x.size(); ++i) v[i] = to_natural(x[i], d_[i]);
        const double ll = f_(v);
        return std::isfinite(ll) ? -ll : 1e100;
    }
    QuantLib::Array values(const QuantLib::Array& x) const override {
        return QuantLib::Array(1, value(x));
    }

  private:
    const LogLikelihood& f_;
    const std::vector<Domain>& d_;
};

}  // namespace

std::vector<double> maximize_likelihood(const LogLikelihood& loglik, std::vector<double> start,
                                        const std::vector<Domain>& domain) {
    NegativeLogLikelihood cost(loglik, domain);
    QuantLib::NoConstraint none;
    QuantLib::Array x(start.size());
    for (size_t i = 0; i < start.size(); ++i) x[i] = to_free(start[i], domain[i]);
    // Restart the simplex from its own optimum until it stops improving: Nelder-Mead can
    // stall on a degenerate simplex.
    double best = cost.value(x);
    for (int round = 0; round < 8; ++round) {
        QuantLib::Problem problem(cost, none, x);
        QuantLib::Simplex simplex(0.1);
        QuantLib::EndCriteria end(20000, 2000, 1e-12, 1e-12, 1e-12);
        simplex.minimize(problem, end);
        const double value = problem.functionValue();
        x = problem.currentValue();
        if (!(value < best - 1e-9)) {
            best = std::min(best, value);
            break;
        }
        best = value;
    }
    std::vector<double> out(x.size());
    for (size_t i = 0; i < x.size(); ++i) out[i] = to_natural(x[i], domain[i]);
    return out;
}

std::vector<std::optional<double>> standard_errors(const LogLikelihood& loglik,
                                                   const std::vector<double>& at) {
    const size_t n = at.size();
    std::vector<double> h(n);
    for (size_t i = 0; i < n; ++i) h[i] = 1e-4 * std::max(std::fabs(at[i]), 1e-2);
    QuantLib::Matrix info(n, n, 0.0);
    auto f = [&](size_t i, double di, size_t j, double dj) {
        std::vector<double> x = at;
        x[i] += di;
        x[j] += dj;
        return loglik(x);
    };
    const double f0 = loglik(at);
    for (size_t i = 0; i < n; ++i) {
        info[i][i] = -(f(i, h[i], i, 0) - 2 * f0 + f(i, -h[i], i, 0)) / (h[i] * h[i]);
        for (size_t j = 0; j < i; ++j) {
            const double d = (f(i, h[i], j, h[j]) - f(i, h[i], j, -h[j]) - f(i, -h[i], j, h[j]) +
                              f(i, -h[i], j, -h[j])) /
                             (4 * h[i] * h[j]);
            info[i][j] = info[j][i] = -d;
        }
    }
    std::vector<std::optional<double>> se(n);
    for (size_t i = 0; i < n; ++i)
        if (!(info[i][i] > 0.0) || !std::isfinite(info[i][i])) return se;
    try {
        // Positive definite check (Cholesky) before inverting.
        QuantLib::CholeskyDecomposition(info, false);
        const QuantLib::Matrix cov = QuantLib::inverse(info);
        for (size_t i = 0; i < n; ++i)
            if (cov[i][i] > 0.0 && std::isfinite(cov[i][i])) se[i] = std::sqrt(cov[i][i]);
    } catch (const std::exception&) {
    }
    return se;
}

}  // namespace offtake
