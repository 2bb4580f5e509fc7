// A one-period deal whose bankability threshold has a closed form (docs/negotiation.md
// section 4): tests/montecarlo's one_mine written as a deal file, with half the output
// sold to a buyer at the index under a floor.
#pragma once

#include "../montecarlo/mc_test_util.hpp"

#include <offtake/deal_file.hpp>

#include <string>

namespace offtake::test {

// Annual periods on 30/360: one construction year (capex 1000, half of it a 5 % loan,
// interest during construction paid by equity, no DSRA), then one operating year of
// 10 t at the year-2 price S, no costs, no tax. The loan is due in full at t = 2:
// 500 x 1.05 = 525. 5 t go to "Cable maker" at max(S, floor), 5 t are sold spot.
inline std::string one_period_floor_deal(double floor = 60.0) {
    return R"(project:
  name: one-period floor test
  commodity: copper_cathode
  time:
    start: 2025-01-01
    frequency: annual
    day_counter: thirty360
  construction_periods: 1
  mine_life_years: 1
  production_tpa: [10]
  construction_capex: [1000]
  depreciation_years: 1
price_deck:
  type: flat
  price: 100
discounting:
  rate: 0.08
  cost_of_equity: 0.10
offtakes:
  - buyer: Cable maker
    volume_tpa: 5
    pricing:
      type: collar
      floor: )" + std::to_string(floor) + R"(
equity:
  - name: Sponsor
    share: 1.0
debt:
  gearing: 0.5
  tenor_years: 1
  profile: annuity
  base_rate: 0.05
  idc: equity
  dsra_months: 0
  lockup_dscr: 1.10
  covenant_dscr: 1.20
simulation:
  paths: 4000
  seed: 7
)";
}

inline DealDocument one_period_floor_document(double floor = 60.0) {
    return DealDocument::from_string(one_period_floor_deal(floor), "one-period-floor.yaml");
}

// Log-normal prices, sigma 0.4, no drift in the mean, on the deal's grid.
inline MonteCarloOptions one_period_options(const DealDocument& doc, double sigma = 0.4) {
    MonteCarloOptions o;
    o.threads = 2;
    o.price_simulator = lognormal_for(doc.to_deal(), sigma);
    return o;
}

}  // namespace offtake::test
