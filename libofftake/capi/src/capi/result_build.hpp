// Flattening engine results into the C API's result handle: named statistics,
// per-period bands, the bankability breakdown and the JSON text, computed once.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/metric_catalogue.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/portfolio_run.hpp>

#include "capi/handles.hpp"

#include <memory>

namespace offtake::capi {

// A catalogue metric under `name`, labelled and with its unit in the deal's currency.
void add_catalogue_metric(offtake_result& out, const std::string& name, const offtake_statistics& s,
                          const MetricSlot& slot, const std::string& currency, long long nonfinite = 0);

std::unique_ptr<offtake_result> from_simulation(const SimulationResult& r, const Deal& deal);
std::unique_ptr<offtake_result> from_comparison(const DealComparison& c,
                                                const std::vector<Deal>& deals);
std::unique_ptr<offtake_result> from_sizing(const DebtSizingResult& s, const Deal& deal);
// `runs` as run_stress returns them, the base case (named "base") first.
std::unique_ptr<offtake_result> from_stress(const std::vector<StressResult>& runs, const Deal& deal);
std::unique_ptr<offtake_result> from_portfolio(const PortfolioResult& r);

}  // namespace offtake::capi

namespace offtake {
struct ThresholdSearch;
struct DesignSearch;
namespace capi {
std::unique_ptr<offtake_result> from_negotiation(const ThresholdSearch& s, const Deal& deal);
// Several terms: `recommended` is the deal with the recommended terms set (names the
// item's buyers and investors), null when there is no recommendation.
std::unique_ptr<offtake_result> from_design(const DesignSearch& s, const Deal& deal, const Deal* recommended);
}  // namespace capi
}  // namespace offtake
