#include "capi/result_build.hpp"

#include <offtake/negotiation.hpp>
#include <offtake/portfolio_run.hpp>

#include <offtake/metric_catalogue.hpp>
#include <offtake/result_json.hpp>

#include <ql/time/daycounters/actual365fixed.hpp>

#include <cmath>

namespace offtake::capi {

namespace {

constexpr unsigned bit(offtake_stat s) { return 1u << s; }

// A catalogue statistic (already through the one gate, reportable()) as the C record:
// each field present only when it has a value, so NaN never reaches a caller.
void put(offtake_statistics& s, offtake_stat which, double& field, const std::optional<double>& v) {
    if (v) {
        field = *v;
        s.present |= bit(which);
    }
}

offtake_statistics from_statistics(const MetricStatistics& m) {
    offtake_statistics s{};
    s.count = static_cast<long long>(m.count);
    s.absent = static_cast<long long>(m.absent);
    put(s, OFFTAKE_STAT_MEAN, s.mean, m.mean);
    put(s, OFFTAKE_STAT_SD, s.sd, m.sd);
    put(s, OFFTAKE_STAT_STD_ERROR, s.std_error, m.std_error);
    put(s, OFFTAKE_STAT_P5, s.p5, m.p5);
    put(s, OFFTAKE_STAT_P10, s.p10, m.p10);
    put(s, OFFTAKE_STAT_P50, s.p50, m.p50);
    put(s, OFFTAKE_STAT_P90, s.p90, m.p90);
    put(s, OFFTAKE_STAT_P95, s.p95, m.p95);
    return s;
}

std::vector<double> band_values(const std::vector<Band>& series, std::optional<double> Band::*which) {
    std::vector<double> out;
    out.reserve(series.size());
    for (const auto& b : series) {
        const auto& v = b.*which;
        out.push_back(v && std::isfinite(*v) ? *v : 0.0);
    }
    return out;
}

bool in_monte_carlo(const MetricEntry& e) { return e.in_monte_carlo(); }

// The investor's or buyer's name a paired difference is about (the baseline's).
std::string difference_holder(const DealComparison& c, const MetricEntry& e, std::size_t i) {
    if (c.results.empty()) return "";
    const auto& base = c.results.front();
    if (e.scope == MetricScope::Investor && i < base.investors.size()) return base.investors[i];
    if (e.scope == MetricScope::Buyer && i < base.buyers.size()) return base.buyers[i].buyer;
    return "";
}

int measure_code(const std::string& measure) {
    if (measure == "real_world") return OFFTAKE_MEASURE_REAL_WORLD;
    if (measure == "risk_neutral") return OFFTAKE_MEASURE_RISK_NEUTRAL;
    if (measure == "lenders_case") return OFFTAKE_MEASURE_LENDERS_CASE;
    return OFFTAKE_MEASURE_DEAL;
}

void fill_simulation(offtake_result& out, const SimulationResult& r, const Deal& deal) {
    out.kind = OFFTAKE_RESULT_MONTE_CARLO;
    out.currency = r.currency;
    out.paths = static_cast<long long>(r.paths);
    out.seed = r.seed;
    out.measure = measure_code(r.measure);

    std::vector<std::string> buyers;
    for (const auto& b : r.buyers) buyers.push_back(b.buyer);
    for (const auto& slot : metric_slots(r.investors, buyers, in_monte_carlo, tranche_names(r))) {
        const auto m = monte_carlo_statistics(*slot.entry, r, slot.index);
        if (m) add_catalogue_metric(out, metric_name(*slot.entry, slot.index), from_statistics(*m), slot, r.currency,
                                    static_cast<long long>(m->nonfinite));
    }

    add_metric(out, "nonfinite_paths", single_value(static_cast<double>(r.nonfinite_paths)),
               "Paths with a NaN or infinite metric", "count");

    if (r.bankability) {
        const auto& b = *r.bankability;
        add_metric(out, "bankability.score", single_value(b.score), "Bankability score", "points");
        auto card = std::make_unique<Bankability>();
        card->score = b.score;
        card->category = b.category;
        card->risk_weight = b.risk_weight;
        card->scorecard = b.scorecard;
        for (const auto& f : b.factors) {
            Factor factor;
            factor.id = f.id;
            factor.group = f.group;
            factor.label = f.label;
            factor.has_value = f.value.has_value() && std::isfinite(*f.value);
            factor.value = factor.has_value ? *f.value : 0.0;
            factor.sub_score = f.sub_score;
            factor.weight = f.weight;
            factor.contribution = f.contribution;
            card->factors.push_back(std::move(factor));
        }
        out.bankability = std::move(card);
    }

    const auto& bands = r.bands;
    if (!bands.dates.empty()) {
        const QuantLib::Actual365Fixed day_counter;
        for (const auto& d : bands.dates)
            out.period_years.push_back(day_counter.yearFraction(deal.project.time.start, d));
        const std::pair<const char*, const std::vector<Band>*> series[] = {
            {"price", &bands.price}, {"cfads", &bands.cfads}, {"dscr", &bands.dscr},
            {"cash_balance", &bands.cash_balance}};
        for (const auto& [name, values] : series) {
            if (values->empty()) continue;
            out.bands[std::string(name) + "/p5"] = band_values(*values, &Band::p5);
            out.bands[std::string(name) + "/p50"] = band_values(*values, &Band::p50);
            out.bands[std::string(name) + "/p95"] = band_values(*values, &Band::p95);
        }
    }
}

}  // namespace

void add_catalogue_metric(offtake_result& out, const std::string& name, const offtake_statistics& s,
                          const MetricSlot& slot, const std::string& currency, long long nonfinite) {
    add_metric(out, name, s, metric_label(*slot.entry, slot.holder), plain_unit(slot.entry->unit, currency),
               nonfinite);
}

std::unique_ptr<offtake_result> from_simulation(const SimulationResult& r, const Deal& deal) {
    auto out = std::make_unique<offtake_result>();
    fill_simulation(*out, r, deal);
    out->json = to_json(r, &deal);
    return out;
}

std::unique_ptr<offtake_result> from_comparison(const DealComparison& c, const std::vector<Deal>& deals) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_COMPARISON;
    std::vector<const Deal*> deal_pointers;
    for (std::size_t k = 0; k < c.results.size() && k < deals.size(); ++k) {
        out->items.push_back(from_simulation(c.results[k], deals[k]));
        out->items.back()->label = deals[k].project.name;
        deal_pointers.push_back(&deals[k]);
    }
    if (!c.results.empty()) {
        out->paths = static_cast<long long>(c.results.front().paths);
        out->seed = c.results.front().seed;
        out->measure = measure_code(c.results.front().measure);
        out->currency = c.results.front().currency;
    }
    const std::string currency = c.results.empty() ? std::string(kDefaultCurrency) : c.results.front().currency;
    for (std::size_t k = 0; k < c.differences.size(); ++k) {
        const auto& d = c.differences[k];
        const std::string p = "difference[" + std::to_string(k) + "].";
        for (const auto& e : metric_catalogue()) {
            if (!e.in_differences()) continue;
            for (std::size_t i = 0;; ++i) {
                const auto m = difference_statistics(e, d, i);
                if (!m) break;
                const std::string holder = difference_holder(c, e, i);
                add_catalogue_metric(*out, p + difference_name(e, i), from_statistics(*m),
                                     MetricSlot{&e, i, holder}, currency, static_cast<long long>(m->nonfinite));
                if (e.scope == MetricScope::Deal) break;
            }
        }
    }
    out->json = to_json(c, deal_pointers);
    return out;
}

