// A buyer's portfolio run (docs/portfolio.md): every project of the portfolio on one
// simulated market (docs/scenarios.md: the same prices on the same dates, the same
// counterparty defaults by name), each through its own waterfall, and the buyer's
// supply per product and calendar year summed over its offtakes on each path: what it
// contracted and received against its need, what it tops up spot, what stays unmet,
// what it costs, and how concentrated it is by mining and processing country.
//
// Statistics stream (memory does not grow with paths) and merge in block order, so the
// numbers do not depend on the thread count.
#pragma once

#include <offtake/export.h>
#include <offtake/metric_catalogue.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/portfolio.hpp>
#include <offtake/statistics.hpp>

#include <string>
#include <vector>

namespace offtake {

// A country's mean share of the year's contracted deliveries (over the paths with any).
struct CountryShare {
    std::string country;
    bool third_country = true;  // not an EU member state (models/eu_member_states.yaml)
    Estimate share;
};

// One product in one calendar year. Tonnes are of the product (after converts_to),
// money in the portfolio's currency.
struct SupplyYear {
    int year = 0;
    double need = 0.0;
    MetricSummary contracted;        // tonnes the buyer's offtakes schedule in the year
    MetricSummary delivered;         // tonnes they deliver
    MetricSummary spot_tonnes;       // spot top-up: min(max(need - delivered, 0), max_share x need)
    MetricSummary unmet;             // need - delivered - spot top-up, at least 0
    std::vector<Estimate> p_shortfall;  // P(unmet > x need), per report.shortfall_thresholds
    std::optional<double> cvar95_unmet;  // mean of the worst 5 % of unmet tonnes
    MetricSummary contract_cost;     // invoices at contract prices
    MetricSummary spot_cost;         // spot top-ups at index x (1 + shortage premium)
    MetricSummary total_cost;        // contract_cost + spot_cost
    MetricSummary unit_cost;         // total_cost / (delivered + spot top-up)
    MetricSummary contract_price;    // contract_cost / delivered
    MetricSummary index_price;       // the product's index, mean over the year's days
    MetricSummary contract_premium;  // contract_price - index_price
    std::vector<CountryShare> mining, processing;
    MetricSummary hhi_mining, hhi_processing;          // sum of squared country shares, in [0, 1]
    MetricSummary largest_mining, largest_processing;  // the largest single-country share
    Estimate p_concentration_mining, p_concentration_processing;  // P(one third country > limit)
    // Sustainability (docs/portfolio.md section 5e), of the tonnes delivered under contracts:
    MetricSummary carbon_tonnes;     // sum of delivered x carbon intensity, t CO2e
    MetricSummary carbon_intensity;  // carbon_tonnes / the delivered tonnes of positions stating one
    MetricSummary compliant_share;   // delivered tonnes of positions meeting the standard / delivered
    MetricSummary carbon_cost;       // carbon_tonnes x report.carbon_price
};

struct ProductSupply {
    Commodity product = Commodity::LithiumCarbonate;
    std::vector<SupplyYear> years;
};

// The catalogue of a SupplyYear's metrics: every writer (JSON, table, CSV) iterates it.
struct SupplyMetric {
    const char* key;
    UnitKind unit;
    const char* label;
    const MetricSummary SupplyYear::*summary;  // or null for an Estimate
    const Estimate SupplyYear::*estimate;
};
OFFTAKE_API const std::vector<SupplyMetric>& supply_metrics();

// What the buyer has put at risk over all its positions, per path (money, undiscounted
// as each project reports it): prepayments the projects do not repay, the NPV of its
// equity stakes (at each deal's cost of equity), what its guarantees pay the lenders, and
// the loss = prepayment lost + guarantee paid.
struct CapitalAtRisk {
    double prepayments_committed = 0.0;  // sum of the buyer's prepayments' amounts
    MetricSummary prepayment_lost, equity_npv, guarantee_paid, loss;
};

// A portfolio's headline over all its products and years, per path (what-if ranks changes
// by it; docs/portfolio.md, "What-if"). Each is an estimate with its standard error.
struct PortfolioHeadline {
    // P(unmet > x need) averaged over the (product, year) cells, x the first shortfall
    // threshold: the expected share of the need years that fall short.
    Estimate p_shortfall;
    Estimate unmet_tonnes;  // E[sum over products and years of unmet tonnes]
    Estimate total_cost;    // E[sum over products and years of the total cost of supply] (paths with one)
    Estimate capital_loss;  // E[prepayments lost + guarantees paid]
};

struct PortfolioResult {
    std::string buyer, source, currency;
    // The run, as a Monte Carlo document describes it.
    std::uint64_t seed = 0, paths = 0, paths_requested = 0;
    int threads = 1;
    std::string measure, scenario_origin, price_model, library_version, inputs_hash;
    bool cancelled = false;
    double seconds = 0.0;
    SpotMarket spot;
    PortfolioReport report;
    std::vector<ProductSupply> products;   // needs order
    CapitalAtRisk capital;
    std::vector<PortfolioPosition> positions;  // as loaded (deals included)
    std::vector<SimulationResult> projects;    // each position's project, its own waterfall
};

// Throws DealError / UsageError as simulate() does.
OFFTAKE_API PortfolioResult run_portfolio(const Portfolio& portfolio, const MonteCarloOptions& options = {});

// {"kind": "portfolio", ...} (docs/json-output.md, "Portfolio").
OFFTAKE_API std::string to_json(const PortfolioResult& result, int indent = 2);

}  // namespace offtake
