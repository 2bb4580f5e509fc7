#include "montecarlo/path_draws.hpp"

#include "io/ratings.hpp"
#include "random/counter_rng.hpp"
#include "random/identity_hash.hpp"
#include "waterfall/prepared_deal.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace offtake::montecarlo {

PathDraws::PathDraws(const PreparedDeal& prepared, const QuantLib::Date& origin) {
    const auto& g = grid(prepared);
    const auto& d = deal(prepared);
    for (const auto& date : g.dates) years_.push_back((date - origin) / 365.0);
    n_ = g.periods();
    for (const auto& o : d.offtakes) {
        // A deal built in code may give only a rating; the loader maps it the same way.
        std::optional<double> given = o.buyer_pd;
        if (!given && o.buyer_rating) given = io::rating_default_probability(*o.buyer_rating);
        const double pd = given.value_or(0.0);
        // PD = 1 defaults at once (infinite hazard); PD = 0 never.
        const double h = pd <= 0.0 ? 0.0 : pd >= 1.0 ? std::numeric_limits<double>::infinity() : -std::log1p(-pd);
        hazard_.push_back(h);
        identity_.push_back(identity_hash("counterparty:" + o.buyer));
        has_defaults_ = has_defaults_ || h > 0.0;
    }
    if (const auto& dep = d.counterparty_dependence) {
        copula_ = true;
        loading_ = std::sqrt(dep->asset_correlation);
        idiosyncratic_ = std::sqrt(1.0 - dep->asset_correlation);
        systematic_identity_ = identity_hash("systematic:" + dep->factor);
    }
    const auto& sll = prepared.sll;
    kpis_ = sll.kpis;
    tests_ = sll.tests;
    plan_met_ = sll.plan_met;
    if (d.sustainability_linked_margin) {
        for (const auto& k : d.sustainability_linked_margin->kpis) {
            probability_met_.push_back(k.probability_met ? std::clamp(*k.probability_met, 0.0, 1.0) : -1.0);
            kpi_identity_.push_back(identity_hash("kpi:" + d.project.name + "/" + k.name));
            has_kpis_ = has_kpis_ || k.probability_met.has_value();
        }
    }
    probability_met_.resize(static_cast<std::size_t>(kpis_), -1.0);
    for (int i = static_cast<int>(kpi_identity_.size()); i < kpis_; ++i)
        kpi_identity_.push_back(identity_hash("kpi:" + d.project.name + "/#" + std::to_string(i)));
}

void PathDraws::buyer_defaults(std::uint64_t seed, std::uint64_t path, int* first_default_period) const {
    const CounterRng rng(seed, path, RandomStream::BuyerDefaults);
    // The path's systematic factor, drawn whether or not a buyer needs it (one per path).
    double m = 0.0;
    if (copula_) {
        const auto w = rng.words(systematic_identity_, 0, 0);
        m = r123::boxmuller(w.v[0], w.v[1]).x;
    }
    for (std::size_t i = 0; i < hazard_.size(); ++i) {
        int period = n_ + 1;
        if (hazard_[i] > 0.0) {
            // One uniform per counterparty name, whatever else the path draws. Under the
            // copula U = Phi(-X) is uniform too (erfc keeps its tail digits); U = 0
            // (X beyond about 38) gives tau = inf: no default.
            double u;
            if (copula_) {
                const auto w = rng.words(identity_[i], 0, 1);
                const double x = loading_ * m + idiosyncratic_ * r123::boxmuller(w.v[0], w.v[1]).x;
                u = 0.5 * std::erfc(x / std::sqrt(2.0));
            } else {
                u = rng.uniform(identity_[i], 0, 0);
            }
            const double tau = std::isinf(hazard_[i]) ? 0.0 : -std::log(u) / hazard_[i];
            const auto it = std::lower_bound(years_.begin() + 1, years_.end(), tau);
            if (it != years_.end()) period = static_cast<int>(it - years_.begin());
        }
        first_default_period[i] = period;
    }
}

void PathDraws::kpi_outcomes(std::uint64_t seed, std::uint64_t path, unsigned char* met) const {
    const CounterRng rng(seed, path, RandomStream::Kpis);
    for (int i = 0; i < kpis_; ++i) {
        const double p = probability_met_[static_cast<std::size_t>(i)];
        for (int k = 0; k < tests_; ++k) {
            const std::size_t idx = static_cast<std::size_t>(i) * tests_ + k;
            // U in (0, 1]: P(U <= p) = p.
            met[idx] = p < 0.0 ? plan_met_[idx]
                               : static_cast<unsigned char>(rng.uniform(kpi_identity_[static_cast<std::size_t>(i)], 0, static_cast<std::uint64_t>(k)) <= p);
        }
    }
}

}  // namespace offtake::montecarlo
