// reconcile(): sources equal uses and every account closes, to the cent.
//
// Arithmetic: boost::multiprecision::cpp_bin_float_100 (about 332 bits of mantissa).
// Every amount is a binary double; a binary float this wide adds any of them without
// rounding (our amounts span far fewer than 280 binary orders of magnitude), so a
// residual is exactly the engine's own drift, never the checker's. It is shown rounded
// to a millionth in decimal; a check passes when it is below half a cent.
#include <offtake/deterministic.hpp>

#include <boost/multiprecision/cpp_bin_float.hpp>

#include <cmath>
#include <cstdio>
#include <functional>

namespace offtake {

namespace {

using Exact = boost::multiprecision::cpp_bin_float_100;
constexpr double kHalfCent = 0.005;

struct Checker {
    ReconciliationReport report;
    void add(const std::string& name, const Exact& residual) {
        ReconciliationCheck c;
        c.name = name;
        c.residual_value = residual.convert_to<double>();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6f", c.residual_value);
        c.residual = buf;
        c.ok = std::fabs(c.residual_value) < kHalfCent;
        report.ok = report.ok && c.ok;
        report.checks.push_back(c);
    }
    // The largest per-period residual of an identity, and the identity summed over life.
    void per_period(const std::string& name, const std::vector<PeriodRow>& rows,
                    const std::function<Exact(const PeriodRow&)>& residual) {
        Exact worst = 0, total = 0;
        for (const auto& r : rows) {
            const Exact x = residual(r);
            total += x;
            if (abs(x) > abs(worst)) worst = x;
        }
        add(name + " (worst period)", worst);
        add(name + " (over the life)", total);
    }
};

Exact X(double v) { return Exact(v); }

// The cash identity of a period. Sources: CFADS, the sponsors' money (equity and support
// draws), the lenders' draws (construction, protective advances), prepayment proceeds,
// reserve releases, an enforcement's sale proceeds (paid by the project's buyer) and,
// after it, what the new owner puts in. Uses: construction, fees, debt service,
// deductions, reserve deposits, distributions, support repaid and the new owner's cash.
Exact sources(const PeriodRow& r) {
    return X(r.cfads) + X(r.equity_contribution) + X(r.debt_draw) + X(r.prepayment_received) +
           X(r.dsra_withdrawal) + X(r.trapped_release) + X(r.sponsor_support_draw) + X(r.enforcement_sale) +
           X(r.acquirer_contribution) + X(r.tranche_draw);
}
Exact uses(const PeriodRow& r) {
    return X(r.construction_capex) + X(r.upfront_fee) + X(r.commitment_fee) + X(r.guarantee_fee) +
           X(r.interest_paid) + X(r.principal_paid) + X(r.prepayment_deduction) + X(r.prepayment_cash_repaid) +
           X(r.dsra_deposit) + X(r.trapped_deposit) + X(r.distribution) + X(r.sponsor_support_repaid) +
           X(r.acquirer_distribution) + X(r.tranche_fees) + X(r.tranche_paid);
}

}  // namespace

ReconciliationReport reconcile(const DealReport& rep) {
    Checker ck;
    const auto& rows = rep.periods;
    if (rows.empty()) return ck.report;

    // Over the life, sources equal uses (the cash account below carries any
    // difference between periods: prepayment proceeds held during construction).
    {
        Exact total = 0;
        for (const auto& r : rows) {
            total += sources(r);
            total -= uses(r);
        }
        ck.add("cash: sources = uses over the life", total);
    }
    // The construction cash account (unspent prepayment proceeds) moves by the cash
    // identity's difference; check it period by period and that it ends empty.
    {
        Exact worst = 0, prev = 0;
        for (const auto& r : rows) {
            const Exact in = sources(r);
            const Exact out = uses(r);
            const Exact x = prev + in - out - X(r.unspent_prepayment);
            if (abs(x) > abs(worst)) worst = x;
            prev = X(r.unspent_prepayment);
        }
        ck.add("cash account moves by sources - uses (worst period)", worst);
        ck.add("cash account closes", X(rows.back().unspent_prepayment));
    }
    // The cash balance is what the project holds: the three accounts together.
    {
        Exact worst = 0;
        for (const auto& r : rows) {
            const Exact x = X(r.cash_balance) - X(r.unspent_prepayment) - X(r.dsra_balance) - X(r.trapped_balance);
            if (abs(x) > abs(worst)) worst = x;
        }
        ck.add("cash balance = unspent prepayment + DSRA + trapped cash (worst period)", worst);
    }
    // DSRA
    {
        Exact prev = 0, worst = 0;
        for (const auto& r : rows) {
            const Exact x = prev + X(r.dsra_deposit) - X(r.dsra_withdrawal) - X(r.dsra_balance);
            if (abs(x) > abs(worst)) worst = x;
            prev = X(r.dsra_balance);
        }
        ck.add("DSRA moves by deposits - withdrawals (worst period)", worst);
        ck.add("DSRA closes", X(rows.back().dsra_balance));
    }
    // Trapped cash
    {
        Exact prev = 0, worst = 0;
        for (const auto& r : rows) {
            const Exact x = prev + X(r.trapped_deposit) - X(r.trapped_release) - X(r.trapped_balance);
            if (abs(x) > abs(worst)) worst = x;
            prev = X(r.trapped_balance);
        }
        ck.add("trapped cash moves by deposits - releases (worst period)", worst);
        ck.add("trapped cash closes", X(rows.back().trapped_balance));
    }
    // Senior debt
    {
        Exact prev = 0, worst = 0, worst_int = 0;
        for (const auto& r : rows) {
            const Exact x = prev + X(r.debt_draw) + X(r.interest_capitalised) - X(r.principal_paid) -
                            X(r.debt_write_off) - X(r.debt_closing);
            if (abs(x) > abs(worst)) worst = x;
            const Exact y = X(r.interest) - X(r.interest_paid) - X(r.interest_capitalised);
            if (abs(y) > abs(worst_int)) worst_int = y;
            prev = X(r.debt_closing);
        }
        ck.add("debt moves by draws + capitalised interest - principal - write-off (worst period)", worst);
        ck.add("interest = paid + capitalised (worst period)", worst_int);
        ck.add("debt closes", X(rows.back().debt_closing));
    }
    // Prepayment
    {
        Exact prev = 0, worst = 0;
        for (const auto& r : rows) {
            const Exact x = prev + X(r.prepayment_received) + X(r.prepayment_interest) -
                            X(r.prepayment_deduction) - X(r.prepayment_cash_repaid) -
                            X(r.prepayment_lost) - X(r.prepayment_balance);
            if (abs(x) > abs(worst)) worst = x;
            prev = X(r.prepayment_balance);
        }
        ck.add("prepayment moves by draw + interest - deductions - repaid - lost (worst period)", worst);
        ck.add("prepayment closes", X(rows.back().prepayment_balance));
    }
    // Sponsor support
    {
        Exact prev = 0, worst = 0;
        for (const auto& r : rows) {
            const Exact x = prev + X(r.sponsor_support_draw) - X(r.sponsor_support_repaid) -
                            X(r.sponsor_support_lost) - X(r.sponsor_support_balance);
            if (abs(x) > abs(worst)) worst = x;
            prev = X(r.sponsor_support_balance);
        }
        ck.add("sponsor support moves by draws - repaid - lost (worst period)", worst);
        ck.add("sponsor support closes", X(rows.back().sponsor_support_balance));
    }
    // Tranches below the senior debt, together (docs/credit.md section 7); a deal
    // without them shows no such checks.
    bool tranches = false;
    for (const auto& r : rows) tranches = tranches || r.tranche_draw != 0.0 || r.tranche_balance != 0.0;
    if (tranches) {
        Exact prev = 0, worst = 0;
        for (const auto& r : rows) {
            const Exact x = prev + X(r.tranche_draw) + X(r.tranche_interest) - X(r.tranche_paid) -
                            X(r.tranche_write_off) - X(r.tranche_balance);
            if (abs(x) > abs(worst)) worst = x;
            prev = X(r.tranche_balance);
        }
        ck.add("tranches move by draws + interest - paid - write-off (worst period)", worst);
        ck.add("tranches close", X(rows.back().tranche_balance));
    }
    // Income statement to CFADS.
    ck.per_period("revenue = contracts + spot", rows, [](const PeriodRow& r) {
        Exact s = X(r.spot_revenue);
        for (double v : r.contract_revenue_by_offtake) s += X(v);
        return X(r.revenue) - s;
    });
    ck.per_period("EBITDA = revenue - royalty - opex - penalties - bad debt - closure", rows,
                  [](const PeriodRow& r) {
                      return X(r.ebitda) - (X(r.revenue) - X(r.royalty) - X(r.opex) -
                                            X(r.shortfall_penalty) - X(r.bad_debt) - X(r.closure));
                  });
    ck.per_period("CFADS = EBITDA - tax - sustaining capex - change in working capital", rows,
                  [](const PeriodRow& r) {
                      if (r.construction) return Exact(0);
                      return X(r.cfads) - (X(r.ebitda) - X(r.tax) - X(r.sustaining_capex) -
                                           X(r.working_capital_change));
                  });
    ck.per_period("distributions = sum over investors", rows, [](const PeriodRow& r) {
        Exact s = 0;
        for (double v : r.distribution_by_investor) s += X(v);
        return X(r.distribution) - s;
    });
    return ck.report;
}

}  // namespace offtake
