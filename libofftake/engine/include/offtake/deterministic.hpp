// The deterministic run of a deal: the full waterfall on the base-case price deck
// (conventions sections 1-9), with every line of every period, per-buyer summaries,
// a CSV export of the schedule and a reconciliation of all accounts to the cent.
//
// Stable API for the command-line tool and the C API:
//   DealReport report = run_deterministic(deal);   // throws DealError if the deal cannot run
//   write_schedule_csv(report, std::cout);         // one row per period, every waterfall line
//   ReconciliationReport rec = reconcile(report);  // rec.ok: sources = uses, accounts close
#pragma once

#include <offtake/deal.hpp>
#include <offtake/engine.hpp>
#include <offtake/export.h>

#include <iosfwd>
#include <string>
#include <vector>

namespace offtake {

// Every money line of one period, in the deal's currency (flows of period t happen at
// d_t). Signs: all amounts positive as named (a cost is a positive cost).
struct PeriodLines {
    double price = 0, production = 0, spot_tonnes = 0, spot_revenue = 0, contract_revenue = 0,
           revenue = 0, royalty = 0, opex = 0, shortfall_penalty = 0,
           bad_debt = 0,            // buyer default: unrecovered receivable
           closure = 0, ebitda = 0, depreciation = 0,
           interest = 0,            // senior interest accrued in the period
           taxable_income = 0, tax = 0,
           loss_carried_forward = 0,  // tax losses at the end of the period
           unlevered_tax = 0, sustaining_capex = 0, construction_capex = 0,
           working_capital = 0, working_capital_change = 0, cfads = 0,
           project_cash_flow = 0;     // unlevered, after tax (section 3)
    // Senior debt
    double debt_opening = 0, debt_draw = 0,
           interest_capitalised = 0,  // IDC capitalised, or unpaid interest in default
           interest_paid = 0, principal_paid = 0,
           guarantee_fee = 0, upfront_fee = 0, commitment_fee = 0,
           debt_service_due = 0,      // interest + scheduled principal + guarantee fee
           debt_write_off = 0,        // balance unpaid at the end of the mine life
           debt_closing = 0, all_in_rate = 0;
    // Prepayment (section 5)
    double prepayment_received = 0, prepayment_interest = 0, prepayment_deduction = 0,
           prepayment_cash_repaid = 0, prepayment_lost = 0, prepayment_balance = 0;
    // Reserves (section 8)
    double dsra_deposit = 0, dsra_withdrawal = 0, dsra_balance = 0, trapped_deposit = 0,
           trapped_release = 0, trapped_balance = 0;
    // Equity (section 6), all investors together
    double equity_contribution = 0, distribution = 0;
    // Credit (section 8, docs/credit.md). debt_draw in an operating period is the lenders'
    // protective advance: an operating deficit nobody else funded.
    double sponsor_support_draw = 0, sponsor_support_repaid = 0, sponsor_support_lost = 0,
           sponsor_support_balance = 0,
           arrears = 0,                 // shortfalls not yet caught up (closing)
           enforcement_sale = 0,        // enforce: the sale's net proceeds (to lenders, then equity)
           acquirer_distribution = 0,   // after enforcement: cash of the project's new owner
           acquirer_contribution = 0;   // after enforcement: deficits its new owner funds
    // Tranches below the senior debt (docs/credit.md section 7), all of them together:
    // drawn, fees paid (at close, on the undrawn commitment), interest accrued, paid
    // (interest and principal, in cash or from an enforcement sale), scheduled service
    // due (subordinated only: total DSCR), written off, and the closing balance.
    double tranche_draw = 0, tranche_fees = 0, tranche_interest = 0, tranche_paid = 0,
           tranche_service_due = 0, tranche_write_off = 0, tranche_balance = 0;
    bool has_total_dscr = false;    // total DSCR: CFADS / (senior + subordinated service due)
    double total_dscr = 0;
    // Cash held by the project at the end of the period (closing balances).
    double unspent_prepayment = 0;  // prepayment proceeds not yet spent on construction
    double cash_balance = 0;        // all the project holds: unspent_prepayment + dsra_balance
                                    // + trapped_balance (the rest has been paid out)
    bool lockup = false;           // cash trapped this period
    bool payment_default = false;  // a payment shortfall this period (cured or not)
    bool event_of_default = false; // the shortfall was not cured in time: this period
    bool in_default = false;       // the lenders sweep cash
    bool has_dscr = false;         // DSCR exists (debt service > 0)
    double dscr = 0;
};

struct PeriodRow : PeriodLines {
    int period = 0;                       // t; 0 is financial close
    QuantLib::Date start, end;            // (d_{t-1}, d_t]
    double year_fraction = 0;             // tau_t
    bool construction = false;
    // Per offtake, in the deal's order.
    std::vector<double> delivered, contract_price, contract_revenue_by_offtake, penalty_by_offtake;
    // Per equity investor: share of contributions and distributions.
    std::vector<double> contribution_by_investor, distribution_by_investor;
};

struct BuyerSummary {
    std::string buyer;
    double contracted_tonnes = 0, delivered_tonnes = 0;
    double invoiced = 0;
    double average_price = 0;       // invoiced / delivered (0 if nothing delivered)
    double average_spot_price = 0;  // the same tonnes at the index price
    double prepayment_recovered = 0, prepayment_lost = 0;
    bool shortfall = false, defaulted = false;
    std::optional<double> equity_irr;
};

struct DealReport {
    Deal deal;                       // as prepared (defaults filled in)
    PathResult metrics;              // NPV, IRRs, DSCR, LLCR, PLCR, payback, lender loss
    std::vector<PeriodRow> periods;  // t = 0..n
    std::vector<BuyerSummary> buyers;  // per offtake
    std::optional<double> sculpted_dscr;  // the DSCR the debt was sculpted to, if sculpted
    double debt_at_cod = 0;
    // Gearing (conventions section 7): the deal's `gearing` is the share of each
    // construction period's capex the loan draws (for a sculpted loan, its cap); the
    // achieved gearing is what lenders call gearing, senior debt at COD / total funding
    // to COD, total funding = construction capex + upfront, commitment and guarantee fees
    // + interest during construction (capitalised or paid) + the initial DSRA deposit.
    // Absent without senior debt.
    std::optional<double> gearing_target;    // deal.debt.gearing
    std::optional<double> draw_fraction;     // the share of capex drawn (= target unless sculpted below its cap)
    std::optional<double> total_funding;     // money, financial close to COD
    std::optional<double> gearing_achieved;  // debt at COD / total funding
};

OFFTAKE_API DealReport run_deterministic(const Deal& deal);
OFFTAKE_API DealReport run_deterministic(const PreparedDeal& prepared);
// The same report for any one path (its prices, buyer defaults, KPI outcomes): the
// period table behind a Monte Carlo path, e.g. to explain a default. Its metrics equal
// run_path's on the same inputs.
OFFTAKE_API DealReport run_path_report(const PreparedDeal& prepared, const PathInputs& inputs);

// CSV: a header row, then one row per period with every PeriodRow field; per-offtake
// columns are named after the buyer (delivered_<i>_<buyer>...), per-investor columns
// after the investor. Numbers in plain decimal with full precision.
OFFTAKE_API void write_schedule_csv(const DealReport& report, std::ostream& out);

struct ReconciliationCheck {
    std::string name;      // e.g. "cash: sources = uses", "DSRA closes"
    std::string residual;  // exact residual, decimal, rounded to 1e-6
    double residual_value = 0;
    bool ok = false;       // |residual| < half a cent
};

struct ReconciliationReport {
    std::vector<ReconciliationCheck> checks;
    bool ok = true;
};

// Sums every line in exact binary multiprecision (Boost cpp_bin_float_100: holds any sum
// of the engine's doubles exactly, so a residual is the engine's, not the checker's).
OFFTAKE_API ReconciliationReport reconcile(const DealReport& report);

}  // namespace offtake