std::unique_ptr<offtake_result> from_sizing(const DebtSizingResult& s, const Deal& deal) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_DEBT_SIZING;
    out->currency = s.result.currency;
    out->paths = static_cast<long long>(s.result.paths);
    out->seed = s.result.seed;
    out->measure = measure_code(s.result.measure);
    add_metric(*out, "gearing", single_value(s.gearing));
    add_metric(*out, "debt", single_value(s.debt));
    add_metric(*out, "feasible", single_value(s.feasible ? 1.0 : 0.0));
    add_metric(*out, "iterations", single_value(static_cast<double>(s.iterations)));
    add_metric(*out, "smallest_failing_gearing", single_value(s.smallest_failing_gearing));
    add_metric(*out, "dscr_at_smallest_failing", single_value(s.dscr_at_smallest_failing));
    add_metric(*out, "share_negative_min_dscr", single_value(s.share_negative_dscr));
    out->items.push_back(from_simulation(s.result, deal));
    out->items.back()->label = "sized";
    out->json = to_json(s, &deal);
    return out;
}

std::unique_ptr<offtake_result> from_stress(const std::vector<StressResult>& runs, const Deal& deal) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_STRESS;
    for (const auto& run : runs) {
        // The stressed deal keeps its start date and name, so the base deal dates the
        // periods (a delay adds periods to the run's own dates) and names each item.
        out->items.push_back(from_simulation(run.result, deal));
        out->items.back()->label = run.scenario.name;
    }
    if (!runs.empty()) {
        const auto& base = runs.front().result;
        out->paths = static_cast<long long>(base.paths);
        out->seed = base.seed;
        out->measure = measure_code(base.measure);
        out->currency = base.currency;
    }
    out->json = to_json(runs, &deal);
    return out;
}

