// The state the waterfall carries through one path, in two parts:
//   PathState    balances and running totals carried from one period to the next
//                (loan, reserve accounts, prepayment, tax losses, coverage sums);
//   PeriodState  the lines of the period being run, filled stage by stage and, in the
//                deterministic report, recorded as that period's PeriodLines.
// Both live on the stack of run_waterfall and are passed by reference to the inline
// stage functions, so nothing here allocates. The per-offtake lines of a period and the
// two cash-flow vectors live in the caller's PathScratch (PathBuffers below).
#pragma once

#include <limits>

// Every stage runs once per period of every path. Always inlined into the driver (at
// -O2 GCC calls the larger ones otherwise), so that PathState and PeriodState stay in
// registers rather than memory (without it, bench_montecarlo ran about 20 % more
// instructions per path at -O2, counted under callgrind).
#define OFFTAKE_STAGE [[gnu::always_inline]] inline

namespace offtake::waterfall {

// std::min, std::max and std::clamp by value: the same result bit for bit, but a value
// rather than a reference to one of the arguments, so that the compiler can keep the
// path and period state in registers (a reference into the state would pin it in memory).
OFFTAKE_STAGE double min_of(double a, double b) { return (b < a) ? b : a; }
OFFTAKE_STAGE double max_of(double a, double b) { return (a < b) ? b : a; }
OFFTAKE_STAGE double clamp_of(double v, double lo, double hi) { return (v < lo) ? lo : (hi < v) ? hi : v; }

// Money below this is rounding noise, not a shortfall (a thousandth of a cent).
constexpr double kMoneyEpsilon = 1e-5;

// Views into PathScratch::buffers, laid out once per path by PathBuffers::carve.
// Layout: [0, n] project cash flow, [n+1, 2n+1] equity cash flow, then per offtake:
// delivered, price, invoice, penalty. Nothing in it survives from one path to the next:
// every value is written before it is read, so a path's numbers depend on that path alone.
struct PathBuffers {
    double* project_cash_flow = nullptr;  // t = 0..n: unlevered, after tax (section 3)
    double* equity_cash_flow = nullptr;   // t = 0..n: distributions less contributions
    double* delivered = nullptr;          // per offtake, this period (tonnes)
    double* contract_price = nullptr;     // per offtake, this period
    double* invoice = nullptr;            // per offtake: delivered x contract price
    double* penalty = nullptr;            // per offtake: shortfall penalty owed to the buyer

    static PathBuffers carve(double* scratch, int n, int offtakes) {
        PathBuffers b;
        b.project_cash_flow = scratch;
        b.equity_cash_flow = scratch + (n + 1);
        b.delivered = scratch + 2 * (n + 1);
        b.contract_price = b.delivered + offtakes;
        b.invoice = b.contract_price + offtakes;
        b.penalty = b.invoice + offtakes;
        return b;
    }
};

// Carried from period to period along one path.
struct PathState {
    // Senior debt
    double debt_balance = 0.0;        // owed to the senior lenders at the end of the period
    double peak_debt = 0.0;
    bool in_default = false;          // a payment was missed: the lenders sweep all cash
    // Reserve accounts (section 8)
    double dsra = 0.0;                // debt service reserve account
    double trapped_cash = 0.0;        // distributions held back by the lock-up
    // Prepayment (section 5)
    double prepayment_balance = 0.0;  // owed to the prepayment buyer, interest accrued
    double unspent_prepayment = 0.0;  // construction: proceeds not yet spent on capex
    double prepayment_recovered = 0.0;  // by the buyer: deductions plus cash at the end
    double prepayment_lost = 0.0;       // by the buyer: balance the project could not repay
    // Tax (section 3): losses carried forward, for the levered tax the project pays and
    // for the unlevered tax of the project cash flow (no interest deduction).
    double tax_losses = 0.0;
    double unlevered_tax_losses = 0.0;
    double working_capital = 0.0;     // receivables at the end of the last period
    // Coverage ratios, summed as the path goes (section 9)
    double dscr_min = std::numeric_limits<double>::infinity();
    double dscr_sum = 0.0;
    int dscr_count = 0;
    double llcr_numerator = 0.0;      // PV of CFADS to maturity
    double plcr_numerator = 0.0;      // PV of CFADS to the end of the mine life
    double net_debt_at_cod = 0.0;     // senior balance less the DSRA at COD: LLCR, PLCR base
    bool any_lockup = false;
    bool any_default = false;         // an event of default happened
    // Credit (section 8, docs/credit.md)
    bool any_shortfall = false;
    double arrears = 0.0;             // shortfalls (service unpaid, advances) not yet caught up
    int cure_last = -1;               // in a cure period: the last period to cure in; else -1
    int default_period = -1;          // the event of default
    int horizon = 0;                  // restructure: the sweep's last period
    double ead = 0.0;                 // exposure at default
    double recovery_pv = 0.0;         // recoveries, valued at the default date
    bool enforced = false;            // the lenders sold the project
    bool loan_closed = false;         // enforced, or written off at the horizon
    double enforcement_owed = 0.0;    // enforce: owed once the reserves were taken
    double sale_value = 0.0;          // enforce: PV at the distressed rate of the cash after
    double support_drawn = 0.0;       // sponsor support: total drawn (caps the facility)
    double support_owed = 0.0;        // sponsor support: drawn and not repaid
    // Country events (docs/risks.md section 1)
    double stockpile = 0.0;           // tonnes held while exports were restricted
    // Completion risk (docs/risks.md section 2)
    double completion_support_used = 0.0;
    double overrun_drawn = 0.0;       // cost-overrun facility drawn (part of debt_balance)
    double construction_spent = 0.0;
    bool abandoned = false;           // an overrun nobody funded: default before completion
    double export_restricted_tonnes = 0.0;
};

// The lines of one period. Construction periods fill the construction block and the
// funding lines; operating periods fill the rest. All money positive as named.
struct PeriodState {
    int t = 0;
    int q = 0;                        // the plan's period: t less the path's construction delay
    double tau = 0.0;                 // year fraction of the period
    double price = 0.0;               // index price S_t
    double production = 0.0;          // tonnes produced

