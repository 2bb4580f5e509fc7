#include "montecarlo/completion_draws.hpp"

#include "random/counter_rng.hpp"
#include "random/identity_hash.hpp"
#include "waterfall/prepared_deal.hpp"

#include <algorithm>
#include <cmath>

namespace offtake::montecarlo {

CompletionDraws::CompletionDraws(const PreparedDeal& prepared) {
    const Deal& d = deal(prepared);
    if (!d.completion_risk) return;
    const CompletionRisk& c = *d.completion_risk;
    active_ = true;
    identity_ = identity_hash("completion:" + d.project.name);
    overrun_mean_ = c.overrun_mean;
    overrun_sigma_ = c.overrun_sigma;
    delay_probability_ = c.delay_probability;
    delay_mean_share_ = c.delay_mean_share;
    delay_sigma_ = c.delay_sigma;
    delay_max_share_ = c.delay_max_share;
    construction_periods_ = prepared.cod;
    max_delay_ = std::max(0, prepared.n - prepared.cod - 1);
}

void CompletionDraws::draw(std::uint64_t seed, std::uint64_t path, double& capex_factor, int& delay_periods) const {
    capex_factor = 1.0;
    delay_periods = 0;
    if (!active_) return;
    const CounterRng rng(seed, path, RandomStream::Completion);
    const auto w = rng.words(identity_, 0, 0);
    const auto z = r123::boxmuller(w.v[0], w.v[1]);  // two independent normals
    if (overrun_mean_ != 0.0 || overrun_sigma_ != 0.0)
        capex_factor = (1.0 + overrun_mean_) * std::exp(overrun_sigma_ * z.x - 0.5 * overrun_sigma_ * overrun_sigma_);
    if (delay_probability_ > 0.0 && delay_mean_share_ > 0.0 && r123::u01<double>(w.v[2]) <= delay_probability_) {
        const double share = std::min(
            delay_max_share_, delay_mean_share_ * std::exp(delay_sigma_ * z.y - 0.5 * delay_sigma_ * delay_sigma_));
        delay_periods = std::min(max_delay_, static_cast<int>(std::lround(share * construction_periods_)));
    }
}

}  // namespace offtake::montecarlo
