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

}  // namespace offtake::test
