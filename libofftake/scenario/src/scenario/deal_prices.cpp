// One deal's commodity price per period, read from a scenario path (docs/scenarios.md
// section 5): ln S(k) = level(k) + the commodity's own factors at month point k + its
// jump component at k; the period price is S at the point nearest the period's end date
// (end_of_period) or the mean of S over the month points in (previous end, end]
// (period_average). The deterministic level is the model's real-world drift from the
// spot at the scenario origin, under RiskNeutral the shift that makes the mean of every
// point read for period t equal forward[t], and under LendersCase the one that makes its
// median equal forward[t] (prices/risk_neutral.hpp).
#include "models/price_model_spec.hpp"
#include "prices/deterministic_deck.hpp"
#include "prices/models.hpp"
#include "prices/risk_neutral.hpp"

#include <offtake/errors.hpp>
#include <offtake/scenario.hpp>

#include <fmt/format.h>

#include <cmath>

namespace offtake {

const char* to_string(PriceAggregation a) {
    return a == PriceAggregation::PeriodAverage ? "period_average" : "end_of_period";
}

PriceAggregation parse_price_aggregation(const std::string& text) {
    if (text == "end_of_period") return PriceAggregation::EndOfPeriod;
    if (text == "period_average") return PriceAggregation::PeriodAverage;
    throw UsageError("the price aggregation must be end_of_period or period_average, not `" + text + "`");
}

namespace {

std::string describe(const CommodityPriceSpec& c, Measure m, PriceAggregation a, bool antithetic) {
    std::string s;
    switch (c.dynamics) {
        case PriceDynamics::Gbm: s = fmt::format("gbm(mu={:.4g}, sigma={:.4g})", c.mu, c.sigma); break;
        case PriceDynamics::OneFactor:
            s = fmt::format("schwartz1f(kappa={:.4g}, alpha={:.4g}, sigma={:.4g})", c.kappa, c.alpha, c.sigma);
            break;
        case PriceDynamics::TwoFactor:
            s = fmt::format(
                "schwartz_smith(kappa={:.4g}, sigma_chi={:.4g}, sigma_xi={:.4g}, mu_xi={:.4g}, rho={:.4g}, chi0={:.4g})",
                c.kappa, c.sigma_chi, c.sigma_xi, c.mu_xi, c.rho, c.chi0);
            break;
        case PriceDynamics::Deterministic: return fmt::format("deterministic deck for {}, measure {}", c.name, to_string(m));
    }
    if (c.jumps)
        s += fmt::format(" + jumps(intensity={:.4g}, mean={:.4g}, stdev={:.4g})", c.jumps->intensity, c.jumps->mean,
                         c.jumps->stdev);
    s += fmt::format(" for {}, measure {}", c.name, to_string(m));
    if (a == PriceAggregation::PeriodAverage) s += ", period average of month points";
    if (antithetic) s += ", antithetic";
    return s;
}

}  // namespace

DealPriceReader::DealPriceReader(const ScenarioModel& model, Commodity commodity, const TimeGrid& grid,
                                 const std::vector<double>& forward, Measure measure, PriceAggregation aggregation,
                                 double origin_spot)
    : model_(&model), measure_(measure) {
    const PriceModelSpec& spec = model.spec();
    const CommodityPriceSpec* c = spec.find(commodity);
    if (!c) {
        std::string names;
        for (const auto& x : spec.commodities) names += (names.empty() ? "" : ", ") + x.name;
        throw DealError(Problem{spec.file, 0, 0, "commodities",
                                fmt::format("no model for {} (the file models: {})", to_string(commodity), names)});
    }
    const std::size_t n1 = grid.dates.size();
    if (n1 < 1 || forward.size() != n1)
        throw UsageError(fmt::format("price reader: the forward curve has {} points, the grid {} dates (0..n)",
                                     forward.size(), n1));
    for (std::size_t t = 0; t < n1; ++t)
        if (!(forward[t] > 0.0) || !std::isfinite(forward[t]))
            throw UsageError(fmt::format("price reader: forward[{}] = {} (prices must be positive)", t, forward[t]));
    for (std::size_t t = 1; t < n1; ++t)
        if (!(grid.dates[t] > grid.dates[t - 1])) throw UsageError("price reader: grid dates must increase");
    periods_ = static_cast<int>(n1) - 1;
    description_ = describe(*c, measure, aggregation, model.antithetic());
    if (c->dynamics == PriceDynamics::Deterministic) {
        deck_ = deterministic_deck(*c, grid, forward);
        return;
    }
    first_ = c->first_factor;
    own_ = c->factor_count();
    jump_slot_ = model.jump_slot(static_cast<int>(c - spec.commodities.data()));

    const ScenarioCalendar& cal = model.calendar();
    std::vector<int> at(n1);
    for (std::size_t t = 0; t < n1; ++t) at[t] = cal.nearest(grid.dates[t]);
    offsets_.push_back(0);
    auto add = [&](int k, int t) {
        points_.push_back(k);
        finest_ = std::max(finest_, ScenarioCalendar::level(k));
        const double time = cal.time(k);
        const double deck = forward[static_cast<std::size_t>(t)];
        switch (measure) {
            case Measure::RiskNeutral: level_.push_back(risk_neutral_log_level(spec, *c, deck, time)); break;
            case Measure::LendersCase: level_.push_back(lenders_case_log_level(*c, deck, time)); break;
            case Measure::RealWorld:
                level_.push_back(
                    model_log_level(*c, std::log(c->spot ? *c->spot : origin_spot), time, Measure::RealWorld));
                break;
        }
    };
    for (int t = 0; t <= periods_; ++t) {
        if (t > 0 && aggregation == PriceAggregation::PeriodAverage && at[t] > at[t - 1]) {
            for (int k = at[t - 1] + 1; k <= at[t]; ++k) add(k, t);
        } else {
            add(at[t], t);
        }
        offsets_.push_back(static_cast<int>(points_.size()));
    }
}

void DealPriceReader::read(const double* world, double* prices) const {
    if (!deck_.empty()) {
        for (std::size_t t = 0; t < deck_.size(); ++t) prices[t] = deck_[t];
        return;
    }
    const ScenarioModel& m = *model_;
    for (int t = 0; t <= periods_; ++t) {
        double sum = 0.0;
        for (int e = offsets_[t]; e < offsets_[t + 1]; ++e) {
            const int k = points_[e];
            double log_price = level_[e];
            for (int f = 0; f < own_; ++f) log_price += m.factor(world, k, first_ + f);
            if (jump_slot_ >= 0) log_price += m.jump(world, jump_slot_, k);
            sum += std::exp(log_price);
        }
        const int count = offsets_[t + 1] - offsets_[t];
        prices[t] = count == 1 ? sum : sum / count;
    }
}

double DealPriceReader::log_level(int t, int e) const { return level_[offsets_[t] + e]; }

}  // namespace offtake
