#include "portfolio/supply_accumulator.hpp"

#include <algorithm>
#include <cmath>

namespace offtake::portfolio {

SupplyAccumulator::Cell::Cell(std::uint64_t cap, std::size_t thresholds, std::size_t countries)
    : contracted(cap), delivered(cap), spot(cap), unmet(cap), contract_cost(cap), spot_cost(cap), total_cost(cap),
      unit_cost(cap), contract_price(cap), index_price(cap), premium(cap), hhi_mining(cap), hhi_processing(cap),
      largest_mining(cap), largest_processing(cap), carbon_tonnes(cap), carbon_intensity(cap), compliant_share(cap),
      carbon_cost(cap), shortfall(thresholds), share_mining(countries),
      share_processing(countries) {}

std::vector<MetricAccumulator*> SupplyAccumulator::Cell::metrics() {
    return {&contracted,     &delivered,  &spot,        &unmet,          &contract_cost,
            &spot_cost,      &total_cost, &unit_cost,   &contract_price, &index_price,
            &premium,        &hhi_mining, &hhi_processing, &largest_mining, &largest_processing,
            &carbon_tonnes,  &carbon_intensity, &compliant_share, &carbon_cost};
}

void SupplyAccumulator::Cell::merge(const Cell& o) {
    auto mine = metrics();
    auto theirs = const_cast<Cell&>(o).metrics();
    for (std::size_t i = 0; i < mine.size(); ++i) mine[i]->merge(*theirs[i]);
    for (std::size_t i = 0; i < shortfall.size(); ++i) shortfall[i].merge(o.shortfall[i]);
    concentration_mining.merge(o.concentration_mining);
    concentration_processing.merge(o.concentration_processing);
    for (std::size_t c = 0; c < share_mining.size(); ++c) {
        share_mining[c].merge(o.share_mining[c]);
        share_processing[c].merge(o.share_processing[c]);
    }
}

SupplyAccumulator::SupplyAccumulator(const SupplyPlan& plan, const Portfolio& pf, std::uint64_t exact_capacity,
                                     bool bin_blocks)
    : plan_(&plan),
      thresholds_(pf.report.shortfall_thresholds),
      max_share_(pf.spot.max_share),
      premium_(pf.spot.shortage_premium),
      limit_(pf.report.concentration_limit),
      carbon_price_(pf.report.carbon_price),
      bin_blocks_(bin_blocks),
      cells_(plan.cells(), Cell(exact_capacity, pf.report.shortfall_thresholds.size(), plan.countries.size())) {}

namespace {

// Country shares of a cell's deliveries: their HHI, the largest share, and the largest
// share of a third country (the CRMA test).
struct Shares {
    double hhi = 0.0, largest = 0.0, largest_third = 0.0;
};

Shares shares_of(const double* tonnes, std::size_t countries, double total, const std::vector<bool>& third,
                 std::vector<RunningMoments>& means) {
    Shares s;
    for (std::size_t c = 0; c < countries; ++c) {
        const double share = tonnes[c] / total;
        means[c].add(share);
        s.hhi += share * share;
        s.largest = std::max(s.largest, share);
        if (third[c]) s.largest_third = std::max(s.largest_third, share);
    }
    return s;
}

}  // namespace

PathTotals SupplyAccumulator::add(const std::vector<CellPath>& paths, const std::vector<double>& mining,
                                  const std::vector<double>& processing) {
    const std::size_t countries = plan_->countries.size();
    PathTotals totals;
    for (std::size_t i = 0; i < cells_.size(); ++i) {
        Cell& c = cells_[i];
        const CellPath& p = paths[i];
        const double need = plan_->need[i];
        const double gap = std::max(need - p.delivered, 0.0);
        const double spot = std::min(gap, max_share_ * p.spot_available * need);
        const double unmet = std::max(need - p.delivered - spot, 0.0);
        c.contracted.add(p.contracted);
        c.delivered.add(p.delivered);
        c.spot.add(spot);
        c.unmet.add(unmet);
        for (std::size_t k = 0; k < thresholds_.size(); ++k) {
            // "Any shortfall" (x = 0) ignores rounding dust of a billionth of the need.
            const double x = thresholds_[k] > 0.0 ? thresholds_[k] : 1e-9;
            c.shortfall[k].add(unmet > x * need);
            if (k == 0 && unmet > x * need) totals.short_share += 1.0;
        }
        totals.unmet += unmet;
        // Plain values with flags (not optionals): GCC 12 warns on optionals here.
        const bool has_index = p.index_weight > 0.0;
        const double index = has_index ? p.index_weighted / p.index_weight : 0.0;
        if (has_index) c.index_price.add(index);
        else c.index_price.add_absent();
        c.contract_cost.add(p.invoiced);
        // A top-up of zero tonnes costs nothing even where no index prices it.
        const bool has_spot_cost = spot == 0.0 || has_index;
        const double spot_cost = spot == 0.0 ? 0.0 : spot * index * (1.0 + premium_);
        const double total = p.invoiced + spot_cost, bought = p.delivered + spot;
        if (has_spot_cost) {
            c.spot_cost.add(spot_cost);
            c.total_cost.add(total);
            totals.cost += total;
        } else {
            totals.cost_present = false;
            c.spot_cost.add_absent();
            c.total_cost.add_absent();
        }
        if (has_spot_cost && bought > 0.0) c.unit_cost.add(total / bought);
        else c.unit_cost.add_absent();
        const bool has_price = p.delivered > 0.0;
        const double price = has_price ? p.invoiced / p.delivered : 0.0;
        if (has_price) c.contract_price.add(price);
        else c.contract_price.add_absent();
        if (has_price && has_index) c.premium.add(price - index);
        else c.premium.add_absent();
        // Carbon of the contracted supply (spot tonnes have no known origin: left out).
        c.carbon_tonnes.add(p.carbon);
        c.carbon_cost.add(p.carbon * carbon_price_);
        if (p.carbon_covered > 0.0) c.carbon_intensity.add(p.carbon / p.carbon_covered);
        else c.carbon_intensity.add_absent();
        if (p.delivered > 0.0) c.compliant_share.add(p.compliant / p.delivered);
        else c.compliant_share.add_absent();
        if (p.delivered > 0.0) {
            const Shares m = shares_of(&mining[i * countries], countries, p.delivered, plan_->third_country,
                                       c.share_mining);
            const Shares q = shares_of(&processing[i * countries], countries, p.delivered, plan_->third_country,
                                       c.share_processing);
            c.hhi_mining.add(m.hhi);
            c.hhi_processing.add(q.hhi);
            c.largest_mining.add(m.largest);
            c.largest_processing.add(q.largest);
            c.concentration_mining.add(m.largest_third > limit_);
            c.concentration_processing.add(q.largest_third > limit_);
        } else {
            for (auto* m : {&c.hhi_mining, &c.hhi_processing, &c.largest_mining, &c.largest_processing})
                m->add_absent();
        }
    }
    if (!cells_.empty()) totals.short_share /= static_cast<double>(cells_.size());
    return totals;
}

void SupplyAccumulator::finish_block() {
    if (!bin_blocks_) return;
    for (auto& c : cells_)
        for (auto* m : c.metrics()) m->bin_now();
}

void SupplyAccumulator::merge(const SupplyAccumulator& o) {
    for (std::size_t i = 0; i < cells_.size(); ++i) cells_[i].merge(o.cells_[i]);
}

// CVaR 95 %: the mean of the worst 5 % of values, (1 / 0.05) times the integral over
// [0.95, 1] of the step quantile function Q(u) = x_(ceil(n u)) (the k-th smallest of n
// values on ((k - 1) / n, k / n]), so that with exact storage it is the tail mean of the
// values themselves, the rank straddling 0.95 counted for its share. x_(k) is read as
// the sketch's quantile at (k - 1) / (n - 1), which is exactly that order statistic.
// Past 1,000 tail ranks the integral takes 1,000 equal steps (midpoint rule).
std::optional<double> tail_mean(const QuantileSketch& sketch, double alpha) {
    const std::uint64_t n = sketch.count();
    if (n == 0) return std::nullopt;
    const double nd = static_cast<double>(n);
    auto order_statistic = [&](std::uint64_t k) {  // k in 1..n
        return sketch.quantile(n == 1 ? 0.0 : static_cast<double>(k - 1) / (nd - 1.0));
    };
    double sum = 0.0;
    if (nd * (1.0 - alpha) <= 1000.0) {
        const auto first = static_cast<std::uint64_t>(std::floor(alpha * nd)) + 1;
        for (std::uint64_t k = first; k <= n; ++k) {
            const double lo = std::max((static_cast<double>(k) - 1.0) / nd, alpha);
            const double hi = static_cast<double>(k) / nd;
            if (!(hi > lo)) continue;
            const auto x = order_statistic(k);
            if (!x) return std::nullopt;
            sum += *x * (hi - lo);
        }
        return sum / (1.0 - alpha);
    }
    constexpr int steps = 1000;
    for (int i = 0; i < steps; ++i) {
        const double u = alpha + (1.0 - alpha) * (i + 0.5) / steps;
        const auto k = std::min<std::uint64_t>(n, static_cast<std::uint64_t>(std::ceil(u * nd)));
        const auto x = order_statistic(std::max<std::uint64_t>(k, 1));
        if (!x) return std::nullopt;
        sum += *x;
    }
    return sum / steps;
}

std::vector<ProductSupply> SupplyAccumulator::summarize(const Portfolio& pf) const {
    std::vector<ProductSupply> out;
    for (std::size_t n = 0; n < pf.needs.size(); ++n) {
        ProductSupply ps;
        ps.product = pf.needs[n].product;
        for (std::size_t j = 0; j < pf.needs[n].years.size(); ++j) {
            const std::size_t i = plan_->product_first[n] + j;
            const Cell& c = cells_[i];
            SupplyYear y;
            y.year = plan_->year[i];
            y.need = plan_->need[i];
            y.contracted = offtake::summarize(c.contracted);
            y.delivered = offtake::summarize(c.delivered);
            y.spot_tonnes = offtake::summarize(c.spot);
            y.unmet = offtake::summarize(c.unmet);
            for (const auto& s : c.shortfall) y.p_shortfall.push_back(offtake::summarize(s));
            y.cvar95_unmet = tail_mean(c.unmet.sketch());
            y.contract_cost = offtake::summarize(c.contract_cost);
            y.spot_cost = offtake::summarize(c.spot_cost);
            y.total_cost = offtake::summarize(c.total_cost);
            y.unit_cost = offtake::summarize(c.unit_cost);
            y.contract_price = offtake::summarize(c.contract_price);
            y.index_price = offtake::summarize(c.index_price);
            y.contract_premium = offtake::summarize(c.premium);
            y.hhi_mining = offtake::summarize(c.hhi_mining);
            y.hhi_processing = offtake::summarize(c.hhi_processing);
            y.largest_mining = offtake::summarize(c.largest_mining);
            y.largest_processing = offtake::summarize(c.largest_processing);
            y.p_concentration_mining = offtake::summarize(c.concentration_mining);
            y.p_concentration_processing = offtake::summarize(c.concentration_processing);
            y.carbon_tonnes = offtake::summarize(c.carbon_tonnes);
            y.carbon_intensity = offtake::summarize(c.carbon_intensity);
            y.compliant_share = offtake::summarize(c.compliant_share);
            y.carbon_cost = offtake::summarize(c.carbon_cost);
            for (std::size_t k = 0; k < plan_->countries.size(); ++k) {
                if (plan_->mines[k])
                    y.mining.push_back({plan_->countries[k], plan_->third_country[k], mean_estimate(c.share_mining[k])});
                if (plan_->processes[k])
                    y.processing.push_back(
                        {plan_->countries[k], plan_->third_country[k], mean_estimate(c.share_processing[k])});
            }
            ps.years.push_back(std::move(y));
        }
        out.push_back(std::move(ps));
    }
    return out;
}

}  // namespace offtake::portfolio
