// The portfolio's JSON document (docs/json-output.md, "Portfolio"): the run, the buyer's
// supply per product and year (every metric of supply_metrics() with the Monte Carlo
// keys), the positions, and each project's own Monte Carlo document.
#include <offtake/portfolio_run.hpp>
#include <offtake/result_json.hpp>
#include <offtake/version.h>

#include "reports/json_values.hpp"
#include "reports/portfolio_json_parts.hpp"

namespace offtake {

namespace {

using nlohmann::json;

json estimate(const Estimate& e) {
    const MetricStatistics s = statistics_of(e);
    return json{{"mean", io::json_number(s.mean)}, {"std_error", io::json_number(s.std_error)}, {"count", s.count}};
}

json shares(const std::vector<CountryShare>& list) {
    json out = json::array();
    for (const auto& c : list)
        out.push_back(json{{"country", c.country}, {"third_country", c.third_country}, {"share", estimate(c.share)}});
    return out;
}

json year_json(const SupplyYear& y, const PortfolioReport& report) {
    json out = json::object();
    out["year"] = y.year;
    out["need_tonnes"] = io::json_number(y.need);
    for (const auto& m : supply_metrics())
        out[m.key] = m.summary ? io::statistics_json(statistics_of(y.*(m.summary))) : estimate(y.*(m.estimate));
    json p = json::array();
    for (std::size_t k = 0; k < y.p_shortfall.size(); ++k) {
        json e = estimate(y.p_shortfall[k]);
        e["threshold"] = io::json_number(report.shortfall_thresholds[k]);
        p.push_back(std::move(e));
    }
    out["p_shortfall"] = std::move(p);
    // E[unmet] with its standard error: the mean of unmet_tonnes, named as the brief asks.
    out["expected_unmet_tonnes"] = json{{"mean", io::json_number(y.unmet.mean)},
                                        {"std_error", io::json_number(y.unmet.standard_error)},
                                        {"count", y.unmet.count}};
    out["cvar95_unmet_tonnes"] = io::json_number(y.cvar95_unmet);
    out["mining_shares"] = shares(y.mining);
    out["processing_shares"] = shares(y.processing);
    return out;
}

json names(const std::vector<std::string>& v) {
    json out = json::array();
    for (const auto& s : v) out.push_back(s);
    return out;
}

}  // namespace

namespace io {

json products_json(const std::vector<ProductSupply>& list, const PortfolioReport& report) {
    json products = json::array();
    for (const auto& p : list) {
        json years = json::array();
        for (const auto& y : p.years) years.push_back(year_json(y, report));
        products.push_back(json{{"product", to_string(p.product)}, {"years", std::move(years)}});
    }
    return products;
}

json capital_json(const CapitalAtRisk& c) {
    return json{{"prepayments_committed", io::json_number(c.prepayments_committed)},
                {"prepayment_lost", io::statistics_json(statistics_of(c.prepayment_lost))},
                {"equity_npv", io::statistics_json(statistics_of(c.equity_npv))},
                {"guarantee_paid", io::statistics_json(statistics_of(c.guarantee_paid))},
                {"loss", io::statistics_json(statistics_of(c.loss))}};
}

json estimate_json(const Estimate& e) { return estimate(e); }

json portfolio_document(const PortfolioResult& r) {
    json out = json::object();
    out["kind"] = "portfolio";
    out["library_version"] = r.library_version.empty() ? std::string(OFFTAKE_VERSION_STRING) : r.library_version;
    out["buyer"] = r.buyer;
    out["source"] = r.source;
    out["inputs_hash"] = r.inputs_hash;
    out["currency"] = r.currency;
    out["seed"] = r.seed;
    out["paths"] = r.paths;
    out["paths_requested"] = r.paths_requested;
    out["measure"] = r.measure;
    out["threads"] = r.threads;
    out["scenario_origin"] = r.scenario_origin;
    out["price_model"] = r.price_model;
    out["cancelled"] = r.cancelled;
    out["seconds"] = io::json_number(r.seconds);
    out["spot"] = json{{"max_share", io::json_number(r.spot.max_share)},
                       {"shortage_premium", io::json_number(r.spot.shortage_premium)}};
    out["concentration_limit"] = io::json_number(r.report.concentration_limit);
    out["products"] = io::products_json(r.products, r.report);
    out["capital_at_risk"] = io::capital_json(r.capital);
    json positions = json::array();
    for (std::size_t k = 0; k < r.positions.size(); ++k) {
        const auto& p = r.positions[k];
        json j = json::object();
        j["deal_file"] = p.deal_file;
        j["project"] = p.deal.project.name;
        j["product"] = to_string(p.product());
        j["tonnes_per_tonne"] = io::json_number(p.tonnes_factor());
        j["mining_country"] = p.mining_country;
        j["processing_country"] = p.processing_country;
        j["offtakes"] = names(p.offtakes);
        j["prepayments"] = names(p.prepayments);
        j["equity"] = names(p.equity);
        j["guarantees"] = names(p.guarantees);
        j["result"] = k < r.projects.size() ? io::simulation_json(r.projects[k], &p.deal) : json(nullptr);
        positions.push_back(std::move(j));
    }
    out["positions"] = std::move(positions);
    return out;
}

}  // namespace io

std::string to_json(const PortfolioResult& r, int indent) { return io::json_text(io::portfolio_document(r), indent); }

}  // namespace offtake
