#include "waterfall/prepared_deal.hpp"
#include "waterfall/waterfall.hpp"

#include <offtake/engine.hpp>

#include <limits>
#include <utility>

namespace offtake {

void size_path_result(const PreparedDeal& p, PathResult& r) {
    if (r.equity_npv.size() != p.equity_share.size()) r.equity_npv.resize(p.equity_share.size());
    if (r.equity_irr.size() != p.equity_share.size()) r.equity_irr.resize(p.equity_share.size());
    if (r.buyers.size() != p.contracts.size()) r.buyers.resize(p.contracts.size());
}

void size_path_scratch(const PreparedDeal& p, PathScratch& s) {
    if (s.buffers.size() < p.scratch_doubles)
        s.buffers.assign(p.scratch_doubles, std::numeric_limits<double>::quiet_NaN());
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
    if (!m.best) {
        waterfall::run_waterfall(p, inputs, result, scratch.buffers.data(), series, rec, nullptr, p.irr_start,
                                 m.response);
        return;
    }
    // Rule `best`: the lenders restructure or enforce, whichever recovers more. The path
    // is the same up to the event of default, so it is run again only when there is one.
    waterfall::run_waterfall(p, inputs, result, scratch.buffers.data(), series, rec, nullptr, p.irr_start,
                             LenderResponse::Restructure);
    if (!result.payment_default) return;
    PathResult& enforced = scratch.alternative;
    size_path_result(p, enforced);
    waterfall::run_waterfall(p, inputs, enforced, scratch.buffers.data(), series, rec, nullptr, p.irr_start,
                             LenderResponse::Enforce);
    if (enforced.recovery > result.recovery) {
        std::swap(result, enforced);
    } else if (series) {  // the series are the enforced run's: run the chosen one again
        waterfall::run_waterfall(p, inputs, result, scratch.buffers.data(), series, rec, nullptr, p.irr_start,
                                 LenderResponse::Restructure);
    }
}

}  // namespace offtake
