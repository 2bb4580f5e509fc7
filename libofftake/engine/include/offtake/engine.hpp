// The deal engine: a deal compiled once into a period grid and path-independent
// schedules (PreparedDeal), then one function from a path's inputs to its results
// (run_path). The deterministic run is run_path on the base-case price deck; the Monte
// Carlo engine calls run_path once per simulated path, from many threads at once.
//
// run_path reads only the PreparedDeal and the path's inputs, and writes only the
// caller's PathResult and PathScratch: no global state, no QuantLib singletons, no
// allocation once the scratch is sized. Conventions: docs/conventions.md.
#pragma once

#include <offtake/deal.hpp>
#include <offtake/export.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace offtake {

// What a path brings to the waterfall besides prices.
struct PathInputs {
    const double* price = nullptr;             // S_t for t = 1..n at price[t] (price[0] unused)
    const int* buyer_default_period = nullptr; // per offtake: first period in default, or > n for never; null: no default
    // per KPI and test (kpi * tests + k), tests = project.mine_life_years, k = operating
    // year (0-based) whose result moves the margin of operating year k+1; null: the plan decides
    const unsigned char* kpi_met = nullptr;
    // Country events (docs/risks.md section 1): per period t = 0..n, the share of the
    // period's production that cannot be exported; null: none (the price-only engine).
    const double* export_restricted = nullptr;
    double domestic_discount = 0.0;            // off the index for tonnes sold at home instead
    // Completion risk (docs/risks.md section 2): the factor on construction capex and the
    // periods by which COD (and every plan and debt-schedule date after it) moves.
    double capex_factor = 1.0;
    int delay_periods = 0;
    // A named stress of the portfolio's what-if (docs/portfolio.md): the project is
    // abandoned at its (path's) completion date, as if an overrun went unfunded then.
    bool abandon_at_completion = false;
    // Production risk (docs/risks.md section 3): per period t = 0..n, the factor on the
    // plan's production (ramp-up shortfall x operating shock); null: the plan.
    const double* production_factor = nullptr;
    // Fiscal events (docs/risks.md section 1b): per period t = 0..n, the royalty rate on
    // revenue and the corporate tax rate after the country's step-ups; null: the deal's.
    const double* royalty_rate = nullptr;
    const double* tax_rate = nullptr;
};

struct BuyerPathResult {
    double contracted_tonnes = 0.0;
    double delivered_tonnes = 0.0;
    double invoiced = 0.0;                     // value of deliveries at contract prices
    double spot_value = 0.0;                   // the same tonnes at the index price
    double prepayment_recovered = 0.0;         // deductions + cash repayment
    double prepayment_lost = 0.0;
    bool shortfall = false;                    // some contracted tonnes not delivered
    bool defaulted = false;                    // the buyer defaulted on this path
    std::optional<double> equity_irr;          // if the buyer is an equity investor
    // If the buyer is an equity investor: its share of the equity cash flow's negative
    // periods (what it put in) and of its positive ones (what it took out), undiscounted
    // money (conventions section 6); 0 otherwise. Its capital not returned on the path is
    // max(0, equity_contributed - equity_returned) (docs/negotiation.md section 8).
    double equity_contributed = 0.0;
    double equity_returned = 0.0;
};

// A tranche below the senior debt on one path (docs/credit.md section 7), in the order of
// PreparedDeal's tranches (subordinated, then shareholder loans). All zero without an
// event of default of the tranche.
struct TranchePathResult {
    bool payment_shortfall = false;            // some period's service went unpaid
    bool payment_default = false;              // its own uncured shortfall, or cross-default
    int default_period = -1;
    double exposure_at_default = 0.0;          // its balance at the end of the default period
    double recovery = 0.0;                     // PV at the default date of what it got back
    double loss = 0.0;                         // exposure_at_default - recovery (money)
};