std::unique_ptr<offtake_result> from_negotiation(const ThresholdSearch& s, const Deal& deal) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_NEGOTIATION;
    const SimulationResult& r = s.at_threshold.result;
    out->currency = r.currency;
    out->paths = static_cast<long long>(r.paths);
    out->seed = r.seed;
    out->measure = measure_code(r.measure);
    add_metric(*out, "threshold", single_value(s.threshold));
    add_metric(*out, "threshold_std_error", single_value(s.threshold_std_error));
    add_metric(*out, "slope", single_value(s.slope));
    add_metric(*out, "bracket_low", single_value(s.bracket_low));
    add_metric(*out, "bracket_high", single_value(s.bracket_high));
    add_metric(*out, "runs", single_value(static_cast<double>(s.runs)));
    add_metric(*out, "at_least", single_value(s.direction == "at_least"  ? std::optional<double>(1.0)
                                              : s.direction == "at_most" ? std::optional<double>(0.0)
                                                                         : std::nullopt));
    out->items.push_back(from_simulation(r, deal));
    out->items.back()->label = "threshold";
    out->json = to_json(s, &deal);
    return out;
}

// The portfolio (docs/portfolio.md): per product and year every metric of the supply
// catalogue as "<product>.<year>.<key>", P(unmet > x) as "...p_shortfall[k]", CVaR 95 %
// as "...cvar95_unmet_tonnes", the capital at risk as "capital_at_risk.<key>", one item
// per position (the project's own Monte Carlo result, labelled with its deal file).
std::unique_ptr<offtake_result> from_portfolio(const PortfolioResult& r) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_PORTFOLIO;
    out->paths = static_cast<long long>(r.paths);
    out->seed = r.seed;
    out->measure = measure_code(r.measure);
    out->currency = r.currency;
    for (const auto& p : r.products)
        for (const auto& y : p.years) {
            const std::string cell = std::string(to_string(p.product)) + "." + std::to_string(y.year) + ".";
            const std::string when = std::string(", ") + to_string(p.product) + " " + std::to_string(y.year);
            add_metric(*out, cell + "need_tonnes", single_value(y.need), "Need" + when, "t");
            for (const auto& m : supply_metrics()) {
                const MetricStatistics st = m.summary ? statistics_of(y.*(m.summary)) : statistics_of(y.*(m.estimate));
                add_metric(*out, cell + m.key, from_statistics(st), std::string(m.label) + when,
                           plain_unit(m.unit, r.currency), static_cast<long long>(st.nonfinite));
            }
            for (std::size_t k = 0; k < y.p_shortfall.size() && k < r.report.shortfall_thresholds.size(); ++k)
                add_metric(*out, cell + "p_shortfall[" + std::to_string(k) + "]",
                           from_statistics(statistics_of(y.p_shortfall[k])),
                           "P(unmet > " + std::to_string(static_cast<int>(std::lround(100 * r.report.shortfall_thresholds[k]))) +
                               " % of need)" + when,
                           "fraction");
            add_metric(*out, cell + "cvar95_unmet_tonnes", single_value(y.cvar95_unmet),
                       "CVaR 95 % of unmet tonnes" + when, "t");
        }
    const CapitalAtRisk& c = r.capital;
    add_metric(*out, "capital_at_risk.prepayments_committed", single_value(c.prepayments_committed),
               "Prepayments committed", r.currency);
    const std::pair<const char*, const MetricSummary*> capital[] = {
        {"prepayment_lost", &c.prepayment_lost}, {"equity_npv", &c.equity_npv},
        {"guarantee_paid", &c.guarantee_paid}, {"loss", &c.loss}};
    const char* labels[] = {"Prepayments lost", "Equity NPV of the buyer's stakes", "Guarantees paid",
                            "Loss (prepayments lost + guarantees paid)"};
    for (std::size_t i = 0; i < 4; ++i)
        add_metric(*out, std::string("capital_at_risk.") + capital[i].first,
                   from_statistics(statistics_of(*capital[i].second)), labels[i], r.currency);
    for (std::size_t k = 0; k < r.projects.size() && k < r.positions.size(); ++k) {
        out->items.push_back(from_simulation(r.projects[k], r.positions[k].deal));
        out->items.back()->label = r.positions[k].deal_file;
    }
    out->json = to_json(r);
    return out;
}

