// Stage 3, operating costs and tax (conventions section 3): from revenue to EBITDA,
// then tax with losses carried forward, then CFADS, the cash flow available for debt
// service. Tax is computed twice: levered (interest deductible: what the project pays,
// in CFADS) and unlevered (no interest: the project cash flow behind NPV and IRR, which
// must not depend on how the project is financed).
#pragma once

#include "waterfall/prepared_deal.hpp"
#include "waterfall/stages/path_state.hpp"

#include <offtake/engine.hpp>

namespace offtake::waterfall {

// A buyer that defaults in period t has taken its deliveries of t but pays only the
// recovery share of the cash part of its invoices (a prepayment deduction is not cash:
// it is repaid by the deduction whatever the buyer's credit). Later periods it takes
// nothing (allocation sends its tonnes spot).
OFFTAKE_STAGE void buyer_default_bad_debt(const PreparedDeal& deal, const PathInputs& in,
                                   const PathBuffers& buf, PeriodState& p) {
    if (!in.buyer_default_period) return;
    const int offtakes = static_cast<int>(deal.contracts.size());
    for (int c = 0; c < offtakes; ++c) {
        if (in.buyer_default_period[c] != p.t || buf.invoice[c] <= 0.0) continue;
        double cash_part = buf.invoice[c];
        if (deal.contracts[c].prepayment_buyer && p.prepayment_buyer_invoices > 0.0)
            cash_part -= p.prepayment_deduction * buf.invoice[c] / p.prepayment_buyer_invoices;
        p.bad_debt += (1.0 - deal.contracts[c].recovery) * cash_part;
    }
}

// Royalty on revenue, fixed and unit opex, shortfall penalties, bad debt and closure
// cost make EBITDA. Receivables (working capital) are a share of revenue, collected in
// full at the end of the mine life.
OFFTAKE_STAGE void operating_costs_and_ebitda(const PreparedDeal& deal, PathState& s, PeriodState& p) {
    p.royalty = deal.royalty_rate * p.revenue;
    p.opex = deal.fixed_opex[p.q] + deal.unit_opex[p.t] * p.production;
    p.closure = deal.closure[p.t];
    p.ebitda = p.revenue - p.royalty - p.opex - p.shortfall_penalty - p.bad_debt - p.closure;
    p.working_capital = (p.t == deal.n) ? 0.0 : deal.working_capital_factor * p.revenue;
    p.working_capital_change = p.working_capital - s.working_capital;
    s.working_capital = p.working_capital;
}

// Corporate tax on taxable income less the losses carried forward; a loss is carried
// forward without limit. Needs the period's senior interest (debt_service.hpp).
OFFTAKE_STAGE void tax_and_cfads(const PreparedDeal& deal, const PathInputs& in, PathState& s, PeriodState& p,
                                  PathBuffers& buf) {
    p.depreciation = deal.depreciation[p.q];
    // An overrun is depreciated like the construction capex it adds to.
    if (in.capex_factor != 1.0) p.depreciation += (in.capex_factor - 1.0) * deal.construction_depreciation[p.q];
    p.taxable_income = p.ebitda - p.depreciation - p.interest;
    if (!deal.tranches.empty()) p.taxable_income -= p.tranche_interest;  // tranches' interest is deductible too
    const double base = p.taxable_income - s.tax_losses;
    if (base > 0.0) { p.tax = deal.tax_rate * base; s.tax_losses = 0.0; } else s.tax_losses = -base;
    const double unlevered_base = (p.ebitda - p.depreciation) - s.unlevered_tax_losses;
    if (unlevered_base > 0.0) { p.unlevered_tax = deal.tax_rate * unlevered_base; s.unlevered_tax_losses = 0.0; }
    else s.unlevered_tax_losses = -unlevered_base;

    p.sustaining_capex = deal.sustaining_capex[p.q];
    p.cfads = p.ebitda - p.tax - p.sustaining_capex - p.working_capital_change;
    p.project_cash_flow = p.ebitda - p.unlevered_tax - p.sustaining_capex - p.working_capital_change;
    buf.project_cash_flow[p.t] = p.project_cash_flow;
}

}  // namespace offtake::waterfall
