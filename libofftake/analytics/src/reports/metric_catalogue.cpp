// The metric catalogue (offtake/metric_catalogue.hpp): the one list of metrics.
#include <offtake/metric_catalogue.hpp>

#include <cmath>

namespace offtake {

namespace {

using Opt = std::optional<double>;
using R = PathResult;
using D = DealReport;
using S = SimulationResult;
using P = PairedDifferences;

Opt flag(bool b) { return b ? 1.0 : 0.0; }

template <class T>
const T* at(const std::vector<T>& v, std::size_t i) {
    return i < v.size() ? &v[i] : nullptr;
}

const BuyerPathResult* buyer(const R& r, std::size_t i) { return at(r.buyers, i); }
const BuyerStatistics* buyer(const S& s, std::size_t i) { return at(s.buyers, i); }
const TrancheStatistics* tranche(const S& s, std::size_t i) { return at(s.tranches, i); }

// A tranche's path figures by the catalogue's index: 0 the senior debt (the deal's own),
// i the tranche i - 1 below it; absent for a deal without tranches.
struct TrancheFigures {
    bool defaulted;
    double exposure, recovery, loss;
};
std::optional<TrancheFigures> tranche(const R& r, std::size_t i) {
    if (r.tranches.empty() || i > r.tranches.size()) return std::nullopt;
    if (i == 0) return TrancheFigures{r.payment_default, r.exposure_at_default, r.recovery, r.lender_loss};
    const TranchePathResult& t = r.tranches[i - 1];
    return TrancheFigures{t.payment_default, t.exposure_at_default, t.recovery, t.loss};
}

// Per tonne delivered; absent when nothing was delivered.
Opt per_tonne(const BuyerPathResult* b, double amount) {
    if (b == nullptr || !(b->delivered_tonnes > 0.0)) return std::nullopt;
    return amount / b->delivered_tonnes;
}

// Read as one expression per accessor, so that a row of the table below says where the
// number comes from.
#define PATH(expr) [](const R& r, std::size_t i) -> Opt { (void)i; (void)r; return expr; }
#define REPORT(expr) [](const D& d, std::size_t i) -> Opt { (void)i; return expr; }
#define SUMMARY(expr) [](const S& s, std::size_t i) -> const MetricSummary* { (void)i; (void)s; return expr; }
#define ESTIMATE(expr) [](const S& s, std::size_t i) -> const Estimate* { (void)i; (void)s; return expr; }
#define DIFF(expr) [](const P& p, std::size_t i) -> const Estimate* { (void)i; (void)p; return expr; }
#define BUYER_PATH(expr) \
    [](const R& r, std::size_t i) -> Opt { const BuyerPathResult* b = buyer(r, i); if (!b) return std::nullopt; return expr; }
#define BUYER_SUMMARY(member) \
    [](const S& s, std::size_t i) -> const MetricSummary* { const BuyerStatistics* b = buyer(s, i); return b ? &b->member : nullptr; }
#define BUYER_ESTIMATE(member) \
    [](const S& s, std::size_t i) -> const Estimate* { const BuyerStatistics* b = buyer(s, i); return b ? &b->member : nullptr; }
#define TRANCHE_PATH(expr) \
    [](const R& r, std::size_t i) -> Opt { const auto x = tranche(r, i); if (!x) return std::nullopt; return expr; }
#define TRANCHE_ESTIMATE(member) \
    [](const S& s, std::size_t i) -> const Estimate* { const TrancheStatistics* x = tranche(s, i); return x ? &x->member : nullptr; }

using Scope = MetricScope;
using U = UnitKind;
using N = MetricNeeds;

std::vector<MetricEntry> build_catalogue() {
    return {
        // --- the project (conventions sections 2, 3) ---
        {"npv", Scope::Deal, U::Money, "Project NPV (after tax)", "NPV", N::Always,
         PATH(r.npv), nullptr, SUMMARY(&s.npv), nullptr, DIFF(&p.npv)},
        {"irr", Scope::Deal, U::Percent, "Project IRR (after tax)", "IRR", N::Always,
         PATH(r.irr), nullptr, SUMMARY(&s.irr), nullptr, DIFF(&p.irr)},
        {"payback_years", Scope::Deal, U::Years, "Payback from financial close", "payback", N::Always,
         PATH(r.payback_years), nullptr, SUMMARY(&s.payback_years), nullptr, nullptr},
        // --- equity, per investor (section 6) ---
        {"equity_npv", Scope::Investor, U::Money, "Equity NPV", "equity NPV", N::Always,
         PATH(i < r.equity_npv.size() ? Opt(r.equity_npv[i]) : std::nullopt), nullptr,
         SUMMARY(at(s.equity_npv, i)), nullptr, DIFF(at(p.equity_npv, i))},
        {"equity_irr", Scope::Investor, U::Percent, "Equity IRR", "equity IRR", N::Always,
         PATH(i < r.equity_irr.size() ? r.equity_irr[i] : std::nullopt), nullptr,
         SUMMARY(at(s.equity_irr, i)), nullptr, nullptr},
        // --- senior debt (sections 7, 8, 9) ---
        {"debt_at_cod", Scope::Deal, U::Money, "Senior debt at COD", "debt at COD", N::Debt,
         nullptr, REPORT(d.debt_at_cod), nullptr, nullptr, nullptr},
        {"gearing_target", Scope::Deal, U::Percent, "Gearing target (share of construction capex drawn)",
         "gearing target", N::Debt, nullptr, REPORT(d.gearing_target), nullptr, nullptr, nullptr},
        {"gearing_achieved", Scope::Deal, U::Percent, "Gearing achieved (debt / total funding at COD)",
         "gearing achieved", N::Debt, nullptr, REPORT(d.gearing_achieved), nullptr, nullptr, nullptr},
        {"total_funding", Scope::Deal, U::Money, "Total funding to COD", "total funding", N::Debt,
         nullptr, REPORT(d.total_funding), nullptr, nullptr, nullptr},
        {"peak_debt", Scope::Deal, U::Money, "Peak senior debt", "peak debt", N::Debt,
         PATH(r.peak_debt), nullptr, SUMMARY(&s.peak_debt), nullptr, nullptr},
        // Total coverage with tranches below the senior debt (docs/credit.md section 7).
        {"dscr_total_min", Scope::Deal, U::Ratio, "Minimum total DSCR (senior and subordinated)", "min total DSCR",
         N::Tranches, PATH(r.dscr_total_min), nullptr, SUMMARY(s.tranches.empty() ? nullptr : &s.dscr_total_min),
         nullptr, nullptr},
        {"sculpted_dscr", Scope::Deal, U::Ratio, "Sculpted to DSCR", "sculpted DSCR", N::SculptedDebt,
         nullptr, REPORT(d.sculpted_dscr), nullptr, nullptr, nullptr},
        {"dscr_min", Scope::Deal, U::Ratio, "Minimum DSCR", "min DSCR", N::Debt,
         PATH(r.dscr_min), nullptr, SUMMARY(&s.dscr_min), nullptr, DIFF(&p.dscr_min)},
        {"dscr_avg", Scope::Deal, U::Ratio, "Average DSCR", "average DSCR", N::Debt,
         PATH(r.dscr_avg), nullptr, SUMMARY(&s.dscr_avg), nullptr, DIFF(&p.dscr_avg)},
        {"llcr", Scope::Deal, U::Ratio, "LLCR at COD", "LLCR", N::Debt,
         PATH(r.llcr), nullptr, SUMMARY(&s.llcr), nullptr, DIFF(&p.llcr)},
        {"plcr", Scope::Deal, U::Ratio, "PLCR at COD", "PLCR", N::Debt,
         PATH(r.plcr), nullptr, SUMMARY(&s.plcr), nullptr, DIFF(&p.plcr)},
        {"lockup", Scope::Deal, U::Flag, "Lock-up in some period", "lock-up", N::Debt,
         PATH(flag(r.lockup)), nullptr, nullptr, nullptr, nullptr},
        {"payment_default", Scope::Deal, U::Flag, "Payment default", "default", N::Debt,
         PATH(flag(r.payment_default)), nullptr, nullptr, nullptr, nullptr},
        {"lender_loss", Scope::Deal, U::Money, "Lender loss (gross)", "lender loss", N::Debt,
         PATH(r.lender_loss), nullptr, nullptr, nullptr, nullptr},
        {"lender_loss_net", Scope::Deal, U::Money, "Lender loss (net of guarantee)", "lender loss net",
         N::Guarantee, PATH(r.lender_loss_net), nullptr, nullptr, nullptr, nullptr},
        // --- lender risk over paths (section 11) ---
        {"p_dscr_below_1", Scope::Deal, U::Probability, "P(min DSCR < 1.00x)", "P(DSCR<1)", N::Debt,
         nullptr, nullptr, nullptr, ESTIMATE(&s.p_dscr_below_1), DIFF(&p.p_dscr_below_1)},
        {"p_dscr_below_covenant", Scope::Deal, U::Probability, "P(min DSCR < covenant)", "P(DSCR<covenant)",
         N::Debt, nullptr, nullptr, nullptr, ESTIMATE(&s.p_dscr_below_covenant), nullptr},
        {"p_default", Scope::Deal, U::Probability, "P(payment default)", "P(default)", N::Debt,
         nullptr, nullptr, nullptr, ESTIMATE(&s.p_default), DIFF(&p.p_default)},
        {"p_lockup", Scope::Deal, U::Probability, "P(lock-up)", "P(lock-up)", N::Debt,
         nullptr, nullptr, nullptr, ESTIMATE(&s.p_lockup), DIFF(&p.p_lockup)},
        // --- credit as lenders measure it (docs/credit.md section 5) ---
        {"pd_annual", Scope::Deal, U::Probability, "PD, annualised over the loan's life", "PD annual", N::Debt,
         nullptr, nullptr, nullptr, ESTIMATE(&s.pd_annual), nullptr},
        {"lgd", Scope::Deal, U::Probability, "LGD (exposure-weighted)", "LGD", N::Debt,
         nullptr, nullptr, nullptr, ESTIMATE(&s.lgd), nullptr},
        {"lgd_default_weighted", Scope::Deal, U::Probability, "LGD (default-weighted)", "LGD dw", N::Debt,
         nullptr, nullptr, nullptr, ESTIMATE(&s.lgd_default_weighted), nullptr},
        {"expected_loss", Scope::Deal, U::Probability, "Expected lender loss (PD x LGD, share of EAD)", "EL",
         N::Debt, nullptr, nullptr, nullptr, ESTIMATE(&s.expected_loss), DIFF(&p.expected_loss)},
        {"expected_loss_net", Scope::Deal, U::Probability,
         "Expected lender loss net of guarantee (share of EAD)", "EL net", N::Debt,
         nullptr, nullptr, nullptr, ESTIMATE(&s.expected_loss_net), DIFF(&p.expected_loss_net)},
        {"expected_loss_money", Scope::Deal, U::Money, "Expected lender loss in money", "EL money", N::Debt,
         nullptr, nullptr, nullptr, ESTIMATE(&s.expected_loss_money), DIFF(&p.expected_loss_money)},
        // --- per buyer (sections 4, 5, 6) ---
        {"delivered_tonnes", Scope::Buyer, U::Tonnes, "Buyer tonnes delivered", "delivered", N::Always,
         BUYER_PATH(b->delivered_tonnes), nullptr, BUYER_SUMMARY(delivered_tonnes), nullptr,
         DIFF(at(p.buyer_delivered_tonnes, i))},
        {"invoiced", Scope::Buyer, U::Money, "Buyer invoiced", "invoiced", N::Always,
         BUYER_PATH(b->invoiced), nullptr, nullptr, nullptr, nullptr},
        {"price_paid", Scope::Buyer, U::MoneyPerTonne, "Buyer price paid", "price paid", N::Always,
         BUYER_PATH(per_tonne(b, b->invoiced)), nullptr, BUYER_SUMMARY(price_paid), nullptr,
         DIFF(at(p.buyer_price_paid, i))},
        {"spot_price", Scope::Buyer, U::MoneyPerTonne, "Buyer spot price", "spot", N::Always,
         BUYER_PATH(per_tonne(b, b->spot_value)), nullptr, BUYER_SUMMARY(spot_price), nullptr, nullptr},
        {"price_premium", Scope::Buyer, U::MoneyPerTonne, "Buyer premium over spot", "premium", N::Always,
         BUYER_PATH(per_tonne(b, b->invoiced - b->spot_value)), nullptr, BUYER_SUMMARY(price_premium),
         nullptr, nullptr},
        {"prepayment_recovered", Scope::Buyer, U::Money, "Buyer prepayment recovered", "prepay recovered",
         N::Always, BUYER_PATH(b->prepayment_recovered), nullptr, BUYER_SUMMARY(prepayment_recovered),
         nullptr, nullptr},
        {"prepayment_lost", Scope::Buyer, U::Money, "Buyer prepayment lost", "prepay lost", N::Always,
         BUYER_PATH(b->prepayment_lost), nullptr, BUYER_SUMMARY(prepayment_lost), nullptr, nullptr},
        {"equity_irr", Scope::Buyer, U::Percent, "Buyer equity IRR", "equity IRR", N::Always,
         BUYER_PATH(b->equity_irr), nullptr, BUYER_SUMMARY(equity_irr), nullptr, nullptr},
        {"p_shortfall", Scope::Buyer, U::Probability, "Buyer P(delivery shortfall)", "P(shortfall)", N::Always,
         BUYER_PATH(flag(b->shortfall)), nullptr, nullptr, BUYER_ESTIMATE(p_shortfall), nullptr},
        {"p_default", Scope::Buyer, U::Probability, "Buyer P(default)", "P(default)", N::Always,
         BUYER_PATH(flag(b->defaulted)), nullptr, nullptr, BUYER_ESTIMATE(p_default), nullptr},
        // --- per debt tranche (docs/credit.md section 7), with debt.tranches only ---
        {"payment_default", Scope::Tranche, U::Flag, "Tranche event of default", "default", N::Tranches,
         TRANCHE_PATH(flag(x->defaulted)), nullptr, nullptr, nullptr, nullptr},
        {"exposure_at_default", Scope::Tranche, U::Money, "Tranche exposure at default", "EAD", N::Tranches,
         TRANCHE_PATH(x->exposure), nullptr, nullptr, nullptr, nullptr},
        {"recovery", Scope::Tranche, U::Money, "Tranche recovery (at the default date)", "recovery", N::Tranches,
         TRANCHE_PATH(x->recovery), nullptr, nullptr, nullptr, nullptr},
        {"loss", Scope::Tranche, U::Money, "Tranche loss", "loss", N::Tranches,
         TRANCHE_PATH(x->loss), nullptr, nullptr, nullptr, nullptr},
        {"p_default", Scope::Tranche, U::Probability, "Tranche P(default)", "P(default)", N::Tranches,
         nullptr, nullptr, nullptr, TRANCHE_ESTIMATE(p_default), nullptr},
        {"pd_annual", Scope::Tranche, U::Probability, "Tranche PD, annualised over its life", "PD annual",
         N::Tranches, nullptr, nullptr, nullptr, TRANCHE_ESTIMATE(pd_annual), nullptr},
        {"lgd", Scope::Tranche, U::Probability, "Tranche LGD (exposure-weighted)", "LGD", N::Tranches,
         nullptr, nullptr, nullptr, TRANCHE_ESTIMATE(lgd), nullptr},
        {"lgd_default_weighted", Scope::Tranche, U::Probability, "Tranche LGD (default-weighted)", "LGD dw",
         N::Tranches, nullptr, nullptr, nullptr, TRANCHE_ESTIMATE(lgd_default_weighted), nullptr},
        {"expected_loss", Scope::Tranche, U::Probability, "Tranche expected loss (PD x LGD, share of EAD)", "EL",
         N::Tranches, nullptr, nullptr, nullptr, TRANCHE_ESTIMATE(expected_loss), nullptr},
        {"expected_loss_money", Scope::Tranche, U::Money, "Tranche expected loss in money", "EL money",
         N::Tranches, nullptr, nullptr, nullptr, TRANCHE_ESTIMATE(expected_loss_money), nullptr},
    };
}

#undef PATH
#undef REPORT
#undef SUMMARY
#undef ESTIMATE
#undef DIFF
#undef BUYER_PATH
#undef BUYER_SUMMARY
#undef BUYER_ESTIMATE
#undef TRANCHE_PATH
#undef TRANCHE_ESTIMATE

MetricStatistics gated(MetricStatistics s) {
    for (auto* v : {&s.mean, &s.sd, &s.std_error, &s.p5, &s.p10, &s.p50, &s.p90, &s.p95}) *v = reportable(*v);
    for (auto& v : s.quantiles) v = reportable(v);
    return s;
}

}  // namespace

std::string table_unit(UnitKind unit, const std::string& currency) {
    switch (unit) {
        case UnitKind::Money: return currency + " m";
        case UnitKind::MoneyPerTonne: return currency + "/t";
        case UnitKind::Tonnes: return "t";
        case UnitKind::Percent:
        case UnitKind::Probability: return "%";
        case UnitKind::Ratio: return "x";
        case UnitKind::Years: return "years";
        case UnitKind::Count:
        case UnitKind::Flag: return "";
    }
    return "";
}

std::string plain_unit(UnitKind unit, const std::string& currency) {
    switch (unit) {
        case UnitKind::Money: return currency;
        case UnitKind::MoneyPerTonne: return currency + "/t";
        case UnitKind::Tonnes: return "t";
        case UnitKind::Percent:
        case UnitKind::Probability: return "fraction";
        case UnitKind::Ratio: return "x";
        case UnitKind::Years: return "years";
        case UnitKind::Count: return "count";
        case UnitKind::Flag: return "";
    }
    return "";
}

const std::vector<MetricEntry>& metric_catalogue() {
    static const std::vector<MetricEntry> catalogue = build_catalogue();
    return catalogue;
}

const MetricEntry* find_metric(const std::string& key, MetricScope scope) {
    for (const auto& e : metric_catalogue())
        if (e.scope == scope && key == e.key) return &e;
    return nullptr;
}

std::vector<MetricSlot> metric_slots(const std::vector<std::string>& investors,
                                     const std::vector<std::string>& buyers,
                                     bool (*keep)(const MetricEntry&),
                                     const std::vector<std::string>& tranches) {
    const auto& all = metric_catalogue();
    std::vector<MetricSlot> out;
    for (std::size_t k = 0; k < all.size();) {
        if (all[k].scope == MetricScope::Deal) {
            const bool wanted = all[k].needs != MetricNeeds::Tranches || !tranches.empty();
            if (wanted && (!keep || keep(all[k]))) out.push_back({&all[k], 0, ""});
            ++k;
            continue;
        }
        // A block of investor, buyer or tranche metrics: holder by holder.
        std::size_t end = k;
        while (end < all.size() && all[end].scope == all[k].scope) ++end;
        const auto& holders = all[k].scope == MetricScope::Investor ? investors
                              : all[k].scope == MetricScope::Buyer  ? buyers
                                                                    : tranches;
        for (std::size_t h = 0; h < holders.size(); ++h)
            for (std::size_t j = k; j < end; ++j)
                if (!keep || keep(all[j])) out.push_back({&all[j], h, holders[h]});
        k = end;
    }
    return out;
}

std::string metric_name(const MetricEntry& entry, std::size_t index) {
    switch (entry.scope) {
        case MetricScope::Deal: return entry.key;
        case MetricScope::Investor: return std::string(entry.key) + "[" + std::to_string(index) + "]";
        case MetricScope::Buyer: return "buyers[" + std::to_string(index) + "]." + entry.key;
        case MetricScope::Tranche: return "tranches[" + std::to_string(index) + "]." + entry.key;
    }
    return entry.key;
}

std::string difference_name(const MetricEntry& entry, std::size_t index) {
    if (entry.scope == MetricScope::Buyer) return "buyer_" + std::string(entry.key) + "[" + std::to_string(index) + "]";
    return metric_name(entry, index);
}

std::string metric_label(const MetricEntry& entry, const std::string& holder, const std::string& context) {
    std::string text = entry.label;
    if (!holder.empty()) text += ", " + holder;
    if (context.empty()) return text;
    if (holder.empty() && !text.empty() && text.back() == ')') {
        text.insert(text.size() - 1, ", " + context);
        return text;
    }
    return text + " (" + context + ")";
}

std::optional<double> path_value(const MetricEntry& entry, const PathResult& result, std::size_t index) {
    if (!entry.path) return std::nullopt;
    return reportable(entry.path(result, index));
}

std::optional<double> base_case_value(const MetricEntry& entry, const DealReport& report, std::size_t index) {
    if (entry.report) return reportable(entry.report(report, index));
    return path_value(entry, report.metrics, index);
}

MetricStatistics statistics_of(const MetricSummary& m) {
    MetricStatistics s;
    s.distribution = true;
    s.count = m.count;
    s.absent = m.absent;
    s.nonfinite = m.nonfinite;
    s.mean = m.mean;
    s.sd = m.sd;
    s.std_error = m.standard_error;
    s.p5 = m.p5;
    s.p10 = m.p10;
    s.p50 = m.p50;
    s.p90 = m.p90;
    s.p95 = m.p95;
    s.exact_quantiles = m.exact_quantiles;
    s.quantiles.assign(m.quantiles.begin(), m.quantiles.end());
    return gated(s);
}

MetricStatistics statistics_of(const Estimate& e) {
    MetricStatistics s;
    s.distribution = false;
    s.count = e.paths;
    s.nonfinite = e.nonfinite;
    if (e.paths > 0) s.mean = e.value;
    if (e.paths > 1) s.std_error = e.standard_error;
    return gated(s);
}

std::optional<MetricStatistics> monte_carlo_statistics(const MetricEntry& entry, const SimulationResult& result,
                                                       std::size_t index) {
    if (entry.summary) {
        if (const MetricSummary* m = entry.summary(result, index)) return statistics_of(*m);
    } else if (entry.estimate) {
        if (const Estimate* e = entry.estimate(result, index)) return statistics_of(*e);
    }
    return std::nullopt;
}

std::optional<MetricStatistics> difference_statistics(const MetricEntry& entry, const PairedDifferences& d,
                                                      std::size_t index) {
    if (!entry.difference) return std::nullopt;
    const Estimate* e = entry.difference(d, index);
    if (!e) return std::nullopt;
    return statistics_of(*e);
}

bool path_is_finite(const PathResult& result) {
    for (const auto& e : metric_catalogue()) {
        if (!e.path) continue;
        const std::size_t holders = e.scope == MetricScope::Deal       ? 1
                                    : e.scope == MetricScope::Investor ? result.equity_npv.size()
                                    : e.scope == MetricScope::Buyer    ? result.buyers.size()
                                    : result.tranches.empty()          ? 0
                                                                       : result.tranches.size() + 1;
        for (std::size_t i = 0; i < holders; ++i) {
            const auto v = e.path(result, i);
            if (v && !std::isfinite(*v)) return false;
        }
    }
    return true;
}

bool applies_to(const MetricEntry& entry, const Deal& deal) {
    switch (entry.needs) {
        case MetricNeeds::Always: return true;
        case MetricNeeds::Debt: return deal.debt.has_value();
        case MetricNeeds::SculptedDebt:
            return deal.debt.has_value() && deal.debt->profile == SeniorDebt::Profile::Sculpted;
        case MetricNeeds::Guarantee: return deal.debt.has_value() && deal.guarantee.has_value();
        case MetricNeeds::Tranches: return deal.debt.has_value() && !deal.debt->tranches.empty();
    }
    return true;
}

std::vector<std::string> tranche_names(const Deal& deal) {
    std::vector<std::string> out;
    if (!deal.debt || deal.debt->tranches.empty()) return out;
    out.push_back(deal.debt->name);
    // The waterfall's order (prepare_tranches): subordinated, then shareholder loans.
    for (bool shareholder : {false, true})
        for (const auto& t : deal.debt->tranches)
            if ((t.priority == DebtTranche::Priority::Shareholder) == shareholder) out.push_back(t.name);
    return out;
}

std::vector<std::string> tranche_names(const SimulationResult& result) {
    std::vector<std::string> out;
    for (const auto& t : result.tranches) out.push_back(t.name);
    return out;
}

}  // namespace offtake
