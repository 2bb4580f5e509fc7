// The catalogue of the portfolio's per-product, per-year metrics (offtake/portfolio_run.hpp):
// the JSON document, the table and the CSV iterate it, so a metric added here reaches
// all three. Meanings and formulas: docs/portfolio.md.
#include <offtake/portfolio_run.hpp>

namespace offtake {

const std::vector<SupplyMetric>& supply_metrics() {
    using Y = SupplyYear;
    static const std::vector<SupplyMetric> table = {
        {"contracted_tonnes", UnitKind::Tonnes, "Contracted", &Y::contracted, nullptr},
        {"delivered_tonnes", UnitKind::Tonnes, "Delivered under contracts", &Y::delivered, nullptr},
        {"spot_tonnes", UnitKind::Tonnes, "Spot top-up", &Y::spot_tonnes, nullptr},
        {"unmet_tonnes", UnitKind::Tonnes, "Unmet need", &Y::unmet, nullptr},
        {"contract_cost", UnitKind::Money, "Cost under contracts", &Y::contract_cost, nullptr},
        {"spot_cost", UnitKind::Money, "Cost of spot top-ups", &Y::spot_cost, nullptr},
        {"total_cost", UnitKind::Money, "Total cost of supply", &Y::total_cost, nullptr},
        {"unit_cost", UnitKind::MoneyPerTonne, "Cost per tonne supplied", &Y::unit_cost, nullptr},
        {"contract_price", UnitKind::MoneyPerTonne, "Contract price paid", &Y::contract_price, nullptr},
        {"index_price", UnitKind::MoneyPerTonne, "Index (spot) price", &Y::index_price, nullptr},
        {"contract_premium", UnitKind::MoneyPerTonne, "Contract price over index", &Y::contract_premium, nullptr},
        {"hhi_mining", UnitKind::Ratio, "HHI, mining countries", &Y::hhi_mining, nullptr},
        {"hhi_processing", UnitKind::Ratio, "HHI, processing countries", &Y::hhi_processing, nullptr},
        {"largest_share_mining", UnitKind::Percent, "Largest mining-country share", &Y::largest_mining, nullptr},
        {"largest_share_processing", UnitKind::Percent, "Largest processing-country share", &Y::largest_processing,
         nullptr},
        {"p_concentration_mining", UnitKind::Probability, "P(one third country > limit), mining", nullptr,
         &Y::p_concentration_mining},
        {"p_concentration_processing", UnitKind::Probability, "P(one third country > limit), processing", nullptr,
         &Y::p_concentration_processing},
        // t CO2e per t is a ratio of masses: UnitKind::Ratio.
        {"carbon_tonnes", UnitKind::Tonnes, "Carbon of contracted supply, t CO2e", &Y::carbon_tonnes, nullptr},
        {"carbon_intensity", UnitKind::Ratio, "Carbon intensity, t CO2e per t (supply-weighted)", &Y::carbon_intensity,
         nullptr},
        {"compliant_share", UnitKind::Percent, "Share from projects meeting the standard", &Y::compliant_share, nullptr},
        {"carbon_cost", UnitKind::Money, "Carbon cost at the carbon price", &Y::carbon_cost, nullptr},
    };
    return table;
}

}  // namespace offtake
