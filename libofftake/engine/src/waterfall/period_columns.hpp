// The money lines of PeriodLines by name: one list for the CSV export and the
// reconciliation, so that a new line cannot be forgotten in one of them.
#pragma once

#include <offtake/deterministic.hpp>

namespace offtake::waterfall {

struct MoneyColumn {
    const char* name;
    double PeriodLines::*member;
};

#define OFFTAKE_COL(x) MoneyColumn{#x, &PeriodLines::x}
inline constexpr MoneyColumn kMoneyColumns[] = {
    OFFTAKE_COL(price), OFFTAKE_COL(production), OFFTAKE_COL(spot_tonnes),
    OFFTAKE_COL(spot_revenue), OFFTAKE_COL(contract_revenue), OFFTAKE_COL(revenue),
    OFFTAKE_COL(royalty), OFFTAKE_COL(opex), OFFTAKE_COL(shortfall_penalty),
    OFFTAKE_COL(bad_debt), OFFTAKE_COL(closure), OFFTAKE_COL(ebitda),
    OFFTAKE_COL(depreciation), OFFTAKE_COL(interest), OFFTAKE_COL(taxable_income),
    OFFTAKE_COL(tax), OFFTAKE_COL(loss_carried_forward), OFFTAKE_COL(unlevered_tax),
    OFFTAKE_COL(sustaining_capex), OFFTAKE_COL(construction_capex),
    OFFTAKE_COL(working_capital), OFFTAKE_COL(working_capital_change), OFFTAKE_COL(cfads),
    OFFTAKE_COL(project_cash_flow), OFFTAKE_COL(debt_opening), OFFTAKE_COL(debt_draw),
    OFFTAKE_COL(interest_capitalised), OFFTAKE_COL(interest_paid),
    OFFTAKE_COL(principal_paid), OFFTAKE_COL(guarantee_fee), OFFTAKE_COL(upfront_fee),
    OFFTAKE_COL(commitment_fee), OFFTAKE_COL(debt_service_due), OFFTAKE_COL(debt_write_off),
    OFFTAKE_COL(debt_closing), OFFTAKE_COL(all_in_rate), OFFTAKE_COL(prepayment_received),
    OFFTAKE_COL(prepayment_interest), OFFTAKE_COL(prepayment_deduction),
    OFFTAKE_COL(prepayment_cash_repaid), OFFTAKE_COL(prepayment_lost),
    OFFTAKE_COL(prepayment_balance), OFFTAKE_COL(dsra_deposit), OFFTAKE_COL(dsra_withdrawal),
    OFFTAKE_COL(dsra_balance), OFFTAKE_COL(trapped_deposit), OFFTAKE_COL(trapped_release),
    OFFTAKE_COL(trapped_balance), OFFTAKE_COL(equity_contribution), OFFTAKE_COL(distribution),
    OFFTAKE_COL(unspent_prepayment), OFFTAKE_COL(cash_balance),
    OFFTAKE_COL(sponsor_support_draw), OFFTAKE_COL(sponsor_support_repaid),
    OFFTAKE_COL(sponsor_support_lost), OFFTAKE_COL(sponsor_support_balance), OFFTAKE_COL(arrears),
    OFFTAKE_COL(enforcement_sale), OFFTAKE_COL(acquirer_distribution), OFFTAKE_COL(acquirer_contribution),
};
#undef OFFTAKE_COL

}  // namespace offtake::waterfall
