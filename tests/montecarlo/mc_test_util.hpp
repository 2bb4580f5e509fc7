// Deals and a price simulator built in code for the Monte Carlo tests.
#pragma once

#include "random/counter_rng.hpp"

#include <offtake/deal.hpp>
#include <offtake/engine.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/price_model.hpp>

#include <ql/time/date.hpp>

#include <cmath>
#include <fstream>
#include <string>

namespace offtake::test {

// Log-normal prices with no drift in the mean: S_t = S_0 exp(-sigma^2 T_t / 2 + sigma W(T_t)),
// W a Brownian motion sampled on the grid (T_t = years from start), so that
// ln(S_t / S_0) ~ N(-sigma^2 T_t / 2, sigma^2 T_t) exactly.
class LogNormalPrices : public PriceSimulator {
  public:
    LogNormalPrices(const TimeGrid& grid, double s0, double sigma) : years_(grid.years), s0_(s0), sigma_(sigma) {}
    void simulate(std::uint64_t seed, std::uint64_t path, double* prices, std::vector<double>& scratch) const override {
        const int n = static_cast<int>(years_.size()) - 1;
        scratch.resize(static_cast<std::size_t>(n) + 1);
        const CounterRng rng(seed, path, RandomStream::Prices);
        for (int t = 0; t < n; ++t) {
            const auto u = rng.words(0, static_cast<std::uint64_t>(t), 0);
            scratch[static_cast<std::size_t>(t)] = r123::boxmuller(u.v[0], u.v[1]).x;
        }
        double w = 0.0;
        prices[0] = s0_;
        for (int t = 1; t <= n; ++t) {
            w += std::sqrt(years_[t] - years_[t - 1]) * scratch[t - 1];
            prices[t] = s0_ * std::exp(-0.5 * sigma_ * sigma_ * years_[t] + sigma_ * w);
        }
    }
    Measure measure() const override { return Measure::RealWorld; }
    std::string description() const override { return "test log-normal, sigma " + std::to_string(sigma_); }

  private:
    std::vector<double> years_;
    double s0_, sigma_;
};

inline std::shared_ptr<const PriceSimulator> lognormal_for(const Deal& deal, double sigma) {
    const auto prepared = prepare(deal);
    return std::make_shared<LogNormalPrices>(grid(*prepared), base_prices(*prepared)[1], sigma);
}

// Annual periods on 30/360 (every year fraction exactly 1): one construction year with
// capex 1000, then `years` operating years of 10 t/yr sold spot at a flat 100, no costs,
// no tax; senior annuity debt at 5 % over the whole mine life, interest during
// construction paid by equity, no DSRA; discounting 8 %.
inline Deal one_mine(int years = 1, double gearing = 0.5) {
    Deal d;
    d.project.name = "mc-test";
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
    d.equity = {EquityInvestor{"sponsor", 1.0}};
    SeniorDebt debt;
    debt.gearing = gearing;
    debt.tenor_years = years;
    debt.profile = SeniorDebt::Profile::Annuity;
    debt.base_rate = 0.05;
    debt.idc = SeniorDebt::Idc::Equity;
    debt.dsra_months = 0.0;
    debt.lockup_dscr = 1.10;
    debt.covenant_dscr = 1.20;
    d.debt = debt;
    d.simulation.paths = 1000;
    d.simulation.seed = 7;
    return d;
}

inline Deal minimal_no_debt() {
    Deal d = one_mine(1);
    d.debt.reset();
    return d;
}

// A richer deal: quarterly, offtakes of every pricing type with a defaultable buyer, a
// prepayment, two investors, a guarantee and a stochastic KPI.
inline Deal rich_deal() {
    Deal d;
    d.project.name = "mc-rich";
    d.project.commodity = Commodity::LithiumCarbonate;
    d.project.time.start = QuantLib::Date(1, QuantLib::January, 2026);
    d.project.time.frequency = Frequency::Quarterly;
    d.project.construction_periods = 4;
    d.project.mine_life_years = 8;
    d.project.production_tpa = {10000.0, 20000.0};
    d.project.construction_capex = {50e6, 50e6, 50e6, 50e6};
    d.project.sustaining_capex = {2e6};
    d.project.fixed_opex = {20e6};
    d.project.unit_opex = 6000.0;
    d.project.inflation = 0.02;
    d.project.royalty_rate = 0.03;
    d.project.tax_rate = 0.25;
    d.price_deck.type = PriceDeck::Type::Flat;
    d.price_deck.price = 20000.0;
    d.discounting.rate = 0.08;
    Offtake a;
    a.buyer = "fixed-buyer";
    a.volume_tpa = 5000.0;
    a.pricing.type = Pricing::Type::Fixed;
    a.pricing.price = 18000.0;
    a.buyer_pd = 0.05;
    Offtake b;
    b.buyer = "collar-buyer";
    b.share = 0.4;
    b.priority = 2;
    b.pricing.type = Pricing::Type::Collar;
    b.pricing.floor = 14000.0;
    b.pricing.cap = 30000.0;
    d.offtakes = {a, b};
    Prepayment pp;
    pp.buyer = "fixed-buyer";
    pp.amount = 20e6;
    pp.rate = 0.02;
    pp.deduction_share = 0.3;
    d.prepayment = pp;
    d.equity = {EquityInvestor{"sponsor", 0.8}, EquityInvestor{"fixed-buyer", 0.2}};
    SeniorDebt debt;
    debt.gearing = 0.55;
    debt.tenor_years = 6;
    debt.profile = SeniorDebt::Profile::Annuity;
    debt.base_rate = 0.045;
    debt.margin_bps = 300;
    d.debt = debt;
    Guarantee g;
    g.provider = "eca";
    g.cover = 0.5;
    g.fee_bps = 50;
    d.guarantee = g;
    SustainabilityLinkedMargin sll;
    Kpi k;
    k.name = "water";
    k.targets = {{1, 1.0}, {2, 1.0}, {3, 1.0}, {4, 1.0}};
    k.planned = {{1, 1.0}, {2, 1.0}, {3, 1.0}, {4, 1.0}};
    k.probability_met = 0.7;
    k.step_up_bps = 25;
    k.step_down_bps = 10;
    sll.kpis = {k};
    d.sustainability_linked_margin = sll;
    d.assessment.country_risk = 70;
    d.simulation.paths = 2000;
    d.simulation.seed = 11;
    return d;
}

inline std::string write_file(const std::string& name, const std::string& text) {
    const std::string path = std::string(OFFTAKE_BINARY_DIR) + "/mc_test_" + name;
    std::ofstream(path) << text;
    return path;
}

}  // namespace offtake::test
