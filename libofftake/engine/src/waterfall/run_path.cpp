#include "waterfall/lenders_decision.hpp"
#include "waterfall/prepared_deal.hpp"
#include "waterfall/waterfall.hpp"

#include <offtake/engine.hpp>

#include <limits>

namespace offtake {

void size_path_result(const PreparedDeal& p, PathResult& r) {
    if (r.equity_npv.size() != p.equity_share.size()) r.equity_npv.resize(p.equity_share.size());
    if (r.equity_irr.size() != p.equity_share.size()) r.equity_irr.resize(p.equity_share.size());
    if (r.buyers.size() != p.contracts.size()) r.buyers.resize(p.contracts.size());
    if (r.tranches.size() != p.tranches.size()) r.tranches.resize(p.tranches.size());
}

void size_path_scratch(const PreparedDeal& p, PathScratch& s) {
    if (s.buffers.size() < p.scratch_doubles)
        s.buffers.assign(p.scratch_doubles, std::numeric_limits<double>::quiet_NaN());
    if (s.buyer_prices.size() != static_cast<std::size_t>(p.n) + 1) s.buyer_prices.resize(p.n + 1);
    if (s.buyer_defaults.size() != p.contracts.size()) s.buyer_defaults.resize(p.contracts.size());
}

void run_path(const PreparedDeal& p, const PathInputs& inputs, PathResult& result,
              PathScratch& scratch, PathSeries* series) {
    size_path_result(p, result);
    size_path_scratch(p, scratch);
    if (series) {
        const std::size_t m = static_cast<std::size_t>(p.n) + 1;
        for (auto* v : {&series->price, &series->cfads, &series->dscr, &series->cash_balance})
            if (v->size() != m) v->resize(m);
        if (series->offtake_lines) {
            // Construction periods deliver nothing; the waterfall writes the operating ones.
            const std::size_t cells = m * p.contracts.size();
            for (auto* v : {&series->contracted, &series->delivered, &series->invoiced}) v->assign(cells, 0.0);
        }
    }
    waterfall::NoRecorder rec;
    const RemediesPlan& m = p.remedies;
    // The path is the same under either response up to its event of default: run it once
    // (restructuring, under `best`) to find that period, then let the lenders decide on
    // what they know then (lenders_decision.hpp) and run it again only if they enforce.
    const LenderResponse first = m.best ? LenderResponse::Restructure : m.response;
    waterfall::run_waterfall(p, inputs, result, scratch.buffers.data(), series, rec, nullptr, p.irr_start, first);
    if (!result.payment_default || (!m.best && m.response == LenderResponse::Restructure)) return;
    const LendersDecision d = decide_at_default(p, inputs, result.default_period, scratch);
    if (d.response == LenderResponse::Restructure) return;
    waterfall::run_waterfall(p, inputs, result, scratch.buffers.data(), series, rec, nullptr, p.irr_start,
                             LenderResponse::Enforce, &d.sale_value);
}

}  // namespace offtake
