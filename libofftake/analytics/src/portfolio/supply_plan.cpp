#include "portfolio/supply_plan.hpp"

#include <algorithm>

namespace offtake::portfolio {

namespace {

std::size_t country_index(SupplyPlan& plan, const std::string& code) {
    for (std::size_t i = 0; i < plan.countries.size(); ++i)
        if (plan.countries[i] == code) return i;
    plan.countries.push_back(code);
    plan.third_country.push_back(!is_eu_member_state(code));
    plan.mines.push_back(false);
    plan.processes.push_back(false);
    return plan.countries.size() - 1;
}

}  // namespace

SupplyPlan plan_supply(const Portfolio& pf, const std::vector<const PreparedDeal*>& prepared) {
    SupplyPlan plan;
    for (const auto& n : pf.needs) {
        plan.product_first.push_back(plan.need.size());
        for (const auto& y : n.years) {
            plan.need.push_back(y.tonnes);
            plan.year.push_back(y.year);
        }
    }
    plan.price_source.assign(plan.cells(), -1);
    if (pf.countries)
        for (const auto& src : pf.spot.sources)
            for (std::size_t e = 0; e < pf.countries->export_restrictions.size(); ++e)
                if (pf.countries->export_restrictions[e].country == src.country)
                    plan.spot_sources.push_back({static_cast<int>(e), src.share});
    for (std::size_t k = 0; k < pf.positions.size(); ++k) {
        const PortfolioPosition& pos = pf.positions[k];
        const Deal& d = pos.deal;
        PositionPlan pp;
        for (std::size_t c = 0; c < d.offtakes.size(); ++c)
            if (std::find(pos.offtakes.begin(), pos.offtakes.end(), d.offtakes[c].buyer) != pos.offtakes.end())
                pp.offtakes.push_back(c);
        for (std::size_t j = 0; j < d.equity.size(); ++j)
            if (std::find(pos.equity.begin(), pos.equity.end(), d.equity[j].name) != pos.equity.end())
                pp.stakes.push_back(j);
        pp.prepayment = !pos.prepayments.empty() && d.prepayment.has_value();
        pp.guarantee = !pos.guarantees.empty() && d.guarantee.has_value();
        pp.factor = pos.tonnes_factor();
        pp.native = !pos.converts_to || pos.converts_to->product == d.project.commodity;
        if (pf.countries && pos.processing_country != pos.mining_country)
            for (std::size_t e = 0; e < pf.countries->export_restrictions.size(); ++e)
                if (pf.countries->export_restrictions[e].country == pos.processing_country)
                    pp.processing_ban = static_cast<int>(e);
        if (pos.carbon) {
            pp.has_carbon = true;
            pp.carbon = pos.carbon->tco2e_per_tonne;
            pp.compliant = pos.carbon->meets_standard;
        }
        pp.mining = country_index(plan, pos.mining_country);
        pp.processing = country_index(plan, pos.processing_country);
        plan.mines[pp.mining] = true;
        plan.processes[pp.processing] = true;
        // The need this position's tonnes count towards, if any.
        int need = -1;
        for (std::size_t i = 0; i < pf.needs.size(); ++i)
            if (pf.needs[i].product == pos.product()) need = static_cast<int>(i);
        const auto& dates = grid(*prepared[k]).dates;
        pp.periods.assign(dates.size(), {});
        if (need >= 0) {
            const auto& years = pf.needs[static_cast<std::size_t>(need)].years;
            const std::size_t first = plan.product_first[static_cast<std::size_t>(need)];
            for (std::size_t t = 1; t < dates.size(); ++t) {
                // Period t holds the days [d_{t-1}, d_t); its tonnes and invoices are spread
                // evenly over them (ASSUMPTION, docs/portfolio.md).
                const QuantLib::Date a = dates[t - 1], b = dates[t];
                const double days = static_cast<double>(b - a);
                if (!(days > 0)) continue;
                for (std::size_t j = 0; j < years.size(); ++j) {
                    const QuantLib::Date y0(1, QuantLib::January, years[j].year);
                    const QuantLib::Date y1(1, QuantLib::January, years[j].year + 1);
                    const QuantLib::Date lo = std::max(a, y0), hi = std::min(b, y1);
                    if (hi > lo) pp.periods[t].push_back({first + j, static_cast<double>(hi - lo) / days});
                }
            }
        }
        // The index of a product comes from the first position whose deal is of it natively
        // and that has days in the year (a converted product has no index of its own here).
        if (need >= 0 && d.project.commodity == pos.product())
            for (std::size_t t = 1; t < pp.periods.size(); ++t)
                for (const auto& cs : pp.periods[t])
                    if (plan.price_source[cs.cell] < 0) plan.price_source[cs.cell] = static_cast<int>(k);
        plan.positions.push_back(std::move(pp));
    }
    return plan;
}

}  // namespace offtake::portfolio
