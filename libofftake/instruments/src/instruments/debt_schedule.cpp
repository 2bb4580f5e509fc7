#include "instruments/debt_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace offtake::instruments {

double cod_balance_per_unit_draw(const DebtPlan& d, const LoanGrid& g) {
    double bal = 0.0;
    for (int t = 0; t <= g.cod; ++t) {
        if (d.idc_capitalised) bal *= 1.0 + (d.base_rate[t] + d.margin[t]) * g.grid.tau[t];
        bal += g.construction_capex[t];
    }
    return bal;
}

void set_construction_draws(DebtPlan& d, const SeniorDebt& sd, const LoanGrid& g, double fraction) {
    const int n = g.periods();
    d.draw_fraction = fraction;
    double commitment = 0.0;
    for (int t = 0; t <= n; ++t) {
        d.draw[t] = (t <= g.cod) ? fraction * g.construction_capex[t] : 0.0;
        commitment += d.draw[t];
    }
    d.upfront_fee = sd.upfront_fee_bps * 1e-4 * commitment;
    double drawn = 0.0;
    for (int t = 0; t <= n; ++t) {
        d.commitment_fee[t] = (t >= 1 && t <= g.cod)
                                  ? sd.commitment_fee_bps * 1e-4 * (commitment - drawn) * g.grid.tau[t]
                                  : 0.0;
        drawn += d.draw[t];
    }
}

void set_straight_line_principal(DebtPlan& d, double cod_balance) {
    const int count = d.maturity - d.first_repayment + 1;
    std::fill(d.principal.begin(), d.principal.end(), 0.0);
    for (int t = d.first_repayment; t <= d.maturity; ++t) d.principal[t] = cod_balance / count;
}

void set_annuity_principal(DebtPlan& d, const LoanGrid& g, double cod_balance) {
    const int count = d.maturity - d.first_repayment + 1;
    // Installment at the nominal period rate (all-in / frequency) of the first repayment
    // period; interest itself accrues by the day counter, and the last installment
    // clears the residual.
    const double r = planned_rate(d, d.first_repayment) / g.per_year;
    const double installment = (std::fabs(r) < 1e-14)
                                   ? cod_balance / count
                                   : cod_balance * r / (1.0 - std::pow(1.0 + r, -count));
    std::fill(d.principal.begin(), d.principal.end(), 0.0);
    double bal = cod_balance;
    for (int t = d.first_repayment; t <= d.maturity; ++t) {
        const double interest = bal * planned_rate(d, t) * g.grid.tau[t];
        const double pr = (t == d.maturity) ? bal : installment - interest;
        d.principal[t] = pr;
        bal -= pr;
    }
}

void set_planned_schedule(DebtPlan& d, const SeniorDebt& sd, const LoanGrid& g, double cod_balance) {
    const int n = g.periods(), C = g.cod;
    double bal = cod_balance, df = 1.0, pv = 0.0;
    std::vector<double> ds(n + 2, 0.0);
    for (int t = 0; t <= n; ++t) {
        d.planned_interest[t] = d.planned_fee[t] = 0.0;
        d.planned_balance[t] = (t == C) ? cod_balance : 0.0;
        d.df_lender[t] = (t <= C) ? 1.0 : 0.0;
    }
    double last_rate = planned_rate(d, std::min(d.maturity, n));
    for (int t = C + 1; t <= n; ++t) {
        const double rate = (t <= d.maturity) ? planned_rate(d, t) : last_rate;
        df /= 1.0 + rate * g.grid.tau[t];
        d.df_lender[t] = df;
        const double interest = bal * rate * g.grid.tau[t];
        const double fee = d.guarantee_fee_rate * bal * g.grid.tau[t];
        double pr = 0.0;
        if (t >= d.first_repayment && t <= d.maturity) pr = (t == d.maturity) ? bal : d.principal[t];
        if (t > d.maturity) { pr = 0.0; }
        d.planned_interest[t] = (t <= d.maturity) ? interest : 0.0;
        d.planned_fee[t] = (t <= d.maturity) ? fee : 0.0;
        if (t <= d.maturity) {
            pv += df * (interest + pr);
            ds[t] = interest + pr + fee;
            bal -= pr;
        }
        d.planned_balance[t] = bal;
    }
    d.scheduled_lender_pv = pv;
    // DSRA target: the next dsra_months of scheduled senior debt service (section 8).
    const double k = sd.dsra_months * g.per_year / 12.0;
    const int whole = static_cast<int>(std::floor(k + 1e-12));
    const double frac = k - whole;
    for (int t = 0; t <= n; ++t) {
        double target = 0.0;
        if (t >= C) {
            for (int j = 1; j <= whole && t + j <= n; ++j) target += ds[t + j];
            if (frac > 1e-12 && t + whole + 1 <= n) target += frac * ds[t + whole + 1];
        }
        d.dsra_target[t] = target;
    }
}

}  // namespace offtake::instruments
