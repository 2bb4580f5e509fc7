// The scorecard's factor values for one deal: coverage and default risk from the Monte
// Carlo result, revenue certainty and security from the deal's terms over the debt
// tenor, and what the user stated. Definitions: docs/bankability.md.
#include "io/ratings.hpp"

#include <offtake/montecarlo.hpp>
#include <offtake/bankability.hpp>

#include <ql/time/period.hpp>

#include <algorithm>
#include <numeric>

namespace offtake {
namespace {

double year_value(const YearlyValues& v, int k) {  // operating year k >= 1; last holds
    if (v.empty()) return 0.0;
    return v[static_cast<std::size_t>(std::min<int>(k, static_cast<int>(v.size())) - 1)];
}

// Fraction of [a, b) that lies in [c, d), as a share of [a, b).
double overlap(double a, double b, double c, double d) {
    const double len = b - a;
    if (len <= 0.0) return 0.0;
    return std::max(0.0, std::min(b, d) - std::max(a, c)) / len;
}

struct TenorSales {
    double production = 0.0, contracted = 0.0, floored = 0.0, pd_weighted = 0.0, pd_tonnes = 0.0;
};

// Production over the debt tenor allocated to offtakes by priority (conventions
// section 4), on operating years; contract dates are converted to years from COD.
// Without senior debt (none, or a loan of nothing) the horizon is the mine life.
TenorSales tenor_sales(const Deal& deal, bool has_debt) {
    TenorSales s;
    const auto& p = deal.project;
    const int months_per_period = 12 / static_cast<int>(p.time.frequency);
    const QuantLib::Date cod = p.time.start + QuantLib::Period(p.construction_periods * months_per_period, QuantLib::Months);
    const double tenor = has_debt ? deal.debt->tenor_years : static_cast<double>(p.mine_life_years);
    const double horizon = std::min<double>(tenor, p.mine_life_years);
    std::vector<std::size_t> order(deal.offtakes.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return deal.offtakes[a].priority < deal.offtakes[b].priority; });
    auto years_from_cod = [&](const QuantLib::Date& d) { return (d - cod) / 365.25; };
    for (int k = 1; k <= static_cast<int>(std::ceil(horizon)); ++k) {
        const double y0 = k - 1, y1 = std::min<double>(k, horizon);
        const double in_tenor = y1 - y0;
        const double produced = year_value(p.production_tpa, k) * in_tenor;
        double left = produced;
        s.production += produced;
        for (auto i : order) {
            const auto& o = deal.offtakes[i];
            const double c0 = o.start ? years_from_cod(*o.start) : 0.0;
            const double c1 = o.end ? years_from_cod(*o.end) : 1.0e9;
            const double active = overlap(y0, y1, c0, c1);
            const double wanted = (o.volume_tpa ? *o.volume_tpa * in_tenor : o.share.value_or(0.0) * produced) * active;
            const double delivered = std::min(wanted, left);
            left -= delivered;
            s.contracted += delivered;
            const bool floored = o.pricing.type == Pricing::Type::Fixed ||
                                 (o.pricing.type == Pricing::Type::Collar && o.pricing.floor.has_value());
            if (floored) s.floored += delivered;
            std::optional<double> pd = o.buyer_pd;
            if (!pd && o.buyer_rating) pd = io::rating_default_probability(*o.buyer_rating);
            if (pd) {
                s.pd_weighted += *pd * delivered;
                s.pd_tonnes += delivered;
            }
        }
    }
    return s;
}

}  // namespace

bool has_senior_debt(const Deal& deal, const SimulationResult& r) {
    return deal.debt && r.peak_debt.mean && *r.peak_debt.mean > 0.0;
}

std::map<std::string, std::optional<double>> bankability_values(const Deal& deal, const SimulationResult& r) {
    std::map<std::string, std::optional<double>> v;
    v["p50_dscr_min"] = r.dscr_min.p50;
    v["p10_dscr_min"] = r.dscr_min.p10;
    v["p50_llcr"] = r.llcr.p50;
    v["p10_llcr"] = r.llcr.p10;
    v["p50_plcr"] = r.plcr.p50;
    const bool has_debt = has_senior_debt(deal, r);
    if (has_debt && r.paths > 0) {
        v["p_default"] = r.p_default.value;
        v["p_dscr_below_1"] = r.p_dscr_below_1.value;
        v["expected_loss"] = r.expected_loss.value;
        v["expected_loss_net"] = r.expected_loss_net.value;
    }
    if (has_debt && r.pd_annual.paths > 0) {
        // Annual, as the slotting categories' PDs and expected-loss rates are one-year
        // rates (docs/bankability.md, "Default risk on the slotting scale"): pd_annual x
        // LGD, LGD = expected_loss / p_default = sum loss / sum EAD (0 without a default).
        const double p = r.p_default.value;
        const double lgd = p > 0.0 ? r.expected_loss.value / p : 0.0;
        const double lgd_net = p > 0.0 ? r.expected_loss_net.value / p : 0.0;
        v["pd_annual"] = r.pd_annual.value;
        v["annual_expected_loss"] = r.pd_annual.value * lgd;
        v["annual_expected_loss_net"] = r.pd_annual.value * lgd_net;
    }
    const auto sales = tenor_sales(deal, has_debt);
    if (sales.production > 0.0) {
        v["contracted_share"] = sales.contracted / sales.production;
        v["floor_protection"] = sales.contracted > 0.0 ? sales.floored / sales.contracted : 0.0;
    }
    if (sales.pd_tonnes > 0.0) v["buyer_pd"] = sales.pd_weighted / sales.pd_tonnes;
    v["guarantee_cover"] = deal.guarantee ? deal.guarantee->cover : 0.0;
    if (deal.debt) v["dsra_months"] = deal.debt->dsra_months;
    if (has_debt) {
        const double ahead = deal.prepayment ? deal.prepayment->amount : 0.0;
        v["prepayment_ranking"] = ahead / *r.peak_debt.mean;
    }
    v["country_risk"] = deal.assessment.country_risk;
    v["sponsor_strength"] = deal.assessment.sponsor_strength;
    v["esg_standing"] = deal.assessment.esg_standing;
    return v;
}

}  // namespace offtake