// One path's metrics (conventions sections 2, 8, 9). Absent ratios stay absent.
struct PathResult {
    double npv = 0.0;                          // project, unlevered, after tax
    std::optional<double> irr;
    std::vector<double> equity_npv;            // per equity investor
    std::vector<std::optional<double>> equity_irr;
    std::optional<double> dscr_min;
    std::optional<double> dscr_avg;
    std::optional<double> llcr;                // at COD
    std::optional<double> plcr;                // at COD
    std::optional<double> payback_years;       // from start, undiscounted project cash flow
    bool payment_shortfall = false;            // some period's debt service or deficit went unmet
    bool payment_default = false;              // an event of default: a shortfall not cured in time
    bool lockup = false;                       // lock-up in any period
    // Credit (conventions section 8, docs/credit.md); all zero without an event of default.
    bool enforced = false;                     // the lenders sold the project
    int default_period = -1;                   // the period of the event of default
    double default_years = 0.0;                // its T: years from financial close
    double exposure_at_default = 0.0;          // owed to the lenders then (money)
    double recovery = 0.0;                     // PV at the default date of what they recover
    double lender_loss = 0.0;                  // exposure_at_default - recovery, gross (money)
    double lender_loss_net = 0.0;              // net of the guarantee
    double going_concern_value = 0.0;          // enforce: V, valued as a buyer could at the default date
    double sale_proceeds = 0.0;                // enforce: going-concern value net of costs
    double sale_to_lenders = 0.0;              // enforce: the part of it the lenders take
    double sale_to_tranches = 0.0;             // enforce: the part the tranches below the senior take
    double sale_to_shareholder_loans = 0.0;    // of which shareholder loans (the sponsors')
    double peak_debt = 0.0;
    double export_restricted_tonnes = 0.0;     // produced (or, response stop, not produced) and not exportable
    double construction_capex = 0.0;           // spent before COD, overrun included (money)
    int completion_delay = 0;                  // periods COD was late
    bool abandoned = false;                    // an overrun no one funded: default before completion
    std::vector<BuyerPathResult> buyers;       // per offtake
    // Tranches below the senior debt (docs/credit.md section 7); empty without them.
    std::vector<TranchePathResult> tranches;
    std::optional<double> dscr_total_min;      // min of CFADS / (senior + subordinated service); with tranches only
};

// Per-period series a caller may ask for (fan charts, the schedule table).
struct PathSeries {
    // Index 0..n. cash_balance: all the cash the project holds at the end of the period
    // (unspent prepayment proceeds + DSRA + trapped cash), as PeriodLines::cash_balance.
    std::vector<double> price, cfads, dscr /* NaN-free: 0 where absent */, cash_balance;
    // Per offtake c and period t at [c * (n + 1) + t], filled only when the caller sets
    // `offtake_lines` before the run (the portfolio's supply per year): the contract's
    // scheduled tonnes (whether or not its buyer is still in the contract), the tonnes
    // delivered, and their invoice at the contract price.
    bool offtake_lines = false;
    std::vector<double> contracted, delivered, invoiced;
};

class PreparedDeal;

// Scratch space reused across paths by one thread.
struct PathScratch {
    std::vector<double> buffers;
    PathResult alternative;            // the lenders' view at a default (lenders_decision.hpp)
    std::vector<double> buyer_prices;  // that view's price path, index 0..n
    std::vector<int> buyer_defaults;   // that view's buyer default periods, per offtake
};

// Compile a deal: grid, discount factors, escalation, base-case debt sizing and
// schedule. Throws offtake::DealError (io/errors.hpp) when the deal cannot be run.
OFFTAKE_API std::shared_ptr<const PreparedDeal> prepare(const Deal& deal);

OFFTAKE_API const TimeGrid& grid(const PreparedDeal& prepared);
OFFTAKE_API const Deal& deal(const PreparedDeal& prepared);
// The base-case price deck on the grid, index 0..n: [0] at financial close, [t] the
// price of period t (what the deterministic run uses, and the forward curve that the
// risk-neutral measure matches).
OFFTAKE_API const std::vector<double>& base_prices(const PreparedDeal& prepared);

// One path through the full waterfall. `series` may be null.
OFFTAKE_API void run_path(const PreparedDeal& prepared, const PathInputs& inputs,
                          PathResult& result, PathScratch& scratch, PathSeries* series = nullptr);

}  // namespace offtake
