// Stage 1, allocation and revenue (conventions section 4): the period's production is
// delivered to the offtakes in priority order, each up to its contracted tonnes and at
// its contract price; what is left is sold spot at the index less the spot discount.
// An offtake whose buyer has defaulted before this period takes nothing (its tonnes go
// spot). A contracted tonne not delivered owes the buyer the shortfall penalty.
//
// Export restrictions (docs/risks.md section 1): the period's restricted share of
// production cannot be exported. Only the exportable tonnes reach the offtakes and the
// spot market; the restriction is force majeure under the offtakes (ASSUMPTION: the usual
// clause for a government act), so the penalty is owed only on the tonnes the seller
// would have missed without it, and the buyer pays only for what it receives (take-or-pay
// never binds in this engine, conventions section 4). The restricted tonnes follow the
// deal's response: sold at home at the domestic discount, stockpiled (sold spot in the
// first period with no restriction; at the end of the mine life, at home), or not mined.
#pragma once

#include "instruments/offtake_pricing.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/path_state.hpp"

#include <offtake/engine.hpp>

#include <algorithm>
#include <climits>

namespace offtake::waterfall {

// First period in default of offtake c's buyer, INT_MAX when the path has no defaults.
OFFTAKE_STAGE int buyer_default_period(const PathInputs& in, int c) {
    return in.buyer_default_period ? in.buyer_default_period[c] : INT_MAX;
}

// Each path starts every buyer's tally at zero; `defaulted` is known from the draws.
OFFTAKE_STAGE void open_buyer_accounts(const PreparedDeal& deal, const PathInputs& in, PathResult& r) {
    const int offtakes = static_cast<int>(deal.contracts.size());
    for (int c = 0; c < offtakes; ++c) {
        BuyerPathResult& b = r.buyers[c];
        b = BuyerPathResult{};
        b.defaulted = buyer_default_period(in, c) <= deal.n;
    }
}

// The restricted tonnes of the period, after the exportable ones have been sold.
OFFTAKE_STAGE void sell_restricted_tonnes(const PreparedDeal& deal, const PathInputs& in, PathState& s,
                                          PeriodState& p) {
    using Response = ExportRestrictions::Response;
    const double held = p.restricted_tonnes;
    const double home_price = p.price * (1.0 - in.domestic_discount);
    switch (deal.export_response) {
        case Response::DomesticSale: p.domestic_revenue = held * home_price; break;
        case Response::Stockpile: s.stockpile += held; break;
        case Response::Stop: p.production -= held; break;  // not mined: its unit opex is saved
    }
    if (deal.export_response == Response::Stockpile && s.stockpile > 0.0) {
        if (!(held > 0.0)) {
            p.stockpile_sold = s.stockpile;
            p.spot_tonnes += s.stockpile;
            p.spot_revenue += s.stockpile * p.price * (1.0 - deal.spot_discount);
            s.stockpile = 0.0;
        } else if (p.t == deal.n) {
            p.domestic_revenue = s.stockpile * home_price;
            s.stockpile = 0.0;
        }
    }
    s.export_restricted_tonnes += held;
}

OFFTAKE_STAGE void allocate_and_sell(const PreparedDeal& deal, const PathInputs& in, PathResult& r,
                              PathBuffers& buf, PathState& s, PeriodState& p) {
    const bool restricted = in.export_restricted && in.export_restricted[p.t] > 0.0;
    double remaining = p.production;
    double unrestricted = p.production;  // what would be left without the restriction
    if (restricted) {
        p.restricted_tonnes = in.export_restricted[p.t] * p.production;
        remaining = p.production - p.restricted_tonnes;
    }
    for (int c : deal.priority_order) {
        const ContractPlan& cp = deal.contracts[c];
        // A share-of-output contract takes its share of what the path produces (production
        // risk, docs/risks.md section 3); a fixed volume stays fixed and can go short.
        const double contracted = cp.share_of_output && in.production_factor
                                      ? cp.volume[p.q] * in.production_factor[p.t]
                                      : cp.volume[p.q];
        // No contract this period, or its buyer is gone: the tonnes are sold spot.
        if (contracted <= 0.0 || buyer_default_period(in, c) < p.t) {
            buf.delivered[c] = buf.contract_price[c] = buf.invoice[c] = buf.penalty[c] = 0.0;
            continue;
        }
        const double delivered = min_of(contracted, remaining);
        remaining -= delivered;
        const double price = instruments::contract_price(cp.pricing, p.price, cp.escalation[p.t]);
        const double invoice = delivered * price;
        double missed = contracted - delivered;
        if (restricted) {  // force majeure: only what the seller would have missed anyway
            const double unrestricted_delivery = min_of(contracted, unrestricted);
            unrestricted -= unrestricted_delivery;
            missed = contracted - unrestricted_delivery;
        }
        const double penalty = cp.shortfall_penalty * price * missed;
        buf.delivered[c] = delivered;
        buf.contract_price[c] = price;
        buf.invoice[c] = invoice;
        buf.penalty[c] = penalty;
        p.contract_revenue += invoice;
        p.shortfall_penalty += penalty;
        if (cp.prepayment_buyer) p.prepayment_buyer_invoices += invoice;
        BuyerPathResult& b = r.buyers[c];
        b.contracted_tonnes += contracted;
        b.delivered_tonnes += delivered;
        b.invoiced += invoice;
        b.spot_value += delivered * p.price;
        if (contracted - delivered > 1e-9 * contracted) b.shortfall = true;
    }
    p.spot_tonnes = remaining;
    p.spot_revenue = remaining * p.price * (1.0 - deal.spot_discount);
    if (in.export_restricted) sell_restricted_tonnes(deal, in, s, p);
    p.revenue = p.contract_revenue + p.spot_revenue;
    if (in.export_restricted) p.revenue += p.domestic_revenue;
}

// The period's tonnes per offtake for a caller that follows supply period by period (the
// portfolio): what the contract schedules, what was delivered and its invoice.
OFFTAKE_STAGE void record_offtake_lines(const PreparedDeal& deal, const PathBuffers& buf, int t, PathSeries& series) {
    const std::size_t m = static_cast<std::size_t>(deal.n) + 1;
    for (std::size_t c = 0; c < deal.contracts.size(); ++c) {
        const std::size_t at = c * m + static_cast<std::size_t>(t);
        series.contracted[at] = deal.contracts[c].volume[t];
        series.delivered[at] = buf.delivered[c];
        series.invoiced[at] = buf.invoice[c];
    }
}

}  // namespace offtake::waterfall
