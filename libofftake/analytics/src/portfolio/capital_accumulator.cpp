#include "portfolio/capital_accumulator.hpp"

namespace offtake::portfolio {

double CapitalAccumulator::add(const SupplyPlan& plan, const std::vector<const PathResult*>& results) {
    double lost = 0.0, equity = 0.0, paid = 0.0;
    for (std::size_t k = 0; k < results.size(); ++k) {
        const PathResult& r = *results[k];
        const PositionPlan& pp = plan.positions[k];
        // The prepayment's loss is reported on its buyer's first offtake only
        // (path_metrics.hpp), so the sum over offtakes counts it once.
        if (pp.prepayment)
            for (const auto& b : r.buyers) lost += b.prepayment_lost;
        for (std::size_t j : pp.stakes) equity += r.equity_npv[j];
        // A guarantee covers the share g of the lenders' loss: lender_loss - lender_loss_net.
        if (pp.guarantee) paid += r.lender_loss - r.lender_loss_net;
    }
    prepayment_lost_.add(lost);
    equity_npv_.add(equity);
    guarantee_paid_.add(paid);
    loss_.add(lost + paid);
    return lost + paid;
}

void CapitalAccumulator::finish_block() {
    if (!bin_blocks_) return;
    for (auto* m : {&prepayment_lost_, &equity_npv_, &guarantee_paid_, &loss_}) m->bin_now();
}

void CapitalAccumulator::merge(const CapitalAccumulator& o) {
    prepayment_lost_.merge(o.prepayment_lost_);
    equity_npv_.merge(o.equity_npv_);
    guarantee_paid_.merge(o.guarantee_paid_);
    loss_.merge(o.loss_);
}

CapitalAtRisk CapitalAccumulator::summarize(double prepayments_committed) const {
    CapitalAtRisk c;
    c.prepayments_committed = prepayments_committed;
    c.prepayment_lost = offtake::summarize(prepayment_lost_);
    c.equity_npv = offtake::summarize(equity_npv_);
    c.guarantee_paid = offtake::summarize(guarantee_paid_);
    c.loss = offtake::summarize(loss_);
    return c;
}

}  // namespace offtake::portfolio
