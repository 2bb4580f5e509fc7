// The JSON documents of results (offtake/result_json.hpp, docs/json-output.md).
#include <offtake/metric_catalogue.hpp>
#include <offtake/montecarlo.hpp>
#include <offtake/result_json.hpp>
#include <offtake/version.h>

#include "reports/json_values.hpp"

#include <optional>

namespace offtake {

namespace {

using nlohmann::json;

json number(const std::optional<double>& x) { return io::json_number(x); }
json number(double x) { return io::json_number(x); }
json date_text(const QuantLib::Date& d) { return io::json_date(d); }

// Every Monte Carlo metric, a distribution or a probability, has the same keys.
json statistics(const MetricStatistics& s) {
    json quantiles = nullptr;
    if (!s.quantiles.empty()) {
        quantiles = json::array();
        for (const auto& q : s.quantiles) quantiles.push_back(number(q));
    }
    return json{{"quantiles", std::move(quantiles)},{"count", s.count},           {"absent", s.absent},
                {"nonfinite", s.nonfinite},
                {"mean", number(s.mean)},      {"sd", number(s.sd)},
                {"std_error", number(s.std_error)},
                {"p5", number(s.p5)},          {"p10", number(s.p10)},
                {"p50", number(s.p50)},        {"p90", number(s.p90)},
                {"p95", number(s.p95)},        {"exact_quantiles", s.exact_quantiles}};
}

json bankability(const std::optional<BankabilityScore>& b) {
    if (!b) return nullptr;
    json factors = json::array();
    for (const auto& f : b->factors)
        factors.push_back({{"id", f.id},
                           {"group", f.group},
                           {"label", f.label},
                           {"value", number(f.value)},
                           {"sub_score", number(f.sub_score)},
                           {"weight", number(f.weight)},
                           {"contribution", number(f.contribution)},
                           {"applicable", f.applicable}});
    return json{{"score", number(b->score)},
                {"category", b->category},
                {"risk_weight", number(b->risk_weight)},
                {"scorecard", b->scorecard},
                {"senior_debt", b->senior_debt},
                {"not_applicable", b->not_applicable},
                {"annual_expected_loss", number(b->annual_expected_loss)},
                {"expected_loss_category", b->expected_loss_category.empty() ? json(nullptr) : json(b->expected_loss_category)},
                {"consistency_note", b->consistency_note.empty() ? json(nullptr) : json(b->consistency_note)},
                {"factors", std::move(factors)}};
}

json band_series(const std::vector<Band>& series) {
    json p5 = json::array(), p50 = json::array(), p95 = json::array();
    for (const auto& b : series) {
        p5.push_back(number(b.p5));
        p50.push_back(number(b.p50));
        p95.push_back(number(b.p95));
    }
    return json{{"p5", std::move(p5)}, {"p50", std::move(p50)}, {"p95", std::move(p95)}};
}

// When defaults happen, per period (docs/json-output.md, `default_timing`); the
// cumulative share is the running sum of the per-period shares.
json default_timing(const SimulationResult& r) {
    if (r.default_by_period.empty() || r.bands.dates.size() != r.default_by_period.size()) return nullptr;
    json dates = json::array(), share = json::array(), error = json::array(), cumulative = json::array();
    double running = 0.0;
    for (std::size_t t = 0; t < r.default_by_period.size(); ++t) {
        const Estimate& e = r.default_by_period[t];
        dates.push_back(date_text(r.bands.dates[t]));
        share.push_back(number(e.value));
        error.push_back(number(e.standard_error));
        running += e.value;
        cumulative.push_back(number(running));
    }
    return json{{"dates", std::move(dates)}, {"p_default", std::move(share)}, {"std_error", std::move(error)},
                {"cumulative", std::move(cumulative)}};
}

json bands(const PeriodBands& b) {
    if (b.dates.empty()) return nullptr;
    json dates = json::array();
    for (const auto& d : b.dates) dates.push_back(date_text(d));
    return json{{"dates", std::move(dates)},
                {"price", band_series(b.price)},
                {"cfads", band_series(b.cfads)},
                {"dscr", band_series(b.dscr)},
                {"cash_balance", band_series(b.cash_balance)}};
}

// The catalogue's metrics of one scope, as `out[key]` (deal metrics), `out[key]` lists
// with an "investor" name per entry (investor metrics), or inside each buyer's object.
void monte_carlo_metrics(json& out, const SimulationResult& r) {
    const auto& all = metric_catalogue();
    for (const auto& e : all) {
        if (!e.in_monte_carlo()) continue;
        if (e.scope == MetricScope::Deal) {
            if (auto s = monte_carlo_statistics(e, r, 0)) out[e.key] = statistics(*s);
        } else if (e.scope == MetricScope::Investor) {
            json list = json::array();
            for (std::size_t i = 0;; ++i) {
                auto s = monte_carlo_statistics(e, r, i);
                if (!s) break;
                json entry = statistics(*s);
                entry["investor"] = i < r.investors.size() ? json(r.investors[i]) : json(nullptr);
                list.push_back(std::move(entry));
            }
            out[e.key] = std::move(list);
        }
    }
    json buyers = json::array();
    for (std::size_t i = 0; i < r.buyers.size(); ++i) {
        const auto& b = r.buyers[i];
        json entry{{"buyer", b.buyer}, {"contracted_tonnes", number(b.contracted_tonnes)}};
        for (const auto& e : all)
            if (e.scope == MetricScope::Buyer && e.in_monte_carlo())
                if (auto s = monte_carlo_statistics(e, r, i)) entry[e.key] = statistics(*s);
        buyers.push_back(std::move(entry));
    }
    out["buyers"] = std::move(buyers);
    // Per debt tranche (docs/credit.md section 7), senior first; only with debt.tranches.
    if (!r.tranches.empty()) {
        json tranches = json::array();
        for (std::size_t i = 0; i < r.tranches.size(); ++i) {
            const auto& t = r.tranches[i];
            json entry{{"name", t.name},
                       {"priority", t.priority},
                       {"loan_years", t.loan_years > 0.0 ? number(t.loan_years) : json(nullptr)},
                       {"implied_rating", t.implied_rating.empty() ? json(nullptr) : json(t.implied_rating)}};
            for (const auto& e : all)
                if (e.scope == MetricScope::Tranche && e.in_monte_carlo())
                    if (auto s = monte_carlo_statistics(e, r, i)) entry[e.key] = statistics(*s);
            tranches.push_back(std::move(entry));
        }
        out["tranches"] = std::move(tranches);
    }
}

// Beside the catalogue's credit statistics: the rating they imply and the loan's life
// the PD is annualised over (docs/credit.md section 5).
void credit_rating(json& out, const SimulationResult& r) {
    out["loan_years"] = r.loan_years > 0.0 ? number(r.loan_years) : json(nullptr);
    out["implied_rating"] = r.implied_rating.empty() ? json(nullptr) : json(r.implied_rating);
}

json deal_object(const Deal* deal) {
    if (deal == nullptr) return nullptr;
    return json{{"name", deal->project.name}, {"source", deal->source}};
}

// The keys that open every run document, in this order: what was run, by which library,
// on which inputs, in which currency. An empty version is this library's.
json run_header(const char* kind, const std::string& library_version, const Deal* deal,
                const std::string& inputs_hash, const std::string& currency) {
    json out = json::object();
    out["kind"] = kind;
    out["library_version"] = library_version.empty() ? std::string(OFFTAKE_VERSION_STRING) : library_version;
    out["deal"] = deal_object(deal);
    out["inputs_hash"] = inputs_hash;
    out["currency"] = currency;
    return out;
}

json simulation(const SimulationResult& r, const Deal* deal) {
    json out = run_header("monte_carlo", r.library_version, deal, r.inputs_hash, r.currency);
    out["nonfinite_paths"] = r.nonfinite_paths;
    out["seed"] = r.seed;
    out["paths"] = r.paths;
    out["paths_requested"] = r.paths_requested;
    out["measure"] = r.measure;
    out["threads"] = r.threads;
    out["antithetic"] = r.antithetic;
    out["price_aggregation"] = r.price_aggregation;
    out["scenario_origin"] = r.scenario_origin;
    out["cancelled"] = r.cancelled;
    out["price_model"] = r.price_model;
    out["seconds"] = number(r.seconds);
    monte_carlo_metrics(out, r);
    credit_rating(out, r);
    out["covenant_dscr"] = number(r.covenant_dscr);
    out["bankability"] = bankability(r.bankability);
    out["bands"] = bands(r.bands);
    out["default_timing"] = default_timing(r);
    return out;
}

// Paired differences of every catalogue metric that has them: deal metrics by key,
// investor metrics as lists, buyer metrics as lists named buyer_<key>.
json differences(const PairedDifferences& d) {
    json out = json::object();
    for (const auto& e : metric_catalogue()) {
        if (!e.in_differences()) continue;
        if (e.scope == MetricScope::Deal) {
            if (auto s = difference_statistics(e, d, 0)) out[e.key] = statistics(*s);
            continue;
        }
        json list = json::array();
        for (std::size_t i = 0;; ++i) {
            auto s = difference_statistics(e, d, i);
            if (!s) break;
            list.push_back(statistics(*s));
        }
        out[e.scope == MetricScope::Buyer ? "buyer_" + std::string(e.key) : std::string(e.key)] = std::move(list);
    }
    return out;
}

std::string dump(const json& j, int indent) { return io::json_text(j, indent); }

json estimate(const Estimate& e) {
    const MetricStatistics s = statistics_of(e);
    return json{{"mean", number(s.mean)}, {"std_error", number(s.std_error)}, {"count", s.count}};
}

}  // namespace

namespace io {
nlohmann::json statistics_json(const MetricStatistics& s) { return statistics(s); }
nlohmann::json simulation_json(const SimulationResult& r, const Deal* deal) { return simulation(r, deal); }
}  // namespace io

std::string to_json(const TornadoTable& t, const Deal* deal, int indent) {
    json out = run_header("tornado", "", deal, t.inputs_hash, t.currency);
    out["seed"] = t.seed;
    out["paths"] = t.paths;
    out["measure"] = t.measure;
    out["base"] = json{{"npv", estimate(t.base_npv)},
                       {"dscr_min_p50", number(t.base_p50_dscr_min)},
                       {"p_default", estimate(t.base_p_default)}};
    json rows = json::array();
    for (const auto& r : t.rows)
        rows.push_back(json{{"input", r.name},
                            {"low", r.low_label},
                            {"high", r.high_label},
                            {"npv_low", estimate(r.npv_low)},
                            {"npv_high", estimate(r.npv_high)},
                            {"npv_swing", number(r.npv_high.value - r.npv_low.value)},
                            {"dscr_min_p50_low", number(r.p50_dscr_min_low)},
                            {"dscr_min_p50_high", number(r.p50_dscr_min_high)},
                            {"p_default_low", estimate(r.p_default_low)},
                            {"p_default_high", estimate(r.p_default_high)}});
    out["rows"] = std::move(rows);
    return dump(out, indent);
}

std::string to_json(const SimulationResult& result, const Deal* deal, int indent) {
    return dump(simulation(result, deal), indent);
}

std::string to_json(const DealComparison& comparison, const std::vector<const Deal*>& deals, int indent) {
    json out = json::object();
    out["kind"] = "comparison";
    out["library_version"] = OFFTAKE_VERSION_STRING;
    // The baseline's: paired differences are in its units.
    out["currency"] = comparison.results.empty() ? json(nullptr) : json(comparison.results.front().currency);
    json results = json::array();
    for (std::size_t k = 0; k < comparison.results.size(); ++k)
        results.push_back(simulation(comparison.results[k], k < deals.size() ? deals[k] : nullptr));
    out["deals"] = std::move(results);
    json diffs = json::array();
    for (const auto& d : comparison.differences) diffs.push_back(differences(d));
    out["differences"] = std::move(diffs);
    return dump(out, indent);
}

std::string to_json(const DebtSizingResult& sizing, const Deal* deal, int indent) {
    json out = json::object();
    out["kind"] = "debt_sizing";
    out["library_version"] = OFFTAKE_VERSION_STRING;
    out["currency"] = sizing.result.currency;
    out["deal"] = deal_object(deal);
    out["feasible"] = sizing.feasible;
    out["gearing"] = number(sizing.gearing);
    out["gearing_achieved"] = number(sizing.gearing_achieved);
    out["debt"] = number(sizing.debt);
    out["binding"] = sizing.binding;
    out["iterations"] = sizing.iterations;
    // A tranche below the senior debt sized on the total DSCR (docs/credit.md section 7).
    if (!sizing.tranche.empty()) out["tranche"] = sizing.tranche;
    json failing = json::object();
    failing["gearing"] = number(sizing.smallest_failing_gearing);
    failing["dscr_at_percentile"] = number(sizing.dscr_at_smallest_failing);
    failing["llcr_at_percentile"] = number(sizing.llcr_at_smallest_failing);
    failing["share_negative_min_dscr"] = number(sizing.share_negative_dscr);
    out["smallest_failing"] = std::move(failing);
    out["result"] = simulation(sizing.result, deal);
    return dump(out, indent);
}

std::string to_json(const std::vector<StressResult>& stress, const Deal* deal, int indent) {
    json out = json::object();
    out["kind"] = "stress";
    out["library_version"] = OFFTAKE_VERSION_STRING;
    out["deal"] = deal_object(deal);
    if (!stress.empty()) {
        const auto& first = stress.front().result;
        out["currency"] = first.currency;
        out["seed"] = first.seed;
        out["paths"] = first.paths;
        out["measure"] = first.measure;
    } else {
        out["currency"] = deal ? json(deal->project.currency) : json(nullptr);
        out["seed"] = nullptr;
        out["paths"] = nullptr;
        out["measure"] = nullptr;
    }
    json scenarios = json::array();
    for (const auto& run : stress) {
        const auto& s = run.scenario;
        json changes{{"price_shock", number(s.price_shock)},
                     {"capex_overrun", number(s.capex_overrun)},
                     {"construction_delay_periods", s.construction_delay_periods},
                     {"production_shortfall", number(s.production_shortfall)},
                     {"opex_change", number(s.opex_change)},
                     {"rate_shift_bps", number(s.rate_shift_bps)}};
        scenarios.push_back(json{{"name", s.name}, {"changes", std::move(changes)},
                                 {"result", simulation(run.result, deal)}});
    }
    out["scenarios"] = std::move(scenarios);
    return dump(out, indent);
}

}  // namespace offtake
