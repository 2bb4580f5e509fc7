#include "scenario/bridge.hpp"

#include "math/cholesky.hpp"
#include "prices/factor_moments.hpp"

#include <offtake/errors.hpp>

#include <ql/math/matrix.hpp>
#include <ql/math/matrixutilities/symmetricschurdecomposition.hpp>

#include <algorithm>
#include <cmath>

namespace offtake::scenario {

namespace {

using QuantLib::Matrix;

Matrix covariance(const PriceModelSpec& spec, double h) {
    const auto n = spec.factors.size();
    Matrix c(n, n);
    for (std::size_t a = 0; a < n; ++a)
        for (std::size_t b = 0; b < n; ++b)
            c[a][b] = factor_covariance(spec, static_cast<int>(a), static_cast<int>(b), h);
    return c;
}

Matrix decay(const PriceModelSpec& spec, double h) {
    const auto n = spec.factors.size();
    Matrix d(n, n, 0.0);
    for (std::size_t f = 0; f < n; ++f) d[f][f] = std::exp(-spec.factors[f].kappa * h);
    return d;
}

// Moore-Penrose inverse of a symmetric positive semi-definite matrix from its eigen
// decomposition (QuantLib's Jacobi-rotation SymmetricSchurDecomposition): eigenvalues
// below 1e-13 of the largest count as zero.
Matrix pseudo_inverse(const Matrix& c) {
    const auto n = c.rows();
    Matrix out(n, n, 0.0);
    const QuantLib::SymmetricSchurDecomposition eig(c);
    const auto& values = eig.eigenvalues();
    const Matrix& v = eig.eigenvectors();
    const double top = *std::max_element(values.begin(), values.end());
    if (!(top > 0.0)) return out;
    for (std::size_t k = 0; k < n; ++k) {
        if (values[k] <= 1e-13 * top) continue;
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = 0; j < n; ++j) out[i][j] += v[i][k] * v[j][k] / values[k];
    }
    return out;
}

std::vector<double> lower_factor(const Matrix& c) {
    const int n = static_cast<int>(c.rows());
    std::vector<double> a(static_cast<std::size_t>(n) * n), l(a.size());
    double scale = 0.0;
    for (int i = 0; i < n; ++i) scale = std::max(scale, std::fabs(c[i][i]));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) a[i * n + j] = 0.5 * (c[i][j] + c[j][i]);  // symmetric to the last bit
    if (semidefinite_cholesky(a.data(), n, l.data(), 1e-10 * std::max(scale, 1e-300)) >= 0)
        throw UsageError("price model: a bridge covariance is not positive semi-definite");
    return l;
}

std::vector<double> flat(const Matrix& m) { return std::vector<double>(m.begin(), m.end()); }

}  // namespace

StepCoefficients exact_step(const PriceModelSpec& spec, double h) {
    StepCoefficients s;
    const Matrix d = decay(spec, h);
    for (std::size_t f = 0; f < spec.factors.size(); ++f) s.decay.push_back(d[f][f]);
    s.shock = lower_factor(covariance(spec, h));
    return s;
}

BridgeCoefficients gaussian_bridge(const PriceModelSpec& spec, double u, double v) {
    const Matrix cu = covariance(spec, u), cuv = covariance(spec, u + v);
    const Matrix du = decay(spec, u), dv = decay(spec, v), duv = decay(spec, u + v);
    const Matrix g = cu * dv * pseudo_inverse(cuv);
    BridgeCoefficients b;
    b.from_left = flat(du - g * duv);
    b.from_right = flat(g);
    b.shock = lower_factor(cu - g * dv * cu);
    return b;
}

}  // namespace offtake::scenario