namespace {
offtake_statistics estimate_value(const Estimate& e) {
    offtake_statistics s{};
    if (!std::isfinite(e.value)) {
        s.absent = 1;
        return s;
    }
    s.count = static_cast<long long>(e.paths);
    s.mean = e.value;
    s.present |= bit(OFFTAKE_STAT_MEAN);
    if (std::isfinite(e.standard_error)) {
        s.std_error = e.standard_error;
        s.present |= bit(OFFTAKE_STAT_STD_ERROR);
    }
    return s;
}
}  // namespace

std::unique_ptr<offtake_result> from_design(const DesignSearch& s, const Deal& deal, const Deal* recommended) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_NEGOTIATION_FRONTIER;
    const std::string currency = s.points.empty() ? std::string(kDefaultCurrency) : s.points.front().candidate.result.currency;
    if (!s.points.empty()) {
        const SimulationResult& r = s.points.front().candidate.result;
        out->currency = r.currency;
        out->paths = static_cast<long long>(r.paths);
        out->seed = r.seed;
        out->measure = measure_code(r.measure);
    }
    std::size_t frontier = 0;
    for (const auto& p : s.points) frontier += p.on_frontier ? 1 : 0;
    add_metric(*out, "points", single_value(static_cast<double>(s.points.size())), "Structures tried", "count");
    add_metric(*out, "frontier_points", single_value(static_cast<double>(frontier)), "Structures on the frontier", "count");
    add_metric(*out, "recommended",
               single_value(s.recommended ? std::optional<double>(static_cast<double>(*s.recommended)) : std::nullopt),
               "Recommended structure (index)", "count");
    if (s.optimiser) {
        add_metric(*out, "evaluations", single_value(static_cast<double>(s.optimiser->evaluations)), "Runs", "count");
        add_metric(*out, "stopped_at_tolerance", single_value(s.optimiser->stop == "tolerance" ? 1.0 : 0.0),
                   "Stopped at the tolerance", "");
    }
    for (std::size_t k = 0; k < s.points.size(); ++k) {
        const DesignPoint& p = s.points[k];
        const SimulationResult& r = p.candidate.result;
        const std::string at = "point[" + std::to_string(k) + "].";
        for (std::size_t i = 0; i < p.candidate.terms.size(); ++i)
            add_metric(*out, at + "term[" + std::to_string(i) + "]", single_value(p.candidate.terms[i]),
                       i < s.terms.size() ? s.terms[i].path : std::string());
        add_metric(*out, at + "meets", single_value(p.candidate.meets ? 1.0 : 0.0), "Meets the target", "");
        add_metric(*out, at + "on_frontier", single_value(p.on_frontier ? 1.0 : 0.0), "On the frontier", "");
        add_metric(*out, at + "buyer_cost_against_spot", estimate_value(p.buyer.cost_against_spot),
                   "Buyer's cost against spot", currency);
        add_metric(*out, at + "buyer_capital_at_risk", single_value(p.buyer.capital_at_risk), "Buyer's capital at risk",
                   currency);
        add_metric(*out, at + "buyer_expected_loss", estimate_value(p.buyer.expected_loss),
                   "Buyer's expected loss on its capital", currency);
        add_metric(*out, at + "buyer_p_shortfall", estimate_value(p.buyer.p_shortfall), "Buyer's P(shortfall)",
                   "fraction");
        add_metric(*out, at + "p_default", estimate_value(r.p_default), "P(default)", "fraction");
        add_metric(*out, at + "expected_loss", estimate_value(r.expected_loss), "Expected loss", "fraction");
        add_metric(*out, at + "p10_dscr_min", single_value(r.dscr_min.p10), "P10 of min DSCR", "x");
        add_metric(*out, at + "score",
                   single_value(r.bankability ? std::optional<double>(r.bankability->score) : std::nullopt),
                   "Bankability score", "points");
    }
    if (s.recommended) {
        out->items.push_back(from_simulation(s.points[*s.recommended].candidate.result, recommended ? *recommended : deal));
        out->items.back()->label = "recommended";
    }
    out->json = to_json(s, &deal);
    return out;
}

}  // namespace offtake::capi
