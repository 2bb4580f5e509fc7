#include "capi/result_build.hpp"

#include <offtake/result_json.hpp>

#include <ql/time/daycounters/actual365fixed.hpp>

#include <cmath>

namespace offtake::capi {

namespace {

constexpr unsigned bit(offtake_stat s) { return 1u << s; }

// Sets a field only when the value exists and is finite: NaN never reaches a caller.
void put(offtake_statistics& s, offtake_stat which, double& field, const std::optional<double>& v) {
    if (v && std::isfinite(*v)) {
        field = *v;
        s.present |= bit(which);
    }
}

offtake_statistics from_summary(const MetricSummary& m) {
    offtake_statistics s{};
    s.count = static_cast<long long>(m.count);
    s.absent = static_cast<long long>(m.absent);
    put(s, OFFTAKE_STAT_MEAN, s.mean, m.mean);
    put(s, OFFTAKE_STAT_SD, s.sd, m.sd);
    put(s, OFFTAKE_STAT_STD_ERROR, s.std_error, m.standard_error);
    put(s, OFFTAKE_STAT_P5, s.p5, m.p5);
    put(s, OFFTAKE_STAT_P10, s.p10, m.p10);
    put(s, OFFTAKE_STAT_P50, s.p50, m.p50);
    put(s, OFFTAKE_STAT_P90, s.p90, m.p90);
    put(s, OFFTAKE_STAT_P95, s.p95, m.p95);
    return s;
}

// A probability or expected value: the value and its standard error, no percentiles.
offtake_statistics from_estimate(const Estimate& e) {
    offtake_statistics s{};
    s.count = static_cast<long long>(e.paths);
    if (e.paths > 0) put(s, OFFTAKE_STAT_MEAN, s.mean, e.value);
    if (e.paths > 1) put(s, OFFTAKE_STAT_STD_ERROR, s.std_error, e.standard_error);
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

int measure_code(const std::string& measure) {
    if (measure == "real_world") return OFFTAKE_MEASURE_REAL_WORLD;
    if (measure == "risk_neutral") return OFFTAKE_MEASURE_RISK_NEUTRAL;
    return OFFTAKE_MEASURE_DEAL;
}

void fill_simulation(offtake_result& out, const SimulationResult& r, const Deal& deal) {
    out.kind = OFFTAKE_RESULT_MONTE_CARLO;
    out.paths = static_cast<long long>(r.paths);
    out.seed = r.seed;
    out.measure = measure_code(r.measure);

    add_metric(out, "npv", from_summary(r.npv));
    add_metric(out, "irr", from_summary(r.irr));
    for (std::size_t i = 0; i < r.equity_npv.size(); ++i)
        add_metric(out, "equity_npv[" + std::to_string(i) + "]", from_summary(r.equity_npv[i]));
    for (std::size_t i = 0; i < r.equity_irr.size(); ++i)
        add_metric(out, "equity_irr[" + std::to_string(i) + "]", from_summary(r.equity_irr[i]));
    add_metric(out, "dscr_min", from_summary(r.dscr_min));
    add_metric(out, "dscr_avg", from_summary(r.dscr_avg));
    add_metric(out, "llcr", from_summary(r.llcr));
    add_metric(out, "plcr", from_summary(r.plcr));
    add_metric(out, "payback_years", from_summary(r.payback_years));
    add_metric(out, "peak_debt", from_summary(r.peak_debt));
    add_metric(out, "p_dscr_below_1", from_estimate(r.p_dscr_below_1));
    add_metric(out, "p_dscr_below_covenant", from_estimate(r.p_dscr_below_covenant));
    add_metric(out, "p_default", from_estimate(r.p_default));
    add_metric(out, "p_lockup", from_estimate(r.p_lockup));
    add_metric(out, "expected_loss", from_estimate(r.expected_loss));
    add_metric(out, "expected_loss_net", from_estimate(r.expected_loss_net));
    for (std::size_t i = 0; i < r.buyers.size(); ++i) {
        const std::string p = "buyers[" + std::to_string(i) + "].";
        const auto& b = r.buyers[i];
        add_metric(out, p + "p_default", from_estimate(b.p_default));
        add_metric(out, p + "p_shortfall", from_estimate(b.p_shortfall));
        add_metric(out, p + "price_paid", from_summary(b.price_paid));
        add_metric(out, p + "spot_price", from_summary(b.spot_price));
        add_metric(out, p + "price_premium", from_summary(b.price_premium));
        add_metric(out, p + "delivered_tonnes", from_summary(b.delivered_tonnes));
        add_metric(out, p + "prepayment_lost", from_summary(b.prepayment_lost));
    }

    if (r.bankability) {
        const auto& b = *r.bankability;
        add_metric(out, "bankability.score", single_value(b.score));
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
    }
    for (std::size_t k = 0; k < c.differences.size(); ++k) {
        const auto& d = c.differences[k];
        const std::string p = "difference[" + std::to_string(k) + "].";
        add_metric(*out, p + "npv", from_estimate(d.npv));
        add_metric(*out, p + "irr", from_estimate(d.irr));
        add_metric(*out, p + "dscr_min", from_estimate(d.dscr_min));
        add_metric(*out, p + "dscr_avg", from_estimate(d.dscr_avg));
        add_metric(*out, p + "llcr", from_estimate(d.llcr));
        add_metric(*out, p + "plcr", from_estimate(d.plcr));
        for (std::size_t i = 0; i < d.equity_npv.size(); ++i)
            add_metric(*out, p + "equity_npv[" + std::to_string(i) + "]", from_estimate(d.equity_npv[i]));
        add_metric(*out, p + "p_dscr_below_1", from_estimate(d.p_dscr_below_1));
        add_metric(*out, p + "p_default", from_estimate(d.p_default));
        add_metric(*out, p + "p_lockup", from_estimate(d.p_lockup));
        add_metric(*out, p + "expected_loss", from_estimate(d.expected_loss));
        add_metric(*out, p + "expected_loss_net", from_estimate(d.expected_loss_net));
    }
    out->json = to_json(c, deal_pointers);
    return out;
}

std::unique_ptr<offtake_result> from_sizing(const DebtSizingResult& s, const Deal& deal) {
    auto out = std::make_unique<offtake_result>();
    out->kind = OFFTAKE_RESULT_DEBT_SIZING;
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
    }
    out->json = to_json(runs, &deal);
    return out;
}

}  // namespace offtake::capi
