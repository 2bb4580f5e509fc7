#include "waterfall/lenders_decision.hpp"

#include "waterfall/waterfall.hpp"

#include <stdexcept>
#include <string>

namespace offtake {

void buyers_price_view(const PreparedDeal& p, const double* price, int e, double* out) {
    const double* deck = p.base_prices.data();
    for (int t = 0; t <= e; ++t) out[t] = price[t];
    const double ratio = deck[e] > 0.0 ? price[e] / deck[e] : 1.0;
    for (int t = e + 1; t <= p.n; ++t) out[t] = deck[t] * ratio;
}

LendersDecision decide_at_default(const PreparedDeal& p, const PathInputs& in, int e, PathScratch& scratch) {
    size_path_scratch(p, scratch);
    buyers_price_view(p, in.price ? in.price : p.base_prices.data(), e, scratch.buyer_prices.data());
    PathInputs view = in;
    view.price = scratch.buyer_prices.data();
    if (in.buyer_default_period) {
        // A buyer in default by e is known to be; the others are expected to perform.
        for (std::size_t c = 0; c < p.contracts.size(); ++c)
            scratch.buyer_defaults[c] = in.buyer_default_period[c] <= e ? in.buyer_default_period[c] : p.n + 1;
        view.buyer_default_period = scratch.buyer_defaults.data();
    }
    PathResult& r = scratch.alternative;
    size_path_result(p, r);
    waterfall::NoRecorder rec;
    waterfall::run_waterfall(p, view, r, scratch.buffers.data(), nullptr, rec, nullptr, p.irr_start,
                             LenderResponse::Enforce);
    // Nothing before e reads a price or a buyer default after e, so the view defaults in e.
    if (r.default_period != e)
        throw std::logic_error("lenders' view: event of default in period " + std::to_string(r.default_period) +
                               ", the path's in " + std::to_string(e));
    LendersDecision d;
    d.sale_value = r.going_concern_value;
    if (!p.remedies.best) {
        d.response = p.remedies.response;
        return d;
    }
    const double enforced_recovery = r.recovery;
    waterfall::run_waterfall(p, view, r, scratch.buffers.data(), nullptr, rec, nullptr, p.irr_start,
                             LenderResponse::Restructure);
    d.response = enforced_recovery > r.recovery ? LenderResponse::Enforce : LenderResponse::Restructure;
    return d;
}

}  // namespace offtake
