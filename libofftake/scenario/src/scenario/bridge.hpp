// Coefficients of the exact Gaussian transition and bridge of the price factors
// (docs/scenarios.md section 4). The factors X (all of one model file) follow
// dX_f = -kappa_f X_f dt + sigma_f dW_f with correlated W, so over a step of h years
// X(t + h) = D_h X(t) + e, D_h = diag(e^{-kappa_f h}), e ~ N(0, C_h) with
// C_h[a][b] = rho_ab sigma_a sigma_b (1 - e^{-(kappa_a + kappa_b) h}) / (kappa_a + kappa_b).
// Given X at a and at b = s + v, with s = a + u, X(s) is Gaussian with
//   mean  (D_u - G D_{u+v}) X(a) + G X(b),   G = C_u D_v C_{u+v}^+,
//   cov   C_u - G D_v C_u,
// the conditional law of jointly Gaussian vectors (C^+ the Moore-Penrose inverse, so a
// singular C, perfectly correlated factors, is handled).
#pragma once

#include "models/price_model_spec.hpp"

#include <vector>

namespace offtake::scenario {

// Row-major F x F matrices.
struct StepCoefficients {
    std::vector<double> decay;   // D_h diagonal (F)
    std::vector<double> shock;   // lower-triangular L, L L^T = C_h
};
struct BridgeCoefficients {
    std::vector<double> from_left, from_right, shock;  // A = D_u - G D_{u+v}, B = G, L L^T = cov
};

StepCoefficients exact_step(const PriceModelSpec& spec, double h);
BridgeCoefficients gaussian_bridge(const PriceModelSpec& spec, double u, double v);

}  // namespace offtake::scenario
