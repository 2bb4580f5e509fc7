// Small deals built in code for the engine tests: annual periods on a 30/360 day
// counter, so that every year fraction is exactly 1 and hand calculations stay short.
#pragma once

#include <offtake/deal.hpp>

#include <ql/time/date.hpp>

namespace offtake::test {

// One construction year (capex 1000), then `years` operating years of 10 t/yr sold spot
// at a flat 100 with no costs, no tax, no debt; discounting 8 %.
inline Deal minimal_deal(int years = 3) {
    Deal d;
    d.source = "";
    d.project.name = "test";
    d.project.time.start = QuantLib::Date(1, QuantLib::January, 2025);
    d.project.time.frequency = Frequency::Annual;
    d.project.time.day_counter = "thirty360";
    d.project.construction_periods = 1;
    d.project.mine_life_years = years;
    d.project.production_tpa = {10.0};
    d.project.construction_capex = {1000.0};
    d.project.depreciation_years = 1.0;
    d.price_deck.type = PriceDeck::Type::Flat;
    d.price_deck.price = 100.0;
    d.discounting.rate = 0.08;
    d.discounting.cost_of_equity = 0.10;
    return d;
}

inline Offtake offtake_for(const std::string& buyer, double tpa, Pricing::Type type) {
    Offtake o;
    o.buyer = buyer;
    o.volume_tpa = tpa;
    o.pricing.type = type;
    return o;
}

// minimal_deal(12) made quarterly, Actual/365F, with six construction quarters, ramp-up,
// escalated costs, royalty, tax, working capital, sustaining capex and closure: the
// project both the metrics and the stressed-path tests build their financing on.
inline Deal quarterly_project() {
    Deal d = minimal_deal(12);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.time.day_counter = "actual365fixed";
    d.project.construction_periods = 6;
    d.project.construction_capex = std::vector<double>(6, 1500.0);
    d.project.production_tpa = {60, 90, 100};
    d.project.fixed_opex = {2000};
    d.project.unit_opex = 15;
    d.project.inflation = 0.02;
    d.project.royalty_rate = 0.04;
    d.project.tax_rate = 0.3;
    d.project.depreciation_years = 6;
    d.project.working_capital_days = 45;
    d.project.sustaining_capex = {300};
    d.project.closure_cost = 1000;
    return d;
}

}  // namespace offtake::test
