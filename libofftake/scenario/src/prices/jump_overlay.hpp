// Merton jumps on a commodity's log price. The jump part J_t = sum over arrivals s_i <= t
// of Y_i e^{-kappa_J (t - s_i)}, Y_i ~ N(mean, stdev^2), Poisson(intensity) arrivals;
// kappa_J is the mean-reversion of the short-term factor (0 under GBM: jumps persist).
// Campbell's theorem gives its moments: E J_t = lambda m g(k), Var J_t = lambda (m^2 + s^2)
// g(2k), ln E e^{J_t} = lambda int_0^t (exp(m e^{-k u} + s^2 e^{-2k u} / 2) - 1) du.
#pragma once

#include "models/price_model_spec.hpp"

namespace offtake {

double jump_kappa(const CommodityPriceSpec& c);
double jump_log_mean(const JumpSpec& j, double kappa, double t);
double jump_log_variance(const JumpSpec& j, double kappa, double t);
// ln E[exp(J_t)]: closed form for kappa = 0, adaptive Gauss-Lobatto quadrature otherwise.
double jump_log_mgf(const JumpSpec& j, double kappa, double t);

}  // namespace offtake
