// prepare_remedies(): the deal's events-of-default terms and sponsor support compiled
// onto the period grid (instruments/remedies_plan.hpp; docs/credit.md).
#include "waterfall/prepare_remedies.hpp"

#include <algorithm>
#include <cmath>

namespace offtake {

void prepare_remedies(PreparedDeal& p) {
    const Deal& d = p.deal;
    const int n = p.n;
    RemediesPlan& m = p.remedies;
    const DefaultRemedies terms = (d.debt && d.debt->on_default) ? *d.debt->on_default : DefaultRemedies{};
    m.best = terms.response == DefaultRemedies::Response::Best;
    m.response = terms.response == DefaultRemedies::Response::Enforce ? LenderResponse::Enforce
                                                                     : LenderResponse::Restructure;
    m.distressed_rate = terms.distressed_discount_rate;
    m.enforcement_cost = terms.enforcement_cost;
    // The cure deadline in calendar days from the end date of the period that missed.
    m.cure_last.assign(n + 1, n);
    for (int t = 0; t <= n; ++t) {
        const QuantLib::Date deadline = p.grid.dates[t] + static_cast<QuantLib::Date::serial_type>(
                                                              std::floor(terms.cure_days));
        int u = t;
        while (u < n && p.grid.dates[u + 1] <= deadline) ++u;
        m.cure_last[t] = u;
    }
    const int maturity = p.debt.active ? p.debt.maturity : n;
    m.horizon = std::min(n, maturity + static_cast<int>(std::lround(terms.max_extension_years * p.per_year)));
    m.recovery_rate.assign(n + 1, 0.0);
    for (int t = 0; t <= n; ++t)
        m.recovery_rate[t] = terms.recovery_discount_rate
                                 ? *terms.recovery_discount_rate
                                 : (p.debt.active ? p.debt.base_rate[t] : 0.0) + kRecoveryRateAddOn;

    SponsorSupportPlan& ss = p.sponsor_support;
    if (d.sponsor_support && p.debt.active) {
        ss.active = d.sponsor_support->amount > 0.0;
        ss.amount = d.sponsor_support->amount;
        ss.last_period = std::min(n, p.cod + static_cast<int>(std::lround(d.sponsor_support->term_years * p.per_year)));
        ss.senior = d.sponsor_support->ranking == SponsorSupport::Ranking::Senior;
    }
}

}  // namespace offtake
