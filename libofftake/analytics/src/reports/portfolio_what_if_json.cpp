// The what-if JSON document (docs/json-output.md, "Portfolio what-if"): the signed
// portfolio as `offtake portfolio` writes it, its headline, and per change (removal,
// addition, stress) the headline after it, the paired differences with their standard
// errors, the differences per million committed, and its supply and capital in full.
#include <offtake/portfolio_what_if.hpp>
#include <offtake/result_json.hpp>

#include "reports/json_values.hpp"
#include "reports/portfolio_json_parts.hpp"

namespace offtake {

namespace {

using nlohmann::json;

constexpr const char* kMeasures[] = {"p_shortfall", "unmet_tonnes", "total_cost", "capital_loss"};

json headline_json(const PortfolioHeadline& h) {
    return json{{"p_shortfall", io::estimate_json(h.p_shortfall)},
                {"unmet_tonnes", io::estimate_json(h.unmet_tonnes)},
                {"total_cost", io::estimate_json(h.total_cost)},
                {"capital_loss", io::estimate_json(h.capital_loss)}};
}

}  // namespace

std::string to_json(const WhatIfResult& r, int indent) {
    json out = json::object();
    out["kind"] = "portfolio_what_if";
    out["portfolio"] = io::portfolio_document(r.base);
    out["headline"] = headline_json(r.headline);
    json committed = json::array();
    for (double c : r.committed) committed.push_back(io::json_number(c));
    out["committed"] = std::move(committed);
    json candidates = json::array();
    for (std::size_t k = 0; k < r.candidates.size() && k < r.candidate_positions.size(); ++k) {
        const auto& p = r.candidate_positions[k];
        json j = json::object();
        j["deal_file"] = p.deal_file;
        j["project"] = p.deal.project.name;
        j["mining_country"] = p.mining_country;
        j["processing_country"] = p.processing_country;
        if (p.volume)
            j["volume_tpa"] = json{{"min", io::json_number(p.volume->min_tpa)}, {"max", io::json_number(p.volume->max_tpa)}};
        j["result"] = io::simulation_json(r.candidates[k], &p.deal);
        candidates.push_back(std::move(j));
    }
    out["candidates"] = std::move(candidates);
    json changes = json::array();
    for (const auto& ch : r.changes) {
        json j = json::object();
        j["kind"] = to_string(ch.kind);
        j["label"] = ch.label;
        j["index"] = ch.index;
        j["committed"] = io::json_number(ch.committed);
        j["after"] = headline_json(ch.after);
        j["difference"] = headline_json(ch.difference);
        json per = json::object();
        for (const char* m : kMeasures) per[m] = io::json_number(per_million_committed(ch, m));
        j["difference_per_million_committed"] = std::move(per);
        j["products"] = io::products_json(ch.products, r.base.report);
        j["capital_at_risk"] = io::capital_json(ch.capital);
        changes.push_back(std::move(j));
    }
    out["changes"] = std::move(changes);
    return io::json_text(out, indent);
}

}  // namespace offtake
