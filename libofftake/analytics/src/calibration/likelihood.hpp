// Maximum-likelihood machinery shared by the calibrations: maximisation with QuantLib's
// Nelder-Mead simplex over unconstrained parameters (logs of positive ones, atanh of
// correlations), and standard errors from the observed information matrix, the negative
// Hessian of the log-likelihood at the optimum in natural parameters, by central
// differences, inverted with QuantLib.
#pragma once

#include <functional>
#include <optional>
#include <vector>

namespace offtake {

using LogLikelihood = std::function<double(const std::vector<double>&)>;

enum class Domain { Real, Positive, Correlation };

// Maximises `loglik` (natural parameters) from `start`; each parameter lives in `domain`.
std::vector<double> maximize_likelihood(const LogLikelihood& loglik, std::vector<double> start,
                                        const std::vector<Domain>& domain);

// sqrt of the diagonal of the inverse observed information; absent entries when the
// information matrix is not positive definite.
std::vector<std::optional<double>> standard_errors(const LogLikelihood& loglik,
                                                   const std::vector<double>& at);

}  // namespace offtake
