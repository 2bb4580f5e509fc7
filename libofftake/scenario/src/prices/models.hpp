// The deterministic part of each model's log price. Every stochastic model is written
// ln S_t = level(t) + sum of its zero-start Gaussian factors (+ jumps), so one simulator
// serves all of them; each model contributes only its level under P and under its own Q
// (gbm.cpp, schwartz_one_factor.cpp, schwartz_smith.cpp). docs/price-models.md derives them.
#pragma once

#include "models/price_model_spec.hpp"

#include <offtake/price_model.hpp>

namespace offtake {

double gbm_log_level(const CommodityPriceSpec& c, double log_spot, double t, Measure m);
double one_factor_log_level(const CommodityPriceSpec& c, double log_spot, double t, Measure m);
double two_factor_log_level(const CommodityPriceSpec& c, double log_spot, double t, Measure m);

// Dispatch on c.dynamics. Under RiskNeutral this is the model's OWN risk-neutral level
// (market prices of risk from the file), used for model futures prices; simulators under
// RiskNeutral instead match the caller's forward curve (risk_neutral.hpp).
double model_log_level(const CommodityPriceSpec& c, double log_spot, double t, Measure m);

}  // namespace offtake