    // Construction and its funding (t = 0..COD)
    double construction_capex = 0.0;
    double debt_draw = 0.0;
    double upfront_fee = 0.0;
    double commitment_fee = 0.0;
    double funding_need = 0.0;        // capex, fees, interest paid, DSRA: what must be funded
    double completion_support = 0.0;  // sponsors' money for the overrun (in the equity contribution)
    double overrun_draw = 0.0;        // cost-overrun facility drawn
    double overrun_unfunded = 0.0;

    // Allocation and revenue
    double spot_tonnes = 0.0;         // production left after the offtakes: sold spot
    double spot_revenue = 0.0;
    double contract_revenue = 0.0;
    double revenue = 0.0;
    double shortfall_penalty = 0.0;   // owed to buyers for contracted tonnes not delivered
    double restricted_tonnes = 0.0;   // this period's production that cannot be exported
    double domestic_revenue = 0.0;    // restricted tonnes sold at home (response domestic_sale)
    double stockpile_sold = 0.0;      // tonnes of the stockpile sold spot this period
    double prepayment_buyer_invoices = 0.0;  // invoices the prepayment deductions come out of

    // Prepayment
    double prepayment_received = 0.0;
    double prepayment_interest = 0.0;
    double prepayment_deduction = 0.0;    // taken off the buyer's invoices: revenue not cash
    double prepayment_cash_repaid = 0.0;  // balance repaid in cash at the contract's end
    double prepayment_lost = 0.0;         // balance left unpaid at the contract's end

    // Operating costs and tax
    double bad_debt = 0.0;            // defaulted buyer's unrecovered invoice
    double royalty = 0.0;
    double opex = 0.0;
    double closure = 0.0;
    double ebitda = 0.0;
    double working_capital = 0.0;
    double working_capital_change = 0.0;
    double depreciation = 0.0;
    double taxable_income = 0.0;
    double tax = 0.0;
    double unlevered_tax = 0.0;
    double sustaining_capex = 0.0;
    double cfads = 0.0;               // cash flow available for debt service
    double project_cash_flow = 0.0;   // unlevered, after unlevered tax

    // Senior debt service
    double debt_opening = 0.0;
    double all_in_rate = 0.0;         // base + margin + sustainability-linked adjustment
    double interest = 0.0;            // accrued on the opening balance
    double guarantee_fee = 0.0;       // accrued (construction) or due (operations)
    double principal_due = 0.0;
    double debt_service_due = 0.0;    // interest + principal + guarantee fee
    double counted_deduction = 0.0;   // prepayment deduction counted as debt service
    bool senior_service_due = false;  // more than rounding noise is due to the lenders
    bool has_dscr = false;
    double dscr = 0.0;
    double lender_paid = 0.0;         // interest and principal paid
    double fee_paid = 0.0;            // guarantee fee paid
    double debt_write_off = 0.0;      // unpaid at the end of the mine life
    bool payment_default = false;     // a payment shortfall in this period
    bool event_of_default = false;    // declared in this period
    double operating_deficit = 0.0;   // CFADS below zero while the lenders are owed (non-recourse)
    double lender_advance = 0.0;      // the part of it nobody else funded: the lenders'
    double support_draw = 0.0;        // sponsor support drawn
    double support_repaid = 0.0;
    double support_lost = 0.0;
    double acquirer_distribution = 0.0;  // after enforcement
    double acquirer_contribution = 0.0;

    // Tranches below the senior debt (stages/tranches.hpp), all together
    double tranche_draw = 0.0;
    double tranche_fees = 0.0;
    double tranche_interest = 0.0;    // accrued, deductible
    double tranche_paid = 0.0;
    double tranche_service_due = 0.0; // subordinated: interest + scheduled principal (total DSCR)
    double tranche_write_off = 0.0;
    double shareholder_draw = 0.0;    // shareholder loans: the sponsors' money in...
    double shareholder_received = 0.0;  // ...and back (fees, interest, principal)
    bool has_total_dscr = false;
    double total_dscr = 0.0;

    // Reserves, lock-up, distributions
    double cash = 0.0;                // cash still in the waterfall at this point
    double dsra_deposit = 0.0;
    double dsra_withdrawal = 0.0;
    double trapped_deposit = 0.0;
    double trapped_release = 0.0;
    bool lockup = false;              // cash trapped in this period
    double equity_contribution = 0.0; // construction funding, or an operating deficit
    double distribution = 0.0;
};

}  // namespace offtake::waterfall
