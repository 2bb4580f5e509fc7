// The risk-neutral shift: a deterministic log level per date chosen so that the expected
// simulated price equals today's forward curve exactly, whatever the curve:
//   ln S_t = phi(t) + X_t + J_t,  phi(t) = ln F(0,t) - Var(X_t)/2 - ln E[e^{J_t}],
// since X_t is Gaussian with mean 0 and independent of J_t. Only the factors' volatility
// structure (and the jump law) matters; every model's Q drift is absorbed in phi.
#pragma once

#include "models/price_model_spec.hpp"

#include <offtake/time_grid.hpp>

#include <vector>

namespace offtake {

double risk_neutral_log_level(const PriceModelSpec& spec, const CommodityPriceSpec& c,
                              double forward, double t);

// The lenders' case (conventions section 10): the level that makes the median of the
// Gaussian part equal the deck, ln S_t = ln D(t) + X_t + J_t - ln E[e^{J_t}]: X_t has mean
// 0 and a symmetric law, so without jumps median(S_t) = D(t) exactly; the jumps are
// compensated in mean, as under the risk-neutral shift (ASSUMPTION: a median of the sum
// with jumps has no closed form).
double lenders_case_log_level(const CommodityPriceSpec& c, double deck, double t);

// Forward prices at the end of each of the m sub-steps of every period (index
// (t-1)*m + j - 1): log-linear in time between forward[t-1] and forward[t], scaled so
// that their average over the period is exactly forward[t] (the period price is the
// average of its sub-step prices). m = 1 gives forward[1..n].
std::vector<double> substep_forwards(const TimeGrid& grid, const std::vector<double>& forward,
                                     int m);

}  // namespace offtake
